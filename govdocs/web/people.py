"""Who is asking: the person signed in, whether they are a clerk or a member today, and whether the form
they sent is this browser's own."""
from __future__ import annotations

import secrets

from flask import abort, g, request, session

from govdocs.dates import today
from govdocs.store.workspace import Workspace


def person_by_email(ws: Workspace, email: str):
    email = email.strip().lower()
    return next((p for p in ws.people.values() if p.email and p.email.lower() == email), None) if email else None


def is_clerk(ws: Workspace, person) -> bool:
    """A clerk is named in the service's configuration; the record cannot make anyone a clerk."""
    return person is not None and person.initials in g.service.clerks


def is_board_clerk(board, person) -> bool:
    """A clerk of every board, or one the service names for this board alone."""
    return person is not None and (person.initials in g.service.clerks
                                   or person.initials in g.service.board_clerks.get(board.slug, []))


def is_member_today(board, person) -> bool:
    """Access follows membership on the day of the request: a member who left sees the board no more."""
    mb = board.member(person.initials) if person is not None else None
    return mb is not None and mb.member_on(today().isoformat())


def my_boards(ws: Workspace, person) -> list:
    if person is None:
        return []
    return [b for b in ws.boards.values() if is_board_clerk(b, person) or is_member_today(b, person)]


def require_person():
    if g.person is None:
        abort(401)
    return g.person


def apply_as_signed_in(ch) -> None:
    """Commit the change as the CLI would, in the signed-in person's name, marked as made on the web."""
    ch.author = (g.person.name, g.person.email or f"{g.person.initials}@govdocs.invalid")
    ch.trailer("Govdocs-Via: web")
    ch.apply(quiet=True)


def check_csrf() -> None:
    """The form's token must be this browser's, and a browser that says where the form came from must say
    it came from govdocs itself."""
    sent = request.form.get("csrf", "")
    origin = request.headers.get("Origin", "")
    # pages send Referrer-Policy: no-referrer, under which browsers send "Origin: null" for their own forms
    if origin and origin != "null" and origin.rstrip("/") != _origin(g.service.base_url):
        abort(400, "This form did not come from govdocs; go back, reload the page and try again.")
    if not sent or not secrets.compare_digest(sent, session.get("csrf", "")):
        abort(400, "This form has expired or did not come from govdocs; go back, reload the page and try again.")


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
