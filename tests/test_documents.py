"""Documents rendered for real and read back: .docx with python-docx, PDF with pypdf."""
import re

import docx
import pytest
from conftest import Gd
from pypdf import PdfReader
from readback import docx_text, pdf_text, render

TRICKY = "**Agreed** the plan. Costs {{ 7*7 }} & <b>£5m</b> — see {% if x %}y{% endif %}."


@pytest.fixture
def minuted(meeting, tmp_path):
    root, gd, item = meeting
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", "--apologies", "GH")
    gd("minute", "2030-01-10", item, "--text", TRICKY + "\n\n- first point\n- second *point*",
       "--resolved", "That the update be noted.")
    gd("action", "add", "2030-01-10", item, "Circulate the paper", "--owner", "CD")
    return root, gd, item


def test_minutes_in_three_formats_hold_the_record(minuted, tmp_path):
    root, gd, item = minuted
    f = render(gd, "minutes", "2030-01-10", tmp_path / "out")
    for text in (docx_text(f["docx"]), pdf_text(f["pdf"])):
        for needle in ["MINUTES OF TESTSHIRE SEND PARTNERSHIP BOARD", "Thursday 10 January 2030", "Room 1",
                       "Alice Brown (Chair)", "Grace Hughes", "RESOLVED that the update be noted.", "High needs budget",
                       "ACTION: Circulate the paper (CD"]:
            assert needle in " ".join(text.split()), needle  # a narrow column may wrap a title
    assert "10am–12pm" in pdf_text(f["pdf"]).replace("\n", " ")


def test_tricky_text_is_literal_everywhere(minuted, tmp_path):
    root, gd, item = minuted
    f = render(gd, "minutes", "2030-01-10", tmp_path / "out")
    td, tp = docx_text(f["docx"]), " ".join(pdf_text(f["pdf"]).split())
    html = open(f["html"], encoding="utf-8").read()
    bare = "".join(tp.split())  # where the PDF wraps a line is layout, not content
    for lit in ["{{ 7*7 }}", "<b>£5m</b>", "{% if x %}y{% endif %}"]:
        assert lit in td and "".join(lit.split()) in bare
    assert "&lt;b&gt;£5m&lt;/b&gt;" in html and "<b>£5m</b>" not in html
    assert " 49" not in td and " 49" not in tp


def test_markdown_becomes_word_runs_and_lists(minuted, tmp_path):
    root, gd, item = minuted
    f = render(gd, "minutes", "2030-01-10", tmp_path / "out", "docx")
    d = docx.Document(f["docx"])
    paras = [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    assert any(r.bold and r.text == "Agreed" for p in paras for r in p.runs)
    bullets = [p for p in paras if p.style.name == "List Bullet"]
    assert {p.text for p in bullets} >= {"first point", "second point"}
    assert any(r.italic and r.text == "point" for p in bullets for r in p.runs)


def test_pdf_is_tagged_a4_with_language_and_title(minuted, tmp_path):
    root, gd, item = minuted
    f = render(gd, "minutes", "2030-01-10", tmp_path / "out", "pdf")
    r = PdfReader(f["pdf"])
    root_obj = r.trailer["/Root"]
    assert "/StructTreeRoot" in root_obj and root_obj["/MarkInfo"]["/Marked"]
    assert root_obj["/Lang"] == "en-GB" and "Minutes of the Testshire SEND" in r.metadata.title
    box = r.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2
    assert re.search(r"Page 1 of \d", pdf_text(f["pdf"]))


def test_draft_until_approved(minuted, tmp_path):
    root, gd, item = minuted
    f = render(gd, "minutes", "2030-01-10", tmp_path / "a", "docx,pdf")
    assert "DRAFT" in docx_text(f["docx"]) and "DRAFT" in pdf_text(f["pdf"])
    gd("meeting", "new", "send-pb", "2030-03-14")
    gd("minutes", "approve", "2030-01-10", "--at", "2030-03-14", today="2030-03-14")
    f = render(gd, "minutes", "2030-01-10", tmp_path / "b", "docx,pdf")
    assert "DRAFT" not in docx_text(f["docx"]) and "DRAFT" not in pdf_text(f["pdf"])
    assert "Approved as a correct record at the meeting on Thursday 14 March 2030" in docx_text(f["docx"])


def test_a_clerks_edited_template_wins(minuted, tmp_path):
    root, gd, item = minuted
    gd("templates", "export")
    tpl = root / "templates" / "minutes.docx"
    d = docx.Document(str(tpl))
    d.add_paragraph("CUSTOM-MARKER-7731")
    d.save(str(tpl))
    f = render(gd, "minutes", "2030-01-10", tmp_path / "out", "docx")
    assert "CUSTOM-MARKER-7731" in docx_text(f["docx"])


def test_public_documents_leave_out_exempt_items(meeting, tmp_path):
    root, gd, item = meeting
    n = gd("item", "add", "2030-01-10", "Zebra transport contract", "--exempt", "3", today="2030-01-02").stdout.strip()
    gd("minute", "2030-01-10", n, "--text", "SECRET terms discussed.")
    gd("action", "add", "2030-01-10", n, "Negotiate zebra rates", "--owner", "CD")
    pub = render(gd, "agenda", "2030-01-10", tmp_path / "pub", "docx,pdf,html")
    text = docx_text(pub["docx"]) + pdf_text(pub["pdf"]) + open(pub["html"]).read()
    assert "Zebra" not in text and "paragraph 3" in text
    mins = render(gd, "minutes", "2030-01-10", tmp_path / "m", "docx,html")
    text = docx_text(mins["docx"]) + open(mins["html"]).read()
    assert "SECRET" not in text and "Zebra" not in text and "excluded" in text
    private = render(gd, "agenda", "2030-01-10", tmp_path / "priv", "docx", "--private")
    assert "Zebra transport contract" in docx_text(private["docx"])
    assert "NOT FOR PUBLICATION" in docx_text(private["docx"])


def test_example_documents_render(example_copy, tmp_path):
    gd = Gd(example_copy)
    f = render(gd, "agenda", "2019-03-28", tmp_path / "a", "docx,pdf")
    t = docx_text(f["docx"]) + pdf_text(f["pdf"])
    for n in ["Declarations of Interest", "Exclusion of the Press and Public", "Appendix B", "Appendix D",
              "Transformation Plan", "Written Statement of Action"]:
        assert n in t
    f = render(gd, "actions", "2020-01-23", tmp_path / "b", "docx")
    rows = [" ".join(c.text for c in r.cells) for t in docx.Document(f["docx"]).tables for r in t.rows]
    assert any("data capsule" in r and "Amber" in r for r in rows)
    assert any(re.search(r"\bNG\b", r) for r in rows)
    f = render(gd, "highlight", "2020-01-23", tmp_path / "c", "docx")
    t = docx_text(f["docx"])
    for n in ["Strategy and Governance", "Commercial Thinking", "Local Provision", "Assessment and Planning",
              "Area 3: CCG strategic leadership"]:
        assert n in t
    f = render(gd, "forward-plan", "2019-03-28", tmp_path / "d", "docx")
    t = docx_text(f["docx"])
    assert "Refresh of the Dementia Strategy" in t and "CAMHS Transformation Plan update" in t


def test_quorum_from_the_boards_setting(minuted, tmp_path):
    root, gd, item = minuted
    board = root / "boards/send-pb/board.yaml"
    board.write_text(board.read_text() + "quorum: 3\n")
    f = render(gd, "minutes", "2030-01-10", tmp_path / "q", "html")
    assert "The meeting was quorate." in open(f["html"]).read()


def test_the_word_highlight_report_has_measure_and_risk_tables_and_no_empty_headings(example_copy, tmp_path):
    import shutil

    copy = tmp_path / "example"
    shutil.copytree(example_copy, copy)
    path = copy / "programmes/send-transformation/commercial-thinking.yaml"
    path.write_text("\n".join(line for line in path.read_text().splitlines() if not line.startswith("impact:")))
    gd = Gd(copy)
    files = render(gd, "highlight", "2020-01-23", tmp_path / "hl", "docx,pdf")
    d = docx.Document(files["docx"])
    headers = [[c.text for c in t.rows[0].cells] for t in d.tables]
    assert ["Success measure", "Baseline", "Targets", "Actuals"] in headers
    assert ["Risk", "Impact", "Strategy", "Action(s)", "Score"] in headers
    assert not any(p.text.startswith("Success measure:") or p.text.startswith("Risk:") for p in d.paragraphs)
    texts = [p.text for p in d.paragraphs]
    start = texts.index("Commercial Thinking — Amber")
    section = texts[start:texts.index("Local Provision — Light Green")]
    assert "Impact" not in section and "Worries / concerns" in section  # no heading over nothing
    pdf = pdf_text(files["pdf"])
    block = pdf[pdf.index("Commercial Thinking —"):pdf.index("Local Provision —")]
    assert "Impact" not in block


def test_the_information_for_the_public_keeps_its_headed_sections(example_copy, tmp_path):
    files = render(Gd(example_copy), "agenda", "2019-03-28", tmp_path / "a", "docx,pdf", "--board", "hwb")
    d = docx.Document(files["docx"])
    bold = [r.text.strip() for p in d.paragraphs for r in p.runs if r.bold]
    for heading in ("Emergency evacuation arrangements.", "Filming.", "Asking questions and speaking on items."):
        assert heading in bold, heading
    text = " ".join(pdf_text(files["pdf"]).split())
    assert "Emergency evacuation arrangements. If the fire alarm sounds" in text
    assert "Running order. Items may be taken in a different order" in text


def test_word_keeps_short_rows_whole_and_lets_long_minutes_flow(example_copy, tmp_path):
    """As the PDF does: an agenda item, an action or a short minute never starts at the foot of one page and
    ends at the top of the next; a minute of several paragraphs may flow on, or it would leave most of a
    page empty before it."""
    from docx.oxml.ns import qn

    gd = Gd(example_copy)
    gd("render", "minutes", "2019-11-14", "--format", "docx", "-o", tmp_path)
    table = docx.Document(str(tmp_path / "send-pb-2019-11-14-minutes.docx")).tables[-1]
    kept = {(len("".join(t.text or "" for t in r._tr.iter(qn("w:t")))) > 700,
             r._tr.trPr.find(qn("w:cantSplit")) is not None) for r in table.rows[1:]}
    assert kept == {(False, True), (True, False)}  # every short row kept whole, every long one free to flow
    order = [c.tag.split("}")[1] for c in table.rows[0]._tr.trPr]
    assert order.index("cantSplit") < order.index("tblHeader")  # in the schema's order, or Word complains
