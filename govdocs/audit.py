"""The audit trail: who changed what and when (from git), and the register of decisions."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govdocs.dates import is_date
from govdocs.errors import NotFound
from govdocs.exempt import item_is_exempt
from govdocs.store import history, yamlio
from govdocs.store.workspace import ACTION_ID, Workspace


def _flatten(value: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out.update(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(_flatten(v, f"{prefix}[{_entry_key(v, i)}]"))
    else:
        out[prefix] = "" if value is None else str(value)
    return out


def _parse(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return yaml.load(text, Loader=yamlio.RecordLoader)
    except yaml.YAMLError:
        return None


def _entry_key(entry: Any, index: int) -> str:
    """A list entry named by what it is (its title), not its position: inserting an item in the middle of an
    agenda then shows one item added and the later ones renumbered, not every later item changed."""
    if isinstance(entry, dict):
        for key in ("title", "id", "initials", "measure", "risk"):
            if entry.get(key):
                return str(entry[key])[:40]
    return str(index)


def field_changes(old_text: str | None, new_text: str | None) -> list[str]:
    """What changed in one YAML file between two versions, field by field."""
    if new_text is None:
        return ["file removed"]
    old, new = _flatten(_parse(old_text) or {}), _flatten(_parse(new_text) or {})
    lines = []
    for key in new:
        if key not in old:
            lines.append(f"+ {key}: {_short(new[key])}")
        elif old[key] != new[key]:
            lines.append(f"~ {key}: {_short(old[key])} -> {_short(new[key])}")
    for key in old:
        if key not in new:
            lines.append(f"- {key}: {_short(old[key])}")
    return lines


def _short(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _paths_for(ws: Workspace, target: str | None) -> tuple[list[str], str]:
    if not target:
        return [], "the whole record"
    if ACTION_ID.match(target):
        for board in ws.boards:
            p = ws.action_path(board, target)
            if p.exists():
                return [ws.rel(p)], f"action {target}"
    if is_date(target):
        folders = [ws.rel(ws.meeting_folder(b, target)) for b in ws.boards
                   if ws.meeting_folder(b, target).exists()]
        if not folders:
            raise NotFound(f"no meeting on {target}")
        return folders, f"the meeting(s) of {target}"
    p = (Path.cwd() / target) if not Path(target).is_absolute() else Path(target)
    if not p.exists():
        p = ws.root / target
    if p.exists():
        p = ws.inside(p.resolve(), "the path")
        return [ws.rel(p)], ws.rel(p)
    raise NotFound(f"{target!r} is not an action id, a meeting date or a file in the workspace")


def history_lines(ws: Workspace, target: str | None, limit: int = 200) -> list[str]:
    paths, what = _paths_for(ws, target)
    follow = len(paths) == 1 and paths[0].endswith(".yaml")
    entries = history.log(ws.root, paths, follow=follow, limit=limit)
    if not entries:
        return [f"no history for {what}"]
    lines = [f"History of {what} ({len(entries)} change{'s' if len(entries) != 1 else ''}, newest first)"]
    for e in entries:
        lines.append(f"{e.date[:10]} {e.date[11:16]}  {e.author} <{e.email}>  {e.sha[:8]}")
        lines.append(f"    {e.subject}")
        if target and len(entries) <= 200:
            for f in e.files[:6]:
                if not f.endswith(".yaml"):
                    continue
                if paths and not any(f.startswith(p) or p.startswith(f) for p in paths) and not follow:
                    continue
                new = history.show_file(ws.root, e.sha, f)
                old = history.show_file(ws.root, e.sha + "^", f)
                changes = field_changes(old, new) if old is not None else ["created"]
                label = f if len(paths) != 1 or not follow else ""
                for c in changes[:12]:
                    lines.append(f"      {label + ': ' if label else ''}{c}")
                if len(changes) > 12:
                    lines.append(f"      … and {len(changes) - 12} more fields")
    return lines


def decisions(ws: Workspace, board: str | None = None, private: bool = False) -> list[dict]:
    """Every RESOLVED decision: board, date, item, text, proposer, seconder, vote, approval of the minutes.

    Public by default: decisions on exempt items (or items that cannot be found) only with `private`.
    """
    if board:
        ws.board(board)
    from govdocs.minute_numbers import printed_number

    out = []
    for m in ws.meetings(board):
        for number, minute in m.minutes.items():
            item = m.item(number)
            if not private and item_is_exempt(m, number):
                continue
            for d in minute.decisions:
                out.append({
                    "board": m.board, "meeting": m.date, "item": number,
                    "minute": printed_number(ws, m, number),  # where it was made: 13(c), not 13
                    "item_title": item.title if item else "",
                    "text": d.text, "proposer": d.proposer, "seconder": d.seconder,
                    "vote": ({"for": d.vote.for_, "against": d.vote.against, "abstained": d.vote.abstained}
                             if d.vote else None),
                    "minutes": ("approved " + m.minutes_approved_at) if m.minutes_approved_at else "draft",
                    "exempt": bool(item and item.is_exempt),
                })
    return out
