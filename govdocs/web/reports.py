"""The reports pages: "My reports" for authors and clearers, and one report's page, where its author
downloads the cover sheet and hands in drafts, and the named officers clear or return it — each a commit in
that person's name, the same change `report submit` and `report clear` make."""
from __future__ import annotations

import datetime as dt
import logging
import tempfile
from pathlib import Path

from flask import abort, g, redirect, render_template, request, send_file, session, url_for

from govdocs.errors import GovdocsError
from govdocs.web.people import apply_as_signed_in, check_csrf, is_clerk, require_person

log = logging.getLogger("govdocs.web")
UPLOAD_LIMIT = 25 * 1024 * 1024  # a report with its annexes; every other form keeps the service's small limit


def register(app) -> None:
    @app.get("/reports")
    def my_reports():
        if g.person is None:
            return redirect(url_for("sign_in"), 303)
        from govdocs.reports import reports_for

        clerk = is_clerk(g.ws, g.person)  # the clerk's view: every report, and who is holding each up
        return render_template("reports.html", rows=reports_for(g.ws, g.person.initials, clerk), clerk=clerk)

    @app.get("/reports/<slug>/<date>/<item>")
    def report_page(slug, date, item):
        m, report, roles = _report_or_404(slug, date, item)
        return render_template("report.html", **_page(m, report, roles), message=session.pop("flash", ""))

    @app.get("/reports/<slug>/<date>/<item>/<which>")
    def report_file(slug, date, item, which):
        m, report, _ = _report_or_404(slug, date, item)
        from govdocs.reports import report_folder

        name = {"cover.docx": "cover.docx", "draft": report.file}.get(which)
        if not name:
            abort(404)
        path = report_folder(g.ws, m, item) / name
        if not path.is_file() or path.is_symlink():
            abort(404)
        return send_file(path, as_attachment=True, download_name=f"{m.board}-{m.date}-item-{item}-{name}")

    @app.post("/reports/<slug>/<date>/<item>/draft")
    def hand_in(slug, date, item):
        request.max_content_length = UPLOAD_LIMIT  # before the form is read
        check_csrf()
        m, report, roles = _report_or_404(slug, date, item)
        if g.person.initials != report.author:
            abort(403, "Only the report's author hands in its drafts.")
        upload = request.files.get("draft")
        suffix = Path(upload.filename or "").suffix.lower() if upload else ""
        if upload is None or not upload.filename:
            return _again(m, report, roles, "Choose the file of your draft (.docx, .odt or .pdf).")
        from govdocs.edit.reports import DRAFT_KINDS, submit_report

        if suffix not in DRAFT_KINDS:
            return _again(m, report, roles, "A report is handed in as a .docx, .odt or .pdf file.")
        with tempfile.TemporaryDirectory(prefix="govdocs-upload-") as tmp:
            path = Path(tmp) / f"draft{suffix}"  # never the browser's name for it
            upload.save(path)
            return _commit(m, report, roles, lambda: submit_report(g.ws, m, item, path, g.person.initials),
                           "Thank you: your draft is handed in and goes to clearance.")

    @app.post("/reports/<slug>/<date>/<item>/clearance")
    def clear(slug, date, item):
        check_csrf()
        m, report, roles = _report_or_404(slug, date, item)
        role = request.form.get("role", "")
        if (role, g.person.initials) not in roles:
            abort(403, "Only the officer named for that role clears the report.")
        returned = request.form.get("outcome") == "returned"
        note = request.form.get("note", "")[:2000]
        from govdocs.edit.reports import clear_report

        return _commit(m, report, roles, lambda: clear_report(g.ws, m, item, role, g.person.initials, note, returned),
                       "Returned to the author with your comment." if returned else f"Cleared as {role}.")


def _report_or_404(slug: str, date: str, item: str):
    """The report, for its author, its lead, the officers who clear it and the clerks; 404 or 403 for others."""
    from govdocs.reports import ITEM_NUMBER, clearers, reports_of

    person = require_person()
    b = g.ws.boards.get(slug)
    if b is None or not ITEM_NUMBER.match(item):
        abort(404)
    try:
        m = g.ws.meeting(b.slug, dt.date.fromisoformat(date).isoformat())
        report = reports_of(g.ws, m).get(item)
    except (ValueError, GovdocsError):
        abort(404)
    if report is None:
        abort(404)
    roles = clearers(g.ws, b)
    if person.initials not in {report.author, report.lead, *(who for _, who in roles)} and not is_clerk(g.ws, person):
        abort(403, "A report is open to its author, the officers who clear it and the clerks.")
    return m, report, roles


def _page(m, report, roles) -> dict:
    from govdocs.dates import today
    from govdocs.reports import holding_up, state_of
    from govdocs.store import history

    it = m.item(report.item)
    state = state_of(report, roles, today())
    rel = g.ws.rel(m.folder / "reports" / report.item)
    names = {i: p.display_name for i, p in g.ws.people.items()}
    word = {c.role: c for c in report.clearances}
    return {"m": m, "r": report, "title": it.title if it else f"Item {report.item}", "state": state,
            "board": g.ws.board(m.board).name, "waiting": holding_up(report, roles, state),
            "mine": [role for role, who in roles if who == g.person.initials],
            "author": names.get(report.author, report.author), "is_author": g.person.initials == report.author,
            "clearance": [{"role": role, "who": names.get(who, who), "word": word.get(role)} for role, who in roles],
            "history": [{"when": e.date[:16].replace("T", " "), "who": e.author, "what": e.subject,
                         "web": "Govdocs-Via: web" in e.body} for e in history.log(g.ws.root, [rel], limit=50)]}


def _again(m, report, roles, message: str, status: int = 422):
    return render_template("report.html", **_page(m, report, roles), message=message, problem=True), status


def _commit(m, report, roles, make, done: str):
    """Make the change in the signed-in person's name, as the CLI would; the page again, with what happened."""
    try:
        apply_as_signed_in(make())
    except GovdocsError as exc:
        return _again(m, report, roles, exc.format_message())
    except OSError as exc:
        log.error("web change to a report not saved: %s", exc)
        return _again(m, report, roles, f"Not saved: the record could not be written ({exc.strerror or exc}).", 500)
    session["flash"] = done
    return redirect(url_for("report_page", slug=m.board, date=m.date, item=report.item), 303)
