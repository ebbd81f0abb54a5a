"""Commands that make documents: render one document, export the templates."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import say, workspace
from govdocs.cli.group import cli
from govdocs.errors import RenderError, UsageProblem
from govdocs.render.kinds import KINDS

KIND = click.Choice(KINDS)


def parse_formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("docx", "pdf", "html")]
    if bad or not formats:
        raise UsageProblem(f"--format {value!r}: choose from docx, pdf, html (comma-separated)")
    return formats


@cli.command()
@click.argument("kind", type=KIND)
@click.argument("date")
@click.option("--format", "fmt", default="docx,pdf", help="Any of docx, pdf, html, comma-separated.")
@click.option("--private", is_flag=True, help="Include exempt (Part 2) items; marked NOT FOR PUBLICATION.")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Folder to write to (default build/).")
@click.option("--board", "board_slug", help="The board, where two meet on one day.")
@click.pass_context
def render(ctx, kind, date, fmt, private, output, board_slug):
    """Render a meeting's agenda, minutes, action log, forward plan or highlight report.

    \b
    Example:
      govdocs render minutes 2019-11-14 --format docx,pdf,html -o out/
    """
    from govdocs import parallel
    from govdocs.render.context import build
    from govdocs.render.documents import pdf_writer, render_all

    formats = parse_formats(fmt)
    ws = workspace(ctx)
    # WeasyPrint takes half a second to import: a helper on the other core does that while this one reads the
    # record, then lays out the PDF while this one makes the .docx
    helper = parallel.start(pdf_writer(ws)) if "pdf" in formats else None
    try:  # a refusal before the PDF was asked for: the helper is not left running
        m = ws.find_meeting(date, board_slug)
        out_dir = Path(output) if output else ws.root / "build" / f"{m.board}-{m.date}"
        from govdocs.pack import prepare_output

        prepare_output(out_dir)
        say(f"govdocs: rendering the {kind} of the {m.board} meeting of {m.date} ({', '.join(formats)})")
        written = render_all(ws, kind, build(ws, kind, m, private), formats, out_dir, helper)
    finally:
        if helper is not None:
            helper.cancel()
    for p in written:
        click.echo(str(p))


@cli.group()
def templates() -> None:
    """The .docx and HTML/CSS templates documents are made from."""


@templates.command("export")
@click.option("--force", is_flag=True, help="Overwrite templates already in the workspace.")
@click.pass_context
def templates_export(ctx, force):
    """Copy the default templates into the workspace's templates/ to edit; your copies then win.

    \b
    Example:
      govdocs templates export && libreoffice templates/minutes.docx
    """
    from govdocs.render.documents import DEFAULT_TEMPLATES

    ws = workspace(ctx)
    dest = ws.root / "templates"
    if dest.resolve() == DEFAULT_TEMPLATES:
        say("govdocs: this workspace's templates/ already holds the defaults")
        return
    from govdocs.store.change import Change

    ch = Change(ws, "Templates exported to templates/ for the council's own look")
    copied = skipped = 0
    for src in sorted(DEFAULT_TEMPLATES.rglob("*")):
        if src.is_dir() or src.suffix not in (".docx", ".html", ".css") or src.parent.name in ("web", "site"):
            continue  # the documents' templates; the web service and the public site use govdocs' own
        target = dest / src.relative_to(DEFAULT_TEMPLATES)
        if target.exists() and not force:
            skipped += 1
            continue
        ch.put_bytes(target, src.read_bytes())
        copied += 1
        click.echo(str(target))
    if copied + skipped == 0:
        raise RenderError(f"no default templates found in {DEFAULT_TEMPLATES}; this govdocs is installed without "
                          "its templates (reinstall it)")
    if copied:
        ch.apply(quiet=True)  # committed, so a published pack is rebuilt with the templates it was made with
    say(f"govdocs: {copied} template(s) copied to {dest}" + (f"; {skipped} already there (use --force)" if skipped else ""))
