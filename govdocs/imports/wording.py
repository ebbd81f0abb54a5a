"""The words minutes use for their parts, as UK councils, parishes and NHS bodies print them: dates and
times, attendance headings, the heading over future dates, presenters after a title, standing items."""
from __future__ import annotations

import datetime as dt
import re

from govdocs.errors import UsageProblem

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|" \
        r"jun|jul|aug|sept|sep|oct|nov|dec)\.?"
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s*(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s+(\d{4})\b", re.I)
MONTH_DAY_YEAR = re.compile(r"\b" + MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
NUMERIC = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
CLOCK = r"\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?"
TIME_RANGE = re.compile(r"(?<![\d/£])(" + CLOCK + r")\s*(?:-|–|—|to|until)\s*(" + CLOCK + r")(?![\d%])", re.I)
ONE_TIME = re.compile(r"(?<![\d/£])(\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|noon)(?![\d%])", re.I)


def _day(year: str, month: int, day: str) -> str | None:
    try:
        d = dt.date(int(year), month, int(day))
    except ValueError:
        return None
    return d.isoformat() if 1900 <= d.year <= 2199 else None


def find_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first real date in the text, as ISO, and where it was."""
    found = []
    for m in DAY_MONTH_YEAR.finditer(text):
        iso = _day(m.group(3), MONTHS[m.group(2).lower().rstrip(".")], m.group(1))
        if iso:
            found.append((m.start(), iso, m.span()))
    for m in MONTH_DAY_YEAR.finditer(text):
        iso = _day(m.group(3), MONTHS[m.group(1).lower().rstrip(".")], m.group(2))
        if iso:
            found.append((m.start(), iso, m.span()))
    for m in NUMERIC.finditer(text):
        iso = _day(m.group(3), int(m.group(2)), m.group(1))  # British order: day, month
        if iso:
            found.append((m.start(), iso, m.span()))
    if not found:
        return None
    _, iso, span = min(found)
    return iso, span


def _clean(t: str) -> str:
    return re.sub(r"\s+", "", t.lower().replace("a.m.", "am").replace("p.m.", "pm")).replace("noon", "12pm")


def find_time(text: str):
    """((start, end), span, text) of the first time or range of times, or None."""
    from govdocs.dates import parse_time_range

    for regex in (TIME_RANGE, ONE_TIME):
        for m in regex.finditer(text):
            raw = f"{_clean(m.group(1))}-{_clean(m.group(2))}" if regex is TIME_RANGE else _clean(m.group(1))
            if regex is TIME_RANGE and not re.search(r"am|pm|:|\.", raw):
                continue  # "2-3" alone is not a time
            try:
                return parse_time_range(raw), m.span(), text
            except UsageProblem:
                continue
    return None


GROUPS = [
    (r"(members\s+)?present\s*(virtually|remotely|\(virtual(ly)?\)|online|via\s+\w+)|attending\s+(virtually|remotely)"
     r"|virtual\s+attendance|remote\s+attendance", "virtual"),
    (r"(members|councillors|voting\s+members|board\s+members)\s+present|present|those\s+(present|attending)|"
     r"attendees|voting\s+members|members", "present"),
    (r"apologies(\s+for\s+absence)?(\s+received)?|apologies\s+were\s+received\s+from|apologies\s+received\s+from",
     "apologies"),
    (r"substitutes?(\s+members)?|named\s+substitutes", "substitutes"),
    (r"(also\s+)?in\s+attendance|also\s+present|also\s+attending|non[\s-]voting\s+members|guests?|attending",
     "in_attendance"),
    (r"officers(\s+(present|in\s+attendance))?|clerk", "officers"),
    (r"other\s+(members|councillors)(\s+present)?", "other_members"),
    (r"absent", "absent"),
    (r"(members\s+of\s+the\s+)?public(\s+present)?|press\s+and\s+public", "public"),
]
HEADING = re.compile(r"^\s*(?P<h>" + "|".join(f"(?:{g})" for g, _ in GROUPS) + r")\s*(?P<sep>:|-|–|$)\s*(?P<rest>.*)$",
                     re.I)


def heading_of(text: str) -> tuple[str, str]:
    """(attendance group, the rest of the line) for a heading such as "Present:" or "Apologies", else ("", "")."""
    m = HEADING.match(text.strip())
    if not m or (not m.group("sep") and m.group("rest")):
        return "", ""
    if m.group("sep") in ("-", "–") and m.group("rest") and not m.group("rest").startswith(" "):
        return "", ""
    head = re.sub(r"\s+", " ", m.group("h").lower())
    for pattern, group in GROUPS:
        if re.fullmatch(pattern, head, re.I):
            return group, m.group("rest").strip()
    return "", ""  # pragma: no cover - HEADING is made of GROUPS


FUTURE = re.compile(r"^\s*(future\s+meeting\s+dates?|dates?\s+of\s+(the\s+)?(next|future)\s+meetings?|"
                    r"(date\s+of\s+)?(the\s+)?next\s+meeting|future\s+meetings?)\s*(?::|-|–)?\s*[-–]?\s*(?P<rest>.*)$",
                    re.I)


def future_heading(text: str) -> str | None:
    """The rest of the line after a heading over future meeting dates, or None for any other line."""
    m = FUTURE.match(text)
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest and find_date(rest) is None:
        return None  # "next meeting will consider …" is minutes, not a heading
    return rest


PRESENTERS = re.compile(r"\s+[–—-]\s+(?P<who>(?:[A-Z][A-Za-z]{0,3}[A-Z][a-z]?|[A-Z]{2,4}(?:-[A-Z])?)"
                        r"(?:\s*(?:/|,|&|and)\s*(?:[A-Z][A-Za-z]{0,3}[A-Z][a-z]?|[A-Z]{2,4}))*)\s*$")
TAKEN_AT = re.compile(r"\s*\((\d{1,2}[:.]\d{2}\s*(?:am|pm)?)\)\s*$", re.I)


def split_title(text: str) -> tuple[str, list[str], str]:
    """(title, presenters' initials printed after a dash, the time it was taken printed after it)."""
    text = text.strip()
    taken = ""
    t = TAKEN_AT.search(text)
    if t:
        found = find_time(t.group(1))
        if found:
            taken = found[0][0]
            text = text[:t.start()].rstrip()
    who: list[str] = []
    m = PRESENTERS.search(text)
    if m:
        who = [w for w in re.split(r"\s*(?:/|,|&|\band\b)\s*", m.group("who")) if w]
        text = text[:m.start()].rstrip()
    return text.rstrip(" –-:"), who, taken


KINDS = [
    (r"welcome|introductions?|chair'?s?\s+welcome", "welcome"),
    (r"apolog", "apologies"),
    (r"declarations?\s+of\s+(\w+\s+)?interests?|disclosures?\s+of\s+interests?|interests", "declarations"),
    (r"minutes\s+of\s+(the\s+)?(last|previous)|(previous|last)\s+minutes|^minutes\b|approv\w*\s+(of\s+)?(the\s+)?minutes"
     r"|to\s+(approve|confirm|receive|sign)\b.*\bminutes", "minutes"),
    (r"^actions?\b|action\s+(log|tracker|points)|matters\s+arising", "action-log"),
    (r"public\s+(participation|questions?|forum)|questions?\s+(from|received\s+from)\s+(members\s+of\s+)?the\s+public",
     "questions"),
    (r"any\s+other\s+(business|urgent\s+business)|^aob\b|^other\s+(business|information)", "aob"),
    (r"exclusion\s+of\s+(the\s+)?(press|public)", "exclusion"),
]


def item_kind(title: str) -> str:
    low = title.lower()
    for pattern, kind in KINDS:
        if re.search(pattern, low):
            return kind
    return ""


def table_rule(text: str) -> bool:
    """A row of dashes or underscores a text export draws between table rows."""
    return bool(re.fullmatch(r"[-_=|+\s\t]{2,}", text))
