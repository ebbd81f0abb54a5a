"""`govdocs serve` and `govdocs remind`: action owners on the web."""
from __future__ import annotations

from pathlib import Path

import click

from govdocs.cli.common import say, workspace
from govdocs.cli.group import cli
from govdocs.errors import UsageProblem, WorkspaceError

CONFIG_HELP = ("The service's settings file (TOML), outside the workspace; default GOVDOCS_SERVICE_CONFIG. "
               "See docs/security.md.")


@cli.command()
@click.option("--host", default="127.0.0.1", help="The address to listen on (default 127.0.0.1: behind a proxy).")
@click.option("--port", default=8000, type=click.IntRange(1, 65535), help="The port (default 8000).")
@click.option("--threads", default=8, type=click.IntRange(1, 64), help="Requests handled at once.")
@click.option("--base-url", help="The address people use to reach the service; links are built from it alone and "
              "no other Host is answered (default GOVDOCS_BASE_URL, else http://HOST:PORT).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.pass_context
def serve(ctx, host, port, threads, base_url, config_file):
    """Serve the web pages through which action owners, members and clerks use the record.

    Owners sign in with an e-mailed link, see their actions and update them; every change is a
    commit in their name. Who the clerks are, proxy sign-in and where mail goes are the service's
    own settings (environment or --config), never the record's. See docs/security.md.

    \b
    Example:
      govdocs serve --port 8000
      govdocs serve --config /etc/govdocs/service.toml --base-url https://govdocs.example.gov.uk
    """
    import logging

    from waitress import create_server

    from govdocs.web import create_app
    from govdocs.web.service import load

    ws = workspace(ctx)
    service = load(ws.root, config_file, base_url)
    if not service.base_url:
        if host in ("0.0.0.0", "::"):
            raise UsageProblem("listening on every address: say where people reach the service with --base-url")
        service.base_url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    app = create_app(ws.root, service)
    try:
        server = create_server(app, host=host, port=port, threads=threads, ident="govdocs",
                               clear_untrusted_proxy_headers=True)
    except OSError as exc:
        raise WorkspaceError(f"cannot listen on {host}:{port} ({exc.strerror or exc}); is another server using "
                             "that port? Choose another with --port") from None
    say(f"govdocs: serving {ws.council or ws.root} at {service.base_url}/ (listening on {host}:{port}; Ctrl-C stops)")
    try:
        server.run()
    except KeyboardInterrupt:
        say("govdocs: stopped")


@cli.command()
@click.option("--days", default=7, type=click.IntRange(0, 366), help="Actions due within this many days, and overdue ones.")
@click.option("--outbox", type=click.Path(file_okay=False), help="Write one .eml file per owner into this folder.")
@click.option("--send", is_flag=True, help="Send them over SMTP (the service's settings: GOVDOCS_SMTP_* or --config).")
@click.option("--base-url", help="Where govdocs serve is reached, for the sign-in links (default GOVDOCS_BASE_URL).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help=CONFIG_HELP)
@click.option("--force", is_flag=True, help="Write or send again to owners already reminded today.")
@click.pass_context
def remind(ctx, days, outbox, send, base_url, config_file, force):
    """E-mail each action owner their actions due soon or overdue, with a personal sign-in link.

    \b
    Example:
      govdocs remind --days 7 --outbox outbox/ --base-url https://govdocs.example.gov.uk
      govdocs remind --send --base-url https://govdocs.example.gov.uk
    """
    from govdocs.remind import deliver, reminders
    from govdocs.web.service import check_base_url, ignored_record_settings, load

    if not outbox and not send:
        raise UsageProblem("say where the reminders go: --outbox DIR, or --send")
    ws = workspace(ctx)
    service = load(ws.root, config_file, base_url)
    service.base_url = check_base_url(service.base_url or "", "--base-url (or GOVDOCS_BASE_URL)")
    for line in ignored_record_settings(ws.config):
        say(f"govdocs: {line}")
    messages, missing, problems = reminders(ws, service, days)
    for initials in missing:
        p = ws.people.get(initials)
        who = (p.name or "no name in people.yaml") if p else "not in people.yaml"
        say(f"govdocs: {initials} ({who}) has actions due but no e-mail address; "
            f"add one with 'govdocs person edit {initials} --email ...'")
    if outbox:
        warn_if_committable(ws, Path(outbox))
    dealt, failed = deliver(ws, service, messages, Path(outbox) if outbox else None, send, force)
    for line in problems + failed:
        say(f"govdocs: not sent to {line}" if line in failed else f"govdocs: {line}")
    for address in dealt:
        click.echo(address)
    say(f"govdocs: {len(dealt)} reminder(s) {'sent' if send else 'written'}"
        + (f"; {len(messages) - len(dealt) - len(failed)} already sent today (--force sends them again)"
           if len(messages) > len(dealt) + len(failed) else ""))
    if problems or failed:
        ctx.exit(1)


def warn_if_committable(ws, outbox: Path) -> None:
    """The .eml files hold live sign-in links: inside the workspace, they must not be committable."""
    import subprocess

    full = outbox if outbox.is_absolute() else Path.cwd() / outbox
    if not full.resolve().is_relative_to(ws.root):
        return
    p = subprocess.run(["git", "check-ignore", "-q", str(full / "x.eml")], cwd=ws.root, capture_output=True)
    if p.returncode != 0:
        say(f"govdocs: warning: {ws.rel(full)} is inside the record and not git-ignored, and its messages hold "
            "live sign-in links; add it to .gitignore or write the outbox elsewhere")
