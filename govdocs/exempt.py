"""Exempt (Part 2) business: one place that says what is exempt, and refuses when that is unclear.

Public documents are built from what this module lets through. The rule is fail closed: an item,
forward-plan entry or action whose exemption cannot be read for certain is treated as exempt, and
a public document that would have to decide about it is refused, naming the file and line.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from govdocs.errors import NotFound, RecordError

if TYPE_CHECKING:
    from govdocs.model import Action, Meeting
    from govdocs.store.workspace import Workspace


def action_is_exempt(ws: "Workspace", action: "Action") -> bool:
    """An action raised under an exempt item (or a sub-item of one) is exempt; so is one whose item is unknown."""
    try:
        item = ws.meeting(action.board, action.meeting).item(action.item)
    except (NotFound, RecordError):
        return True
    return item is None or item.is_exempt


def item_is_exempt(meeting: "Meeting", number: str) -> bool:
    item = meeting.item(str(number))
    return item is None or item.is_exempt


def _line_of_problem(ws: "Workspace", path, problem: str) -> int:
    """Where the schema found this unclear exemption when it read the file."""
    name = ws.rel(path)
    return next((p.line for p in ws.problems if p.file == name and p.message.startswith(problem)), 1)


def refuse_unclear(ws: "Workspace", meeting: "Meeting") -> None:
    """Before anything public is made for a meeting: every exemption it depends on must be clear."""
    path = meeting.folder / "meeting.yaml"
    for it in meeting.all_items():
        if it.exempt_problem and it.exempt is None and not it.exempt_reason:
            raise RecordError(f"item {it.number}: {it.exempt_problem}; refusing to make a public document until it "
                              "says which paragraph applies (or remove the flag)", ws.rel(path),
                              _line_of_problem(ws, path, it.exempt_problem))
        for p in it.papers:
            if p.exempt_problem:
                raise RecordError(f"item {it.number}, paper {p.file}: {p.exempt_problem}; refusing to make a public "
                                  "document until it says which paragraph applies", ws.rel(path),
                                  _line_of_problem(ws, path, p.exempt_problem))
    fp = ws.forward_plan_path(meeting.board)
    for i, f in enumerate(ws.forward_plan(meeting.board)):
        if f.exempt_problem:
            raise RecordError(f"forward plan entry {i + 1}: {f.exempt_problem}; refusing to make a public document "
                              "until it says which paragraph applies", ws.rel(fp), _line_of_problem(ws, fp, f.exempt_problem))
