"""Content hashes of a workspace's folders for the caches that skip work (`check`, `site`): a folder whose every
file has the size, modification time and inode it had last time has the hash it had, with no file opened; a
file whose stamp changed is hashed again (a checkout keeps the bytes, not the date), as git's index does.

The caches that use these live in the user's cache folder, never in the workspace: a clone cannot bring one."""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path


class TreeHashes:
    def __init__(self, root: Path | str, data: dict, leave_out: frozenset[str] = frozenset()):
        self.root = str(root)
        self.leave_out = leave_out  # folders (relative to root) that are not inputs: a site written inside it
        files, trees = data.get("files"), data.get("trees")
        self.known: dict = files if isinstance(files, dict) else {}
        self.trees: dict = trees if isinstance(trees, dict) else {}
        self.seen: dict[str, list] = {}
        self.fresh_trees: dict[str, list] = {}

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
        stamps = digest([f"{name}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}" for name, _, st in entries])
        old = self.trees.get(rel)
        if isinstance(old, list) and len(old) == 2 and old[0] == stamps and isinstance(old[1], str):
            self.fresh_trees[rel] = old
            return old[1]
        key = digest([f"{name}\0{self._content(name, full, st)}" for name, full, st in entries])
        self.fresh_trees[rel] = [stamps, key]
        return key

    def _walk(self, folder: str, rel: str, entries: list) -> None:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            name = f"{rel}/{entry.name}"
            if name in self.leave_out:
                continue
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

    def state(self) -> dict:
        """What to keep for the next run: files under a folder hashed again are replaced by what was seen."""
        redone = tuple(f"{rel}/" for rel in self.fresh_trees if self.fresh_trees[rel] != self.trees.get(rel))
        files = {k: v for k, v in self.known.items() if not k.startswith(redone)} | self.seen
        return {"files": files, "trees": self.fresh_trees}

    @property
    def changed(self) -> bool:
        return self.fresh_trees != self.trees


def stamps_under(folder: Path | str) -> dict[str, list[int]]:
    """Every file under `folder` (links as themselves), by its path inside it, with its size, date and inode:
    any file changed, added or taken away shows. Cheap: no file is opened."""
    from govdocs.store.bulk import without_collection

    with without_collection():
        return _stamps_under(str(folder))


def _stamps_under(folder: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    stack = [("", folder)]  # (the folder's path inside `folder`, with its slash; its full path)
    while stack:
        rel, full = stack.pop()
        try:
            entries = list(os.scandir(full))
        except OSError:
            continue
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                stack.append((f"{rel}{e.name}/", e.path))
            else:
                st = e.stat(follow_symlinks=False)
                found[rel + e.name] = [st.st_size, st.st_mtime_ns, st.st_ino]
    return found


def digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


_CODE: list[str] = []


def code_digest() -> str:
    """govdocs' own source and default templates: a new version never takes an old version's results."""
    if not _CODE:
        package = Path(__file__).parent.parent
        h = hashlib.sha256()
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
        from govdocs.render.documents import DEFAULT_TEMPLATES

        for path in sorted(p for p in Path(DEFAULT_TEMPLATES).rglob("*") if p.is_file() and p.suffix != ".pyc"):
            h.update(path.name.encode() + b"\0" + path.read_bytes())
        _CODE.append(h.hexdigest())
    return _CODE[0]
