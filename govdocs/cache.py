"""A local cache of parsed action files, so ten thousand actions load in a fraction of a second.

Each entry is keyed by the file's path, size and modification time; a file that changed (by
hand, by git checkout or merge) is read again. The cache lives in .govdocs/ (git-ignored) and
is only ever an accelerator: deleting it changes nothing but speed.
"""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.model import Action

if TYPE_CHECKING:
    from govdocs.workspace import Workspace

_VERSION = 2


def _cache_file(ws: "Workspace"):
    return ws.root / ".govdocs" / "actions.cache"


def _scan(root) -> list[tuple[str, tuple[int, int]]]:
    """(path, (size, mtime)) of every action file; os.scandir avoids building ten thousand Path objects."""
    out = []
    base = os.path.join(root, "actions")
    try:
        boards = [e for e in os.scandir(base) if e.is_dir()]
    except FileNotFoundError:
        return out
    for board in boards:
        for entry in os.scandir(board.path):
            if entry.name.endswith(".yaml") and entry.is_file():
                st = entry.stat()
                out.append((entry.path, (st.st_size, st.st_mtime_ns)))
    out.sort()
    return out


def load_actions(ws: "Workspace") -> list[Action]:
    """Every action of the workspace, in file order. Bulk-loaded actions carry no path; use ws.action(id)."""
    cache_file = _cache_file(ws)
    cached: dict = {}
    try:
        with open(cache_file, "rb") as fh:
            version, cached = pickle.load(fh)
        if version != _VERSION:
            cached = {}
    except (OSError, EOFError, pickle.PickleError, ValueError, TypeError, AttributeError):
        cached = {}
    fresh: dict = {}
    actions: list[Action] = []
    changed = False
    for key, stamp in _scan(ws.root):
        hit = cached.get(key)
        if hit is not None and hit[0] == stamp:
            action = hit[1]
        else:
            action = Action.from_raw(ws.read(Path(key)))
            changed = True
        fresh[key] = (stamp, action)
        actions.append(action)
    if changed or len(fresh) != len(cached):
        _save(cache_file, fresh)
    return actions


def _save(cache_file, entries: dict) -> None:
    try:
        cache_file.parent.mkdir(exist_ok=True)
        tmp = cache_file.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((_VERSION, entries), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    except OSError:
        pass  # a read-only checkout still works, only slower
