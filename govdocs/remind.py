"""`govdocs remind`: one e-mail a day per person with actions due soon or overdue, or reports to write or
clear, each with a personal sign-in link; written to an outbox as .eml files, or sent over SMTP. Also the e-mail a sign-in page sends.

Where mail goes is the service's configuration (govdocs/web/service.py: GOVDOCS_SMTP_* or its file outside
the record), never govdocs.yaml: a pull must not be able to send sign-in links to another server. Mail is
sent over TLS (STARTTLS or implicit), and in plain text only to a relay on this machine. What was sent is kept in `.govdocs/reminders.json`, so a second run on the same day
sends nothing twice.
"""
from __future__ import annotations

import datetime as dt
import json
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path

from govdocs.dates import today
from govdocs.errors import UsageProblem, WorkspaceError, message_of
from govdocs.model import one_line
from govdocs.store.workspace import Workspace


def _jinja(autoescape: bool):
    from govdocs.render.documents import DEFAULT_TEMPLATES, template_env

    return template_env([DEFAULT_TEMPLATES / "web"], autoescape, keep_trailing_newline=True)


def safe_header_text(text: str) -> bool:
    """A name or address that can go into a mail header as it is: one line, no control characters."""
    return bool(text) and one_line(text)


def _message(service, person, subject: str, text: str, html: str | None) -> EmailMessage:
    if not safe_header_text(person.name) or not safe_header_text(person.email or ""):
        raise UsageProblem(f"{person.initials}'s name or e-mail address has a line break or control character; "
                           f"correct it with 'govdocs person edit {person.initials}'")
    msg = EmailMessage()
    msg["From"] = service.smtp.sender
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


def reminders(ws: Workspace, service, days: int) -> tuple[list[tuple[object, EmailMessage]], list[str], list[str]]:
    """(person, message) for each owner with an e-mail address; the owners who have none; and one line for
    each owner whose message could not be made (the others' are made all the same)."""
    from govdocs.actionlog import owner_row
    from govdocs.exempt import action_is_exempt
    from govdocs.web.auth import Links, secret_for

    links = Links(ws.root, secret_for(ws.root), service.lifetimes())
    text_t, html_t = _jinja(False).get_template("reminder.txt"), _jinja(True).get_template("reminder.html")
    from govdocs.reports import reports_owed

    out, missing, problems = [], [], []
    owing, owed = due_soon(ws, days), reports_owed(ws, days)
    for initials in sorted(set(owing) | set(owed)):
        actions, reports = owing.get(initials, []), owed.get(initials, [])
        person = ws.people.get(initials)
        if person is None or not person.email:
            missing.append(initials)
            continue
        rows = sorted(({**owner_row(ws, a), "exempt": action_is_exempt(ws, a)} for a in actions),
                      key=lambda r: (not r["overdue"], r["due_iso"]))
        late = sum(1 for r in rows if r["overdue"])
        private = any(r["exempt"] for r in rows) or any(r["exempt"] for r in reports)
        said = [part for part in (_count(late, "overdue"), _count(len(rows) - late, f"due within {days} days"))
                if part]
        if reports:
            said.append(f"{len(reports)} report{'s' if len(reports) != 1 else ''} to write or clear")
        intro = "You have " + " and ".join(said) + "."
        values = {"name": person.name, "intro": intro, "rows": rows, "reports": reports, "council": ws.council,
                  "private": private, "link": f"{service.base_url}/sign-in/{links.make(person.email, 'reminder')}",
                  "lifetime": f"{service.reminder_days} days"}
        counts = ", ".join(x for x in (f"{late} overdue" if late else "",
                                       f"{len(rows) - late} due" if len(rows) > late else "") if x)
        owes = f"{len(reports)} report{'s' if len(reports) != 1 else ''}" if reports else ""
        subject = ("NOT FOR PUBLICATION: " if private else "") + (
            f"Your actions: {counts}" if not reports else f"Your reports: {owes}" if not rows else
            f"Your actions and reports: {counts}; {owes}")
        try:
            out.append((person, _message(service, person, subject, text_t.render(values), html_t.render(values))))
        except UsageProblem as exc:
            problems.append(exc.format_message())
    return out, missing, problems


def _count(n: int, what: str) -> str:
    return f"{n} action{'s' if n != 1 else ''} {what}" if n else ""


def already_sent(ws: Workspace) -> tuple[Path, dict]:
    path = ws.root / ".govdocs" / "reminders.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    return path, data if isinstance(data, dict) else {}


def deliver(ws: Workspace, service, messages: list, outbox: Path | None, send: bool,
            again: bool = False) -> tuple[list[str], list[str]]:
    """Write or send each message not already sent to that address today: the addresses dealt with, and a
    line for each that failed (one failure never stops the rest)."""
    path, sent = already_sent(ws)
    day = today().isoformat()
    done_today = set(sent.get(day, []))
    dealt, failed = [], []
    for person, msg in messages:
        if person.email.lower() in done_today and not again:
            continue
        try:
            if outbox is not None:
                outbox.mkdir(parents=True, exist_ok=True)
                (outbox / f"{day}-{person.initials}.eml").write_bytes(bytes(msg))
            if send:
                send_mail(service, msg)
        except (WorkspaceError, OSError) as exc:
            failed.append(f"{person.initials}: {message_of(exc)}")
            continue
        dealt.append(person.email.lower())
    if dealt:
        sent = {day: sorted(done_today | set(dealt))}  # only today's list is needed to avoid a repeat
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(sent, indent=1), encoding="utf-8")
    return dealt, failed


def send_mail(service, msg: EmailMessage) -> None:
    """Over TLS (STARTTLS or implicit); credentials never without it; plain text only to this machine."""
    import smtplib
    import ssl

    s = service.smtp
    if not s.host:
        raise WorkspaceError("no SMTP server: set GOVDOCS_SMTP_HOST or smtp host in the service's configuration "
                             "(or use --outbox)")
    if s.tls == "none" and (not s.loopback or s.user):  # load() refuses these; checked again where it matters
        raise WorkspaceError("refusing to send mail in plain text beyond this machine")
    context = ssl.create_default_context(cafile=s.ca_file or None)
    try:
        if s.tls == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        with smtp:
            if s.tls == "starttls":
                smtp.starttls(context=context)  # raises when the server offers no TLS: nothing is sent
            if s.user:
                smtp.login(s.user, s.password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise WorkspaceError(f"could not send mail through {s.host}:{s.port} ({exc})") from None


def send_sign_in_link(ws: Workspace, service, person, token: str) -> None:
    """The e-mail the sign-in page sends: over SMTP where it is set up, else into `.govdocs/outbox/`.
    The link is built from the service's base URL, never from the request."""
    text = _jinja(False).get_template("link.txt").render(name=person.name, council=ws.council,
                                                         link=f"{service.base_url}/sign-in/{token}",
                                                         lifetime=f"{service.link_minutes} minutes")
    msg = _message(service, person, "Your govdocs sign-in link", text, None)
    if service.smtp.host:
        send_mail(service, msg)
    else:
        outbox = ws.root / ".govdocs" / "outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        (outbox / f"{dt.datetime.now():%Y%m%d-%H%M%S%f}-{person.initials}-sign-in.eml").write_bytes(bytes(msg))
