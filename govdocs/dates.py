"""Dates and times as boards write them: ISO in the record, British style in documents."""
from __future__ import annotations

import datetime as dt
import os
import re

from govdocs.errors import UsageProblem

_TIME_RANGE = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")


FIRST_YEAR, LAST_YEAR = 1900, 2199  # a board's record lives between these; 0001 and 9999 are typing slips


def parse_date(text: str, what: str = "date") -> dt.date:
    """A YYYY-MM-DD date, or a clear error (2030-02-30 is refused, not rolled over)."""
    text = str(text).strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise UsageProblem(f"{what} {text!r} is not a date in the form YYYY-MM-DD")
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise UsageProblem(f"{what} {text} does not exist in the calendar") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UsageProblem(f"{what} {text} is outside {FIRST_YEAR}-{LAST_YEAR}; check the year")
    return day


def is_date(text: object) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(text)):
        return False
    try:
        return FIRST_YEAR <= dt.date.fromisoformat(str(text)).year <= LAST_YEAR
    except ValueError:
        return False


def today() -> dt.date:
    """The system date, unless GOVDOCS_TODAY says otherwise (for testing deadlines and overdue)."""
    forced = os.environ.get("GOVDOCS_TODAY")
    if forced:
        return parse_date(forced, "GOVDOCS_TODAY")
    return dt.date.today()


_ONE_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_time(text: str, what: str = "time") -> str:
    """'19:00' or '7.50' -> 'HH:MM'."""
    m = _ONE_TIME.match(str(text).strip())
    if not m or not (int(m.group(1)) < 24 and int(m.group(2)) < 60):
        raise UsageProblem(f"{what} {text!r} should be a time of day such as 19:00")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def parse_time_range(text: str) -> tuple[str, str]:
    """'14:00-16:00' -> ('14:00', '16:00'); a start time alone ('19:00', "commencing 7pm") -> ('19:00', '')."""
    if _ONE_TIME.match(str(text).strip()):
        return parse_time(text), ""
    m = _TIME_RANGE.match(str(text).strip())
    if not m:
        raise UsageProblem(f"time {text!r} should look like 19:00 or 14:00-16:00")
    h1, m1, h2, m2 = (int(x) for x in m.groups())
    if not (0 <= h1 < 24 and 0 <= h2 < 24 and m1 < 60 and m2 < 60):
        raise UsageProblem(f"time {text!r} is not a real time of day")
    start, end = f"{h1:02d}:{m1:02d}", f"{h2:02d}:{m2:02d}"
    if end <= start:
        raise UsageProblem(f"time {text!r} ends before it starts")
    return start, end


def long_date(d: dt.date | str) -> str:
    """Thursday 14 November 2019"""
    d = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
    return f"{d:%A} {d.day} {d:%B %Y}"


def short_date(d: dt.date | str) -> str:
    """14 November 2019"""
    d = d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))
    return f"{d.day} {d:%B %Y}"


def _clock(hhmm: str) -> tuple[str, str]:
    h, m = (int(x) for x in hhmm.split(":"))
    suffix = "am" if h < 12 else "pm"
    h12 = h % 12 or 12
    return (f"{h12}" if m == 0 else f"{h12}.{m:02d}"), suffix


def british_time_range(start: str | None, end: str | None) -> str:
    """('09:30', '11:30') -> '9.30–11.30am'; ('14:00', '16:00') -> '2–4pm'; ('11:00','13:00') -> '11am–1pm'."""
    if not start:
        return ""
    s, s_suffix = _clock(start)
    if not end:
        return f"{s}{s_suffix}"
    e, e_suffix = _clock(end)
    if s_suffix == e_suffix:
        return f"{s}–{e}{e_suffix}"
    return f"{s}{s_suffix}–{e}{e_suffix}"
