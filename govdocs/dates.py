"""Dates and times as boards write them: ISO in the record, British style in documents."""
from __future__ import annotations

import datetime as dt
import os
import re

from govdocs.errors import UsageProblem

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


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|noon)?$", re.I)


def _clock_time(text: str, suffix: str = "") -> str | None:
    """'19:00', '7.50', '7pm', '9.30am', '12 noon' -> 'HH:MM'; a bare '7' only with a suffix to go by."""
    m = _CLOCK.match(text.strip())
    if not m:
        return None
    h, mins, ampm = int(m.group(1)), int(m.group(2) or 0), (m.group(3) or suffix or "").lower()
    if not ampm and m.group(2) is None:
        return None
    if ampm in ("am", "pm", "noon"):
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if ampm == "pm" else 0) if ampm != "noon" else 12
    if not (h < 24 and mins < 60):
        return None
    return f"{h:02d}:{mins:02d}"


def parse_time(text: str, what: str = "time") -> str:
    """'19:00', '7.50' or '7pm' -> 'HH:MM'."""
    t = _clock_time(str(text))
    if t is None:
        raise UsageProblem(f"{what} {text!r} should be a time of day such as 19:00 or 7pm")
    return t


def parse_time_range(text: str) -> tuple[str, str]:
    """'14:00-16:00' or '2-4pm' -> ('14:00', '16:00'); a start time alone ('19:00', "commencing 7pm") ->
    ('19:00', '')."""
    raw = re.sub(r"^(commencing|starting|from|at)\s+", "", str(text).strip(), flags=re.I)
    raw = re.sub(r"\s+(to|until)\s+", "-", raw, flags=re.I)
    parts = [p.strip() for p in re.split(r"\s*[-–]\s*", raw)]
    if len(parts) == 1:
        start = _clock_time(parts[0])
        if start is None:
            raise UsageProblem(f"time {text!r} should look like 19:00, 7pm or 14:00-16:00")
        return start, ""
    if len(parts) != 2:
        raise UsageProblem(f"time {text!r} should look like 19:00, 7pm or 14:00-16:00")
    end_suffix = (_CLOCK.match(parts[1]).group(3) or "") if _CLOCK.match(parts[1]) else ""
    start = _clock_time(parts[0]) or _clock_time(parts[0], end_suffix)
    end = _clock_time(parts[1])
    if start is None or end is None:
        raise UsageProblem(f"time {text!r} is not a real time of day; write it like 14:00-16:00 or 2-4pm")
    if end_suffix.lower() == "pm" and not _CLOCK.match(parts[0]).group(3) and start > end:
        start = _clock_time(parts[0], "am")  # '11-1pm' is eleven in the morning to one
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
