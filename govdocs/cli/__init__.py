"""The command line: Click commands that parse, call one library function and report. No business logic."""
from __future__ import annotations

import os
import sys

import click

from govdocs.cli.group import cli
from govdocs.errors import GovdocsError


def load_commands() -> click.Group:
    """Register every command, in the order a clerk meets them; none imports a heavy library."""
    # one import a line, in the order the commands are listed: the order a clerk meets them
    from govdocs.cli import actions  # noqa: F401, I001
    from govdocs.cli import meetings  # noqa: F401
    from govdocs.cli import minutes  # noqa: F401
    from govdocs.cli import plans  # noqa: F401
    from govdocs.cli import setup  # noqa: F401
    from govdocs.cli import standing  # noqa: F401
    from govdocs.cli import history  # noqa: F401
    from govdocs.cli import pack  # noqa: F401
    from govdocs.cli import render  # noqa: F401
    from govdocs.cli import site  # noqa: F401
    from govdocs.cli import web  # noqa: F401
    from govdocs.cli import corrections  # noqa: F401
    from govdocs.cli import imports  # noqa: F401
    from govdocs.cli import reports  # noqa: F401

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
