"""The pack's front matter as one HTML document: agenda, contents, minutes, action log, forward plan and
highlight report, with the workspace's own style sheet."""
from __future__ import annotations

import hashlib

from govdocs.dates import long_date, short_date
from govdocs.errors import RenderError
from govdocs.model import Meeting
from govdocs.pack.parts import Part
from govdocs.render import context as C
from govdocs.render.documents import render_html, template_dirs
from govdocs.render.kinds import TITLES
from govdocs.store.workspace import Workspace

LANDSCAPE_KINDS = ("actions",)


PART_NAMES = {"contents": "contents", **{kind: title.lower() for kind, title in TITLES.items()}}


def accessibility_note(parts: list[Part], untagged: list[str], contact: str = "") -> str:
    """What the pack can say of its accessibility, naming only the parts it holds and every paper a screen
    reader cannot follow."""
    names = [PART_NAMES[p.kind] for p in parts if p.kind in PART_NAMES]
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else "front matter"
    ask = f"ask {contact}" if contact else "ask the clerk"
    if not untagged:
        return (f"The {listed} in this pack, and its appended papers, are tagged for assistive technology "
                f"(PDF/UA-1). If anything in it does not work for you, {ask} for another format.")
    which = "; ".join(untagged)
    return (f"The {listed} in this pack are tagged for assistive technology, and so are its papers, except "
            f"{'this one, which was' if len(untagged) == 1 else 'these, which were'} supplied as untagged PDF and "
            f"cannot be read in order by a screen reader: {which}. For an accessible version, {ask}.")


def untagged_papers(parts: list[Part]) -> list[str]:
    """The papers supplied as PDF without a structure tree (office papers are converted with one)."""
    from govdocs.papers import untagged_pdf

    return [p.title for p in parts if p.kind == "paper" and p.source is not None
            and p.source.suffix.lower() == ".pdf" and untagged_pdf(p.source)]


def main_of(html: str) -> str:
    """The body of a rendered document, without its own <html>, head and masthead."""
    if "<main>" not in html or "</main>" not in html:
        raise RenderError("an HTML template must keep its <main> element for the board pack")
    return html.split("<main>", 1)[1].rsplit("</main>", 1)[0]


def _css_string(text: str) -> str:
    """Text as a CSS string that cannot end the string or the <style> element (`</style>` stays text)."""
    safe = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-:;()'&")
    return '"' + "".join(c if c in safe or ord(c) > 127 else f"\\{ord(c):x} " for c in text) + '"'


def front_matter_html(ws: Workspace, meeting: Meeting, parts: list[Part], bodies: dict[int, str], private: bool,
                       fixed_iso: str) -> str:
    """Every generated part as one document (templates/html/pack.html, which extends the council's own
    base.html), so the PDF keeps one structure tree (PDF/UA) and WeasyPrint numbers the pages and fills in
    the contents with target-counter()."""
    from markupsafe import Markup

    ctx = C.base(ws, meeting, "agenda", private)
    contents, sections, css = [], [], []
    for i, p in enumerate(parts):
        anchor = f"part-{i}"
        if p.kind == "paper":
            # the paper comes after the front matter; its destination is moved to its first page when the
            # pack is joined (see point_appendix_links)
            contents.append({"title": p.title, "letter": p.letter, "label": p.first_label})
            continue
        contents.append({"title": p.title, "anchor": anchor, "letter": ""})
        css.append(f"#{anchor} h1 {{ bookmark-label: {_css_string(p.title)}; }}")
        if p.kind != "contents":
            sections.append({"anchor": anchor, "body": Markup(bodies[i]), "first": i == 0,
                             "landscape": p.kind in LANDSCAPE_KINDS})
    footer = f"{ctx['board']} — {short_date(meeting.date)}"
    # "Page 3 of 15", as the documents on their own say; the appended papers are numbered A1, A2 … B1 …
    css.append("@page { @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); } "
               f"@bottom-left {{ content: {_css_string(footer)}; }} }}")
    ctx.update({
        "title": f"{ctx['board']}: board pack, {long_date(meeting.date)}" + (" (NOT FOR PUBLICATION)" if private else ""),
        "kind_title": "Board Pack", "parts": sections, "contents": contents, "pack_css": Markup("".join(css)),
        "accessibility": accessibility_note(parts, untagged_papers(parts), ws.board(meeting.board).contact)
        if any(p.kind == "paper" for p in parts) else "",
    })
    return render_html(ws, "pack", ctx, fixed_date=fixed_iso)


def loaded_files(ws: Workspace, html: str) -> str:
    """What the front matter's HTML loads besides itself (a logo, a font), by content: a new logo under the
    same name renders afresh."""
    import re

    from govdocs.store.partcache import key

    found = []
    for ref in sorted(set(re.findall(r"""(?:src=["']|url\(["']?)([^"')]+)""", html))):
        if ref.startswith("data:") or "://" in ref:
            continue
        for base in [ws.root] + template_dirs(ws):
            f = (base / ref).resolve()
            if f.is_file():
                found.append(ref + ":" + hashlib.sha256(f.read_bytes()).hexdigest())
                break
    return key(*found)
