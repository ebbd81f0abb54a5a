"""`govdocs site`: the public record as a static website — pages, search, iCalendar and Atom feeds, and
OParl 1.1 JSON — holding nothing exempt, ever.

Every page is built from the same public views of the record the public documents use (the agenda and
minutes contexts with `private=False`, `audit.decisions`, the public action log), and refuses, like a
public pack, when any meeting's exemption is unclear. Files are written only when their bytes change,
and files an earlier build wrote that this one did not (a page for an item since made exempt) are removed.
"""
from __future__ import annotations

from govdocs.site.build import build_site

__all__ = ["build_site"]
