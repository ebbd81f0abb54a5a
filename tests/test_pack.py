"""The board pack, built for real: labels, bookmarks, papers, public and private, reproducible."""
import hashlib
import json
import re

import docx
from conftest import Gd
from pypdf import PdfReader
from readback import docx_text, pdf_text
from weasyprint import HTML


def outline(r):
    """Top-level bookmarks (nested lists hold each part's headings)."""
    return [str(it.title) for it in r.outline if not isinstance(it, list)]


def test_example_pack(example_copy, tmp_path):
    gd = Gd(example_copy)
    files = gd("pack", "2020-01-23", "-o", tmp_path / "p").stdout.split()
    pdf = next(f for f in files if f.endswith(".pdf"))
    r = PdfReader(pdf)
    labels = list(r.page_labels)
    assert labels[0] == "1" and "A1" in labels and "B1" in labels and "C1" in labels
    titles = outline(r)
    assert titles[:2] == ["Agenda", "Contents"] and any("Minutes" in t for t in titles)
    root = r.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en-GB"
    assert any(t.startswith("Appendix B") for t in titles)
    text = pdf_text(pdf)
    for n in ["Contents", "14 November 2019", "Ian Dodds", "Action Log", "Forward Plan", "Post 16", "A1", "B1"]:
        assert n in text, n
    assert "Quarter 2" in text and "49 places opened" in text  # a PDF paper and the converted .docx paper
    dx = next(f for f in files if f.endswith(".docx"))
    t = docx_text(dx)
    assert "23 January 2020" in t and "14 November 2019" in t and "49 places opened" in t
    assert "published as a PDF only" in t
    manifest = json.loads(open(next(f for f in files if f.endswith(".json"))).read())
    for entry in manifest["files"]:
        data = open(tmp_path / "p" / entry["name"], "rb").read()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]


def test_same_record_same_bytes(example_copy, tmp_path):
    gd = Gd(example_copy)
    a = gd("pack", "2020-01-23", "-o", tmp_path / "a").stdout.split()
    b = gd("pack", "2020-01-23", "-o", tmp_path / "b").stdout.split()
    for x, y in zip(a, b):
        assert open(x, "rb").read() == open(y, "rb").read(), x


def test_public_pack_holds_nothing_exempt_and_private_pack_holds_all(meeting, tmp_path):
    root, gd, _ = meeting
    pub, sec, dx = tmp_path / "public.pdf", tmp_path / "secret.pdf", tmp_path / "budget.docx"
    HTML(string="<h1>Report</h1><p>PUBLICPAPERTEXT</p><p style='page-break-before:always'>two</p>").write_pdf(pub)
    HTML(string="<h1>Contract</h1><p>SECRETPAPERTEXT</p>").write_pdf(sec)
    d = docx.Document()
    d.add_paragraph("DOCXPAPERTEXT numbers")
    d.save(dx)
    gd("item", "add", "2030-01-10", "Performance report", "--paper", pub, today="2030-01-02")
    gd("item", "add", "2030-01-10", "Budget report", "--paper", dx, today="2030-01-02")
    gd("item", "add", "2030-01-10", "Zebra contract award", "--paper", sec, "--exempt", "3", today="2030-01-02")
    files = gd("pack", "2030-01-10", "-o", tmp_path / "pub").stdout.split()
    text = "".join(pdf_text(f) if f.endswith(".pdf") else docx_text(f) if f.endswith(".docx") else open(f).read()
                   for f in files)
    assert "PUBLICPAPERTEXT" in text and "DOCXPAPERTEXT" in text
    assert "SECRETPAPERTEXT" not in text and "Zebra" not in text
    assert re.search("exclude the public", text)
    files = gd("pack", "2030-01-10", "--private", "-o", tmp_path / "priv").stdout.split()
    pdf = next(f for f in files if f.endswith(".pdf"))
    text = pdf_text(pdf)
    assert "SECRETPAPERTEXT" in text and "Zebra contract award" in text
    r = PdfReader(pdf)
    assert all("NOT FOR PUBLICATION" in (p.extract_text() or "") for p in r.pages)


def test_pack_refuses_a_missing_paper(meeting, tmp_path):
    root, gd, _ = meeting
    pub = tmp_path / "p.pdf"
    HTML(string="<p>x</p>").write_pdf(pub)
    gd("item", "add", "2030-01-10", "Report", "--paper", pub, today="2030-01-02")
    (root / "meetings/send-pb/2030-01-10/papers/p.pdf").unlink()
    r = gd("pack", "2030-01-10", "-o", tmp_path / "x", ok=False)
    assert r.exit_code != 0 and "p.pdf" in r.output and "Traceback" not in r.output


def test_a_pack_holds_earlier_minutes_only_when_there_are_some_to_approve(meeting, tmp_path):
    root, gd, item = meeting
    gd("meeting", "new", "send-pb", "2030-02-14", today="2030-02-01")
    files = gd("pack", "2030-02-14", "-o", tmp_path / "none", today="2030-02-01").stdout.split()
    r = PdfReader(next(f for f in files if f.endswith(".pdf")))
    assert not any("Minutes of the meeting" in t for t in outline(r))  # 10 January: no minutes were taken
    assert "There are no minutes of an earlier meeting to confirm." in pdf_text(next(f for f in files
                                                                                      if f.endswith(".pdf")))
    gd("attendance", "2030-01-10", "--present", "AB,CD", today="2030-01-10")
    gd("minute", "2030-01-10", item, "--text", "Noted.")
    files = gd("pack", "2030-02-14", "-o", tmp_path / "some", today="2030-02-01").stdout.split()
    r = PdfReader(next(f for f in files if f.endswith(".pdf")))
    assert "Minutes of the meeting held on 10 January 2030 (draft, for approval)" in outline(r)


def test_the_accessibility_note_names_only_the_parts_the_pack_holds(meeting, tmp_path):
    root, gd, item = meeting
    paper = tmp_path / "report.pdf"
    HTML(string="<p>Budget report</p>").write_pdf(str(paper))
    gd("item", "add", "2030-01-10", "Budget report", "--paper", paper, today="2030-01-02")
    files = gd("pack", "2030-01-10", "-o", tmp_path / "p", today="2030-01-02").stdout.split()
    pdf = next(f for f in files if f.endswith(".pdf"))
    note = PdfReader(pdf).metadata["/Accessibility"]
    # the board has no forward plan entries yet, so its pack has no forward plan either
    assert note.startswith("The agenda, contents and action log in this pack are tagged")
    assert "highlight report" not in note and "minutes" not in note and "forward plan" not in note
    assert note in " ".join(pdf_text(pdf).split())


def test_every_page_of_a_pack_is_a4_and_a_letter_paper_is_scaled_whole(meeting, tmp_path):
    root, gd, item = meeting
    paper = tmp_path / "us-letter.pdf"
    HTML(string="<style>@page { size: letter; margin: 0 } p { margin: 0; font-size: 14pt }"
                " .b { position: absolute; bottom: 0; right: 0 }</style>"
                "<p>Zqtopleft corner</p><p class='b'>Zqbottomright corner</p>").write_pdf(str(paper))
    assert [round(float(x)) for x in PdfReader(str(paper)).pages[0].mediabox[2:]] == [612, 792]
    gd("item", "add", "2030-01-10", "Letter-size report", "--paper", paper, today="2030-01-02")
    files = gd("pack", "2030-01-10", "-o", tmp_path / "p", today="2030-01-02").stdout.split()
    pdf = next(f for f in files if f.endswith(".pdf"))
    for page in PdfReader(pdf).pages:
        w, h = sorted((float(page.mediabox.width), float(page.mediabox.height)))
        assert abs(w - 595.3) < 1.5 and abs(h - 841.9) < 1.5
    text = pdf_text(pdf)
    assert "Zqtopleft corner" in text and "Zqbottomright corner" in text
    # scaled, not cropped: the words in the paper's bottom right corner are on the rendered A4 page
    import subprocess

    from PIL import Image

    last = len(PdfReader(pdf).pages)
    subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", str(last), "-l", str(last), "-png", pdf,
                    str(tmp_path / "last")], check=True)
    im = Image.open(next(tmp_path.glob("last*.png"))).convert("L")
    w, h = im.size
    corner = im.crop((w // 2, int(h * 0.8), w, h))
    assert corner.getextrema()[0] < 100  # dark pixels of text there


def test_two_packs_converting_office_papers_at_once_both_hold_their_papers(meeting, tmp_path):
    import subprocess
    import sys

    root, gd, item = meeting
    gd("meeting", "new", "send-pb", "2030-02-14", today="2030-01-02")
    for date, word in (("2030-01-10", "Zqfirstpaper"), ("2030-02-14", "Zqsecondpaper")):
        d = docx.Document()
        for n in range(40):
            d.add_paragraph(f"{word} paragraph {n} of the report on sufficiency.")
        d.save(tmp_path / f"{word}.docx")
        gd("item", "add", date, f"{word} report", "--paper", tmp_path / f"{word}.docx", today="2030-01-02")
    cmd = [sys.executable, "-c", "from govdocs.cli import main; main()", "pack"]
    runs = [subprocess.Popen([*cmd, date, "--no-cache", "-o", str(tmp_path / date)], cwd=root, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(__import__("os").environ, GOVDOCS_TODAY="2030-01-02"))
            for date in ("2030-01-10", "2030-02-14")]
    outs = [r.communicate(timeout=600) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], [o[1][-300:] for o in outs]
    for date, word in (("2030-01-10", "Zqfirstpaper"), ("2030-02-14", "Zqsecondpaper")):
        assert word in pdf_text(next((tmp_path / date).glob("*-pack.pdf")))


def test_the_word_packs_contents_give_each_parts_page(example_copy, tmp_path):
    import subprocess

    gd = Gd(example_copy)
    files = gd("pack", "2020-01-23", "--no-cache", "-o", tmp_path / "p").stdout.split()
    word = next(f for f in files if f.endswith(".docx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path / "lo"), word], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(next((tmp_path / "lo").glob("*.pdf"))), "-"],
                          capture_output=True, text=True, check=True).stdout
    contents = text[text.index("Contents"):]
    pages = dict(re.findall(r"^(Agenda|Action log|Forward Plan|Appendix A)[^\n]*?\.{3,}\s*([A-Z]?\d+)$", contents, re.M))
    assert pages["Agenda"] == "1" and pages["Appendix A"] == "A1"
    assert 1 < int(pages["Action log"]) < int(pages["Forward Plan"])
    # the number is the page the part is on, as LibreOffice lays the pack out
    by_page = text.split("\f")
    assert "Action Log" in by_page[int(pages["Action log"]) - 1]


def test_the_contents_link_every_appendix_to_its_first_page(example_copy, tmp_path):
    gd = Gd(example_copy)
    files = gd("pack", "2020-01-23", "--no-cache", "-o", tmp_path / "p").stdout.split()
    r = PdfReader(next(f for f in files if f.endswith(".pdf")))
    labels = list(r.page_labels)
    dests = r.named_destinations
    contents = next(i for i, p in enumerate(r.pages) if "Contents" in (p.extract_text() or "")[:200])
    linked = {str(a.get_object()["/Dest"]) for a in r.pages[contents].get("/Annots", [])
              if "/Dest" in a.get_object()}
    for letter in "ABC":
        name = f"appendix-{letter}"
        assert name in linked, name
        page = r.get_destination_page_number(dests[name])
        assert labels[page] == f"{letter}1"


def test_the_packs_own_pages_are_numbered_as_the_documents_are(meeting, tmp_path):
    root, gd, item = meeting
    files = gd("pack", "2030-01-10", "-o", tmp_path / "p", today="2030-01-02").stdout.split()
    r = PdfReader(next(f for f in files if f.endswith(".pdf")))
    n = len(r.pages)  # no papers: every page is the pack's own
    assert all(f"Page {i} of {n}" in (page.extract_text() or "") for i, page in enumerate(r.pages, start=1))
