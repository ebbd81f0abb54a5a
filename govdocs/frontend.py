"""govuk-frontend for the web service and the public site: found where `scripts/setup` put it, made a
council's own (no GOV.UK typeface, crest or crown), and a plain stylesheet when it is not there.

GOV.UK's typeface and crest are for GOV.UK alone; local authorities use the Design System's patterns with
their own name, colour and a system font, which is what `stylesheet()` gives."""
from __future__ import annotations

import os
import re
import sys
from functools import lru_cache
from pathlib import Path

from govdocs.render.documents import DEFAULT_TEMPLATES

DEFAULT_COLOUR = "#1d3c6e"
MISSING = ("govuk-frontend is not installed (run scripts/setup, or set GOVDOCS_GOVUK_FRONTEND to its dist/govuk "
           "folder); the pages use govdocs' plain stylesheet")


def frontend_dir() -> Path | None:
    """govuk-frontend's dist/govuk folder: GOVDOCS_GOVUK_FRONTEND, else where scripts/setup installs it
    (beside the virtual environment govdocs runs in)."""
    override = os.environ.get("GOVDOCS_GOVUK_FRONTEND")
    folder = Path(override) if override is not None else (
        Path(sys.prefix) / "govuk" / "node_modules" / "govuk-frontend" / "dist" / "govuk")
    found = (folder / "govuk-frontend.min.css").is_file() and (folder / "govuk-frontend.min.js").is_file()
    return folder if found else None


@lru_cache(maxsize=4)
def _stylesheet_from(folder: str, mtime: float) -> str:
    css = (Path(folder) / "govuk-frontend.min.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*\}", "", css)  # GDS Transport: GOV.UK's own typeface, not ours to use
    css = css.replace("GDS Transport,arial,sans-serif", "arial,sans-serif").replace(
        "font-family:GDS Transport", "font-family:arial,sans-serif")
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)
    # the crest's rules (the footer's copyright logo, never used here) would ask for an image we do not ship
    css = re.sub(r"@supports[^{]*\{[^{}]*\{[^{}]*govuk-crest[^{}]*\}\}", "", css)
    return re.sub(r"[^{}]*\{[^{}]*govuk-crest[^{}]*\}", "", css)


def stylesheet(folder: Path) -> str:
    """govuk-frontend's compiled stylesheet without GOV.UK's typeface or crest."""
    path = folder / "govuk-frontend.min.css"
    return _stylesheet_from(str(path.parent), path.stat().st_mtime)


def script(folder: Path) -> str:
    js = (folder / "govuk-frontend.min.js").read_text(encoding="utf-8")
    return re.sub(r"//# sourceMappingURL=\S*", "", js)


def own_stylesheet(colour: str, frontend: bool) -> str:
    """govdocs' additions over govuk-frontend (or, without it, the plain stylesheet), in the council's colour."""
    names = ("govuk.css" if frontend else "plain.css", "govdocs.css")
    css = "".join((DEFAULT_TEMPLATES / "web" / name).read_text(encoding="utf-8") for name in names)
    return f":root {{ --council-colour: {colour}; }}\n" + css

