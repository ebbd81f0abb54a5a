"""What `check` found in each board's files, kept until one of the files it read changes.

A board's problems depend on its own meetings and actions and on the files every board shares (govdocs.yaml,
people.yaml, the boards' files, programmes), on govdocs' own code and on the day. The cache keys each board by
a hash of the contents of all of those (`store/hashes.py`), so an unchanged board is not read again and one
action update costs one board's check.

The cache lives in the user's cache folder, never in the workspace: a clone cannot bring one that says a
broken record has no problems. It is plain JSON, checked entry by entry; anything that does not fit is
ignored and that board is checked afresh. Deleting it changes nothing but speed."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from govdocs.store.hashes import TreeHashes, code_digest, digest
from govdocs.store.schema import Problem
from govdocs.store.userdata import cache_file, read_json, write_json

VERSION = 1
SHARED = ("govdocs.yaml", "people.yaml", "boards", "programmes")


class CheckCache:
    def __init__(self, root: Path, today: str):
        self.path = cache_file("check", str(root))
        data = read_json(self.path, VERSION)
        self.hashes = TreeHashes(root, data)
        units = data.get("units")
        self.units: dict = units if isinstance(units, dict) else {}
        self.fresh_units: dict[str, dict] = {}
        self.shared = digest([today, code_digest(), *(self.hashes.tree(p) for p in SHARED)])

    def problems(self, unit: str, folders: tuple[str, ...], produce: Callable[[], list[Problem]]) -> list[Problem]:
        """The problems of `unit` (a board: its meetings and actions), from the cache when no file it reads
        changed, else from `produce()`."""
        key = digest([self.shared, *(self.hashes.tree(f) for f in folders)])
        entry = self.units.get(unit)
        found = _problems_of(entry) if isinstance(entry, dict) and entry.get("key") == key else None
        if found is None:
            found = produce()
        self.fresh_units[unit] = {"key": key, "problems": [[p.file, p.line, p.message, p.level] for p in found]}
        return found

    def save(self) -> None:
        if self.hashes.changed or self.fresh_units != self.units:
            write_json(self.path, {"version": VERSION, **self.hashes.state(), "units": self.fresh_units})


def _problems_of(entry: dict) -> list[Problem] | None:
    """The cached problems, or None when any of them is not exactly (file, line, message, level)."""
    rows = entry.get("problems")
    if not isinstance(rows, list):
        return None
    out = []
    for row in rows:
        if not (isinstance(row, list) and len(row) == 4 and isinstance(row[0], str) and type(row[1]) is int
                and isinstance(row[2], str) and row[3] in ("error", "warning")):
            return None
        out.append(Problem(row[0], row[1], row[2], row[3]))
    return out
