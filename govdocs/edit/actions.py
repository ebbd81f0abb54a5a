"""Changing actions: raise, update, complete, escalate — each a commit in the name of whoever did it."""
from __future__ import annotations

from govdocs.dates import parse_date, today
from govdocs.edit.boards import require_person
from govdocs.edit.checks import check_rag, check_status, rag_scale
from govdocs.errors import NotFound, UsageProblem
from govdocs.exempt import action_is_exempt
from govdocs.model import Meeting
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace


def _letters(n: int) -> str:
    s = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(ord("a") + r) + s
    return s


def new_action_id(ws: Workspace, meeting: Meeting, item: str, pending: set[str] | None = None,
                  seed: str = "") -> str:
    """SEND-PB-2019-11-14-5a-k7q2m: board, meeting, item, a letter per action, and a random tag.

    The tag makes ids that two clerks create in two clones at the same time different, so their
    clones merge without an add/add conflict; the letter keeps the id readable beside the minutes.
    `pending` are ids made for the same change and not yet written; with `seed` (an imported file's
    SHA-256) the tag is drawn from it, so the same file imported in two clones gives the same ids.
    """
    import hashlib
    import secrets

    stem = f"{meeting.board.upper()}-{meeting.date}-{item}"
    raised = ws.actions_raised_at(meeting) if meeting.folder is not None and meeting.folder.exists() else []
    taken = {a.id.rsplit("-", 1)[0] for a in raised} | {a.id for a in raised} | \
        {p.rsplit("-", 1)[0] for p in pending or ()} | set(pending or ())
    n = 0
    while True:
        suffix = f"-{n + 1}" if item[-1:].isalpha() else _letters(n)
        if stem + suffix not in taken:
            break
        n += 1
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud at a meeting without mistakes
    while True:
        if seed:
            digest = hashlib.sha256(f"{seed}/{stem}{suffix}".encode()).digest()
            tag = "".join(alphabet[b % len(alphabet)] for b in digest[:5])
            seed = digest.hex()  # a second try, should the first be taken, draws afresh
        else:
            tag = "".join(secrets.choice(alphabet) for _ in range(5))
        candidate = f"{stem}{suffix}-{tag}"
        if not any(ws.action_path(b, candidate).exists() for b in ws.boards):
            return candidate


def who(ws: Workspace) -> tuple[str, str]:
    """(how the record names the current user, their git name): initials when their email is a person's."""
    name, email = history.identity(ws.root)
    for p in ws.people.values():
        if email and p.email and p.email.lower() == email.lower():
            return p.initials, name
    by_name = [p for p in ws.people.values() if name and " ".join(p.name.lower().split()) == " ".join(name.lower().split())]
    if len(by_name) == 1:  # notes are signed with initials, as the action log prints them
        return by_name[0].initials, name
    return name, name


def add_action(ws: Workspace, meeting: Meeting, item: str, text: str, owners: list[str],
               due: str | None = None) -> tuple[Change, str]:
    if meeting.item(item) is None:
        raise NotFound(f"the {meeting.board} meeting of {meeting.date} has no item {item}")
    from govdocs.edit.checks import refuse_if_approved

    refuse_if_approved(meeting, "actions")
    if not text.strip():
        raise UsageProblem("an action needs its text")
    if not owners:
        raise UsageProblem("an action needs an owner: --owner INITIALS")
    for o in owners:
        require_person(ws, o, "owner initials")
    if due and due.strip().lower().replace("-", " ") != "next meeting":
        due = parse_date(due, "--due").isoformat()
        if due < meeting.date:
            raise UsageProblem(f"--due {due} is before the meeting that raises the action ({meeting.date})")
    else:
        due = "next meeting"
    aid = new_action_id(ws, meeting, item)
    data = {"id": aid, "board": meeting.board, "meeting": meeting.date, "item": str(item), "text": text,
            "owners": owners, "due": due, "status": "open"}
    exempt = meeting.item(item).is_exempt
    # the text of an action on exempt business stays out of the commit message, which anyone with a clone reads
    from govdocs.minute_numbers import item_label

    ch = Change(ws, f"Action {aid} raised for {', '.join(owners)} under {item_label(ws, meeting, str(item))}: "
                + ("exempt item" if exempt else text),
                history.trailer("action", aid, action="add"))
    ch.put_yaml(ws.action_path(meeting.board, aid), yamlio.to_yaml(data))
    return ch, aid


def _append_update(doc, entry: dict) -> None:
    ups = yamlio.list_in(doc, "updates")
    ups.append(yamlio.to_yaml(entry))


def update_action(ws: Workspace, action_id: str, status: str | None = None, rag: str | None = None,
                  note: str | None = None, due: str | None = None, by: str | None = None) -> Change:
    a = ws.action(action_id)
    status, rag = check_status(status), check_rag(rag, rag_scale(ws, a.board))
    if due:
        due = parse_date(due, "--due").isoformat()
    if not (status or rag or note or due):
        raise UsageProblem("say what changed: --status, --rag, --due and/or --note")
    if status in ("done", "dropped"):
        return finish_action(ws, action_id, note, status=status, rag=rag, by=by)
    by = by or who(ws)[0]
    day = today().isoformat()
    changes = []
    ch = Change(ws, "")
    doc = ch.edit(a.path)
    if status and status != a.status:
        doc["status"] = status
        changes.append(f"status {status}")
        if a.status in ("done", "dropped"):
            doc.pop("completed", None)
    if rag and rag != a.rag:
        doc["rag"] = rag
        changes.append(f"RAG {rag}")
    if due and due != a.due:
        if not a.original_due and a.due:
            doc["original_due"] = yamlio.to_yaml(a.due)  # the first due date stays on the record
        doc["due"] = yamlio.to_yaml(due)
        changes.append(f"due {due}")
    _append_update(doc, {"date": day, "by": by, "text": note or None, "status": status, "rag": rag,
                         "due": due})
    summary = ", ".join(changes) or "progress noted"
    ch.message = f"Action {a.id} updated: {summary}"
    ch.trailers = [history.trailer("action", a.id, status=status or "", rag=rag or "", by=by.replace(" ", "_"))]
    return ch


def finish_action(ws: Workspace, action_id: str, note: str | None = None, status: str = "done",
                  rag: str | None = None, by: str | None = None) -> Change:
    a = ws.action(action_id)
    if a.status == status:
        raise UsageProblem(f"action {a.id} is already {status}")
    if not (note or "").strip():  # the one rule, on the command line and the web alike
        raise UsageProblem("say what was done with --note: it goes on the action log" if status == "done" else
                           f"say why the action is {status} with --note: it goes on the action log")
    by = by or who(ws)[0]
    day = today().isoformat()
    acting_for = [o for o in a.owners if o != by] if by not in a.owners else []
    ch = Change(ws, f"Action {a.id} marked {status}" + (f" by {by} for {', '.join(acting_for)}" if acting_for else ""),
                history.trailer("action", a.id, status=status, by=by.replace(" ", "_")))
    doc = ch.edit(a.path)
    doc["status"] = status
    if status == "done":
        doc["rag"] = rag or "completed"
    doc["completed"] = yamlio.to_yaml(day)
    _append_update(doc, {"date": day, "by": by, "text": note or None, "status": status,
                         "rag": "completed" if status == "done" else None, "acting_for": acting_for or None})
    return ch


def escalate_action(ws: Workspace, action_id: str, to: str, note: str | None = None) -> tuple[Change, str | None]:
    """Put an action on another board's log and on that board's next agenda; it stays on its own board's log."""
    a = ws.action(action_id)
    board = ws.board(to)
    if board.slug == a.board:
        raise UsageProblem(f"action {a.id} already belongs to {board.slug}")
    if any(e.to == board.slug for e in a.escalations):
        raise UsageProblem(f"action {a.id} has already been escalated to {board.slug}")
    if not a.is_open:
        raise UsageProblem(f"action {a.id} is {a.status}; only an open action can be escalated")
    by, _ = who(ws)
    day = today().isoformat()
    ch = Change(ws, f"Action {a.id} escalated from {a.board} to {board.slug}",
                history.trailer("action", a.id, escalated_to=board.slug, by=by.replace(" ", "_")))
    doc = ch.edit(a.path)
    escs = yamlio.list_in(doc, "escalations")
    escs.append(yamlio.to_yaml({"to": board.slug, "date": day, "by": by, "note": note or None}))
    _append_update(doc, {"date": day, "by": by, "text": f"Escalated to the {board.name}" + (f": {note}" if note else "")})
    nxt = ws.next_meeting(board.slug, day, inclusive=True)
    if nxt is not None:
        _ensure_escalation_item(ws, ch, nxt, a)
    return ch, nxt.date if nxt else None


def _ensure_escalation_item(ws: Workspace, ch: Change, meeting: Meeting, action) -> None:
    """The receiving meeting's escalations item: a public one, or a Part 2 one for an exempt action."""
    from govdocs.edit.agenda import escalation_item, first_closing_item, paragraph_of, renumber

    exempt = action_is_exempt(ws, action)
    mdoc = ch.edit(meeting.folder / "meeting.yaml")
    items = yamlio.list_in(mdoc, "items")
    for it in items:
        if str(it.get("kind")) == "escalations" and bool(it.get("exempt")) == exempt:
            boards = [b for b in str(it.get("from_board") or "").split(",") if b]
            if action.board not in boards:
                it["from_board"] = ",".join(boards + [action.board])
            return
    if exempt:
        items.append(yamlio.to_yaml({"number": len(items) + 1,
                                     **escalation_item(ws, [action.board], paragraph_of(ws, [action]))}))
        return
    pos = first_closing_item(ws, meeting.board, items)
    items.insert(pos, yamlio.to_yaml({"number": pos + 1, **escalation_item(ws, [action.board])}))
    renumber(items)


def edit_action(ws: Workspace, action_id: str, text: str | None = None, owners: list[str] | None = None,
                due: str | None = None) -> Change:
    """Correct an action's text, owner or due date; a revised due date keeps the original beside it."""
    a = ws.action(action_id)
    from govdocs.edit.checks import refuse_if_approved

    if text is not None:
        refuse_if_approved(ws.meeting(a.board, a.meeting), "action wording")
        if not text.strip():
            raise UsageProblem("an action needs its text")
    for o in owners or []:
        require_person(ws, o, "owner initials")
    if due is not None and due.strip().lower().replace("-", " ") != "next meeting":
        due = parse_date(due, "--due").isoformat()
    changed = []
    ch = Change(ws, "")
    doc = ch.edit(a.path)
    if text is not None and text != a.text:
        doc["text"] = yamlio.to_yaml(text)
        changed.append("text")
    if owners and owners != a.owners:
        doc["owners"] = yamlio.to_yaml(owners)
        changed.append(f"owner {', '.join(owners)}")
    if due is not None and due != a.due:
        if not a.original_due and a.due:
            doc["original_due"] = yamlio.to_yaml(a.due)
        doc["due"] = yamlio.to_yaml(due)
        changed.append(f"due {due}")
    if not changed:
        raise UsageProblem("say what changes: --text, --owner or --due")
    ch.message = f"Action {a.id} edited: {', '.join(changed)}"
    ch.trailers = [history.trailer("action", a.id, action="edit")]
    return ch
