"""Writing the site's files: only what changed, and removing what an earlier build wrote but this one did not."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

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
            raise ValueError(f"{rel} would be outside the site")
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

    def finish(self) -> list[str]:
        """Remove files the last build wrote and this one did not; keep the manifest. The removed files."""
        removed = []
        for rel in self.before:
            if rel not in self.written:
                p = self.out / rel
                if p.is_file() and p.resolve().is_relative_to(self.out.resolve()):
                    p.unlink()
                    removed.append(rel)
        (self.out / MANIFEST).write_text(json.dumps(self.written, indent=0, sort_keys=True), encoding="utf-8")
        return removed
