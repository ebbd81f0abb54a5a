"""One file of minutes into the record as one commit, or a dry run that says what would be written.

The original file is kept beside the meeting (`source/`) and its SHA-256 named in the commit, so the
record can always be checked against what was published; importing it again changes nothing."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from govdocs.errors import GovdocsError, UsageProblem
from govdocs.imports.people import norm
from govdocs.imports.record import Draft, build_draft
from govdocs.store.workspace import Workspace


@dataclass
class Outcome:
    path: Path
    board: str
    date: str
    draft: Draft | None  # None: already imported, nothing changed
    sha: str = ""
    commit: str | None = None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_name(name: str) -> str:
    """The source's file name as kept in the record: its own name, with anything but letters, digits, '.', '-'
    and '_' made '_' (no folders, no hidden files)."""
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name).name).lstrip(".") or "minutes"
    return clean[:120]


def guess_board(ws: Workspace, heading: list[str]) -> str:
    text = " " + norm(" ".join(heading)) + " "
    hits = [b.slug for b in ws.boards.values() if norm(b.name) and f" {norm(b.name)} " in text]
    if len(hits) == 1:
        return hits[0]
    said = " / ".join(heading)[:80] or "no heading"
    raise UsageProblem(f"which board are these minutes of ({said})? say with --board SLUG")


def read_minutes(path: Path):
    from govdocs.imports.parse import parse
    from govdocs.imports.sources import read_lines

    if not path.is_file():
        raise UsageProblem(f"{path}: no such file")
    lines = read_lines(path)
    parsed = parse(lines)
    if not parsed.date:
        raise UsageProblem(f"{path.name}: no meeting date found in its heading; these do not read as minutes")
    if not parsed.items:
        raise UsageProblem(f"{path.name}: no numbered items found; these do not read as minutes")
    return lines, parsed


def already_imported(folder: Path, data: bytes) -> bool:
    source = folder / "source"
    return source.is_dir() and any(f.is_file() and f.stat().st_size == len(data) and f.read_bytes() == data
                                   for f in source.iterdir())


def attendance_page(path: Path, parsed) -> None:
    """A ModernGov attendance page, saved beside the meeting's page: its table's rows join the attendance."""
    from govdocs.imports.moderngov import attendance_row
    from govdocs.imports.sources import read_lines

    for line in read_lines(path):
        row = attendance_row(line.text)
        if row is not None:
            parsed.rows.append((row[0], line.text, [row[1]]))
            parsed.placed += 1


def import_minutes(ws: Workspace, path: Path, board: str | None = None, dry_run: bool = False,
                   quiet: bool = False, attendance: Path | None = None) -> Outcome:
    data = path.read_bytes() if path.is_file() else b""
    _, parsed = read_minutes(path)
    if attendance is not None:
        attendance_page(attendance, parsed)
    slug = ws.board(board).slug if board else guess_board(ws, parsed.heading)
    digest = sha256(data)
    folder = ws.meeting_folder(slug, parsed.date)
    if (folder / "meeting.yaml").exists():
        if already_imported(folder, data):
            return Outcome(path, slug, parsed.date, None, digest)
        raise UsageProblem(f"{slug} already has a meeting on {parsed.date} that was not imported from {path.name}; "
                           "nothing was written (take that meeting out first to import over it)")
    draft = build_draft(ws, slug, parsed, digest)
    refuse_unless_valid(ws, draft, folder)
    out = Outcome(path, slug, parsed.date, draft, digest)
    if not dry_run:
        ch = change_for(ws, draft, folder, path, data, digest)
        if attendance is not None:
            ch.put_bytes(folder / "source" / safe_name(attendance.name), attendance.read_bytes())
        out.commit = ch.apply(quiet=quiet)
    return out


def refuse_unless_valid(ws: Workspace, draft: Draft, folder: Path) -> None:
    """The draft read back through the record's own schema before anything is written."""
    from govdocs.store import schema

    problems: list = []
    schema.load_meeting(draft.meeting, draft.attendance, draft.minutes, folder, ws.root, problems,
                        ws.rules(draft.board))
    for a in draft.actions:
        schema.load_action(a, ws.action_path(draft.board, a["id"]), ws.root, problems)
    # an exempt flag the minutes leave unclear is written as it is: the record treats the business as exempt
    # and `check` asks for the paragraph (failing closed), rather than the meeting not coming in at all
    errors = [p for p in problems if p.level == "error" and "public documents are refused" not in p.message]
    if errors:
        raise GovdocsError(f"the record made from these minutes would not be valid, so nothing was written: "
                           f"{errors[0].message}")


def change_for(ws: Workspace, draft: Draft, folder: Path, path: Path, data: bytes, digest: str):
    from govdocs.store import history, yamlio
    from govdocs.store.change import Change

    ch = Change(ws, f"Minutes of the {draft.board} meeting of {draft.date} imported from {path.name} "
                f"(sha256 {digest})",
                history.trailer("meeting", f"{draft.board}/{draft.date}", action="import"),
                f"Govdocs-Source: {path.name} sha256:{digest}")
    ch.put_yaml(folder / "meeting.yaml", yamlio.to_yaml(draft.meeting))
    if draft.attendance:
        ch.put_yaml(folder / "attendance.yaml", yamlio.to_yaml(draft.attendance))
    if draft.minutes:
        ch.put_yaml(folder / "minutes.yaml", yamlio.to_yaml(draft.minutes))
    for a in draft.actions:
        ch.put_yaml(ws.action_path(draft.board, a["id"]), yamlio.to_yaml(a))
    if draft.new_people:
        doc = ch.edit(ws.people_path, default=dict)
        for initials, person in sorted(draft.new_people.items()):
            keys = [str(k) for k in doc.keys()]
            at = next((i for i, k in enumerate(keys) if k > initials), len(keys))
            doc.insert(at, yamlio.key(initials), yamlio.to_yaml({k: v for k, v in person.items() if v}))
    for day in draft.approves:
        approved = ws.meeting_folder(draft.board, day) / "meeting.yaml"
        doc = ch.edit(approved)
        doc["status"] = "minutes-approved"
        doc["minutes_approved_at"] = yamlio.to_yaml(draft.date)
    ch.put_bytes(folder / "source" / safe_name(path.name), data)
    return ch
