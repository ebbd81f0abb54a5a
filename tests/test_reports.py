"""Reports: the clerk sets one up on the council's cover sheet, its author hands drafts in, named officers
clear or return them, and the pack takes only cleared reports — every step a commit in that person's name."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import docx
import pytest
import yaml
from conftest import commits, git
from pypdf import PdfReader

DATE, SET_UP, DUE = "2030-01-10", "2029-12-10", "2029-12-20"
# Kingston's cover sheet, as the HWB agenda pack in the seeds prints it (001_ffd8eff72a65a221.txt)
SEED_ORDER = ["High needs budget", "Report by", "Purpose", "It is recommended that the", "Key Points", "A.", "Context",
              "Proposal and Options", "Consultations", "Timescale", "Resource Implications", "Legal Implications",
              "Risk Assessment", "Equalities Assessment", "Health Implications",
              "Environmental & Air Quality Implications", "Benefits to the Community", "Author of report",
              "Background papers held by"]


@pytest.fixture
def desk(meeting):
    """The meeting's business item with two officers who clear its reports (legal, finance) and an author."""
    root, gd, item = meeting
    gd("person", "edit", "CD", "--email", "cd@example.org")
    gd("person", "add", "LW", "--name", "Lee Walsh", "--role", "Head of Legal", "--email", "legal@example.org")
    gd("person", "add", "FN", "--name", "Fay Nolan", "--role", "Chief Finance Officer", "--email", "fin@example.org")
    gd("board", "edit", "send-pb", "--clearance", "legal=LW,finance=FN")
    return root, gd, item


def state(gd, item: str, today: str) -> str:
    out = gd("reports", DATE, today=today).output
    row = next(ln for ln in out.splitlines() if ln.startswith(f"{item} "))
    return " ".join(row.split())


def paper(tmp: Path, text: str) -> Path:
    d = docx.Document()
    d.add_paragraph(text)
    path = tmp / "high-needs.docx"
    d.save(path)
    return path


def test_a_report_goes_from_cover_sheet_through_return_and_clearance_into_the_pack(desk, tmp_path):
    root, gd, item = desk
    gd("report", "new", DATE, item, "--author", "CD", "--lead", "AB", "--recommend", "endorses the plan",
       today=SET_UP)
    folder = root / "meetings/send-pb" / DATE / "reports" / item
    record = yaml.safe_load((folder / "report.yaml").read_text())
    deadlines = gd("deadlines", DATE).output
    assert record["author"] == "CD" and "Reports to the clerk by" in deadlines
    assert str(record["due"]) in next(ln for ln in deadlines.splitlines() if "Reports to the clerk by" in ln)
    cover = [p.text for p in docx.Document(folder / "cover.docx").paragraphs if p.text.strip()]
    assert "Report by Director of Children's Services" in cover and "endorses the plan" in cover
    assert "Author of report - Chandra D'Souza, Director of Children's Services, cd@example.org" in cover
    assert "awaited CD (author)" in state(gd, item, SET_UP)
    gd("render", "agenda", DATE, "--format", "pdf", "-o", tmp_path / "agenda", today=SET_UP)
    agenda = " ".join(PdfReader(next((tmp_path / "agenda").glob("*.pdf"))).pages[0].extract_text().split())
    assert "It is recommended that the Testshire SEND Partnership Board:" in agenda and "endorses the plan" in agenda
    assert "late CD (author)" in state(gd, item, "2029-12-28")
    said = gd("deadlines", DATE, today="2029-12-28").output
    assert f"Late: the report for item {item} (CD) was due" in said and "late since" in said

    gd("report", "submit", DATE, item, paper(tmp_path, "First draft of the high needs report"), today=DUE)
    assert "submitted LW (legal), FN (finance)" in state(gd, item, DUE)
    gd("report", "clear", DATE, item, "--as", "legal", today=DUE)
    gd("report", "clear", DATE, item, "--as", "finance", "--return", "--note", "Show the 2030/31 figures", today=DUE)
    assert "returned CD (author), returned by FN: Show the 2030/31 figures" in state(gd, item, DUE)
    refused = gd("pack", DATE, "-o", tmp_path / "p0", ok=False, today=DUE)
    assert "report for item" in refused.output and "is returned" in refused.output
    assert "Traceback" not in refused.output and not (tmp_path / "p0").exists()

    drafts = gd("pack", DATE, "--draft", "-o", tmp_path / "p1", today=DUE)
    assert drafts.exit_code == 0
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "p1/send-pb-2030-01-10-pack.pdf").pages)
    assert "High needs budget (Draft — not cleared)" in text and "First draft of the high needs report" in text
    pages = PdfReader(tmp_path / "p1/send-pb-2030-01-10-pack.pdf").pages
    assert "Draft — not cleared" in pages[-1].extract_text()  # on the report's own page, not only in the contents

    # a new draft wipes the clearances of the last: legal clears again
    gd("report", "submit", DATE, item, paper(tmp_path, "Second draft, with the 2030/31 figures"), today="2029-12-21")
    assert "submitted LW (legal), FN (finance)" in state(gd, item, "2029-12-21")
    for role in ("legal", "finance"):
        gd("report", "clear", DATE, item, "--as", role, today="2029-12-22")
    assert state(gd, item, "2029-12-22").endswith("cleared")

    gd("pack", DATE, "-o", tmp_path / "p2", today="2029-12-22")
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "p2/send-pb-2030-01-10-pack.pdf").pages)
    assert "Second draft, with the 2030/31 figures" in text and "First draft" not in text
    assert "not cleared" not in text
    manifest = json.loads((tmp_path / "p2/send-pb-2030-01-10-pack-manifest.json").read_text())
    assert manifest["reports"] == [{"item": item, "file": "report.docx", "state": "cleared", "uploaded": "2029-12-21",
                                    "cleared_by": [{"role": "legal", "person": "LW", "at": "2029-12-22"},
                                                   {"role": "finance", "person": "FN", "at": "2029-12-22"}]}]
    log = git(root, "log", "--format=%an|%s", "-8", "--", f"meetings/send-pb/{DATE}/reports").splitlines()
    assert [ln.split("|")[0] for ln in log] == ["Fay Nolan", "Lee Walsh", "Chandra D'Souza", "Fay Nolan", "Lee Walsh",
                                                "Chandra D'Souza", "Test Clerk"]
    assert log[0].endswith("cleared as finance by FN") and "returned as finance by FN" in log[3]
    # the clerk typed the clearance at the command line: git's committer says so
    assert git(root, "log", "-1", "--format=%cn <%ce>").strip() == "Test Clerk <clerk@example.org>"


def test_the_cover_sheet_holds_the_seeds_fields_in_order_and_the_council_can_reword_it(desk, tmp_path):
    """Converted by LibreOffice and read as the PDF a reader sees; then the council's own template wins."""
    root, gd, item = desk
    gd("report", "new", DATE, item, "--author", "CD", "--lead", "AB", today=SET_UP)
    cover = root / "meetings/send-pb" / DATE / "reports" / item / "cover.docx"
    text = pdf_text(cover, tmp_path)
    at = [text.find(f) for f in SEED_ORDER]
    assert -1 not in at and at == sorted(at), dict(zip(SEED_ORDER, at))
    assert text.find("Kingston") == -1 and text.index("Testshire County Council") < text.index("High needs budget")

    gd("templates", "export")
    own = root / "templates/report.docx"
    d = docx.Document(own)
    for p in d.paragraphs:
        for r in p.runs:
            r.text = r.text.replace("Benefits to the Community", "Benefits to Testshire residents")
    d.save(own)
    git(root, "add", "templates")
    git(root, "commit", "-qm", "Our own cover sheet")
    gd("meeting", "new", "send-pb", "2030-03-10", today=SET_UP)
    second = gd("item", "add", "2030-03-10", "Transport", "--presenter", "CD", today=SET_UP).stdout.strip()
    gd("report", "new", "2030-03-10", second, "--author", "CD", today=SET_UP)
    words = [p.text for p in docx.Document(root / "meetings/send-pb/2030-03-10/reports" / second / "cover.docx").paragraphs]
    assert "Benefits to Testshire residents" in words and "Benefits to the Community" not in words


def pdf_text(path: Path, tmp: Path) -> str:
    profile = (tmp / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(tmp), str(path)], check=True, capture_output=True, timeout=120)
    out = subprocess.run(["pdftotext", str(tmp / (path.stem + ".pdf")), "-"], check=True, capture_output=True,
                         text=True)
    return out.stdout


def test_clearance_is_given_only_by_the_named_officer_and_bad_drafts_are_refused(desk, tmp_path):
    root, gd, item = desk
    gd("report", "new", DATE, item, "--author", "CD", today=SET_UP)
    before = commits(root)
    r = gd("report", "clear", DATE, item, "--as", "legal", ok=False, today=DUE)
    assert "has not been handed in yet" in r.output
    fake = tmp_path / "report.docx"
    fake.write_text("not a document")
    r = gd("report", "submit", DATE, item, fake, ok=False, today=DUE)
    assert r.exit_code != 0 and "is not a Word document" in r.output
    r = gd("report", "submit", DATE, item, tmp_path.parent / "nothing.xlsx", ok=False, today=DUE)
    assert r.exit_code != 0
    sheet = tmp_path / "sheet.xlsx"
    sheet.write_bytes(b"PK")
    r = gd("report", "submit", DATE, item, sheet, ok=False, today=DUE)
    assert "a report is handed in as .docx, .odt, .pdf" in r.output
    gd("report", "submit", DATE, item, paper(tmp_path, "Draft"), today=DUE)
    after_submit = commits(root)
    for args, said in [
        (("--as", "director"), "no one clears reports as 'director'"),
        (("--as", "legal", "--return"), "say what the author should change"),
    ]:
        r = gd("report", "clear", DATE, item, *args, ok=False, today=DUE)
        assert r.exit_code != 0 and said in r.output and "Traceback" not in r.output, r.output
    assert commits(root) == after_submit == before + 1
    r = gd("report", "new", DATE, item, "--author", "CD", ok=False, today=SET_UP)
    assert "already has a report" in r.output
    r = gd("report", "new", DATE, "../../x", "--author", "CD", ok=False, today=SET_UP)
    assert "no item ../../x" in r.output or "not an agenda item number" in r.output


def test_an_exempt_report_keeps_its_title_out_of_the_log_and_the_public_site(desk, tmp_path):
    root, gd, _ = desk
    secret = gd("item", "add", DATE, "Sale of Zanzibar House", "--presenter", "CD", "--exempt", "3",
                today="2029-12-01").stdout.strip()
    gd("report", "new", DATE, secret, "--author", "CD", today=SET_UP)
    gd("report", "submit", DATE, secret, paper(tmp_path, "Zanzibar valuation"),
       today=DUE)
    log = git(root, "log", "--format=%s%n%b", "-2")
    assert "Zanzibar" not in log and f"the exempt report for item {secret}" in log
    out = gd("reports", DATE, today=DUE).output
    assert "Zanzibar" not in out and "(exempt report)" in out


def test_check_reads_every_report_and_says_what_is_wrong_with_its_line(desk):
    root, gd, item = desk
    gd("report", "new", DATE, item, "--author", "CD", today=SET_UP)
    assert gd("check").exit_code == 0
    path = root / "meetings/send-pb" / DATE / "reports" / item / "report.yaml"
    path.write_text(path.read_text().replace("author: CD", "author: ZZ") + "file: ../../../../people.yaml\n"
                    "due: 2030-02-30\n")
    out = gd("check", ok=False).output
    rel = f"meetings/send-pb/{DATE}/reports/{item}/report.yaml"
    assert f"{rel}:2: unknown author initials 'ZZ'" in out
    assert "should be a file name in the report's folder" in out and "is not a real date" in out


def test_the_web_report_pages_hold_against_other_people_forged_forms_and_big_uploads(desk, tmp_path, monkeypatch):
    """Only the author, the clearers and the clerks see a report; a form without this browser's token, a
    clearance in a role one does not hold, an upload by a non-author and one too big are all refused, and
    nothing is committed."""
    import io

    from test_web import csrf_of, signed_in

    root, gd, item = desk
    gd("person", "add", "OW", "--name", "Olu Williams", "--email", "olu@example.org")
    gd("report", "new", DATE, item, "--author", "CD", today=SET_UP)
    monkeypatch.setenv("GOVDOCS_TODAY", DUE)
    from govdocs.web import create_app
    from govdocs.web.service import Service

    app = create_app(root, Service(base_url="http://localhost", clerks=["JK"]))
    page = f"/reports/send-pb/{DATE}/{item}"
    before = commits(root)
    assert signed_in(app, "olu@example.org").get(page).status_code == 403
    clerk = signed_in(app, "clerk@example.org").get("/reports").get_data(as_text=True)  # JK, the service's clerk
    assert "High needs budget" in clerk and "CD (author)" in clerk
    assert "High needs budget" not in signed_in(app, "olu@example.org").get("/reports").get_data(as_text=True)
    assert app.test_client().get(page).status_code in (302, 303, 401)
    author = signed_in(app, "cd@example.org")
    token = csrf_of(author.get(page))
    doc = paper(tmp_path, "A draft").read_bytes()
    assert author.post(page + "/draft", data={"draft": (io.BytesIO(doc), "d.docx")},
                       content_type="multipart/form-data").status_code == 400  # no token: not this browser's form
    big = io.BytesIO(b"PK" + b"\0" * (26 * 1024 * 1024))
    assert author.post(page + "/draft", data={"csrf": token, "draft": (big, "d.docx")},
                       content_type="multipart/form-data").status_code == 413
    legal = signed_in(app, "legal@example.org")
    legal_token = csrf_of(legal.get(page))
    assert legal.post(page + "/draft", data={"csrf": legal_token, "draft": (io.BytesIO(doc), "d.docx")},
                      content_type="multipart/form-data").status_code == 403
    assert commits(root) == before
    r = author.post(page + "/draft", data={"csrf": token, "draft": (io.BytesIO(doc), "../../evil.docx")},
                    content_type="multipart/form-data")
    assert r.status_code == 303 and commits(root) == before + 1
    assert sorted(p.name for p in (root / "meetings/send-pb" / DATE / "reports" / item).iterdir()) == \
        ["cover.docx", "report.docx", "report.yaml"]
    assert legal.post(page + "/clearance", data={"csrf": legal_token, "role": "finance"}).status_code == 403
    assert legal.post(page + "/clearance", data={"csrf": legal_token, "role": "legal"}).status_code == 303
    assert git(root, "log", "-1", "--format=%an|%b").startswith("Lee Walsh|") and commits(root) == before + 2


def test_a_report_cleared_after_publication_goes_out_as_a_supplement_rebuilt_byte_for_byte(desk, tmp_path):
    """Published on the 27th; a late item's report is cleared on the 3rd and goes out as Supplementary agenda 1
    with its reason; the agenda, the minutes, the site and its feed say so; built again later, the same bytes."""
    root, gd, item = desk
    gd("report", "new", DATE, item, "--author", "CD", today=SET_UP)
    gd("report", "submit", DATE, item, paper(tmp_path, "The high needs budget report"), today=SET_UP)
    for role in ("legal", "finance"):
        gd("report", "clear", DATE, item, "--as", role, today=SET_UP)
    gd("meeting", "publish", DATE, today="2029-12-27")
    late = gd("item", "add", DATE, "Transport review", "--presenter", "CD", "--urgent",
              "The contracts are let before the next meeting", today="2030-01-02").stdout.strip()
    r = gd("pack", DATE, "--supplement", "-o", tmp_path / "s0", ok=False, today="2030-01-02")
    assert "nothing has been added" in r.output  # an item with no report or paper yet is not a supplement
    gd("report", "new", DATE, late, "--author", "CD", "--due", "2030-01-03", today="2030-01-02")
    gd("report", "submit", DATE, late, paper(tmp_path, "Forty transport routes were retendered"), today="2030-01-03")
    before = commits(root)
    r = gd("pack", DATE, "--supplement", "-o", tmp_path / "s1", ok=False, today="2030-01-03")
    assert "nothing has been added" in r.output and commits(root) == before  # not cleared: not yet in any pack
    for role in ("legal", "finance"):
        gd("report", "clear", DATE, late, "--as", role, today="2030-01-03")
    r = gd("pack", DATE, "--supplement", "-o", tmp_path / "s2", ok=False, today="2030-01-04")
    assert "--reason" in r.output  # a principal council states why it was late
    reason = "The review's findings arrived on 2 January, after publication"
    gd("pack", DATE, "--supplement", "--reason", reason, "-o", tmp_path / "s3", today="2030-01-04")
    supp = tmp_path / "s3/send-pb-2030-01-10-supplement-1.pdf"
    reader = PdfReader(supp)
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Supplementary agenda 1" in text and "Transport review" in text and reason in text
    assert "Forty transport routes were retendered" in text and "The high needs budget report" not in text
    assert "s.100B(4)(b)" in text and "Appendix B: Transport review" in text  # A is the published report
    assert reader.page_labels[-1] == "B1"
    words = [p.text for p in docx.Document(tmp_path / "s3/send-pb-2030-01-10-supplement-1.docx").paragraphs]
    assert "Supplementary agenda 1" in words and any(reason in w for w in words)  # the Word pack says so too
    meeting = yaml.safe_load((root / "meetings/send-pb" / DATE / "meeting.yaml").read_text())
    assert meeting["supplements"] == [{"number": 1, "published": dt.date(2030, 1, 4), "items": [late], "reason": reason}]
    assert git(root, "status", "--porcelain").strip() == ""
    assert f"Supplementary agenda 1, Friday 4 January 2030: item {late}, after the agenda went out" in \
        gd("deadlines", DATE, today="2030-01-05").output

    # later, with more changes to the record, the supplement is rebuilt as it was published
    gd("report", "submit", DATE, late, paper(tmp_path, "A later draft nobody published"), today="2030-01-06")
    gd("pack", DATE, "--supplement", "-o", tmp_path / "again", today="2030-01-08")
    assert (tmp_path / "again" / supp.name).read_bytes() == supp.read_bytes()
    main = tmp_path / "main"
    gd("pack", DATE, "-o", main, today="2030-01-08")  # the pack as published holds nothing that came later
    assert "Transport review" not in " ".join(p.extract_text() for p in PdfReader(main / "send-pb-2030-01-10-pack.pdf").pages)

    gd("render", "agenda", DATE, "--format", "pdf", "-o", tmp_path / "agenda", today="2030-01-08")
    agenda = " ".join(PdfReader(next((tmp_path / "agenda").glob("*.pdf"))).pages[0].extract_text().split())
    assert "Urgent item: The contracts are let before the next meeting" in agenda
    gd("attendance", DATE, "--present", "AB,CD", today=DATE)
    gd("minute", DATE, late, "--text", "The Board noted the review.")
    gd("render", "minutes", DATE, "--format", "pdf", "-o", tmp_path / "minutes", today=DATE)
    minutes = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(next((tmp_path / "minutes").glob("*.pdf"))).pages)
    assert f"in Supplementary agenda 1 on Friday 4 January 2030. Reason for lateness: {reason}. Taken as urgent" in minutes

    site = tmp_path / "site"
    gd("site", "-o", site, "--base-url", "https://democracy.example.gov.uk", "--no-search", today=DATE)
    folder = site / "boards/send-pb" / DATE
    assert (folder / supp.name).read_bytes()[:5] == b"%PDF-"
    assert "Supplementary agenda 1 (published 2030-01-04)" in (folder / "index.html").read_text()
    assert "Supplementary agenda 1: " in (site / "feed.xml").read_text()


def test_authors_and_clearers_are_reminded_once_a_day_over_smtp(desk, tmp_path):
    """A report awaited and one waiting for legal: its author and the legal officer each get one mail naming
    what they owe (a local aiosmtpd); the same day again sends nothing; an exempt report is not named."""
    from local_smtp import remind_by_smtp

    root, gd, item = desk
    gd("report", "new", DATE, item, "--author", "CD", today=SET_UP)
    second = gd("item", "add", DATE, "Transport review", "--presenter", "CD", today=SET_UP).stdout.strip()
    secret = gd("item", "add", DATE, "Sale of Zanzibar House", "--presenter", "CD", "--exempt", "3",
                today=SET_UP).stdout.strip()
    for n in (second, secret):
        gd("report", "new", DATE, n, "--author", "FN", today=SET_UP)
        gd("report", "submit", DATE, n, paper(tmp_path, "Draft"), today=SET_UP)
    gd("report", "clear", DATE, second, "--as", "finance", today=SET_UP)  # FN's own; legal still to clear
    got = remind_by_smtp(gd, "https://govdocs.example.gov.uk", DUE)
    mail = {to[0]: content.decode("utf-8", "replace").replace("=\r\n", "").replace("=\n", "") for to, content in got}
    assert set(mail) == {"cd@example.org", "legal@example.org", "fin@example.org"}
    assert "Your reports: 1 report" in mail["cd@example.org"] and "High needs budget" in mail["cd@example.org"]
    assert "to write" in mail["cd@example.org"] and "/sign-in/" in mail["cd@example.org"]
    assert "Transport review" in mail["legal@example.org"] and "to clear as legal" in mail["legal@example.org"]
    assert "Zanzibar" not in "".join(mail.values()) and "an exempt report" in mail["legal@example.org"]
    assert "to clear as finance" in mail["fin@example.org"]  # the exempt one still waits for finance
    assert remind_by_smtp(gd, "https://govdocs.example.gov.uk", DUE) == []  # once a day
