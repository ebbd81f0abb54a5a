"""The pages: signing in, my actions, one action with its history and form, a board, a meeting, a paper."""
from __future__ import annotations

import datetime as dt
import logging
import secrets

from flask import abort, current_app, g, redirect, render_template, request, send_file, session, url_for

from govdocs.errors import GovdocsError
from govdocs.model import STATUS_VALUES
from govdocs.web.auth import client_address
from govdocs.web.people import (
    apply_as_signed_in,
    check_csrf,
    is_board_clerk,
    is_clerk,
    is_member_today,
    person_by_email,
    require_person,
)

log = logging.getLogger("govdocs.web")

STATUSES = STATUS_VALUES


def register(app) -> None:
    links = app.extensions["govdocs"]["links"]
    limits = app.extensions["govdocs"]["limits"]
    sessions = app.extensions["govdocs"]["sessions"]
    worker = app.extensions["govdocs"]["worker"]

    @app.get("/sign-in")
    def sign_in():
        return render_template("sign_in.html", sent=False)

    @app.post("/sign-in")
    def ask_for_link():
        email = request.form.get("email", "").strip().lower()[:200]
        client = client_address(g.service, request.remote_addr, request.headers)
        if not limits.allow(f"client:{client}", f"email:{email}"):
            abort(429, "Too many sign-in links asked for; wait a few minutes and try again.")
        person = person_by_email(g.ws, email)
        token = links.make(email, "link")  # made for any address, so that known ones take no longer
        if person is not None:  # the page answers the same either way, at once: the mail goes afterwards
            from govdocs.remind import send_sign_in_link

            ws, service = g.ws, g.service
            worker.submit(f"sign-in link for {person.initials}",
                          lambda: send_sign_in_link(ws, service, person, token))
        return render_template("sign_in.html", sent=True)

    @app.get("/sign-in/<token>")
    def confirm(token):
        data = links.read(token)
        if data is None:
            return render_template("error.html", title="This link cannot be used",
                                   message="It has expired or has been used already. Ask for a new one.",
                                   ask_again=True), 410
        person = person_by_email(g.ws, data["e"])
        return render_template("confirm.html", token=token, person=None, who=person)

    @app.post("/sign-in/<token>")
    def use_link(token):
        check_csrf()  # the button on this browser's own confirm page: no other site can sign it in
        data = links.use(token)
        person = person_by_email(g.ws, data["e"]) if data else None
        if person is None:
            return render_template("error.html", title="This link cannot be used",
                                   message="It has expired or has been used already. Ask for a new one.",
                                   ask_again=True), 410
        session.clear()
        session["who"] = person.initials
        session["gen"] = sessions.current(person.initials)
        session["csrf"] = secrets.token_urlsafe(24)  # a new session, a new token
        session.permanent = True
        return redirect(url_for("my_actions"), 303)

    @app.post("/sign-out")
    def sign_out():
        check_csrf()
        if g.person is not None:
            sessions.bump(g.person.initials)  # every copy of this person's cookie stops working
        session.clear()
        return redirect(url_for("sign_in"), 303)

    @app.get("/")
    def my_actions():
        if g.person is None:
            return redirect(url_for("sign_in"), 303)
        from govdocs.actionlog import owner_rows

        mine = current_app.extensions["govdocs"]["index"].owned_by(g.person.initials)
        return render_template("actions.html", rows=owner_rows(g.ws, g.person.initials, mine))

    @app.route("/actions/<action_id>", methods=["GET", "POST"])
    def action(action_id):
        if g.person is None:
            if request.method == "GET":
                return redirect(url_for("sign_in"), 303)
            abort(401, "Sign in first.")
        from govdocs.web.rows import action_page

        a = _action_or_404(action_id)
        if g.person.initials not in a.owners and not is_clerk(g.ws, g.person):
            abort(403, "Only the action's owner or a clerk can change it.")
        message, typed, status_code = "", {}, 200
        if request.method == "POST":
            check_csrf()
            typed = {k: request.form.get(k, "") for k in ("status", "rag", "note")}
            message, ok = _apply_update(a, typed)
            if ok:
                session["flash"] = message
                return redirect(url_for("action", action_id=a.id), 303)
            status_code = 422
        message = message or session.pop("flash", "")
        a = _action_or_404(action_id)
        return render_template("action.html", **action_page(g.ws, a), message=message, typed=typed,
                               problem=status_code != 200, field=_field_at_fault(message),
                               statuses=STATUSES, unshared=unshared_note(g.ws.root)), status_code

    @app.get("/boards/<slug>")
    def board(slug):
        b = _board_for_member(slug)
        from govdocs.dates import today
        from govdocs.store.hashes import stamps_under
        from govdocs.web.rows import board_page

        index, pages = current_app.extensions["govdocs"]["index"], current_app.extensions["govdocs"]["pages"]
        on_log = index.on_log_of(b.slug)
        # the page is made again only when its board file, its meetings' files, the actions or the day change
        inputs = [sorted(stamps_under(f).items()) for f in (g.ws.board_path(b.slug).parent, g.ws.root / "meetings" / b.slug)]
        key = ("board", b.slug, today().isoformat(), index.version, repr(inputs))
        return render_template("board.html", **pages.get(key, lambda: board_page(g.ws, b, on_log)))

    @app.get("/boards/<slug>/<date>")
    def meeting(slug, date):
        b = _board_for_member(slug)
        from govdocs.web.rows import meeting_page

        try:
            m = g.ws.meeting(b.slug, dt.date.fromisoformat(date).isoformat())
        except (ValueError, GovdocsError):
            abort(404)
        return render_template("meeting.html", **meeting_page(g.ws, b, m))

    @app.get("/boards/<slug>/<date>/papers/<name>")
    def paper(slug, date, name):
        from govdocs.papers import paper_path

        b = _board_for_member(slug)
        if "/" in name or "\\" in name or name.startswith("."):
            abort(404)
        try:
            m = g.ws.meeting(b.slug, dt.date.fromisoformat(date).isoformat())
            paper = next((p for it in m.items for s in [it, *it.sub_items] for p in s.papers
                          if p.file.split("/")[-1] == name), None)
            if paper is None:
                abort(404)
            path = paper_path(g.ws, m, paper.file)  # no link anywhere from the workspace to the file
        except (ValueError, GovdocsError):
            abort(404)
        if not path.is_file():
            abort(404)
        return send_file(path, as_attachment=True, download_name=name)

    @app.get("/static/style.css")
    def style():
        from govdocs.frontend import DEFAULT_COLOUR, own_stylesheet

        css = own_stylesheet(g.ws.colour or DEFAULT_COLOUR, current_app.extensions["govdocs"]["frontend"] is not None)
        return css, 200, {"Content-Type": "text/css; charset=utf-8"}

    @app.get("/static/<any('govuk-frontend.css', 'govuk-frontend.js', 'init.js'):name>")
    def frontend(name):
        from govdocs.frontend import script, stylesheet
        from govdocs.render.documents import DEFAULT_TEMPLATES

        folder = current_app.extensions["govdocs"]["frontend"]
        if folder is None:
            abort(404)
        if name == "govuk-frontend.css":
            return stylesheet(folder), 200, {"Content-Type": "text/css; charset=utf-8"}
        body = script(folder) if name == "govuk-frontend.js" else (
            DEFAULT_TEMPLATES / "web" / "init.js").read_text(encoding="utf-8")
        return body, 200, {"Content-Type": "text/javascript; charset=utf-8"}

    @app.get("/static/live.js")
    def live_script():
        from govdocs.render.documents import DEFAULT_TEMPLATES

        js = (DEFAULT_TEMPLATES / "web" / "live.js").read_text(encoding="utf-8")
        return js, 200, {"Content-Type": "text/javascript; charset=utf-8"}


def _action_or_404(action_id: str):
    try:
        return g.ws.action(action_id)
    except GovdocsError:
        abort(404, "There is no such action.")


def _board_for_member(slug: str):
    person = require_person()
    b = g.ws.boards.get(slug)
    if b is None:
        abort(404)
    if not (is_board_clerk(b, person) or is_member_today(b, person)):
        abort(403, "Board pages are for the board's members and clerks.")
    return b


def _apply_update(a, typed: dict) -> tuple[str, bool]:
    """Make the change the CLI's `action update`/`done` makes, in the person's name; (message, done it)."""
    from govdocs.edit.actions import update_action

    status = typed["status"] if typed["status"] in STATUSES else ""
    if typed["status"] and not status:
        return "Choose a status from the list.", False
    try:
        ch = update_action(g.ws, a.id, status=status if status and status != a.status else None,
                           rag=typed["rag"] or None, note=typed["note"].strip() or None, by=g.person.initials)
        apply_as_signed_in(ch)
    except GovdocsError as exc:  # the command line's words, in the page's: the note is a box, not --note
        said = exc.format_message().replace(" with --note", " in the progress note")
        return said[:1].upper() + said[1:], False
    except OSError as exc:  # a file the service may not write: say so, and keep what was typed
        log.error("web change to %s not saved: %s", a.id, exc)
        return (f"Not saved: the record could not be written ({exc.strerror or exc}). Your note is kept below; "
                "tell the clerk."), False
    return "Saved." + share_later(), True


def _field_at_fault(message: str) -> str:
    """The form field an error summary's link takes the person to."""
    low = message.lower()
    return "status" if "status" in low else "rag" if "rag" in low else "note"


def share_later() -> str:
    """Push in the background where the workspace has a remote: the page never waits on it."""
    from govdocs.store.sync import upstream

    try:
        upstream(g.ws.root)
    except GovdocsError:
        return ""  # no remote: the commit is the record
    root, timeout = g.ws.root, g.service.sync_timeout
    current_app.extensions["govdocs"]["worker"].share_soon(lambda: share(root, timeout))
    return " Not yet shared with the other clerks: it is being sent now."


def share(root, timeout: float) -> None:
    """Pull with rebase and push, never forcing; a failure is logged and the commit stays here, unshared."""
    from govdocs.store.sync import sync
    from govdocs.store.workspace import Workspace

    last = ""
    for attempt in range(2):
        try:
            sync(Workspace(root), timeout=timeout)
            log.warning("web changes shared with the remote")
            return
        except GovdocsError as exc:
            last = exc.format_message()
    log.error("push after a web change failed: %s", last)


def unshared_note(root) -> str:
    from govdocs.store.sync import unshared

    n = unshared(root)
    return (f"{n} change{'s' if n != 1 else ''} saved here {'are' if n != 1 else 'is'} not yet shared with the "
            f"other clerks (the remote has not taken {'them' if n != 1 else 'it'} yet).") if n else ""
