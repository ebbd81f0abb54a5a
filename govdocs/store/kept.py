"""Parsed YAML kept between runs of a command, for the commands that read a whole council (`site`, `check`):
ten years of meetings are seven thousand YAML files, about two seconds to parse, and a fifth of that to load
back as JSON.

A file's data is used only while its size, modification time and inode are what they were when it was parsed;
anything else is parsed again. The memory is in the user's cache folder (never in the workspace, so a clone
cannot bring one), holds only JSON data that the schema then checks as if it were just read, and a file or
entry that does not fit is ignored. Data JSON would not give back exactly (a mapping key that is not text) is
not kept."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from govdocs.store.memo import ReadMemo
from govdocs.store.userdata import cache_file, read_json, write_json

VERSION = 1


class KeptReads(ReadMemo):
    def __init__(self, root: Path):
        super().__init__(limit=1_000_000)
        self.path = cache_file("reads", str(Path(root).resolve()))
        self.changed = False
        entries = read_json(self.path, VERSION).get("entries")
        for key, entry in (entries.items() if isinstance(entries, dict) else ()):
            if (isinstance(entry, list) and len(entry) == 4 and all(isinstance(n, int) for n in entry[:3])):
                self.entries[key] = (tuple(entry[:3]), entry[3])  # type: ignore[assignment]

    def read(self, path: Path, root: Path) -> Any:
        before = self.entries.get(str(path))
        data = super().read(path, root)
        after = self.entries.get(str(path))
        if after is not before:
            self.changed = True
            if not _json_exact(data):
                del self.entries[str(path)]
        return data

    def save(self) -> None:
        """Keep what was read for the next run. Entries of files not read this time stay (a `check --board`
        reads one board; the next whole `site` wants the rest); a file that is gone only costs its entry."""
        if self.changed:
            write_json(self.path, {"version": VERSION,
                                   "entries": {k: [*stamp, data] for k, (stamp, data) in self.entries.items()}})


def _json_exact(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_exact(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_exact(v) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))
