"""Commands that take out what was entered in error: a person, a board, an action; a workstream renamed."""
from __future__ import annotations

import click

from govdocs.cli.actions import action
from govdocs.cli.common import workspace
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
