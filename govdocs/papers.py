"""Papers: where a meeting's paper may live, and whether a file is the paper it says it is."""
from __future__ import annotations

import functools
import zipfile
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from govdocs.errors import RecordError
from govdocs.store.workspace import link_on_path

if TYPE_CHECKING:
    from govdocs.model import Meeting
    from govdocs.store.workspace import Workspace

KINDS = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".xlsx", ".xls", ".ods", ".pptx", ".ppt", ".odp")
ZIPPED = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".pptx": "ppt/presentation.xml",
          ".odt": "content.xml", ".ods": "content.xml", ".odp": "content.xml"}
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .doc, .xls and .ppt files
NAMES = {".docx": "a Word document", ".doc": "a Word document", ".odt": "an OpenDocument text", ".rtf": "an RTF document",
         ".xlsx": "an Excel workbook", ".xls": "an Excel workbook", ".ods": "an OpenDocument spreadsheet",
         ".pptx": "a PowerPoint presentation", ".ppt": "a PowerPoint presentation",
         ".odp": "an OpenDocument presentation"}


def paper_path(ws: "Workspace", meeting: "Meeting", file: str) -> Path:
    """The paper's file inside the meeting's folder; absolute paths, `..` and links are refused."""
    where = f"{ws.rel(meeting.folder / 'meeting.yaml')}: paper {file!r}"
    rel = PurePosixPath(str(file).replace("\\", "/"))
    if not str(file).strip() or rel.is_absolute() or ".." in rel.parts:
        raise RecordError(f"{where} must be a file inside the meeting's folder (e.g. papers/report.pdf)")
    path = meeting.folder.joinpath(*rel.parts)
    problem = link_on_path(ws.root, path)
    if problem:
        raise RecordError(f"{where} {problem}; papers must be real files in the meeting's folder")
    try:
        path.resolve().relative_to(meeting.folder.resolve())
    except ValueError:
        raise RecordError(f"{where} is outside the meeting's folder") from None
    return path


def paper_problem(path: Path) -> str:
    """Why `path` is not a usable paper ('' when it is): the content must match the extension."""
    suffix = path.suffix.lower()
    if suffix not in KINDS:
        return f"{path.name} should be a PDF, a Word, OpenDocument, Excel or PowerPoint file ({', '.join(KINDS)})"
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return f"{path.name} cannot be read ({exc.strerror})"
    if suffix == ".pdf":
        if not head.startswith(b"%PDF-"):
            return f"{path.name} is not a PDF (it does not start as one)"
        return _pdf_problem(path)
    if suffix in (".doc", ".xls", ".ppt"):
        return "" if head == OLE else f"{path.name} is not {NAMES[suffix]} (it does not start as one)"
    if suffix == ".rtf":
        return "" if head.startswith(b"{\\rtf") else f"{path.name} is not an RTF document"
    if not zipfile.is_zipfile(path):
        return f"{path.name} is not {NAMES[suffix]} ({suffix} files are zip archives)"
    try:
        with zipfile.ZipFile(path) as z:
            if ZIPPED[suffix] not in z.namelist():
                return f"{path.name} is a zip archive but not {NAMES[suffix]}"
            outside = _external_parts(z)
            if outside:
                return (f"{path.name} loads {outside} from outside the document when it is opened; "
                        "embed it (Insert > Picture from the file) and add the paper again")
    except (zipfile.BadZipFile, OSError):
        return f"{path.name} is a damaged Word document"
    return ""


def _external_parts(z: zipfile.ZipFile) -> str:
    """An image, frame or template the .docx would fetch from a URL or a local path (links are fine)."""
    import re

    for name in z.namelist():
        if not name.endswith(".rels"):
            continue
        rels = z.read(name).decode("utf-8", "replace")
        for rel in re.findall(r"<Relationship\b[^>]*>", rels):
            if 'TargetMode="External"' in rel and not re.search(r'Type="[^"]*/hyperlink"', rel):
                target = re.search(r'Target="([^"]*)"', rel)
                return target.group(1)[:80] if target else "a file"
    return ""


def _pdf_problem(path: Path) -> str:
    return _pdf_facts(path)[0]


def _pdf_facts(path: Path) -> tuple[str, bool]:
    """(why the PDF is not usable or '', whether it is tagged), from one opening of it per version of the file:
    `check` asks both of every paper of a council's record."""
    try:
        st = path.stat()
    except OSError:
        return f"{path.name} cannot be read", False
    return _pdf_facts_of(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _pdf_facts_of(name: str, size: int, mtime: int) -> tuple[str, bool]:
    # qpdf (pikepdf) rather than pypdf: a tagged paper's compressed object streams take pypdf a quarter of a
    # second to count its pages, which `check` would pay for every paper of the record
    import pikepdf

    path = Path(name)
    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:
                return f"{path.name} is an encrypted PDF; save an unprotected copy for the pack", False
            if len(pdf.pages) == 0:
                return f"{path.name} has no pages", False
            return "", is_tagged(pdf)
    except pikepdf.PasswordError:
        return f"{path.name} is an encrypted PDF; save an unprotected copy for the pack", False
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        return f"{path.name} is a damaged PDF ({type(exc).__name__})", False


def check_paper(path: Path) -> None:
    problem = paper_problem(path)
    if problem:
        raise RecordError(f"paper {problem}")


def paper_check(ws: "Workspace", meeting: "Meeting", file: str) -> str:
    """What `check` says about a paper an item lists: '' when it is a real file of the kind it claims."""
    if not file.strip():
        return "a paper needs its file (e.g. papers/report.pdf)"
    try:
        real = paper_path(ws, meeting, file)
    except RecordError as exc:
        return exc.format_message().split(": ", 1)[-1]
    if not real.is_file():
        return f"paper {file!r} is missing from {ws.rel(meeting.folder)}"
    problem = paper_problem(real)
    return f"paper {problem}" if problem else ""


def paper_findings(ws: "Workspace", meeting: "Meeting", file: str) -> list[tuple[str, str]]:
    """What `check` says about a paper, as (message, level): an error when it is not a real file of its kind,
    a warning when it is a PDF a screen reader cannot follow."""
    problem = paper_check(ws, meeting, file)
    if problem:
        return [(problem, "error")]
    warning = accessibility_warning(paper_path(ws, meeting, file))
    return [(warning, "warning")] if warning else []


def accessibility_warning(path: Path) -> str:
    """Why a paper will keep the pack from being accessible ('' when it will not)."""
    if path.suffix.lower() != ".pdf" or not untagged_pdf(path):
        return ""
    return (f"paper {path.name} is an untagged PDF: a screen reader cannot read it in order, and the pack's "
            "accessibility statement will name it; ask its author for a tagged PDF (in Word: Save as PDF, with "
            "document structure tags for accessibility)")


def untagged_pdf(path: Path) -> bool:
    """A PDF with no structure tree, which a screen reader cannot read in order (and govdocs cannot fix)."""
    problem, tagged = _pdf_facts(path)
    return bool(problem) or not tagged


def is_tagged(pdf) -> bool:
    """An open PDF a screen reader can follow: a structure tree, and content marked as tagged."""
    root = pdf.Root
    mark = root.get("/MarkInfo")
    return "/StructTreeRoot" in root and mark is not None and bool(mark.get("/Marked", False))
