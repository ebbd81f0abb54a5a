"""A board's standing items: the ones each kind of body starts with, and adding, retitling, removing and
reordering them by command. A meeting's own copy is edited with `item edit/remove/move`.

The defaults follow real agendas: the Kingston Health and Wellbeing Board front sheet (principal), a
parish council summons (public participation, dispensations, items for the next agenda), an ICB board
agenda (Part 1, Any Other Business, date of next meeting) and a SEND partnership board (welcome and
introductions, any other business).
"""
from __future__ import annotations

import re

from govdocs.errors import NotFound, UsageProblem
from govdocs.rules import RULES, standing_item
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace

KIND = re.compile(r"^[a-z][a-z0-9-]{0,30}$")


def defaults(rules: str = "principal", questions: bool = False) -> list[dict]:
    """The standing items a new board of this kind starts with (govdocs/rules.py holds them)."""
    return RULES.get(rules, RULES["principal"]).default_standing_items(questions)


def is_default(items, rules: str) -> bool:
    """Whether a board still has its kind's standing items untouched (so a change of kind may replace them)."""
    plain = [dict(x) for x in (items or []) if isinstance(x, dict)]
    return any(plain == defaults(rules, q) for q in (False, True))


def _standing(ch: Change, ws: Workspace, slug: str):
    doc = ch.edit(ws.board_path(ws.board(slug).slug))
    items = yamlio.list_in(doc, "standing_items")
    return items


def _index(items, ref: str) -> int:
    """A standing item by its place (1, 2 …) or its kind (apologies, aob)."""
    if ref.isdigit() and 1 <= int(ref) <= len(items):
        return int(ref) - 1
    found = [i for i, s in enumerate(items) if isinstance(s, dict) and str(s.get("kind")) == ref]
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageProblem(f"{len(found)} standing items are of kind {ref!r}; give the place (1 to {len(items)})")
    raise NotFound(f"no standing item {ref!r}: give its place (1 to {len(items)}) or kind (see board standing list)")


def add_standing(ws: Workspace, slug: str, title: str, kind: str = "other", position: str = "start",
                 purpose: str = "", text: str = "", at: int | None = None) -> Change:
    if not title.strip():
        raise UsageProblem("a standing item needs a title")
    if not KIND.match(kind):
        raise UsageProblem(f"--kind {kind!r} should be a short lower-case word, e.g. questions")
    ch = Change(ws, f"Standing item {title!r} added to board {slug}", history.trailer("board", slug, action="edit"))
    items = _standing(ch, ws, slug)
    entry = yamlio.to_yaml(standing_item(kind, title.strip(), position, purpose, text))
    if at is None:
        items.append(entry)
    else:
        if not 1 <= at <= len(items) + 1:
            raise UsageProblem(f"--at should be 1 to {len(items) + 1}")
        items.insert(at - 1, entry)
    return ch


def edit_standing(ws: Workspace, slug: str, ref: str, title: str | None = None, purpose: str | None = None,
                  text: str | None = None) -> Change:
    ch = Change(ws, "", history.trailer("board", slug, action="edit"))
    items = _standing(ch, ws, slug)
    i = _index(items, ref)
    old = str(items[i].get("title") or "")
    for key, value in (("title", title), ("purpose", purpose), ("text", text)):
        if value is not None:
            if key == "title" and not value.strip():
                raise UsageProblem("--title cannot be empty")
            if value:
                items[i][key] = yamlio.to_yaml(value)
            else:
                items[i].pop(key, None)
    if title is None and purpose is None and text is None:
        raise UsageProblem("say what changes: --title, --purpose or --text")
    ch.message = f"Standing item {old!r} of board {slug} edited" + (f": now {title!r}" if title else "")
    return ch


def remove_standing(ws: Workspace, slug: str, ref: str) -> Change:
    ch = Change(ws, "", history.trailer("board", slug, action="edit"))
    items = _standing(ch, ws, slug)
    i = _index(items, ref)
    ch.message = f"Standing item {items[i].get('title')!r} removed from board {slug} (meetings already " \
                 "scheduled keep their agenda)"
    del items[i]
    return ch


def move_standing(ws: Workspace, slug: str, ref: str, to: int) -> Change:
    ch = Change(ws, "", history.trailer("board", slug, action="edit"))
    items = _standing(ch, ws, slug)
    i = _index(items, ref)
    if not 1 <= to <= len(items):
        raise UsageProblem(f"--to should be 1 to {len(items)}")
    entry = items.pop(i)
    items.insert(to - 1, entry)
    ch.message = f"Standing item {entry.get('title')!r} of board {slug} moved to place {to}"
    return ch
