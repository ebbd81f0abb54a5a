"""What each part of the site was made from, so a build makes again only the parts whose inputs changed.

The site has one part per board (everything under `boards/<slug>/`: its page, its action page, its meetings'
pages, papers and PDFs, its calendar and its search index) and one for the rest (the home page, decisions,
people, the calendar, the feeds, OParl, the styles and the council-wide search index). Their inputs:

- every part: govdocs' code and templates, govuk-frontend, the day, the options, and every file of the record
  outside `meetings/<board>/` and `actions/<board>/` (govdocs.yaml, people, boards, programmes, reports …);
- a board's part: its own meetings and actions, and those of every board whose actions are escalated to it
  (their actions are on its log, and whether each is exempt is written in their meetings);
- the rest: every board's meetings, and the people the public pages show (an action's owner is one).

A part whose inputs hash as before, and whose files are as it wrote them (size, date and inode), is not made
again. When nothing at all has changed, nothing is read. The memory of the last build is in the user's cache
folder, never in the record or the site."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from govdocs.dates import today
from govdocs.frontend import frontend_dir
from govdocs.store.hashes import TreeHashes, code_digest, digest, stamps_under
from govdocs.store.userdata import cache_file, read_json, write_json
from govdocs.store.workspace import Workspace

VERSION = 2
NOT_INPUTS = (".git", ".govdocs")
PER_BOARD = ("meetings", "actions")  # folders with one folder per board
COUNCIL = "council"


def part_of(rel: str, boards) -> str:
    """The part of the site a file belongs to: a board's slug, or COUNCIL."""
    if rel.startswith("boards/"):
        slug = rel.split("/", 2)[1]
        if slug in boards:
            return slug
    return COUNCIL


class LastBuild:
    def __init__(self, ws: Workspace, out: Path, options: list[str]):
        self.ws, self.out = ws, out
        self.path = cache_file("site", str(out))
        self.data = read_json(self.path, VERSION)
        inside = out.relative_to(ws.root).as_posix() if out.is_relative_to(ws.root) else ""
        self.hashes = TreeHashes(ws.root, self.data, frozenset({inside}) if inside else frozenset())
        self.shared, self.per_board = self._hash_inputs(inside)
        self.common = digest([code_digest(), today().isoformat(), _frontend_digest(), *options,
                              *(f"{rel}\0{h}" for rel, h in sorted(self.shared.items()))])
        self.inputs = digest([self.common, *(f"{rel}\0{h}" for rel, h in sorted(self.per_board.items()))])
        self.files = 0
        self.now: dict[str, list[int]] | None = None
        self.parts: dict[str, str] = {}

    def _hash_inputs(self, inside: str) -> tuple[dict[str, str], dict[str, str]]:
        """(the hashes of what every part reads, the hashes of each board's meetings and actions folders)."""
        shared: dict[str, str] = {}
        per_board: dict[str, str] = {}
        root = str(self.ws.root)
        for top in sorted(e.name for e in os.scandir(root) if e.name not in NOT_INPUTS and e.name != inside):
            full = os.path.join(root, top)
            if top in PER_BOARD and os.path.isdir(full) and not os.path.islink(full):
                for e in sorted(os.scandir(full), key=lambda e: e.name):
                    rel = f"{top}/{e.name}"
                    if rel == inside:
                        continue
                    (per_board if e.is_dir(follow_symlinks=False) else shared)[rel] = self.hashes.tree(rel)
            else:
                shared[top] = self.hashes.tree(top)
        return shared, per_board

    def still_holds(self) -> bool:
        """Nothing the site was made from has changed, and nothing in it has."""
        outputs = self.data.get("outputs")
        if self.data.get("inputs") != self.inputs or not isinstance(outputs, dict):
            return False
        self.files = len(self.outputs_now())
        return self.outputs_now() == outputs

    def outputs_now(self) -> dict[str, list[int]]:
        if self.now is None:
            self.now = stamps_under(self.out)
        return self.now

    def parts_to_make(self, site) -> list[str]:
        """The parts whose inputs changed since the last build, or whose files did: COUNCIL and board slugs."""
        boards = site.ws.boards
        reads: dict[str, set[str]] = {b: {b} for b in boards}
        for a in site.ws.actions:  # the folder an action is in, and the board whose meeting says if it is exempt
            folder = a.path.parent.name if a.path is not None else a.board
            for b in a.boards():
                if b in reads:
                    reads[b] |= {folder, a.board}
        for slug in boards:
            self.parts[slug] = digest([self.common, *(f"{top}/{b}\0{self.per_board.get(f'{top}/{b}', 'none')}"
                                                      for b in sorted(reads[slug]) for top in PER_BOARD)])
        meetings = [f"{rel}\0{h}" for rel, h in sorted(self.per_board.items()) if rel.startswith("meetings/")]
        self.parts[COUNCIL] = digest([self.common, *meetings, "people shown", *sorted(site.published_people())])
        before_parts, before_outputs = self.data.get("parts"), self.data.get("outputs")
        if not isinstance(before_parts, dict) or not isinstance(before_outputs, dict):
            return list(self.parts)
        now, then = _by_part(self.outputs_now(), boards), _by_part(before_outputs, boards)
        return [p for p, h in self.parts.items() if before_parts.get(p) != h or now.get(p, {}) != then.get(p, {})]

    def remember(self) -> None:
        self.now = None
        write_json(self.path, {"version": VERSION, "inputs": self.inputs, "parts": self.parts,
                               **self.hashes.state(), "outputs": self.outputs_now()})


def _by_part(stamps: dict, boards) -> dict[str, dict]:
    """The site's files by the part they belong to; the manifest, rewritten by every build, is in none."""
    from govdocs.site.write import MANIFEST

    out: dict[str, dict] = {}
    for rel, stamp in stamps.items():
        if rel != MANIFEST:
            out.setdefault(part_of(rel, boards), {})[rel] = stamp
    return out


def _frontend_digest() -> str:
    folder = frontend_dir()
    if folder is None:
        return "none"
    h = hashlib.sha256()
    for name in ("govuk-frontend.min.css", "govuk-frontend.min.js"):
        h.update((folder / name).read_bytes())
    return h.hexdigest()
