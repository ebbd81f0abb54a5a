"""What a report's cover sheet is filled with: the board and meeting, the item's title, the portfolio holder,
who the report is by, and what the record already knows of its purpose and recommendations; the rest is the
author's to write under the template's headings."""
from __future__ import annotations

import string

from govdocs.dates import long_date
from govdocs.model import Meeting, Report
from govdocs.store.workspace import Workspace


def _who(ws: Workspace, initials: str, with_role: bool = True) -> str:
    p = ws.people.get(initials)
    if p is None:
        return initials
    return ", ".join(x for x in (p.display_name, p.role if with_role else "", p.email) if x)


def cover_context(ws: Workspace, meeting: Meeting, report: Report) -> dict:
    it = meeting.item(report.item)
    author = ws.people.get(report.author)
    lead = ws.people.get(report.lead) if report.lead else None
    points = report.key_points or ["[The first thing the board should know.]"]
    return {
        "council": ws.council,
        "board": ws.board(meeting.board).name,
        "date_long": long_date(meeting.date),
        "title": it.title if it else f"Item {report.item}",
        "private": bool(it and it.is_exempt),
        "portfolio_holder": (lead.role or lead.display_name) if lead else "",
        "report_by": (author.role or author.display_name) if author else report.author,
        "purpose": report.purpose,
        "recommendations": report.recommendations or ["[What the board is asked to do: endorses …, notes …]"],
        "key_points": [{"letter": string.ascii_uppercase[i % 26], "text": t} for i, t in enumerate(points)],
        "author": _who(ws, report.author),
        "background": report.background or _who(ws, report.author, with_role=False),
    }
