"""Writing the site's files: only what changed, and removing what an earlier build wrote but this one did not."""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from govdocs.errors import UsageProblem


def slug(text: str) -> str:
    """A page name from a title: lower case letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "item"

MANIFEST = ".govdocs-site.json"


class SiteWriter:
    def __init__(self, out: Path):
        self.out = out
        self.written: dict[str, str] = {}
        self.changed: list[str] = []
        try:
            self.before = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.before = {}
        if not isinstance(self.before, dict):
            self.before = {}

    def put(self, rel: str, data: str | bytes) -> None:
        data = data.encode("utf-8") if isinstance(data, str) else data
        digest = hashlib.sha256(data).hexdigest()
        path = (self.out / rel).resolve()
        if not path.is_relative_to(self.out.resolve()):
            raise UsageProblem(f"{rel} would be written outside the site (through a link in {self.out}); "
                               "remove the link or choose another folder")
        if rel in self.written:
            if self.written[rel] != digest:
                raise ValueError(f"{rel} was written twice with different contents")  # two things, one name
            return  # already written by this build (a paper is shared by several pages)
        self.written[rel] = digest
        if self.before.get(rel) == digest and path.is_file():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.incoming")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        self.changed.append(rel)

    def keep(self, wanted) -> int:
        """Hold the files of an earlier build that `wanted(rel)` says are still right (a part of the site whose
        inputs have not changed) as written by this one, without making them again. How many."""
        kept = 0
        for rel, digest in self.before.items():
            if isinstance(digest, str) and rel not in self.written and wanted(rel):
                self.written[rel] = digest
                kept += 1
        return kept

    def adopt(self, rel: str, data: bytes) -> None:
        """A file another program wrote into the site (the search index): held to the manifest like the rest."""
        self.written[rel] = hashlib.sha256(data).hexdigest()
        if self.before.get(rel) != self.written[rel]:
            self.changed.append(rel)

    def finish(self, keep: tuple[str, ...] = ()) -> list[str]:
        """Hold every file in the folder to this build: anything it did not write (left by an earlier build, a
        crashed one, or put there by hand) is removed, links included. The manifest is kept. The removed files."""
        removed: list[str] = []
        self._clear(str(self.out), "", keep, removed)
        self.save_manifest()
        return removed

    def _clear(self, full: str, rel: str, keep: tuple[str, ...], removed: list[str]) -> bool:
        """Remove what this build did not write under one folder (deepest first); whether it is now empty.
        Strings, not Path objects: a council's site is sixty thousand files."""
        empty = True
        for e in list(os.scandir(full)):
            name = rel + e.name
            if e.is_dir(follow_symlinks=False):
                if self._clear(e.path, name + "/", keep, removed):
                    os.rmdir(e.path)
                else:
                    empty = False
            elif name == MANIFEST or (name in self.written and not e.is_symlink()) or name.startswith(keep):
                empty = False
            else:
                os.unlink(e.path)
                removed.append(name)
        return empty

    def save_manifest(self) -> None:
        (self.out / MANIFEST).write_text(json.dumps(self.written, indent=0, sort_keys=True), encoding="utf-8")


def file_size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"
