"""What each page shows, as plain data for the templates: the same reading of the record the documents use."""
from __future__ import annotations

from govdocs import actionlog
from govdocs.dates import is_date, long_date, short_date
from govdocs.model import RAG_SCALES, rag_label
from govdocs.rules import rules_for
from govdocs.store import history
from govdocs.store.workspace import Workspace


def action_page(ws: Workspace, a) -> dict:
    scale = rules_for(ws.board(a.board)).rag_scale
    changes = []
    for e in history.log(ws.root, [ws.rel(a.path)], follow=True, limit=100):
        changes.append({"when": f"{short_date(e.date[:10])} {e.date[11:16]}", "who": e.author, "what": e.subject,
                        "web": "Govdocs-Via: web" in e.body})
    return {"a": actionlog.owner_row(ws, a), "action": a, "history": changes,
            "rags": [{"value": r, "label": rag_label(r, scale)} for r in RAG_SCALES.get(scale, RAG_SCALES["five"])],
            "updates": [{"date": short_date(u.date) if is_date(u.date) else u.date, "by": u.by, "text": u.text,
                         "status": u.status or "", "rag": rag_label(u.rag, scale) if u.rag else ""}
                        for u in reversed(a.updates)]}


def board_page(ws: Workspace, b, on_log: list | None = None) -> dict:
    cycles = [c for c in actionlog.cycles(ws, b.slug, on_log)]
    meetings = []
    for m in ws.meetings(b.slug):
        meetings.append({"date": m.date, "long": long_date(m.date), "status": m.status.replace("-", " "),
                         "items": len(m.items)})
    return {"board": b, "cycles": [{**c, "meeting": short_date(c["meeting"])} for c in cycles],
            "meetings": list(reversed(meetings))}


def meeting_page(ws: Workspace, b, m) -> dict:
    """The meeting for a member or clerk: its agenda, exempt items marked, attendance and minutes status."""
    items = []
    for it in m.items:
        items.append({"number": it.number, "title": it.title, "exempt": it.is_exempt,
                      "papers": [{"name": p.file.split("/")[-1], "title": p.title or it.title, "exempt": p.is_exempt}
                                 for p in it.papers],
                      "sub_items": [{"number": s.number, "title": s.title, "exempt": s.is_exempt} for s in it.sub_items],
                      "minuted": it.number in m.minutes})
    att = m.attendance
    return {"board": b, "m": m, "long": long_date(m.date), "items": items,
            "attendance": {"present": len(att.present) + len(att.virtual), "apologies": len(att.apologies),
                           "recorded": att.recorded},
            "minutes": ("approved " + short_date(m.minutes_approved_at)) if m.minutes_approved_at
            else ("drafted" if m.minutes else "not yet recorded"),
            "actions": [actionlog.owner_row(ws, a) for a in ws.actions
                        if a.board == b.slug and a.meeting == m.date]}

