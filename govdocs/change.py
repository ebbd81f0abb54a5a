"""A change to the record: files written atomically, then exactly one commit of exactly those files."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable

from govdocs import history, yamlio
from govdocs.errors import GovdocsError, WorkspaceError
from govdocs.workspace import Workspace


class Change:
    """Collects the new contents of files, then writes and commits them together or not at all."""

    def __init__(self, ws: Workspace, message: str, *trailers: str):
        self.ws = ws
        self.message = message
        self.trailers = list(trailers)
        self.files: dict[Path, bytes] = {}
        self._docs: dict[Path, Any] = {}

    # --- building ---------------------------------------------------------------------
    def edit(self, path: Path, default: Callable[[], Any] | None = None) -> Any:
        """The round-trip document for `path` (created from `default` if the file is new)."""
        path = Path(path)
        if path not in self._docs:
            if path.exists():
                self._docs[path] = yamlio.load_for_edit(path, self.ws.root)
            elif default is not None:
                self._docs[path] = yamlio.to_yaml(default())
            else:
                raise WorkspaceError(f"{self.ws.rel(path)} does not exist")
        return self._docs[path]

    def put_yaml(self, path: Path, data: Any) -> None:
        self._docs[Path(path)] = data

    def put_bytes(self, path: Path, data: bytes) -> None:
        self.files[Path(path)] = data

    def trailer(self, line: str) -> None:
        self.trailers.append(line)

    # --- applying ---------------------------------------------------------------------
    def _render(self) -> dict[Path, bytes]:
        out = dict(self.files)
        for path, doc in self._docs.items():
            out[path] = yamlio.dump(doc).encode("utf-8")
        return out

    def apply(self, quiet: bool = False) -> str | None:
        """Write every file, commit them; on any failure put every file back as it was."""
        root = self.ws.root
        history.refuse_mid_merge(root)
        new = self._render()
        changed = {p: data for p, data in new.items() if not p.exists() or p.read_bytes() != data}
        if not changed:
            if not quiet:
                print("govdocs: nothing changed", file=sys.stderr)
            return None
        self._check_yaml(changed)
        tracked_dirty = history.dirty(root, [p for p in changed if p.exists()])
        if tracked_dirty:
            raise WorkspaceError(f"{tracked_dirty[0]} has changes that are not committed; commit or discard them "
                                 "first, so that this change does not sweep them up")
        before = {p: (p.read_bytes() if p.exists() else None) for p in changed}
        message = self.message + ("\n\n" + "\n".join(self.trailers) if self.trailers else "")
        try:
            for path, data in changed.items():
                yamlio.atomic_write(path, data)
            sha = history.commit(root, list(changed), message)
        except BaseException:
            for path, old in before.items():
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    yamlio.atomic_write(path, old)
            raise
        if not quiet:
            print(f"govdocs: {self.message} ({sha[:8]})", file=sys.stderr)
        return sha

    def _check_yaml(self, changed: dict[Path, bytes]) -> None:
        """Everything we write must read back with our own loader: never commit a file we cannot load."""
        import yaml

        for path, data in changed.items():
            if path.suffix == ".yaml":
                try:
                    yaml.load(data, Loader=yamlio.RecordLoader)
                except yaml.YAMLError as exc:  # pragma: no cover - a bug in govdocs, not in the input
                    raise GovdocsError(f"internal error: {self.ws.rel(path)} would not read back ({exc})") from exc
