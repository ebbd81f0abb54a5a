"""`govdocs serve`: the web pages through which action owners, members and clerks use the record.

Plain server-rendered forms (no JavaScript needed), over the same model as the command line; every change
is the same Change the CLI makes, committed in the signed-in person's name.
"""
from __future__ import annotations

from pathlib import Path


def create_app(root: str | Path | None = None, service=None):
    """The Flask application for the workspace at `root` (default: GOVDOCS_WORKSPACE or the current folder),
    with the service's settings (default: read from the environment and GOVDOCS_SERVICE_CONFIG).

    For a production server: `waitress-serve --call govdocs.web:create_app` (see the README)."""
    from govdocs.store.bulk import long_running
    from govdocs.web.app import build

    long_running()  # the index is read again every half minute: nothing read is frozen out of the collector
    return build(root, service)
