"""Minute numbers as printed: per meeting (1, 2, 3), on through the year (`30/140`), or running on.

With `minute_numbering: year` a board numbers its minutes on through its year (starting on its
`municipal_year_starts`, default 1 May) and prints them as two-digit year, slash, number. A meeting's
`--first-minute` says where it starts when earlier meetings are not in govdocs; otherwise it follows
on from the board's previous meeting in the same year. Every top-level agenda item takes a number.
"""
from __future__ import annotations

import datetime as dt

from govdocs.errors import NotFound
from govdocs.model import Meeting


def _year_of(board, day: str) -> int:
    month, dd = (int(x) for x in (board.year_starts or "05-01").split("-"))
    d = dt.date.fromisoformat(day)
    return d.year if (d.month, d.day) >= (month, dd) else d.year - 1


def printed_numbers(ws, meeting: Meeting) -> dict[str, str]:
    """{agenda item number: minute number as printed} for the meeting's top-level items."""
    board = ws.board(meeting.board)
    if board.minute_numbering not in ("year", "running"):
        return {it.number: it.number for it in meeting.items}
    year = _year_of(board, meeting.date)
    dates = [d for d in ws.meeting_dates(meeting.board) if d <= meeting.date]
    if board.minute_numbering == "year":
        dates = [d for d in dates if _year_of(board, d) == year]
    following = 1
    numbers: dict[str, str] = {}
    for day in dates:
        m = meeting if day == meeting.date else ws.meeting(meeting.board, day)
        if m.cancelled:
            continue
        n = m.minutes_first_number or following
        numbers = {}
        for it in m.items:
            numbers[it.number] = f"{year % 100:02d}/{n}" if board.minute_numbering == "year" else str(n)
            n += 1
        following = n
    return numbers


def item_for(ws, meeting: Meeting, ref: str) -> str:
    """The agenda number an item reference means: the agenda number itself or the printed minute number."""
    if meeting.item(ref) is not None:
        return ref
    for number, printed in printed_numbers(ws, meeting).items():
        if printed == ref or printed.split("/")[-1] == ref.split("/")[-1] and "/" in ref:
            return number
    raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item or minute {ref}")
