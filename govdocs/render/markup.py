"""The small Markdown subset of minutes and notes: paragraphs, bullet and numbered lists, bold, italic.

One parser (markdown-it-py, with raw HTML off) turns text into blocks; the HTML and Word writers
both start from the blocks, so the two formats always agree. Everything else is literal text.
"""
from __future__ import annotations

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


def parse(text: str | None) -> Rich:
    if not text or not str(text).strip():
        return Rich([])
    tokens = _parser().parse(str(text))
    blocks: list[Block] = []
    stack: list[Block] = []
    item_runs: list[Run] | None = None
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else 1
            stack.append(Block("ul" if tok.type == "bullet_list_open" else "ol", start=start))
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            done = stack.pop()
            if stack:  # a nested list is flattened into its parent, keeping every line
                stack[-1].items.extend(done.items)
            else:
                blocks.append(done)
        elif tok.type == "list_item_open":
            item_runs = []
        elif tok.type == "list_item_close":
            if stack and item_runs is not None:
                stack[-1].items.append(item_runs)
            item_runs = None
        elif tok.type == "inline":
            runs = _inline_runs(tok)
            if stack and item_runs is not None:
                if item_runs:
                    item_runs.append((" ", False, False))
                item_runs.extend(runs)
            else:
                blocks.append(Block("p", runs=runs))
    return Rich(blocks)


def plain(text: str) -> Rich:
    """Text shown exactly as typed, in one paragraph (titles, names)."""
    return Rich([Block("p", runs=[(text, False, False)])]) if text else Rich([])


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


def to_html(rich: Rich) -> str:
    parts = []
    for b in rich.blocks:
        if b.kind == "p":
            parts.append(f"<p>{_runs_html(b.runs)}</p>")
        else:
            tag = b.kind
            start = f' start="{b.start}"' if tag == "ol" and b.start != 1 else ""
            items = "".join(f"<li>{_runs_html(i)}</li>" for i in b.items)
            parts.append(f"<{tag}{start}>{items}</{tag}>")
    return "".join(parts)


def to_subdoc(tpl, rich: Rich):
    """A docxtpl sub-document of real Word paragraphs, runs and list styles."""
    from docx.shared import Mm

    sd = tpl.new_subdoc()
    styles = {s.name for s in sd.styles}
    for b in rich.blocks:
        if b.kind == "p":
            _add_runs(sd.add_paragraph(), b.runs)
        elif b.kind == "ul" and "List Bullet" in styles:
            for item in b.items:
                _add_runs(sd.add_paragraph(style="List Bullet"), item)
        else:
            # Numbers are written out: Word's "List Number" shares one counter across the whole
            # document, so every minute's list would go on from the last one's number.
            for n, item in enumerate(b.items, start=b.start):
                p = sd.add_paragraph(style="List Paragraph" if "List Paragraph" in styles else None)
                p.paragraph_format.left_indent = Mm(7)
                p.paragraph_format.first_line_indent = Mm(-5)
                p.add_run("• \t" if b.kind == "ul" else f"{n}.\t")
                _add_runs(p, item)
    if not rich.blocks:
        sd.add_paragraph()
    return sd


def _add_runs(paragraph, runs: list[Run]) -> None:
    for text, bold, italic in runs:
        r = paragraph.add_run(text)
        if bold:
            r.bold = True
        if italic:
            r.italic = True
