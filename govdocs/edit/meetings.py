"""Meetings: scheduling, the agenda, attendance, minutes and their approval."""
from __future__ import annotations

import sys
from pathlib import Path

from govdocs.store import history, yamlio
from govdocs.edit.boards import require_person
from govdocs.store.change import Change
from govdocs.dates import parse_date, parse_time_range, today
from govdocs.errors import GovdocsError, NotFound, UsageProblem
from govdocs.exempt import action_is_exempt
from govdocs.papers import paper_problem
from govdocs.model import EXEMPT_PARAGRAPHS, MEETING_STATUSES, Meeting
from govdocs.store.workspace import Workspace

END_KINDS = ("urgent", "exclusion")


def _standing_item(s) -> dict:
    return {"kind": s.kind, "title": s.title, "purpose": s.purpose or None, "text": s.text or None}


def _sole_chair(board, day: str) -> str | None:
    """The board's chair, kept with the meeting; co-chairs are left for attendance --chair to settle."""
    chairs = [m.initials for m in board.members_on(day) if m.chair]
    return chairs[0] if len(chairs) == 1 else None


def pending_escalations(ws: Workspace, board: str, before: str) -> list:
    """Open actions escalated to `board` that no meeting of that board has yet had on its agenda."""
    held = [d for d in ws.meeting_dates(board) if d < before]
    last = held[-1] if held else ""
    out = []
    for a in ws.actions:
        for e in a.escalations:
            if e.to == board and a.is_open and last < e.date <= before:
                out.append(a)
    return out


def new_meeting(ws: Workspace, board_slug: str, date: str, time: str | None = None, venue: str | None = None,
                kind: str = "ordinary") -> Change:
    board = ws.board(board_slug)
    day = parse_date(date, "meeting date").isoformat()
    folder = ws.meeting_folder(board.slug, day)
    if (folder / "meeting.yaml").exists():
        raise UsageProblem(f"{board.slug} already has a meeting on {day}")
    start, end = parse_time_range(time or board.time) if (time or board.time) else ("", "")
    items: list[dict] = []
    for s in board.standing_items:
        if s.position != "end":
            items.append(_standing_item(s))
    part2 = []
    for f in ws.forward_plan(board.slug):
        if f.meeting == day:
            entry = {"kind": "forward-plan", "title": f.title, "presenters": [f.lead] if f.lead else None,
                     "purpose": f.purpose or None}
            if f.is_exempt:
                # a Part 2 entry stays Part 2 on the agenda; an unclear flag is carried over as written
                entry["exempt"] = f.exempt if f.exempt is not None else _raw_forward_exempt(ws, board.slug, f)
                part2.append(entry)
            else:
                items.append(entry)
    escalated = pending_escalations(ws, board.slug, day)
    public_esc = [a for a in escalated if not action_is_exempt(ws, a)]
    exempt_esc = [a for a in escalated if action_is_exempt(ws, a)]
    if public_esc:
        items.append(_escalation_item(ws, sorted({a.board for a in public_esc})))
    for s in board.standing_items:
        if s.position == "end":
            items.append(_standing_item(s))
    items.extend(part2)
    if exempt_esc:
        items.append(_escalation_item(ws, sorted({a.board for a in exempt_esc}), _paragraph_of(ws, exempt_esc)))
    for n, it in enumerate(items, start=1):
        it_sorted = {"number": n, **it}
        items[n - 1] = it_sorted
    data = {"board": board.slug, "date": day, "start": start or None, "end": end or None,
            "venue": venue or board.venue or None, "chair": _sole_chair(board, day), "status": "scheduled",
            "type": kind if kind != "ordinary" else None,
            "items": items}
    ch = Change(ws, f"Meeting of {board.slug} on {day} scheduled",
                history.trailer("meeting", f"{board.slug}/{day}", action="new"))
    ch.put_yaml(folder / "meeting.yaml", yamlio.to_yaml(data))
    return ch


def _escalation_item(ws: Workspace, from_boards: list[str], exempt: int | None = None) -> dict:
    """The agenda item that brings escalated actions; exempt actions come in a Part 2 item of their own."""
    names = " and ".join(ws.boards[b].name if b in ws.boards else b for b in from_boards)
    item = {"kind": "escalations", "title": f"Issues escalated from the {names}", "purpose": "To consider",
            "from_board": ",".join(from_boards)}
    if exempt is not None:
        item["title"] = f"Exempt issues escalated from the {names}"
        item["exempt"] = exempt
    return item


def _paragraph_of(ws: Workspace, actions: list) -> int:
    """The Schedule 12A paragraph of the items the exempt actions were raised under (the first one known)."""
    for a in actions:
        try:
            it = ws.meeting(a.board, a.meeting).item(a.item)
        except GovdocsError:
            continue
        if it is not None and it.exempt is not None:
            return it.exempt
    return 1  # fail closed: an exempt action whose paragraph is unknown still goes to Part 2


def _raw_forward_exempt(ws: Workspace, board: str, f) -> object:
    data = ws.read(ws.forward_plan_path(board)) or {}
    for raw in data.get("items") or [] if isinstance(data, dict) else []:
        if isinstance(raw, dict) and raw.get("title") == f.title and str(raw.get("meeting") or "") == f.meeting:
            return raw.get("exempt")
    return True


def first_closing_item(ws: Workspace, board: str, items) -> int:
    """Where new business goes: before the board's closing standing items (urgent items, exclusion, Part 2)."""
    standing = ws.board(board).standing_items
    opening = {s.kind for s in standing if s.position != "end"}  # a council may take its exclusion first
    closing = (set(END_KINDS) - opening) | {s.kind for s in standing if s.position == "end"}
    return next((i for i, it in enumerate(items) if str(it.get("kind")) in closing or it.get("exempt")), len(items))


def _renumber(items) -> None:
    for n, it in enumerate(items, start=1):
        old = str(it.get("number"))
        it["number"] = n
        subs = it.get("items") or []
        for s in subs:
            letter = str(s.get("number"))[len(old):] if str(s.get("number")).startswith(old) else ""
            if letter:
                s["number"] = f"{n}{letter}"


def _used_numbers(ws: Workspace, meeting: Meeting) -> set[str]:
    """Item numbers that minutes or actions already refer to: they must never change."""
    used = set(meeting.minutes)
    used |= {a.item for a in ws.actions if a.board == meeting.board and a.meeting == meeting.date}
    return used


def add_item(ws: Workspace, meeting: Meeting, title: str, presenters: list[str], purpose: str = "",
             papers: list[Path] | None = None, exempt: int | None = None, under: str | None = None,
             urgent_reason: str = "", time: str = "") -> tuple[Change, str]:
    from govdocs.edit.agenda import item_time

    if not title.strip():
        raise UsageProblem("an item needs a title")
    time = item_time(time or "")
    for p in presenters:
        require_person(ws, p, "presenter initials")
    exempt = exemption_for(ws, meeting.board, exempt)
    if (meeting.agenda_published or meeting.status == "agenda-published") and not urgent_reason:
        raise UsageProblem(f"the agenda of the {meeting.date} meeting has been published; an item not on it can "
                           "only be taken as urgent business, with the chair's reason (--urgent REASON)")
    papers = papers or []
    for p in papers:
        if not Path(p).is_file():
            raise NotFound(f"paper {p} does not exist")
        problem = paper_problem(Path(p))
        if problem:
            raise UsageProblem(f"paper {problem}")
    parent_item = meeting.item(under) if under else None
    exempt_here = exempt is not None or bool(parent_item and parent_item.is_exempt)
    ch = Change(ws, "")
    doc = ch.edit(meeting.folder / "meeting.yaml")
    items = doc.get("items")
    if items is None:
        doc["items"] = items = yamlio.to_yaml([])
    paper_entries = []
    for p in papers:
        target = meeting.folder / "papers" / Path(p).name
        if target.exists() and target.read_bytes() != Path(p).read_bytes():
            raise UsageProblem(f"the meeting already has a different paper called {Path(p).name}; rename one")
        ch.put_bytes(target, Path(p).read_bytes())
        paper_entries.append({"file": f"papers/{Path(p).name}", "title": title})
    entry = {"title": title, "presenters": presenters or None, "purpose": purpose or None,
             "papers": paper_entries or None, "exempt": exempt, "urgent_reason": urgent_reason or None,
             "time": time or None}
    published = bool(meeting.agenda_published or meeting.status == "agenda-published")
    if urgent_reason and published and not under:
        # urgent business goes under the "Urgent items" (or Any Other Business) item: the published
        # numbers stay as the public has them
        home = next((it for kind in ("urgent", "aob") for it in items
                     if str(it.get("kind") or "") == kind and (exempt is None) == (it.get("exempt") is None)), None)
        if home is not None:
            under = str(home.get("number"))
        elif exempt is None:
            raise UsageProblem("the published agenda has no Urgent Items or Any Other Business item to take urgent "
                               "business under; add it as a sub-item with --under N")
    if under:
        parent = next((it for it in items if str(it.get("number")) == str(under)), None)
        if parent is None:
            raise NotFound(f"the {meeting.date} meeting has no item {under}")
        subs = parent.get("items")
        if subs is None:
            parent["items"] = subs = yamlio.to_yaml([])
        number = f"{under}{chr(ord('a') + len(subs))}"
        subs.append(yamlio.to_yaml({"number": number, **entry}))
    else:
        if exempt is not None:
            pos = len(items)  # Part 2 comes after the exclusion of the press and public
        else:
            pos = first_closing_item(ws, meeting.board, items)
        moved = [str(it.get("number")) for it in items[pos:]]
        clash = sorted(set(moved) & _used_numbers(ws, meeting))
        if clash:
            raise UsageProblem(f"adding the item here would renumber item {clash[0]}, which minutes or actions "
                               "already refer to; edit the meeting file by hand")
        items.insert(pos, yamlio.to_yaml({"number": pos + 1, **entry}))
        _renumber(items)
        number = str(pos + 1)
    from govdocs.edit.plans import schedule_from_agenda

    schedule_from_agenda(ws, ch, meeting.board, meeting.date, title)
    ch.message = f"Item {number} added to the {meeting.board} meeting of {meeting.date}: {title}"
    if exempt_here:  # the title of exempt business stays out of the public history
        ch.message = f"Item {number} (exempt item) added to the {meeting.board} meeting of {meeting.date}"
    ch.trailers = [history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="add")]
    return ch, number


def refuse_if_approved(meeting: Meeting, what: str) -> None:
    """Signed minutes are evidence (LGA 1972 Sch 12 para 41): they change only by a correction minuted later."""
    if meeting.minutes_approved_at:
        raise GovdocsError(
            f"the minutes of the {meeting.board} meeting of {meeting.date} were approved at the meeting of "
            f"{meeting.minutes_approved_at}, so its {what} can no longer change; record a correction at a later "
            f"meeting: govdocs minute LATER-DATE ITEM --text \"Amendment to the minutes of {meeting.date}: …\"")


def refuse_if_not_held(meeting: Meeting) -> None:
    """Minutes of a meeting still to come are refused, unless its attendance is recorded: then the clerk is
    minuting it as it happens (or drafting from the chair's brief) and the minute stays a draft until approved."""
    if meeting.date <= today().isoformat():
        return
    if not meeting.attendance.recorded:
        raise UsageProblem(f"the {meeting.board} meeting of {meeting.date} has not happened yet; its minutes can be "
                           "recorded from the day of the meeting, or once its attendance is recorded")
    print(f"govdocs: note: the {meeting.board} meeting of {meeting.date} is still to come; this minute is a draft "
          "until the meeting has confirmed it", file=sys.stderr)


def exemption_for(ws: Workspace, board: str, value) -> int | str | None:
    """--exempt as the board's kind of body takes it: a Schedule 12A paragraph (principal councils) or a
    short reason (parish, NHS and partnership boards)."""
    from govdocs.model import parse_reason
    from govdocs.rules import rules_for

    if value is None or value == "":
        return None
    rules = rules_for(ws.board(board))
    if rules.kind == "principal":
        text = str(value).strip()
        if not text.isdigit() or int(text) not in EXEMPT_PARAGRAPHS:
            raise UsageProblem(f"--exempt {value}: Schedule 12A Part 1 has paragraphs 1 to 7 (the paragraph under "
                               "which the public is excluded)")
        return int(text)
    reason, problem = parse_reason(str(value))
    if problem:
        raise UsageProblem(f"--exempt {value!r}: say why the business is confidential, e.g. 'Staffing matter' "
                           f"({rules.exclusion_basis})")
    return reason


def _advance_status(doc, to: str) -> None:
    current = str(doc.get("status") or "scheduled")
    if current not in MEETING_STATUSES or MEETING_STATUSES.index(to) > MEETING_STATUSES.index(current):
        doc["status"] = to


OUTCOMES = ("resolved", "agreed", "approved", "noted", "received", "assured")


def record_minute(ws: Workspace, meeting: Meeting, item: str, text: str | None, resolved: list[str],
                  proposer: str = "", seconder: str = "", vote: tuple[int, int, int] | str | None = None,
                  append: bool = False, outcome: str = "", named: dict[str, list[str]] | None = None,
                  casting: bool = False) -> Change:
    it = meeting.item(item)
    if it is None:
        raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item {item}")
    refuse_if_approved(meeting, "minutes")
    refuse_if_not_held(meeting)
    named = {k: v for k, v in (named or {}).items() if v}
    for who in [proposer, seconder] + [i for names in named.values() for i in names]:
        if who:
            require_person(ws, who)
    if (named or casting) and not resolved:
        raise UsageProblem("a recorded vote or casting vote belongs to a decision: give --resolved as well")
    caster = ""
    if resolved:
        from govdocs.edit.attendance import check_vote

        caster = check_vote(ws, meeting, proposer, seconder, vote, it.number, named, casting)
    if outcome and outcome not in OUTCOMES:
        raise UsageProblem(f"--outcome {outcome!r} should be one of {', '.join(OUTCOMES)}")
    if not text and not resolved:
        raise UsageProblem("give the minute with --text or --file, and/or a decision with --resolved")
    from govdocs.minute_numbers import item_label

    ch = Change(ws, f"Minute of {item_label(ws, meeting, it.number)} recorded for the {meeting.board} meeting of "
                f"{meeting.date}",
                history.trailer("minute", f"{meeting.board}/{meeting.date}/{item}",
                                resolved=str(len(resolved)) if resolved else ""))
    entry = _minute_entry(ch, meeting, it.number)
    if text:
        old = str(entry.get("text") or "")
        new_text = (old.rstrip("\n") + "\n\n" + text) if (append and old) else text
        entry["text"] = yamlio.to_yaml(new_text)
    if resolved and not append:
        entry.pop("resolved", None)  # entering the minute again replaces its decisions; --append adds to them
    for r in resolved:
        _add_decision(entry, {"text": r, "proposer": proposer or None, "seconder": seconder or None,
                              "outcome": outcome or None, "casting_vote": caster or None}, vote, named)
    return ch


def _add_decision(entry, decision: dict, vote, named: dict[str, list[str]] | None = None) -> None:
    """Append a decision, with its vote (counts, or names as a recorded vote), to one item's minute."""
    if vote == "unanimous":
        decision["vote"] = "unanimous"
    elif named:
        decision["vote"] = {k: len(named.get(k, [])) for k in ("for", "against", "abstained")}
        decision["recorded_vote"] = {k: named[k] for k in ("for", "against", "abstained") if named.get(k)}
    elif vote:
        decision["vote"] = {"for": vote[0], "against": vote[1], "abstained": vote[2]}
    lst = entry.get("resolved")
    if lst is None:
        entry["resolved"] = lst = yamlio.to_yaml([])
    lst.append(yamlio.to_yaml(decision))


def _minute_entry(ch: Change, meeting: Meeting, number: str):
    """The round-trip minute of one item (made if new), the minutes kept in agenda order."""
    doc = ch.edit(meeting.folder / "minutes.yaml", default=lambda: {"items": {}})
    items = doc.get("items")
    if items is None:
        doc["items"] = items = yamlio.to_yaml({})
    entry = items.get(number)
    if entry is None:
        entry = yamlio.to_yaml({})
        items[number] = entry
        order = [i.number for i in meeting.all_items()]
        keys = sorted(items.keys(), key=lambda k: order.index(str(k)) if str(k) in order else len(order))
        for k in keys:
            items.move_to_end(k)
    return entry


def approve_minutes(ws: Workspace, meeting: Meeting, at: str, proposer: str = "", seconder: str = "",
                    vote: tuple[int, int, int] | str | None = None) -> Change:
    """Mark the minutes approved and minute the resolution at the approving meeting, in one commit."""
    from govdocs.dates import long_date

    at_day = parse_date(at, "--at date").isoformat()
    if at_day < meeting.date:
        raise UsageProblem(f"minutes of {meeting.date} cannot be approved at an earlier meeting ({at_day})")
    if at_day > today().isoformat():
        raise UsageProblem(f"the meeting of {at_day} has not happened yet; minutes are approved at a meeting held")
    if not (ws.meeting_folder(meeting.board, at_day) / "meeting.yaml").exists():
        raise NotFound(f"no {meeting.board} meeting on {at_day} to approve the minutes at")
    if not meeting.minutes:
        raise UsageProblem(f"the {meeting.date} meeting has no minutes to approve yet")
    if meeting.minutes_approved_at:
        raise UsageProblem(f"the minutes of {meeting.date} were already approved at the meeting of "
                           f"{meeting.minutes_approved_at}")
    for who in (proposer, seconder):
        if who:
            require_person(ws, who)
    if proposer and proposer == seconder:
        raise UsageProblem(f"{proposer} cannot both propose and second; the seconder is another member")
    approving_meeting = ws.meeting(meeting.board, at_day)
    if approving_meeting.cancelled:
        raise UsageProblem(f"the meeting of {at_day} was not held ({approving_meeting.cancelled}); minutes are "
                           "approved at a meeting held")
    if at_day != meeting.date and not approving_meeting.attendance.recorded:
        print(f"govdocs: warning: the meeting of {at_day} has no attendance recorded; record who was there "
              f"with 'govdocs attendance {at_day} ...' so the approval has its quorum", file=sys.stderr)
    ch = Change(ws, f"Minutes of the {meeting.board} meeting of {meeting.date} approved at the meeting of {at_day}",
                history.trailer("minutes", f"{meeting.board}/{meeting.date}", approved_at=at_day))
    doc = ch.edit(meeting.folder / "meeting.yaml")
    doc["status"] = "minutes-approved"
    doc["minutes_approved_at"] = yamlio.to_yaml(at_day)
    approving = ws.meeting(meeting.board, at_day)
    if approving.date != meeting.date:  # approval at the same meeting is lawful; it has no later minutes to carry it
        item = next((it for it in approving.items if it.kind == "minutes"), None)
        if item is None:
            raise NotFound(f"the {meeting.board} meeting of {at_day} has no Minutes item to record the approval "
                           "under; add one with 'govdocs item add'")
        from govdocs.edit.attendance import check_vote

        check_vote(ws, approving, proposer, seconder, vote)
        entry = _minute_entry(ch, approving, item.number)
        _add_decision(entry, {"text": f"That the minutes of the meeting held on {long_date(meeting.date)} be "
                                      "approved as a correct record and signed by the Chair.",
                              "proposer": proposer or None, "seconder": seconder or None,
                              "approves": meeting.date}, vote)
    return ch


def lateness(ws: Workspace, meeting: Meeting, published: str) -> str:
    """'' when the agenda was out in time; otherwise what the law says about it, in one sentence."""
    import datetime as dt

    from govdocs.dates import long_date
    from govdocs.calendar import publication_deadline

    if not published:
        return ""
    deadline = publication_deadline(ws.board(meeting.board), dt.date.fromisoformat(meeting.date))
    if published <= deadline.isoformat():
        return ""
    return (f"the agenda was published late, on {long_date(published)}, after the deadline of "
            f"{long_date(deadline.isoformat())}; items not open to inspection in time can be taken only as urgent "
            "business, with the chair's reason recorded (Local Government Act 1972 s.100B(4))")


def publish_agenda(ws: Workspace, meeting: Meeting) -> Change:
    late = lateness(ws, meeting, today().isoformat())
    if late:
        import sys

        print(f"govdocs: WARNING: {late}", file=sys.stderr)
    ch = Change(ws, f"Agenda of the {meeting.board} meeting of {meeting.date} published",
                history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="publish"))
    doc = ch.edit(meeting.folder / "meeting.yaml")
    _advance_status(doc, "agenda-published")
    doc["agenda_published"] = yamlio.to_yaml(today().isoformat())
    return ch


def add_future_date(ws: Workspace, meeting: Meeting, date: str, time: str = "", venue: str = "") -> Change:
    refuse_if_approved(meeting, "minutes")
    day = parse_date(date).isoformat()
    if time:
        start, end = parse_time_range(time)
        time = f"{start}-{end}" if end else start
    ch = Change(ws, f"Future meeting date {day} minuted at the {meeting.board} meeting of {meeting.date}",
                history.trailer("minutes", f"{meeting.board}/{meeting.date}", future=day))
    doc = ch.edit(meeting.folder / "minutes.yaml", default=lambda: {"items": {}})
    fds = doc.get("future_dates")
    if fds is None:
        doc["future_dates"] = fds = yamlio.to_yaml([])
    fds.append(yamlio.to_yaml({"date": day, "time": time or None, "venue": venue or None}))
    return ch


MEETING_TYPES = ("ordinary", "extraordinary", "annual")


def edit_meeting(ws: Workspace, meeting: Meeting, time: str | None = None, venue: str | None = None,
                 kind: str | None = None, closed: str | None = None, first_minute: int | None = None) -> Change:
    """Correct a meeting's time, venue or type, record when it closed, or where its minute numbers start."""
    from govdocs.dates import parse_time

    changed = []
    ch = Change(ws, "", history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="edit"))
    doc = ch.edit(meeting.folder / "meeting.yaml")
    if time is not None:
        refuse_if_approved(meeting, "time")
        start, end = parse_time_range(time)
        doc["start"] = yamlio.to_yaml(start)
        if end:
            doc["end"] = yamlio.to_yaml(end)
        elif "end" in doc:
            del doc["end"]
        changed.append(f"time {time}")
    if venue is not None:
        refuse_if_approved(meeting, "venue")
        doc["venue"] = yamlio.to_yaml(venue)
        changed.append("venue")
    if kind is not None:
        if kind not in MEETING_TYPES:
            raise UsageProblem(f"--type {kind!r} should be one of {', '.join(MEETING_TYPES)}")
        doc["type"] = kind
        changed.append(f"type {kind}")
    if closed is not None:
        refuse_if_approved(meeting, "closing time")
        doc["closed"] = yamlio.to_yaml(parse_time(closed, "--closed"))
        changed.append(f"closed at {closed}")
    if first_minute is not None:
        if first_minute < 1:
            raise UsageProblem("--first-minute should be 1 or more")
        refuse_if_approved(meeting, "minute numbers")
        mdoc = ch.edit(meeting.folder / "minutes.yaml", default=lambda: {"items": {}})
        mdoc["first_number"] = first_minute
        changed.append(f"minutes numbered from {first_minute}")
    if not changed:
        raise UsageProblem("say what changes: --time, --venue, --type, --closed or --first-minute")
    ch.message = f"Meeting of {meeting.board} on {meeting.date} edited: {', '.join(changed)}"
    return ch


def cancel_meeting(ws: Workspace, meeting: Meeting, reason: str) -> Change:
    if not reason.strip():
        raise UsageProblem("say why the meeting is cancelled: --reason TEXT")
    if meeting.attendance.recorded or meeting.minutes:
        raise UsageProblem(f"the {meeting.date} meeting has attendance or minutes recorded; it was held")
    ch = Change(ws, f"Meeting of {meeting.board} on {meeting.date} cancelled",
                history.trailer("meeting", f"{meeting.board}/{meeting.date}", action="cancel"))
    doc = ch.edit(meeting.folder / "meeting.yaml")
    doc["status"] = "cancelled"
    doc["cancelled"] = yamlio.to_yaml(reason)
    return ch
