"""A board's house style set by command (`govdocs board style`): each setting is written to board.yaml and
read back through the schema, so the command refuses exactly what `check` would report."""
from __future__ import annotations

from typing import Any

from govdocs.errors import UsageProblem
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace

SETTINGS = ("agenda_numbering", "part_numbering", "no_minute_text", "approval_text", "decision_word",
            "resolution_style", "attendance_groups", "pack_parts")


def attendance_groups_option(value: str) -> list[Any]:
    """`present,other_members=Other Members present,in_attendance` as board.yaml holds it."""
    out: list[Any] = []
    for part in (p.strip() for p in value.split(",") if p.strip()):
        group, _, heading = part.partition("=")
        out.append({group.strip(): heading.strip()} if heading.strip() else group.strip())
    return out


def set_house_style(ws: Workspace, slug: str, settings: dict[str, Any]) -> Change:
    """Set (or, given "", clear) each named setting; one commit for them all."""
    from govdocs.store.schema import BOARD, Problem, Report

    board = ws.board(slug)
    given = {k: v for k, v in settings.items() if v is not None}
    if not given:
        raise UsageProblem("say what to set: --agenda-numbering, --parts, --no-minute-text, --approval-text, "
                           "--decision-word, --resolution-style, --attendance-groups or --pack-parts")
    sink: list[Problem] = []
    BOARD.load({k: v for k, v in given.items() if v != ""}, Report(None, None, sink), ())
    if sink:
        raise UsageProblem(sink[0].message)
    ch = Change(ws, "", history.trailer("board", board.slug, action="style"))
    doc = ch.edit(ws.board_path(board.slug))
    changed = []
    for key, value in given.items():
        if value == "" or value == []:
            doc.pop(key, None)
            changed.append(f"{key.replace('_', ' ')} cleared")
        else:
            doc[key] = yamlio.to_yaml(value)
            changed.append(key.replace("_", " "))
    ch.message = f"House style of {board.slug}: {', '.join(changed)}"
    return ch
