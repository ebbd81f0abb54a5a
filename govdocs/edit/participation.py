"""Public participation minuted: a question, deputation, petition or statement, who brought it, what it
asked and the answer given, under the body's public participation item or the item it was about."""
from __future__ import annotations

from govdocs.edit.checks import refuse_if_approved, refuse_if_not_held
from govdocs.errors import UsageProblem
from govdocs.model import PARTICIPATION_KINDS, Meeting, one_line
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace


def add_participation(ws: Workspace, meeting: Meeting, kind: str, by: str, text: str, response: str = "",
                      responder: str = "", item: str = "", signatures: int | None = None) -> Change:
    from govdocs.edit.boards import require_person
    from govdocs.minute_numbers import item_for, item_label

    refuse_if_approved(meeting, "minutes")
    draft = refuse_if_not_held(meeting)
    if kind not in PARTICIPATION_KINDS:
        raise UsageProblem(f"--kind {kind!r} should be one of {', '.join(PARTICIPATION_KINDS)}")
    if not by.strip() or not one_line(by):
        raise UsageProblem("--by should name who brought it, on one line (e.g. 'Jane Smith, Surbiton resident')")
    if not text.strip():
        raise UsageProblem("--text should say what was asked, presented or petitioned for")
    if signatures is not None and (kind != "petition" or signatures < 1):
        raise UsageProblem("--signatures is a petition's number of signatures (1 or more)")
    if responder:
        require_person(ws, responder, "--responder")
    number = item_for(ws, meeting, item) if item else ""
    if not number and not any(it.kind == "questions" for it in meeting.items):
        raise UsageProblem(f"the {meeting.date} meeting has no public participation or questions item; say which "
                           "item it was taken under with --item N")
    where = f" under {item_label(ws, meeting, number)}" if number else ""
    ch = Change(ws, f"{kind.capitalize()} from {by} minuted at the {meeting.board} meeting of {meeting.date}{where}",
                history.trailer("minutes", f"{meeting.board}/{meeting.date}", participation=kind))
    ch.warnings += [draft] if draft else []
    doc = ch.edit(meeting.folder / "minutes.yaml", default=lambda: {"items": {}})
    lst = yamlio.list_in(doc, "participation")
    lst.append(yamlio.to_yaml({"kind": kind, "by": by.strip(), "text": text, "response": response or None,
                               "responder": responder or None, "item": number or None, "signatures": signatures}))
    return ch


def remove_participation(ws: Workspace, meeting: Meeting, n: int) -> Change:
    refuse_if_approved(meeting, "minutes")
    if not 1 <= n <= len(meeting.participation):
        raise UsageProblem(f"the {meeting.date} minutes have {len(meeting.participation)} question(s), deputation(s) "
                           f"or petition(s); give 1 to {len(meeting.participation)}" if meeting.participation
                           else f"the {meeting.date} minutes record no public participation")
    p = meeting.participation[n - 1]
    ch = Change(ws, f"{p.kind.capitalize()} from {p.by} taken out of the minutes of the {meeting.board} meeting of "
                f"{meeting.date}", history.trailer("minutes", f"{meeting.board}/{meeting.date}",
                                                   participation_removed=str(n)))
    doc = ch.edit(meeting.folder / "minutes.yaml")
    del doc["participation"][n - 1]
    if not doc["participation"]:
        del doc["participation"]
    return ch
