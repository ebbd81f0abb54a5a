"""The README's examples, run as written, in order, in a fresh clone of the example workspace."""
from __future__ import annotations

import os
import re
import shlex
import subprocess

from conftest import ROOT, Gd

SECTIONS = ("## A clerk's week", "## A parish clerk's month", "## A board's house style", "## An action owner's week",
            "## An auditor's questions", "## Moving to govdocs")


def readme_commands(readme: str) -> list[tuple[str, str]]:
    """(section, command) for each command of the README's ```sh blocks in the sections above, in order."""
    out = []
    for part in re.split(r"(?m)^(?=## )", readme):
        title = part.splitlines()[0] if part else ""
        if not title.startswith(SECTIONS):
            continue
        for block in re.findall(r"```sh\n(.*?)```", part, re.S):
            for line in block.replace("\\\n", " ").splitlines():
                if line.strip() and not line.lstrip().startswith("#"):
                    out.append((title, line.strip()))
    return out


ASSIGN = re.compile(r"^([a-z_][a-z0-9_]*)=\$\((.*)\)$")


def expand(line: str, names: dict[str, str]) -> str:
    """The line with "$name" and $name replaced by what an earlier `name=$(...)` printed."""
    return re.sub(r'"?\$([a-z_][a-z0-9_]*)"?', lambda m: shlex.quote(names[m.group(1)]), line)


def run_readme(clone) -> dict:
    """Run the README's commands in order in `clone`, as a shell would (cd, export, name=$(...)); the
    names the commands set."""
    env = dict(os.environ, GIT_AUTHOR_NAME="Test Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
               GIT_COMMITTER_NAME="Test Clerk", GIT_COMMITTER_EMAIL="clerk@example.org")
    commands = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert len(commands) > 30 and {s for s, _ in commands} == set(SECTIONS)
    folder, names, exported = clone, {}, {}
    for section, line in commands:
        assign = ASSIGN.match(line)
        name, line = (assign.group(1), assign.group(2)) if assign else (None, line)
        words = shlex.split(expand(line, names), comments=True)
        if words[0] == "cd":
            folder = (folder / words[1]).resolve()
            assert folder.is_relative_to(clone)
            continue
        if words[0] == "export":
            exported.update(w.split("=", 1) for w in words[1:])
            continue
        if words[0] == "govdocs":
            r = Gd(folder)(*words[1:], ok=False, env=exported)
            assert r.exit_code == 0, f"{section}: {line}\n{r.output}"
            out = r.stdout
        else:
            p = subprocess.run(expand(line, names), shell=True, cwd=folder, env=dict(env, **exported),
                               capture_output=True, text=True)
            assert p.returncode == 0, f"{section}: {line}\n{p.stdout}{p.stderr}"
            out = p.stdout
        if name:
            names[name] = out.strip()
    return names


def test_the_readme_runs_as_written_and_does_what_it_says(tmp_path):
    clone = tmp_path / "clone"
    # a fresh clone of what is committed, as a clerk would get it
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    names = run_readme(clone)
    from govdocs.store.workspace import Workspace

    ws = Workspace(clone)
    march = ws.meeting("send-pb", "2020-03-19")
    therapies = march.item(names["therapies"])
    assert therapies.title == "Therapies Planning Discussion"  # the minute and the action land on the item meant
    minute = march.minutes[therapies.number]
    assert minute.text == "The Board discussed the therapies plan."
    assert [d.text for d in minute.decisions] == ["That the therapies plan be endorsed."]
    others = [n for n, m in march.minutes.items() if n != therapies.number and "therapies" in (m.text or "")]
    assert others == []
    raised = [a for a in ws.actions if a.meeting == "2020-03-19" and a.text == "Circulate the therapies business case"]
    assert [a.item for a in raised] == [therapies.number]
    from govdocs.reports import reports_of

    dashboard = reports_of(ws, march)[names["dashboard"]]  # returned once, then cleared by both on the new draft
    assert [(c.role, c.by, c.outcome) for c in dashboard.clearances] == [("legal", "MM", "cleared"),
                                                                          ("director", "PM", "cleared")]
    who = subprocess.run(["git", "log", "--format=%an", "--", f"meetings/send-pb/2020-03-19/reports/{names['dashboard']}"],
                         cwd=clone, capture_output=True, text=True, check=True).stdout.split()
    assert " ".join(who).count("Pauline Maddison") == 2 and " ".join(who).count("Marian Morrison") == 2
    post16 = march.item(names["post16"])
    assert post16.title == "Post 16 Provision" and post16.withdrawn == "Report not ready"
    assert [i.title for i in march.items if i.withdrawn] == ["Post 16 Provision"]
    # corrections: the retitled item is the Transitions report, and the Annual report is the one removed
    may = ws.meeting("send-pb", "2020-05-28")
    titles = [i.title for i in may.items]
    assert "Transitions to Adult Services" in titles and "Annual report" not in titles
    assert next(i for i in may.items if i.title == "Transitions to Adult Services").presenters == ["ST"]
    assert ws.meeting("send-pb", "2020-05-21").cancelled.startswith("Moved to")
    # the parish: matters arising under the approval of the minutes (20/70), planning under its own item
    parish = Workspace(clone / "examples/east-farleigh")
    sept = parish.meeting("efpc", "2020-09-01")
    from govdocs.minute_numbers import printed_numbers

    printed = printed_numbers(parish, sept)
    at = {printed[n]: (sept.item(n).title, m) for n, m in sept.minutes.items()}
    assert at["20/70"][0] == "Minutes of the Previous Meeting" and "Matters arising" in at["20/70"][1].text
    assert "approved" in at["20/70"][1].decisions[0].text
    planning = sept.item(names["planning"])
    assert planning.title == "Planning: notified applications"
    assert "No planning applications" in sept.minutes[planning.number].text
    assert [printed[a.item] for a in parish.actions if a.meeting == "2020-09-01"] == ["20/70"]

    # corrections: the person entered by mistake is gone, the new member joined between meetings
    assert "ZZ" not in ws.people and ws.board("send-pb").member("KB").joined == "2020-04-15"
    assert ws.workstream("wsoa-annual-reviews").name == "Annual Reviews and Transitions"
    # the house style: the part prints as the board writes it, and so does everything else on the page
    hwb = ws.meeting("hwb", "2020-03-26")
    assert names["healthwatch"] == names["report"] + "(a)"
    from govdocs.render import context

    minutes = context.build(ws, "minutes", hwb)
    row = next(r for r in minutes["items"] if r["number"] == names["report"])
    assert row["sub"][0]["label"] == names["healthwatch"] and row["sub"][0]["title"] == "Healthwatch update"
    assert [d["text"] for d in row["decisions"]] == ["RESOLVED – that the Co-Chairs' report be noted."]
    groups = [(g["heading"], [p["initials"] for p in g["people"]]) for g in minutes["attendance_groups"]]
    assert groups == [("Present", ["IL", "TM", "JT"]), ("Other Members present", ["AS"]), ("Apologies", ["ST"])]
    assert minutes["other_members"][0]["marks"] == " (arrived 7.47pm)"
    questions = next(r for r in minutes["items"] if r["title"] == "Questions")
    assert questions["participation"][0]["heading"] == "Question from A Kingston resident"
    assert next(r for r in minutes["items"] if r["title"].startswith("Urgent"))["none"] == "None."


def test_the_readme_import_makes_the_meeting_the_minutes_print(tmp_path):
    """"Moving to govdocs": a new workspace's board gets the meeting, its people and its actions from the
    published minutes, one commit for the file."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True, capture_output=True)
    run_readme(clone)
    from govdocs.store.workspace import Workspace

    ws = Workspace(clone / "newcouncil")
    m = ws.meeting("send-pb", "2019-11-14")
    assert len(m.attendance.present) == 26 and len(m.attendance.apologies) == 7 and m.chair == "IT"
    assert ws.people["CD"].name == "Claire Deadman" and ws.people["PMS"].name == "Peter Mayhew-Smith"
    assert [i.number for i in m.items] == [str(n) for n in range(1, 9)]
    # NG, in the Action column beside item 5, is named nowhere else in these minutes: no person is invented
    assert sorted((a.item, a.owners[0]) for a in ws.actions) == [("5", "ID"), ("8", "AW")]
    assert (clone / "newcouncil/meetings/send-pb/2019-11-14/source/kingston-send-pb-2019-11-14.txt").is_file()
