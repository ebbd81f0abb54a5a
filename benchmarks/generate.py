"""A realistic, valid workspace of any size, for running the real commands on (not a test fixture).

    .venv/bin/python benchmarks/generate.py DIR --meetings 360 --actions 10000
    .venv/bin/python benchmarks/generate.py DIR --boards 40 --meetings 2400 --actions 40000   # a whole council

Writes a git repository that passes `govdocs check`: the boards send-pb and hwb meeting in cycles over
the years (six meetings a year each), agendas with the boards' standing items, business items and a
paper, attendance, minutes with decisions for every meeting already held, actions spread over the
meetings with realistic statuses, RAG ratings and updates, forward plans and programme workstreams.
Files are written directly (one commit at the end): going through the command line would take hours
for ten years, and the point is the shape of the record, which `govdocs check` then vouches for.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govdocs.edit.standing import defaults  # noqa: E402
from govdocs.store import yamlio  # noqa: E402

FIRST_NAMES = ["Alex", "Sam", "Priya", "Tom", "Aisha", "Jo", "Chris", "Marta", "Ife", "Dan", "Ruth", "Omar",
               "Beth", "Kwame", "Lucy", "Raj", "Helen", "Femi", "Nina", "Paul"]
SURNAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal", "Jones", "Khan",
            "Lewis", "Morgan", "Nolan", "Owen", "Patel", "Quinn", "Roberts", "Singh", "Taylor"]
ROLES = ["Director of Children's Services", "Head of SEND", "Designated Clinical Officer", "Headteacher",
         "Parent Carer Forum Chair", "Commissioning Manager", "Educational Psychologist", "Public Health Lead"]
TOPICS = ["High needs budget", "EHCP timeliness", "Therapies review", "Post 16 provision", "Transitions to adult services",
          "Home to school travel", "Local offer", "Inclusion in mainstream schools", "Workforce development",
          "Joint commissioning", "Parent carer survey", "Annual reviews", "Early intervention", "Autism pathway"]
ACTION_VERBS = ["Circulate", "Report back on", "Review", "Bring a paper on", "Share the data on", "Draft a plan for",
                "Meet partners about", "Update the dashboard for"]
RAGS = ["red", "amber", "light-green", "dark-green"]
BOARDS = {"send-pb": "SEND Partnership Board", "hwb": "Health and Wellbeing Board"}
# a whole council's committees beyond the two boards: (name, rules, executive), taken in turn
COMMITTEES = [("Cabinet", "principal", True), ("Planning Committee", "principal", False),
              ("Town Council", "parish", False), ("ICB Place Committee", "nhs", False),
              ("Community Safety Partnership", "partnership", False), ("Audit Committee", "principal", False),
              ("Licensing Committee", "principal", False), ("Parish Council", "parish", False),
              ("Children's Trust Board", "partnership", False), ("Adult Social Care Committee", "principal", False)]


def board_specs(n: int) -> dict[str, tuple[str, str, bool]]:
    """slug -> (name, rules, executive): send-pb and hwb, then committees of every kind."""
    specs = {"send-pb": (BOARDS["send-pb"], "partnership", False), "hwb": (BOARDS["hwb"], "principal", False)}
    for k in range(max(0, n - 2)):
        name, rules, executive = COMMITTEES[k % len(COMMITTEES)]
        round_ = k // len(COMMITTEES)
        specs[f"{name.lower().replace(' ', '-').replace(chr(39), '')}{'-' + str(round_ + 1) if round_ else ''}"] = (
            f"{name}{' ' + str(round_ + 1) if round_ else ''}", rules, executive)
    return dict(list(specs.items())[:max(n, 1)])
PAPER = ROOT / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf"


def initials_of(i: int) -> str:
    return FIRST_NAMES[i % 20][0] + SURNAMES[(i // 20) % 20][0] + ("" if i < 400 else str(i // 400))


def meeting_dates(n: int, start_year: int, boards: list[str] | None = None) -> list[tuple[str, str]]:
    """n meetings shared among the boards, six a year each: send-pb on the third Thursday of odd months, hwb
    of even months, every other board on its own weekday and week."""
    boards = boards or ["send-pb", "hwb"]
    out = []
    year, month = start_year, 1
    while len(out) < n:
        for k, board in enumerate(boards):
            d = dt.date(year, month + k % 2, 15 if k < 2 else 1 + 7 * (k // 2 % 4))
            d += dt.timedelta(days=((3 if k < 2 else k % 4) - d.weekday()) % 7)  # Thursday; others Mon-Thu
            out.append((board, d.isoformat()))
        month += 2
        if month > 11:
            year, month = year + 1, 1
    return sorted(out[:n], key=lambda x: x[1])


def write(path: Path, data) -> None:
    yamlio.atomic_write(path, yamlio.dump(data))


def generate(root: Path, n_meetings: int, n_actions: int, seed: int = 1, n_boards: int = 2) -> dict:
    rnd = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    specs = board_specs(n_boards)
    years = max(1, n_meetings // (6 * len(specs)))
    start_year = dt.date.today().year - years + 1
    people = {initials_of(i): {"name": f"{FIRST_NAMES[i % 20]} {SURNAMES[(i // 20) % 20]}",
                               "role": ROLES[i % len(ROLES)], "org": "Testshire"} for i in range(40 + 10 * len(specs))}
    initials = sorted(people)
    write(root / "govdocs.yaml", {"council": "Testshire Council", "default_board": "send-pb"})
    write(root / "people.yaml", people)
    yamlio.atomic_write(root / ".gitignore", ".govdocs/\nbuild/\n")
    members = {"send-pb": initials[:20], "hwb": initials[15:35]}
    for k, slug in enumerate(list(specs)[2:]):
        start = (35 + 10 * k) % (len(initials) - 15)
        members[slug] = initials[start:start + 15]
    rules_of = {slug: rules for slug, (_, rules, _) in specs.items()}
    for slug, (name, rules, executive) in specs.items():
        write(root / "boards" / slug / "board.yaml", {
            "slug": slug, "name": f"Testshire {name}", "reports_to": "hwb" if slug == "send-pb" else None,
            "rules": rules, "quorum": 5, **({"executive": True} if executive else {}),
            "members": [{"initials": i, "chair": True} if n == 0 else {"initials": i}
                        for n, i in enumerate(members[slug])],
            "standing_items": defaults(rules),
        })
    today = dt.date.today().isoformat()
    dates = meeting_dates(n_meetings, start_year, list(specs))
    business: dict[tuple[str, str], list[str]] = {}
    for board, day in dates:
        business[(board, day)] = write_meeting(root, rnd, board, day, members[board], today, rules_of[board])
    write_actions(root, rnd, dates, business, members, n_actions, today)
    write_plans(root, rnd, dates, members, today, list(specs))
    return {"meetings": len(dates), "actions": n_actions, "people": len(people), "boards": len(specs)}


def write_meeting(root: Path, rnd: random.Random, board: str, day: str, members: list[str], today: str,
                  rules: str) -> list[str]:
    """One meeting: agenda, and for a meeting already held, attendance and minutes. Returns its business items."""
    folder = root / "meetings" / board / day
    standing = defaults(rules)
    start = [dict(s) for s in standing if s["position"] != "end"]
    end = [dict(s) for s in standing if s["position"] == "end"]
    topics = rnd.sample(TOPICS, 4)
    items = [{k: v for k, v in s.items() if k != "position"} for s in start]
    for t in topics:
        items.append({"title": t, "presenters": [rnd.choice(members)], "purpose": rnd.choice(["To note", "To consider"])})
    items[len(start)]["papers"] = [{"file": "papers/report.pdf", "title": topics[0]}]
    items += [{k: v for k, v in s.items() if k != "position"} for s in end]
    for n, it in enumerate(items, start=1):
        it["number"] = n
    held = day < today
    data = {"board": board, "date": day, "start": "14:00", "end": "16:00", "venue": "Guildhall",
            "chair": members[0], "status": "minutes-approved" if held else "scheduled", "items": items}
    if held:
        data["agenda_published"] = (dt.date.fromisoformat(day) - dt.timedelta(days=16)).isoformat()  # out in time, Easter and Christmas or not
    write(folder / "meeting.yaml", data)
    (folder / "papers").mkdir(parents=True, exist_ok=True)
    (folder / "papers" / "report.pdf").write_bytes(PAPER.read_bytes())
    numbers = [str(it["number"]) for it in items if "kind" not in it]
    if held:
        away = set(rnd.sample(members[2:], 3))  # the chair and the seconder were there
        write(folder / "attendance.yaml", {"present": [m for m in members if m not in away],
                                           "apologies": sorted(away), "public": rnd.randint(0, 6)})
        minutes = {"items": {}}
        for n in numbers:
            minutes["items"][n] = {"text": f"The Board discussed the report on {items[int(n) - 1]['title'].lower()}.",
                                   "resolved": [{"text": "That the report be noted.", "proposer": members[0],
                                                 "seconder": members[1], "vote": "unanimous"}]}
        write(folder / "minutes.yaml", minutes)
    return numbers


def write_actions(root, rnd, dates, business, members, n_actions: int, today: str) -> None:
    held = [(b, d) for b, d in dates if d < today] or dates
    for i in range(n_actions):
        board, day = held[i % len(held)]
        item = business[(board, day)][i % len(business[(board, day)])]
        aid = f"{board.upper()}-{day}-{item}{chr(97 + (i // len(held)) % 26)}-{i:05d}"[:60]
        owner = rnd.choice(members[board])
        due = (dt.date.fromisoformat(day) + dt.timedelta(days=rnd.choice([28, 56, 84]))).isoformat()
        age = (dt.date.fromisoformat(today) - dt.date.fromisoformat(day)).days
        status = "done" if age > 200 or rnd.random() < 0.4 else rnd.choice(["open", "in-progress"])
        updates = [{"date": (dt.date.fromisoformat(day) + dt.timedelta(days=14)).isoformat(), "by": owner,
                    "text": "Work under way.", "rag": rnd.choice(RAGS[:3])}]
        data = {"id": aid, "board": board, "meeting": day, "item": item,
                "text": f"{rnd.choice(ACTION_VERBS)} the {rnd.choice(TOPICS).lower()}.", "owners": [owner], "due": due,
                "status": status, "rag": "completed" if status == "done" else updates[-1]["rag"], "updates": updates}
        if status == "done":
            done = min(today, (dt.date.fromisoformat(day) + dt.timedelta(days=rnd.randint(20, 120))).isoformat())
            data["completed"] = done
            updates.append({"date": done, "by": owner, "text": "Done.", "status": "done", "rag": "completed"})
        write(root / "actions" / board / f"{aid}.yaml", data)


def write_plans(root, rnd, dates, members, today, boards) -> None:
    for board in boards:
        upcoming = [d for b, d in dates if b == board and d >= today][:4]
        items = [{"title": f"Spotlight: {t}", "meeting": upcoming[n % len(upcoming)] if upcoming else None,
                  "lead": rnd.choice(members[board]), "purpose": "To consider"}
                 for n, t in enumerate(rnd.sample(TOPICS, 6))]
        items.append({"title": "Annual report", "lead": members[board][0]})
        write(root / "boards" / board / "forward-plan.yaml", {"board": board, "items": items})
    streams = []
    for n, t in enumerate(TOPICS[:5]):
        slug = t.lower().replace(" ", "-")
        streams.append(slug)
        write(root / "programmes/send-plan" / f"{slug}.yaml", {
            "slug": slug, "name": t, "lead": members["send-pb"][n], "rag": rnd.choice(RAGS), "updated": today,
            "progress": f"Work on {t.lower()} continues.", "next_steps": "Report to the next Board."})
    write(root / "programmes/send-plan/programme.yaml", {"name": "SEND Plan", "board": "send-pb", "order": streams})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--meetings", type=int, default=360)
    ap.add_argument("--actions", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--boards", type=int, default=2, help="Boards and committees (send-pb, hwb, then every kind).")
    ap.add_argument("--no-check", action="store_true", help="Skip `govdocs check` at the end.")
    args = ap.parse_args()
    if args.dir.exists() and any(args.dir.iterdir()):
        sys.exit(f"generate.py: {args.dir} is not empty")
    t = time.perf_counter()
    made = generate(args.dir, args.meetings, args.actions, args.seed, args.boards)
    env = {"GIT_AUTHOR_NAME": "Bench Clerk", "GIT_AUTHOR_EMAIL": "clerk@example.org",
           "GIT_COMMITTER_NAME": "Bench Clerk", "GIT_COMMITTER_EMAIL": "clerk@example.org"}
    import os

    env = dict(os.environ, **env)
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "Generated workspace"]):
        subprocess.run(cmd, cwd=args.dir, check=True, env=env)
    print(f"generated {made['boards']} boards, {made['meetings']} meetings, {made['actions']} actions, {made['people']} people "
          f"in {time.perf_counter() - t:.1f} s: {args.dir}")
    if not args.no_check:
        gd = Path(sys.executable).parent / "govdocs"
        r = subprocess.run([str(gd), "check"], cwd=args.dir, capture_output=True, text=True)
        print((r.stdout + r.stderr).strip().splitlines()[-1])
        if r.returncode != 0:
            print(r.stdout[:3000])
            sys.exit(1)


if __name__ == "__main__":
    main()
