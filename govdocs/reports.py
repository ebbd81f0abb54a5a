"""Reports to a meeting: who owes each one, who must clear it, and where it stands against the publication
deadline. The record of a report is `meetings/BOARD/DATE/reports/ITEM/report.yaml`, beside its cover sheet
and the author's latest draft; its history is the git log of that folder."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.errors import RecordError, UsageProblem
from govdocs.model import Board, Meeting, Report

if TYPE_CHECKING:
    from govdocs.store.workspace import Workspace

STATES = ("awaited", "submitted", "returned", "cleared", "late")
ITEM_NUMBER = re.compile(r"^[0-9]{1,3}[a-z]?$")


def report_folder(ws: "Workspace", meeting: Meeting, item: str) -> Path:
    """The report's own folder; an item number is checked before it becomes part of a path."""
    if not ITEM_NUMBER.match(str(item)):
        raise RecordError(f"{item!r} is not an agenda item number (e.g. 5 or 3a)")
    return ws.inside(meeting.folder / "reports" / str(item), "report folder")


def reports_of(ws: "Workspace", meeting: Meeting) -> dict[str, Report]:
    """The meeting's reports by item number, read through the record's schema."""
    from govdocs.store import schema, yamlio

    out: dict[str, Report] = {}
    root = meeting.folder / "reports"
    if not root.is_dir():
        return out
    for path in sorted(root.glob("*/report.yaml")):
        if not ITEM_NUMBER.match(path.parent.name):
            continue
        raw = yamlio.read(path, ws.root)
        out[path.parent.name] = schema.load_report(raw, path, ws.root, ws.problems)
    return out


def clearers(ws: "Workspace", board: Board) -> list[tuple[str, str]]:
    """(role, initials) of those who must clear a report to this board: the board's list, else the council's."""
    return board.clearance or ws.clearance


def state_of(report: Report, roles: list[tuple[str, str]], today: dt.date) -> str:
    """awaited / late (nothing handed in; late once the due date has passed), returned (a clearer sent it
    back since the last upload), cleared (every role has cleared the latest upload), else submitted."""
    if not report.file:
        return "late" if report.due and today.isoformat() > report.due else "awaited"
    if any(c.outcome == "returned" for c in report.clearances):
        return "returned"
    done = {c.role for c in report.clearances if c.outcome == "cleared"}
    return "cleared" if all(role in done for role, _ in roles) else "submitted"


def holding_up(report: Report, roles: list[tuple[str, str]], state: str) -> list[str]:
    """Whoever the report is waiting for, with why: "PM (author)", "JB (legal)"."""
    if state in ("awaited", "late", "returned"):
        return [f"{report.author} (author)"]
    if state == "submitted":
        done = {c.role for c in report.clearances if c.outcome == "cleared"}
        return [f"{who} ({role})" for role, who in roles if role not in done]
    return []


def cleared_by(report: Report) -> list[dict]:
    """Who has cleared the latest draft, and when: [{role, person, at}]."""
    return [{"role": c.role, "person": c.by, "at": c.at} for c in report.clearances if c.outcome == "cleared"]


def report_deadline(board: Board, meeting: Meeting) -> str:
    from govdocs.calendar import report_deadline as due

    return due(board, dt.date.fromisoformat(meeting.date)).isoformat()


def role_of(roles: list[tuple[str, str]], role: str) -> str:
    """The person who clears for `role`; refuse a role the board does not name."""
    for r, who in roles:
        if r == role:
            return who
    named = ", ".join(r for r, _ in roles) or "none (set `clearance:` in the board's board.yaml or govdocs.yaml)"
    raise UsageProblem(f"no one clears reports as {role!r} for this board; the roles are: {named}")


def meetings_with_reports(ws: "Workspace", board: str | None = None) -> list[Meeting]:
    """Meetings from today on (today's included) that have reports, each board's in date order."""
    from govdocs.dates import today

    now = today().isoformat()
    slugs = [board] if board else sorted(ws.boards)
    return [ws.meeting(s, d) for s in slugs for d in ws.meeting_dates(s)
            if d >= now and (ws.meeting_folder(s, d) / "reports").is_dir()]


def report_rows(ws: "Workspace", meeting: Meeting) -> tuple[list[dict], str, int]:
    """The clerk's view of one meeting's reports, with the publication deadline and the days left to it."""
    from govdocs.calendar import publication_deadline
    from govdocs.dates import today

    board = ws.board(meeting.board)
    roles = clearers(ws, board)
    now = today()
    deadline = publication_deadline(board, dt.date.fromisoformat(meeting.date))
    rows = []
    for item, report in reports_of(ws, meeting).items():
        it = meeting.item(item)
        state = state_of(report, roles, now)
        waiting = holding_up(report, roles, state)
        if state == "returned":
            waiting += [f"returned by {c.by}: {c.note}" for c in report.clearances if c.outcome == "returned"]
        rows.append({"board": meeting.board, "meeting": meeting.date, "item": item,
                     "title": "(exempt report)" if it is None or it.is_exempt else it.title,
                     "author": report.author, "due": report.due, "state": state, "waiting": ", ".join(waiting),
                     "cleared_by": cleared_by(report), "file": report.file, "uploaded": report.uploaded})
    return rows, deadline.isoformat(), (deadline - now).days


DRAFT_MARK = "Draft — not cleared"


def with_reports(ws: "Workspace", meeting: Meeting, policy: str = "refuse") -> tuple[Meeting, list[dict]]:
    """The meeting with each report handed in as the first paper of its item, and what the manifest says of
    each (who cleared it, when). `policy`: "refuse" stops at a report not yet cleared; "draft" takes it in,
    its title marked "Draft — not cleared"; "cleared" (the public site) leaves it out."""
    from dataclasses import replace

    from govdocs.dates import today
    from govdocs.model import Paper

    reports = reports_of(ws, meeting) if policy != "none" else {}
    if not reports:  # "none": the meeting's papers already hold its reports (a supplement's)
        return meeting, []
    roles = clearers(ws, ws.board(meeting.board))
    papers: dict[str, Paper] = {}
    manifest = []
    for item, report in reports.items():
        state = state_of(report, roles, today())
        it = meeting.item(item)
        if it is None or it.withdrawn:
            continue
        if state != "cleared":
            if policy == "refuse" or (policy == "draft" and not report.file):
                waiting = ", ".join(holding_up(report, roles, state))
                raise UsageProblem(f"the report for item {item} is {state} (waiting for {waiting}); the pack takes "
                                   "cleared reports only (--draft takes it in marked \"Draft — not cleared\")")
            if policy == "cleared":
                continue
        title = it.title if state == "cleared" else f"{it.title} ({DRAFT_MARK})"
        papers[item] = Paper(file=f"reports/{item}/{report.file}", title=title)
        manifest.append({"item": item, "file": report.file, "state": state, "uploaded": report.uploaded,
                         "cleared_by": cleared_by(report)})

    def fold(items):
        return [replace(i, papers=([papers[i.number]] if i.number in papers else []) + list(i.papers),
                        sub_items=fold(i.sub_items)) for i in items]
    return replace(meeting, items=fold(meeting.items)), manifest


def report_problems(ws: "Workspace", meeting: Meeting) -> list[tuple[Path, tuple, str]]:
    """What `check` says of a meeting's reports: (file, keys, problem)."""
    from govdocs.papers import paper_problem

    out: list[tuple[Path, tuple, str]] = []
    board = ws.board(meeting.board)
    for role, who in clearers(ws, board):
        if who not in ws.people:
            where = board.path if board.clearance else ws.root / "govdocs.yaml"
            out.append((where or ws.root, ("clearance", role), f"unknown clearer initials {who!r} (not in people.yaml)"))
    for item, r in reports_of(ws, meeting).items():
        path = r.path or meeting.folder
        it = meeting.item(item)
        if it is None:
            out.append((path, ("item",), f"a report for item {item}, which is not on the agenda"))
        for key, who in [("author", r.author), ("lead", r.lead), ("uploaded_by", r.uploaded_by)] + \
                [(("clearances", i, "by"), c.by) for i, c in enumerate(r.clearances)]:
            if who and who not in ws.people:
                out.append((path, key if isinstance(key, tuple) else (key,),
                            f"unknown {key if isinstance(key, str) else 'clearer'} initials {who!r} (not in people.yaml)"))
        draft = path.parent / r.file if r.file else None
        if draft is not None and not draft.is_file():
            out.append((path, ("file",), f"the report's file {r.file} is missing from {ws.rel(path.parent)}"))
        elif draft is not None and (problem := paper_problem(draft)):
            out.append((path, ("file",), f"report {problem}"))
    return out


def reports_for(ws: "Workspace", initials: str, clerk: bool = False) -> list[dict]:
    """"My reports": those this person writes or clears (a clerk: every report), for meetings from today on
    and any not yet cleared, the soonest meeting first, with whom each is waiting for."""
    from govdocs.dates import long_date, today

    now = today()
    rows = []
    folders = sorted({(p.parts[-5], p.parts[-4]) for p in (ws.root / "meetings").glob("*/*/reports/*/report.yaml")})
    for slug, date in folders:  # each meeting's reports read once
        if slug not in ws.boards:
            continue
        try:
            meeting = ws.meeting(slug, date)
        except RecordError:
            continue
        roles = clearers(ws, ws.boards[slug])
        for report in reports_of(ws, meeting).values():
            you = (["author"] if report.author == initials else []) + [r for r, w in roles if w == initials]
            state = state_of(report, roles, now)
            if not (you or clerk) or (meeting.date < now.isoformat() and state == "cleared"):
                continue
            it = meeting.item(report.item)
            rows.append({"board": slug, "board_name": ws.boards[slug].name, "date": meeting.date,
                         "date_long": long_date(meeting.date), "item": report.item,
                         "title": it.title if it else f"Item {report.item}", "due": report.due, "state": state,
                         "late": state == "late", "you": ", ".join(you) or "clerk",
                         "waiting": ", ".join(holding_up(report, roles, state))})
    return sorted(rows, key=lambda r: (r["date"], r["board"], r["item"]))


def reports_owed(ws: "Workspace", days: int) -> dict[str, list[dict]]:
    """{initials: what they owe}: authors, their reports awaited, late or returned, due within `days`; officers,
    the drafts waiting for their clearance. For the meetings to come; an exempt report's title is kept out."""
    from govdocs.dates import long_date, today

    now = today()
    limit = (now + dt.timedelta(days=days)).isoformat()
    out: dict[str, list[dict]] = {}
    for slug in sorted(ws.boards):
        roles = clearers(ws, ws.boards[slug])
        for date in ws.meeting_dates(slug):
            if date < now.isoformat() or not (ws.meeting_folder(slug, date) / "reports").is_dir():
                continue
            meeting = ws.meeting(slug, date)
            for item, report in reports_of(ws, meeting).items():
                it = meeting.item(item)
                state = state_of(report, roles, now)
                row = {"board": ws.boards[slug].name, "meeting": long_date(date), "item": item, "due": report.due,
                       "title": "an exempt report" if it is None or it.is_exempt else it.title, "state": state,
                       "late": state == "late", "exempt": bool(it is None or it.is_exempt)}
                if state in ("awaited", "late", "returned") and (report.due <= limit or state != "awaited"):
                    note = next((c.note for c in report.clearances if c.outcome == "returned"), "")
                    out.setdefault(report.author, []).append({**row, "owes": "returned to you: " + note
                                                              if state == "returned" else "to write"})
                elif state == "submitted":
                    done = {c.role for c in report.clearances if c.outcome == "cleared"}
                    for role, who in roles:
                        if role not in done:
                            out.setdefault(who, []).append({**row, "owes": f"to clear as {role}"})
    return out


def lateness_lines(ws: "Workspace", board: str, date: str) -> list[str]:
    """For `deadlines`: each report that is late (since the day after it was due), and each one that went out
    after the agenda, in which supplement."""
    from govdocs.dates import long_date, today

    if not (ws.meeting_folder(board, date) / "meeting.yaml").is_file():
        return []
    meeting = ws.meeting(board, date)
    roles = clearers(ws, ws.board(board))
    out = []
    for item, report in reports_of(ws, meeting).items():
        if state_of(report, roles, today()) == "late":
            since = dt.date.fromisoformat(report.due) + dt.timedelta(days=1)
            out.append(f"Late: the report for item {item} ({report.author}) was due {long_date(report.due)}; "
                       f"late since {long_date(since)}")
    for s in meeting.supplements:
        out.append(f"Supplementary agenda {s.number}, {long_date(s.published)}: item{'s' if len(s.items) != 1 else ''} "
                   f"{', '.join(s.items)}, after the agenda went out ({s.reason})")
    return out
