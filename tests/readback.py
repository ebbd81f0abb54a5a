"""Reading rendered documents back as a user would see them: the text of a .docx (body and footers) and
of a PDF, and `govdocs render` run for real."""
import docx
from pypdf import PdfReader


def docx_text(path):
    from docx.oxml.ns import qn
    d = docx.Document(str(path))
    parts = [d.element.body] + [s.footer._element for s in d.sections]
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for el in parts for p in el.iter(qn("w:p")))


def pdf_text(path):
    return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)


def render(gd, kind, date, out, fmt="docx,pdf,html", *extra, today=None):
    files = gd("render", kind, date, "--format", fmt, "-o", out, *extra, today=today).stdout.split()
    return {f.rsplit(".", 1)[1]: f for f in files}
