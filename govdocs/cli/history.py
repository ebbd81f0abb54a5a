"""Commands for the audit trail: history and the decision register."""
from __future__ import annotations

import click

from govdocs.cli.common import emit, workspace
from govdocs.cli.group import cli


@cli.command()
@click.argument("target", required=False, metavar="[ID|DATE|PATH]")
@click.option("-n", "limit", type=int, default=200, help="At most this many changes.")
@click.pass_context
def history(ctx, target, limit):
    """Show from git when, by whom and how an action, a meeting or a file changed.

    \b
    Example:
      govdocs history SEND-PB-2019-11-14-5a
      govdocs history 2019-11-14
      govdocs history people.yaml
    """
    from govdocs.audit import history_lines

    for line in history_lines(workspace(ctx), target, limit):
        click.echo(line)


@cli.command()
@click.option("--board", "board_slug", help="Only this board's decisions.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@click.option("--private", is_flag=True, help="Include decisions on exempt (Part 2) items, marked as such.")
@click.pass_context
def decisions(ctx, board_slug, fmt, private):
    """The decision register: every RESOLVED decision with board, date and item.

    \b
    Example:
      govdocs decisions --board send-pb
    """
    from govdocs.audit import decisions as collect

    rows = collect(workspace(ctx), board_slug, private)
    for r in rows:
        v = r["vote"]
        r["vote_text"] = f"{v['for']} for, {v['against']} against, {v['abstained']} abstained" if v else ""
        r["moved"] = "/".join(x for x in (r["proposer"], r["seconder"]) if x)
    emit(rows, fmt, [("meeting", "Date"), ("board", "Board"), ("minute", "Minute"), ("text", "Decision"),
                     ("moved", "Moved/seconded"), ("vote_text", "Vote"), ("minutes", "Minutes")], {"text": 70})


@cli.command()
@click.pass_context
def sync(ctx):
    """Share the record: pull the other clerks' commits (rebasing yours on top), then push; never forces.

    \b
    Example:
      govdocs sync
    """
    from govdocs.cli.common import say
    from govdocs.store.sync import sync as run_sync

    say("govdocs: " + run_sync(workspace(ctx), say=lambda s: say(f"  {s}")))


@cli.command("merge-driver", hidden=True)
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
def merge_driver(base, ours, theirs):
    """Used by git (set up by init and sync): merge two versions of a record file by structure.

    \b
    Example (git runs it; .git/info/attributes says *.yaml merge=govdocs):
      govdocs merge-driver BASE OURS THEIRS
    """
    from pathlib import Path

    from govdocs.store.merge import merge_files

    raise SystemExit(0 if merge_files(Path(base), Path(ours), Path(theirs)) else 1)
