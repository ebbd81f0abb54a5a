"""Moving a meeting to another date: the original is kept, marked as moved, and the agenda goes with it.

The record keeps both because the public saw the first date (on the forward plan, perhaps on a published
agenda): the old meeting says "Moved to …", the new one carries its business and papers and needs its
agenda published again, with its own notice period.
"""
from __future__ import annotations

from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.dates import long_date, parse_date
from govdocs.errors import UsageProblem
from govdocs.edit.meetings import refuse_if_approved
from govdocs.model import Meeting
from govdocs.store.workspace import Workspace


def move_meeting(ws: Workspace, meeting: Meeting, to: str) -> Change:
    day = parse_date(to, "--to").isoformat()
    refuse_if_approved(meeting, "date")
    if meeting.attendance.recorded or meeting.minutes:
        raise UsageProblem(f"the {meeting.date} meeting has attendance or minutes recorded; it was held, so it "
                           "cannot move")
    if meeting.cancelled:
        raise UsageProblem(f"the {meeting.date} meeting is cancelled; schedule a new one with 'govdocs meeting new'")
    if any(a.board == meeting.board and a.meeting == meeting.date for a in ws.actions):
        raise UsageProblem(f"actions were raised at the {meeting.date} meeting; it was held, so it cannot move")
    if day == meeting.date:
        raise UsageProblem(f"the meeting is already on {day}")
    new_folder = ws.meeting_folder(meeting.board, day)
    if (new_folder / "meeting.yaml").exists():
        raise UsageProblem(f"{meeting.board} already has a meeting on {day}")
    ch = Change(ws, f"Meeting of {meeting.board} on {meeting.date} moved to {day}",
                history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="move", to=day))
    old = ch.edit(meeting.folder / "meeting.yaml")
    data = yamlio.to_yaml(dict(old))
    data["date"] = day
    data["status"] = "scheduled"
    for key in ("agenda_published", "cancelled", "moved_from", "moved_to"):
        data.pop(key, None)
    data["moved_from"] = meeting.date
    ch.put_yaml(new_folder / "meeting.yaml", data)
    papers = meeting.folder / "papers"
    if papers.is_dir():
        for f in sorted(papers.iterdir()):
            if f.is_file() and not f.is_symlink():
                ch.put_bytes(new_folder / "papers" / f.name, f.read_bytes())
    old["status"] = "cancelled"
    old["cancelled"] = yamlio.to_yaml(f"Moved to {long_date(day)}")
    old["moved_to"] = day  # the business's exemption follows it: made exempt there, it is exempt here too
    plan = ws.forward_plan_path(meeting.board)
    if plan.exists() and any(f.meeting == meeting.date for f in ws.forward_plan(meeting.board)):
        doc = ch.edit(plan)
        for it in doc.get("items") or []:
            if isinstance(it, dict) and str(it.get("meeting") or "") == meeting.date:
                it["meeting"] = day  # the forward plan follows the business
    return ch
