"""Exempt (Part 2) business: one place that says what is exempt, and refuses when that is unclear.

Public documents are built from what this module lets through. The rule is fail closed: an item,
forward-plan entry or action whose exemption cannot be read for certain is treated as exempt, and
a public document that would have to decide about it is refused, naming the file and line.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from govdocs.errors import NotFound, RecordError
from govdocs.store import yamlio

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


def _item_keys(raw_items, number: str, keys: tuple = ("items",)) -> tuple | None:
    for i, it in enumerate(raw_items or []):
        if not isinstance(it, dict):
            continue
        if str(it.get("number")) == number:
            return keys + (i, "exempt")
        found = _item_keys(it.get("items"), number, keys + (i, "items"))
        if found:
            return found
    return None


def refuse_unclear(ws: "Workspace", meeting: "Meeting") -> None:
    """Before anything public is made for a meeting: every exemption it depends on must be clear."""
    path = meeting.folder / "meeting.yaml"
    for it in meeting.all_items():
        if it.exempt_problem and it.exempt is None:
            raw = ws.read(path) or {}
            keys = _item_keys(raw.get("items") if isinstance(raw, dict) else None, it.number) or ("items",)
            line = yamlio.line_of(path, keys)
            raise RecordError(f"{ws.rel(path)}:{line}: item {it.number}: {it.exempt_problem}; refusing to make a "
                              "public document until it says which paragraph applies (or remove the flag)")
    fp = ws.forward_plan_path(meeting.board)
    for i, f in enumerate(ws.forward_plan(meeting.board)):
        if f.exempt_problem:
            line = yamlio.line_of(fp, ("items", i, "exempt"))
            raise RecordError(f"{ws.rel(fp)}:{line}: forward plan entry {i + 1}: {f.exempt_problem}; refusing to "
                              "make a public document until it says which paragraph applies")
