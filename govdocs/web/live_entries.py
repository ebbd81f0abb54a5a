"""Each entry of the meeting page as the change its CLI command makes: the form's fields in, a Change (or
None when the entry changes nothing) out. Nothing here trusts the form: every name, item and number goes
through the same checks as on the command line."""
from __future__ import annotations

from govdocs.errors import UsageProblem
from govdocs.live import MEMBER_STATUSES, OTHER_STATUSES, status_of

DECLARED = {"pecuniary": "a disclosable pecuniary interest", "other": "an other registrable interest",
            "non-pecuniary": "a non-pecuniary interest"}
VOTES = ("for", "against", "abstained")


def _who(form: dict, key: str = "person") -> str:
    who = form.get(key, "").strip()
    if not who or len(who) > 12 or not who.replace("-", "").isalnum():
        raise UsageProblem("choose a person from the list")
    return who


def _time(form: dict, key: str) -> str:
    from govdocs.dates import parse_time

    return parse_time(form.get(key, ""), "the time")


def attendance(ws, m, form: dict):
    """`govdocs attendance DATE`: a status ticked, an arrival or departure, a substitute, who chairs."""
    from govdocs.edit.attendance import Taken, record_attendance

    do = form.get("do", "status")
    if do == "chair":
        return record_attendance(ws, m, Taken(chair=_who(form)))
    if do == "substitute":
        return _substitute(ws, m, _who(form, "member"), form.get("substitute", "").strip())
    who = _who(form)
    now = status_of(m.attendance, who)
    if do == "left":
        return record_attendance(ws, m, Taken(left=[(who, _time(form, "at"))]))
    if do == "arrived":
        if now in ("present", "virtual"):
            return record_attendance(ws, m, Taken(arrived=[(who, _time(form, "at"))]))
        return record_attendance(ws, m, Taken(cleared=[who] if now else [], present=[who],
                                              arrived=[(who, _time(form, "at"))]))
    status = form.get("status", "")
    if status not in (*MEMBER_STATUSES, *OTHER_STATUSES, ""):
        raise UsageProblem("choose present, virtual, apologies or absent")
    if status == now:
        return None
    return record_attendance(ws, m, Taken(cleared=[who] if now else [], **({status: [who]} if status else {})))


def _substitute(ws, m, member: str, sub: str):
    from govdocs.edit.attendance import Taken, record_attendance

    current = next((s.initials for s in m.attendance.substitutes if member in s.for_), "")
    if sub == current:
        return None
    if sub:
        _who({"person": sub})
    cleared = [i for i in (current, sub) if i and status_of(m.attendance, i)]
    return record_attendance(ws, m, Taken(cleared=cleared, substitutes=[(sub, [member])] if sub else []))


def declaration(ws, m, form: dict):
    """`govdocs attendance DATE --declare WHO:ITEM:interest`."""
    from govdocs.edit.attendance import Taken, record_attendance

    kind = DECLARED.get(form.get("kind", ""))
    if kind is None:
        raise UsageProblem("say what kind of interest was declared")
    details = " ".join(form.get("details", "").split())
    interest = f"{kind} ({details})" if details else kind
    return record_attendance(ws, m, Taken(declarations=[(_who(form), _item(m, form), interest)]))


def remove_declaration(ws, m, form: dict):
    """`govdocs attendance DATE --undeclare WHO:ITEM`: a declaration recorded in error."""
    from govdocs.edit.attendance import Taken, record_attendance

    return record_attendance(ws, m, Taken(undeclared=[(_who(form), _item(m, form))]))


def _item(m, form: dict) -> str:
    number = form.get("item", "")
    if m.item(number) is None:
        raise UsageProblem(f"the {m.date} meeting has no item {number!r}")
    return number


def notes(ws, m, form: dict):
    """`govdocs minute DATE ITEM --text …` (an emptied box: `--text ""`)."""
    from govdocs.edit.minutes import MinuteTaken, record_minute

    item = _item(m, form)
    text = form.get("text", "").replace("\r\n", "\n").strip("\n")
    minute = m.minutes.get(item)
    if text == (minute.text if minute else "").strip("\n") or (not text and minute is None):
        return None
    return record_minute(ws, m, MinuteTaken(item=item, text=text))


def decision(ws, m, form: dict):
    """`govdocs minute DATE ITEM --append --resolved … --proposer --seconder --vote|--for/--against …
    [--casting-vote] [--outcome]`."""
    from govdocs.edit.minutes import MinuteTaken, record_minute

    text = " ".join(form.get("text", "").split())
    if not text:
        raise UsageProblem("write the decision's words")
    kind = form.get("vote", "none")
    vote, named = None, {}
    if kind == "unanimous":
        vote = "unanimous"
    elif kind == "counts":
        vote = tuple(_count(form.get(k, "")) for k in VOTES)
    elif kind == "named":
        named = {k: sorted(v[6:] for v, how in form.items() if v.startswith("voter_") and how == k) for k in VOTES}
        if not any(named.values()):
            raise UsageProblem("a named vote: say how each member voted")
    elif kind != "none":
        raise UsageProblem("choose how the vote went")
    return record_minute(ws, m, MinuteTaken(
        item=_item(m, form), resolved=[text], append=True, proposer=form.get("proposer", ""),
        seconder=form.get("seconder", ""), vote=vote, named=named, casting=form.get("casting") == "1",
        outcome=form.get("outcome", "")))


def _count(value: str) -> int:
    if not value.strip().isdigit():
        raise UsageProblem(f"a vote is counted in whole numbers, not {value!r}")
    return int(value)


def remove_decision(ws, m, form: dict):
    """`govdocs minute DATE ITEM --remove-decision N`."""
    from govdocs.edit.minutes import MinuteTaken, record_minute

    n = form.get("n", "")
    return record_minute(ws, m, MinuteTaken(item=_item(m, form), remove_decision=int(n) if n.isdigit() else -1))


def action(ws, m, form: dict):
    """`govdocs action add DATE ITEM TEXT --owner WHO [--due DATE]`."""
    from govdocs.edit.actions import add_action

    ch, _ = add_action(ws, m, _item(m, form), " ".join(form.get("text", "").split()),
                       [_who(form, "owner")] if form.get("owner") else [], form.get("due", "").strip() or None)
    return ch


def remove_action(ws, m, form: dict):
    """`govdocs action remove ID`, for an action this meeting raised."""
    from govdocs.edit.removals import remove_action as remove

    aid = form.get("id", "")
    if aid not in {a.id for a in ws.actions_raised_at(m)}:
        raise UsageProblem(f"the {m.date} meeting raised no action {aid!r}")
    return remove(ws, aid)


def closed(ws, m, form: dict):
    """`govdocs meeting edit DATE --closed HH:MM`."""
    from govdocs.edit.meetings import edit_meeting

    return edit_meeting(ws, m, closed=_time(form, "at"))


def said(ws, part: str, form: dict, change) -> str:
    """What the page tells the clerk it saved, in words that differ from one entry to the next (every
    attendance commit has the same subject, and the status line must show that this entry landed)."""
    def name(key: str = "person") -> str:
        who = form.get(key, "")
        return ws.people[who].display_name if who in ws.people else who

    do, item, at = form.get("do", "status"), form.get("item", ""), _spoken_time(form.get("at", ""))
    if part == "attendance":
        from govdocs.live import STATUS_WORDS

        if do == "chair":
            return f"{name()} chairs the meeting"
        if do == "substitute":
            sub = form.get("substitute", "")
            return f"{name('substitute')} stands in for {name('member')}" if sub else f"no substitute for {name('member')}"
        if do in ("arrived", "left"):
            return f"{name()} {do} at {at}"
        return f"{name()}: {STATUS_WORDS.get(form.get('status', ''), 'not marked').lower()}"
    return {"declaration": f"{name()}'s declaration on item {item}",
            "declaration-remove": f"{name()}'s declaration on item {item} removed",
            "notes": f"the notes on item {item}",
            "decision": f"a decision on item {item}", "decision-remove": f"decision {form.get('n', '')} removed",
            "action-remove": f"action {form.get('id', '')} removed", "closed": f"the meeting closed at {at}",
            }.get(part, change.message.split("\n")[0].rstrip("."))


def _spoken_time(value: str) -> str:
    from govdocs.dates import british_time_range

    try:
        return british_time_range(_time({"at": value}, "at"), "") if value else ""
    except (UsageProblem, ValueError):
        return value


MAKERS = {"attendance": attendance, "declaration": declaration, "declaration-remove": remove_declaration,
          "notes": notes, "decision": decision,
          "decision-remove": remove_decision, "action": action, "action-remove": remove_action, "closed": closed}
