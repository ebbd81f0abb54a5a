"""Reports: set one up for an agenda item, hand in a draft, clear it, and see every report a meeting awaits."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import say, table, workspace
from govdocs.cli.group import cli
from govdocs.cli.meetings import BOARD_OPT


@cli.group()
def report():
    """A report to an agenda item: its cover sheet, its drafts and its clearance."""


@report.command("new")
@click.argument("date")
@click.argument("item")
@click.option("--author", required=True, help="Initials of who writes the report.")
@click.option("--lead", default="", help="Initials of the portfolio holder or lead the report is presented for.")
@click.option("--due", default="", help="When the draft is due (default: the board's report deadline).")
@click.option("--purpose", default="", help="Why the report comes to the board, as the cover sheet says it.")
@click.option("--recommend", "recommendations", multiple=True, help="A recommendation; repeatable.")
@BOARD_OPT
@click.pass_context
def report_new(ctx, date, item, author, lead, due, purpose, recommendations, board_slug):
    """Set up the report for an agenda item and make its cover sheet from the council's template.

    \b
    Example:
      govdocs report new 2020-01-23 5 --author PM --lead AW --recommend "endorses the plan"
    """
    from govdocs.dates import parse_date
    from govdocs.edit.reports import new_report

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    due = parse_date(due, "--due").isoformat() if due else ""
    new_report(ws, m, item, author, lead, due, purpose, recommendations).apply()
    click.echo(str(ws.meeting_folder(m.board, m.date) / "reports" / item / "cover.docx"))


@report.command("submit")
@click.argument("date")
@click.argument("item")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--by", default="", help="Initials of who hands it in, where not the author.")
@BOARD_OPT
@click.pass_context
def report_submit(ctx, date, item, file, by, board_slug):
    """Hand in a draft of a report (.docx, .odt or .pdf), committed in the author's name; it is cleared afresh.

    \b
    Example:
      govdocs report submit 2020-01-23 5 send-transformation.docx
    """
    from govdocs.edit.reports import submit_report

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    submit_report(ws, m, item, file, by).apply()


@report.command("clear")
@click.argument("date")
@click.argument("item")
@click.option("--as", "role", required=True, help="The role the report is cleared in: legal, finance …")
@click.option("--note", default="", help="A comment for the author (needed with --return).")
@click.option("--return", "returned", is_flag=True, help="Send the draft back to the author instead.")
@BOARD_OPT
@click.pass_context
def report_clear(ctx, date, item, role, note, returned, board_slug):
    """Record the clearance of the latest draft by the officer named for the role, in their name (git's author;
    whoever runs the command is the committer), or its return with a comment.

    \b
    Example:
      govdocs report clear 2020-01-23 5 --as legal
      govdocs report clear 2020-01-23 5 --as finance --return --note "Show the 2020/21 figures"
    """
    from govdocs.edit.reports import clear_report

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    clear_report(ws, m, item, role, "", note, returned).apply()


@cli.command("reports")
@click.argument("date", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="json: for scripts.")
@BOARD_OPT
@click.pass_context
def reports_cmd(ctx, date, fmt, board_slug):
    """Every report due for a meeting (default: every meeting from today that has reports) with its state,
    the days left to publication and who is holding it up.

    \b
    Example:
      govdocs reports 2020-01-23
      govdocs reports --format json
    """
    import json

    from govdocs.reports import meetings_with_reports, report_rows

    ws = workspace(ctx)
    meetings = [ws.find_meeting(date, board_slug)] if date else meetings_with_reports(ws, board_slug)
    if fmt == "json":
        click.echo(json.dumps([row for m in meetings for row in report_rows(ws, m)[0]], indent=2, ensure_ascii=False))
        return
    if not meetings:
        say("govdocs: no reports are set up for meetings from today (govdocs report new DATE ITEM --author I)")
    for m in meetings:
        rows, deadline, days = report_rows(ws, m)
        click.echo(f"{ws.board(m.board).name}, {m.date}: publication by {deadline} "
                   f"({abs(days)} day{'s' if abs(days) != 1 else ''} {'left' if days >= 0 else 'ago'})")
        if not rows:
            click.echo("  no reports set up (govdocs report new DATE ITEM --author INITIALS)")
            continue
        click.echo(table(rows, [("item", "Item"), ("title", "Report"), ("author", "Author"), ("due", "Due"),
                                ("state", "State"), ("waiting", "Waiting for")], {"title": 40, "waiting": 60}))
