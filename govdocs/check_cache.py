"""What `check` found in each board's files, kept until one of the files it read changes.

A board's problems depend on its own meetings and actions and on the files every board shares (govdocs.yaml,
people.yaml, the boards' files, programmes), on govdocs' own code and on the day. The cache keys each board by
a hash of the contents of all of those, so an unchanged board is not read again and one action update costs
one board's check. A file's content hash is taken again only when its size, modification time or inode
changed (as git's index does), so an unchanged council costs one walk of its folders.

The cache lives in the user's cache folder, never in the workspace: a clone cannot bring one that says a
broken record has no problems. It is plain JSON, checked entry by entry; anything that does not fit is
ignored and that board is checked afresh. Deleting it changes nothing but speed."""
from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Callable

from govdocs.store.schema import Problem

VERSION = 1
SHARED = ("govdocs.yaml", "people.yaml", "boards", "programmes")


def cache_file(root: Path) -> Path:
    base = os.environ.get("GOVDOCS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "govdocs")
    return Path(base) / "check" / (hashlib.sha256(str(root).encode()).hexdigest()[:32] + ".json")


class CheckCache:
    def __init__(self, root: Path, today: str):
        self.root = str(root)
        self.path = cache_file(root)
        self.known, self.trees, self.units = _read(self.path)
        self.seen: dict[str, list] = {}
        self.fresh_trees: dict[str, list] = {}
        self.fresh_units: dict[str, dict] = {}
        self.shared = _digest([today, code_digest(), *(self.tree(p) for p in SHARED)])

    def problems(self, unit: str, folders: tuple[str, ...], produce: Callable[[], list[Problem]]) -> list[Problem]:
        """The problems of `unit` (a board: its meetings and actions), from the cache when no file it reads
        changed, else from `produce()`."""
        key = _digest([self.shared, *(self.tree(f) for f in folders)])
        entry = self.units.get(unit)
        found = _problems_of(entry) if isinstance(entry, dict) and entry.get("key") == key else None
        if found is None:
            found = produce()
        self.fresh_units[unit] = {"key": key, "problems": [[p.file, p.line, p.message, p.level] for p in found]}
        return found

    def tree(self, rel: str) -> str:
        """A hash of the names and contents of every file under `rel` (or of the file `rel`). A folder whose
        every file has the size, date and inode it had last time has the hash it had, with no file opened."""
        top = os.path.join(self.root, rel)
        entries: list[tuple[str, str, os.stat_result]] = []
        try:
            if os.path.isdir(top) and not os.path.islink(top):
                self._walk(top, rel, entries)
            else:
                entries.append((rel, top, os.lstat(top)))
        except OSError:
            return "missing"
        stamps = _digest([f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}" for name, _, st in entries])
        old = self.trees.get(rel)
        if isinstance(old, list) and len(old) == 2 and old[0] == stamps and isinstance(old[1], str):
            self.fresh_trees[rel] = old
            return old[1]
        key = _digest([f"{name}\0{self._content(name, full, st)}" for name, full, st in entries])
        self.fresh_trees[rel] = [stamps, key]
        return key

    def _walk(self, folder: str, rel: str, entries: list) -> None:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            name = f"{rel}/{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                self._walk(entry.path, name, entries)
            else:
                entries.append((name, entry.path, entry.stat(follow_symlinks=False)))

    def _content(self, rel: str, full: str, st: os.stat_result) -> str:
        """The file's sha256, taken again only when its stamp changed (a checkout keeps the bytes, not the date)."""
        if stat.S_ISLNK(st.st_mode):
            return "link:" + os.readlink(full)
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        old = self.known.get(rel)
        if isinstance(old, list) and len(old) == 4 and old[:3] == stamp and isinstance(old[3], str):
            sha = old[3]
        else:
            try:
                with open(full, "rb") as fh:
                    sha = hashlib.sha256(fh.read()).hexdigest()
            except OSError:
                return "unreadable"
        self.seen[rel] = stamp + [sha]
        return sha

    def save(self) -> None:
        if self.fresh_trees == self.trees and self.fresh_units == self.units:
            return
        # files under a folder hashed again are replaced by what was seen there; the others are kept
        redone = tuple(f"{rel}/" for rel in self.fresh_trees if self.fresh_trees[rel] != self.trees.get(rel))
        files = {k: v for k, v in self.known.items() if not k.startswith(redone)} | self.seen
        data = {"version": VERSION, "files": files, "trees": self.fresh_trees, "units": self.fresh_units}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # no cache folder to write: the next check is as slow as this one, and as right


def _read(path: Path) -> tuple[dict, dict, dict]:
    """(files, trees, units) as the last check left them; empty for anything that is not that."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}, {}, {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}, {}, {}
    parts = (data.get("files"), data.get("trees"), data.get("units"))
    files, trees, units = (p if isinstance(p, dict) else {} for p in parts)
    return files, trees, units


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


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


_CODE: list[str] = []


def code_digest() -> str:
    """govdocs' own source: a new version's rules are never answered from an old version's findings."""
    if not _CODE:
        package = Path(__file__).parent
        h = hashlib.sha256()
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
        _CODE.append(h.hexdigest())
    return _CODE[0]
