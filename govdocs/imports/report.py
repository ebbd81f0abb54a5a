"""What an import made, as the clerk reads it before (dry run) and after: the meeting, whom each printed
name was matched to, the items with their decisions and actions, and every line that was not placed."""
from __future__ import annotations

from govdocs.imports.record import Draft
from govdocs.store.workspace import Workspace


def share_placed(draft: Draft) -> float:
    total = draft.placed + len(draft.unplaced)
    return draft.placed / total if total else 1.0


def describe(ws: Workspace, draft: Draft) -> list[str]:
    from govdocs.dates import british_time_range, long_date

    m, att = draft.meeting, draft.attendance
    out = [f"{ws.board_name(draft.board)}: {long_date(draft.date)} {british_time_range(m.get('start'), m.get('end'))}"
           .rstrip()]
    if m.get("venue"):
        out.append(f"  {m['venue']}")
    if m.get("chair"):
        out.append(f"  chair: {m['chair']}")
    counts = ", ".join(f"{key.replace('_', ' ')} {len(att[key])}" for key in
                       ("present", "virtual", "apologies", "substitutes", "in_attendance", "officers", "other_members",
                        "absent") if att.get(key))
    out.append(f"People ({counts or 'no attendance found'}):")
    for printed, initials, how in draft.matches:
        out.append(f"  {printed} -> {initials} ({'added to people.yaml' if how == 'new' else 'matched by ' + how})")
    out.append("Items:")
    minutes = draft.minutes.get("items", {})
    acts = {}
    for a in draft.actions:
        acts.setdefault(a["item"], []).append(a)

    def item(entry: dict, depth: int) -> None:
        number = str(entry["number"])
        who = f"  [{'/'.join(entry['presenters'])}]" if entry.get("presenters") else ""
        minute = minutes.get(number, {})
        out.append(f"{'  ' * depth}{number}. {entry['title']}{who}{'  (minuted)' if minute.get('text') else ''}")
        for d in minute.get("resolved", []):
            out.append(f"{'  ' * (depth + 2)}{(d.get('outcome') or 'resolved').upper()}: {d['text']}")
        for a in acts.get(number, []):
            out.append(f"{'  ' * (depth + 2)}action {a['id']} ({', '.join(a['owners'])}): {a['text']}")
        for sub in entry.get("items", []):
            item(sub, depth + 1)

    for entry in m.get("items", []):
        item(entry, 1)
    for fd in draft.minutes.get("future_dates", []):
        out.append(f"Future meeting: {fd['date']} {fd.get('time') or ''} {fd.get('venue') or ''}".rstrip())
    if draft.approves:
        out.append(f"Approves the minutes of: {', '.join(draft.approves)}")
    for note in draft.notes:
        out.append(f"To check: {note}")
    out.append(f"Lines placed: {draft.placed} of {draft.placed + len(draft.unplaced)} "
               f"({share_placed(draft):.0%}); not placed: {len(draft.unplaced)}")
    for line in draft.unplaced:
        out.append(f"  not placed, {line.where}: {line.text.strip()}")
    return out
