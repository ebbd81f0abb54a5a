"""What the meeting page shows, from the record as it is now: the people to tick, the quorum at this moment,
and the agenda item by item with what has been minuted under each."""
from __future__ import annotations

import datetime as dt
import re

from govdocs.live import MEMBER_STATUSES, STATUS_WORDS, attendees, gaps
from govdocs.quorum import quorum_at, quorum_lost


def now() -> str:
    return dt.datetime.now().strftime("%H:%M")


def anchor(number: str) -> str:
    return "item-" + re.sub(r"[^A-Za-z0-9]", "-", number)


def page(ws, m) -> dict:
    from govdocs.dates import british_time_range, long_date
    from govdocs.edit.minutes import OUTCOMES
    from govdocs.minute_numbers import printed_number
    from govdocs.rules import rules_for

    board = ws.board(m.board)
    people = attendees(ws, m)
    names = {**{i: p.display_name for i, p in ws.people.items()}, **{a.initials: a.name for a in people}}
    at = now()
    # in the room, everyone marked there counts until marked as gone, whatever the clock says; the times
    # matter to the minutes, which say when the quorum was lost
    q = quorum_at(board, m.attendance, m.date, "24:00")
    lost = quorum_lost(board, m.attendance, m.date)
    voters = [a for a in people if a.attending and not a.left and (a.voting or a.stands_in_for)]
    raised: dict[str, list] = {}
    for a in ws.actions_raised_at(m):
        raised.setdefault(a.item, []).append(a)
    items = []
    for it in m.all_items():
        minute = m.minutes.get(it.number)
        items.append({
            "number": it.number, "label": printed_number(ws, m, it.number), "title": it.title,
            "anchor": anchor(it.number), "exempt": it.is_exempt, "withdrawn": it.withdrawn, "kind": it.kind,
            "presenters": ", ".join(names.get(p, p) for p in it.presenters), "purpose": it.purpose,
            "papers": [p.title or p.file.split("/")[-1] for p in it.papers],
            "declarations": [{"text": f"{names.get(d.initials, d.initials)}: {d.interest}", "initials": d.initials}
                             for d in m.attendance.declarations if d.item == it.number],
            "notes": minute.text if minute else "",
            "decisions": [_decision(d, rules_for(board).decision_word, names) for d in (minute.decisions if minute else [])],
            "actions": [{"id": a.id, "text": a.text, "owners": ", ".join(names.get(o, o) for o in a.owners),
                         "due": a.due} for a in raised.get(it.number, [])],
        })
    for prev, nxt in zip(items, items[1:]):
        prev["next"], nxt["prev"] = nxt["anchor"], prev["anchor"]
    return {
        "m": m, "board": board, "long": long_date(m.date), "people": people, "statuses": STATUS_WORDS,
        "member_statuses": MEMBER_STATUSES, "now": at, "items": items, "voters": voters,
        "attending": [a for a in people if a.attending],
        "everyone": sorted(ws.people.values(), key=lambda p: p.display_name),
        "quorum": q, "quorum_text": _quorum_text(q),
        "quorum_lost": (f"The quorum was lost at {british_time_range(lost[0], '')}, when "
                        f"{', '.join(names.get(i, i) for i in lost[1])} left." if lost else ""),
        "outcomes": OUTCOMES, "gaps": gaps(ws, m), "chair": m.attendance.chair or board.chair(),
        "closed": m.closed, "clock": lambda hhmm: british_time_range(hhmm, ""),
    }


def _quorum_text(q) -> str:
    if q.met is None:
        return "The board sets no quorum."
    count = f"{len(q.there)} voting member{'s' if len(q.there) != 1 else ''} here now; the quorum is {q.needed}"
    if q.met:
        return f"Quorate: {count}."
    return f"Not quorate: {count}" + (f", and it needs {' and '.join(q.missing)}" if q.missing else "") + "."


def _decision(d, word: str, names: dict) -> dict:
    vote = ""
    if d.unanimous:
        vote = "unanimous"
    elif d.vote:
        vote = f"{d.vote.for_} for, {d.vote.against} against, {d.vote.abstained} abstained"
    named = "; ".join(f"{k}: {', '.join(names.get(i, i) for i in v)}" for k, v in d.recorded.items() if v)
    return {"word": (d.outcome or word).upper(), "text": d.text, "vote": vote, "named": named,
            "proposer": names.get(d.proposer, d.proposer), "seconder": names.get(d.seconder, d.seconder),
            "casting": names.get(d.casting_vote, d.casting_vote), "approves": bool(d.approves)}
