"""The meeting page: the clerk keeps the record as the meeting happens. Attendance, declarations, each item's
notes, decisions and actions are posted one entry at a time, and each is the change the CLI's `attendance`,
`minute` or `action add` makes, committed in the clerk's name. Without JavaScript every part is a plain form;
with it, entries save as they are typed and the page takes in the other clerk's entries as they land."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging

from flask import abort, g, jsonify, redirect, render_template, request, session, url_for

from govdocs.errors import ChangedMeanwhile, GovdocsError
from govdocs.web.people import apply_as_signed_in, check_csrf, is_board_clerk

log = logging.getLogger("govdocs.web")
TEXT_LIMIT = 20000  # one item's notes; the service's request limit stops anything far larger


def register(app) -> None:
    @app.get("/boards/<slug>/<date>/live")
    def live(slug, date):
        if g.person is None:
            return redirect(url_for("sign_in"), 303)
        m = _meeting_for_clerk(slug, date)
        from govdocs.web.live_page import page

        return render_template("live.html", **page(g.ws, m), version=version(g.ws, m),
                               message=session.pop("flash", ""))

    @app.get("/boards/<slug>/<date>/live/version")
    def live_version(slug, date):
        m = _meeting_for_clerk(slug, date)
        return jsonify(version=version(g.ws, m))

    @app.post("/boards/<slug>/<date>/live/<part>")
    def live_entry(slug, date, part):
        from govdocs.web import live_entries

        make = live_entries.MAKERS.get(part)
        if make is None:
            abort(404)
        check_csrf()
        m = _meeting_for_clerk(slug, date)
        form = {k: request.form.get(k, "")[:TEXT_LIMIT] for k in request.form}
        return _saved(m.board, m.date, lambda ws, meeting: make(ws, meeting, form),
                      lambda ws, ch: live_entries.said(ws, part, form, ch), form.get("anchor", ""))


def _meeting_for_clerk(slug: str, date: str):
    """The meeting, for the board's clerks on its day and until its minutes are approved; 403 for anyone else."""
    from govdocs.dates import today
    from govdocs.live import is_open_for_minuting

    if g.person is None:
        abort(401, "Sign in first.")
    b = g.ws.boards.get(slug)
    if b is None:
        abort(404)
    if not is_board_clerk(b, g.person):
        abort(403, "The meeting page is for the board's clerks.")
    try:
        m = g.ws.meeting(b.slug, dt.date.fromisoformat(date).isoformat())
    except (ValueError, GovdocsError):
        abort(404)
    closed = is_open_for_minuting(m, today().isoformat())
    if closed:
        abort(403, closed)
    return m


def version(ws, m) -> str:
    """Changes when anything the page shows changes: the meeting's files, the board's actions, the people."""
    h = hashlib.sha256()
    for path in (m.folder, *sorted(m.folder.glob("*.yaml")), ws.root / "actions" / m.board, ws.people_path):
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path.name}:{st.st_mtime_ns}:{st.st_size};".encode())
    return h.hexdigest()[:16]


def _saved(slug: str, date: str, make, said, anchor: str):
    """Make the change in the clerk's name (again, on a fresh read, if the other clerk's landed meanwhile); the
    page again, or for the page's script one line of JSON."""
    from govdocs.store.workspace import Workspace
    from govdocs.web.views import share_later

    script = request.headers.get("X-Govdocs-Live") == "1"
    message, ok = "Saved.", True
    for attempt in range(3):
        ws = Workspace(g.ws.root)
        m = ws.meeting(slug, date)
        try:
            ch = make(ws, m)
            if ch is not None:
                apply_as_signed_in(ch)
                message = f"Saved: {said(ws, ch)}." + share_later()
            break
        except ChangedMeanwhile:
            continue  # the other clerk's entry landed between our read and our write: read again
        except GovdocsError as exc:
            message, ok = exc.format_message(), False
            break
        except OSError as exc:
            log.error("web change to the %s meeting of %s not saved: %s", slug, date, exc)
            message, ok = f"Not saved: the record could not be written ({exc.strerror or exc}).", False
            break
    else:
        message, ok = "Not saved: the record kept changing under this entry; try again.", False
    if script:
        return jsonify(ok=ok, message=message, version=version(ws, ws.meeting(slug, date))), 200 if ok else 422
    if not ok:
        from govdocs.web.live_page import page

        m = ws.meeting(slug, date)
        return render_template("live.html", **page(ws, m), version=version(ws, m), message=message, problem=True,
                               typed={**request.form.to_dict(), "part": (request.view_args or {}).get("part", "")}), 422
    session["flash"] = message
    return redirect(url_for("live", slug=slug, date=date) + (f"#{anchor}" if anchor.isascii() and
                                                             anchor.replace("-", "").isalnum() else ""), 303)
