"""The clerk's calendar: working days, England and Wales bank holidays, and the statutory deadlines.

Local Government Act 1972 s.100B(3): agenda and reports open to inspection at least five clear
days before the meeting. "Clear" leaves out the day of publication and the day of the meeting;
by default govdocs counts working days (the safe reading councils use), a board may choose
calendar days. Key decisions: 28 clear days' notice (SI 2012/2089).
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from govdocs.model import Board
from govdocs.rules import rules_for

KEY_DECISION_CLEAR_DAYS = 28
REPORT_DAYS_BEFORE_PUBLICATION = 5  # working days: reports to the clerk before the agenda goes out
MINUTES_DUE_WORKING_DAYS = 10  # draft minutes to the chair


@lru_cache(maxsize=32)
def _bank_holidays(year: int) -> dict:
    import holidays

    # ENG: without the subdivision Easter Monday and the August bank holiday are missing
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday(day: dt.date) -> str | None:
    return _bank_holidays(day.year).get(day)


def unusual_meeting_day(day: dt.date) -> str:
    """'a Sunday', 'a bank holiday (Christmas Day)' or '': a day a clerk rarely means to meet on."""
    holiday = bank_holiday(day)
    if holiday:
        return f"a bank holiday ({holiday})"
    return "a Sunday" if day.weekday() == 6 else ""


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and bank_holiday(day) is None


def add_working_days(day: dt.date, n: int) -> dt.date:
    step = dt.timedelta(days=1 if n >= 0 else -1)
    left = abs(n)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def _easter(year: int) -> dt.date:
    """Easter Day (Anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = ((h + l_ - 7 * m + 114) % 31) + 1
    return dt.date(year, month, day)


def in_christmas_break(day: dt.date) -> bool:
    """s.243(5): from the last week day before Christmas Day to the first week day after it that is not a
    bank holiday."""
    christmas = dt.date(day.year, 12, 25)
    start = christmas - dt.timedelta(days=1)
    while start.weekday() >= 5:
        start -= dt.timedelta(days=1)
    end = christmas + dt.timedelta(days=1)
    while end.weekday() >= 5 or bank_holiday(end):
        end += dt.timedelta(days=1)
    return start <= day <= end


def in_easter_break(day: dt.date) -> bool:
    """s.243(5): from the Thursday before Easter Day to the Tuesday after it."""
    easter = _easter(day.year)
    return easter - dt.timedelta(days=3) <= day <= easter + dt.timedelta(days=2)


def counts(day: dt.date, counting: str) -> bool:
    """Does `day` count as a clear day under this way of counting?"""
    if counting == "calendar":
        return True
    if counting == "s243":
        return day.weekday() != 6 and not bank_holiday(day) and not in_christmas_break(day) \
            and not in_easter_break(day)
    return day.weekday() < 5 and not bank_holiday(day)


def publication_deadline(board: Board, meeting: dt.date) -> dt.date:
    """The last day the agenda (or a parish summons) can go out, leaving the board's clear days before the
    meeting, counted the way its kind of body counts them (govdocs/rules.py)."""
    rules = rules_for(board)
    day, counted = meeting, 0
    while counted < rules.clear_days:
        day -= dt.timedelta(days=1)
        if counts(day, rules.counting):
            counted += 1
    day -= dt.timedelta(days=1)  # the day it goes out is not a clear day either
    while rules.counting != "calendar" and not counts(day, rules.counting if rules.counting == "s243" else "working"):
        day -= dt.timedelta(days=1)
    return day


def report_deadline(board: Board, meeting: dt.date) -> dt.date:
    """When reports are due to the clerk: working days before the agenda goes out."""
    return add_working_days(publication_deadline(board, meeting), -REPORT_DAYS_BEFORE_PUBLICATION)


def key_decision_notice(meeting: dt.date) -> dt.date:
    return meeting - dt.timedelta(days=KEY_DECISION_CLEAR_DAYS + 1)


def deadlines(board: Board, meeting: dt.date) -> list[tuple[str, dt.date, str]]:
    """(what, date, why) for the clerk's calendar around one meeting."""
    rules = rules_for(board)
    publish = publication_deadline(board, meeting)
    unit = {"calendar": "calendar days", "s243": "days (Sundays, bank holidays and the Christmas and Easter "
            "breaks not counted)"}.get(rules.counting, "working days")
    rows = []
    if rules.key_decisions:
        rows.append(("Key decisions on the forward plan by", key_decision_notice(meeting),
                     f"{KEY_DECISION_CLEAR_DAYS} clear days before a key decision (SI 2012/2089)"))
    return rows + [
        ("Reports to the clerk by", report_deadline(board, meeting),
         f"{REPORT_DAYS_BEFORE_PUBLICATION} working days before publication"),
        (f"{rules.notice} by", publish, f"{rules.clear_days} clear {unit} before the meeting ({rules.notice_basis})"),
        ("Meeting", meeting, ""),
        ("Draft minutes to the chair by", add_working_days(meeting, MINUTES_DUE_WORKING_DAYS),
         f"{MINUTES_DUE_WORKING_DAYS} working days after the meeting"),
    ]


def holidays_between(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    out = []
    for year in range(start.year, end.year + 1):
        for day, name in sorted(_bank_holidays(year).items()):
            if start <= day <= end:
                out.append((day, name))
    return out


def lateness(board: Board, meeting_date: str, published: str) -> str:
    """'' when the agenda was out in time; otherwise what the law says about it, in one sentence."""
    from govdocs.dates import long_date

    if not published:
        return ""
    deadline = publication_deadline(board, dt.date.fromisoformat(meeting_date))
    if published <= deadline.isoformat():
        return ""
    return (f"the agenda was published late, on {long_date(published)}, after the deadline of "
            f"{long_date(deadline.isoformat())}; items not open to inspection in time can be taken only as urgent "
            "business, with the chair's reason recorded (Local Government Act 1972 s.100B(4))")
