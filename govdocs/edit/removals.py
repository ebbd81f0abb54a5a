"""Taking out what was entered in error: a person, a board or an action, only while nothing in the record
refers to it (else the command says what does), and a workstream renamed or given a new lead.

Git keeps every removed file in the history, so `govdocs history` still shows that it was there."""
from __future__ import annotations

from govdocs.errors import UsageProblem
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace


def _refuse_if_referred(what: str, refs: list[str]) -> None:
    if refs:
        more = f" and {len(refs) - 3} more" if len(refs) > 3 else ""
        raise UsageProblem(f"{what} cannot be removed: {'; '.join(refs[:3])}{more} refer to it")


def person_references(ws: Workspace, initials: str) -> list[str]:
    """Every place the record names this person."""
    refs = []
    for b in ws.boards.values():
        if any(m.initials == initials or initials in m.substitutes for m in b.members):
            refs.append(f"the membership of {b.slug}")
    for m in ws.meetings():
        where = f"the {m.board} meeting of {m.date}"
        att = m.attendance
        named = att.attending + att.apologies + att.absent + [f for s in att.substitutes for f in s.for_]
        named += [d.initials for d in att.declarations] + [att.chair, m.chair]
        if initials in named:
            refs.append(f"the attendance of {where}")
        if any(initials in it.presenters for it in m.all_items()):
            refs.append(f"the agenda of {where}")
        if any(initials in (d.proposer, d.seconder, d.casting_vote) or any(initials in v for v in d.recorded.values())
               for mn in m.minutes.values() for d in mn.decisions) or any(p.responder == initials for p in m.participation):
            refs.append(f"the minutes of {where}")
    refs += [f"action {a.id}" for a in ws.actions
             if initials in a.owners or any(u.by == initials or initials in u.acting_for for u in a.updates)]
    refs += [f"the forward plan of {b}" for b in ws.boards if any(f.lead == initials for f in ws.forward_plan(b))]
    refs += [f"workstream {w.slug}" for p in ws.programmes for w in p.workstreams if w.lead == initials]
    return list(dict.fromkeys(refs))


def remove_person(ws: Workspace, initials: str) -> Change:
    ws.person(initials)
    _refuse_if_referred(f"{initials}", person_references(ws, initials))
    ch = Change(ws, f"Person {initials} removed (entered in error)", history.trailer("person", initials,
                                                                                    action="remove"))
    doc = ch.edit(ws.people_path)
    del doc[next(k for k in doc if str(k) == initials)]
    return ch


def remove_board(ws: Workspace, slug: str) -> Change:
    board = ws.board(slug)
    refs = [f"{len(ws.meeting_dates(slug))} meeting(s)"] if ws.meeting_dates(slug) else []
    refs += [f"action {a.id}" for a in ws.actions if slug in a.boards()]
    refs += [f"board {b.slug} (reports to it)" for b in ws.boards.values() if b.reports_to == slug]
    refs += [f"programme {p.slug}" for p in ws.programmes if p.board == slug]
    if ws.forward_plan(slug):
        refs.append("its forward plan")
    if ws.default_board == slug:
        refs.append("govdocs.yaml (the default board)")
    _refuse_if_referred(f"board {slug}", refs)
    ch = Change(ws, f"Board {slug} removed (entered in error)", history.trailer("board", slug, action="remove"))
    folder = ws.board_path(board.slug).parent
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.is_symlink():
            ch.delete(path)
    return ch


def remove_action(ws: Workspace, action_id: str) -> Change:
    """An action raised in error, before anyone has reported on it or it went to another board."""
    a = ws.action(action_id)
    refs = [f"its escalation to {e.to}" for e in a.escalations]
    refs += [f"the update of {u.date} by {u.by}" for u in a.updates]
    meeting = ws.meeting(a.board, a.meeting) if a.meeting in ws.meeting_dates(a.board) else None
    if meeting is not None and meeting.minutes_approved_at:
        refs.append(f"the approved minutes of {a.meeting}")
    _refuse_if_referred(f"action {action_id}", refs)
    ch = Change(ws, f"Action {action_id} removed (raised in error)", history.trailer("action", action_id,
                                                                                    action="remove"))
    ch.delete(a.path)
    return ch


def edit_workstream(ws: Workspace, slug: str, name: str | None = None, lead: str | None = None) -> Change:
    from govdocs.edit.boards import require_person

    w = ws.workstream(slug)
    if name is not None and not name.strip():
        raise UsageProblem("--name cannot be empty")
    if lead:
        require_person(ws, lead, "lead")
    changed = [f for f, v in (("name", name), ("lead", lead)) if v is not None]
    if not changed:
        raise UsageProblem("say what changes: --name or --lead")
    ch = Change(ws, f"Workstream {slug}: {', '.join(changed)} changed",
                history.trailer("workstream", f"{w.programme}/{slug}", fields=",".join(changed)))
    doc = ch.edit(w.path)
    if name is not None:
        doc["name"] = yamlio.to_yaml(name)
    if lead is not None:
        if lead:
            doc["lead"] = yamlio.to_yaml(lead)
        else:
            doc.pop("lead", None)
    return ch
