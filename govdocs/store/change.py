"""A change to the record: files written atomically, then exactly one commit of exactly those files.

Changes queue on a workspace lock, so concurrent govdocs commands wait for each other instead of
failing. Before any file is written, a journal of what the files held is saved; a command killed
part-way leaves that journal behind, and the next change puts the files back (or, if the commit
was made, simply drops it). A file that another command changed since this one read it is never
overwritten: the command stops and nothing is written.
"""
from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable

from govdocs.errors import ChangedMeanwhile, GovdocsError, WorkspaceError
from govdocs.store import history, yamlio
from govdocs.store.lock import workspace_lock
from govdocs.store.workspace import Workspace

JOURNAL = "journal.json"


def fault(step: str) -> None:
    """A test-only fault point: GOVDOCS_FAULT=STEP kills the process here, as a power cut would."""
    if os.environ.get("GOVDOCS_FAULT") == step:
        os._exit(137)


class Change:
    """Collects the new contents of files, then writes and commits them together or not at all."""

    def __init__(self, ws: Workspace, message: str, *trailers: str):
        self.ws = ws
        self.message = message
        self.trailers = list(trailers)
        self.files: dict[Path, bytes | None] = {}  # None: the file is deleted
        self._docs: dict[Path, Any] = {}
        self._seen: dict[Path, bytes | None] = {}  # each file as it was when this change read it
        self.author: tuple[str, str] | None = None  # (name, email) when made for someone else (the web service)
        self.warnings: list[str] = []  # what the person should know (a late agenda, a draft minute), said on apply
        recover_if_needed(ws)  # a change cut off part-way is rolled back before this one reads anything

    # --- building ---------------------------------------------------------------------
    def _remember(self, path: Path) -> None:
        if path not in self._seen:
            self._seen[path] = path.read_bytes() if path.is_file() else None

    def edit(self, path: Path, default: Callable[[], Any] | None = None) -> Any:
        """The round-trip document for `path` (created from `default` if the file is new)."""
        path = Path(path)
        if path not in self._docs:
            self._remember(path)
            if path.exists():
                self._docs[path] = yamlio.load_for_edit(path, self.ws.root)
            elif default is not None:
                self._docs[path] = yamlio.to_yaml(default())
            else:
                raise WorkspaceError(f"{self.ws.rel(path)} does not exist")
        return self._docs[path]

    def put_yaml(self, path: Path, data: Any) -> None:
        self._remember(Path(path))
        self._docs[Path(path)] = data

    def put_bytes(self, path: Path, data: bytes) -> None:
        self._remember(Path(path))
        self.files[Path(path)] = data

    def delete(self, path: Path) -> None:
        """Take a file out of the record (git keeps it in the history)."""
        self._remember(Path(path))
        self._docs.pop(Path(path), None)
        self.files[Path(path)] = None

    def trailer(self, line: str) -> None:
        self.trailers.append(line)

    # --- applying ---------------------------------------------------------------------
    def _render(self) -> dict[Path, bytes | None]:
        out = dict(self.files)
        for path, doc in self._docs.items():
            out[path] = yamlio.dump(doc).encode("utf-8")
        return out

    def apply(self, quiet: bool = False) -> str | None:
        """Write every file, commit them; on any failure put every file back as it was."""
        root = self.ws.root
        if not quiet:
            for warning in self.warnings:
                print(f"govdocs: {warning}", file=sys.stderr)
        new = self._render()  # from the documents in memory: what is on disk cannot change it
        for path in new:
            self.ws.inside(path, "a file of the record")
        with workspace_lock(root):
            recover(self.ws)
            history.refuse_mid_merge(root)
            self._refuse_if_changed_meanwhile()
            changed = {p: data for p, data in new.items()
                       if (p.exists() if data is None else not p.exists() or p.read_bytes() != data)}
            if not changed:
                if not quiet:
                    print("govdocs: nothing changed", file=sys.stderr)
                return None
            self._check_yaml(changed)
            tracked_dirty = history.dirty(root, [p for p in changed if p.exists()])
            if tracked_dirty:
                raise WorkspaceError(f"{tracked_dirty[0]} has changes that are not committed; commit or discard "
                                     "them first, so that this change does not sweep them up")
            before = {p: (p.read_bytes() if p.exists() else None) for p in changed}
            message = self.message + ("\n\n" + "\n".join(self.trailers) if self.trailers else "")
            _write_journal(self.ws, before)
            fault("after-journal")
            try:
                for n, (path, data) in enumerate(changed.items(), start=1):
                    if data is None:
                        path.unlink()
                        if not any(path.parent.iterdir()):
                            path.parent.rmdir()  # a board's folder goes with its last file
                    else:
                        yamlio.atomic_write(path, data)
                    fault(f"after-write-{n}")
                fault("before-commit")
                sha = history.commit(root, list(changed), message, self.author)
                fault("after-commit")
            except BaseException:
                _restore(self.ws, before)
                raise
            _journal_path(self.ws).unlink(missing_ok=True)
        if not quiet:
            print(f"govdocs: {self.message} ({sha[:8]})", file=sys.stderr)
        return sha

    def _refuse_if_changed_meanwhile(self) -> None:
        for path, seen in self._seen.items():
            now = path.read_bytes() if path.is_file() else None
            if now != seen:
                raise ChangedMeanwhile(f"{self.ws.rel(path)} was changed by another command while this one ran; "
                                     "nothing was written: run the command again")

    def _check_yaml(self, changed: dict[Path, bytes]) -> None:
        """Everything we write must read back with our own loader: never commit a file we cannot load."""
        import yaml

        for path, data in changed.items():
            if path.suffix == ".yaml" and data is not None:
                try:
                    yaml.load(data, Loader=yamlio.RecordLoader)
                except yaml.YAMLError as exc:  # pragma: no cover - a bug in govdocs, not in the input
                    raise GovdocsError(f"internal error: {self.ws.rel(path)} would not read back ({exc})") from exc


# --- the journal ----------------------------------------------------------------------------

def _journal_path(ws: Workspace) -> Path:
    return ws.root / ".govdocs" / JOURNAL


def _write_journal(ws: Workspace, before: dict[Path, bytes | None]) -> None:
    data = {"head": history.head(ws.root),
            "files": {ws.rel(p): (base64.b64encode(b).decode("ascii") if b is not None else None)
                      for p, b in before.items()}}
    yamlio.atomic_write(_journal_path(ws), json.dumps(data))


def _restore(ws: Workspace, before: dict[Path, bytes | None]) -> None:
    for path, old in before.items():
        if old is None:
            path.unlink(missing_ok=True)
        else:
            yamlio.atomic_write(path, old)
    history.unstage(ws.root, [ws.rel(p) for p in before])
    _journal_path(ws).unlink(missing_ok=True)


def recover_if_needed(ws: Workspace) -> None:
    """Take the lock and roll back a change cut off between writing its files and committing them, if there
    is one; costs one stat otherwise."""
    if _journal_path(ws).exists():
        with workspace_lock(ws.root):
            recover(ws)


def recover(ws: Workspace) -> bool:
    """Finish what a killed command left: roll its files back unless its commit was made.

    Call only while holding the workspace lock, so no other govdocs command is part-way.
    """
    path = _journal_path(ws)
    if not path.exists():
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {}
        for rel, b64 in dict(data["files"]).items():
            target = ws.inside(ws.root / str(rel), "a file in the journal")
            files[target] = base64.b64decode(b64) if b64 is not None else None
        head_before = str(data.get("head") or "")
    except (ValueError, KeyError, TypeError, GovdocsError):
        path.unlink(missing_ok=True)  # a journal we cannot read is not one we wrote: ignore it
        return False
    lock = history.index_lock(ws.root)
    if lock is not None and lock.exists():
        lock.unlink()  # left by the git process that was killed with the command
    if history.head(ws.root) != head_before:
        path.unlink(missing_ok=True)  # the commit was made; only the clean-up was missed
        return True
    _restore(ws, files)
    print("govdocs: a change that was interrupted earlier has been rolled back", file=sys.stderr)
    return True
