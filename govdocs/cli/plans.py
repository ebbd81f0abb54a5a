"""Commands for forward plans and programme workstreams."""
from __future__ import annotations

import click

from govdocs.cli.common import emit, workspace
from govdocs.cli.group import cli


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
@click.option("--exempt", help="Part 2 business: the Schedule 12A paragraph (or for a parish, NHS or partnership "
              "board, the reason); kept off every public forward plan and agenda.")
@click.pass_context
def forward_add(ctx, board_slug, when, title, lead, purpose, key_decision, source, exempt):
    """Schedule an item for a future meeting, or list it as unscheduled.

    \b
    Example:
      govdocs forward add send-pb 2020-01-23 "Post 16 Provision" --lead PMS --purpose "To consider"
      govdocs forward add hwb unscheduled "Refresh of the Dementia Strategy"
    """
    from govdocs.edit.plans import add_forward_item

    add_forward_item(workspace(ctx), board_slug, when, title, lead, purpose, key_decision, source, exempt).apply()


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
    rows = [{"entry": n, "meeting": f.meeting or "unscheduled",
             "title": ("[NOT FOR PUBLICATION] " if f.is_exempt and fmt == "table" else "") + f.title,
             "lead": f.lead, "purpose": f.purpose, "key_decision": f.key_decision, "exempt": f.is_exempt}
            for n, f in enumerate(ws.forward_plan(b.slug), start=1)]
    emit(rows, fmt, [("entry", "No."), ("meeting", "Meeting"), ("title", "Item"), ("lead", "Lead"),
                     ("purpose", "Purpose")])


@forward.command("edit")
@click.argument("board_slug", metavar="BOARD")
@click.argument("entry", type=int)
@click.option("--title", help="The corrected title.")
@click.option("--date", "when", help="Schedule it for this meeting date, or 'unscheduled'.")
@click.option("--lead", help="Lead officer's initials.")
@click.option("--purpose", help='e.g. "To consider".')
@click.pass_context
def forward_edit(ctx, board_slug, entry, title, when, lead, purpose):
    """Correct or schedule a forward-plan entry (its number as 'forward list' shows it).

    \b
    Example:
      govdocs forward edit hwb 4 --date 2020-07-23
    """
    from govdocs.edit.plans import edit_forward_item

    edit_forward_item(workspace(ctx), board_slug, entry, title, when, lead, purpose).apply()


@forward.command("remove")
@click.argument("board_slug", metavar="BOARD")
@click.argument("entry", type=int)
@click.pass_context
def forward_remove(ctx, board_slug, entry):
    """Drop an entry from a forward plan (its number as 'forward list' shows it).

    \b
    Example:
      govdocs forward remove hwb 4
    """
    from govdocs.edit.plans import remove_forward_item

    remove_forward_item(workspace(ctx), board_slug, entry).apply()


@cli.group()
def workstream() -> None:
    """Programme workstreams reported in highlight reports."""


@workstream.command("add")
@click.argument("programme")
@click.argument("slug")
@click.option("--name", required=True, help="The workstream's name.")
@click.option("--lead", required=True, help="The lead's initials.")
@click.option("--board", "board_slug", help="The board the programme reports to (default: the workspace's default board).")
@click.option("--programme-name", default="", help="The programme's full name, when it is new.")
@click.pass_context
def workstream_add(ctx, programme, slug, name, lead, board_slug, programme_name):
    """Add a workstream to a programme (the programme is created when new).

    \b
    Example:
      govdocs workstream add send-transformation local-provision --name "Local Provision" --lead PM --board send-pb
    """
    from govdocs.edit.plans import add_workstream

    add_workstream(workspace(ctx), programme, slug, name, lead, board_slug, programme_name).apply()


@workstream.command("update")
@click.argument("slug")
@click.option("--rag", help="red, amber, light-green, dark-green (or green), completed.")
@click.option("--progress", help="Progress this period (Markdown subset).")
@click.option("--impact", help="Impact.")
@click.option("--concerns", help="Worries / concerns.")
@click.option("--next", "next_", help="Next steps.")
@click.pass_context
def workstream_update(ctx, slug, rag, progress, impact, concerns, next_):
    """Update a workstream for the next highlight report.

    \b
    Example:
      govdocs workstream update local-provision --rag light-green --progress "49 new local places"
    """
    from govdocs.edit.plans import update_workstream

    update_workstream(workspace(ctx), slug, rag=rag, progress=progress, impact=impact, concerns=concerns,
                      next=next_).apply()


@workstream.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
def workstream_list(ctx, fmt):
    """List programmes' workstreams with lead and RAG.

    \b
    Example:
      govdocs workstream list
    """
    ws = workspace(ctx)
    rows = [{"programme": p.slug, "board": p.board, "slug": w.slug, "name": w.name, "lead": w.lead, "rag": w.rag,
             "updated": w.updated} for p in ws.programmes for w in p.workstreams]
    emit(rows, fmt, [("programme", "Programme"), ("slug", "Workstream"), ("name", "Name"), ("lead", "Lead"),
                     ("rag", "RAG"), ("updated", "Updated")])
