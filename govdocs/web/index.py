"""The record's actions, held by the service between requests and kept in step with the files, so that
"My actions" and a board's page do not read forty thousand files for each person who opens them.

Each request looks at the date of each board's folder of actions (one stat a board): a folder whose date
changed (a file written by govdocs, a pull, a checkout: each adds or replaces files) is listed again, and
only the files in it whose size, date or inode changed are read again. A file edited in place on the server
does not change its folder's date, so a thread looks at every file again every RECHECK seconds.
Action objects are shared between requests and so are never changed by the pages; a page that changes an
action reads it afresh from its file (`ws.action`)."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from govdocs.errors import RecordError
from govdocs.model import Action
from govdocs.store import schema, yamlio

RECHECK = 30.0


class ActionIndex:
    def __init__(self, root: Path):
        self.root = root
        self.lock = threading.Lock()
        self.folders: dict[str, tuple[int, dict[str, tuple[tuple, Action]]]] = {}
        self._all: list[Action] | None = None
        self._by_owner: dict[str, list[Action]] = {}
        self._by_board: dict[str, list[Action]] = {}
        self.version = 0  # one more each time the actions change: what a kept page was made from
        self._watcher: threading.Thread | None = None
        self.generation = 0  # one more each time the folders are replaced

    def actions(self) -> list[Action]:
        """Every action, in file order, as the files say now."""
        with self.lock:
            self._refresh(full=not self.folders)
            if self._watcher is None:
                self._watcher = threading.Thread(target=self._recheck, name="govdocs-action-index", daemon=True)
                self._watcher.start()
            if self._all is None:
                self._all = [a for _, (_, files) in sorted(self.folders.items())
                             for _, (_, a) in sorted(files.items())]
                self._by_owner, self._by_board = {}, {}
                for a in self._all:
                    for o in a.owners:
                        self._by_owner.setdefault(o, []).append(a)
                    for b in dict.fromkeys([a.board] + [e.to for e in a.escalations]):
                        self._by_board.setdefault(b, []).append(a)
                self.version += 1
            return self._all

    def owned_by(self, initials: str) -> list[Action]:
        self.actions()
        return self._by_owner.get(initials, [])

    def on_log_of(self, board: str) -> list[Action]:
        """The actions a board's log holds: raised there, or escalated to it."""
        self.actions()
        return self._by_board.get(board, [])

    def _recheck(self) -> None:
        """Every file looked at again now and then, away from the requests (the stats and reads are done
        outside the lock): edits in place are seen too."""
        while True:
            time.sleep(RECHECK)
            with self.lock:
                before, generation = dict(self.folders), self.generation
            folders, changed = self._read(before, full=True)
            with self.lock:
                if changed and generation == self.generation:  # no request has moved on meanwhile
                    self._swap(folders)

    def _refresh(self, full: bool) -> None:
        folders, changed = self._read(dict(self.folders), full)
        if changed:
            self._swap(folders)

    def _swap(self, folders: dict) -> None:
        self.folders, self._all = folders, None
        self.generation += 1

    def _read(self, folders: dict, full: bool) -> tuple[dict, bool]:
        """The boards' folders as they are now, from `folders` as they were; whether anything changed."""
        base = self.root / "actions"
        if base.is_symlink() or not base.is_dir():  # as ws.action_files(): nothing through a link
            return {}, bool(folders)
        raws: dict = {}
        if not folders:  # the first reading: from the parsed-file cache `govdocs` keeps, where it is current
            from govdocs.store.cache import raw_actions

            raws = raw_actions(self.root, lambda path: yamlio.read(path, self.root))
        boards = {e.name: e for e in os.scandir(base) if e.is_dir(follow_symlinks=False)}
        changed = bool(set(folders) - set(boards))
        fresh = {}
        for name, entry in boards.items():
            mtime = entry.stat(follow_symlinks=False).st_mtime_ns
            if not full and name in folders and folders[name][0] == mtime:
                fresh[name] = folders[name]
                continue
            files, differs = _read_folder(entry.path, folders.get(name, (0, {}))[1], raws, self.root)
            fresh[name] = (mtime, files)
            changed |= differs
        return fresh, changed


def _read_folder(folder: str, old: dict, raws: dict, root: Path) -> tuple[dict, bool]:
    """One board's action files, read again where their stamp changed; whether any did."""
    files: dict[str, tuple[tuple, Action]] = {}
    changed = False
    for e in os.scandir(folder):
        if not (e.name.endswith(".yaml") and not e.name.startswith(".") and e.is_file(follow_symlinks=False)):
            continue
        st = e.stat(follow_symlinks=False)
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        if e.name in old and old[e.name][0] == stamp:
            files[e.name] = old[e.name]
            continue
        changed = True
        path, raw = Path(e.path), raws.get(e.path)
        try:
            if not isinstance(raw, dict):
                raw = yamlio.read(path, root)
            files[e.name] = (stamp, schema.load_action(raw, path, root, None))
        except RecordError:
            continue  # a broken file is `check`'s to report; the pages show the rest
    return files, changed or files.keys() != old.keys()


class PageMemo:
    """What a page showed, kept until what it was made from changes: the page's key names its inputs (the
    files' stamps, the action index's version, the day). Bounded; it starts again when full."""

    def __init__(self, limit: int = 500):
        self.limit = limit
        self.pages: dict = {}
        self.lock = threading.Lock()

    def get(self, key, make):
        hit = self.pages.get(key)
        if hit is None:
            hit = make()
            with self.lock:
                if len(self.pages) >= self.limit:
                    self.pages.clear()
                self.pages[key] = hit
        return hit
