"""A local cache of parsed action files, so ten thousand actions load in a fraction of a second.

Each entry is keyed by the file's path, size and modification time; a file that changed (by
hand, by git checkout or merge) is read again. The cache lives in .govdocs/ (git-ignored) and
is only ever an accelerator: deleting it changes nothing but speed.
"""
from __future__ import annotations

import os
import pickle
from typing import TYPE_CHECKING

from govdocs.model import Action

if TYPE_CHECKING:
    from govdocs.workspace import Workspace

_VERSION = 1


def _cache_file(ws: "Workspace"):
    return ws.root / ".govdocs" / "actions.cache"


def load_actions(ws: "Workspace") -> list[Action]:
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
    for path in ws.action_files():
        st = os.stat(path)
        key = str(path)
        stamp = (st.st_size, st.st_mtime_ns)
        hit = cached.get(key)
        if hit is not None and hit[0] == stamp:
            action = hit[1]
        else:
            action = Action.from_raw(ws.read(path))
            changed = True
        action.path = path
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
