"""Parsed YAML kept between the requests of a long-running process (the web service): a file is parsed again
only when its size, modification time or inode changed, so a page does not pay for reading forty boards and a
board's ten years of meetings each time it is opened.

What it hands out is shared by every request: the schema only reads it (it builds new model objects each
time), and nothing else may change it. Files that cannot be read are never kept, so their error is raised
afresh each time; the memo is bounded, and simply starts again when it is full."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from govdocs.store import yamlio

LIMIT = 20_000  # files; a whole council's boards and meetings, without its actions (the action index has those)


class ReadMemo:
    def __init__(self, limit: int = LIMIT):
        self.limit = limit
        self.entries: dict[str, tuple[tuple[int, int, int], Any]] = {}
        self.lock = threading.Lock()

    def read(self, path: Path, root: Path) -> Any:
        try:
            st = os.stat(path)
        except OSError:
            return yamlio.read(path, root)  # the error, as a read without the memo gives it
        key, stamp = str(path), (st.st_size, st.st_mtime_ns, st.st_ino)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        data = yamlio.read(path, root)
        with self.lock:
            if len(self.entries) >= self.limit:
                self.entries.clear()
            self.entries[key] = (stamp, data)
        return data
