"""A folder of a board's minutes imported in date order: each file read for its date first (then let go,
so memory stays flat in the number of files), then imported one commit each; a file that cannot be read
is named and passed over."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govdocs.errors import GovdocsError, message_of
from govdocs.imports.sources import KINDS
from govdocs.store.workspace import Workspace


@dataclass
class Tally:
    imported: list[tuple[str, int, int]] = field(default_factory=list)  # (date, lines not placed, people added)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, why)


def minutes_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in KINDS
                  and not p.name.startswith((".", "~$")))


def in_date_order(files: list[Path], failed: list[tuple[str, str]]) -> list[tuple[str, Path]]:
    from govdocs.imports.run import read_minutes

    dated = []
    for f in files:
        try:
            _, parsed = read_minutes(f)
        except (GovdocsError, OSError) as exc:
            failed.append((f.name, message_of(exc)))
            continue
        dated.append((parsed.date, f))
    return sorted(dated)


def import_folder(ws: Workspace, folder: Path, board: str, dry_run: bool, progress) -> Tally:
    from govdocs.imports.run import import_minutes

    tally = Tally()
    dated = in_date_order(minutes_files(folder), tally.failed)
    with progress(dated) as bar:
        for day, f in bar:
            try:
                # a workspace read afresh for each file: what the last import loaded is let go, and this one
                # sees the meetings imported before it (the approval chain)
                out = import_minutes(Workspace(ws.root), f, board, dry_run=dry_run, quiet=True)
            except (GovdocsError, OSError) as exc:
                tally.failed.append((f.name, message_of(exc)))
                continue
            if out.draft is None:
                tally.unchanged.append(day)
            else:
                tally.imported.append((day, len(out.draft.unplaced), len(out.draft.new_people)))
    return tally
