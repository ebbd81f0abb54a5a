"""Correcting a meeting's agenda by command: edit an item, remove or move it before publication,
withdraw it after. Each is one commit, and item numbers that minutes or actions refer to never move."""
from __future__ import annotations

from pathlib import Path

from govdocs.store import history, yamlio
from govdocs.edit.boards import require_person
from govdocs.store.change import Change
from govdocs.errors import NotFound, UsageProblem
from govdocs.model import Meeting
from govdocs.papers import paper_problem
from govdocs.store.workspace import Workspace


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


def _refuse_renumbering(ws: Workspace, meeting: Meeting, before: dict[int, str], items) -> None:
    """Minutes and actions name items by number: a change that would move one of those numbers is refused."""
    from govdocs.edit.meetings import _used_numbers

    used = _used_numbers(ws, meeting)
    after = _numbers(items)
    moved = sorted(n for key, n in before.items() if n in used and after.get(key) != n)
    if moved:
        raise UsageProblem(f"this would renumber item {moved[0]}, which minutes or actions already refer to")


def item_time(value: str) -> str:
    """An item's time on the agenda (NHS boards time each item): HH:MM, or empty to remove it."""
    from govdocs.dates import parse_time_range

    if not value.strip():
        return ""
    start, end = parse_time_range(value)
    return start if not end else f"{start}-{end}"


def edit_item(ws: Workspace, meeting: Meeting, number: str, title: str | None = None,
              presenters: list[str] | None = None, purpose: str | None = None, exempt: int | str | None = None,
              public: bool = False, papers: list[Path] | None = None, time: str | None = None,
              drop_papers: list[str] | None = None) -> Change:
    from govdocs.edit.meetings import exemption_for, refuse_if_approved

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
        ch.put_bytes(target, Path(p).read_bytes())
        lst = entry.get("papers")
        if lst is None:
            entry["papers"] = lst = yamlio.to_yaml([])
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
    if not changed:
        raise UsageProblem("say what changes: --title, --presenter, --purpose, --exempt, --public, --time, --paper "
                           "or --remove-paper")
    it = meeting.item(number)
    exempt_now = bool(entry.get("exempt")) or (it is not None and it.is_exempt and not public)
    label = "exempt item" if exempt_now else f"'{entry.get('title')}'"
    ch.message = f"Item {number} ({label}) of the {meeting.board} meeting of {meeting.date} edited: {', '.join(changed)}"
    ch.trailer(history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="edit"))
    return ch


def remove_item(ws: Workspace, meeting: Meeting, number: str) -> Change:
    from govdocs.edit.meetings import _renumber, _used_numbers

    _before_publication(meeting, "removed")
    if number in _used_numbers(ws, meeting):
        raise UsageProblem(f"item {number} has minutes or actions; it cannot be removed")
    ch = Change(ws, f"Item {number} removed from the {meeting.board} meeting of {meeting.date}",
                history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="remove"))
    doc, (items, i) = _entry(ch, meeting, number)
    top = doc.get("items")
    before = _numbers(top)
    del items[i]
    if items is top:
        _renumber(top)
    else:
        _reletter(items, number)
    _refuse_renumbering(ws, meeting, before, top)
    return ch


def _reletter(subs, removed: str) -> None:
    parent = removed.rstrip("abcdefghijklmnopqrstuvwxyz")
    for n, s in enumerate(subs):
        s["number"] = f"{parent}{chr(ord('a') + n)}"


def move_item(ws: Workspace, meeting: Meeting, number: str, to: str) -> Change:
    from govdocs.edit.meetings import _renumber

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
    _renumber(top)
    _refuse_renumbering(ws, meeting, before, top)
    return ch


def withdraw_item(ws: Workspace, meeting: Meeting, number: str, reason: str) -> Change:
    from govdocs.edit.meetings import refuse_if_approved

    refuse_if_approved(meeting, "agenda")
    if not reason.strip():
        raise UsageProblem("say why the item is withdrawn: --reason TEXT")
    ch = Change(ws, f"Item {number} of the {meeting.board} meeting of {meeting.date} withdrawn",
                history.trailer("item", f"{meeting.board}/{meeting.date}/{number}", action="withdraw"))
    _, (items, i) = _entry(ch, meeting, number)
    items[i]["withdrawn"] = yamlio.to_yaml(reason)
    return ch
