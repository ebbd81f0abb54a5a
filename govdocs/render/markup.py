"""The small Markdown subset of minutes and notes: paragraphs, bullet and numbered lists, bold, italic.

One parser (markdown-it-py, with raw HTML off) turns text into blocks; the HTML and Word writers
both start from the blocks, so the two formats always agree. Everything else is literal text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

Run = tuple[str, bool, bool]  # text, bold, italic


@dataclass
class Block:
    kind: str  # "p", "ul", "ol"
    runs: list[Run] = field(default_factory=list)
    items: list[list[Run]] = field(default_factory=list)
    start: int = 1
    levels: list[int] = field(default_factory=list)  # nesting depth of each item, 0 for the outer list
    markers: list[str] = field(default_factory=list)  # "•" or "3." for each item, nested ones included

    def level(self, i: int) -> int:
        return self.levels[i] if i < len(self.levels) else 0


@dataclass
class Rich:
    """Formatted text from the record; writers decide how to show it."""

    blocks: list[Block]

    def __bool__(self) -> bool:
        return bool(self.blocks)

    @property
    def plain(self) -> str:
        out = []
        for b in self.blocks:
            if b.kind == "p":
                out.append("".join(r[0] for r in b.runs))
            else:
                out.extend("".join(r[0] for r in item) for item in b.items)
        return "\n".join(out)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero", {"html": False, "breaks": False})
    md.enable(["emphasis", "list", "newline"])
    return md


def _inline_runs(token) -> list[Run]:
    runs: list[Run] = []
    bold = italic = 0
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "em_open":
            italic += 1
        elif child.type == "em_close":
            italic -= 1
        elif child.type == "text":
            runs.append((child.content, bold > 0, italic > 0))
        elif child.type in ("softbreak", "hardbreak"):
            runs.append((" ", bold > 0, italic > 0))
        else:
            runs.append((child.content, bold > 0, italic > 0))
    merged: list[Run] = []
    for r in runs:
        if not r[0]:
            continue
        if merged and merged[-1][1:] == r[1:]:
            merged[-1] = (merged[-1][0] + r[0], r[1], r[2])
        else:
            merged.append(r)
    return merged


_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text that Word and PDF can hold: control characters (other than tab and newline) become U+FFFD."""
    return _INVALID.sub("\ufffd", text) if _INVALID.search(text) else text


def parse(text: str | None) -> Rich:
    """Markdown subset -> blocks; if the parse would lose a word or leave an empty bullet, the text is kept literally."""
    if not text or not str(text).strip():
        return Rich([])
    text = xml_safe(str(text))
    rich = _parse_markdown(text)
    if not _keeps_every_word(text, rich):
        return literal(text)
    return rich


def _parse_markdown(text: str) -> Rich:
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    outer: Block | None = None
    lists: list[list] = []  # [kind, next number] for each open list, outermost first
    items: list[list[Run]] = []  # the runs of each open list item
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            kind = "ul" if tok.type == "bullet_list_open" else "ol"
            start = int(tok.attrGet("start") or 1) if kind == "ol" else 1
            if outer is None:
                outer = Block(kind, start=start)
            lists.append([kind, start])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists and outer is not None:
                blocks.append(outer)
                outer = None
        elif tok.type == "list_item_open" and outer is not None and lists:
            kind, n = lists[-1]
            runs: list[Run] = []
            outer.items.append(runs)
            outer.levels.append(len(lists) - 1)
            outer.markers.append(f"{n}." if kind == "ol" else "•")
            lists[-1][1] = n + 1
            items.append(runs)
        elif tok.type == "list_item_close":
            if items:
                items.pop()
        elif tok.type == "inline":
            runs = _inline_runs(tok)
            if items:
                if items[-1] and runs:
                    items[-1].append((" ", False, False))
                items[-1].extend(runs)
            else:
                blocks.append(Block("p", runs=runs))
    return Rich(blocks)


def _keeps_every_word(text: str, rich: Rich) -> bool:
    """Official minutes never silently drop words: every word typed must be in what is shown."""
    if any(not item for b in rich.blocks for item in b.items):
        return False  # "* * *" or "-" alone would print as an empty bullet
    typed = _MARKER.sub("", text)  # list numbers are shown as numbers, not kept as words of the text
    return not (Counter(_WORD.findall(typed)) - Counter(_WORD.findall(rich.plain)))


_WORD = re.compile(r"\w+")
_MARKER = re.compile(r"^[ \t>]*(?:\d{1,9}[.)]|[-*+])(?=[ \t]|$)", re.M)


def literal(text: str) -> Rich:
    """Text exactly as typed, one paragraph per blank-line-separated part."""
    parts = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
    return Rich([Block("p", runs=[(p, False, False)]) for p in parts])


def plain(text: str) -> Rich:
    """Text shown exactly as typed, in one paragraph (titles, names)."""
    return Rich([Block("p", runs=[(xml_safe(text), False, False)])]) if text else Rich([])


def _runs_html(runs: list[Run]) -> str:
    out = []
    for text, bold, italic in runs:
        h = escape(text, quote=False)
        if italic:
            h = f"<em>{h}</em>"
        if bold:
            h = f"<strong>{h}</strong>"
        out.append(h)
    return "".join(out)


def _runs_text_html(runs: list[Run]) -> str:
    return _runs_html(runs).replace("\n", "<br>")


def _list_html(b: Block) -> str:
    """Nested <ul>/<ol> from the flat items and their levels."""
    out, open_tags = [], []
    for i, runs in enumerate(b.items):
        level = b.level(i)
        marker = b.markers[i] if i < len(b.markers) else ("1." if b.kind == "ol" else "•")
        tag = "ol" if marker.endswith(".") else "ul"
        while len(open_tags) > level + 1:
            out.append(f"</li></{open_tags.pop()}>")
        if len(open_tags) == level + 1:
            out.append("</li>")
        while len(open_tags) < level + 1:
            start = f' start="{b.start}"' if not open_tags and tag == "ol" and b.start != 1 else ""
            out.append(f"<{tag}{start}>")
            open_tags.append(tag)
        out.append(f"<li>{_runs_text_html(runs)}")
    while open_tags:
        out.append(f"</li></{open_tags.pop()}>")
    return "".join(out)


def to_html(rich: Rich) -> str:
    parts = []
    for b in rich.blocks:
        if b.kind == "p":
            parts.append(f"<p>{_runs_text_html(b.runs)}</p>")
        else:
            parts.append(_list_html(b))
    return "".join(parts)


class Subdoc:
    """A docxtpl sub-document without docxtpl's cost: docxtpl's own opens python-docx's whole default
    document for each one (about 10 ms; a minutes has dozens), only to use its empty body. This one is an
    empty body on the template's own part, so styles resolve against the template exactly as there."""

    def __init__(self, tpl):
        from docx.document import Document
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls

        tpl.init_docx()
        self.subdocx = Document(parse_xml(f"<w:document {nsdecls('w')}><w:body/></w:document>"), tpl.docx.part)

    def __getattr__(self, name):
        return getattr(self.subdocx, name)

    empty = False  # made from no text (it then holds one empty paragraph, so `{{p x }}` still has a place)

    def __bool__(self) -> bool:  # `{%p if w.impact %}` in a Word template: empty text is false, as in HTML
        return not self.empty

    def __html__(self) -> str:  # what docxtpl puts in the template's place
        from lxml import etree

        return "".join(etree.tostring(child, encoding="unicode") for child in self.subdocx.element.body)

    __str__ = __html__


def to_subdoc(tpl, rich: Rich):
    """A docxtpl sub-document of real Word paragraphs, runs and list styles."""
    from docx.shared import Mm

    sd = Subdoc(tpl)
    styles = {s.name for s in sd.styles}
    for b in rich.blocks:
        if b.kind == "p":
            _add_runs(sd.add_paragraph(), b.runs)
        elif b.kind == "ul" and "List Bullet" in styles and not any(b.levels):
            for item in b.items:
                _add_runs(sd.add_paragraph(style="List Bullet"), item)
        else:
            # Numbers are written out: Word's "List Number" shares one counter across the whole
            # document, so every minute's list would go on from the last one's number.
            for i, item in enumerate(b.items):
                p = sd.add_paragraph(style="List Paragraph" if "List Paragraph" in styles else None)
                p.paragraph_format.left_indent = Mm(7 + 6 * b.level(i))
                p.paragraph_format.first_line_indent = Mm(-5)
                marker = b.markers[i] if i < len(b.markers) else ("•" if b.kind == "ul" else f"{b.start + i}.")
                p.add_run(f"{marker}\t")
                _add_runs(p, item)
    if not rich.blocks:
        sd.add_paragraph()
        sd.empty = True
    return sd


def _add_runs(paragraph, runs: list[Run]) -> None:
    for text, bold, italic in runs:
        r = paragraph.add_run(text)
        if bold:
            r.bold = True
        if italic:
            r.italic = True
