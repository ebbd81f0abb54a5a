"""The changes of a report's life, each one commit in the name of whoever made it: the clerk sets it up
(`report new`), the author hands in drafts (`report submit`, or "My reports" on the web), and the named
officers clear it or send it back (`report clear`). A new draft wipes the clearances of the last one."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from govdocs.dates import today
from govdocs.errors import NotFound, UsageProblem
from govdocs.model import Meeting, Report
from govdocs.papers import paper_problem
from govdocs.reports import clearers, report_deadline, report_folder, reports_of, role_of
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace

DRAFT_KINDS = (".docx", ".odt", ".pdf")


def in_the_name_of(ws: Workspace, ch: Change, initials: str) -> Change:
    """The commit is the person's (git's author), whoever typed the command (git's committer)."""
    p = ws.people.get(initials)
    if p is not None:
        ch.author = (p.display_name, p.email or f"{p.initials}@govdocs.invalid")
    return ch


def what_report(meeting: Meeting, item: str) -> str:
    """How commit messages name the report: an exempt item's title never goes into the public log."""
    it = meeting.item(item)
    if it is None:
        raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item {item}")
    return f"the exempt report for item {item}" if it.is_exempt else f"the report for item {item} ({it.title})"


def existing(ws: Workspace, meeting: Meeting, item: str) -> Report:
    report = reports_of(ws, meeting).get(str(item))
    if report is None:
        raise NotFound(f"item {item} of the {meeting.board} meeting of {meeting.date} has no report; set one up "
                       f"with `govdocs report new {meeting.date} {item} --author INITIALS`")
    return report


def new_report(ws: Workspace, meeting: Meeting, item: str, author: str, lead: str = "", due: str = "",
               purpose: str = "", recommendations: tuple[str, ...] = ()) -> Change:
    """The report's record and its cover sheet, made from the council's template."""
    it = meeting.item(item)
    if it is None:
        raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item {item}")
    if it.withdrawn:
        raise UsageProblem(f"item {item} was withdrawn ({it.withdrawn}); it takes no report")
    for who in [author] + ([lead] if lead else []):
        if who not in ws.people:
            raise UsageProblem(f"{who} is not in people.yaml; add them with `govdocs person add`")
    folder = report_folder(ws, meeting, item)
    if (folder / "report.yaml").exists():
        raise UsageProblem(f"item {item} already has a report ({ws.rel(folder / 'report.yaml')})")
    board = ws.board(meeting.board)
    due = due or report_deadline(board, meeting)
    if due > meeting.date:
        raise UsageProblem(f"a report due on {due} would come after the meeting of {meeting.date}")
    record = {"item": str(item), "author": author, "lead": lead or None, "due": due, "purpose": purpose or None,
              "recommendations": list(recommendations) or None}
    report = Report(item=str(item), author=author, lead=lead, due=due, purpose=purpose,
                    recommendations=list(recommendations))
    ch = Change(ws, f"Set up {what_report(meeting, item)} for the {meeting.board} meeting of {meeting.date}: "
                    f"by {author}, due {due}",
                history.trailer("report", f"{meeting.board}/{meeting.date}/{item}", action="new"))
    ch.put_yaml(folder / "report.yaml", yamlio.to_yaml({k: v for k, v in record.items() if v}))
    ch.put_bytes(folder / "cover.docx", cover_sheet(ws, meeting, report))
    return ch


def cover_sheet(ws: Workspace, meeting: Meeting, report: Report) -> bytes:
    """The cover sheet as the author downloads it: templates/report.docx, filled in, fixed in time so that
    the same record gives the same bytes."""
    from govdocs.render.cover import cover_context
    from govdocs.render.documents import render_docx

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cover.docx"
        render_docx(ws, "report", cover_context(ws, meeting, report), out,
                    fixed_date=dt.datetime.fromisoformat(meeting.date))
        return out.read_bytes()


def submit_report(ws: Workspace, meeting: Meeting, item: str, file: Path, by: str = "") -> Change:
    """The author's draft, checked as papers are, kept as the report's file; earlier clearances lapse. It is
    handed in by `by` (the author, unless a clerk names someone else), in whose name it is committed."""
    report = existing(ws, meeting, item)
    by = by or report.author
    suffix = file.suffix.lower()
    if suffix not in DRAFT_KINDS:
        raise UsageProblem(f"{file.name}: a report is handed in as {', '.join(DRAFT_KINDS)}")
    problem = paper_problem(file)
    if problem:
        raise UsageProblem(f"report {problem}")
    folder = report_folder(ws, meeting, item)
    name = f"report{suffix}"
    ch = in_the_name_of(ws, Change(ws, f"Draft of {what_report(meeting, item)} handed in by {by}",
                                   history.trailer("report", f"{meeting.board}/{meeting.date}/{item}",
                                                   action="submit")), by)
    doc = ch.edit(folder / "report.yaml")
    if report.file and report.file != name:
        ch.delete(folder / report.file)  # one draft at a time: the history keeps the others
    ch.put_bytes(folder / name, file.read_bytes())
    doc["file"] = name
    doc["uploaded"] = today().isoformat()
    doc["uploaded_by"] = by
    doc.pop("clearances", None)
    return ch


def clear_report(ws: Workspace, meeting: Meeting, item: str, role: str, by: str = "", note: str = "",
                 returned: bool = False) -> Change:
    """The officer's clearance (or return, with the comment the author needs) of the latest draft, committed in
    the name of the officer the board or the council names for `role`; `by`, where given, must be them."""
    report = existing(ws, meeting, item)
    roles = clearers(ws, ws.board(meeting.board))
    clearer = role_of(roles, role)
    if by and by != clearer:
        name = ws.people[clearer].display_name if clearer in ws.people else clearer
        raise UsageProblem(f"reports are cleared as {role} by {clearer} ({name}), in their own name")
    if not report.file:
        raise UsageProblem(f"{what_report(meeting, item)} has not been handed in yet; there is nothing to clear")
    if returned and not note.strip():
        raise UsageProblem("say what the author should change: --note \"…\"")
    outcome = "returned" if returned else "cleared"
    what = what_report(meeting, item)
    ch = Change(ws, f"{what[0].upper()}{what[1:]} {outcome} as {role} by {clearer}" +
                (f": {note.strip()}" if returned and not meeting.item(item).is_exempt else ""),
                history.trailer("report", f"{meeting.board}/{meeting.date}/{item}", action=outcome, role=role))
    doc = ch.edit(report_folder(ws, meeting, item) / "report.yaml")
    entries = yamlio.list_in(doc, "clearances")
    for i in reversed(range(len(entries))):
        if str(entries[i].get("role")) == role:
            del entries[i]  # an officer's latest word on this draft is the one that counts
    entry = {"role": role, "by": clearer, "at": today().isoformat(), "outcome": outcome}
    if note.strip():
        entry["note"] = note.strip()
    entries.append(yamlio.to_yaml(entry))
    return in_the_name_of(ws, ch, clearer)
