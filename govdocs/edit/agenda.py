"""A meeting's agenda by command: add an item (before the closing items, or under another), edit it, remove
or move it before publication, withdraw it after; and the items a new meeting draws in. Each is one commit, and item numbers that minutes or actions refer to never move."""
from __future__ import annotations

from pathlib import Path

from govdocs.edit.boards import require_person
from govdocs.edit.checks import exemption_for, item_time, refuse_if_approved
from govdocs.errors import GovdocsError, NotFound, UsageProblem
from govdocs.model import Meeting
from govdocs.papers import accessibility_warning, paper_problem
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace

END_KINDS = ("urgent", "exclusion")


def standing_item(s) -> dict:
    return {"kind": s.kind, "title": s.title, "purpose": s.purpose or None, "text": s.text or None}


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


def escalation_item(ws: Workspace, from_boards: list[str], exempt: int | None = None) -> dict:
    """The agenda item that brings escalated actions; exempt actions come in a Part 2 item of their own."""
    names = " and ".join(ws.boards[b].name if b in ws.boards else b for b in from_boards)
    item = {"kind": "escalations", "title": f"Issues escalated from the {names}", "purpose": "To consider",
            "from_board": ",".join(from_boards)}
    if exempt is not None:
        item["title"] = f"Exempt issues escalated from the {names}"
        item["exempt"] = exempt
    return item


def paragraph_of(ws: Workspace, actions: list) -> int:
    """The Schedule 12A paragraph of the items the exempt actions were raised under (the first one known)."""
    for a in actions:
        try:
            it = ws.meeting(a.board, a.meeting).item(a.item)
        except GovdocsError:
            continue
        if it is not None and it.exempt is not None:
            return it.exempt
    return 1  # fail closed: an exempt action whose paragraph is unknown still goes to Part 2


def first_closing_item(ws: Workspace, board: str, items) -> int:
    """Where new business goes: before the board's closing standing items (urgent items, exclusion, Part 2)."""
    standing = ws.board(board).standing_items
    opening = {s.kind for s in standing if s.position != "end"}  # a council may take its exclusion first
    closing = (set(END_KINDS) - opening) | {s.kind for s in standing if s.position == "end"}
    return next((i for i, it in enumerate(items) if str(it.get("kind")) in closing or it.get("exempt")), len(items))


def renumber(items) -> None:
    for n, it in enumerate(items, start=1):
        old = str(it.get("number"))
        it["number"] = n
        subs = it.get("items") or []
        for s in subs:
            letter = str(s.get("number"))[len(old):] if str(s.get("number")).startswith(old) else ""
            if letter:
                s["number"] = f"{n}{letter}"


def used_numbers(ws: Workspace, meeting: Meeting) -> set[str]:
    """Item numbers that minutes or actions already refer to: they must never change."""
    used = set(meeting.minutes)
    used |= {a.item for a in ws.actions_raised_at(meeting)}
    return used


def add_item(ws: Workspace, meeting: Meeting, title: str, presenters: list[str], purpose: str = "",
             papers: list[Path] | None = None, exempt: int | None = None, under: str | None = None,
             urgent_reason: str = "", time: str = "") -> tuple[Change, str]:
    from govdocs.edit.checks import item_time

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
    ch.warnings += [w for w in map(accessibility_warning, map(Path, papers)) if w]
    doc = ch.edit(meeting.folder / "meeting.yaml")
    items = yamlio.list_in(doc, "items")
    paper_entries = []
    for p in papers:
        target = meeting.folder / "papers" / Path(p).name
        if target.exists() and target.read_bytes() != Path(p).read_bytes():
            raise UsageProblem(f"the meeting already has a different paper called {Path(p).name}; rename one")
        if warning := accessibility_warning(Path(p)):
            ch.warnings.append(warning)
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
        subs = yamlio.list_in(parent, "items")
        number = f"{under}{chr(ord('a') + len(subs))}"
        subs.append(yamlio.to_yaml({"number": number, **entry}))
    else:
        if exempt is not None:
            pos = len(items)  # Part 2 comes after the exclusion of the press and public
        else:
            pos = first_closing_item(ws, meeting.board, items)
        before = _numbers(items)
        items.insert(pos, yamlio.to_yaml({"number": pos + 1, **entry}))
        renumber(items)
        number = str(pos + 1)
        carry_references(ws, ch, meeting, before, items)
    from govdocs.edit.plans import schedule_from_agenda

    schedule_from_agenda(ws, ch, meeting.board, meeting.date, title)
    ch.message = f"Item {number} added to the {meeting.board} meeting of {meeting.date}: {title}"
    if exempt_here:  # the title of exempt business stays out of the public history
        ch.message = f"Item {number} (exempt item) added to the {meeting.board} meeting of {meeting.date}"
    ch.trailers = [history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="add")]
    return ch, number


def _find(items, number: str):
    """(the list holding the item, its index) for item `number`, sub-items included."""
    for i, it in enumerate(items or []):
        if str(it.get("number")) == str(number):
            return items, i
        found = _find(it.get("items"), number)
        if found:
            return found
    return None


def _entry(ch: Change, meeting: Meeting, number: str):
    doc = ch.edit(meeting.folder / "meeting.yaml")
    found = _find(doc.get("items"), number)
    if found is None:
        raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item {number}")
    return doc, found


def _before_publication(meeting: Meeting, what: str) -> None:
    if meeting.status != "scheduled" and not meeting.agenda_published:
        raise UsageProblem(f"the {meeting.date} meeting has been held, so its items can no longer be {what}")
    if meeting.status != "scheduled":
        raise UsageProblem(f"the agenda of the {meeting.date} meeting has been published, so items can no longer be "
                           f"{what}; withdraw it instead: govdocs item withdraw {meeting.date} ITEM --reason TEXT")


def _numbers(items) -> dict[int, str]:
    """id of each entry (sub-items included) -> its number, to see which numbers a change moves."""
    out = {}
    for it in items or []:
        out[id(it)] = str(it.get("number"))
        out.update(_numbers(it.get("items")))
    return out


def carry_references(ws: Workspace, ch: Change, meeting: Meeting, before: dict[int, str], items) -> None:
    """Minutes, actions, declarations and public participation name items by number: when a change to an
    unpublished agenda renumbers items, what refers to them is renumbered with them, in the same commit.
    (An action keeps its id, which is only a name; its `item` follows.)"""
    after = _numbers(items)
    moves = {old: after[key] for key, old in before.items() if key in after and after[key] != old}
    if not moves:
        return
    if meeting.minutes or meeting.participation:
        doc = ch.edit(meeting.folder / "minutes.yaml")
        minutes = doc.get("items")
        if minutes:
            entries = [(moves.get(str(k), str(k)), minutes[k]) for k in list(minutes)]
            for k in list(minutes):
                del minutes[k]
            order = [str(it.get("number")) for it in _walk_entries(items)]
            for k, v in sorted(entries, key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order)):
                minutes[yamlio.key(k)] = v
        for p in doc.get("participation") or []:
            if isinstance(p, dict) and str(p.get("item") or "") in moves:
                p["item"] = yamlio.to_yaml(moves[str(p["item"])])
    if meeting.attendance.declarations:
        att = ch.edit(meeting.folder / "attendance.yaml")
        for d in att.get("declarations") or []:
            if isinstance(d, dict) and str(d.get("item") or "") in moves:
                d["item"] = yamlio.to_yaml(moves[str(d["item"])])
    for a in ws.actions_raised_at(meeting):
        if a.item in moves:
            ch.edit(a.path)["item"] = yamlio.to_yaml(moves[a.item])
    moved = sorted(n for n in moves if n in used_numbers(ws, meeting))
    if moved:
        ch.warnings.append("note: the minutes and actions of item(s) " + ", ".join(f"{n} (now {moves[n]})"
                                                                          for n in moved) + " moved with them")


def _walk_entries(items):
    for it in items or []:
        yield it
        yield from _walk_entries(it.get("items"))


def edit_item(ws: Workspace, meeting: Meeting, number: str, title: str | None = None,
              presenters: list[str] | None = None, purpose: str | None = None, exempt: int | str | None = None,
              public: bool = False, papers: list[Path] | None = None, time: str | None = None,
              drop_papers: list[str] | None = None, exempt_papers: dict[str, str] | None = None) -> Change:
    from govdocs.edit.checks import exemption_for

    refuse_if_approved(meeting, "agenda")
    if exempt is not None and public:
        raise UsageProblem("an item is either --exempt or --public, not both")
    exempt = exemption_for(ws, meeting.board, exempt)  # a paragraph, or a reason outside principal councils
    if time is not None:
        time = item_time(time)
    if title is not None and not title.strip():
        raise UsageProblem("an item needs a title")
    for p in presenters or []:
        require_person(ws, p, "presenter initials")
    ch = Change(ws, "")
    _, (items, i) = _entry(ch, meeting, number)
    entry = items[i]
    changed = []
    for key, value in (("title", title), ("purpose", purpose)):
        if value is not None and str(entry.get(key) or "") != value:
            entry[key] = yamlio.to_yaml(value)
            changed.append(key)
    if presenters is not None:
        entry["presenters"] = yamlio.to_yaml(presenters)
        changed.append("presenters")
    if exempt is not None:
        entry["exempt"] = exempt
        changed.append(f"exempt (paragraph {exempt})" if isinstance(exempt, int) else "confidential")
    if time is not None:
        if time:
            entry["time"] = time
        else:
            entry.pop("time", None)
        changed.append(f"time {time}" if time else "time removed")
    if public and "exempt" in entry:
        del entry["exempt"]
        changed.append("made public")
    for p in papers or []:
        if not Path(p).is_file():
            raise NotFound(f"paper {p} does not exist")
        problem = paper_problem(Path(p))
        if problem:
            raise UsageProblem(f"paper {problem}")
        target = meeting.folder / "papers" / Path(p).name
        if target.exists() and target.read_bytes() != Path(p).read_bytes():
            raise UsageProblem(f"the meeting already has a different paper called {Path(p).name}; rename one")
        if warning := accessibility_warning(Path(p)):
            ch.warnings.append(warning)
        ch.put_bytes(target, Path(p).read_bytes())
        lst = yamlio.list_in(entry, "papers")
        lst.append(yamlio.to_yaml({"file": f"papers/{Path(p).name}", "title": str(entry.get("title"))}))
        changed.append(f"paper {Path(p).name}")
    for name in drop_papers or []:
        lst = entry.get("papers") or []
        keep = [x for x in lst if Path(str(x.get("file") if isinstance(x, dict) else x)).name != Path(name).name]
        if len(keep) == len(lst):
            raise NotFound(f"item {number} has no paper {Path(name).name}")
        entry["papers"] = yamlio.to_yaml(list(keep)) if keep else None
        if not keep:
            del entry["papers"]
        changed.append(f"paper {Path(name).name} taken off")  # the file stays in papers/ and in git
    for name, basis in (exempt_papers or {}).items():
        listed = entry.get("papers") or []
        at = next((k for k, x in enumerate(listed)
                   if Path(str(x.get("file") if isinstance(x, dict) else x)).name == Path(name).name), None)
        if at is None:
            raise NotFound(f"item {number} has no paper {Path(name).name}")
        if not isinstance(listed[at], dict):  # `- papers/x.pdf`, written by hand: the paper as a mapping
            listed[at] = yamlio.to_yaml({"file": str(listed[at])})
        paper = listed[at]
        if basis:  # a confidential appendix to a public item: its paragraph, or the reason
            paper["exempt"] = exemption_for(ws, meeting.board, basis)
            changed.append(f"paper {Path(name).name} exempt")
        else:
            paper.pop("exempt", None)
            changed.append(f"paper {Path(name).name} public")
    if not changed:
        raise UsageProblem("say what changes: --title, --presenter, --purpose, --exempt, --public, --time, --paper, "
                           "--remove-paper or --exempt-paper")
    it = meeting.item(number)
    exempt_now = bool(entry.get("exempt")) or (it is not None and it.is_exempt and not public)
    label = "exempt item" if exempt_now else f"'{entry.get('title')}'"
    ch.message = f"Item {number} ({label}) of the {meeting.board} meeting of {meeting.date} edited: {', '.join(changed)}"
    ch.trailer(history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="edit"))
    return ch


def remove_item(ws: Workspace, meeting: Meeting, number: str) -> Change:

    _before_publication(meeting, "removed")
    if number in used_numbers(ws, meeting):
        raise UsageProblem(f"item {number} has minutes or actions; it cannot be removed")
    ch = Change(ws, f"Item {number} removed from the {meeting.board} meeting of {meeting.date}",
                history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="remove"))
    doc, (items, i) = _entry(ch, meeting, number)
    top = doc.get("items")
    before = _numbers(top)
    del items[i]
    if items is top:
        renumber(top)
    else:
        _reletter(items, number)
    carry_references(ws, ch, meeting, before, top)
    return ch


def _reletter(subs, removed: str) -> None:
    parent = removed.rstrip("abcdefghijklmnopqrstuvwxyz")
    for n, s in enumerate(subs):
        s["number"] = f"{parent}{chr(ord('a') + n)}"


def move_item(ws: Workspace, meeting: Meeting, number: str, to: str) -> Change:

    _before_publication(meeting, "moved")
    ch = Change(ws, f"Item {number} of the {meeting.board} meeting of {meeting.date} moved to {to}",
                history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="move", to=str(to)))
    doc, (items, i) = _entry(ch, meeting, number)
    top = doc.get("items")
    if items is not top:
        raise UsageProblem(f"{number} is a sub-item; move its parent item instead")
    try:
        target = next(k for k, it in enumerate(top) if str(it.get("number")) == str(to))
    except StopIteration:
        raise NotFound(f"the {meeting.date} meeting has no item {to} to move to") from None
    before = _numbers(top)
    entry = top.pop(i)
    top.insert(target, entry)
    renumber(top)
    carry_references(ws, ch, meeting, before, top)
    return ch


def withdraw_item(ws: Workspace, meeting: Meeting, number: str, reason: str) -> Change:

    refuse_if_approved(meeting, "agenda")
    if not reason.strip():
        raise UsageProblem("say why the item is withdrawn: --reason TEXT")
    ch = Change(ws, f"Item {number} of the {meeting.board} meeting of {meeting.date} withdrawn",
                history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="withdraw"))
    _, (items, i) = _entry(ch, meeting, number)
    items[i]["withdrawn"] = yamlio.to_yaml(reason)
    return ch
