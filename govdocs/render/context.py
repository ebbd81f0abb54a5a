"""Model -> template data: one dictionary per document, the same for Word, HTML and PDF.

Everything public/private is decided here, once: a public context simply never contains exempt
items, their papers or their minutes, so no template can leak them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govdocs import actionlog
from govdocs.dates import british_time_range, is_date, long_date, short_date, today
from govdocs.exempt import action_is_exempt, refuse_unclear
from govdocs.model import EXEMPT_PARAGRAPHS, Item, Meeting, rag_key, rag_label
from govdocs.render.common import base, board_name, person_name, split_time
from govdocs.render.markup import parse, xml_safe
from govdocs.render.minutes import minutes
from govdocs.store.workspace import Workspace

__all__ = ["base", "board_name", "person_name", "minutes", "build", "appendices", "public_items", "public_papers"]


@dataclass
class Appendix:
    letter: str
    item: Item
    file: str
    title: str


def appendices(meeting: Meeting, private: bool) -> list[Appendix]:
    """Every paper of the meeting in agenda order, lettered A, B, C …; exempt papers only when private.

    Part 2 items come last on an agenda, so the public pack's letters are the same as the private pack's.
    """
    out: list[Appendix] = []
    used = {p.appendix for it in meeting.all_items() for p in it.papers if p.appendix}

    def letters():
        n = 0
        while True:
            letter = chr(ord("A") + n) if n < 26 else "A" + chr(ord("A") + n - 26)
            n += 1
            if letter not in used:
                yield letter

    gen = letters()
    for it, exempt in _walk(meeting.items):
        for p in it.papers:
            # every paper takes its letter, so a public pack that leaves out a confidential appendix has the
            # same letters as the members' pack
            letter = p.appendix or next(gen)
            if private or not (exempt or p.is_exempt):
                out.append(Appendix(letter, it, p.file, p.title or it.title))
    return out


def exempt_appendices(meeting: Meeting, it: Item) -> list[str]:
    """The confidential appendices of a public item, as its public agenda lists them: "Appendix C (exempt …)"."""
    lettered = {(a.item.number, a.file): a.letter for a in appendices(meeting, True)}
    out = []
    for p in it.papers:
        if p.is_exempt:
            basis = (f"paragraph {p.exempt} of Part 1 of Schedule 12A" if p.exempt is not None
                     else "confidential" if p.exempt_reason else "exemption unclear")
            out.append(f"Appendix {lettered[(it.number, p.file)]} — exempt appendix, not for publication ({basis})")
    return out


def _walk(items: list[Item], parent_exempt: bool = False):
    for it in items:
        ex = parent_exempt or it.is_exempt
        yield it, ex
        yield from _walk(it.sub_items, ex)


# --- the public views: what the site, the decision register and every public document may show -------

def public_items(meeting: Meeting) -> list[tuple[Item, Item]]:
    """(item, the top-level item it sits under) for the business taken in public, at every depth: nothing
    under an exempt item, whatever the sub-item itself says."""
    return [(it, top) for top in meeting.items for it, ex in _walk([top]) if not ex]


def public_papers(meeting: Meeting) -> list[tuple]:
    """(paper, its item, the top-level item) for every public paper: no confidential appendix of a public item."""
    return [(p, it, top) for it, top in public_items(meeting) for p in it.papers if not p.is_exempt]


def forward_entries(ws: Workspace, board: str, private: bool) -> list:
    """The board's forward plan; the public one leaves out Part 2 entries."""
    return [f for f in ws.forward_plan(board) if private or not f.is_exempt]


def public_actions(ws: Workspace) -> list:
    return [a for a in ws.actions if not action_is_exempt(ws, a)]


# --- agenda ---------------------------------------------------------------------------

def _exclusion_text(ws: Workspace, meeting: Meeting, item: Item, private: bool) -> tuple[str, list[dict]]:
    from govdocs.rules import EXCLUSION_TEXT, rules_for

    board = ws.board(meeting.board)
    rules = rules_for(board)
    std = next((s for s in board.standing_items if s.kind == "exclusion"), None)
    text = item.text or (std.text if std else "")
    if rules.exemption == "reason" and text.strip() in ("", EXCLUSION_TEXT):
        text = f"To exclude the press and public for the item(s) below under {rules.exclusion_basis}."
    # the items that are exempt in their own right; their sub-items go with them
    exempt = [(it, it.exempt) for it in meeting.items if it.is_exempt]
    exempt += [(s, s.exempt) for it in meeting.items if not it.is_exempt for s, _ in _walk(it.sub_items)
               if s.is_exempt]
    lines = []
    for it, para in exempt:
        from govdocs.minute_numbers import agenda_number

        label = f"Item {agenda_number(ws, meeting, it.number)}" + (f": {it.title}" if private else "")
        if para:
            basis = f"exempt under paragraph {para} of Part 1 of Schedule 12A: {EXEMPT_PARAGRAPHS.get(para, '')}"
        elif it.exempt_reason:
            basis = f"confidential ({it.exempt_reason})" if private else "confidential"
        else:
            basis = f"exempt ({it.exempt_problem})"
        lines.append({"item": agenda_number(ws, meeting, it.number), "text": f"{label} — {basis}"})
    if not exempt:
        text = (text + " " if text else "") + "No exempt business is expected at this meeting."
    return text, lines


def agenda_item(ws: Workspace, meeting: Meeting, it: Item, letters: dict, private: bool,
                reports: dict | None = None) -> dict:
    text = it.text
    report = (reports or {}).get(it.number)
    if it.kind == "minutes" and not text:
        prev = ws.minutes_for_approval(meeting)
        text = (f"To confirm the minutes of the meeting held on {short_date(prev.date)}." if prev
                else "There are no minutes of an earlier meeting to confirm." if ws.previous_meeting(meeting)
                else "To confirm the minutes of the previous meeting.")
    extra: list[str] = []
    exclusion: list[dict] = []
    if it.kind == "exclusion":
        text, exclusion = _exclusion_text(ws, meeting, it, private)
    if it.kind == "escalations":
        for a in _escalated_to(ws, meeting, it, private):
            owners = ", ".join(a.owners)
            extra.append(f"{a.id} ({board_name(ws, a.board)}, {owners}): {a.text}")
    if it.kind == "action-log":
        rows = [r for r in actionlog.action_log(ws, meeting) if private or not action_is_exempt(ws, r.action)]
        if rows:
            open_n = sum(1 for r in rows if not r.completed)
            extra.append(f"{open_n} open action(s) and {len(rows) - open_n} completed since the last meeting; "
                         "see the action log.")
    purpose = it.purpose or (report.purpose if report else "")  # the report's purpose, from its record
    if purpose and (text or "").lower().startswith(purpose.lower()):
        purpose = ""  # "To confirm" above "To confirm the minutes of …" says it twice
    papers = [{"letter": letters[(it.number, p.file)], "title": p.title or it.title}
              for p in it.papers if (it.number, p.file) in letters]
    from govdocs.minute_numbers import agenda_number

    sub_papers = [f"Appendix {letters[(s.number, p.file)]} ({agenda_number(ws, meeting, s.number)})"
                  for s in it.sub_items for p in s.papers if (s.number, p.file) in letters]
    return {
        "number": (number := agenda_number(ws, meeting, it.number)), "ref": it.number,
        "label": number if number.endswith(")") else number + ".",  # "13(a)" or "3a." before the title
        "title": it.title, "kind": it.kind, "time": british_time_range(*split_time(it.time)),
        "presenters": ", ".join(person_name(ws, p) for p in it.presenters),
        "presenter_initials": " / ".join(it.presenters),
        "purpose": purpose, "text": parse(text), "extra": extra, "exclusion": exclusion,
        "recommendations": list(report.recommendations) if report else [],
        "recommendation_intro": f"It is recommended that the {board_name(ws, meeting.board)}:" if report else "",
        "papers": papers,
        "exempt_appendices": [] if private else exempt_appendices(meeting, it),
        "appendix": ", ".join([f"Appendix {p['letter']}" for p in papers] + sub_papers),
        "exempt": it.exempt, "urgent_reason": it.urgent_reason,
        "withdrawn": f"Withdrawn: {it.withdrawn}" if it.withdrawn else "",
        "exempt_basis": (f"Exempt under paragraph {it.exempt} of Part 1 of Schedule 12A." if it.exempt is not None
                         else f"Confidential: {it.exempt_reason}." if it.exempt_reason
                         else f"Exempt: {it.exempt_problem}." if it.exempt_problem else ""),
        "sub_items": [agenda_item(ws, meeting, s, letters, private, reports) for s in it.sub_items
                      if private or not s.is_exempt],
    }


def _escalated_to(ws: Workspace, meeting: Meeting, item: Item, private: bool):
    prev = ws.previous_meeting(meeting)
    since = prev.date if prev else ""
    from_boards = [b for b in item.from_board.split(",") if b]
    out = []
    for a in ws.actions_on_log(meeting.board):
        for e in a.escalations:
            if e.to == meeting.board and since < e.date <= meeting.date and (not from_boards or a.board in from_boards):
                # a Part 2 escalations item carries the exempt ones; a public item never does
                if action_is_exempt(ws, a) == item.is_exempt and (private or not item.is_exempt):
                    out.append(a)
    return out


def agenda(ws: Workspace, meeting: Meeting, private: bool = False) -> dict:
    ctx = base(ws, meeting, "agenda", private)
    board = ws.board(meeting.board)
    letters = {(a.item.number, a.file): a.letter for a in appendices(meeting, private)}
    from govdocs.reports import reports_of

    reports = reports_of(ws, meeting) if meeting.folder is not None else {}
    items, part2 = [], []
    for it in meeting.items:
        if it.is_exempt:
            if private:
                part2.append(agenda_item(ws, meeting, it, letters, private, reports))
            continue
        items.append(agenda_item(ws, meeting, it, letters, private, reports))
    from govdocs.rules import rules_for

    rules = rules_for(board)
    rows = items + part2
    ctx.update({
        "items": items, "part2": part2,
        # a column no row fills is left out (a parish agenda has no presenters or papers)
        "columns": {"presenter": any(r["presenters"] for r in rows), "paper": any(r["appendix"] for r in rows)},
        "part1_heading": rules.part1_heading, "part2_heading": rules.part2_heading,
        "summons": rules.summons,
        "summons_signed": _summons_signed(ws, board, meeting) if rules.summons else "",
        "timed": any(it.time for it in meeting.items),
        "has_exempt": any(it.is_exempt for it, _ in _walk(meeting.items)),
        "public_information": parse(board.public_information),  # headed paragraphs: **Filming.** …
        "deadline": _deadline_text(ws, meeting),
        "supplement": None,  # a supplementary agenda's number and reason (govdocs/pack/supplement.py)
    })
    return ctx


def _summons_signed(ws: Workspace, board, meeting: Meeting) -> str:
    """The clerk's signature under a parish summons (LGA 1972 Sch 12 para 10(2)(b): signed by the proper
    officer), dated the day the agenda went out once it has."""
    who = ws.people.get(board.clerk)
    name = (f"{who.display_name}, {who.role or 'Clerk'}" if who else board.clerk) or "Clerk to the Council"
    dated = long_date(meeting.agenda_published) if is_date(meeting.agenda_published) else "____________"
    return f"Signed: ______________________  {name}     Date: {dated}"


def _deadline_text(ws: Workspace, meeting: Meeting) -> str:
    from govdocs.calendar import publication_deadline
    from govdocs.rules import rules_for

    board = ws.board(meeting.board)
    if is_date(meeting.agenda_published):  # once published, the date it was, not the deadline it had
        return f"{rules_for(board).notice} on {long_date(meeting.agenda_published)}."
    try:
        d = publication_deadline(board, dt.date.fromisoformat(meeting.date))
    except (ValueError, OverflowError):  # a date at the calendar's edge: the deadline is only informative
        return ""
    return f"{rules_for(board).notice} by {long_date(d)}."


# --- action log -----------------------------------------------------------------------

DIRECTION_SIGNS = {"improving": "↑ improving", "worsening": "↓ worsening", "unchanged": "→ unchanged", "new": "new"}


def _scale(ws: Workspace, board: str) -> str:
    from govdocs.rules import rules_for

    return rules_for(ws.board(board)).rag_scale


def actions(ws: Workspace, meeting: Meeting, private: bool = False) -> dict:
    ctx = base(ws, meeting, "actions", private)
    scale = _scale(ws, meeting.board)
    rows = []
    day = actionlog.as_of(meeting.date)
    for r in actionlog.action_log(ws, meeting):
        a = r.action
        if not private and action_is_exempt(ws, a):
            continue
        upd = r.update
        esc = [f"escalated to {board_name(ws, e.to)} on {short_date(e.date)}" for e in a.escalations
               if e.date <= actionlog.as_of(meeting.date) and e.to != meeting.board]
        if r.escalated_from:
            esc.insert(0, f"escalated from the {board_name(ws, r.escalated_from)}")
        status = actionlog.status_on(a, day).replace("-", " ").capitalize()
        due_then, originally = actionlog.due_on(a, day)
        due_text = (short_date(due_then) if is_date(due_then) else (short_date(r.due) if r.due else due_then))
        if originally:
            due_text += f" (revised; originally {short_date(originally) if is_date(originally) else originally})"
        rows.append({
            "id": a.id, "raised": _raised_at(ws, a), "text": a.text,
            "owners": ", ".join(a.owners), "due": due_text,
            "rag": ("blue" if scale == "brag" and r.rag == "completed" else r.rag) or "",
            "rag_label": rag_label(r.rag, scale),
            "direction": DIRECTION_SIGNS.get(r.direction, r.direction),
            "status": "Completed " + short_date(r.completed) if r.completed else status,
            "rag_status": (f"Completed {short_date(r.completed)}" if r.completed and r.rag in (None, "completed", "blue")
                           else f"{rag_label(r.rag, scale)} — "
                                + (f"completed {short_date(r.completed)}" if r.completed else status.lower())),
            "overdue": r.overdue and not r.completed,
            "latest": (f"{short_date(upd.date)} ({upd.by}): {upd.text}" if upd else ""),
            "escalation": "; ".join(esc),
        })
    prev = ws.previous_meeting(meeting)
    ctx.update({
        "title": f"{ctx['board']}: Action Log for the meeting of {short_date(meeting.date)}",
        "rows": rows, "rag_key": rag_key(scale),
        "as_of": long_date(actionlog.as_of(meeting.date)),
        "since": short_date(prev.date) if prev else "",
        "open_count": sum(1 for r in rows if not r["status"].startswith("Completed")),
        "done_count": sum(1 for r in rows if r["status"].startswith("Completed")),
    })
    return ctx


def _raised_at(ws: Workspace, a) -> str:
    """Where an action was raised, with the item as that meeting's minutes number it: "16 Jul 2025, item 18"."""
    from govdocs.errors import GovdocsError
    from govdocs.minute_numbers import printed_number

    if not a.meeting:
        return f"meeting not recorded, item {a.item}"
    try:
        item = printed_number(ws, ws.meeting(a.board, a.meeting), a.item)
    except GovdocsError:
        item = a.item
    return f"{short_date(a.meeting)}, item {item}"


# --- forward plan ---------------------------------------------------------------------

def forward_plan(ws: Workspace, meeting: Meeting, private: bool = False) -> dict:
    ctx = base(ws, meeting, "forward-plan", private)
    board = ws.board(meeting.board)
    items = forward_entries(ws, board.slug, private)
    notes = ws.forward_notes(board.slug)
    dates = {d for d in ws.meeting_dates(board.slug) if d >= meeting.date}
    dates |= {f.meeting for f in items if f.meeting and f.meeting >= meeting.date}
    dates |= {d for d in notes if d >= meeting.date}
    meetings = []
    for d in sorted(dates):
        its = [{"title": f.title, "lead": person_name(ws, f.lead) if f.lead else "", "lead_initials": f.lead,
                "purpose": f.purpose, "key_decision": f.key_decision, "source": f.source}
               for f in items if f.meeting == d]
        meetings.append({"date": long_date(d), "note": notes.get(d, ""), "entries": its})
    unscheduled = [{"title": f.title, "lead": person_name(ws, f.lead) if f.lead else "", "purpose": f.purpose,
                    "source": f.source} for f in items if not f.meeting]
    ctx.update({"title": f"{board.name}: Forward Plan from {short_date(meeting.date)}", "meetings": meetings,
                "unscheduled": unscheduled})
    return ctx


# --- highlight report -----------------------------------------------------------------

def highlight(ws: Workspace, meeting: Meeting, private: bool = False) -> dict:
    ctx = base(ws, meeting, "highlight", private)
    board = ws.board(meeting.board)
    day = actionlog.as_of(meeting.date)
    programmes = []
    for prog in ws.programmes:
        if prog.board != board.slug:
            continue
        streams = []
        for w in prog.workstreams:
            streams.append({
                "name": w.name, "lead": person_name(ws, w.lead) if w.lead else "", "lead_initials": w.lead,
                "rag": w.rag or "", "rag_label": rag_label(w.rag, _scale(ws, board.slug)),
                "progress": parse(w.progress), "impact": parse(w.impact), "concerns": parse(w.concerns),
                "next_steps": parse(w.next_steps), "updated": short_date(w.updated) if is_date(w.updated) else "",
                "measures": [{"measure": m.measure, "baseline": m.baseline,
                              "targets": ", ".join(f"{k}: {v}" for k, v in m.targets.items()),
                              "actuals": ", ".join(f"{k}: {v}" for k, v in m.actuals.items())} for m in w.measures],
                "risks": [{"risk": r.risk, "impact": r.impact, "strategy": r.strategy, "actions": r.actions,
                           "score": r.score} for r in w.risks],
            })
        programmes.append({"name": prog.name, "workstreams": streams})
    comp = actionlog.completion(ws, board.slug, day)
    cyc = [c for c in actionlog.cycles(ws, board.slug) if c["meeting"] <= meeting.date][-4:]
    nxt = ws.next_meeting(board.slug, meeting.date)
    upcoming = [f.title for f in ws.forward_plan(board.slug)
                if nxt and f.meeting == nxt.date and (private or not f.is_exempt)]
    ctx.update({
        "title": f"{board.name}: Highlight Report, {short_date(meeting.date)}",
        "programmes": programmes, "completion": comp,
        "completion_text": (f"{comp['completed']} of {comp['total']} actions completed ({comp['percent']}%); "
                            f"{comp['open']} open, of which {comp['overdue']} overdue, as of {long_date(day)}."),
        "cycles": [{"meeting": short_date(c["meeting"]), "raised": c["raised"], "completed": c["completed"],
                    "carried_forward": c["carried_forward"], "overdue": c["overdue"]} for c in cyc],
        "next_meeting": long_date(nxt.date) if nxt else "",
        "upcoming": upcoming, "rag_key": rag_key(_scale(ws, board.slug)),
    })
    return ctx


BUILDERS = {"agenda": agenda, "minutes": minutes, "actions": actions, "forward-plan": forward_plan,
            "highlight": highlight}


def build(ws: Workspace, kind: str, meeting: Meeting, private: bool = False) -> dict:
    if not private:
        refuse_unclear(ws, meeting)
    ctx = BUILDERS[kind](ws, meeting, private)
    ctx["generated"] = today().isoformat()
    return _xml_safe(ctx)


def _xml_safe(value):
    """Every string the templates get, without the control characters Word's XML cannot hold."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_xml_safe(v) for v in value]
    return value
