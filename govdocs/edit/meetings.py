"""Meetings by command: schedule one (its agenda drawn from the standing items, the forward plan and
escalated actions), publish its agenda, correct its time, venue or type, cancel it or move it.

A moved meeting is kept, marked as moved, because the public saw the first date: the old meeting says
"Moved to …", the new one carries its business and papers and needs its agenda published again."""
from __future__ import annotations

from govdocs.calendar import lateness
from govdocs.dates import long_date, parse_date, parse_time_range, today
from govdocs.edit.agenda import escalation_item, paragraph_of, pending_escalations, standing_item
from govdocs.edit.checks import advance_status, refuse_if_approved
from govdocs.errors import UsageProblem
from govdocs.exempt import action_is_exempt
from govdocs.model import Meeting
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace


def _sole_chair(board, day: str) -> str | None:
    """The board's chair, kept with the meeting; co-chairs are left for attendance --chair to settle."""
    chairs = [m.initials for m in board.members_on(day) if m.chair]
    return chairs[0] if len(chairs) == 1 else None


def new_meeting(ws: Workspace, board_slug: str, date: str, time: str | None = None, venue: str | None = None,
                kind: str = "ordinary") -> Change:
    board = ws.board(board_slug)
    day = parse_date(date, "meeting date").isoformat()
    folder = ws.meeting_folder(board.slug, day)
    if (folder / "meeting.yaml").exists():
        raise UsageProblem(f"{board.slug} already has a meeting on {day}")
    start, end = parse_time_range(time or board.time) if (time or board.time) else ("", "")
    items: list[dict] = []
    for s in board.standing_items:
        if s.position != "end":
            items.append(standing_item(s))
    part2 = []
    for f in ws.forward_plan(board.slug):
        if f.meeting == day:
            entry = {"kind": "forward-plan", "title": f.title, "presenters": [f.lead] if f.lead else None,
                     "purpose": f.purpose or None}
            if f.is_exempt:
                # a Part 2 entry stays Part 2 on the agenda; an unclear flag is carried over as written
                entry["exempt"] = f.exempt if f.exempt is not None else f.exempt_raw
                part2.append(entry)
            else:
                items.append(entry)
    escalated = pending_escalations(ws, board.slug, day)
    public_esc = [a for a in escalated if not action_is_exempt(ws, a)]
    exempt_esc = [a for a in escalated if action_is_exempt(ws, a)]
    if public_esc:
        items.append(escalation_item(ws, sorted({a.board for a in public_esc})))
    for s in board.standing_items:
        if s.position == "end":
            items.append(standing_item(s))
    items.extend(part2)
    if exempt_esc:
        items.append(escalation_item(ws, sorted({a.board for a in exempt_esc}), paragraph_of(ws, exempt_esc)))
    for n, it in enumerate(items, start=1):
        it_sorted = {"number": n, **it}
        items[n - 1] = it_sorted
    data = {"board": board.slug, "date": day, "start": start or None, "end": end or None,
            "venue": venue or board.venue or None, "chair": _sole_chair(board, day), "status": "scheduled",
            "type": kind if kind != "ordinary" else None,
            "items": items}
    ch = Change(ws, f"Meeting of {board.slug} on {day} scheduled",
                history.trailer("meeting", f"{board.slug}/{day}", action="new"))
    ch.put_yaml(folder / "meeting.yaml", yamlio.to_yaml(data))
    return ch


def publish_agenda(ws: Workspace, meeting: Meeting) -> Change:
    late = lateness(ws.board(meeting.board), meeting.date, today().isoformat())
    ch = Change(ws, f"Agenda of the {meeting.board} meeting of {meeting.date} published",
                history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="publish"))
    if late:
        ch.warnings.append(f"WARNING: {late}")
    doc = ch.edit(meeting.folder / "meeting.yaml")
    advance_status(doc, "agenda-published")
    doc["agenda_published"] = yamlio.to_yaml(today().isoformat())
    return ch


MEETING_TYPES = ("ordinary", "extraordinary", "annual")


def edit_meeting(ws: Workspace, meeting: Meeting, time: str | None = None, venue: str | None = None,
                 kind: str | None = None, closed: str | None = None, first_minute: int | None = None) -> Change:
    """Correct a meeting's time, venue or type, record when it closed, or where its minute numbers start."""
    from govdocs.dates import parse_time

    changed = []
    ch = Change(ws, "", history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="edit"))
    doc = ch.edit(meeting.folder / "meeting.yaml")
    if time is not None:
        refuse_if_approved(meeting, "time")
        start, end = parse_time_range(time)
        doc["start"] = yamlio.to_yaml(start)
        if end:
            doc["end"] = yamlio.to_yaml(end)
        elif "end" in doc:
            del doc["end"]
        changed.append(f"time {time}")
    if venue is not None:
        refuse_if_approved(meeting, "venue")
        if venue.strip():
            doc["venue"] = yamlio.to_yaml(venue)
            changed.append("venue")
        elif "venue" in doc:
            del doc["venue"]
            changed.append("venue cleared")
    if kind is not None:
        if kind not in MEETING_TYPES:
            raise UsageProblem(f"--type {kind!r} should be one of {', '.join(MEETING_TYPES)}")
        doc["type"] = kind
        changed.append(f"type {kind}")
    if closed is not None:
        refuse_if_approved(meeting, "closing time")
        if closed.strip():
            doc["closed"] = yamlio.to_yaml(parse_time(closed, "--closed"))
            changed.append(f"closed at {closed}")
        elif "closed" in doc:  # --closed "": a closing time set by mistake
            del doc["closed"]
            changed.append("closing time cleared")
        else:
            raise UsageProblem("the meeting has no closing time to clear")
    if first_minute is not None:
        if first_minute < 1:
            raise UsageProblem("--first-minute should be 1 or more")
        refuse_if_approved(meeting, "minute numbers")
        mdoc = ch.edit(meeting.folder / "minutes.yaml", default=lambda: {"items": {}})
        mdoc["first_number"] = first_minute
        changed.append(f"minutes numbered from {first_minute}")
    if not changed:
        raise UsageProblem("say what changes: --time, --venue, --type, --closed or --first-minute")
    ch.message = f"Meeting of {meeting.board} on {meeting.date} edited: {', '.join(changed)}"
    return ch


def cancel_meeting(ws: Workspace, meeting: Meeting, reason: str) -> Change:
    if not reason.strip():
        raise UsageProblem("say why the meeting is cancelled: --reason TEXT")
    if meeting.attendance.recorded or meeting.minutes:
        raise UsageProblem(f"the {meeting.date} meeting has attendance or minutes recorded; it was held")
    ch = Change(ws, f"Meeting of {meeting.board} on {meeting.date} cancelled",
                history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="cancel"))
    doc = ch.edit(meeting.folder / "meeting.yaml")
    doc["status"] = "cancelled"
    doc["cancelled"] = yamlio.to_yaml(reason)
    return ch


def move_meeting(ws: Workspace, meeting: Meeting, to: str) -> Change:
    day = parse_date(to, "--to").isoformat()
    refuse_if_approved(meeting, "date")
    if meeting.attendance.recorded or meeting.minutes:
        raise UsageProblem(f"the {meeting.date} meeting has attendance or minutes recorded; it was held, so it "
                           "cannot move")
    if meeting.cancelled:
        raise UsageProblem(f"the {meeting.date} meeting is cancelled; schedule a new one with 'govdocs meeting new'")
    if ws.actions_raised_at(meeting):
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
