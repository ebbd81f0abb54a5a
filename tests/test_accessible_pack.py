"""The pack as a screen reader meets it, judged by a checker someone else wrote (pdfua, the machine-checkable
part of PDF/UA-1): one structure tree, the papers' own trees grafted into it in their reading order, office
papers converted tagged, and an untagged PDF paper named wherever it matters and never passed off as
accessible."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import pikepdf
from conftest import Gd
from readback import pdf_text
from weasyprint import HTML

PDFUA = Path(sys.executable).parent / "pdfua"


def pdfua(pdf: Path) -> list[dict]:
    """The checker's errors for a file (warnings are advice a human must weigh)."""
    out = subprocess.run([str(PDFUA), "check", "--format", "json", str(pdf)], capture_output=True, text=True)
    report = json.loads(out.stdout)
    return [f for f in report["findings"] if f["severity"] == "error"]


def claims_pdfua(pdf: Path) -> bool:
    with pikepdf.open(pdf) as p:
        return b"pdfuaid" in p.Root.Metadata.read_bytes()


def roles(el) -> list[str]:
    """The structure types under an element, depth first: the order a screen reader reads them in."""
    found = []
    for kid in (el.K if isinstance(el.get("/K"), pikepdf.Array) else [el.get("/K")]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            found.append(str(kid.S))
            found += roles(kid)
    return found


def grafted(pack: Path) -> dict[str, list[str]]:
    """Each paper's branch of the pack's tree, by its title."""
    with pikepdf.open(pack) as p:
        document = p.Root.StructTreeRoot.K
        document = document[0] if isinstance(document, pikepdf.Array) else document
        return {str(el.T): roles(el) for el in document.K
                if isinstance(el, pikepdf.Dictionary) and el.get("/S") == "/Art"}


def the_pack(files: list[str]) -> tuple[Path, dict]:
    pdf = Path(next(f for f in files if f.endswith("-pack.pdf")))
    return pdf, json.loads(Path(next(f for f in files if f.endswith(".json"))).read_text())


def test_the_example_pack_passes_pdfua_claims_it_and_keeps_each_papers_reading_order(example_copy, tmp_path):
    gd = Gd(example_copy)
    pdf, manifest = the_pack(gd("pack", "2020-01-23", "-o", tmp_path / "p").stdout.split())
    assert pdfua(pdf) == [] and claims_pdfua(pdf)
    assert manifest["pdfua"] is True and all(p["tagged"] for p in manifest["papers"])
    branches = grafted(pdf)
    assert list(branches) == [p["title"] for p in manifest["papers"]]
    # a paper's tree in the pack is its own tree, in its own order (its /Document now a division of the pack's)
    source = example_copy / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf"
    with pikepdf.open(source) as s:
        own = s.Root.StructTreeRoot.K
        own = own[0] if isinstance(own, pikepdf.Array) else own
        expected = ["/Div", *roles(own)]
    title = next(t for t in branches if "Written Statement" in t)
    assert branches[title] == expected and "/H1" in expected and "/Table" in expected
    # its own bookmarks (its headings) sit under its bookmark in the pack, pointing at its pages
    with pikepdf.open(pdf) as p, p.open_outline() as outline:
        paper = next(it for it in outline.root if it.title == title)
        heads = [c.title for c in paper.children[0].children]
        pages = {pg.objgen: i for i, pg in enumerate(p.pages)}
        where = pages[paper.children[0].children[0].destination[0].objgen]
    assert heads[:4] == ["Purpose", "Recommendations", "Key Points", "RAG rating by area"]
    # and the words come in the paper's order, on the pages labelled for it
    labels = list(__import__("pypdf").PdfReader(str(pdf)).page_labels)
    first = labels.index("A1")
    assert where == first
    text = " ".join(subprocess.run(["pdftotext", "-f", str(first + 1), "-l", str(first + 2), str(pdf), "-"],
                                   capture_output=True, text=True, check=True).stdout.split())
    order = ["Written Statement of Action: progress update", "Purpose", "Recommendations", "Key Points",
             "RAG rating by area"]
    assert [text.index(w) for w in order] == sorted(text.index(w) for w in order)


def test_every_document_rendered_alone_passes_pdfua(example_copy, tmp_path):
    gd = Gd(example_copy)
    for kind in ("agenda", "minutes", "actions", "forward-plan", "highlight"):
        date = "2019-11-14" if kind == "minutes" else "2020-01-23"
        gd("render", kind, date, "--format", "pdf", "--output", tmp_path / kind)
        for pdf in (tmp_path / kind).glob("*.pdf"):
            assert pdfua(pdf) == [], (kind, pdfua(pdf))
            assert claims_pdfua(pdf)


def office_papers(tmp_path: Path) -> list[Path]:
    """A report in each office format a council sends: Word, OpenDocument text, Excel and PowerPoint."""
    import openpyxl
    import pptx

    d = docx.Document()
    d.add_heading("Zqword sufficiency report", 1)
    d.add_paragraph("Zqword places are sufficient across the borough.")
    d.save(tmp_path / "sufficiency.docx")
    d = docx.Document()
    d.add_heading("Zqodt transport review", 1)
    d.add_paragraph("Zqodt routes were reviewed.")
    d.save(tmp_path / "transport.docx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "odt",
                    "--outdir", str(tmp_path), str(tmp_path / "transport.docx")], capture_output=True, check=True,
                   timeout=300)
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Budget"
    for row in (["Line", "2029/30", "2030/31"], ["Zqxlsx placements", 1200, 1350], ["Transport", 300, 320]):
        sheet.append(row)
    wb.save(tmp_path / "budget.xlsx")
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Zqpptx inclusion update"
    slide.placeholders[1].text = "Zqpptx three schools joined the charter"
    deck.save(tmp_path / "inclusion.pptx")
    return [tmp_path / n for n in ("sufficiency.docx", "transport.odt", "budget.xlsx", "inclusion.pptx")]


def test_a_pack_of_office_papers_is_tagged_throughout_and_claims_pdfua(meeting, tmp_path):
    root, gd, item = meeting
    papers = office_papers(tmp_path)
    for paper in papers:
        added = gd("item", "add", "2030-01-10", f"{paper.stem.title()} report", "--paper", paper, today="2030-01-02")
        assert "untagged" not in added.stderr
    pdf, manifest = the_pack(gd("pack", "2030-01-10", "-o", tmp_path / "p", today="2030-01-02").stdout.split())
    assert pdfua(pdf) == [] and claims_pdfua(pdf)
    assert manifest["pdfua"] is True and [p["tagged"] for p in manifest["papers"]] == [True] * 4
    text = pdf_text(pdf)
    for word in ("Zqword places", "Zqodt routes", "Zqxlsx placements", "Zqpptx three schools"):
        assert word in text, word
    branches = grafted(pdf)
    assert len(branches) == 4 and all(branches.values())
    assert "/Table" in next(v for t, v in branches.items() if "Budget" in t)  # the sheet read as a table
    assert "(PDF/UA-1)" in " ".join(text.split())  # the statement says so, and names no paper


def test_an_untagged_pdf_paper_is_named_everywhere_and_the_pack_claims_nothing(meeting, tmp_path):
    root, gd, item = meeting
    tagged, untagged = tmp_path / "tagged.pdf", tmp_path / "scanned.pdf"
    HTML(string="<html lang='en-GB'><title>Tagged</title><h1>Zqtagged report</h1><p>Fine.</p>").write_pdf(
        str(tagged), pdf_variant="pdf/ua-1")
    HTML(string="<h1>Zquntagged letter</h1><p>As sent.</p>").write_pdf(str(untagged))
    assert "untagged" not in gd("item", "add", "2030-01-10", "Tagged report", "--paper", tagged,
                                today="2030-01-02").stderr
    added = gd("item", "add", "2030-01-10", "Letter from the DfE", "--paper", untagged, today="2030-01-02")
    assert "paper scanned.pdf is an untagged PDF: a screen reader cannot read it in order" in added.stderr
    checked = gd("check", today="2030-01-02")
    assert "warning: paper scanned.pdf is an untagged PDF" in checked.stdout + checked.stderr
    pdf, manifest = the_pack(gd("pack", "2030-01-10", "-o", tmp_path / "p", today="2030-01-02").stdout.split())
    assert not claims_pdfua(pdf) and manifest["pdfua"] is False
    assert {p["title"]: p["tagged"] for p in manifest["papers"]} == {
        "Appendix A: Tagged report": True, "Appendix B: Letter from the DfE": False}
    # the checker's errors are the untagged paper's pages and nothing else
    labels = list(__import__("pypdf").PdfReader(str(pdf)).page_labels)
    assert {labels[f["page"] - 1] for f in pdfua(pdf)} == {"B1"}
    statement = " ".join(pdf_text(pdf).split())
    assert ("except this one, which was supplied as untagged PDF and cannot be read in order by a screen reader: "
            "Appendix B: Letter from the DfE. For an accessible version, ask") in statement
    assert "Appendix A: Tagged report" in grafted(pdf)


def test_a_tagged_letter_size_paper_is_scaled_to_a4_and_stays_tagged_with_its_link_on_its_words(meeting, tmp_path):
    root, gd, item = meeting
    paper = tmp_path / "letter.pdf"
    HTML(string="<html lang='en-GB'><title>US report</title><style>@page { size: letter; margin: 20mm }</style>"
                "<h1>Zqletter report</h1><p><a href='https://www.gov.uk/'>Zqlink to guidance</a></p>").write_pdf(
        str(paper), pdf_variant="pdf/ua-1")
    gd("item", "add", "2030-01-10", "Letter report", "--paper", paper, today="2030-01-02")
    pdf, manifest = the_pack(gd("pack", "2030-01-10", "-o", tmp_path / "p", today="2030-01-02").stdout.split())
    assert pdfua(pdf) == [] and claims_pdfua(pdf) and manifest["pdfua"] is True
    with pikepdf.open(pdf) as p:
        last = p.pages[-1]
        assert [round(float(v)) for v in last.mediabox] == [0, 0, 595, 842]
        link = next(a for a in last.Annots if a.Subtype == "/Link")
        assert "/StructParent" in link and last.Tabs == "/S"
        x0, y0, x1, y1 = (float(v) for v in link.Rect)
    # the link's box is where its words are drawn on the scaled page, as it was on the paper's own page
    def offset(path: Path, page: int, rect, height: float) -> tuple[float, float]:
        import re

        words = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                               capture_output=True, text=True, check=True).stdout
        box = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">Zqlink', words)
        return float(box.group(1)) - rect[0], (height - float(box.group(2))) - rect[1]  # pdftotext counts from the top

    with pikepdf.open(paper) as p:
        own = [float(v) for v in next(a for a in p.pages[0].Annots if a.Subtype == "/Link").Rect]
    before = offset(paper, 1, own, 792)
    after = offset(pdf, len(pikepdf.open(pdf).pages), (x0, y0, x1, y1), 842)
    scale = 595.28 / 612
    assert abs(after[0] - before[0] * scale) < 1 and abs(after[1] - before[1] * scale) < 1, (before, after)
