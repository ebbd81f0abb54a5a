"""The application: configuration, security headers, error pages, and the person signed in."""
from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from flask import Flask, abort, g, render_template, request, session

from govdocs.errors import GovdocsError
from govdocs.render.documents import DEFAULT_TEMPLATES
from govdocs.web.auth import Links, RateLimit, proxy_person, secret_for
from govdocs.workspace import Workspace

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
log = logging.getLogger("govdocs.web")


def build(root: str | Path | None = None) -> Flask:
    ws = Workspace.find(override=root or os.environ.get("GOVDOCS_WORKSPACE") or ".")
    app = Flask("govdocs.web", template_folder=str(DEFAULT_TEMPLATES / "web"), static_folder=None)
    https = os.environ.get("GOVDOCS_HTTPS", "") == "1"
    app.config.update(SECRET_KEY=secret_for(ws.root), SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=https, SESSION_COOKIE_NAME="govdocs",
                      MAX_CONTENT_LENGTH=64 * 1024, PERMANENT_SESSION_LIFETIME=8 * 3600)
    app.extensions["govdocs"] = {"root": ws.root, "links": Links(ws.root, app.config["SECRET_KEY"], ws.config),
                                 "limits": RateLimit()}
    app.log_exception = lambda exc_info: log.error("request failed: %s: %s", exc_info[0].__name__, exc_info[1])

    @app.before_request
    def load_person():
        g.ws = Workspace(app.extensions["govdocs"]["root"])
        g.person = None
        who = session.get("who")
        if who and who in g.ws.people:
            g.person = g.ws.people[who]
        elif (email := proxy_person(g.ws.config, request.remote_addr, request.headers)):
            g.person = person_by_email(g.ws, email)
            if g.person:
                session["who"] = g.person.initials
        session.setdefault("csrf", secrets.token_urlsafe(24))

    @app.after_request
    def headers(resp):
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer"  # sign-in links never leave in a Referer
        if g.get("person") is not None or request.path.startswith("/sign-in"):
            resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.context_processor
    def common():
        return {"person": g.get("person"), "council": g.ws.council if g.get("ws") else "",
                "csrf": session.get("csrf", ""), "clerk": is_clerk(g.ws, g.person) if g.get("ws") else False,
                "my_boards": my_boards(g.ws, g.person) if g.get("ws") else []}

    for code, title in ((400, "Bad request"), (403, "Not allowed"), (404, "Not found"), (405, "Not allowed"),
                        (413, "Too large"), (429, "Too many requests"), (500, "Something went wrong")):
        app.register_error_handler(code, _error_page(code, title))
    app.register_error_handler(GovdocsError, lambda exc: (render_template(
        "error.html", title="The record could not be read", message=exc.format_message()), 500))

    from govdocs.web import views

    views.register(app)
    return app


def _error_page(code: int, title: str):
    def page(exc):
        message = getattr(exc, "description", "") if code != 500 else "The error has been logged."
        return render_template("error.html", title=title, message=message), code
    return page


def person_by_email(ws: Workspace, email: str):
    email = email.strip().lower()
    return next((p for p in ws.people.values() if p.email and p.email.lower() == email), None) if email else None


def is_clerk(ws: Workspace, person) -> bool:
    clerks = ws.config.get("clerks") or []
    return person is not None and isinstance(clerks, list) and person.initials in [str(c) for c in clerks]


def my_boards(ws: Workspace, person) -> list:
    if person is None:
        return []
    return [b for b in ws.boards.values() if is_clerk(ws, person) or b.member(person.initials)]


def require_person():
    if g.person is None:
        abort(401)
    return g.person


def check_csrf() -> None:
    sent = request.form.get("csrf", "")
    if not sent or not secrets.compare_digest(sent, session.get("csrf", "")):
        abort(400, "This form has expired or did not come from govdocs; go back, reload the page and try again.")
