"""`govdocs board standing …`: a board's standing agenda items."""
from __future__ import annotations

import click

from govdocs.cli.common import emit, workspace
from govdocs.cli.setup import board


@board.group("standing")
def standing() -> None:
    """A board's standing agenda items: list, add, edit (retitle), remove, move.

    New meetings copy them; a meeting already scheduled keeps its own copy, corrected with
    `item edit`, `item remove` and `item move`.
    """


@standing.command("list")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.pass_context
def standing_list(ctx, slug, fmt):
    """List a board's standing items, numbered as the other commands take them.

    \b
    Example:
      govdocs board standing list hwb
    """
    b = workspace(ctx).board(slug)
    rows = [{"place": n, "kind": s.kind, "title": s.title, "where": s.position, "purpose": s.purpose}
            for n, s in enumerate(b.standing_items, start=1)]
    emit(rows, fmt, [("place", "#"), ("kind", "Kind"), ("title", "Title"), ("where", "Where"), ("purpose", "Purpose")])


@standing.command("add")
@click.argument("slug")
@click.argument("title")
@click.option("--kind", default="other", help="What it is: questions, apologies, aob, next-meeting … (default other).")
@click.option("--end", is_flag=True, help="Taken after the business (like urgent items), not before it.")
@click.option("--purpose", default="", help='e.g. "To note".')
@click.option("--text", default="", help="Wording printed under the title on every agenda.")
@click.option("--at", "at", type=int, help="Its place among the standing items (default last).")
@click.pass_context
def standing_add(ctx, slug, title, kind, end, purpose, text, at):
    """Add a standing item to every future agenda of a board.

    \b
    Example:
      govdocs board standing add hwb "Member Question Time" --kind questions --at 2
    """
    from govdocs.edit.standing import add_standing

    add_standing(workspace(ctx), slug, title, kind, "end" if end else "start", purpose, text, at).apply()


@standing.command("edit")
@click.argument("slug")
@click.argument("ref", metavar="PLACE|KIND")
@click.option("--title", help="The new title.")
@click.option("--purpose", help='e.g. "To note" (empty to remove).')
@click.option("--text", help="The wording under the title (empty to remove).")
@click.pass_context
def standing_edit(ctx, slug, ref, title, purpose, text):
    """Retitle a standing item, or change its purpose or wording.

    \b
    Example:
      govdocs board standing edit hwb questions --title "Public Question Time"
    """
    from govdocs.edit.standing import edit_standing

    edit_standing(workspace(ctx), slug, ref, title, purpose, text).apply()


@standing.command("remove")
@click.argument("slug")
@click.argument("ref", metavar="PLACE|KIND")
@click.pass_context
def standing_remove(ctx, slug, ref):
    """Stop putting a standing item on future agendas.

    \b
    Example:
      govdocs board standing remove hwb urgent
    """
    from govdocs.edit.standing import remove_standing

    remove_standing(workspace(ctx), slug, ref).apply()


@standing.command("move")
@click.argument("slug")
@click.argument("ref", metavar="PLACE|KIND")
@click.option("--to", "to", type=int, required=True, help="Its new place.")
@click.pass_context
def standing_move(ctx, slug, ref, to):
    """Take a standing item in another order.

    \b
    Example:
      govdocs board standing move hwb declarations --to 1
    """
    from govdocs.edit.standing import move_standing

    move_standing(workspace(ctx), slug, ref, to).apply()
