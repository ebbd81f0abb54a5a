"""A council's own templates: errors with file and line, its logo, fonts and wording in every document and
the pack, and docs/templates.md naming every variable a template can use."""
from __future__ import annotations

import re
from pathlib import Path

import docx
from conftest import ROOT, git
from pypdf import PdfReader
from readback import pdf_text

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4f80000000049454e44ae426082")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_misspelt_variable_or_broken_tag_names_the_file_and_line(meeting, tmp_path):
    root, gd, _ = meeting
    gd("templates", "export")
    agenda = root / "templates/html/agenda.html"
    _edit(agenda, "{{ when }}", "{{ wehn }}")
    line = next(n for n, t in enumerate(agenda.read_text().splitlines(), start=1) if "wehn" in t)
    out = tmp_path / "o"
    r = gd("render", "agenda", "2030-01-10", "--format", "pdf", "-o", out, ok=False)
    assert r.exit_code != 0 and f"templates/html/agenda.html:{line}:" in r.output and "wehn" in r.output
    assert "Traceback" not in r.output and not list(out.glob("*.pdf"))

    _edit(agenda, "{{ wehn }}", "{{ when }}{% if venue %}")
    r = gd("render", "agenda", "2030-01-10", "--format", "html", "-o", out, ok=False)
    assert r.exit_code != 0 and re.search(r"templates/html/agenda\.html:\d+: template error", r.output)
    assert "Traceback" not in r.output


def test_a_misspelt_variable_in_a_word_template_names_the_paragraph(meeting, tmp_path):
    root, gd, _ = meeting
    gd("templates", "export")
    path = root / "templates/minutes.docx"
    d = docx.Document(str(path))
    d.add_paragraph("Clerk: {{ clerk_nmae }}")
    d.save(str(path))
    r = gd("render", "minutes", "2030-01-10", "--format", "docx", "-o", tmp_path / "o", ok=False)
    assert r.exit_code != 0 and "templates/minutes.docx: paragraph" in r.output and "clerk_nmae" in r.output


def test_a_councils_logo_font_and_wording_reach_every_pdf_and_the_pack(meeting, tmp_path):
    root, gd, item = meeting
    gd("templates", "export")
    (root / "templates/crest.png").write_bytes(PNG)
    _edit(root / "templates/html/base.html", '<header class="masthead">',
          '<header class="masthead"><img src="templates/crest.png" alt="Testshire crest" height="60">')
    _edit(root / "templates/html/style.css", "body {", "h1, h2 { color: #00543c; }\nbody {")
    _edit(root / "templates/html/agenda.html", "<strong>Agenda", "<strong>Summons and Agenda")
    git(root, "add", "templates")
    git(root, "commit", "-qm", "Our crest, colours and summons wording")  # a published pack keeps its look
    gd("meeting", "publish", "2030-01-10", today="2030-01-02")
    pdf = next(Path(f) for f in gd("render", "agenda", "2030-01-10", "--format", "pdf", "-o", tmp_path / "a")
               .stdout.split())
    assert "Summons and Agenda" in pdf_text(pdf)
    assert any("/XObject" in str(p.get("/Resources", {})) for p in PdfReader(str(pdf)).pages)
    files = gd("pack", "2030-01-10", "-o", tmp_path / "p").stdout.split()
    pack = next(Path(f) for f in files if f.endswith(".pdf") and "private" not in f)
    assert "Summons and Agenda" in pdf_text(pack)
    assert any("/XObject" in str(p.get("/Resources", {})) for p in PdfReader(str(pack)).pages)
    _edit(root / "templates/html/agenda.html", "Summons and Agenda", "Summons")
    r = gd("pack", "2030-01-10", "-o", tmp_path / "q")
    assert "templates/html/agenda.html has changes not committed" in r.output


def test_the_template_guide_names_every_variable(example_copy):
    from govdocs.render import context
    from govdocs.store.workspace import Workspace

    guide = (ROOT / "docs/templates.md").read_text(encoding="utf-8")
    ws = Workspace.find(override=str(example_copy))
    meeting = ws.meeting("send-pb", "2020-01-23")
    missing = set()

    def walk(value):
        if isinstance(value, dict):
            for k, v in value.items():
                if f"`{k}`" not in guide:
                    missing.add(k)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for kind, build in context.BUILDERS.items():
        for private in (False, True):
            walk(build(ws, meeting, private))
    assert not missing, f"docs/templates.md does not name: {sorted(missing)}"
