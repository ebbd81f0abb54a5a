"""Commands for forward plans and programme workstreams."""
from __future__ import annotations

import click

from govdocs.cli import cli
from govdocs.cli.common import emit, workspace


@cli.group()
def forward() -> None:
    """The forward plan (work programme) of a board."""


@forward.command("add")
@click.argument("board_slug", metavar="BOARD")
@click.argument("when", metavar="DATE|unscheduled")
@click.argument("title")
@click.option("--lead", default="", help="Lead officer's initials.")
@click.option("--purpose", default="", help='e.g. "To consider".')
@click.option("--key-decision", is_flag=True, help="A key decision: needs 28 clear days' notice.")
@click.option("--source", default="", help="Where it came from, e.g. 'Minutes of 14 November 2019, item 7'.")
@click.pass_context
def forward_add(ctx, board_slug, when, title, lead, purpose, key_decision, source):
    """Schedule an item for a future meeting, or list it as unscheduled.

    \b
    Example:
      govdocs forward add send-pb 2020-01-23 "Post 16 Provision" --lead PMS --purpose "To consider"
      govdocs forward add hwb unscheduled "Refresh of the Dementia Strategy"
    """
    from govdocs.plans import add_forward_item

    add_forward_item(workspace(ctx), board_slug, when, title, lead, purpose, key_decision, source).apply()


@forward.command("list")
@click.argument("board_slug", metavar="BOARD", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
def forward_list(ctx, board_slug, fmt):
    """Show a board's forward plan.

    \b
    Example:
      govdocs forward list hwb
    """
    ws = workspace(ctx)
    b = ws.board(board_slug)
    rows = [{"meeting": f.meeting or "unscheduled", "title": f.title, "lead": f.lead, "purpose": f.purpose,
             "key_decision": f.key_decision} for f in ws.forward_plan(b.slug)]
    emit(rows, fmt, [("meeting", "Meeting"), ("title", "Item"), ("lead", "Lead"), ("purpose", "Purpose")])
