"""Building the site: the public data of each page, rendered through the site's templates."""
from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from pathlib import Path

from govdocs import actionlog
from govdocs.dates import british_time_range, is_date, long_date, short_date
from govdocs.errors import RecordError, UsageProblem
from govdocs.exempt import refuse_unclear
from govdocs.frontend import frontend_dir
from govdocs.render import context as C
from govdocs.rules import rules_for
from govdocs.site import pages
from govdocs.site.inputs import COUNCIL, LastBuild, part_of
from govdocs.site.write import SiteWriter, file_size, slug
from govdocs.store.workspace import Workspace


def _env():
    from govdocs.render.documents import DEFAULT_TEMPLATES, template_env

    return template_env([DEFAULT_TEMPLATES / "site"])


class Site:
    """The public record of one workspace, and the links between its pages (all relative)."""

    def __init__(self, ws: Workspace, out: Path, base_url: str, documents: bool = True, search: bool = True):
        self.ws, self.out, self.base = ws, out, base_url.rstrip("/")
        self.documents = documents  # the agenda, minutes and pack PDFs of each meeting
        self.search = search  # each part has its search index, and the search page merges them
        self.env = _env()
        self.frontend = frontend_dir()  # govuk-frontend, copied in beside the pages; else the plain stylesheet
        self.writer = SiteWriter(out)
        self.meetings = [m for b in sorted(ws.boards) for m in ws.meetings(b)]
        for m in self.meetings:  # unclear exemption fails closed: nothing is published until it is clear
            refuse_unclear(ws, m)
        self.public_actions = C.public_actions(ws)
        self.decisions = self._decisions()
        self._meetings: dict[tuple[str, str], dict] = {}
        self._grouped: dict[str, dict] = {}

    # --- paths ---------------------------------------------------------------------------
    @staticmethod
    def meeting_path(m) -> str:
        return f"boards/{m.board}/{m.date}/index.html"

    @staticmethod
    def person_path(initials: str) -> str:
        return f"people/{slug(initials)}.html"

    def page(self, rel: str, template: str, **values) -> None:
        depth = rel.count("/")
        values.setdefault("title", "")
        html = self.env.get_template(template).render(root="../" * depth, council=self.ws.council, here=rel,
                                                      frontend=self.frontend is not None,
                                                      boards=self.board_list(), **values)
        self.writer.put(rel, html)

    def board_list(self) -> list[dict]:
        return [{"slug": b.slug, "name": b.name} for b in sorted(self.ws.boards.values(), key=lambda b: b.name)]

    def published_people(self) -> set[str]:
        """The people the public pages show: those with a public attendance record, a membership, or a public
        action. Anyone who appears only in Part 2 business is in no page, no feed and no OParl object."""
        if not hasattr(self, "_published"):
            from govdocs.site.pages import attendance_record

            owners = {o for a in self.public_actions for o in a.owners}
            self._published = {i for i in self.ws.people
                                if i in owners
                                or any(mb.initials == i for b in self.ws.boards.values() for mb in b.members)
                                or attendance_record(self, i)}
        return self._published

    def owner_name(self, initials: str) -> str:
        """An action's owner as residents read it: the name, and the role where the record has one."""
        p = self.ws.people.get(initials)
        if p is None:
            return initials
        return f"{p.display_name} ({p.role})" if p.role else p.display_name

    def board_name(self, slug_: str) -> str:
        return C.board_name(self.ws, slug_)

    def name(self, initials: str) -> str:
        p = self.ws.people.get(initials)
        return p.display_name if p else initials

    # --- the record, as the public sees it -----------------------------------------------
    def _decisions(self) -> list[dict]:
        from govdocs.audit import decisions

        rows = []
        for n, d in enumerate(sorted(decisions(self.ws), key=lambda d: (d["meeting"], d["board"], d["item"]),
                                     reverse=True)):
            board = self.ws.boards.get(d["board"])
            rows.append({**d, "id": f"{d['board']}-{d['meeting']}-{slug(d['item'])}-{n}",
                         "board_name": board.name if board else d["board"], "date": short_date(d["meeting"]),
                         "year": d["meeting"][:4],
                         "word": (rules_for(board).decision_word if board else "RESOLVED"),
                         "meeting_path": f"boards/{d['board']}/{d['meeting']}/index.html"})
        return rows

    def papers_of(self, m) -> list[dict]:
        """The meeting's public papers: copied into the site under their own names, with size and type."""
        from govdocs.papers import paper_path

        out = []
        for p, s, it in C.public_papers(m):
            src = paper_path(self.ws, m, p.file)
            if not src.is_file():
                continue
            rel = f"boards/{m.board}/{m.date}/papers/{src.name}"
            data = src.read_bytes()
            self.writer.put(rel, data)
            kind = (mimetypes.guess_type(src.name)[0] or "application/octet-stream")
            out.append({"item": s.number, "top": it.number, "title": p.title or s.title, "file": src.name,
                        "path": rel, "size": file_size(len(data)), "bytes": len(data), "type": _kind(src.suffix),
                        "mime": kind, "sha": hashlib.sha256(data).hexdigest()})
        return out

    def meeting_values(self, m) -> dict:
        """Everything a meeting's page shows, made once per build (the page, the OParl objects and the
        paper list all read it)."""
        key = (m.board, m.date)
        if key not in self._meetings:
            self._meetings[key] = self._meeting_values(m)
        return self._meetings[key]

    def _meeting_values(self, m) -> dict:
        agenda = C.agenda(self.ws, m, private=False)
        minutes = C.minutes(self.ws, m, private=False) if (m.minutes or m.attendance.recorded) else None
        raised = [self.action_row(a) for a in self.grouped("actions").get((m.board, m.date), [])]
        return {"m": m, "agenda": agenda, "minutes": minutes, "papers": self.papers_of(m), "actions": raised,
                "long": long_date(m.date), "time": british_time_range(m.start, m.end),
                "board_name": self.board_name(m.board),
                "decisions": self.grouped("decisions").get((m.board, m.date), []),
                "status": ("Cancelled: " + m.cancelled) if m.cancelled else m.status.replace("-", " ")}

    def grouped(self, what: str) -> dict:
        """The public actions, or the decisions, by the meeting they belong to: one pass, not one a meeting."""
        if what not in self._grouped:
            rows = self.public_actions if what == "actions" else self.decisions
            out: dict = {}
            for r in rows:
                key = (r.board, r.meeting) if what == "actions" else (r["board"], r["meeting"])
                out.setdefault(key, []).append(r)
            self._grouped[what] = out
        return self._grouped[what]

    def action_row(self, a) -> dict:
        v = actionlog.view(self.ws, a)
        latest = v.latest
        return {"id": a.id, "text": a.text, "owners": ", ".join(self.owner_name(o) for o in a.owners),
                "due": short_date(v.due) if v.due else a.due, "rag": a.rag or "", "rag_label": v.rag_label,
                "status": v.status_words,
                "latest": f"{short_date(latest.date)}: {latest.text}" if latest and is_date(latest.date) else "",
                "meeting": a.meeting, "board": a.board}


def _kind(suffix: str) -> str:
    return {".pdf": "PDF", ".docx": "Word", ".doc": "Word", ".odt": "OpenDocument text", ".xlsx": "Excel",
            ".xls": "Excel", ".ods": "OpenDocument spreadsheet", ".pptx": "PowerPoint", ".ppt": "PowerPoint",
            ".odp": "OpenDocument presentation", ".rtf": "Rich text"}.get(suffix.lower(), suffix.lstrip(".").upper())


def build_site(ws: Workspace, out: Path, base_url: str, search: bool = True, documents: bool = True) -> dict:
    """Write the site into `out`; returns what was written, changed and removed."""
    if not re.match(r"^https?://[^\s/]+(/\S*)?$", base_url or ""):
        raise UsageProblem("--base-url should be where the site will be published, e.g. https://democracy.example.gov.uk")
    out = check_output_folder(ws, Path(out))
    refuse_odd_board_names(ws)
    out.mkdir(parents=True, exist_ok=True)

    last = LastBuild(ws, out, [base_url, str(search), str(documents)])
    if last.still_holds():  # nothing it was made from has changed, and nothing in it has: nothing to do
        return {"files": last.files, "changed": 0, "removed": 0, "frontend": frontend_dir() is not None,
                "unchanged": True}
    site = Site(ws, out, base_url, documents, search)
    to_make = last.parts_to_make(site)
    make_parts(site, to_make)
    # what is no longer published goes before the indexes are made, so no index sees it; each index
    # replaces its old one whole
    bundles = tuple(pages.search_bundle(p) for p in [COUNCIL, *ws.boards]) if search else ()
    removed = site.writer.finish(keep=bundles)
    for part in to_make if search else ():
        pages.index_search(site, part)
    site.writer.save_manifest()
    last.remember()
    return {"files": len(site.writer.written), "changed": len(site.writer.changed), "removed": len(removed),
            "frontend": site.frontend is not None, "unchanged": False,
            "made": made_words(to_make, len(ws.boards))}


def made_words(parts: list[str], boards: int) -> str:
    """Which parts of the site a build made again, as the clerk reads it."""
    if len(parts) == boards + 1:
        return "everything"
    names = sorted(p for p in parts if p != COUNCIL) + (["the council-wide pages"] if COUNCIL in parts else [])
    return ", ".join(names) or "nothing (only files lost or changed by hand)"


def make_parts(site: Site, parts: list[str]) -> None:
    """Write the pages, feeds and open data of the parts that changed; keep every other part's files."""
    from govdocs.site import feeds, oparl

    todo = set(parts)
    site.writer.keep(lambda rel: part_of(rel, site.ws.boards) not in todo)
    for slug_ in sorted(todo - {COUNCIL}):
        pages.write_board_pages(site, slug_)
        feeds.write_board_calendar(site, slug_)
    if COUNCIL in todo:
        pages.write_council_pages(site)
        feeds.write_council_feeds(site)
        oparl.write_oparl(site)


def refuse_odd_board_names(ws: Workspace) -> None:
    """A board's folder name becomes the site's paths and its search index's glob: one a pull brought that
    `board add` would refuse (`x,**`, `{a,b}`) could gather other boards' pages into its part."""
    from govdocs.edit.boards import SLUG

    for name in ws.boards:
        if not SLUG.match(name):
            raise RecordError(f"the board folder {name!r} is not a board name (lower case letters, digits and "
                              "hyphens, as 'govdocs board add' makes); rename the folder", f"boards/{name}")


def check_output_folder(ws: Workspace, out: Path) -> Path:
    """The site's folder: not a link, through no link inside the workspace (a committed link named `site`
    would send the site anywhere), and either new, empty or one govdocs wrote before (every file in it is
    then held to the manifest, and files not in it are removed)."""
    from govdocs.site.write import MANIFEST
    from govdocs.store.workspace import link_on_path

    out = Path(os.path.abspath(out))
    inside = out.is_relative_to(ws.root)
    problem = link_on_path(ws.root, out) if inside else ("is a symbolic link" if out.is_symlink() else "")
    if problem:
        raise UsageProblem(f"the site folder {out} {problem}; write the site to a real folder")
    if out.exists() and not out.is_dir():
        raise UsageProblem(f"{out} is a file, not a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise UsageProblem(f"{out} is not empty and was not written by govdocs site; choose an empty or new folder")
    return out
