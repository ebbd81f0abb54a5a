"""What every document's context starts from: the meeting's heading (board, date, time, venue, who chairs)
and how people and boards are named."""
from __future__ import annotations

from govdocs.dates import british_time_range, long_date, short_date
from govdocs.model import Meeting
from govdocs.render.kinds import TITLES as KIND_TITLES
from govdocs.store.workspace import Workspace


def person_name(ws: Workspace, initials: str) -> str:
    p = ws.people.get(initials)
    return p.display_name if p else initials


def board_name(ws: Workspace, slug: str) -> str:
    return ws.board_name(slug)


def _chairs(ws: Workspace, board, meeting: Meeting, kind: str) -> dict:
    """Who chairs: the person recorded as chairing this meeting (not on the agenda, sent out before it), else
    the meeting's or board's chair, or co-chairs where the board has two."""
    chosen = (meeting.attendance.chair if kind != "agenda" else "") or meeting.chair
    chairs = [chosen] if chosen else [m.initials for m in board.members if m.chair and m.member_on(meeting.date)]
    names = [person_name(ws, c) for c in chairs]
    if len(names) > 1:
        return {"chair": " and ".join([", ".join(names[:-1]), names[-1]]), "chair_label": "Co-Chairs"}
    return {"chair": names[0] if names else "", "chair_label": "Chair"}


def base(ws: Workspace, meeting: Meeting, kind: str, private: bool) -> dict:
    from dataclasses import replace

    board = ws.board(meeting.board)
    if meeting.attendance.board_name:  # a held meeting's documents carry the board's name as it was then
        board = replace(board, name=meeting.attendance.board_name)
    when = long_date(meeting.date)
    time = british_time_range(meeting.start, meeting.end)
    return {
        "council": ws.council,
        "board": board.name,
        "board_upper": board.name.upper(),
        "board_slug": board.slug,
        "date": meeting.date,
        "date_long": when,
        "date_short": short_date(meeting.date),
        "time": time,
        "when": f"{when} at {time}" if time else when,
        "venue": meeting.venue,
        **_chairs(ws, board, meeting, kind),
        "kind": kind,
        "kind_title": KIND_TITLES[kind],
        "title": f"{board.name}: {KIND_TITLES[kind]}, {short_date(meeting.date)}",
        "private": private,
        "contact": board.contact,
        "meeting_type": "" if meeting.type == "ordinary" else f"{meeting.type.capitalize()} meeting",
        "cancelled": f"This meeting was cancelled: {meeting.cancelled}" if meeting.cancelled else "",
    }


def split_time(value: str) -> tuple[str, str]:
    start, _, end = (value or "").partition("-")
    return start, end
