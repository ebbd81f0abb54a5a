"""The pack's front matter as one HTML document: agenda, contents, minutes, action log, forward plan and
highlight report, with the workspace's own style sheet."""
from __future__ import annotations

import hashlib

from govdocs.dates import long_date, short_date
from govdocs.errors import RenderError
from govdocs.model import Meeting
from govdocs.pack.parts import Part
from govdocs.render import context as C
from govdocs.render.documents import template_dirs
from govdocs.render.kinds import TITLES
from govdocs.store.workspace import Workspace

LANDSCAPE_KINDS = ("actions",)


PART_NAMES = {"contents": "contents", **{kind: title.lower() for kind, title in TITLES.items()}}


def accessibility_note(parts: list[Part]) -> str:
    """What the pack can say of its accessibility, naming only the parts it holds."""
    names = [PART_NAMES[p.kind] for p in parts if p.kind in PART_NAMES]
    listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else "front matter"
    return (f"The {listed} in this pack are tagged for assistive technology. The appended papers are reproduced "
            "as their authors supplied them, and govdocs cannot vouch for their accessibility; ask the clerk for "
            "an accessible version of any paper.")


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
    """Every generated part as one document, so the PDF keeps one structure tree (PDF/UA) and WeasyPrint
    numbers the pages and fills in the contents with target-counter()."""
    from markupsafe import escape

    ctx = C.base(ws, meeting, "agenda", private)
    board = ctx["board"]
    title = f"{board}: board pack, {long_date(meeting.date)}" + (" (NOT FOR PUBLICATION)" if private else "")
    rows, sections, css = [], [], []
    for i, p in enumerate(parts):
        anchor = f"part-{i}"
        if p.kind == "paper":
            # the paper comes after the front matter; its destination is moved to its first page when the
            # pack is joined (see point_appendix_links)
            rows.append(f"<tr><td><a href='#appendix-{p.letter}'>{escape(p.title)}</a></td>"
                        f"<td><a class='label' href='#appendix-{p.letter}'>{escape(p.first_label)}</a></td></tr>")
            continue
        rows.append(f"<tr><td><a href='#{anchor}'>{escape(p.title)}</a></td>"
                    f"<td><a class='pageref' href='#{anchor}' aria-label='page'></a></td></tr>")
        css.append(f"#{anchor} h1 {{ bookmark-label: {_css_string(p.title)}; }}")
        if p.kind == "contents":
            continue
        landscape = " landscape" if p.kind in LANDSCAPE_KINDS else ""
        sections.append((i, f"<section class='part{landscape}' id='{anchor}'>{bodies[i]}</section>"))
    contents = ("<section class='part' id='part-1'><h1>Contents</h1>"
                f"<p class='meta'>{escape(board)} — {escape(ctx['when'])}</p>"
                "<table><thead><tr><th scope='col'>Part</th><th scope='col'>Page</th></tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
                "<p class='muted'>Appendix pages are numbered by their letter: A1, A2 … B1 …</p>"
                + (f"<h2>Accessibility</h2><p>{escape(accessibility_note(parts))}</p>"
                   if any(p.kind == "paper" for p in parts) else "") + "</section>")
    targets = "".join(f"<span id='appendix-{p.letter}'></span>" for p in parts if p.kind == "paper")
    body = "".join(html if i == 0 else "" for i, html in sections) + contents + \
        "".join(html for i, html in sections if i != 0) + targets
    footer = f"{board} — {short_date(meeting.date)}"
    # "Page 3 of 15", as the documents on their own say; the appended papers are numbered A1, A2 … B1 …
    css.append("@page { @bottom-center { content: \"Page \" counter(page) \" of \" counter(pages); } "
               f"@bottom-left {{ content: {_css_string(footer)}; }} }}")
    if private:
        css.append("@page { @top-center { content: \"NOT FOR PUBLICATION — exempt or confidential information "
                   "(Part 2)\"; color: #a00000; font-weight: bold; font-size: 9pt; } }")
    return (f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<meta name='author' content='{escape(ws.council)}'><meta name='generator' content='govdocs'>"
            f"<meta name='dcterms.created' content='{fixed_iso}'><meta name='dcterms.modified' content='{fixed_iso}'>"
            f"<style>{_css(ws)}{''.join(css)}</style></head><body>"
            f"<header class='masthead'><p class='council'>{escape(ws.council)}</p></header>{body}</body></html>")


def _css(ws: Workspace) -> str:
    from govdocs.render.documents import css

    return css(ws)


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
