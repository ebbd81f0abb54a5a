"""Forward plans (work programmes) and programme workstreams."""
from __future__ import annotations

from govdocs.dates import parse_date, today
from govdocs.edit.boards import check_slug, require_person
from govdocs.edit.checks import check_rag
from govdocs.errors import UsageProblem
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace


def add_forward_item(ws: Workspace, board_slug: str, when: str, title: str, lead: str = "", purpose: str = "",
                     key_decision: bool = False, source: str = "", exempt: int | None = None) -> Change:
    board = ws.board(board_slug)
    if not title.strip():
        raise UsageProblem("a forward plan item needs a title")
    if lead:
        require_person(ws, lead, "lead initials")
    meeting = "" if when.strip().lower() == "unscheduled" else parse_date(when, "forward plan date").isoformat()
    where = f"for {meeting}" if meeting else "unscheduled"
    from govdocs.edit.checks import exemption_for

    exempt = exemption_for(ws, board.slug, exempt)  # a paragraph, or a reason outside principal councils
    shown = "exempt entry" if exempt is not None else title  # exempt titles stay out of the history
    ch = Change(ws, f"Forward plan of {board.slug}: {shown} ({where})",
                history.trailer("forward", board.slug, meeting=meeting or "unscheduled"))
    doc = ch.edit(ws.forward_plan_path(board.slug), default=lambda: {"board": board.slug, "items": []})
    items = yamlio.list_in(doc, "items")
    same = [it for it in items if isinstance(it, dict) and same_title(str(it.get("title") or ""), title)]
    if any(str(it.get("meeting") or "") == meeting for it in same):
        raise UsageProblem(f"the forward plan of {board.slug} already has {title!r} {where}; "
                           "'govdocs forward edit' changes it")
    waiting = next((it for it in same if not it.get("meeting")), None)
    if meeting and waiting is not None:
        # the unscheduled entry is now given its meeting, not copied
        waiting["meeting"] = meeting
        for key, value in (("lead", lead), ("purpose", purpose), ("source", source)):
            if value:
                waiting[key] = yamlio.to_yaml(value)
        if key_decision:
            waiting["key_decision"] = True
        ch.message = f"Forward plan of {board.slug}: {shown} scheduled for {meeting}"
        return ch
    items.append(yamlio.to_yaml({"title": title, "meeting": meeting or None, "lead": lead or None,
                                 "purpose": purpose or None, "key_decision": True if key_decision else None,
                                 "source": source or None, "exempt": exempt}))
    return ch


def same_title(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def schedule_from_agenda(ws: Workspace, ch: Change, board: str, meeting: str, title: str) -> None:
    """An item put on an agenda that the forward plan held unscheduled is scheduled there too."""
    path = ws.forward_plan_path(board)
    if not path.exists() or not any(not f.meeting and same_title(f.title, title) for f in ws.forward_plan(board)):
        return
    doc = ch.edit(path)
    for it in doc.get("items") or []:
        if isinstance(it, dict) and not it.get("meeting") and same_title(str(it.get("title") or ""), title):
            it["meeting"] = meeting
            return


def _forward_entry(ws: Workspace, ch: Change, board: str, n: int):
    doc = ch.edit(ws.forward_plan_path(board))
    items = doc.get("items") if isinstance(doc.get("items"), list) else None
    if not items or not 1 <= n <= len(items):
        raise UsageProblem(f"the forward plan of {board} has no entry {n}; 'govdocs forward list {board}' numbers them")
    return items, n - 1


def edit_forward_item(ws: Workspace, board_slug: str, n: int, title: str | None = None, when: str | None = None,
                      lead: str | None = None, purpose: str | None = None) -> Change:
    board = ws.board(board_slug)
    ch = Change(ws, "", history.trailer("forward", board.slug, action="edit", entry=str(n)))
    items, i = _forward_entry(ws, ch, board.slug, n)
    entry = items[i]
    changed = []
    if title is not None:
        if not title.strip():
            raise UsageProblem("a forward plan item needs a title")
        entry["title"] = yamlio.to_yaml(title)
        changed.append("title")
    if when is not None:
        if when.strip().lower() == "unscheduled":
            entry.pop("meeting", None)
            changed.append("unscheduled")
        else:
            entry["meeting"] = yamlio.to_yaml(parse_date(when, "--date").isoformat())
            changed.append(f"scheduled for {entry['meeting']}")
    if lead is not None:
        if lead:
            require_person(ws, lead, "lead initials")
        entry["lead"] = lead
        changed.append("lead")
    if purpose is not None:
        entry["purpose"] = yamlio.to_yaml(purpose)
        changed.append("purpose")
    if not changed:
        raise UsageProblem("say what changes: --title, --date, --lead or --purpose")
    shown = "exempt entry" if entry.get("exempt") else str(entry.get("title"))
    ch.message = f"Forward plan of {board.slug}: {shown} edited ({', '.join(changed)})"
    return ch


def remove_forward_item(ws: Workspace, board_slug: str, n: int) -> Change:
    board = ws.board(board_slug)
    ch = Change(ws, "", history.trailer("forward", board.slug, action="remove", entry=str(n)))
    items, i = _forward_entry(ws, ch, board.slug, n)
    shown = "exempt entry" if items[i].get("exempt") else str(items[i].get("title"))
    del items[i]
    ch.message = f"Forward plan of {board.slug}: {shown} dropped"
    return ch


def add_workstream(ws: Workspace, programme: str, slug: str, name: str, lead: str, board: str | None = None,
                   programme_name: str = "") -> Change:
    check_slug(programme)
    check_slug(slug)
    require_person(ws, lead, "lead initials")
    if not name.strip():
        raise UsageProblem("--name must give the workstream's name")
    for prog in ws.programmes:
        for w in prog.workstreams:
            if w.slug == slug:
                raise UsageProblem(f"workstream {slug!r} already exists (in {prog.slug})")
    folder = ws.programme_folder(programme)
    ch = Change(ws, f"Workstream {slug} added to {programme}: {name}",
                history.trailer("workstream", f"{programme}/{slug}", action="add"))
    pfile = folder / "programme.yaml"
    if pfile.exists():
        pdoc = ch.edit(pfile)
        if board and str(pdoc.get("board") or "") not in ("", board):
            raise UsageProblem(f"programme {programme} reports to {pdoc.get('board')}, not {board}")
    else:
        b = ws.board(board).slug
        pdoc = ch.edit(pfile, default=lambda: {"name": programme_name or programme.replace("-", " ").title(),
                                               "board": b, "order": []})
    order = yamlio.list_in(pdoc, "order")
    order.append(slug)
    ch.put_yaml(folder / f"{slug}.yaml", yamlio.to_yaml({"slug": slug, "name": name, "lead": lead}))
    return ch


FIELDS = {"rag": "rag", "progress": "progress", "impact": "impact", "concerns": "concerns", "next": "next_steps"}


def update_workstream(ws: Workspace, slug: str, **values: str | None) -> Change:
    w = ws.workstream(slug)
    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        raise UsageProblem("say what changed: --rag, --progress, --impact, --concerns and/or --next")
    if "rag" in given:
        from govdocs.edit.checks import rag_scale

        prog = next((p for p in ws.programmes if p.slug == w.programme), None)
        given["rag"] = check_rag(given["rag"], rag_scale(ws, prog.board) if prog and prog.board in ws.boards else "five")
    ch = Change(ws, f"Workstream {slug} updated: {', '.join(given)}",
                history.trailer("workstream", f"{w.programme}/{slug}", fields=",".join(given)))
    doc = ch.edit(w.path)
    for key, value in given.items():
        doc[FIELDS[key]] = yamlio.to_yaml(value)
    doc["updated"] = yamlio.to_yaml(today().isoformat())
    return ch
