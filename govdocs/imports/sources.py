"""A file of minutes as numbered lines of text, whatever it was saved as.

A line is what the author typed as one line or paragraph: a Word paragraph, a table row (its cells
joined by tabs), a line of a text file, or a PDF line put back together where the page wrapped it.
Each keeps where it came from (page and line), so a line that cannot be placed can be found again.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from govdocs.errors import UsageProblem
from govdocs.imports.lines import Line

KINDS = (".txt", ".docx", ".pdf", ".odt", ".doc", ".rtf", ".html", ".htm")


def read_lines(path: Path) -> list[Line]:
    """The file's lines, or one clear UsageProblem saying why it cannot be read as minutes."""
    kind = path.suffix.lower()
    if kind not in KINDS:
        raise UsageProblem(f"{path.name}: govdocs imports minutes saved as {', '.join(KINDS)}")
    data = path.read_bytes()
    if kind == ".txt":
        lines = text_lines(decode(data, path))
    elif kind == ".docx":
        lines = docx_lines(path)
    elif kind == ".pdf":
        from govdocs.imports.pdftext import pdf_lines

        lines = pdf_lines(path, data)
    elif kind in (".html", ".htm"):
        from govdocs.imports.moderngov import html_lines

        lines = html_lines(decode(data, path))
    else:
        lines = office_lines(path)
    if not any(ln.text.strip() for ln in lines):
        raise UsageProblem(f"{path.name} has no text: nothing to import (a scan needs OCR first)")
    return lines


def decode(data: bytes, path: Path) -> str:
    if b"\x00" in data[:4096]:
        raise UsageProblem(f"{path.name} is not a text file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UsageProblem(f"{path.name} is neither UTF-8 nor Windows text")  # pragma: no cover - cp1252 takes most


def text_lines(text: str) -> list[Line]:
    out, page = [], 0
    for n, raw in enumerate(text.splitlines(), start=1):
        page += raw.count("\f")
        out.append(Line(n, page + 1 if page else 0, raw.replace("\f", "")))
    return out


def docx_lines(path: Path) -> list[Line]:
    """Paragraphs and table rows in document order; a table row's cells joined by tabs, a cell's own
    paragraphs kept apart as <p> blocks so the minutes' paragraphs survive."""
    import zipfile

    try:
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError):
        raise UsageProblem(f"{path.name} is not a Word document that can be read (damaged, or saved in another "
                           "format)") from None
    out: list[Line] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Line(len(out) + 1, 0, paragraph_text(Paragraph(child, document))))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells = []
                for cell in _unique_cells(row):
                    paras = [paragraph_text(p) for p in cell.paragraphs]
                    paras = [p for p in paras if p.strip()]
                    cells.append(paras[0] if len(paras) == 1 else " ".join(f"<p>{p}</p>" for p in paras))
                out.append(Line(len(out) + 1, 0, "\t".join(cells)))
    return out


def _unique_cells(row):
    """A merged cell appears once, not once per grid column it spans."""
    seen, cells = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            cells.append(cell)
    return cells


def paragraph_text(p) -> str:
    """A paragraph's text; a bulleted or numbered paragraph marked as a list item."""
    text = p.text
    props = p._p.pPr
    if props is not None and props.numPr is not None and text.strip():
        return "- " + text.strip()
    return text


def office_lines(path: Path) -> list[Line]:
    """.odt, .doc and .rtf through LibreOffice into .docx, then read as Word."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise UsageProblem(f"{path.name}: LibreOffice is needed to read {path.suffix} files; run scripts/setup")
    with tempfile.TemporaryDirectory(prefix="govdocs-import-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        try:
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx",
                            "--outdir", tmp, str(path)], capture_output=True, timeout=300, check=False)
        except subprocess.TimeoutExpired:
            raise UsageProblem(f"{path.name}: LibreOffice took too long to read it") from None
        out = Path(tmp, path.stem + ".docx")
        if not out.is_file():
            raise UsageProblem(f"{path.name} could not be read by LibreOffice (damaged, or not a {path.suffix})")
        return docx_lines(out)
