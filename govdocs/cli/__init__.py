"""The command line: Click commands that parse, call one library function and report. No business logic."""
from __future__ import annotations

import os
import sys

import click

from govdocs import __version__
from govdocs.errors import GovdocsError


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


def load_commands() -> click.Group:
    """Register every command, in the order a clerk meets them; none imports a heavy library."""
    from govdocs.cli import setup, standing, meetings, actions, plans, history, render, pack, web, site  # noqa: F401

    return cli


def main() -> None:
    load_commands()

    try:
        cli.main(prog_name="govdocs", standalone_mode=True)
    except SystemExit as exc:  # how Click ends every run, good or bad
        _leave(exc.code)
    except GovdocsError as exc:  # raised outside Click's own handling (e.g. in result callbacks)
        exc.show()
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("govdocs: interrupted; nothing was committed", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug in govdocs: say so in one line, the traceback on request
        if os.environ.get("GOVDOCS_DEBUG"):
            raise
        click.echo(f"govdocs: internal error: {type(exc).__name__}: {exc} (set GOVDOCS_DEBUG=1 for details)",
                   err=True)
        sys.exit(70)


def _leave(code) -> None:
    """End the process now that everything is written and said. Python would otherwise spend a fifth of a
    second after a pack freeing, one by one, the objects the process is about to lose anyway; nothing
    govdocs does is left to the interpreter's exit (files are closed where they are written)."""
    if code is not None and not isinstance(code, int):
        click.echo(str(code), err=True)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that stopped early (`govdocs actions | head`)
            pass
    os._exit(code or 0)
