"""`govdocs remind`: one e-mail per action owner with actions due soon or overdue, each with a personal
sign-in link; written to an outbox as .eml files, or sent over SMTP. Also the e-mail a sign-in page sends.

SMTP settings come from govdocs.yaml (`smtp: {host, port, starttls, from}`) or GOVDOCS_SMTP_HOST,
GOVDOCS_SMTP_PORT, GOVDOCS_SMTP_FROM; a user name and password only from GOVDOCS_SMTP_USER and
GOVDOCS_SMTP_PASSWORD. What was sent is kept in `.govdocs/reminders.json`, so a second run on the same day
sends nothing twice.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

from govdocs.dates import today
from govdocs.errors import UsageProblem, WorkspaceError
from govdocs.workspace import Workspace


def _jinja(autoescape: bool):
    from govdocs.render.documents import DEFAULT_TEMPLATES, template_env

    return template_env([DEFAULT_TEMPLATES / "web"], autoescape, keep_trailing_newline=True)


def smtp_settings(ws: Workspace) -> dict:
    cfg = ws.config.get("smtp") if isinstance(ws.config.get("smtp"), dict) else {}
    env = os.environ
    return {"host": env.get("GOVDOCS_SMTP_HOST") or str(cfg.get("host") or ""),
            "port": int(env.get("GOVDOCS_SMTP_PORT") or cfg.get("port") or 25),
            "starttls": str(env.get("GOVDOCS_SMTP_STARTTLS", cfg.get("starttls", True))).lower() not in ("0", "false", "no"),
            "from": env.get("GOVDOCS_SMTP_FROM") or str(cfg.get("from") or "govdocs@localhost"),
            "user": env.get("GOVDOCS_SMTP_USER", ""), "password": env.get("GOVDOCS_SMTP_PASSWORD", "")}


def _message(ws: Workspace, person, subject: str, text: str, html: str | None) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = smtp_settings(ws)["from"]
    msg["To"] = formataddr((person.name, person.email))
    msg["Subject"] = subject
    msg["Date"] = dt.datetime.now(dt.timezone.utc).strftime("%a, %d %b %Y %H:%M:%S +0000")
    msg["Message-ID"] = make_msgid(domain="govdocs.invalid")
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    return msg


def due_soon(ws: Workspace, days: int) -> dict[str, list]:
    """{owner initials: their open actions due within `days` or overdue}."""
    from govdocs import actionlog

    limit = (today() + dt.timedelta(days=days)).isoformat()
    out: dict[str, list] = {}
    for a in ws.actions:
        if not a.is_open:
            continue
        due = actionlog.due_date(ws, a)
        if due and due <= limit:
            for o in a.owners:
                out.setdefault(o, []).append(a)
    return out


def reminders(ws: Workspace, days: int, base_url: str) -> tuple[list[tuple[object, EmailMessage]], list[str]]:
    """(person, message) for each owner with an e-mail address; and the owners who have none."""
    from govdocs.web.auth import Links, lifetimes, secret_for
    from govdocs.web.rows import action_row

    if not re.match(r"^https?://[^\s/]+", base_url or ""):
        raise UsageProblem("--base-url should be the address of govdocs serve, e.g. https://govdocs.example.gov.uk")
    links = Links(ws.root, secret_for(ws.root), ws.config)
    days_valid = lifetimes(ws.config)["reminder"] // 86400
    text_t, html_t = _jinja(False).get_template("reminder.txt"), _jinja(True).get_template("reminder.html")
    out, missing = [], []
    for initials, actions in sorted(due_soon(ws, days).items()):
        person = ws.people.get(initials)
        if person is None or not person.email:
            missing.append(initials)
            continue
        rows = sorted((action_row(ws, a) for a in actions), key=lambda r: (not r["overdue"], r["due_iso"]))
        late = sum(1 for r in rows if r["overdue"])
        intro = (f"You have {len(rows)} action{'s' if len(rows) != 1 else ''} due within {days} days"
                 + (f", {late} of them overdue" if late else "") + ".")
        values = {"name": person.name, "intro": intro, "rows": rows, "council": ws.council,
                  "link": f"{base_url.rstrip('/')}/sign-in/{links.make(person.email, 'reminder')}",
                  "lifetime": f"{days_valid} days"}
        subject = f"Your actions: {len(rows)} due" + (f", {late} overdue" if late else "")
        out.append((person, _message(ws, person, subject, text_t.render(values), html_t.render(values))))
    return out, missing


def already_sent(ws: Workspace) -> tuple[Path, dict]:
    path = ws.root / ".govdocs" / "reminders.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    return path, data if isinstance(data, dict) else {}


def deliver(ws: Workspace, messages: list, outbox: Path | None, send: bool) -> list[str]:
    """Write or send each message not already sent to that address today; the addresses dealt with."""
    path, sent = already_sent(ws)
    day = today().isoformat()
    done_today = set(sent.get(day, []))
    dealt = []
    for person, msg in messages:
        if person.email.lower() in done_today:
            continue
        if outbox is not None:
            outbox.mkdir(parents=True, exist_ok=True)
            (outbox / f"{day}-{person.initials}.eml").write_bytes(bytes(msg))
        if send:
            send_mail(ws, msg)
        dealt.append(person.email.lower())
    if dealt:
        sent = {day: sorted(done_today | set(dealt))}  # only today's list is needed to avoid a repeat
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sent, indent=1), encoding="utf-8")
    return dealt


def send_mail(ws: Workspace, msg: EmailMessage) -> None:
    import smtplib
    import ssl

    s = smtp_settings(ws)
    if not s["host"]:
        raise WorkspaceError("no SMTP server: set smtp: host in govdocs.yaml or GOVDOCS_SMTP_HOST (or use --outbox)")
    try:
        with smtplib.SMTP(s["host"], s["port"], timeout=30) as smtp:
            if s["starttls"]:
                smtp.starttls(context=ssl.create_default_context())
            if s["user"]:
                smtp.login(s["user"], s["password"])
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise WorkspaceError(f"could not send mail through {s['host']}:{s['port']} ({exc})") from None


def send_sign_in_link(ws: Workspace, person, token: str, base_url: str) -> None:
    """The e-mail the sign-in page sends: over SMTP where it is set up, else into `.govdocs/outbox/`."""
    from govdocs.web.auth import lifetimes

    minutes = lifetimes(ws.config)["link"] // 60
    text = _jinja(False).get_template("link.txt").render(name=person.name, council=ws.council,
                                                         link=f"{base_url}/sign-in/{token}",
                                                         lifetime=f"{minutes} minutes")
    msg = _message(ws, person, "Your govdocs sign-in link", text, None)
    if smtp_settings(ws)["host"]:
        send_mail(ws, msg)
    else:
        outbox = ws.root / ".govdocs" / "outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        (outbox / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{person.initials}-sign-in.eml").write_bytes(bytes(msg))
