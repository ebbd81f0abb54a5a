"""Setting up: a new workspace, boards with their standing items, people and memberships."""
from __future__ import annotations

import re
from pathlib import Path

from govdocs.errors import GovdocsError, NotFound, UsageProblem, WorkspaceError
from govdocs.model import one_line
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import CONFIG, Workspace

SLUG = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
INITIALS = re.compile(r"^[A-Z][A-Za-z-]{0,5}[0-9]?$")

PUBLIC_INFORMATION = (
    "All meetings have access for people who may have mobility difficulties. A large print copy of the "
    "agenda can be requested in advance. Residents and journalists wishing to film the meeting are asked "
    "to give advance notice. Agenda, reports and minutes are open to inspection for six years after the "
    "meeting."
)


def check_slug(slug: str) -> str:
    if not SLUG.match(slug or ""):
        raise UsageProblem(f"board slug {slug!r} should be short lower-case letters, digits and hyphens (send-pb)")
    return slug


def check_initials(initials: str) -> str:
    if not INITIALS.match(initials or ""):
        raise UsageProblem(f"initials {initials!r} should be 1-6 letters starting with a capital (IT, PMS, JSL)")
    return initials


def init_workspace(path: Path, council: str, default_board: str | None = None) -> Workspace:
    """A new workspace: govdocs.yaml, a .gitignore, a git repository and the first commit."""
    import git

    path = Path(path)
    if (path / CONFIG).exists():
        raise WorkspaceError(f"{path} is already a govdocs workspace")
    if not council.strip():
        raise UsageProblem("--council must name the council, e.g. --council 'Royal Borough of Kingston upon Thames'")
    history.check_identity(path)  # before anything is made: a refused init leaves nothing behind
    made = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    created_repo = not (path / ".git").exists()
    if created_repo:
        git.Repo.init(path)
    else:
        history.repo(path)  # refuses a folder inside a broken repository
    config = {"council": council, "default_board": default_board, "format": 1}
    files = {
        path / CONFIG: "# govdocs workspace settings\n" + yamlio.dump(yamlio.to_yaml(config)),
        path / ".gitignore": "# govdocs: local caches, locks, rendered output and reminders (live sign-in links)\n/.govdocs/\n/build/\n/site/\n/outbox/\n",
    }
    try:
        for p, text in files.items():
            if not p.exists():
                yamlio.atomic_write(p, text)
        history.commit(path, [p for p in files], f"Workspace created for {council}\n\n"
                       + history.trailer("workspace", council.replace(" ", "_")))
        from govdocs.store.merge import install

        install(path)
    except GovdocsError:
        for p in files:
            p.unlink(missing_ok=True)
        if created_repo:
            import shutil
            shutil.rmtree(path / ".git", ignore_errors=True)
        for folder in made:  # deepest first: only the folders init itself made, and only if empty
            try:
                folder.rmdir()
            except OSError:
                break
        raise
    return Workspace(path)


def add_board(ws: Workspace, slug: str, name: str, reports_to: str | None = None, questions: bool = False,
              rules: str = "principal", executive: bool = False) -> Change:
    from govdocs.edit import standing
    from govdocs.rules import RULES, check_kind

    check_slug(slug)
    check_kind(rules)
    if slug in ws.boards:
        raise UsageProblem(f"board {slug!r} already exists")
    if not name.strip():
        raise UsageProblem("--name must give the board's full name")
    if reports_to:
        ws.board(reports_to)
    data = {
        "slug": slug, "name": name, "reports_to": reports_to, "rules": rules, "executive": executive,
        "minute_numbering": "meeting",
        "members": [],
        "standing_items": standing.defaults(rules, questions),
        "public_information": PUBLIC_INFORMATION,
    }
    if RULES[rules].states_publication:
        data["publication"] = {"clear_days": 5, "count": "working"}  # where a constitution differs, edit here
    ch = Change(ws, f"Board {slug} added: {name}", history.trailer("board", slug, action="add"))
    ch.put_yaml(ws.board_path(slug), yamlio.to_yaml(data))
    ch.put_yaml(ws.forward_plan_path(slug), yamlio.to_yaml({"board": slug, "items": []}))
    if not ws.default_board:
        cfg = ch.edit(ws.root / CONFIG)
        cfg["default_board"] = slug
    return ch


def check_person_fields(values: dict) -> None:
    """A person's name, role, organisation and e-mail go into mail headers, documents and pages: one line
    each, no control characters; an address is one address."""
    for key, value in values.items():
        if value and not one_line(str(value)):
            raise UsageProblem(f"--{key} must be one line of text, without line breaks or control characters")
    email = values.get("email") or ""
    if email and not re.fullmatch(r"[^\s@,;<>()\"]+@[^\s@,;<>()\"]+\.[^\s@,;<>()\"]+", email):
        raise UsageProblem(f"--email {email!r} is not one e-mail address (e.g. jo.king@example.gov.uk)")


def add_person(ws: Workspace, initials: str, name: str, role: str = "", org: str = "", email: str = "",
               note: str = "") -> Change:
    check_initials(initials)
    check_person_fields({"name": name, "role": role, "org": org, "email": email, "note": note})
    if initials in ws.people:
        raise UsageProblem(f"initials {initials} are already used by {ws.people[initials].display_name}; "
                           "initials must be unique in the workspace")
    if not name.strip():
        raise UsageProblem("--name must give the person's full name")
    ch = Change(ws, f"Person {initials} added: {name}", history.trailer("person", initials, action="add"))
    doc = ch.edit(ws.people_path, default=dict)
    entry = yamlio.to_yaml({"name": name, "role": role, "org": org, "email": email, "note": note})
    keys = list(doc.keys())
    # kept in alphabetical order, so that two clerks adding two people rarely touch the same lines
    pos = next((i for i, k in enumerate(keys) if str(k) > initials), len(keys))
    doc.insert(pos, yamlio.key(initials), entry)
    return ch


GROUP = re.compile(r"^[a-z][a-z-]{0,30}$")


def add_member(ws: Workspace, board_slug: str, initials: str, chair: bool = False,
               substitutes: list[str] | None = None, role: str = "", voting: bool | None = None,
               group: str = "", joined: str = "") -> Change:
    """Make a person a member; with `joined`, from that date (a member who joins between meetings): earlier
    meetings do not count them, for their quorum or their lists."""
    from govdocs.dates import parse_date

    board = ws.board(board_slug)
    joined = parse_date(joined, "--from").isoformat() if joined else ""
    ws.person(initials)
    for s in substitutes or []:
        ws.person(s)
    ch = Change(ws, f"{initials} added to {board.slug}" + (" as chair" if chair else ""),
                history.trailer("member", f"{board.slug}/{initials}", action="add"))
    doc = ch.edit(ws.board_path(board.slug))
    members = yamlio.list_in(doc, "members")
    existing = next((m for m in members if isinstance(m, dict) and m.get("initials") == initials), None)
    if group and not GROUP.match(group):
        raise UsageProblem(f"--group {group!r} should be a short lower-case word, e.g. executive or non-executive")
    if existing is not None and existing.get("left") and joined:
        raise UsageProblem(f"{initials} left {board.slug} on {existing.get('left')}; a member who comes back is "
                           "entered by hand in board.yaml for now")
    if existing is not None and not chair and not substitutes and voting is None and not group and not role \
            and not joined:
        raise UsageProblem(f"{initials} is already a member of {board.slug}")
    co_chairs = chair and any(isinstance(m, dict) and m.get("chair") and m.get("initials") != initials
                              and not m.get("left") for m in members)  # a second chair makes co-chairs
    if existing is None:
        existing = yamlio.to_yaml({"initials": initials})
        members.append(existing)
        ch.message = f"{initials} added to {board.slug}" + (" as chair" if chair else "")
    else:
        ch.message = f"{initials}'s membership of {board.slug} changed"
    if chair:
        existing["chair"] = True
        if co_chairs:
            ch.message += " (co-chair)"
    if voting is False:
        existing["voting"] = False
    elif voting is True and "voting" in existing:
        del existing["voting"]
    if role:
        existing["role"] = role
    if group:
        existing["group"] = group
    if joined:
        existing["joined"] = yamlio.to_yaml(joined)
        ch.message += f" from {joined}"
    if substitutes:
        subs = existing.get("substitutes") or yamlio.to_yaml([])
        for s in substitutes:
            if s not in subs:
                subs.append(s)
        existing["substitutes"] = subs
    return ch


def require_person(ws: Workspace, initials: str, what: str = "initials") -> str:
    if initials not in ws.people:
        raise NotFound(f"unknown {what} {initials!r}: no such person in people.yaml "
                       f"(add them with 'govdocs person add {initials} --name ...')")
    return initials


PERSON_FIELDS = ("name", "role", "org", "email")


def edit_person(ws: Workspace, initials: str, **values: str | None) -> Change:
    """Correct a person's name, role, organisation or e-mail: one line of people.yaml each.

    Minutes of meetings already held keep the role the person had then (attendance records it)."""
    ws.person(initials)
    given = {k: v for k, v in values.items() if v is not None and k in PERSON_FIELDS}
    if not given:
        raise UsageProblem("say what changes: --name, --role, --org or --email")
    if "name" in given and not given["name"].strip():
        raise UsageProblem("--name cannot be empty")
    check_person_fields(given)
    ch = Change(ws, f"Person {initials} edited: {', '.join(given)}",
                history.trailer("person", initials, action="edit"))
    doc = ch.edit(ws.people_path)
    entry = doc[next(k for k in doc if str(k) == initials)]
    for key, value in given.items():
        entry[key] = yamlio.to_yaml(value)
    return ch


def remove_member(ws: Workspace, board_slug: str, initials: str, day: str | None = None) -> Change:
    """A member leaves a board from a date; meetings before it still show them as a member."""
    from govdocs.dates import parse_date, today

    board = ws.board(board_slug)
    ws.person(initials)
    left = parse_date(day, "--from").isoformat() if day else today().isoformat()
    ch = Change(ws, f"{initials} leaves {board.slug} from {left}",
                history.trailer("member", f"{board.slug}/{initials}", action="remove", left=left))
    doc = ch.edit(ws.board_path(board.slug))
    entry = next((m for m in doc.get("members") or [] if isinstance(m, dict) and m.get("initials") == initials), None)
    if entry is None or entry.get("left"):
        raise NotFound(f"{initials} is not a current member of {board.slug}")
    entry["left"] = yamlio.to_yaml(left)
    return ch


def edit_board(ws: Workspace, slug: str, name: str | None = None, rules: str | None = None,
               executive: bool | None = None, clear_days: int | None = None, quorum: int | None = None,
               minute_numbering: str | None = None, year_starts: str | None = None,
               minute_format: str | None = None, rag_scale: str | None = None,
               quorum_needs: list[str] | None = None, clerk: str | None = None,
               clearance: list[tuple[str, str]] | None = None) -> Change:
    """Change a board's settings; each is one line of board.yaml, and every rule it implies is documented
    in govdocs/rules.py."""
    from govdocs.rules import check_kind

    board = ws.board(slug)
    ch = Change(ws, "", history.trailer("board", board.slug, action="edit"))
    doc = ch.edit(ws.board_path(board.slug))
    changed = []
    if name is not None:
        if not name.strip():
            raise UsageProblem("--name cannot be empty")
        doc["name"] = yamlio.to_yaml(name)
        changed.append("name")
    if rules is not None:
        from govdocs.edit import standing
        old = str(doc.get("rules") or "principal")
        doc["rules"] = check_kind(rules)
        if old != rules and standing.is_default(doc.get("standing_items"), old):
            # untouched standing items follow the kind of body; a clerk's own are left as they are
            questions = any(isinstance(s, dict) and s.get("kind") == "questions" for s in doc["standing_items"])
            doc["standing_items"] = yamlio.to_yaml(standing.defaults(rules, questions))
            changed.append("its standing items")
        if clear_days is None and isinstance(doc.get("publication"), dict):
            del doc["publication"]  # the kind's own notice rules apply, unless clear days are given too
        changed.append(f"rules {rules}")
    if executive is not None:
        doc["executive"] = executive
        changed.append("executive" if executive else "not an executive")
    if clear_days is not None:
        if not 0 <= clear_days <= 60:
            raise UsageProblem("--clear-days should be 0 to 60")
        pub = yamlio.map_in(doc, "publication")
        pub["clear_days"] = clear_days
        changed.append(f"{clear_days} clear days")
    if quorum is not None:
        if quorum < 0:
            raise UsageProblem("--quorum should be 0 or more")
        doc["quorum"] = quorum
        changed.append(f"quorum {quorum}")
    if minute_numbering is not None:
        if minute_numbering not in ("meeting", "year", "running"):
            raise UsageProblem("--minute-numbering should be meeting, year or running")
        doc["minute_numbering"] = minute_numbering
        changed.append(f"minutes numbered per {minute_numbering}")
    if year_starts is not None:
        from govdocs.store.schema import month_day

        if not month_day(year_starts):
            raise UsageProblem(f"--year-starts {year_starts!r} should be MM-DD, e.g. 05-01")
        doc["municipal_year_starts"] = yamlio.to_yaml(month_day(year_starts))
        changed.append(f"year starts {year_starts}")
    if minute_format is not None:
        from govdocs.minute_numbers import check_format

        if minute_format:
            doc["minute_format"] = yamlio.to_yaml(check_format(minute_format))
        else:
            doc.pop("minute_format", None)
        changed.append(f"minutes printed as {minute_format}" if minute_format else "minute format as the numbering's")
    if rag_scale is not None:
        if rag_scale not in ("five", "brag"):
            raise UsageProblem("--rag-scale should be five (red to completed) or brag (blue for complete)")
        doc["rag_scale"] = rag_scale
        changed.append(f"RAG scale {rag_scale}")
    if quorum_needs is not None:
        for g in quorum_needs:
            if not GROUP.match(g):
                raise UsageProblem(f"--quorum-needs {g!r} should be chair or a member group, e.g. executive")
        doc["quorum_needs"] = yamlio.to_yaml(list(quorum_needs))
        changed.append("quorum needs " + (", ".join(quorum_needs) or "nobody in particular"))
    if clerk is not None:
        if clerk:
            doc["clerk"] = require_person(ws, clerk, "clerk initials")
        else:
            doc.pop("clerk", None)
        changed.append(f"clerk {clerk}" if clerk else "no clerk named")
    if clearance is not None:
        for role, who in clearance:
            if not re.fullmatch(r"[a-z][a-z0-9-]{0,30}", role):
                raise UsageProblem(f"--clearance role {role!r} should be a short lower-case word: legal, finance …")
            require_person(ws, who, "clearer initials")
        settings = yamlio.map_in(doc, "reports")
        if clearance:
            settings["clearance"] = yamlio.to_yaml([{"role": r, "person": w} for r, w in clearance])
        else:
            settings.pop("clearance", None)
            if not settings:
                doc.pop("reports", None)
        changed.append("reports cleared by " + (", ".join(f"{w} ({r})" for r, w in clearance) or "nobody"))
    if not changed:
        raise UsageProblem("say what changes: --name, --rules, --executive, --clear-days, --quorum, "
                           "--minute-numbering, --year-starts, --minute-format, --rag-scale, --quorum-needs, "
                           "--clerk or --clearance")
    ch.message = f"Board {board.slug} edited: {', '.join(changed)}"
    return ch
