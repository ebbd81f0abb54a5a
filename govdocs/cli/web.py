"""`govdocs serve` and `govdocs remind`: action owners on the web."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli import cli
from govdocs.cli.common import say, workspace
from govdocs.errors import UsageProblem


@cli.command()
@click.option("--host", default="127.0.0.1", help="The address to listen on (default 127.0.0.1: behind a proxy).")
@click.option("--port", default=8000, type=click.IntRange(1, 65535), help="The port (default 8000).")
@click.option("--threads", default=8, type=click.IntRange(1, 64), help="Requests handled at once.")
@click.pass_context
def serve(ctx, host, port, threads):
    """Serve the web pages through which action owners, members and clerks use the record.

    Owners sign in with an e-mailed link, see their actions and update them; every change is a
    commit in their name. See the README for running it behind a reverse proxy as a service.

    \b
    Example:
      govdocs serve --port 8000
    """
    from waitress import serve as waitress_serve

    from govdocs.web import create_app

    ws = workspace(ctx)
    app = create_app(ws.root)
    say(f"govdocs: serving {ws.council or ws.root} at http://{host}:{port}/ (Ctrl-C stops)")
    waitress_serve(app, host=host, port=port, threads=threads, ident="govdocs", clear_untrusted_proxy_headers=True)


@cli.command()
@click.option("--days", default=7, type=click.IntRange(0, 366), help="Actions due within this many days, and overdue ones.")
@click.option("--outbox", type=click.Path(file_okay=False), help="Write one .eml file per owner into this folder.")
@click.option("--send", is_flag=True, help="Send them over SMTP (settings in govdocs.yaml or GOVDOCS_SMTP_*).")
@click.option("--base-url", default="http://127.0.0.1:8000", help="Where govdocs serve is reached, for the sign-in links.")
@click.pass_context
def remind(ctx, days, outbox, send, base_url):
    """E-mail each action owner their actions due soon or overdue, with a personal sign-in link.

    \b
    Example:
      govdocs remind --days 7 --outbox outbox/ --base-url https://govdocs.example.gov.uk
      govdocs remind --send --base-url https://govdocs.example.gov.uk
    """
    from govdocs.remind import deliver, reminders

    if not outbox and not send:
        raise UsageProblem("say where the reminders go: --outbox DIR, or --send")
    ws = workspace(ctx)
    messages, missing = reminders(ws, days, base_url)
    for initials in missing:
        p = ws.people.get(initials)
        say(f"govdocs: {initials} ({p.name if p else 'not in people.yaml'}) has actions due but no e-mail address; "
            f"add one with 'govdocs person edit {initials} --email ...'")
    dealt = deliver(ws, messages, Path(outbox) if outbox else None, send)
    for email in dealt:
        click.echo(email)
    say(f"govdocs: {len(dealt)} reminder(s) {'sent' if send else 'written'}"
        + (f"; {len(messages) - len(dealt)} already sent today" if len(messages) > len(dealt) else ""))
