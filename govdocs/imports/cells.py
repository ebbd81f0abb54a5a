"""The text of one cell or line of minutes as blocks of the minutes' Markdown subset.

Minutes exported from a web page or a Word table keep their paragraphs as `<p>` and lists as `<ul>` /
`<ol>` with "- ", "●" or "1." markers; plain minutes use bullets at the start of a line. Tags are read
as structure and never kept: the record holds text only.
"""
from __future__ import annotations

import html
import re

TAG = re.compile(r"<(/?)(p|ul|ol|li|i|em|b|strong|u|br|div|span)\b[^>]*>", re.I)
BULLET = re.compile(r"(?:^|\s)(?:[-–●•▪◦·]|\*)\s+")
NUMBERED = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+")
LINE_BULLET = re.compile(r"^\s*(?:[-–●•▪◦·*]|o)\s+(.*)$")
LINE_NUMBER = re.compile(r"^\s*(?:\(?([0-9]{1,2}|[a-z]|[ivx]{1,4})[.)])\s+(.*)$")
TERMINAL = ".!?:;)”\"'"


def inline(text: str) -> str:
    """<i>, <b> as Markdown emphasis; everything else as literal text, spaces tidied."""
    text = re.sub(r"<(i|em)\b[^>]*>\s*(.*?)\s*</\1>", lambda m: f"*{m.group(2)}*" if m.group(2) else "", text,
                  flags=re.I | re.S)
    text = re.sub(r"<(b|strong)\b[^>]*>\s*(.*?)\s*</\1>", lambda m: f"**{m.group(2)}**" if m.group(2) else "",
                  text, flags=re.I | re.S)
    text = TAG.sub(" ", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def has_markup(text: str) -> bool:
    return bool(TAG.search(text))


def blocks(text: str) -> list[str]:
    """Markdown blocks of a cell that uses <p>/<ul>/<ol>: paragraphs, then lists one item a line."""
    out: list[str] = []
    mode, buf = "p", []
    pos, counter = 0, 0

    def flush() -> None:
        chunk = "".join(buf)
        buf.clear()
        if not chunk.strip():
            return
        if mode == "ul":
            items = [inline(x) for x in BULLET.split(" " + chunk)]
            items = [x for x in items if x]
            if items:
                out.append("\n".join(f"- {x}" for x in items))
        elif mode == "ol":
            parts = NUMBERED.split(" " + chunk)
            lead, pairs = parts[0], list(zip(parts[1::2], parts[2::2]))
            if inline(lead):
                out.append(inline(lead))
            items = [(n, inline(x)) for n, x in pairs if inline(x)]
            if items:
                out.append("\n".join(f"{n}. {x}" for n, x in items))
        else:
            para = inline(chunk)
            if para:
                out.append(para)

    for m in TAG.finditer(text):
        name, closing = m.group(2).lower(), bool(m.group(1))
        if name in ("p", "ul", "ol", "li", "div", "br"):
            buf.append(text[pos:m.start()])
            if name == "li" and mode in ("ul", "ol"):
                if not closing:
                    counter += 1
                    buf.append(" - " if mode == "ul" else f" {counter}. ")
                pos = m.end()
                continue
            flush()
            if name in ("ul", "ol"):
                mode, counter = ("p" if closing else name), 0
            elif name == "p" and not closing:
                mode = "p"
        else:
            buf.append(text[pos:m.end()])
        pos = m.end()
    buf.append(text[pos:])
    flush()
    return out


def plain_block(line: str) -> tuple[str, str]:
    """A line of plain minutes as ("li", text) for a bullet, ("ol", "n. text") for a numbered point, else
    ("p", text)."""
    b = LINE_BULLET.match(line)
    if b and b.group(1).strip():
        return "li", inline(b.group(1))
    n = LINE_NUMBER.match(line)
    if n and n.group(2).strip():
        return "ol", f"{n.group(1)}. {inline(n.group(2))}"
    return "p", inline(line)


def join_blocks(parts: list[str]) -> list[str]:
    """Blocks in order, a paragraph the page or a table row cut in two ("multi-" / "agency working")
    joined again; consecutive list items kept as one list."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if out and not out[-1].startswith(("- ", "1. ")) and not part.startswith("- ") and \
                out[-1][-1:] not in TERMINAL and part[:1].islower():
            out[-1] += part if out[-1].endswith("-") else " " + part
            continue
        out.append(part)
    return out


def markdown(parts: list[str]) -> str:
    return "\n\n".join(join_blocks(parts))


INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,2}[A-Z]?[a-z]?$")


def initials_only(text: str) -> list[str]:
    """The initials a cell holds when it holds nothing else (an Action column: "ID NG", "<p>AW</p>"),
    else []."""
    words = [w for w in re.split(r"[\s,/&]+|\band\b", inline(text)) if w]
    if words and all(INITIALS.match(w) and sum(c.isupper() for c in w) >= 2 for w in words):
        return words
    return []
