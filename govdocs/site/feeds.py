"""iCalendar (one file per board, one for all boards) and an Atom feed of published documents."""
from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from govdocs.dates import long_date


def _event(site, m):
    from icalendar import Event

    board = site.ws.boards.get(m.board)
    e = Event()
    e.add("uid", f"{m.board}-{m.date}@{site.base.split('://', 1)[-1].split('/')[0]}")  # stable across builds
    e.add("summary", f"{board.name if board else m.board}" + (" (cancelled)" if m.cancelled else ""))
    day = dt.date.fromisoformat(m.date)
    if m.start:
        start = dt.datetime.combine(day, dt.time.fromisoformat(m.start))
        e.add("dtstart", start)
        end = dt.datetime.combine(day, dt.time.fromisoformat(m.end)) if m.end else start + dt.timedelta(hours=2)
        e.add("dtend", end)
    else:
        e.add("dtstart", day)
    e.add("location", m.venue or "To be confirmed")
    e.add("url", f"{site.base}/{site.meeting_path(m).removesuffix('index.html')}")
    e.add("dtstamp", dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc))  # fixed: the same record, the same bytes
    e.add("status", "CANCELLED" if m.cancelled else "CONFIRMED")
    return e


def _calendar(site, meetings, name: str) -> bytes:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//govdocs//public record//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for m in meetings:
        cal.add_component(_event(site, m))
    return cal.to_ical()


def write_council_feeds(site) -> None:
    site.writer.put("calendar.ics", _calendar(site, site.meetings, f"{site.ws.council}: all meetings"))
    site.writer.put("feed.xml", _atom(site))


def write_board_calendar(site, slug_: str) -> None:
    site.writer.put(f"boards/{slug_}/calendar.ics",
                    _calendar(site, [m for m in site.meetings if m.board == slug_], site.ws.boards[slug_].name))


def _atom(site) -> str:
    """Agendas once published, their supplements, minutes once drafted or approved, newest first."""
    entries = []
    for m in site.meetings:
        board = site.board_name(m.board)
        url = f"{site.base}/{site.meeting_path(m).removesuffix('index.html')}"
        if m.agenda_published:
            entries.append((m.agenda_published, f"Agenda: {board}, {long_date(m.date)}", url + "#agenda", "agenda"))
        for s in m.supplements:
            entries.append((s.published, f"Supplementary agenda {s.number}: {board}, {long_date(m.date)}",
                            url + "#agenda", f"supplement-{s.number}"))
        if m.minutes_approved_at:
            entries.append((m.minutes_approved_at, f"Minutes approved: {board}, {long_date(m.date)}", url + "#minutes",
                            "minutes"))
        elif m.minutes:
            entries.append((m.date, f"Draft minutes: {board}, {long_date(m.date)}", url + "#minutes", "draft"))
    entries.sort(reverse=True)
    updated = (entries[0][0] if entries else "2000-01-01") + "T00:00:00Z"
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{escape(site.ws.council)}: published documents</title>", f"<id>{escape(site.base)}/feed.xml</id>",
             f'<link rel="self" href="{escape(site.base)}/feed.xml"/>', f"<updated>{updated}</updated>",
             f"<author><name>{escape(site.ws.council)}</name></author>"]
    for day, title, url, kind in entries[:200]:
        parts += ["<entry>", f"<title>{escape(title)}</title>", f"<id>{escape(url)}-{kind}</id>",
                  f'<link href="{escape(url)}"/>', f"<updated>{day}T00:00:00Z</updated>", "</entry>"]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
