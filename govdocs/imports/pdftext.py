"""Lines of a PDF's text layer, put back as the author typed them.

poppler (`pdftotext -bbox-layout`) gives every word with its box. Words at one height make a printed
row; poppler's own line breaks within a row mark a column gap (a tab, a table cell). A row that runs
to the right margin, so that the next row's first word could not have fitted after it, was wrapped
by the page, not ended by the author, and is joined to the next.
"""
from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from govdocs.errors import UsageProblem
from govdocs.imports.lines import Line

NS = "{http://www.w3.org/1999/xhtml}"


@dataclass
class Row:
    page: int
    n: int
    y: float
    height: float
    cells: list[list[tuple[float, float, str]]]  # cells of (xMin, xMax, word)

    @property
    def x0(self) -> float:
        return self.cells[0][0][0]

    @property
    def x1(self) -> float:
        return self.cells[-1][-1][1]

    def first_word_width(self) -> float:
        w = self.cells[0][0]
        return w[1] - w[0]

    def text(self) -> str:
        return "\t".join(" ".join(w for _, _, w in cell) for cell in self.cells)


def pdf_lines(path: Path, data: bytes) -> list[Line]:
    if not data.startswith(b"%PDF-"):
        raise UsageProblem(f"{path.name} is not a PDF (it does not begin as one)")
    refuse_encrypted(path)
    rows = pdf_rows(path)
    return unwrap(rows)


def refuse_encrypted(path: Path) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        encrypted = reader.is_encrypted
        if not encrypted:
            len(reader.pages)
    except (PdfReadError, ValueError, OSError) as exc:
        raise UsageProblem(f"{path.name} is a damaged PDF ({exc})") from None
    if encrypted:
        raise UsageProblem(f"{path.name} is encrypted: save it without a password and import that")


def pdf_rows(path: Path) -> list[Row]:
    tool = shutil.which("pdftotext")
    if not tool:
        raise UsageProblem("reading PDF minutes needs pdftotext (poppler-utils); run scripts/setup")
    done = subprocess.run([tool, "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300)
    if done.returncode != 0:
        raise UsageProblem(f"{path.name} could not be read as a PDF")
    try:
        root = ET.fromstring(done.stdout)
    except ET.ParseError:
        raise UsageProblem(f"{path.name}: its text could not be read") from None
    rows: list[Row] = []
    for page_no, page in enumerate(root.iter(NS + "page"), start=1):
        lines = []
        for line in page.iter(NS + "line"):
            words = [(float(w.get("xMin", 0)), float(w.get("xMax", 0)), w.text or "") for w in line.iter(NS + "word")]
            if words:
                lines.append((float(line.get("yMin", 0)), float(line.get("yMax", 0)), words))
        lines.sort(key=lambda t: (round(t[0], 0), t[2][0][0]))
        page_rows: list[list] = []
        for y0, y1, words in lines:
            if page_rows and abs(page_rows[-1][0] - y0) < (y1 - y0) * 0.5:
                page_rows[-1][1].append(words)
            else:
                page_rows.append([y0, [words], y1 - y0])
        for n, (y0, cells, height) in enumerate(page_rows, start=1):
            cells.sort(key=lambda c: c[0][0])
            rows.append(Row(page_no, n, y0, height, cells))
    return rows


def unwrap(rows: list[Row]) -> list[Line]:
    """Rows joined where the page wrapped them; a row indented from the left margin starts with a tab."""
    if not rows:
        return []
    left = min(r.x0 for r in rows)
    right = max(r.x1 for r in rows)
    space = min((c[1][0] - c[0][1] for r in rows for cell in r.cells for c in zip(cell, cell[1:])), default=3.0)
    out: list[Line] = []
    text, start = "", None
    for i, row in enumerate(rows):
        piece = row.text()
        if text:
            text += piece if text.endswith("-") and not text.endswith(" -") else " " + piece
        else:
            start = row
            text = ("\t" if row.x0 > left + 2 * space else "") + piece
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        # the next row follows straight on (no blank line between, or it is the next page's first) and
        # its first word would not have fitted at the end of this one
        close = nxt is not None and (nxt.page != row.page or nxt.y - row.y < row.height * 1.5)
        wrapped = close and nxt is not None and row.x1 + space + nxt.first_word_width() > right + 0.5
        if not wrapped:
            assert start is not None
            out.append(Line(start.n, start.page, text))
            text = ""
    return out
