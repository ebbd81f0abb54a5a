"""Model -> template data for the minutes: attendance, every item's minute in order, decisions as the
board words them, actions raised, and what a public copy leaves out (exempt minutes, their declarations)."""
from __future__ import annotations

import re

from govdocs.dates import british_time_range, is_date, long_date, short_date
from govdocs.exempt import item_is_exempt
from govdocs.model import Item, Meeting
from govdocs.render.common import base, board_name, person_name, split_time
from govdocs.render.markup import parse, plain
from govdocs.store.workspace import Workspace


def minutes(ws: Workspace, meeting: Meeting, private: bool = False) -> dict:
    ctx = base(ws, meeting, "minutes", private)
    board = ws.board(meeting.board)
    att = meeting.attendance
    people = {**ws.people, **att.as_recorded}  # as they were at the meeting, where attendance recorded it

    chair = att.chair or meeting.chair  # who chaired this meeting: the vice-chair or a co-chair, where recorded

    def row(i: str, chair_mark: bool = True) -> dict:
        p = people.get(i)
        person = p.display_name if p else i
        marks = " (Chair)" if chair_mark and i == chair else ""
        if i in att.arrived:
            marks += f" (arrived {british_time_range(att.arrived[i], '')})"
        if i in att.left:
            marks += f" (left {british_time_range(att.left[i], '')})"
        return {"name": person + marks, "person": person, "marks": marks, "initials": i,
                "role": p.role if p else "", "org": p.org if p else "", "for": ""}

    actions_by_item: dict[str, list] = {}
    for a in ws.actions_raised_at(meeting):
        actions_by_item.setdefault(a.item, []).append(a)
    from govdocs.minute_numbers import printed_number, printed_numbers
    from govdocs.render.attendance import attendance_groups, participation

    printed = printed_numbers(ws, meeting)
    rows = []
    for it in meeting.items:  # every item has its minute, in order: one nobody minuted prints its heading
        if it.is_exempt and not private:
            rows.append({"number": printed.get(it.number, it.number), "title": "Exempt item (Part 2)",
                         "presenters": "", "minutes": plain(
                             _excluded_note(ws, meeting, it)),
                         "decisions": [], "actions": [], "owners": "", "sub": [], "exempt": it.exempt,
                         "none": "", "participation": [], "taken": "", "urgent": ""})
            continue
        rows.append(_minute_row(ws, meeting, it, actions_by_item, private, printed.get(it.number)))
    def name(i: str) -> str:
        return people[i].display_name if i in people else i

    subs = [{"name": name(s.initials), "initials": s.initials,
             "for": " and ".join(name(f) for f in s.for_)} for s in att.substitutes]
    declarations = [{"name": name(d.initials), "initials": d.initials,
                     "item": printed_number(ws, meeting, d.item),  # as the minutes number it: 25, not 3
                     "interest": d.interest} for d in att.declarations
                    if private or not item_is_exempt(meeting, d.item)]
    listed = [row(i, False) for i in [*att.present, *att.virtual, *att.apologies]]
    groups = attendance_groups(board, {"present": [row(i) for i in att.present],
                                       "virtual": [row(i) for i in att.virtual],
                                       "apologies": [row(i, False) for i in att.apologies],
                                       "absent": [row(i, False) for i in att.absent],
                                       "substitutes": [row(s.initials, False) | {"for": s_["for"]}
                                                       for s, s_ in zip(att.substitutes, subs)],
                                       "in_attendance": [row(i, False) for i in att.in_attendance],
                                       "other_members": [row(i, False) for i in att.other_members],
                                       "officers": [row(i, False) for i in att.officers]})
    approved = meeting.minutes_approved_at
    ctx.update({
        "title": f"Minutes of the {ctx['board']}, {short_date(meeting.date)}",
        "draft": not approved,
        "approved": (f"Approved as a correct record at the meeting on {long_date(approved)}." if approved else ""),
        "present": [row(i) for i in att.present],
        "virtual": [row(i) for i in att.virtual],
        "apologies": [row(i, False) for i in att.apologies],
        "substitutes": subs,
        "in_attendance": [row(i, False) for i in att.in_attendance],
        "other_members": [row(i, False) for i in att.other_members],
        "officers": [row(i, False) for i in att.officers],
        "columns": {"role": any(r["role"] for r in listed), "org": any(r["org"] for r in listed)},
        "declarations": declarations,
        "attendance_groups": groups,
        "participation": [p for p in participation(ws, meeting, private) if not p["item"]],  # under no item
        "quorate": att.quorate if att.quorate is not None else _quorate(board, att, meeting.date),
        "quorum_lost": _quorum_lost_note(ws, board, att, meeting.date),
        "closed": f"The meeting closed at {british_time_range(meeting.closed, '')}." if meeting.closed else "",
        "items": rows,
        "future_dates": [{"date": long_date(f.date) if is_date(f.date) else f.date,
                          "text": ", ".join(x for x in [short_date(f.date) if is_date(f.date) else f.date,
                                                         british_time_range(*split_time(f.time))
                                                         if re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d(-([01]\d|2[0-3]):[0-5]\d)?", f.time) else f.time,
                                                         f.venue] if x)}
                         for f in meeting.future_dates],
        "chair_signature": name(chair) if chair else "Chair",
        "absent": [row(i, False) for i in att.absent],
        "public": (f"{att.public} member{'s' if att.public != 1 else ''} of the public were present."
                   if att.public is not None else ""),
        "late_publication": _late_note(ws, meeting),
    })
    return ctx


def _excluded_note(ws: Workspace, meeting: Meeting, it: Item) -> str:
    from govdocs.rules import rules_for

    if it.exempt is not None:
        basis = f"paragraph {it.exempt} of Part 1 of Schedule 12A to the Local Government Act 1972"
    else:
        basis = rules_for(ws.board(meeting.board)).exclusion_basis
    return f"The press and public were excluded for this item under {basis}. Its minute is not published."


def _late_note(ws: Workspace, meeting: Meeting) -> str:
    from govdocs.calendar import lateness

    late = lateness(ws.board(meeting.board), meeting.date, meeting.agenda_published)
    return (late[0].upper() + late[1:] + ".") if late else ""


def _quorate(board, att, day: str) -> bool | None:
    """Quorate when the voting members present (in person, virtually or by substitute) reach the board's quorum
    and include each kind of member the board's quorum needs (the chair, an executive, a non-executive …)."""
    from govdocs.quorum import quorum_at

    if not att.recorded:
        return None
    return quorum_at(board, att, day).met


def _quorum_lost_note(ws: Workspace, board, att, day: str) -> str:
    """"The meeting was not quorate from 11:40, when Éamon Fitzgerald left." where a departure lost it."""
    from govdocs.quorum import quorum_lost

    lost = quorum_lost(board, att, day) if att.recorded and att.quorate is None else None
    if not lost:
        return ""
    when, who = lost
    people = {**ws.people, **att.as_recorded}  # as they were at the meeting
    names = [people[i].display_name if i in people else i for i in who]
    named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"The meeting was not quorate from {british_time_range(when, '')}, when {named} left."


def _minute_row(ws: Workspace, meeting: Meeting, it: Item, actions_by_item: dict, private: bool,
                number: str | None) -> dict:
    from govdocs.minute_numbers import printed_number

    board = ws.board(meeting.board)
    m = meeting.minutes.get(it.number)
    raised = list(actions_by_item.get(it.number, []))
    sub = []
    for s in it.sub_items:
        if s.is_exempt and not private:
            continue
        sm = meeting.minutes.get(s.number)
        sub_actions = actions_by_item.get(s.number, [])
        label = printed_number(ws, meeting, s.number)
        decisions = [_decision(ws, board, d) for d in (sm.decisions if sm else [])]
        sub.append({"letter": label, "label": label, "number": s.number, "title": s.title, "taken": _taken(sm),
                    "urgent": _urgent_note(meeting, s),
                    "presenters": " / ".join(s.presenters), "minutes": parse(sm.text if sm else ""),
                    "decisions": decisions, "actions": [_minuted_action(ws, a) for a in sub_actions],
                    "none": "" if (sm and (sm.text or sm.decisions)) or sub_actions else board.no_minute_text})
        raised += sub_actions
    owners: list[str] = []
    for a in raised:
        owners += [o for o in a.owners if o not in owners]
    decisions = [_decision(ws, board, d) for d in (m.decisions if m else [])]
    own_actions = [_minuted_action(ws, a) for a in actions_by_item.get(it.number, [])]
    from govdocs.render.attendance import minute_from_attendance, participation

    taken = participation(ws, meeting, private, it)
    text = (m.text if m else "") or minute_from_attendance(ws, meeting, it, private)
    said = bool(text or m and m.decisions or own_actions or sub or taken)
    return {"number": str(number) if number else it.number, "title": it.title, "taken": _taken(m),
            "presenters": " / ".join(it.presenters), "minutes": parse(text),
            "decisions": decisions, "actions": own_actions, "participation": taken,
            "owners": ", ".join(owners), "sub": sub, "exempt": it.exempt, "urgent": _urgent_note(meeting, it),
            "none": "" if said else board.no_minute_text}


def _urgent_note(meeting: Meeting, it: Item) -> str:
    """Why an item not on the published agenda was taken: its supplement's reason, or the chair's urgency."""
    supp = next((s for s in meeting.supplements if it.number in s.items), None)
    if supp is not None:
        reason = supp.reason.rstrip() + ("" if supp.reason.rstrip().endswith((".", "!", "?")) else ".")
        return (f"This item was published after the agenda, in Supplementary agenda {supp.number} on "
                f"{long_date(supp.published)}. Reason for lateness: {reason}" +
                (f" Taken as urgent business: {it.urgent_reason}" if it.urgent_reason else ""))
    return f"Taken as urgent business: {it.urgent_reason}" if it.urgent_reason else ""


def _taken(minute) -> str:
    """When the item was taken, as York's minutes print it on the heading: "(4.36pm)"."""
    return f"({british_time_range(minute.taken_at, '')})" if minute and minute.taken_at else ""


def _minuted_action(ws: Workspace, a) -> dict:
    """An action as the minutes record it: what is to be done, by whom, by when, and where it was escalated."""
    due = short_date(a.due) if is_date(a.due) else a.due
    escalated = [f"Escalated to the {board_name(ws, e.to)} on {short_date(e.date)}." for e in a.escalations]
    return {"id": a.id, "text": a.text, "owners": ", ".join(a.owners), "due": due,
            "line": f"ACTION: {a.text} ({', '.join(a.owners)}{', by ' + due if due else ''})",
            "escalations": escalated}


_LIMB = re.compile(r"\s*(?=\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s)")


def _decision_lines(text: str) -> list[str]:
    """A resolution with numbered limbs, "(1) … (2) …", as one line per limb, the way minutes set them out."""
    parts = [p.strip() for p in _LIMB.split(text) if p.strip()]
    limbs = [p for p in parts if p.startswith("(")]
    return parts if len(limbs) >= 2 else [text]


def _decision(ws: Workspace, board, d) -> dict:
    from govdocs.house import resolution
    from govdocs.rules import rules_for

    details = []
    if d.proposer:
        details.append(f"Proposed by {person_name(ws, d.proposer)}")
    if d.seconder:
        details.append(f"seconded by {person_name(ws, d.seconder)}")
    if d.recorded:
        heads = {"for": "For", "against": "Against", "abstained": "Abstained"}
        details.append("recorded vote — " + "; ".join(
            f"{heads[k]}: {', '.join(person_name(ws, i) for i in names)}" for k, names in d.recorded.items()))
    elif d.vote:
        details.append(f"vote: {d.vote.for_} for, {d.vote.against} against, {d.vote.abstained} abstained")
    if d.casting_vote:
        details.append(f"carried on the casting vote of the Chair, {person_name(ws, d.casting_vote)}")
    if d.unanimous:
        details.append("carried unanimously")
    if d.approves and not d.text.strip().lower().startswith(("that ", "resolved", "agreed")):
        text = d.text.strip()  # the approval in the board's own words: "The minutes of … were approved."
    else:
        word = d.outcome.upper() if d.outcome else rules_for(board).decision_word
        text = resolution(d.text, word, board.resolution_style)
    head, _, rest = text.partition("\n")  # the heading style: the word, then the decision on its own lines
    lines = [head, *_decision_lines(rest)] if rest else _decision_lines(text)
    return {"text": " ".join(text.split("\n")), "lines": lines, "details": "; ".join(details)}
