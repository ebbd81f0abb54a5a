"""The pages: signing in, my actions, one action with its history and form, a board, a meeting, a paper."""
from __future__ import annotations

import datetime as dt
import secrets

from flask import abort, g, redirect, render_template, request, send_file, session, url_for

from govdocs.errors import GovdocsError
from govdocs.web.app import check_csrf, is_clerk, log, person_by_email, require_person

STATUSES = ("open", "in-progress", "done", "dropped")


def register(app) -> None:
    links = app.extensions["govdocs"]["links"]
    limits = app.extensions["govdocs"]["limits"]

    @app.get("/sign-in")
    def sign_in():
        return render_template("sign_in.html", sent=False)

    @app.post("/sign-in")
    def ask_for_link():
        email = request.form.get("email", "").strip().lower()[:200]
        if not limits.allow(f"ip:{request.remote_addr}", f"email:{email}"):
            abort(429, "Too many sign-in links asked for; wait a few minutes and try again.")
        person = person_by_email(g.ws, email)
        if person is not None:  # the page answers the same either way: it does not say who has an account
            from govdocs.remind import send_sign_in_link

            try:
                send_sign_in_link(g.ws, person, links.make(email, "link"), request.host_url.rstrip("/"))
            except GovdocsError as exc:
                log.error("sign-in link for %s not sent: %s", person.initials, exc.format_message())
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
        data = links.use(token)
        person = person_by_email(g.ws, data["e"]) if data else None
        if person is None:
            return render_template("error.html", title="This link cannot be used",
                                   message="It has expired or has been used already. Ask for a new one.",
                                   ask_again=True), 410
        session.clear()
        session["who"] = person.initials
        session["csrf"] = secrets.token_urlsafe(24)  # a new session, a new token
        session.permanent = True
        return redirect(url_for("my_actions"), 303)

    @app.post("/sign-out")
    def sign_out():
        check_csrf()
        session.clear()
        return redirect(url_for("sign_in"), 303)

    @app.get("/")
    def my_actions():
        if g.person is None:
            return redirect(url_for("sign_in"), 303)
        from govdocs.web.rows import action_rows

        return render_template("actions.html", rows=action_rows(g.ws, g.person.initials))

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
                               statuses=STATUSES), status_code

    @app.get("/boards/<slug>")
    def board(slug):
        b = _board_for_member(slug)
        from govdocs.web.rows import board_page

        return render_template("board.html", **board_page(g.ws, b))

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
        b = _board_for_member(slug)
        try:
            folder = g.ws.meeting_folder(b.slug, dt.date.fromisoformat(date).isoformat()) / "papers"
        except ValueError:
            abort(404)
        if "/" in name or "\\" in name or name.startswith("."):
            abort(404)
        path = folder / name
        if not path.is_file() or path.is_symlink() or path.resolve().parent != folder.resolve():
            abort(404)
        return send_file(path, as_attachment=True, download_name=name)

    @app.get("/static/style.css")
    def style():
        from govdocs.render.documents import DEFAULT_TEMPLATES

        css = (DEFAULT_TEMPLATES / "html" / "style.css").read_text(encoding="utf-8")
        css += (DEFAULT_TEMPLATES / "web" / "web.css").read_text(encoding="utf-8")
        return css, 200, {"Content-Type": "text/css; charset=utf-8"}


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
    if not (is_clerk(g.ws, person) or b.member(person.initials)):
        abort(403, "Board pages are for the board's members and clerks.")
    return b


def _apply_update(a, typed: dict) -> tuple[str, bool]:
    """Make the change the CLI's `action update`/`done` makes, in the person's name; (message, done it)."""
    from govdocs.actions import update_action

    status = typed["status"] if typed["status"] in STATUSES else ""
    if typed["status"] and not status:
        return "Choose a status from the list.", False
    if status in ("done", "dropped") and not typed["note"].strip():
        return "Say what was done in the note: it goes on the action log.", False
    try:
        ch = update_action(g.ws, a.id, status=status if status and status != a.status else None,
                           rag=typed["rag"] or None, note=typed["note"].strip() or None, by=g.person.initials)
        ch.author = (g.person.name, g.person.email or f"{g.person.initials}@govdocs.invalid")
        ch.trailer("Govdocs-Via: web")
        ch.apply(quiet=True)
    except GovdocsError as exc:
        return exc.format_message(), False
    return "Saved." + _share(), True


def _share() -> str:
    """Push the change where the workspace has a remote (pull with rebase first, never forcing)."""
    from govdocs.sync import sync, upstream

    try:
        upstream(g.ws.root)
    except GovdocsError:
        return ""  # no remote: the commit is the record
    for attempt in range(3):
        try:
            sync(g.ws)
            return " Shared with the other clerks."
        except GovdocsError as exc:
            last = exc.format_message()
    log.error("push after a web change failed: %s", last)
    return f" It is saved here, but could not be shared yet ({last}); the clerk has been told in the log."
