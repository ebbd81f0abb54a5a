"""A principal council's Health and Wellbeing Board, entered through the command line alone the way such a
board publishes its minutes (modelled on the City of York Council's HWB: minutes numbered on through the
municipal year, the second meeting's minutes starting where the first's ended, the approval of the last
minutes in one plain sentence, councillors who are not members listed apart, times of late arrivals).

Each block asserts what a clerk would look for on the page: the minute numbers in order, the parts as
13(a), the words the board uses, the groups of the attendance block, and the same on the public site."""
from __future__ import annotations

import json
import re

import docx
import pytest
from readback import docx_text, pdf_text

from govdocs.store.workspace import Workspace

JULY, SEPT = "2025-07-16", "2025-09-18"


@pytest.fixture
def hwb(ws, tmp_path):
    root, gd = ws
    for initials, name, role in [("CS", "Cllr Carol Runciman", "Chair"), ("SP", "Sharon Stoltz", "Director of Public Health"),
                                 ("ML", "Martin Lee", "Place Director, ICB"), ("JW", "Cllr Jenny Webb", "Councillor"),
                                 ("SK", "Cllr Sam Kent", "Councillor (not a board member)"),
                                 ("BJ", "Ben Jewitt", "Democracy Officer"), ("AT", "Amy Tate", "Deputy Chief Executive, CVS"),
                                 ("TC", "Tom Carr", "Chief Executive, CVS")]:
        gd("person", "add", initials, "--name", name, "--role", role)
    gd("board", "add", "yhwb", "--name", "York Health and Wellbeing Board", "--questions")
    for m, extra in [("CS", ["--chair"]), ("SP", []), ("ML", []), ("JW", []), ("TC", ["--substitute", "AT"])]:
        gd("member", "add", "yhwb", m, *extra)
    gd("board", "edit", "yhwb", "--minute-numbering", "year", "--minute-format", "{n}")
    gd("board", "standing", "remove", "yhwb", "action-log")
    gd("board", "standing", "remove", "yhwb", "exclusion")
    # the house style, set once
    gd("board", "style", "yhwb", "--agenda-numbering", "minutes", "--parts", "(a)", "--no-minute-text", "None.",
       "--approval-text", "The minutes of the {date} meeting were approved.", "--resolution-style", "dash",
       "--attendance-groups", "present,substitutes,other_members=Other Members present,"
       "in_attendance=Also in attendance,apologies")
    # July: the first meeting of the municipal year, minutes 1 to 12
    gd("meeting", "new", "yhwb", JULY, "--time", "16:30-18:30", "--venue", "West Offices", today="2025-06-01")
    for n in range(7):
        gd("item", "add", JULY, f"July business {n + 1}", today="2025-06-01")
    gd("attendance", JULY, "--present", "CS,SP,ML,JW", today=JULY)
    gd("minute", JULY, "1", "--text", "The Chair welcomed everyone.")
    return root, gd, tmp_path


def enter_september(gd) -> dict[str, str]:
    """The September meeting, as its clerk enters it; returns the numbers `item add` printed."""
    gd("meeting", "new", "yhwb", SEPT, "--time", "16:30-18:30", "--venue", "West Offices", today="2025-09-01")
    got = {}
    got["report"] = gd("item", "add", SEPT, "Chair's Report and Updates", "--presenter", "CS",
                       today="2025-09-01").stdout.strip()
    gd("item", "move", SEPT, got["report"], "--to", "13", today="2025-09-01")  # taken first
    for title in ("Ageing Well Partnership", "Mental Health Partnership", "Healthwatch York"):
        got[title] = gd("item", "add", SEPT, title, "--under", "13", today="2025-09-01").stdout.strip()
    for key, title in [("bcf", "Better Care Fund"), ("jsna", "Joint Strategic Needs Assessment"),
                       ("pna", "Pharmaceutical Needs Assessment"), ("hw", "Healthwatch York Annual Report")]:
        got[key] = gd("item", "add", SEPT, title, "--presenter", "SP", today="2025-09-01").stdout.strip()
    gd("meeting", "publish", SEPT, today="2025-09-10")
    gd("attendance", SEPT, "--present", "CS,SP,ML", "--substitute", "AT=TC", "--apologies", "JW",
       "--other-members", "SK", "--in-attendance", "BJ", "--arrived", "SK=17:47",
       "--declare", f"ML:{got['bcf']}:personal interest as an ICB employee", today=SEPT)
    gd("minute", SEPT, "13(a)", "--text", "The Board noted the Ageing Well Partnership's new terms of reference.")
    gd("minute", SEPT, "13(b)", "--text", "The Board noted the Mental Health Partnership update.")
    gd("minute", SEPT, "13(c)", "--resolved", "That the Healthwatch York work plan be endorsed.",
       "--proposer", "CS", "--seconder", "SP")
    gd("participation", SEPT, "--kind", "question", "--by", "Mr S Kirk, York resident",
       "--text", "When will the dementia strategy be published?", "--response", "In the spring.",
       "--responder", "SP", today=SEPT)
    gd("minute", SEPT, "15", "--text", "Apologies were received from Cllr Webb.", "--taken-at", "16:36")
    gd("minutes", "approve", JULY, "--at", SEPT, "--proposer", "CS", "--seconder", "ML", today=SEPT)
    gd("minute", SEPT, got["bcf"], "--resolved", "That the Better Care Fund plan be approved.",
       "--proposer", "CS", "--seconder", "AT")
    for key in ("jsna", "pna", "hw"):
        gd("minute", SEPT, got[key], "--text", "The Board noted the report.")
    return got


def test_a_principal_hwb_minutes_as_it_publishes_them(hwb):
    root, gd, out = hwb
    got = enter_september(gd)
    # item add printed the numbers as the agenda prints them: minute 13 onwards, parts as 13(a)
    assert got["Ageing Well Partnership"] == "13(a)" and got["Healthwatch York"] == "13(c)"
    assert [got[k] for k in ("bcf", "jsna", "pna", "hw")] == ["18", "19", "20", "21"]
    assert "0 error(s)" in gd("check").output

    gd("render", "minutes", SEPT, "--format", "docx,pdf,html", "-o", out, today="2025-09-25")
    text = " ".join(pdf_text(out / f"yhwb-{SEPT}-minutes.pdf").split())
    # every item has its minute, in order, without gaps: 13 to 22
    numbers = [int(n) for n in re.findall(r"(?:^| )(\d{2})\. (?=[A-Z])", text) if 12 < int(n) < 30]
    assert numbers == list(range(13, 23)), numbers
    for label, words in [("13(a)", "Ageing Well Partnership"), ("13(b)", "Mental Health Partnership"),
                         ("13(c)", "Healthwatch York")]:
        assert f"{label} {words}" in text
    # the approval in the board's own words, the resolution in its style, "None." where nothing was minuted
    assert "The minutes of the 16 July 2025 meeting were approved." in text
    assert "RESOLVED that the minutes" not in text
    assert "RESOLVED – that the Better Care Fund plan be approved." in text
    assert "RESOLVED – that the Healthwatch York work plan be endorsed." in text
    assert re.search(r"22\. Urgent Items Authorised by the Chair None\.", text)
    # the attendance block: the board's groups, in its order, a non-member's late arrival
    order = [text.index(h) for h in ("Present", "Substitutes", "Other Members present", "Also in attendance",
                                     "Apologies")]
    assert order == sorted(order)
    assert "Cllr Sam Kent (SK) (arrived 5.47pm)" in text and "Amy Tate (AT) for Tom Carr" in text
    assert "Question from Mr S Kirk, York resident" in text and "In the spring." in text
    assert "item 18: personal interest" in text  # declared by the printed number, printed as it
    assert "15. Apologies for Absence and Attendance of Substitute Members (4.36pm)" in text  # as York prints it

    # Word: no empty paragraph stands before RESOLVED where a minute has no text
    d = docx.Document(str(out / f"yhwb-{SEPT}-minutes.docx"))
    table = d.tables[-1]
    for row in table.rows[1:]:
        paras = [p.text for p in row.cells[2].paragraphs]
        for i, p in enumerate(paras):
            if p.startswith("RESOLVED") and i:
                assert paras[i - 1].strip(), paras
    assert "13(c) Healthwatch York" in docx_text(out / f"yhwb-{SEPT}-minutes.docx")

    # the agenda is numbered as the minutes are
    gd("render", "agenda", SEPT, "--format", "pdf", "-o", out)
    agenda = " ".join(pdf_text(out / f"yhwb-{SEPT}-agenda.pdf").split())
    assert "13. Chair's Report and Updates" in agenda and "18. Better Care Fund" in agenda
    assert "13(b). Mental Health Partnership" in agenda or "13(b) Mental Health Partnership" in agenda
    assert "Agenda and reports published on Wednesday 10 September 2025." in agenda

    # the decisions register cites the part where the decision was made
    register = json.loads(gd("decisions", "--board", "yhwb", "--format", "json").stdout)
    cited = {d["text"][:30]: d["minute"] for d in register}
    assert cited["That the Healthwatch York work"] == "13(c)" and cited["That the Better Care Fund plan"] == "18"

    # the public site: every minute, the parts included, and the board's attendance groups
    gd("site", "-o", out / "site", "--base-url", "https://democracy.example.org/", today="2025-09-25")
    page = (out / "site/boards/yhwb" / SEPT / "index.html").read_text()
    assert "13(a) Ageing Well Partnership" in page and "new terms of reference" in page
    assert "Other Members present: Cllr Sam Kent" in page and "Also in attendance: Ben Jewitt" in page
    assert "Question from Mr S Kirk" in page


def test_the_pack_holds_only_what_the_board_publishes(hwb):
    root, gd, out = hwb
    enter_september(gd)
    files = gd("pack", SEPT, "-o", out / "pack", today="2025-09-25").stdout.split()
    text = " ".join(pdf_text(next(f for f in files if f.endswith(".pdf"))).split())
    assert "Minutes of the meeting held on" in text
    assert "Action log" not in text and "Forward Plan" not in text  # this board keeps neither
    gd("board", "style", "yhwb", "--pack-parts", "actions")
    # a published agenda's pack is made from the record as published; --current takes the setting made since
    files = gd("pack", SEPT, "-o", out / "pack2", "--current", today="2025-09-25").stdout.split()
    text = " ".join(pdf_text(next(f for f in files if f.endswith(".pdf"))).split())
    assert "Action log" in text and "Minutes of the meeting held on" not in text


def test_house_style_is_refused_when_unclear_and_check_names_it(hwb):
    root, gd, out = hwb
    r = gd("board", "style", "yhwb", "--approval-text", "The minutes of {meeting} were approved.", ok=False)
    assert r.exit_code == 2 and "{date}" in r.output
    r = gd("board", "style", "yhwb", "--attendance-groups", "present,visitors", ok=False)
    assert r.exit_code == 2 and "visitors" in r.output
    path = root / "boards/yhwb/board.yaml"
    path.write_text(path.read_text() + "part_numbering: roman\n")
    r = gd("check", ok=False)
    assert r.exit_code != 0 and re.search(r"boards/yhwb/board.yaml:\d+: part_numbering", r.output)


def test_an_approval_is_kept_when_the_minutes_item_is_minuted_again(hwb):
    root, gd, out = hwb
    enter_september(gd)
    r = gd("minute", SEPT, "17", "--resolved", "That the action log be noted.", today=SEPT)
    assert "approval of the minutes of 2025-07-16 is kept" in r.output
    m = Workspace(root).meeting("yhwb", SEPT)
    assert [d.approves for d in m.minutes["5"].decisions] == [[JULY], []]
    assert "0 error(s)" in gd("check").output


def test_each_body_writes_its_resolutions_and_parts_its_own_way():
    from govdocs.house import part_label, part_of, resolution

    text = "That the Better Care Fund plan be approved."
    assert resolution(text, "RESOLVED") == "RESOLVED that the Better Care Fund plan be approved."
    assert resolution(text, "RESOLVED", "dash") == "RESOLVED – that the Better Care Fund plan be approved."
    assert resolution(text, "Resolved", "colon") == "Resolved: That the Better Care Fund plan be approved."
    assert resolution("AGREED that the plan be noted", "AGREED", "colon") == "AGREED: That the plan be noted"
    assert resolution("the plan be noted", "RESOLVED", "colon") == "RESOLVED: The plan be noted"
    # Wiltshire's way: the word as a heading, the decision in the board's prose beneath
    assert resolution("the Board approved and signed the minutes.", "Resolved", "heading") == \
        "Resolved\nThe Board approved and signed the minutes."
    # a part as any body writes it, back to the record's letter, and out again in the board's style
    for ref in ("13(a)", "13a", "13.1", "13(A)"):
        assert part_of(ref) == ("13", "a"), ref
    assert part_of("HWB.127b") == ("HWB.127", "b") and part_of("20/71") == ("20/71", "")
    assert [part_label("13", "c", s) for s in ("a", "(a)", ".1")] == ["13c", "13(c)", "13.3"]


def test_a_resolution_as_a_heading_prints_the_word_on_its_own_line(hwb):
    root, gd, out = hwb
    got = enter_september(gd)
    gd("board", "style", "yhwb", "--resolution-style", "heading")
    gd("render", "minutes", SEPT, "--format", "pdf", "-o", out, today="2025-09-25")
    lines = [x.strip() for x in pdf_text(out / f"yhwb-{SEPT}-minutes.pdf").splitlines()]
    at = lines.index("RESOLVED")
    assert lines[at + 1].startswith("The Healthwatch York work plan") and got["bcf"] == "18"


def test_two_meetings_minutes_approved_in_one_resolution(hwb):
    """As York approved "the minutes of the meetings held on 18 October and 13 November 2023" together."""
    root, gd, out = hwb
    gd("meeting", "new", "yhwb", "2025-08-13", "--time", "16:30", today="2025-07-20")
    gd("attendance", "2025-08-13", "--present", "CS,SP,ML", today="2025-08-13")
    gd("minute", "2025-08-13", "13", "--text", "An extraordinary meeting.", today="2025-08-13")
    gd("meeting", "new", "yhwb", SEPT, "--time", "16:30", today="2025-09-01")
    gd("attendance", SEPT, "--present", "CS,SP,ML", today=SEPT)
    gd("board", "style", "yhwb", "--approval-text", "")  # the default resolution
    gd("minutes", "approve", JULY, "2025-08-13", "--at", SEPT, "--proposer", "CS", "--seconder", "SP", today=SEPT)
    w = Workspace(root)
    assert all(w.meeting("yhwb", d).minutes_approved_at == SEPT for d in (JULY, "2025-08-13"))
    approval = next(d for mn in w.meeting("yhwb", SEPT).minutes.values() for d in mn.decisions)
    assert approval.approves == [JULY, "2025-08-13"]
    assert approval.text.startswith("That the minutes of the meetings held on 16 July 2025 and 13 August 2025 be")
    assert "0 error(s)" in gd("check").output
    r = gd("minute", JULY, "1", "--append", "--text", "A late change.", ok=False)
    assert r.exit_code != 0 and "approved" in r.output  # both records are locked
