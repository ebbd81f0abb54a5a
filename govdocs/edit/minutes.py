"""Minutes by command: the minute of an item and its decisions, approval at a later meeting, and the
dates of future meetings minuted."""
from __future__ import annotations

from dataclasses import dataclass, field

from govdocs.dates import parse_date, parse_time_range, today
from govdocs.edit.boards import require_person
from govdocs.edit.checks import refuse_if_approved, refuse_if_not_held
from govdocs.errors import NotFound, UsageProblem
from govdocs.model import Meeting
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace

OUTCOMES = ("resolved", "agreed", "approved", "noted", "received", "assured")


@dataclass(kw_only=True)
class MinuteTaken:
    """The minute of one item as a clerk gives it: its text and any decisions, with how they were voted."""
    item: str
    text: str | None = None
    resolved: list[str] = field(default_factory=list)
    proposer: str = ""
    seconder: str = ""
    vote: tuple[int, int, int] | str | None = None  # counts, or "unanimous"
    append: bool = False  # add to the item's minute rather than replace it
    outcome: str = ""  # the decisions' own word where it is not the body's (approved, noted …)
    named: dict[str, list[str]] = field(default_factory=dict)  # a recorded vote: for/against/abstained initials
    casting: bool = False  # the chair's casting vote decided it
    remove_decision: int = 0  # take out this decision (1 for the first) of the item's minute
    taken_at: str = ""  # HH:MM the item was taken, where the body minutes it


def record_minute(ws: Workspace, meeting: Meeting, taken: MinuteTaken) -> Change:
    item, text, resolved, proposer, seconder = taken.item, taken.text, taken.resolved, taken.proposer, taken.seconder
    vote, append, outcome, named, casting = taken.vote, taken.append, taken.outcome, taken.named, taken.casting
    it = meeting.item(item)
    if it is None:
        raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item {item}")
    refuse_if_approved(meeting, "minutes")
    draft = refuse_if_not_held(meeting)
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
    if text is None and not resolved and not taken.remove_decision and not taken.taken_at:
        raise UsageProblem("give the minute with --text or --file, and/or a decision with --resolved")
    from govdocs.minute_numbers import item_label

    if text == "" and not resolved and not taken.remove_decision:
        return _clear_text(ws, meeting, it.number)
    if taken.remove_decision:
        return _remove_decision(ws, meeting, it.number, taken.remove_decision)

    ch = Change(ws, f"Minute of {item_label(ws, meeting, it.number)} recorded for the {meeting.board} meeting of "
                f"{meeting.date}",
                history.trailer("minute", f"{meeting.board}/{meeting.date}/{item}",
                                resolved=str(len(resolved)) if resolved else ""))
    ch.warnings += [draft] if draft else []
    entry = _minute_entry(ch, meeting, it.number)
    if taken.taken_at:
        from govdocs.dates import parse_time

        entry["taken_at"] = yamlio.to_yaml(parse_time(taken.taken_at, "--taken-at"))
    if text:
        old = str(entry.get("text") or "")
        new_text = (old.rstrip("\n") + "\n\n" + text) if (append and old) else text
        entry["text"] = yamlio.to_yaml(new_text)
    if resolved and not append:
        # entering the minute again replaces its decisions (--append adds to them); the approval of earlier
        # minutes is kept, with its link to the meeting it approves, and the clerk is told so
        kept = [d for d in entry.get("resolved") or [] if isinstance(d, dict) and d.get("approves")]
        entry.pop("resolved", None)
        if kept:
            entry["resolved"] = yamlio.to_yaml([dict(d) for d in kept])
            approved = [str(x) for d in kept for x in (d["approves"] if isinstance(d["approves"], list) else [d["approves"]])]
            ch.warnings.append(f"the approval of the minutes of {', '.join(approved)} is kept "
                               "under this item; the new decision is added after it")
    for r in resolved:
        _add_decision(entry, {"text": r, "proposer": proposer or None, "seconder": seconder or None,
                              "outcome": outcome or None, "casting_vote": caster or None}, vote, named)
    return ch


def _clear_text(ws: Workspace, meeting: Meeting, number: str) -> Change:
    """`--text ""`: the item's minute loses its text; a minute left with nothing is taken out (a stray one)."""
    from govdocs.minute_numbers import item_label

    if number not in meeting.minutes:
        raise NotFound(f"item {number} of the {meeting.date} meeting has no minute to clear")
    ch = Change(ws, f"Minute of {item_label(ws, meeting, number)} of the {meeting.board} meeting of {meeting.date} "
                    "cleared", history.trailer("minute", f"{meeting.board}/{meeting.date}/{number}", action="clear"))
    doc = ch.edit(meeting.folder / "minutes.yaml")
    items = yamlio.map_in(doc, "items")
    key = next(k for k in items if str(k) == number)
    entry = items[key]
    if isinstance(entry, dict) and entry.get("resolved"):
        entry.pop("text", None)
        ch.message = ch.message.replace("cleared", "text cleared (its decisions stay)")
    else:
        del items[key]
    return ch


def _remove_decision(ws: Workspace, meeting: Meeting, number: str, n: int) -> Change:
    """One decision among several taken out; an approval of earlier minutes goes only with `minutes approve`."""
    minute = meeting.minutes.get(number)
    decisions = minute.decisions if minute else []
    if not 1 <= n <= len(decisions):
        raise UsageProblem(f"item {number} has {len(decisions)} decision(s); --remove-decision takes 1 to "
                           f"{len(decisions)}" if decisions else f"item {number} has no decisions to remove")
    if decisions[n - 1].approves:
        raise UsageProblem(f"decision {n} approves the minutes of {', '.join(decisions[n - 1].approves)}; it cannot be "
                           "removed on its own, as those minutes are approved by it")
    ch = Change(ws, f"Decision {n} of item {number} of the {meeting.board} meeting of {meeting.date} removed",
                history.trailer("minute", f"{meeting.board}/{meeting.date}/{number}", action="remove-decision"))
    entry = _minute_entry(ch, meeting, number)
    lst = entry["resolved"]
    del lst[n - 1]
    if not lst:
        del entry["resolved"]
    return ch


def _add_decision(entry, decision: dict, vote, named: dict[str, list[str]] | None = None) -> None:
    """Append a decision, with its vote (counts, or names as a recorded vote), to one item's minute."""
    lst = yamlio.list_in(entry, "resolved")
    lst.append(yamlio.to_yaml(with_vote(decision, vote, named)))


def with_vote(decision: dict, vote, named: dict[str, list[str]] | None = None) -> dict:
    """The decision as minutes.yaml keeps it, with its vote: "unanimous", counts, or a recorded vote."""
    if vote == "unanimous":
        decision["vote"] = "unanimous"
    elif named:
        decision["vote"] = {k: len(named.get(k, [])) for k in ("for", "against", "abstained")}
        decision["recorded_vote"] = {k: named[k] for k in ("for", "against", "abstained") if named.get(k)}
    elif vote:
        decision["vote"] = {"for": vote[0], "against": vote[1], "abstained": vote[2]}
    return decision


def _minute_entry(ch: Change, meeting: Meeting, number: str):
    """The round-trip minute of one item (made if new), the minutes kept in agenda order."""
    doc = ch.edit(meeting.folder / "minutes.yaml", default=lambda: {"items": {}})
    items = yamlio.map_in(doc, "items")
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
                    vote: tuple[int, int, int] | str | None = None, text: str | None = None,
                    also: list[Meeting] | None = None) -> Change:
    """Mark the minutes approved and minute the resolution at the approving meeting, in one commit. With
    `also`, the minutes of several meetings are approved in one resolution ("the meetings held on 18
    October and 13 November 2023")."""
    from govdocs.dates import long_date, short_date

    approved = sorted([meeting, *(also or [])], key=lambda m: m.date)
    if len({m.date for m in approved}) != len(approved) or len({m.board for m in approved}) != 1:
        raise UsageProblem("give each meeting once, all of one board")
    at_day = parse_date(at, "--at date").isoformat()
    for m in approved:
        _check_approvable(ws, m, at_day)
    for who in (proposer, seconder):
        if who:
            require_person(ws, who)
    if proposer and proposer == seconder:
        raise UsageProblem(f"{proposer} cannot both propose and second; the seconder is another member")
    board = meeting.board
    approving = ws.meeting(board, at_day)
    if approving.cancelled:
        raise UsageProblem(f"the meeting of {at_day} was not held ({approving.cancelled}); minutes are "
                           "approved at a meeting held")
    dates = [m.date for m in approved]
    ch = Change(ws, f"Minutes of the {board} meeting(s) of {', '.join(dates)} approved at the meeting of {at_day}",
                *[history.trailer("minutes", f"{board}/{d}", approved_at=at_day) for d in dates])
    if at_day not in dates and not approving.attendance.recorded:
        ch.warnings.append(f"warning: the meeting of {at_day} has no attendance recorded; record who was there "
                           f"with 'govdocs attendance {at_day} ...' so the approval has its quorum")
    for m in approved:
        doc = ch.edit(m.folder / "meeting.yaml")
        doc["status"] = "minutes-approved"
        doc["minutes_approved_at"] = yamlio.to_yaml(at_day)
    if at_day in dates:  # approval at the same meeting is lawful; it has no later minutes to carry it
        return ch
    item = next((it for it in approving.items if it.kind == "minutes"), None)
    if item is None:
        raise NotFound(f"the {board} meeting of {at_day} has no Minutes item to record the approval under; add one "
                       "with 'govdocs item add'")
    from govdocs.edit.attendance import check_vote
    from govdocs.house import DEFAULT_APPROVAL, approval, check_approval_text

    check_vote(ws, approving, proposer, seconder, vote)
    try:
        words = check_approval_text(text) if text else ws.board(board).approval_text or DEFAULT_APPROVAL
    except ValueError as exc:
        raise UsageProblem(f"--text: {exc}") from None
    if words == DEFAULT_APPROVAL:
        # the default resolution names the day as it always has ("Tuesday 15 January 2030")
        day = long_date(dates[0]) if len(dates) == 1 else _and([short_date(d) for d in dates])
        if len(dates) > 1:
            words = words.replace("the meeting held on", "the meetings held on")
    else:  # a board's own sentence takes the date as such sentences give it ("the 16 July 2025 meeting")
        day = _and([short_date(d) for d in dates])
    _add_decision(_minute_entry(ch, approving, item.number),
                  {"text": approval(words, day), "proposer": proposer or None, "seconder": seconder or None,
                   "approves": dates[0] if len(dates) == 1 else dates}, vote)
    return ch


def _check_approvable(ws: Workspace, meeting: Meeting, at_day: str) -> None:
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


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def add_future_date(ws: Workspace, meeting: Meeting, date: str, time: str = "", venue: str = "") -> Change:
    refuse_if_approved(meeting, "minutes")
    day = parse_date(date).isoformat()
    if time:
        start, end = parse_time_range(time)
        time = f"{start}-{end}" if end else start
    ch = Change(ws, f"Future meeting date {day} minuted at the {meeting.board} meeting of {meeting.date}",
                history.trailer("minutes", f"{meeting.board}/{meeting.date}", future=day))
    doc = ch.edit(meeting.folder / "minutes.yaml", default=lambda: {"items": {}})
    fds = yamlio.list_in(doc, "future_dates")
    fds.append(yamlio.to_yaml({"date": day, "time": time or None, "venue": venue or None}))
    return ch


def remove_future_date(ws: Workspace, meeting: Meeting, date: str) -> Change:
    refuse_if_approved(meeting, "minutes")
    day = parse_date(date).isoformat()
    if not any(f.date == day for f in meeting.future_dates):
        raise NotFound(f"the minutes of {meeting.date} do not list a meeting on {day}")
    ch = Change(ws, f"Future meeting date {day} taken out of the minutes of the {meeting.board} meeting of "
                f"{meeting.date}", history.trailer("minutes", f"{meeting.board}/{meeting.date}", future_removed=day))
    doc = ch.edit(meeting.folder / "minutes.yaml")
    fds = doc["future_dates"]
    for i in reversed(range(len(fds))):
        if str((fds[i] or {}).get("date") if isinstance(fds[i], dict) else fds[i]) == day:
            del fds[i]
    if not fds:
        del doc["future_dates"]
    return ch
