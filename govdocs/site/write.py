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

    def adopt(self, rel: str, data: bytes) -> None:
        """A file another program wrote into the site (the search index): held to the manifest like the rest."""
        self.written[rel] = hashlib.sha256(data).hexdigest()
        if self.before.get(rel) != self.written[rel]:
            self.changed.append(rel)

    def finish(self, keep: tuple[str, ...] = ()) -> list[str]:
        """Hold every file in the folder to this build: anything it did not write (left by an earlier build, a
        crashed one, or put there by hand) is removed, links included. The manifest is kept. The removed files."""
        removed = []
        for dirpath, dirnames, filenames in os.walk(self.out, topdown=False):
            folder = Path(dirpath)
            for name in filenames + [d for d in dirnames if (folder / d).is_symlink()]:
                p = folder / name
                rel = p.relative_to(self.out).as_posix()
                if rel == MANIFEST or (rel in self.written and not p.is_symlink()) or rel.startswith(keep):
                    continue
                p.unlink()
                removed.append(rel)
            if folder != self.out and not any(folder.iterdir()):
                folder.rmdir()
        self.save_manifest()
        return removed

    def save_manifest(self) -> None:
        (self.out / MANIFEST).write_text(json.dumps(self.written, indent=0, sort_keys=True), encoding="utf-8")


def file_size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"
