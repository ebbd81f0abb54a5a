"""Minute numbers as printed: per meeting (1, 2, 3), on through the year (`30/140`), or running on.

With `minute_numbering: year` a board numbers its minutes on through its year (starting on its
`municipal_year_starts`, default 1 May) and prints them as two-digit year, slash, number. A meeting's
`--first-minute` says where it starts when earlier meetings are not in govdocs; otherwise it follows
on from the board's previous meeting in the same year. Every top-level agenda item takes a number.

`minute_format` says how a number is printed, from these fields only (never Python formatting, which
would let a record reach into objects):

  {n}      the number: 86;  {n:03} zero-padded to three digits: 086
  {yy}     two-digit year the numbering year starts in: 22;  {yyyy}: 2022
  {fy}     the financial-year form of the numbering year: 2223;  {fy/}: 22/23

e.g. `{yy}/{n}` (the default for year numbering: 23/140), `ICBP/{fy}/{n:03}` (ICBP/2223/086, with the
year starting 04-01), `Minute {n}` (running numbers).
"""
from __future__ import annotations

import datetime as dt
import re

from govdocs.errors import NotFound, UsageProblem
from govdocs.model import Meeting

FIELD = re.compile(r"\{([a-z/]+)(?::0([1-6]))?\}")
FIELDS = ("n", "yy", "yyyy", "fy", "fy/")


def check_format(fmt: str, what: str = "--minute-format") -> str:
    """The format, or a UsageProblem naming what is wrong with it (`what`: the option or the field)."""
    if len(fmt) > 40:
        raise UsageProblem(f"{what} should be short, e.g. {{yy}}/{{n}} or ICBP/{{fy}}/{{n:03}}")
    names = [m.group(1) for m in FIELD.finditer(fmt)]
    bad = [x for x in names if x not in FIELDS]
    if bad:
        raise UsageProblem(f"{what}: {{{bad[0]}}} is not a field; use {{n}}, {{n:03}}, {{yy}}, {{yyyy}}, "
                           "{fy} or {fy/}")
    if names.count("n") != 1:
        raise UsageProblem(f"{what} needs {{n}} (the number) once, e.g. {{yy}}/{{n}}")
    if "{" in FIELD.sub("", fmt) or "}" in FIELD.sub("", fmt):
        raise UsageProblem(f"{what} {fmt!r}: a brace that is not one of the fields")
    return fmt


def format_number(fmt: str, n: int, year: int) -> str:
    values = {"yy": f"{year % 100:02d}", "yyyy": str(year), "fy": f"{year % 100:02d}{(year + 1) % 100:02d}",
              "fy/": f"{year % 100:02d}/{(year + 1) % 100:02d}"}

    def one(m: re.Match) -> str:
        if m.group(1) == "n":
            return str(n).zfill(int(m.group(2) or 0))
        return values.get(m.group(1), m.group(0))

    return FIELD.sub(one, fmt)


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
    fmt = board.minute_format or ("{yy}/{n}" if board.minute_numbering == "year" else "{n}")
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
            numbers[it.number] = format_number(fmt, n, year)
            n += 1
        following = n
    return numbers


def item_for(ws, meeting: Meeting, ref: str) -> str:
    """The agenda number an item reference means: the record's own number (3, 3a), or the number as the body
    prints it (25, 25(a), 25.1, 20/71, ICBP/2223/086). Where the agenda prints the minute numbers, those are
    what the clerk sees on every page, so they are looked up first."""
    ref = str(ref).strip()
    own_first = ws.board(meeting.board).agenda_numbering != "minutes"
    if own_first and meeting.item(ref) is not None:
        return ref
    from govdocs.house import part_of

    printed = printed_numbers(ws, meeting)
    # the whole reference as a printed number first ("25.12" of a {yy}.{n} board is not part 25.12), then
    # as a part of one: 13(a), 13a, 13.1
    for top_ref, letter in ((ref, ""), part_of(ref)):
        for number, shown in printed.items():
            if _same_number(top_ref, shown, number) and meeting.item(number + letter) is not None:
                return number + letter
    if meeting.item(ref) is not None:
        return ref
    raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item or minute {ref}")


def _same_number(ref: str, printed: str, number: str) -> bool:
    if ref == number:
        return True
    if printed.lower() == ref.lower() or "/" in ref and printed.split("/")[-1] == ref.split("/")[-1]:
        return True
    return ref.isdigit() and printed != number and bool(re.search(r"(^|\D)0*" + ref + r"$", printed))


def printed_number(ws, meeting: Meeting, number: str) -> str:
    """An item's number as the minutes print it: `25` for agenda item 3 of a board numbering on through the
    year, `25(a)` (or 25a, 25.1, as the board writes parts) for its sub-item."""
    top = number.rstrip("abcdefghijklmnopqrstuvwxyz") or number
    from govdocs.house import part_label

    return part_label(printed_numbers(ws, meeting).get(top, top), number[len(top):],
                      ws.board(meeting.board).part_numbering)


def agenda_number(ws, meeting: Meeting, number: str) -> str:
    """An item's number as the agenda prints it: the minute number, for a board whose agenda is numbered as its
    minutes are ("Item 20." is minute 20), else its own number with parts as the board writes them."""
    from govdocs.house import part_label

    board = ws.board(meeting.board)
    if board.agenda_numbering == "minutes":
        return printed_number(ws, meeting, number)
    top = number.rstrip("abcdefghijklmnopqrstuvwxyz") or number
    return part_label(top, number[len(top):], board.part_numbering)


def item_label(ws, meeting: Meeting, number: str) -> str:
    """How a command names the item it acted on, so a slip shows at once: `item 7 (Forward Plan)`,
    `item 5 (20/70, Minutes of the Previous Meeting)`. An exempt item's title is never named: commit
    messages are read by anyone with a clone."""
    it = meeting.item(number)
    title = ("exempt item" if it.is_exempt else it.title) if it is not None else ""
    printed = printed_number(ws, meeting, number)
    printed = printed if printed != number else ""
    return f"item {number} ({', '.join(x for x in (printed, title) if x)})"
