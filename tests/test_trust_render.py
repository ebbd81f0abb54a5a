"""Nothing runs, nothing is fetched: record text and workspace templates cannot reach outside the workspace."""
from __future__ import annotations

import http.server
import shutil
import threading
import zipfile
from pathlib import Path

import pytest
from conftest import git
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def listener():
    """A local web server that counts every request made to it."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def _has_attachments(pdf: Path) -> bool:
    root = PdfReader(str(pdf)).trailer["/Root"]
    return "/Names" in root and "/EmbeddedFiles" in root["/Names"]


def test_a_board_name_cannot_break_out_of_the_pack_style(meeting, tmp_path, listener):
    root, gd, item = meeting
    url, hits = listener
    evil = (f'Evil </style><link rel="stylesheet" href="{url}/a.css"><link rel="attachment" '
            f'href="file:///etc/hostname"><style>')
    path = root / "boards/send-pb/board.yaml"
    path.write_text(path.read_text().replace("name: Testshire SEND Partnership Board", f"name: '{evil}'"))
    git(root, "commit", "-qam", "evil name")
    gd("pack", "2030-01-10", "-o", tmp_path / "pack")
    pdf = tmp_path / "pack" / "send-pb-2030-01-10-pack.pdf"
    assert hits == [] and not _has_attachments(pdf)
    assert "</style>" in " ".join((p.extract_text() or "") for p in PdfReader(str(pdf)).pages)


def test_css_strings_never_close_the_style_element():
    from govdocs.pack.front import _css_string

    for text in ('</style>', '"; } body { x: "', "a\\b\nc", "</STYLE >"):
        out = _css_string(text)
        assert "<" not in out and "\n" not in out and out.count('"') == 2


def test_the_pdf_renderer_fetches_nothing_outside_the_workspace(meeting, tmp_path, listener):
    from govdocs.render.documents import write_pdf
    from govdocs.store.workspace import Workspace

    root, gd, item = meeting
    url, hits = listener
    shutil.copyfile(ROOT / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf", tmp_path / "outside.pdf")
    logo = root / "logo.png"
    logo.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                   "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"))
    html = (f"<html lang='en'><head><title>t</title><link rel='stylesheet' href='{url}/x.css'>"
            f"<link rel='attachment' href='file://{tmp_path}/outside.pdf'></head><body>"
            f"<img src='{url}/a.png' alt='a'><img src='file:///etc/hostname' alt='b'>"
            "<img src='logo.png' alt='council logo'><p>text</p></body></html>")
    out = write_pdf(html, tmp_path / "t.pdf", Workspace(root))
    assert hits == [] and not _has_attachments(out)
    resources = PdfReader(str(out)).pages[0]["/Resources"]
    assert "/XObject" in resources  # the logo inside the workspace was loaded


def test_workspace_templates_are_sandboxed(meeting, tmp_path):
    root, gd, item = meeting
    gd("templates", "export")
    tpl = root / "templates/html/agenda.html"
    tpl.write_text(tpl.read_text().replace("{% block content %}",
                   "{% block content %}{{ ''.__class__.__mro__[1].__subclasses__() }}", 1))
    r = gd("render", "agenda", "2030-01-10", "--format", "html", "-o", tmp_path / "o", ok=False)
    assert r.exit_code == 1 and "template" in r.output and "subclasses" not in (r.output or "")


def test_a_docx_paper_that_loads_outside_files_is_refused(meeting, tmp_path):
    root, gd, item = meeting
    src = ROOT / "meetings/send-pb/2020-01-23/papers/send-transformation-plan-update.docx"
    bad = tmp_path / "linked.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats'
                                    b'.org/officeDocument/2006/relationships/image" Target="file:///etc/hostname" '
                                    b'TargetMode="External"/></Relationships>')
            zout.writestr(info, data)
    r = gd("item", "add", "2030-01-10", "Linked", "--paper", bad, ok=False, today="2030-01-02")
    assert r.exit_code == 2 and "outside the document" in r.output


def test_nested_lists_keep_every_word_in_word_and_pdf(meeting, tmp_path):
    root, gd, item = meeting
    gd("minute", "2030-01-10", item, "--text", "- parent point\n  - child point\n- sibling point\n\n* * *",
       today="2030-01-10")
    gd("render", "minutes", "2030-01-10", "--format", "docx,pdf", "-o", tmp_path)
    import docx

    words = "\n".join(p.text for t in docx.Document(str(tmp_path / "send-pb-2030-01-10-minutes.docx")).tables
                      for row in t.rows for c in row.cells for p in c.paragraphs)
    pdf = " ".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "send-pb-2030-01-10-minutes.pdf")).pages)
    for text in (words, pdf):
        for w in ("parent point", "child point", "sibling point", "* * *"):
            assert w in text, (w, text[:500])
