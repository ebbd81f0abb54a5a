"""Commands that take out what was entered in error, and public participation in the minutes."""
from __future__ import annotations

import click

from govdocs.cli.actions import action
from govdocs.cli.common import workspace
from govdocs.cli.group import cli
from govdocs.cli.meetings import BOARD_OPT
from govdocs.cli.plans import workstream
from govdocs.cli.setup import board, person


@person.command("remove")
@click.argument("initials")
@click.pass_context
def person_remove(ctx, initials):
    """Take out a person entered in error, while nothing in the record names them.

    \b
    Example:
      govdocs person remove XX
    """
    from govdocs.edit.removals import remove_person

    remove_person(workspace(ctx), initials).apply()


@board.command("remove")
@click.argument("slug")
@click.pass_context
def board_remove(ctx, slug):
    """Take out a board added in error, while it has no meetings, actions or plans.

    \b
    Example:
      govdocs board remove sned-pb
    """
    from govdocs.edit.removals import remove_board

    remove_board(workspace(ctx), slug).apply()


@action.command("remove")
@click.argument("action_id")
@click.pass_context
def action_remove(ctx, action_id):
    """Take out an action raised in error, before anyone has reported on it.

    \b
    Example:
      govdocs action remove SEND-2020-03-19-06a
    """
    from govdocs.edit.removals import remove_action

    remove_action(workspace(ctx), action_id).apply()


@workstream.command("edit")
@click.argument("slug")
@click.option("--name", help="The workstream's new name.")
@click.option("--lead", help="Initials of its new lead ('' for none).")
@click.pass_context
def workstream_edit(ctx, slug, name, lead):
    """Rename a workstream or change its lead.

    \b
    Example:
      govdocs workstream edit ws2 --name "Preparation for Adulthood" --lead AS
    """
    from govdocs.edit.removals import edit_workstream

    edit_workstream(workspace(ctx), slug, name, lead).apply()


@cli.command()
@click.argument("date")
@click.option("--kind", type=click.Choice(["question", "deputation", "petition", "statement"]), default="question")
@click.option("--by", "by", help="Who brought it, as the minutes name them: 'Jane Smith (Surbiton resident)'.")
@click.option("--text", help="What was asked, presented or petitioned for.")
@click.option("--response", default="", help="The answer given.")
@click.option("--responder", default="", help="Initials of who answered.")
@click.option("--item", default="", help="The item it was taken under, where not the public participation item.")
@click.option("--signatures", type=int, help="A petition's number of signatures.")
@click.option("--remove", type=int, help="Take out the Nth question, deputation or petition (1 for the first).")
@BOARD_OPT
@click.pass_context
def participation(ctx, date, kind, by, text, response, responder, item, signatures, remove, board_slug):
    """Minute a public question, deputation or petition, with who brought it and the response.

    \b
    Example:
      govdocs participation 2025-09-16 --kind question --by "Jane Smith, Surbiton resident" \\
          --text "When will the new youth centre open?" --response "In spring 2026." --responder AS
      govdocs participation 2025-09-16 --kind petition --by "Save Canbury Library" --signatures 1240 \\
          --text "To keep the library open on Saturdays." --item 17
    """
    from govdocs.edit.participation import add_participation, remove_participation
    from govdocs.errors import UsageProblem

    ws = workspace(ctx)
    m = ws.find_meeting(date, board_slug)
    if remove:
        remove_participation(ws, m, remove).apply()
        return
    if not by or not text:
        raise UsageProblem("say who brought it (--by) and what it said (--text)")
    add_participation(ws, m, kind, by, text, response, responder, item, signatures).apply()
