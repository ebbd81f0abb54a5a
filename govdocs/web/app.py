"""The application: configuration, security headers, error pages, and the person signed in."""
from __future__ import annotations

import logging
import os
import secrets
import time
from pathlib import Path

from flask import Flask, abort, g, render_template, request, session

from govdocs.errors import GovdocsError, UsageProblem
from govdocs.frontend import MISSING, frontend_dir
from govdocs.render.documents import DEFAULT_TEMPLATES
from govdocs.store.change import recover_if_needed
from govdocs.store.memo import ReadMemo
from govdocs.store.workspace import Workspace
from govdocs.web.auth import Links, RateLimit, Sessions, proxy_person, refuse_shared_state, secret_for
from govdocs.web.background import Worker
from govdocs.web.index import ActionIndex, PageMemo
from govdocs.web.people import is_clerk, my_boards, person_by_email
from govdocs.web.service import Service, check_base_url, ignored_record_settings
from govdocs.web.service import load as load_service

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
log = logging.getLogger("govdocs.web")


def build(root: str | Path | None = None, service: Service | None = None) -> Flask:
    """The application over the workspace at `root`, with the service's own settings (never the record's)."""
    ws = Workspace.find(override=root or os.environ.get("GOVDOCS_WORKSPACE") or ".")
    service = service or load_service(ws.root)
    if not service.base_url:
        raise UsageProblem("the service needs its address for links: --base-url, GOVDOCS_BASE_URL or base_url "
                           "in the service's configuration file")
    service.base_url = check_base_url(service.base_url)
    refuse_shared_state(ws.root)
    app = Flask("govdocs.web", template_folder=str(DEFAULT_TEMPLATES / "web"), static_folder=None)
    https = service.base_url.startswith("https://") or os.environ.get("GOVDOCS_HTTPS", "") == "1"
    app.config.update(SECRET_KEY=secret_for(ws.root), SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=https, SESSION_COOKIE_NAME="govdocs", TRUSTED_HOSTS=[service.host],
                      SERVER_NAME=None, MAX_CONTENT_LENGTH=64 * 1024, PERMANENT_SESSION_LIFETIME=8 * 3600)
    app.extensions["govdocs"] = {"root": ws.root, "service": service,
                                 "links": Links(ws.root, app.config["SECRET_KEY"], service.lifetimes()),
                                 "limits": RateLimit(), "sessions": Sessions(ws.root), "worker": Worker(),
                                 "frontend": frontend_dir(), "index": ActionIndex(ws.root),
                                 "memo": ReadMemo(), "pages": PageMemo()}
    from govdocs.dates import is_date, short_date

    app.jinja_env.filters["day"] = lambda d: short_date(d) if is_date(str(d or "")) else d  # 10 January 2030
    app.log_exception = lambda exc_info: log.error("request failed: %s: %s", exc_info[0].__name__, exc_info[1])
    if app.extensions["govdocs"]["frontend"] is None:
        log.warning("govdocs serve: %s", MISSING)
    for line in service.summary() + ignored_record_settings(ws.config):
        log.warning("govdocs serve: %s", line)
    recover_if_needed(ws)
    # the actions are read once as the service starts, not by the first person to open a page
    app.extensions["govdocs"]["worker"].submit("index", app.extensions["govdocs"]["index"].actions)

    @app.before_request
    def load_person():
        g.started = time.perf_counter()
        if request.host.lower() != service.host.lower():  # links are built from base_url alone; refuse the rest
            abort(400, "This address is not where govdocs is served.")
        recover_if_needed(Workspace(ws.root))  # a change cut off part-way is never shown as saved
        g.ws = Workspace(app.extensions["govdocs"]["root"], app.extensions["govdocs"]["memo"])
        g.ws.__dict__["actions"] = app.extensions["govdocs"]["index"].actions()  # in step with the files
        g.service = service
        g.person = None
        who, gen = session.get("who"), session.get("gen", 0)
        sessions = app.extensions["govdocs"]["sessions"]
        if who and who in g.ws.people and gen == sessions.current(who):
            g.person = g.ws.people[who]
        elif (email := proxy_person(service, request.remote_addr, request.headers)):
            g.person = person_by_email(g.ws, email)
            if g.person:
                session["who"], session["gen"] = g.person.initials, sessions.current(g.person.initials)
        elif who:
            session.pop("who", None)  # signed out elsewhere, or no longer in the record
        session.setdefault("csrf", secrets.token_urlsafe(24))

    @app.after_request
    def headers(resp):
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["Referrer-Policy"] = "no-referrer"  # sign-in links never leave in a Referer
        if "started" in g:  # the time the page took to make, for the operator's monitoring and benchmarks/web_load.py
            resp.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - g.started) * 1000:.1f}"
        if g.get("person") is not None or request.path.startswith("/sign-in"):
            resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.context_processor
    def common():
        return {"person": g.get("person"), "frontend": app.extensions["govdocs"]["frontend"] is not None, "council": g.ws.council if g.get("ws") else "",
                "csrf": session.get("csrf", ""), "clerk": is_clerk(g.ws, g.person) if g.get("ws") else False,
                "my_boards": my_boards(g.ws, g.person) if g.get("ws") else []}

    for code, title in ((400, "Bad request"), (403, "Not allowed"), (404, "Not found"), (405, "Not allowed"),
                        (413, "Too large"), (429, "Too many requests"), (500, "Something went wrong")):
        app.register_error_handler(code, _error_page(code, title))
    app.register_error_handler(GovdocsError, lambda exc: (render_template(
        "error.html", title="The record could not be read", message=exc.format_message()), 500))

    from govdocs.web import live, reports, views

    views.register(app)
    reports.register(app)
    live.register(app)
    return app


def _error_page(code: int, title: str):
    def page(exc):
        message = getattr(exc, "description", "") if code != 500 else "The error has been logged."
        return render_template("error.html", title=title, message=message), code
    return page
