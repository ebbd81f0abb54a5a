"""Whether a site needs building at all: what the last build was made from (every file of the record, hashed;
govdocs' code and templates; govuk-frontend; the day; the options) and what it wrote (each file's size and
date). When neither has changed, the site is already what a build would write, and nothing is read or
rendered. The memory of the last build is in the user's cache folder, never in the record or the site."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from govdocs.dates import today
from govdocs.frontend import frontend_dir
from govdocs.store.hashes import TreeHashes, cache_file, code_digest, digest, read_json, stamps_under, write_json
from govdocs.store.workspace import Workspace

VERSION = 1
NOT_INPUTS = (".git", ".govdocs")


class LastBuild:
    def __init__(self, ws: Workspace, out: Path, options: list[str]):
        self.ws, self.out = ws, out
        self.path = cache_file("site", str(out))
        self.data = read_json(self.path, VERSION)
        inside = out.relative_to(ws.root).as_posix() if out.is_relative_to(ws.root) else ""
        self.hashes = TreeHashes(ws.root, self.data, frozenset({inside}) if inside else frozenset())
        tops = sorted(e.name for e in os.scandir(ws.root) if e.name not in NOT_INPUTS and e.name != inside)
        self.inputs = digest([code_digest(), today().isoformat(), _frontend_digest(), *options,
                              *(f"{top}\0{self.hashes.tree(top)}" for top in tops)])
        self.files = 0

    def still_holds(self) -> bool:
        outputs = self.data.get("outputs")
        if self.data.get("inputs") != self.inputs or not isinstance(outputs, dict):
            return False
        now = stamps_under(self.out)
        self.files = len(now)
        return now == outputs

    def remember(self) -> None:
        write_json(self.path, {"version": VERSION, "inputs": self.inputs, **self.hashes.state(),
                               "outputs": stamps_under(self.out)})


def _frontend_digest() -> str:
    folder = frontend_dir()
    if folder is None:
        return "none"
    h = hashlib.sha256()
    for name in ("govuk-frontend.min.css", "govuk-frontend.min.js"):
        h.update((folder / name).read_bytes())
    return h.hexdigest()
