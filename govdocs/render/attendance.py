"""The attendance block and public participation, as the board prints them: its groups in its order, under
its headings, and each question, deputation or petition with who brought it and the answer."""
from __future__ import annotations

from govdocs.model import Item, Meeting
from govdocs.store.workspace import Workspace

KIND_WORDS = {"question": "Question", "deputation": "Deputation", "petition": "Petition", "statement": "Statement"}


def attendance_groups(board, rows: dict[str, list[dict]]) -> list[dict]:
    """[{group, heading, people}] for the groups that have anyone, in the board's order (or the default)."""
    from govdocs.house import DEFAULT_GROUPS, GROUP_HEADINGS

    chosen = board.attendance_groups or [(g, GROUP_HEADINGS[g]) for g in DEFAULT_GROUPS]
    named = {g for g, _ in chosen}
    # a group the board left out of its list still prints, after the others: nobody who was there is lost
    chosen = list(chosen) + [(g, GROUP_HEADINGS[g]) for g in DEFAULT_GROUPS if g not in named]
    return [{"group": g, "heading": heading, "people": rows[g], "table": g in ("present", "virtual", "apologies")}
            for g, heading in chosen if rows.get(g)]


def participation(ws: Workspace, meeting: Meeting, private: bool, under: Item | None = None) -> list[dict]:
    """Public questions, deputations and petitions; with `under`, those taken under that item (the body's
    public participation or questions item takes those that name no item)."""
    from govdocs.exempt import item_is_exempt
    from govdocs.render.markup import parse

    home = next((it.number for it in meeting.items if it.kind == "questions"), "")
    out = []
    for p in meeting.participation:
        where = p.item or home
        if under is not None and where != under.number:
            continue
        if not private and where and item_is_exempt(meeting, where):
            continue
        responder = ws.people[p.responder].display_name if p.responder in ws.people else p.responder
        heading = f"{KIND_WORDS.get(p.kind, p.kind.capitalize())} from {p.by}"
        if p.kind == "petition" and p.signatures:
            heading += f" ({p.signatures} signatures)"
        out.append({"kind": p.kind, "heading": heading, "by": p.by, "text": parse(p.text),
                    "response": parse(p.response), "responder": responder,
                    "response_heading": f"Response{' from ' + responder if responder else ''}",
                    "item": where})
    return out


def minute_from_attendance(ws: Workspace, meeting: Meeting, it: Item, private: bool) -> str:
    """What the apologies and declarations items say when the clerk wrote no minute for them: what the
    attendance records, so "None." never stands against an apology or an interest that was declared."""
    from govdocs.exempt import item_is_exempt
    from govdocs.minute_numbers import printed_number

    att = meeting.attendance
    people = {**ws.people, **att.as_recorded}

    def name(i: str) -> str:
        return people[i].display_name if i in people else i

    if it.kind == "apologies":
        lines = [f"Apologies for absence were received from {_joined([name(i) for i in att.apologies])}."] \
            if att.apologies else []
        lines += [f"{name(s.initials)} attended as substitute for {_joined([name(f) for f in s.for_])}."
                  for s in att.substitutes]
        return "\n\n".join(lines)
    if it.kind == "declarations":
        return "\n\n".join(f"{name(d.initials)} declared {d.interest} in item {printed_number(ws, meeting, d.item)}."
                           for d in att.declarations if private or not item_is_exempt(meeting, d.item))
    return ""


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
