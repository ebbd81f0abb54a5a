"""A meeting of each kind of body entered end to end through the command line, as its clerk would:
an NHS board, a parish council, a partnership board and a principal council's executive."""
from __future__ import annotations

import re
import subprocess

import yaml
from conftest import Gd, commits
from readback import docx_text, pdf_text, render


def _workspace(tmp_path, council: str) -> tuple:
    root = tmp_path / "ws"
    gd = Gd(tmp_path)
    gd("init", root, "--council", council)
    gd.cwd = root
    return root, gd


def _people(gd, *specs: str) -> None:
    for spec in specs:
        initials, name = spec.split(" ", 1)
        gd("person", "add", initials, "--name", name)


def test_an_nhs_board_meeting_end_to_end(tmp_path):
    root, gd = _workspace(tmp_path, "NHS Testshire Integrated Care Board")
    _people(gd, "AA Amy Able", "BB Ben Black", "CC Cat Cole", "DD Dan Dee", "EE Eve East")
    gd("board", "add", "icb", "--name", "NHS Testshire ICB Board", "--rules", "nhs")
    gd("member", "add", "icb", "AA", "--chair", "--group", "non-executive")
    gd("member", "add", "icb", "BB", "--group", "executive")
    gd("member", "add", "icb", "CC", "--group", "non-executive")
    gd("member", "add", "icb", "DD", "--group", "executive")
    gd("member", "add", "icb", "EE", "--non-voting")
    gd("board", "edit", "icb", "--minute-numbering", "year", "--year-starts", "04-01",
       "--minute-format", "ICBP/{fy}/{n:03}", "--quorum", "3", "--quorum-needs", "chair,executive,non-executive")
    board = yaml.safe_load((root / "boards/icb/board.yaml").read_text())
    assert [s["kind"] for s in board["standing_items"]][-3:] == ["aob", "next-meeting", "exclusion"]

    gd("meeting", "new", "icb", "2022-09-15", "--time", "10:00-12:30", today="2022-09-01")
    gd("meeting", "edit", "2022-09-15", "--first-minute", "82", today="2022-09-01")
    fin = gd("item", "add", "2022-09-15", "Finance report", "--time", "10:40", "--presenter", "BB",
             today="2022-09-01").stdout.strip()
    gd("item", "add", "2022-09-15", "Estates contract", "--exempt", "Commercially sensitive negotiations",
       "--time", "12:00", today="2022-09-01")
    r = gd("item", "add", "2022-09-15", "Other contract", "--exempt", "3", ok=False, today="2022-09-01")
    assert r.exit_code == 2 or "3" not in (root / "meetings/icb/2022-09-15/meeting.yaml").read_text().split(
        "Other contract")[0]

    gd("attendance", "2022-09-15", "--present", "AA,BB,CC,DD,EE",
       "--declare", "DD:5:Disclosable pecuniary interest: spouse employed by the supplier", today="2022-09-15")
    n = commits(root)
    # a member with a pecuniary interest may not vote; a non-voting member may not vote
    r = gd("minute", "2022-09-15", "ICBP/2223/086", "--text", "Discussed", "--resolved", "That the report be approved.",
           "--for", "AA,BB", "--against", "CC,DD", ok=False)
    assert r.exit_code == 2 and "pecuniary" in r.output
    r = gd("minute", "2022-09-15", "86", "--text", "x", "--resolved", "y", "--for", "AA", "--against", "EE",
           ok=False)
    assert r.exit_code == 2 and "EE" in r.output and "voting member" in r.output
    r = gd("minute", "2022-09-15", "86", "--text", "x", "--resolved", "y", "--for", "AA,BB", "--against", "CC",
           "--casting-vote", ok=False)
    assert r.exit_code == 2 and "equal" in r.output
    assert commits(root) == n
    gd("minute", "2022-09-15", "ICBP/2223/086", "--text", "The board discussed the month 5 position.",
       "--resolved", "That the financial position be approved.", "--for", "AA", "--against", "BB",
       "--abstained", "CC", "--casting-vote", "--outcome", "approved")
    mins = yaml.safe_load((root / "meetings/icb/2022-09-15/minutes.yaml").read_text())
    d = mins["items"][fin]["resolved"][0]
    assert d["recorded_vote"] == {"for": ["AA"], "against": ["BB"], "abstained": ["CC"]}
    assert d["casting_vote"] == "AA" and d["vote"] == {"for": 1, "against": 1, "abstained": 1}

    out = tmp_path / "out"
    agenda = pdf_text(render(gd, "agenda", "2022-09-15", out, "pdf")["pdf"])
    assert "Part 1 (Public)" in agenda and "Any Other Business" in agenda and "10.40am" in agenda
    assert "Estates contract" not in agenda and "Schedule 12A" not in agenda and "1960" in agenda
    private = pdf_text(render(gd, "agenda", "2022-09-15", out / "p", "pdf", "--private")["pdf"])
    assert "Part 2 (Confidential)" in private and "Estates contract" in private
    minutes = docx_text(render(gd, "minutes", "2022-09-15", out, "docx")["docx"])
    assert "ICBP/2223/086" in minutes and "APPROVED that the financial position be approved" in minutes
    assert "For: Amy Able; Against: Ben Black; Abstained: Cat Cole" in minutes
    assert "casting vote of the Chair, Amy Able" in minutes and "The meeting was quorate" in minutes

    # BRAG: blue is complete on an NHS board's log
    aid = gd("action", "add", "2022-09-15", fin, "Refresh the recovery plan", "--owner", "BB",
             "--due", "2022-10-20").stdout.strip().split()[-1]
    gd("action", "update", aid, "--rag", "blue", today="2022-10-01")
    log = pdf_text(render(gd, "actions", "2022-09-15", out / "a", "pdf")["pdf"])
    assert "Blue" in log and "Light Green" not in log
    r = gd("action", "update", aid, "--rag", "light-green", ok=False)
    assert r.exit_code == 2 and "brag" in r.output


def test_quorum_needs_each_kind_of_member(tmp_path):
    root, gd = _workspace(tmp_path, "NHS Testshire Integrated Care Board")
    _people(gd, "AA Amy Able", "BB Ben Black", "CC Cat Cole", "DD Dan Dee")
    gd("board", "add", "icb", "--name", "ICB Board", "--rules", "nhs")
    gd("member", "add", "icb", "AA", "--chair", "--group", "non-executive")
    gd("member", "add", "icb", "BB", "--group", "executive")
    gd("member", "add", "icb", "CC", "--group", "executive")
    gd("member", "add", "icb", "DD", "--group", "executive")
    gd("board", "edit", "icb", "--quorum", "3", "--quorum-needs", "chair,executive,non-executive")
    gd("meeting", "new", "icb", "2022-09-15", today="2022-09-01")
    gd("attendance", "2022-09-15", "--present", "BB,CC,DD", "--apologies", "AA", today="2022-09-15")
    text = docx_text(render(gd, "minutes", "2022-09-15", tmp_path / "o", "docx")["docx"])
    assert "The meeting was not quorate" in text  # three voting members, but no chair and no non-executive


def test_a_parish_council_meeting_end_to_end(tmp_path):
    root, gd = _workspace(tmp_path, "Testshire Parish Council")
    _people(gd, "PA Pat Ash", "PB Priya Birch", "PC Paul Cedar", "CL Clara Lime")
    gd("board", "add", "pc", "--name", "Testshire Parish Council", "--rules", "parish")
    for who in ("PA", "PB", "PC"):
        gd("member", "add", "pc", who, *(["--chair"] if who == "PA" else []))
    titles = [s["title"] for s in yaml.safe_load((root / "boards/pc/board.yaml").read_text())["standing_items"]]
    assert "Public Participation" in titles and "Urgent Items Authorised by the Chair" not in titles
    gd("board", "standing", "edit", "pc", "questions", "--title", "Public Question Time")
    gd("board", "standing", "add", "pc", "Member Question Time", "--kind", "member-questions", "--at", "4")
    gd("board", "standing", "remove", "pc", "next-agenda")
    gd("board", "standing", "move", "pc", "declarations", "--to", "1")
    gd("board", "edit", "pc", "--minute-numbering", "year")
    gd("meeting", "new", "pc", "2024-06-04", "--time", "19:00", today="2024-05-20")
    meeting = yaml.safe_load((root / "meetings/pc/2024-06-04/meeting.yaml").read_text())
    titles = [it["title"] for it in meeting["items"]]
    assert titles[:4] == ["Declarations of Interest and Requests for Dispensations", "Apologies for Absence",
                          "Public Question Time", "Member Question Time"]
    assert "Items for the Next Agenda" not in titles
    dl = gd("deadlines", "2024-06-04", today="2024-05-20").stdout
    assert "30 May 2024" in dl and "key decision" not in dl.lower()
    gd("item", "add", "2024-06-04", "Clerk's salary review", "--exempt", "Staffing matter", today="2024-05-20")
    gd("item", "add", "2024-06-04", "Planning application 24/0123", "--purpose", "To comment", today="2024-05-20")
    agenda = pdf_text(render(gd, "agenda", "2024-06-04", tmp_path / "o", "pdf")["pdf"])
    assert "1960" in agenda and "salary" not in agenda and "Schedule 12A" not in agenda
    gd("meeting", "edit", "2024-06-04", "--first-minute", "40", today="2024-05-20")
    gd("attendance", "2024-06-04", "--present", "PA,PB", "--absent", "PC", "--in-attendance", "CL",
       "--public", "3", "--arrived", "PB=19:20", today="2024-06-04")
    plan = [it for it in yaml.safe_load((root / "meetings/pc/2024-06-04/meeting.yaml").read_text())["items"]
            if it["title"].startswith("Planning")][0]
    gd("minute", "2024-06-04", f"24/{40 + int(plan['number']) - 1}", "--text", "Members considered the plans.",
       "--resolved", "To raise no objection.", "--proposer", "PA", "--seconder", "PB", "--vote", "unanimous")
    gd("meeting", "edit", "2024-06-04", "--closed", "20:47", today="2024-06-04")
    minutes = docx_text(render(gd, "minutes", "2024-06-04", tmp_path / "m", "docx")["docx"])
    assert f"24/{40 + int(plan['number']) - 1}" in minutes and "RESOLVED" in minutes
    assert "unanimously" in minutes.lower() and "3 members of the public" in minutes
    assert "arrived 7.20pm" in minutes and "closed at 8.47pm" in minutes
    assert re.search(r"Absent[^\n]*\n?[^\n]*Paul Cedar", minutes)


def test_a_partnership_board_agrees_and_takes_confidential_items_by_agreement(tmp_path):
    root, gd = _workspace(tmp_path, "Testshire Council")
    _people(gd, "AB Alice Brown", "CD Chandra Dee", "PF Parent Forum")
    gd("board", "add", "send-pb", "--name", "Testshire SEND Partnership Board", "--rules", "partnership")
    gd("member", "add", "send-pb", "AB", "--chair")
    gd("member", "add", "send-pb", "PF", "--chair")  # co-chairs, as many SEND boards have
    gd("member", "add", "send-pb", "CD")
    gd("meeting", "new", "send-pb", "2030-09-10", "--time", "14:00", today="2030-09-01")
    item = gd("item", "add", "2030-09-10", "Needs assessment", today="2030-09-01").stdout.strip()
    gd("item", "add", "2030-09-10", "Provider concerns", "--exempt", "Concerns about a named provider",
       today="2030-09-01")
    gd("attendance", "2030-09-10", "--present", "AB,PF,CD", "--chair", "PF", today="2030-09-10")
    gd("minute", "2030-09-10", item, "--text", "Discussed.", "--resolved", "That the needs assessment be published.")
    minutes = pdf_text(render(gd, "minutes", "2030-09-10", tmp_path / "m", "pdf")["pdf"])
    assert re.search(r"\bAGREED\b", minutes) and not re.search(r"\bRESOLVED\b", minutes)
    assert "Chair (Parent Forum)" in minutes.replace("\n", " ")
    agenda = " ".join(pdf_text(render(gd, "agenda", "2030-09-10", tmp_path / "a", "pdf")["pdf"]).split())
    assert "Co-Chairs: Alice Brown and Parent Forum" in agenda
    assert "agreement of the Board" in agenda and "Provider concerns" not in agenda
    assert "Any Other Business" in agenda


def test_key_decisions_only_for_an_executive(tmp_path):
    root, gd = _workspace(tmp_path, "Testshire County Council")
    gd("board", "add", "cab", "--name", "Cabinet", "--executive")
    gd("board", "add", "hwb", "--name", "Health and Wellbeing Board")
    gd("meeting", "new", "cab", "2030-06-04", today="2030-04-01")
    gd("meeting", "new", "hwb", "2030-06-05", today="2030-04-01")
    assert "key decision" in gd("deadlines", "2030-06-04", today="2030-04-01").stdout.lower()
    assert "key decision" not in gd("deadlines", "2030-06-05", today="2030-04-01").stdout.lower()


def test_minute_formats_are_checked_and_never_python_formatting(tmp_path):
    root, gd = _workspace(tmp_path, "Testshire County Council")
    gd("board", "add", "hwb", "--name", "Health and Wellbeing Board")
    n = commits(root)
    for bad in ("{n.__class__}", "{x}", "ICB/{fy}", "{n}{n}", "{n:>9}", "{"):
        r = gd("board", "edit", "hwb", "--minute-format", bad, ok=False)
        assert r.exit_code == 2 and "minute-format" in r.output, bad
    assert commits(root) == n


def test_the_parish_example_builds_its_pack(tmp_path):
    """examples/east-farleigh: a parish council entered through the command line from its public minutes."""
    import os
    import shutil
    import subprocess

    from conftest import ROOT

    ws = tmp_path / "east-farleigh"
    shutil.copytree(ROOT / "examples/east-farleigh", ws)
    env = dict(os.environ, GIT_AUTHOR_NAME="Parish Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
               GIT_COMMITTER_NAME="Parish Clerk", GIT_COMMITTER_EMAIL="clerk@example.org")
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "example"]):
        subprocess.run(cmd, cwd=ws, check=True, env=env)
    gd = Gd(ws)
    assert "0 error(s)" in gd("check").output
    files = gd("pack", "2020-07-07", "-o", tmp_path / "pack", today="2020-07-08").stdout.split()
    pdf = next(f for f in files if f.endswith(".pdf"))
    text = " ".join(pdf_text(pdf).split())
    assert "Members of the Council are summoned" in text and "Summons and agenda sent to members on" in text
    # signed by the proper officer (Sch 12 para 10(2)(b)), dated the day it went out
    assert re.search(r"Signed: _+ Desiree Home, Clerk Date: \w+day \d+ \w+ 2020", text)
    assert "19/501571/FULL" in text and "20/502111/FULL" in text  # this meeting's business and the last's
    assert "20/17." in text and "20/18." in text  # minutes numbered on through the council's year
    assert "RESOLVED: To recommend REFUSAL" in text or "RESOLVED that" in text
    assert "Approved as a correct record at the meeting on Tuesday 7 July 2020" in text
    assert "Schedule 12A" not in text and "1960" in text
    word = docx_text(next(f for f in files if f.endswith(".docx")))
    assert "19/501571/FULL" in word


def test_a_parish_forward_plan_entry_exempt_for_a_reason_is_checked_rendered_and_packed(ws, tmp_path):
    """The case of issue 20: a reason where the board's rules say a reason, read so by every reader."""
    root, gd = ws
    gd("board", "add", "pc", "--name", "Testshire Parish Council", "--rules", "parish")
    gd("member", "add", "pc", "AB", "--chair")
    gd("meeting", "new", "pc", "2030-01-14", "--venue", "Village Hall", today="2030-01-02")
    gd("forward", "add", "pc", "2030-03-05", "Zqclerk salary review", "--exempt", "Staffing matter", today="2030-01-02")
    assert "record is valid" in gd("check").output
    assert "[NOT FOR PUBLICATION] Zqclerk salary review" in gd("forward", "list", "pc").stdout
    gd("render", "agenda", "2030-01-14", today="2030-01-02")
    gd("render", "forward-plan", "2030-01-14", today="2030-01-02")
    gd("meeting", "new", "pc", "2030-03-05", today="2030-01-02")
    assert "Zqclerk salary review  [EXEMPT: Staffing matter]" in gd("meeting", "show", "2030-03-05").stdout
    out = tmp_path / "pack"
    gd("pack", "2030-03-05", "-o", out, today="2030-02-20")
    public = subprocess.run(["pdftotext", str(next(out.glob("*.pdf"))), "-"], capture_output=True, text=True).stdout
    assert "Zqclerk" not in public and "Exclusion of the Press and Public" in public
    gd("pack", "2030-03-05", "--private", "-o", tmp_path / "private", today="2030-02-20")
    private = subprocess.run(["pdftotext", str(next((tmp_path / "private").glob("*.pdf"))), "-"],
                             capture_output=True, text=True).stdout
    assert "Zqclerk salary review" in private and "Staffing matter" in private
    forward = yaml.safe_load((root / "boards/pc/forward-plan.yaml").read_text())
    forward["items"][0]["exempt"] = "yes"  # a hand edit that says nothing: check names it, documents refuse
    (root / "boards/pc/forward-plan.yaml").write_text(yaml.safe_dump(forward))
    r = gd("check", ok=False)
    assert r.exit_code == 1 and re.search(r"boards/pc/forward-plan\.yaml:\d+: .*does not say why", r.output)


def test_columns_nobody_fills_are_left_out_of_agendas_and_minutes_in_word_and_pdf(ws, tmp_path):
    import docx as python_docx

    root, gd = ws
    gd("board", "add", "pc", "--name", "Testshire Parish Council", "--rules", "parish")
    for i, name in (("PA", "Cllr Pat Ash"), ("RB", "Cllr Rob Birch")):
        gd("person", "add", i, "--name", name)
        gd("member", "add", "pc", i)
    gd("meeting", "new", "pc", "2030-01-14", "--venue", "Village Hall", today="2030-01-02")
    gd("item", "add", "2030-01-14", "Hall lettings", today="2030-01-02")
    gd("attendance", "2030-01-14", "--present", "PA", "--apologies", "RB", today="2030-01-14")
    for kind, gone in (("agenda", ("Presenter", "Paper")), ("minutes", ("Role", "Organisation"))):
        files = render(gd, kind, "2030-01-14", tmp_path / kind, "docx,pdf", today="2030-01-14")
        headers = [c.text.strip() for t in python_docx.Document(files["docx"]).tables for c in t.rows[0].cells]
        assert headers and not set(gone) & set(headers), (kind, headers)
        for t in python_docx.Document(files["docx"]).tables:  # every row still has a cell per column
            assert len({len(r.cells) for r in t.rows}) == 1
        text = pdf_text(files["pdf"])
        assert not any(g in text for g in gone), kind
    # a principal council's agenda, whose items have presenters, keeps the column
    gd("meeting", "new", "send-pb", "2030-01-16", today="2030-01-02")
    gd("item", "add", "2030-01-16", "High needs budget", "--presenter", "CD", today="2030-01-02")
    files = render(gd, "agenda", "2030-01-16", tmp_path / "principal", "docx,pdf", today="2030-01-02")
    assert "Presenter" in pdf_text(files["pdf"]) and "Paper" not in pdf_text(files["pdf"])


def test_declarations_are_taken_and_printed_by_the_minute_number(ws, tmp_path):
    root, gd = ws
    gd("board", "edit", "send-pb", "--minute-numbering", "year")
    gd("meeting", "new", "send-pb", "2030-01-10", today="2030-01-02")
    gd("meeting", "edit", "2030-01-10", "--first-minute", "21", today="2030-01-02")
    item = gd("item", "add", "2030-01-10", "High needs budget", today="2030-01-02").stdout.strip()
    from govdocs.minute_numbers import printed_numbers
    from govdocs.store.workspace import Workspace

    printed = printed_numbers(Workspace(root), Workspace(root).meeting("send-pb", "2030-01-10"))[item]
    number = printed.split("/")[-1]  # e.g. 29/25 -> 25, as a clerk reads it off the minutes
    gd("attendance", "2030-01-10", "--present", "AB,CD", "--declare", f"CD:{number}:Governor of a special school",
       today="2030-01-10")
    gd("minute", "2030-01-10", item, "--text", "Noted.")
    files = render(gd, "minutes", "2030-01-10", tmp_path / "m", "pdf", today="2030-01-10")
    text = " ".join(pdf_text(files["pdf"]).split())
    assert f"item {printed}: Governor of a special school" in text and f"item {item}:" not in text
    r = gd("attendance", "2030-01-10", "--declare", "CD:999:Nothing", ok=False, today="2030-01-10")
    assert r.exit_code == 1 and "no item or minute 999" in r.output
