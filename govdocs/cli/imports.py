"""`govdocs import minutes`: a council's published minutes brought into the record (see docs/import.md)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from govdocs.cli.common import workspace
from govdocs.cli.group import cli
from govdocs.cli.meetings import BOARD_OPT
from govdocs.errors import UsageProblem


@cli.group("import")
def import_group():
    """Bring past minutes into the record: Word, PDF, text or a ModernGov meeting page."""


@import_group.command("minutes")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the record it would make, the matches and lines not placed; "
                                              "write nothing.")
@click.option("--attendance", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="A ModernGov attendance page (mgMeetingAttendance) saved beside the meeting's page.")
@BOARD_OPT
@click.pass_context
def import_minutes_cmd(ctx, paths, dry_run, attendance, board_slug):
    """Import minutes: one commit per meeting, the original kept beside it in source/.

    \b
    Example:
      govdocs import minutes minutes-2019-11-14.docx --board send-pb --dry-run
      govdocs import minutes archive/send-pb/ --board send-pb
      govdocs import minutes ieListDocuments.html --attendance mgMeetingAttendance.html --board hwb
    """
    from govdocs.imports.report import describe
    from govdocs.imports.run import import_minutes

    ws = workspace(ctx)
    for path in paths:
        if path.is_dir():
            _folder(ws, path, board_slug, dry_run)
            continue
        out = import_minutes(ws, path, board_slug, dry_run=dry_run, attendance=attendance)
        if out.draft is None:
            click.echo(f"govdocs: {path.name} is already imported as the {out.board} meeting of {out.date} "
                       f"(sha256 {out.sha[:12]}); nothing changed", err=True)
            continue
        if dry_run or out.draft.unplaced or out.draft.notes:
            for line in describe(ws, out.draft) if dry_run else _after(out.draft):
                click.echo(line)
        if dry_run:
            click.echo("Dry run: nothing was written.")


def _after(draft) -> list[str]:
    lines = [f"To check: {n}" for n in draft.notes]
    lines += [f"  not placed, {ln.where}: {ln.text.strip()}" for ln in draft.unplaced]
    return lines


def _folder(ws, folder: Path, board_slug: str | None, dry_run: bool) -> None:
    from govdocs.imports.folder import import_folder

    if not board_slug:
        raise UsageProblem(f"say which board the minutes in {folder} are of: --board SLUG")

    def progress(items):
        return click.progressbar(items, label=f"Importing {folder.name}", file=sys.stderr,
                                 item_show_func=lambda x: x[1].name if x else "")

    tally = import_folder(ws, folder, board_slug, dry_run, progress)
    for name, why in tally.failed:
        click.echo(f"govdocs: {name}: not imported: {why}", err=True)
    click.echo(f"{'meeting':<12} {'not placed':>10} {'people added':>13}")
    for day, unplaced, added in tally.imported:
        click.echo(f"{day:<12} {unplaced:>10} {added:>13}")
    click.echo(f"{'total':<12} {sum(u for _, u, _ in tally.imported):>10} {sum(a for *_, a in tally.imported):>13}")
    click.echo(f"{len(tally.imported)} meetings {'would be ' if dry_run else ''}imported, {len(tally.unchanged)} "
               f"already imported, {len(tally.failed)} not readable")
