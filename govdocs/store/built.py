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

from govdocs.model import OPEN_STATUSES, Action, Escalation, Update
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
    return cls(*values, path=path) if cls is Action else cls(*values)


_STATUS = [name for name, _ in _SHAPES[Action]].index("status")
_FIELDS = len(_SHAPES[Action])


class _Board:
    """The kept actions of one board's folder, so a change to one board's actions rewrites that board's
    thousand, not the council's forty thousand. Two files: the stamp and status of every action with the
    open ones in full, and the closed ones (most of ten years) in full, read only when one is wanted."""

    def __init__(self, path: Path):
        self.path, self.closed_path = path, path.with_name(path.stem + "-closed.json")
        data = read_json(path, VERSION)
        stamps, entries = data.get("stamps"), data.get("entries")
        self.stamps: dict = stamps if isinstance(stamps, dict) else {}
        self.open: dict = entries if isinstance(entries, dict) else {}
        self._closed: dict | None = None
        self.fresh: dict[str, list] = {}  # name: [size, date, status]
        self.fresh_open: dict[str, list] = {}
        self.fresh_closed: dict[str, list] = {}
        self.changed = False

    @property
    def closed(self) -> dict:
        if self._closed is None:
            entries = read_json(self.closed_path, VERSION).get("entries")
            self._closed = entries if isinstance(entries, dict) else {}
        return self._closed

    def entry(self, name: str) -> Any:
        return self.open.get(name) or self.closed.get(name)

    def keep(self, name: str, entry: list) -> None:
        status = entry[2][_STATUS]
        self.fresh[name] = [entry[0], entry[1], status]
        (self.fresh_open if status in OPEN_STATUSES else self.fresh_closed)[name] = entry

    def keep_unbuilt(self, name: str) -> None:
        """An action this run did not build: its stamp stays, and its entry wherever it is."""
        self.fresh[name] = self.stamps[name]
        if name in self.open:
            self.fresh_open[name] = self.open[name]

    def save(self) -> None:
        if self.changed or self.fresh != self.stamps:
            write_json(self.path, {"version": VERSION, "stamps": self.fresh, "entries": self.fresh_open})
        if self._closed is not None:
            for name in self.fresh.keys() - self.fresh_open.keys() - self.fresh_closed.keys():
                if name in self._closed:  # not built this run, but still as it was
                    self.fresh_closed[name] = self._closed[name]
            if self.changed or len(self.fresh_closed) != len(self._closed):
                write_json(self.closed_path, {"version": VERSION, "entries": self.fresh_closed})
        elif self.fresh_closed:
            # some closed actions were not read this run; those that were built again are added to theirs
            write_json(self.closed_path, {"version": VERSION, "entries": {**self.closed, **self.fresh_closed}})


class BuiltActions:
    def __init__(self, root: Path):
        self.root = str(Path(root).resolve())
        self.boards: dict[str, _Board] = {}

    def file_for(self, board: str) -> Path:
        """Where the actions of the board's folder are kept."""
        return cache_file("actions", f"{self.root}\0{board}")

    def _board(self, key: str) -> tuple[_Board, str]:
        _, board, name = key.rsplit(os.sep, 2)
        kept = self.boards.get(board)
        if kept is None:
            kept = self.boards[board] = _Board(self.file_for(board))
        return kept, name

    def known(self, key: str) -> bool:
        """Whether an earlier run kept this file's action (at whatever size and date)."""
        board, name = self._board(key)
        return name in board.stamps

    def status(self, key: str, stamp: tuple[int, int]) -> str | None:
        """The kept action's status while the file's size and date are as they were, else None."""
        board, name = self._board(key)
        kept = board.stamps.get(name)
        if type(kept) is list and len(kept) == 3 and kept[0] == stamp[0] and kept[1] == stamp[1]:
            return kept[2] if isinstance(kept[2], str) else None
        return None

    def get(self, key: str, stamp: tuple[int, int]) -> Action | None:
        """The kept action, or None if there is none for the file as it is, or it does not fit the model."""
        board, name = self._board(key)
        entry = board.entry(name)
        if not (type(entry) is list and len(entry) == 3 and entry[0] == stamp[0] and entry[1] == stamp[1]
                and type(entry[2]) is list and len(entry[2]) == _FIELDS):
            return None
        action = build(Action, entry[2], Path(key))
        if action is not None:
            board.keep(name, entry)
        return action

    def put(self, key: str, stamp: tuple[int, int], action: Action) -> None:
        board, name = self._board(key)
        board.keep(name, [stamp[0], stamp[1], fields_of(action)])
        board.changed = True

    def keep_unread(self, key: str) -> None:
        """A file this run did not build (not of the statuses asked for): what was kept of it stays."""
        board, name = self._board(key)
        board.keep_unbuilt(name)

    def save(self) -> None:
        for board in self.boards.values():
            board.save()
