"""Every kind of record corrected by command: one commit each, one line of diff where one field changes."""
from __future__ import annotations

import yaml
from conftest import ROOT, commits, git

from govdocs.store.workspace import Workspace


def _numbers(root, date="2030-01-10"):
    m = yaml.safe_load((root / f"meetings/send-pb/{date}/meeting.yaml").read_text())
    return {i["title"]: str(i["number"]) for i in m["items"]}


def test_item_edit_move_remove_before_publication_and_withdraw_after(meeting, tmp_path):
    root, gd, item = meeting
    for t in ("Transport polcy", "Inclusion charter", "Therapies contract"):
        gd("item", "add", "2030-01-10", t, today="2030-01-02")
    n = _numbers(root)
    before = commits(root)
    gd("item", "edit", "2030-01-10", n["Transport polcy"], "--title", "Transport policy")
    assert commits(root) == before + 1
    assert git(root, "diff", "HEAD~1", "--stat").count("1 insertion(+), 1 deletion(-)") == 1
    gd("item", "move", "2030-01-10", n["Inclusion charter"], "--to", n["High needs budget"])
    n2 = _numbers(root)
    assert int(n2["Inclusion charter"]) < int(n2["High needs budget"])
    gd("item", "remove", "2030-01-10", n2["Therapies contract"])
    assert "Therapies contract" not in _numbers(root)
    gd("meeting", "publish", "2030-01-10", today="2030-01-02")
    r = gd("item", "remove", "2030-01-10", _numbers(root)["Transport policy"], ok=False)
    assert r.exit_code == 2 and "published" in r.output
    gd("item", "withdraw", "2030-01-10", _numbers(root)["Transport policy"], "--reason", "Report not ready")
    gd("render", "agenda", "2030-01-10", "--format", "html", "-o", tmp_path)
    assert "Withdrawn: Report not ready" in (tmp_path / "send-pb-2030-01-10-agenda.html").read_text()


def test_items_renumbered_before_publication_take_their_actions_with_them(meeting):
    """Actions name items by number: a move or an insertion before the agenda is published renumbers them
    too, in the same commit; `check` finds nothing out of place."""
    root, gd, item = meeting
    other = gd("item", "add", "2030-01-10", "Second", today="2030-01-02").stdout.strip()
    aid = gd("action", "add", "2030-01-10", other, "Follow up", "--owner", "CD", today="2030-01-02").stdout.strip()
    before = commits(root)
    r = gd("item", "move", "2030-01-10", other, "--to", item, today="2030-01-02")
    assert "moved with them" in r.output and commits(root) == before + 1  # one commit for it all
    w = Workspace(root)
    assert w.meeting("send-pb", "2030-01-10").item(item).title == "Second" and w.action(aid).item == item
    assert gd("check").exit_code == 0
    gd("meeting", "publish", "2030-01-10", today="2030-01-02")
    r = gd("item", "move", "2030-01-10", item, "--to", other, ok=False, today="2030-01-03")
    assert r.exit_code == 2 and "published" in r.output


def test_meeting_edit_and_cancel(meeting, tmp_path):
    root, gd, item = meeting
    gd("meeting", "new", "send-pb", "2030-03-12", "--time", "19:00", "--type", "extraordinary", today="2030-01-02")
    gd("meeting", "edit", "2030-03-12", "--venue", "Council Chamber", "--closed", "20:47", today="2030-03-12")
    m = yaml.safe_load((root / "meetings/send-pb/2030-03-12/meeting.yaml").read_text())
    assert m["start"] == "19:00" and "end" not in m and m["type"] == "extraordinary" and m["closed"] == "20:47"
    gd("render", "agenda", "2030-03-12", "--format", "html", "-o", tmp_path)
    assert "Extraordinary meeting" in (tmp_path / "send-pb-2030-03-12-agenda.html").read_text()
    gd("meeting", "cancel", "2030-03-12", "--reason", "No business")
    gd("render", "agenda", "2030-03-12", "--format", "html", "-o", tmp_path / "c")
    assert "cancelled: No business" in (tmp_path / "c/send-pb-2030-03-12-agenda.html").read_text()
    assert gd("check").exit_code == 0


def test_person_edit_keeps_past_minutes_and_member_remove_keeps_past_meetings(meeting, tmp_path):
    root, gd, item = meeting
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", today="2030-01-10")
    gd("person", "edit", "CD", "--role", "Assistant Director, SEND")
    diff = git(root, "diff", "HEAD~1", "--", "people.yaml")
    assert diff.count("\n+ ") + diff.count("\n-  ") <= 2 and "Assistant Director, SEND" in diff
    gd("member", "remove", "send-pb", "EF", "--from", "2030-02-01")
    board = yaml.safe_load((root / "boards/send-pb/board.yaml").read_text())
    assert any(m["initials"] == "EF" and str(m["left"]) == "2030-02-01" for m in board["members"])
    gd("render", "minutes", "2030-01-10", "--format", "html", "-o", tmp_path)
    page = (tmp_path / "send-pb-2030-01-10-minutes.html").read_text()
    assert "Director of Children" in page and "Assistant Director, SEND" not in page
    r = gd("member", "remove", "send-pb", "EF", ok=False)
    assert r.exit_code == 1 and "not a current member" in r.output


def test_action_edit_keeps_the_original_due_date(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Do it", "--owner", "CD", "--due", "2030-02-01").stdout.strip()
    gd("action", "edit", aid, "--owner", "EF", "--due", "2030-03-01", "--text", "Do it properly")
    a = yaml.safe_load((root / f"actions/send-pb/{aid}.yaml").read_text())
    assert a["owners"] == ["EF"] and str(a["due"]) == "2030-03-01" and str(a["original_due"]) == "2030-02-01"
    assert a["text"] == "Do it properly"
    r = gd("action", "edit", aid, ok=False)
    assert r.exit_code == 2 and "say what changes" in r.output


def test_attendance_as_it_happens_and_contradictions_refused(meeting, tmp_path):
    root, gd, item = meeting
    today = "2030-01-10"
    n = commits(root)
    for args, says in ((("--present", "AB,CD", "--absent", "AB"), "AB is listed as both"),
                       (("--present", "CD,EF", "--substitute", "JK=GH"), "GH is not a member"),
                       (("--present", "CD,EF", "--substitute", "JK=EF"), "JK is not a named substitute"),
                       (("--present", "AB,EF", "--chair", "CD"), "CD is named as chair"),
                       (("--present", "AB", "--arrived", "EF=19:50"), "EF arrived or left")):
        r = gd("attendance", "2030-01-10", *args, ok=False, today=today)
        assert r.exit_code == 2 and says in r.output, (args, r.output)
    assert commits(root) == n
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", "--absent", "GH", "--chair", "CD", "--public", "12",
       "--arrived", "EF=10:20", "--left", "AB=11:30", today=today)
    gd("meeting", "edit", "2030-01-10", "--closed", "11:47", today=today)
    gd("render", "minutes", "2030-01-10", "--format", "html,pdf", "-o", tmp_path)
    page = (tmp_path / "send-pb-2030-01-10-minutes.html").read_text()
    for text in ("Chandra D&#39;Souza (Chair)", "12 members of the public", "Grace Hughes (GH)", "(arrived 10.20am)",
                 "(left 11.30am)", "The meeting closed at 11.47am", "Chair (Chandra D&#39;Souza)"):
        assert text in page, text
    assert "<h2>Absent</h2>" in page


def test_votes_as_minutes_record_them(meeting):
    root, gd, item = meeting
    gd("attendance", "2030-01-10", "--present", "AB,CD", "--apologies", "EF", today="2030-01-10")
    for args, says in ((("--proposer", "EF", "--seconder", "AB"), "proposer EF was not present"),
                       (("--proposer", "AB", "--seconder", "CD", "--vote", "3,0,0"), "only 2 voting members")):
        r = gd("minute", "2030-01-10", item, "--resolved", "That it be agreed.", *args, ok=False)
        assert r.exit_code == 2 and says in r.output
    gd("minute", "2030-01-10", item, "--resolved", "That it be agreed.", "--proposer", "AB", "--seconder", "CD",
       "--vote", "unanimous")
    gd("render", "minutes", "2030-01-10", "--format", "html", "-o", root / "build")
    page = (root / "build/send-pb-2030-01-10-minutes.html").read_text()
    assert "carried unanimously" in page


def test_rules_per_kind_of_body(ws):
    root, gd = ws
    gd("board", "add", "pc", "--name", "Testshire Parish Council")
    gd("board", "edit", "pc", "--rules", "parish")
    out = gd("deadlines", "2024-06-04", "--board", "pc").stdout
    assert "Thursday 30 May 2024" in out and "Sch 12 para 10" in out and "key decision" not in out.lower()
    out = gd("deadlines", "2024-06-04", "--board", "send-pb").stdout
    assert "Friday 24 May 2024" in out and "key decision" not in out.lower()  # not an executive
    gd("board", "edit", "send-pb", "--executive")
    assert "Key decisions" in gd("deadlines", "2024-06-04", "--board", "send-pb").stdout
    gd("board", "edit", "send-pb", "--rules", "partnership")
    gd("person", "add", "ZZ", "--name", "Zed")
    gd("meeting", "new", "send-pb", "2030-01-10", today="2030-01-01")
    n = gd("item", "add", "2030-01-10", "Plan", today="2030-01-01").stdout.strip()
    gd("minute", "2030-01-10", n, "--resolved", "That the plan be endorsed.")
    gd("render", "minutes", "2030-01-10", "--format", "html", "-o", root / "build")
    page = (root / "build/send-pb-2030-01-10-minutes.html").read_text()
    assert "AGREED that the plan be endorsed." in page and "RESOLVED" not in page
    assert gd("board", "edit", "pc", "--rules", "club", ok=False).exit_code == 2


def test_papers_as_councils_get_them(meeting, tmp_path):
    """A spreadsheet, slides and a .docx without a "Heading 1" style all go into both packs."""
    import docx
    import openpyxl
    from pptx import Presentation
    from pypdf import PdfReader

    root, gd, item = meeting
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Budget monitoring quarter three"
    wb.save(tmp_path / "budget.xlsx")
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Slides about inclusion"
    deck.save(tmp_path / "slides.pptx")
    plain = docx.Document()
    plain.add_paragraph("A plain report without heading styles")
    plain.save(tmp_path / "plain.docx")
    from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: F401 - python-docx is what LibreOffice-like files lack
    d = docx.Document(str(tmp_path / "plain.docx"))
    for style in list(d.styles):
        if style.name.startswith("Heading"):
            style.element.getparent().remove(style.element)
    d.save(tmp_path / "plain.docx")
    for f in ("budget.xlsx", "slides.pptx", "plain.docx"):
        gd("item", "add", "2030-01-10", f"Paper {f}", "--paper", tmp_path / f, today="2030-01-02")
    gd("pack", "2030-01-10", "-o", tmp_path / "pack")
    text = " ".join(p.extract_text() or "" for p in PdfReader(str(tmp_path / "pack/send-pb-2030-01-10-pack.pdf")).pages)
    for words in ("Budget monitoring quarter three", "Slides about inclusion", "A plain report without heading"):
        assert words in text, words
    assert (tmp_path / "pack/send-pb-2030-01-10-pack.docx").stat().st_size > 0


def test_minutes_numbered_on_through_the_year(ws, tmp_path):
    root, gd = ws
    gd("board", "edit", "send-pb", "--minute-numbering", "year", "--year-starts", "01-01")
    gd("meeting", "new", "send-pb", "2030-03-12", "--time", "19:00", today="2030-02-01")
    gd("meeting", "edit", "2030-03-12", "--first-minute", "140")
    n = gd("item", "add", "2030-03-12", "Transport policy", today="2030-02-01").stdout.strip()
    gd("meeting", "new", "send-pb", "2030-05-14", today="2030-02-01")
    gd("attendance", "2030-03-12", "--present", "AB,CD", today="2030-03-12")
    from govdocs.minute_numbers import printed_numbers
    from govdocs.store.workspace import Workspace

    w = Workspace(root)
    first = printed_numbers(w, w.meeting("send-pb", "2030-03-12"))
    ref = first[n]
    assert ref.startswith("30/") and int(ref.split("/")[1]) >= 140
    later = printed_numbers(w, w.meeting("send-pb", "2030-05-14"))
    assert min(int(v.split("/")[1]) for v in later.values()) == max(int(v.split("/")[1]) for v in first.values()) + 1
    gd("minute", "2030-03-12", ref, "--text", "Entered by its printed number.", "--resolved", "That it be adopted.",
       today="2030-03-12")
    assert ref in gd("decisions", "--format", "json").stdout
    aid = gd("action", "add", "2030-03-12", ref, "Publish it", "--owner", "CD").stdout.strip()
    assert f"-2030-03-12-{n}a-" in aid
    gd("render", "minutes", "2030-03-12", "--format", "html", "-o", tmp_path)
    assert f">{ref}.<" in (tmp_path / "send-pb-2030-03-12-minutes.html").read_text()


def test_parish_and_nhs_exclude_for_a_reason_and_fail_closed(ws, tmp_path):
    root, gd = ws
    gd("board", "add", "icb", "--name", "NHS Testshire ICB")
    gd("board", "edit", "icb", "--rules", "nhs", "--quorum", "2")
    gd("member", "add", "icb", "AB", "--chair")
    gd("member", "add", "icb", "CD")
    gd("member", "add", "icb", "EF", "--non-voting")
    gd("meeting", "new", "icb", "2030-10-08", "--time", "09:30", today="2030-09-20")
    r = gd("item", "add", "2030-10-08", "Contract", "--exempt", "3", "--board", "icb", ok=False, today="2030-09-20")
    assert r.exit_code == 2 and "say why" in r.output
    gd("item", "add", "2030-10-08", "Community services contract", "--exempt", "Commercially confidential",
       "--board", "icb", today="2030-09-20")
    report = gd("item", "add", "2030-10-08", "Chair's report", "--board", "icb", today="2030-09-20").stdout.strip()
    gd("attendance", "2030-10-08", "--present", "AB,EF", "--board", "icb", today="2030-10-08")
    gd("minute", "2030-10-08", report, "--resolved", "The Board noted the report.", "--outcome", "noted",
       "--board", "icb")
    out = tmp_path / "icb"
    for kind in ("agenda", "minutes"):
        gd("render", kind, "2030-10-08", "--board", "icb", "--format", "html", "-o", out)
    agenda = (out / "icb-2030-10-08-agenda.html").read_text()
    minutes = (out / "icb-2030-10-08-minutes.html").read_text()
    assert "1960" in agenda and "Schedule 12A" not in agenda and "Community services" not in agenda
    assert "Commercially confidential" not in agenda
    assert "not quorate" in minutes and "NOTED: The Board noted the report." in minutes and "RESOLVED" not in minutes
    gd("render", "agenda", "2030-10-08", "--board", "icb", "--private", "--format", "html", "-o", out)
    private = (out / "icb-2030-10-08-agenda-private.html").read_text()
    assert "Community services contract" in private and "Confidential: Commercially confidential." in private
    # a hand edit that gives no reason fails closed
    path = root / "meetings/icb/2030-10-08/meeting.yaml"
    path.write_text(path.read_text().replace("exempt: Commercially confidential", "exempt: yes"))
    git(root, "commit", "-qam", "hand edit")
    r = gd("render", "agenda", "2030-10-08", "--board", "icb", "--format", "html", "-o", out / "x", ok=False)
    assert r.exit_code == 1 and "refusing" in r.output


def test_forward_plan_entries_scheduled_corrected_and_dropped(ws):
    root, gd = ws
    gd("forward", "add", "hwb", "unscheduled", "Dementia strategy")
    gd("forward", "add", "hwb", "2030-03-05", "Pharmacy needs assesment")
    gd("forward", "edit", "hwb", "1", "--date", "2030-07-23")
    gd("forward", "edit", "hwb", "2", "--title", "Pharmacy needs assessment")
    plan = yaml.safe_load((root / "boards/hwb/forward-plan.yaml").read_text())["items"]
    assert len(plan) == 2 and str(plan[0]["meeting"]) == "2030-07-23" and plan[1]["title"].endswith("assessment")
    gd("forward", "remove", "hwb", "2")
    assert len(yaml.safe_load((root / "boards/hwb/forward-plan.yaml").read_text())["items"]) == 1
    r = gd("forward", "remove", "hwb", "5", ok=False)
    assert r.exit_code == 2 and "no entry 5" in r.output


def _paper_on(gd, item: str, tmp_path):
    """A real PDF report, added to the item of the fixture's meeting."""
    paper = tmp_path / "report.pdf"
    paper.write_bytes((ROOT / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf").read_bytes())
    gd("item", "edit", "2030-01-10", item, "--paper", paper, today="2030-01-02")
    return paper


def test_a_meeting_moves_with_its_agenda_papers_and_forward_plan(meeting, tmp_path):
    root, gd, item = meeting
    paper = _paper_on(gd, item, tmp_path)
    gd("forward", "add", "send-pb", "2030-01-10", "Annual SEND report", today="2030-01-02")
    gd("meeting", "move", "2030-01-10", "--to", "2030-01-17", today="2030-01-02")
    old = yaml.safe_load((root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text())
    new = yaml.safe_load((root / "meetings/send-pb/2030-01-17/meeting.yaml").read_text())
    assert old["status"] == "cancelled" and "Moved to Thursday 17 January 2030" in old["cancelled"]
    assert new["moved_from"] == "2030-01-10" and new["status"] == "scheduled"
    assert [i["title"] for i in new["items"]] == [i["title"] for i in old["items"]]
    assert (root / "meetings/send-pb/2030-01-17/papers/report.pdf").read_bytes() == paper.read_bytes()
    plan = yaml.safe_load((root / "boards/send-pb/forward-plan.yaml").read_text())
    assert [f["meeting"] for f in plan["items"] if f["title"] == "Annual SEND report"] == ["2030-01-17"]
    gd("attendance", "2030-01-17", "--present", "AB", today="2030-01-17")
    r = gd("meeting", "move", "2030-01-17", "--to", "2030-01-24", ok=False, today="2030-01-17")
    assert r.exit_code == 2 and "was held" in r.output


def test_a_paper_is_taken_off_an_item_by_command(meeting, tmp_path):
    root, gd, item = meeting
    _paper_on(gd, item, tmp_path)
    gd("item", "edit", "2030-01-10", item, "--remove-paper", "report.pdf", today="2030-01-02")
    m = yaml.safe_load((root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text())
    assert "papers" not in next(i for i in m["items"] if str(i["number"]) == item)
    r = gd("item", "edit", "2030-01-10", item, "--remove-paper", "report.pdf", ok=False, today="2030-01-02")
    assert r.exit_code != 0 and "no paper report.pdf" in r.output
