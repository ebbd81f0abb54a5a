"""Actions as the schema built them, kept between runs: a council's 40,000 action files take a second and a
half to check field by field, and a fifth of that to build again from what the check produced last time.

Only an action whose file the schema read with no problem is kept, so a kept action is exactly what reading
its file gives. The memory is in the user's cache folder (never in the workspace: a clone cannot bring one);
an entry is used only while the file's size and date are what they were, and only if every field has the
type the model gives it; anything else is read from the file again."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Callable

from govdocs.model import Action, Escalation, Update
from govdocs.store.userdata import cache_file, read_json, write_json

VERSION = 1


def _is_text(v: Any) -> bool:
    return isinstance(v, str)


def _is_texts(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_place(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, (str, int)) and not isinstance(x, bool) for x in v)


_CHECK: dict[str, Callable[[Any], bool]] = {
    "str": _is_text, "str | None": lambda v: v is None or isinstance(v, str), "list[str]": _is_texts,
    "tuple": _is_place,
}


def _shape(cls: type) -> tuple[tuple[str, Callable[[Any], bool] | None], ...]:
    return tuple((f.name, _CHECK.get(str(f.type))) for f in dataclasses.fields(cls) if f.name != "path")


_SHAPES = {cls: _shape(cls) for cls in (Action, Update, Escalation)}
_LISTS = {"updates": Update, "escalations": Escalation}


def fields_of(obj: Any) -> list:
    """An Action (or its Update, Escalation) as JSON data: its fields' values in the model's order."""
    out = []
    for name, _ in _SHAPES[type(obj)]:
        value = getattr(obj, name)
        out.append([fields_of(v) for v in value] if name in _LISTS else list(value) if name == "at" else value)
    return out


def build(cls: type, data: Any, path: Path | None = None) -> Any:
    """The object `data` describes, or None if it is not exactly the shape fields_of writes (every field of
    the type the model gives it: a damaged entry is read from its file again)."""
    shape = _SHAPES[cls]
    if type(data) is not list or len(data) != len(shape):
        return None
    values = list(data)
    for i, (name, check) in enumerate(shape):
        value = values[i]
        if name in _LISTS:
            if type(value) is not list:
                return None
            value = values[i] = [build(_LISTS[name], v) for v in value]
            if None in value:
                return None
        elif check is _is_text:
            if type(value) is not str:
                return None
        elif check is None or not check(value):
            return None
        elif name == "at":
            values[i] = tuple(value)
    return cls(*values, path) if cls is Action else cls(*values)


_STATUS = [name for name, _ in _SHAPES[Action]].index("status")


class _Board:
    """The kept actions of one board's folder: one file each, so a change to one board's actions rewrites
    that board's thousand, not the council's forty thousand."""

    def __init__(self, path: Path):
        self.path = path
        entries = read_json(path, VERSION).get("entries")
        self.entries: dict = entries if isinstance(entries, dict) else {}
        self.fresh: dict[str, list] = {}
        self.changed = False

    def save(self) -> None:
        if self.changed or len(self.fresh) != len(self.entries):
            write_json(self.path, {"version": VERSION, "entries": self.fresh})


class BuiltActions:
    def __init__(self, root: Path):
        self.root = str(Path(root).resolve())
        self.boards: dict[str, _Board] = {}

    def file_for(self, board: str) -> Path:
        """Where the actions of the board's folder are kept."""
        return cache_file("actions", f"{self.root}\0{board}")

    def _board(self, key: str) -> tuple[_Board, str]:
        folder, name = os.path.split(key)
        board = os.path.basename(folder)
        if board not in self.boards:
            self.boards[board] = _Board(self.file_for(board))
        return self.boards[board], name

    def known(self, key: str) -> bool:
        """Whether an earlier run kept this file's action (at whatever size and date)."""
        board, name = self._board(key)
        return name in board.entries

    def _entry(self, key: str, stamp: tuple[int, int]) -> list | None:
        board, name = self._board(key)
        entry = board.entries.get(name)
        if (isinstance(entry, list) and len(entry) == 3 and entry[0] == stamp[0] and entry[1] == stamp[1]
                and isinstance(entry[2], list) and len(entry[2]) == len(_SHAPES[Action])):
            return entry
        return None

    def status(self, key: str, stamp: tuple[int, int]) -> str | None:
        """The kept action's status, or None when the file has no kept action."""
        entry = self._entry(key, stamp)
        status = entry[2][_STATUS] if entry is not None else None
        return status if isinstance(status, str) else None

    def get(self, key: str, stamp: tuple[int, int]) -> Action | None:
        entry = self._entry(key, stamp)
        if entry is None:
            return None
        action = build(Action, entry[2], Path(key))
        if action is not None:
            board, name = self._board(key)
            board.fresh[name] = entry
        return action

    def put(self, key: str, stamp: tuple[int, int], action: Action) -> None:
        board, name = self._board(key)
        board.fresh[name] = [stamp[0], stamp[1], fields_of(action)]
        board.changed = True

    def keep_unread(self, key: str) -> None:
        """A file this run did not build (not of the statuses asked for): its entry stays for the next."""
        board, name = self._board(key)
        if name in board.entries:
            board.fresh[name] = board.entries[name]

    def save(self) -> None:
        for board in self.boards.values():
            board.save()
