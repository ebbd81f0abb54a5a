"""`govdocs site`: the public record as a static website."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import say, workspace
from govdocs.cli.group import cli


@cli.command()
@click.option("-o", "--output", default="site", type=click.Path(file_okay=False), help="The folder to write (default site/).")
@click.option("--base-url", required=True, help="Where the site will be published, e.g. https://democracy.example.gov.uk.")
@click.option("--no-search", is_flag=True, help="Leave out the search index (faster; the search box then finds nothing).")
@click.option("--no-pdfs", is_flag=True, help="Leave out each meeting's agenda, minutes and pack PDFs (faster).")
@click.pass_context
def site(ctx, output, base_url, no_search, no_pdfs):
    """Write the public record as a static website: meetings, papers, minutes, decisions, actions, people,
    search, iCalendar and Atom feeds, and OParl 1.1 JSON. Nothing exempt is ever in it.

    \b
    Example:
      govdocs site -o site/ --base-url https://democracy.example.gov.uk
    """
    from govdocs.site import build_site
    from govdocs.store.kept import KeptReads

    ws = workspace(ctx)
    ws.memo = KeptReads(ws.root)
    out = Path(output) if Path(output).is_absolute() else Path.cwd() / output
    done = build_site(ws, out, base_url, search=not no_search, documents=not no_pdfs)
    ws.memo.save()
    click.echo(str(out / "index.html"))
    if not done["frontend"]:
        from govdocs.frontend import MISSING

        say(f"govdocs: {MISSING}")
    if done["unchanged"]:
        say(f"govdocs: site in {out} is up to date: nothing it is made from has changed since it was written "
            f"({done['files']} files)")
    else:
        say(f"govdocs: site written to {out}: {done['files']} files, {done['changed']} changed, "
            f"{done['removed']} removed; made again: {done['made']}")
