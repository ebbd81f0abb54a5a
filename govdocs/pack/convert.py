"""Office papers into PDF with LibreOffice (one profile at a time), and the helper process that renders
the front matter and stamps while this one works."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from govdocs import parallel
from govdocs.errors import RenderError
from govdocs.pack.parts import sha256
from govdocs.pack.stamps import Stamps
from govdocs.render.documents import write_pdf
from govdocs.store import partcache
from govdocs.store.workspace import Workspace


class ProfileLock:
    """One LibreOffice at a time per profile. A second soffice on the same profile hands its file to the first
    and exits without converting it, so two packs built at once (two clerks, or a pack beside the tests)
    would lose a paper; they wait for each other instead, and the profile stays warm for speed."""

    def __init__(self, profile: Path):
        self.path = profile.with_name(profile.name + ".lock")

    def __enter__(self):
        import fcntl

        self.fh = open(self.path, "a")
        fcntl.flock(self.fh, fcntl.LOCK_EX)
        return self

    def __exit__(self, *exc):
        self.fh.close()  # closing releases the lock


# LibreOffice's tagged PDF export (a structure tree a screen reader follows), with its PDF/UA checks
TAGGED = ('{"UseTaggedPDF":{"type":"boolean","value":"true"},'
          '"PDFUACompliance":{"type":"boolean","value":"true"}}')
SPREADSHEETS = (".xlsx", ".xls", ".ods")
PRESENTATIONS = (".pptx", ".ppt", ".odp")
SHEET_CSS = ("@page { size: A4 landscape; margin: 15mm; } body { font-family: 'Liberation Sans', 'DejaVu Sans', "
             "sans-serif; font-size: 9pt; } table { border-collapse: collapse; margin-bottom: 1em; } "
             "td, th { border: 1px solid #999; padding: 2px 4px; } font { color: inherit; }")


def _export_filter(src: Path) -> str:
    return "impress_pdf_Export" if src.suffix.lower() in PRESENTATIONS else "writer_pdf_Export"


def _tagged_sheets(out: Path, src: Path) -> None:
    """A spreadsheet as tagged PDF. LibreOffice's Calc writes no structure tree into a PDF, so its sheets
    go out as HTML tables and WeasyPrint lays those out tagged, tables as tables."""
    import html as H
    import re

    from weasyprint import HTML

    from govdocs.render.fetch import safe_fetcher
    from govdocs.render.tagging import scope_header_cells

    page = next(out.glob("*.html"))
    text = page.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<html[^>]*>", '<html lang="en-GB">', text, count=1)
    text = re.sub(r"<title>\s*</title>", f"<title>{H.escape(src.stem)}</title>", text, count=1)
    text = text.replace("</head>", f"<style>{SHEET_CSS}</style></head>", 1)
    text = re.sub(r"(<table[^>]*>.*?)(<tr[^>]*>.*?</tr>)", _header_row, text, flags=re.S | re.I)
    HTML(string=text, base_url=out.as_uri() + "/", url_fetcher=safe_fetcher([out])).write_pdf(
        str(out / (src.stem + ".pdf")), pdf_variant="pdf/ua-1", finisher=scope_header_cells)


def _header_row(match) -> str:
    """A sheet's first row heads its columns, as a council's tables do (Calc's HTML marks no header cells)."""
    import re

    row = re.sub(r"<td(\s|>)", r'<th scope="col"\1', match.group(2), flags=re.I)
    return match.group(1) + re.sub(r"</td>", "</th>", row, flags=re.I)


def convert_docx_to_pdf(src: Path, cache_dir: Path | None, workdir: Path) -> Path:
    """A paper in any office format (.docx, .doc, .odt, .xlsx, .pptx …) as PDF, through LibreOffice headless;
    cached by content hash."""
    from govdocs.store.partcache import PAPERS, whole

    digest = sha256(src) + "-tagged"  # papers converted before they were tagged are not reused
    cache_dir = cache_dir / PAPERS if cache_dir is not None else None
    if cache_dir is not None:
        cached = cache_dir / f"{digest}.pdf"
        if cached.is_file() and whole(cached):
            return cached
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RenderError(f"{src.name} is an office document and LibreOffice (soffice) is needed to put it in the PDF "
                          "pack: install libreoffice-writer-nogui (the README's setup does)")
    out = workdir / f"lo-{digest[:12]}"
    out.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.gettempdir()) / f"govdocs-lo-profile-{os.getuid()}"
    spreadsheet = src.suffix.lower() in SPREADSHEETS
    try:
        with ProfileLock(profile):
            subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                            "html" if spreadsheet else f"pdf:{_export_filter(src)}:{TAGGED}", "--outdir", str(out),
                            str(src)], capture_output=True, text=True, timeout=300, check=True)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        raise RenderError(f"LibreOffice could not convert {src.name} to PDF ({type(exc).__name__})") from exc
    if spreadsheet:
        _tagged_sheets(out, src)
    pdfs = list(out.glob("*.pdf"))
    if not pdfs:
        raise RenderError(f"LibreOffice could not convert {src.name} to PDF")
    if cache_dir is not None:
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            incoming = cache_dir / f".{digest}.{os.getpid()}.incoming"
            shutil.copyfile(pdfs[0], incoming)
            os.replace(incoming, cache_dir / f"{digest}.pdf")  # never a half-written entry under its name
        except OSError:
            pass
    return pdfs[0]


def pdf_helper(ws: Workspace, cache_dir: Path | None, tmp: Path) -> Callable[[parallel.Receive], None]:
    """The helper's work: import WeasyPrint, then render the front matter and the papers' stamps as asked."""

    def work(receive: parallel.Receive) -> None:
        import weasyprint  # noqa: F401 - the slow start, while the parent is busy

        while (message := receive()) is not None:
            if message["job"] == "front":
                html = (tmp / "front.html").read_text(encoding="utf-8")
                make = (lambda out, html=html: write_pdf(html, out, ws))
            else:
                make = Stamps(message["labels"], message["banner"], message["footer"]).render
            done = partcache.cached(cache_dir, partcache.PARTS, message["key"], ".pdf", make, tmp)
            incoming = tmp / f".{message['job']}-helper.incoming"
            shutil.copyfile(done, incoming)
            os.replace(incoming, tmp / f"{message['job']}-helper.pdf")

    return work
