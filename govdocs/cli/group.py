"""The `govdocs` command group itself, which every command module adds to."""
from __future__ import annotations

import click

from govdocs import __version__


class Group(click.Group):
    """Keeps commands in the order they are added: the order a clerk meets them."""

    def list_commands(self, ctx):
        return list(self.commands)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="govdocs", message="%(prog)s %(version)s")
@click.option("--workspace", "-w", type=click.Path(file_okay=False), envvar="GOVDOCS_WORKSPACE",
              help="The workspace folder (default: the nearest folder upward holding govdocs.yaml).")
@click.pass_context
def cli(ctx: click.Context, workspace: str | None) -> None:
    """govdocs keeps a board's record - boards, members, meetings, agendas, papers, attendance,
    minutes, decisions, actions, forward plans - as YAML in a git repository, and makes every
    change a commit in your name.

    \b
    Example:
      govdocs init kingston --council "Royal Borough of Kingston upon Thames"
      cd kingston && govdocs board add send-pb --name "Kingston SEND Partnership Board"
    """
    ctx.obj = {"workspace": workspace}
