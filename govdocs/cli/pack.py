"""Commands for publishing: the board pack and the deadlines the clerk works to."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import say, workspace
from govdocs.cli.group import cli
from govdocs.errors import UsageProblem


@cli.command()
@click.argument("date")
@click.option("--private", is_flag=True, help="The full pack with exempt items, marked NOT FOR PUBLICATION.")
@click.option("--no-cache", is_flag=True, help="Convert every .docx paper again instead of reusing conversions.")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Folder to write to (default build/).")
@click.option("--board", "board_slug", help="The board, where two meet on one day.")
@click.option("--draft", is_flag=True, help="Take in reports not yet cleared, marked \"Draft — not cleared\".")
@click.option("--supplement", is_flag=True, help="After publication: the supplementary agenda of what was added since "
              "(published now, or the latest rebuilt as it was published).")
@click.option("--reason", default="", help="With --supplement: why its items were not ready for the agenda.")
@click.option("--current", is_flag=True,
              help="After publication: build from the record as it is now, not as it was when published.")
@click.pass_context
def pack(ctx, date, private, no_cache, output, board_slug, draft, supplement, reason, current):
    """Build the board pack for a meeting: one PDF and one .docx with the agenda, contents, the
    previous minutes, the action log, the forward plan, the highlight report and every paper.

    \b
    Example:
      govdocs pack 2020-01-23
      govdocs pack 2020-01-23 --private -o private-pack/
      govdocs pack 2020-01-23 --supplement --reason "The review's findings arrived after publication"
    """
    from govdocs.dates import long_date, today
    from govdocs.pack import build_as_published, publication_commit

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    out_dir = Path(output) if output else ws.root / "build" / f"{m.board}-{m.date}"
    if supplement:
        from govdocs.pack.supplement import build_supplement

        result, _ = build_supplement(ws, m, out_dir, reason, private, not no_cache, progress=lambda s: say(f"  {s}"))
        for p in (result.pdf, result.docx, result.manifest):
            click.echo(str(p))
        return
    if reason:
        raise UsageProblem("--reason goes with --supplement")
    say(f"govdocs: building the {'PRIVATE' if private else 'public'} pack for the {m.board} meeting of {m.date}")
    published = "" if current else publication_commit(ws, m)
    if published:
        # a published pack is a public record: rebuilt later, it is the pack as published (s.100B)
        say(f"  as published (commit {published[:8]}); --current builds from the record as it is now")
        from govdocs.store import history
        changed = history.dirty(ws.root, [ws.root / "templates"])
        if changed:
            say(f"  note: {changed[0]} has changes not committed; the pack is made with the templates as they "
                "were when the agenda was published (commit them, or use --current, to see them)")
    result, _ = build_as_published(ws, m, out_dir, private, not no_cache, progress=lambda s: say(f"  {s}"),
                                   current=current, reports="draft" if draft else "refuse")
    for p in (result.pdf, result.docx, result.manifest):
        click.echo(str(p))
    if result.deadline:
        late = today() > result.deadline and m.status == "scheduled"
        say(f"govdocs: publication deadline {long_date(result.deadline)}" +
            (" — WARNING: this deadline has passed" if late else ""))


@cli.command()
@click.argument("date")
@click.option("--board", "board_slug", help="The board whose rules apply (default: the meeting's, else the default board).")
@click.pass_context
def deadlines(ctx, date, board_slug):
    """The dates a clerk works to for a meeting: key decisions, reports, publication, draft minutes.

    \b
    Example:
      govdocs deadlines 2020-01-23
    """
    from govdocs.calendar import deadlines as compute
    from govdocs.calendar import holidays_between
    from govdocs.dates import long_date, parse_date, today

    ws = workspace(ctx)
    day = parse_date(date, "meeting date")
    board = ws.board(board_slug or ws.board_meeting_on(day.isoformat()))
    click.echo(f"{board.name}: meeting on {long_date(day)}")
    rows = compute(board, day)
    now = today()
    for what, when, why in rows:
        flag = "  (passed)" if when < now and what != "Meeting" else ""
        click.echo(f"  {what:<38} {long_date(when):<28} {when.isoformat()}{flag}" + (f"\n      {why}" if why else ""))
    hols = holidays_between(rows[0][1], rows[-1][1])
    if hols:
        click.echo("  Bank holidays left out: " + "; ".join(f"{long_date(d)} ({n})" for d, n in hols))
    from govdocs.reports import lateness_lines

    for line in lateness_lines(ws, board.slug, day.isoformat()):
        click.echo(f"  {line}")
