"""Corrections a clerk makes by command rather than by hand, each one commit, each refused when it would
leave the record pointing at nothing; and a confidential appendix to a public item."""
from __future__ import annotations

import re

import yaml
from conftest import commits, git
from readback import pdf_text
from weasyprint import HTML

from govdocs.store.workspace import Workspace

DAY = "2030-01-10"


def test_fields_set_by_mistake_are_cleared(meeting):
    root, gd, item = meeting
    gd("meeting", "edit", DAY, "--closed", "11:50", today=DAY)
    gd("meeting", "edit", DAY, "--closed", "", today=DAY)
    assert "closed" not in yaml.safe_load((root / f"meetings/send-pb/{DAY}/meeting.yaml").read_text())
    r = gd("meeting", "edit", DAY, "--closed", "", ok=False, today=DAY)
    assert r.exit_code == 2 and "no closing time" in r.output


def test_a_stray_minute_one_decision_and_a_future_date_are_taken_out(meeting):
    root, gd, item = meeting
    gd("attendance", DAY, "--present", "AB,CD,EF", today=DAY)
    gd("minute", DAY, "1", "--text", "Minuted under the wrong item.")
    gd("minute", DAY, item, "--text", "Discussed.", "--resolved", "That the budget be noted.",
       "--resolved", "That a mistaken second decision be made.")
    gd("minutes", "future-date", DAY, "2030-03-12", today=DAY)
    gd("minutes", "future-date", DAY, "2030-03-21", today=DAY)
    before = commits(root)
    gd("minute", DAY, "1", "--text", "")
    gd("minute", DAY, item, "--remove-decision", "2")
    gd("minutes", "future-date", DAY, "2030-03-21", "--remove", today=DAY)
    assert commits(root) == before + 3
    m = Workspace(root).meeting("send-pb", DAY)
    assert "1" not in m.minutes
    assert [d.text for d in m.minutes[item].decisions] == ["That the budget be noted."]
    assert [f.date for f in m.future_dates] == ["2030-03-12"]
    r = gd("minute", DAY, item, "--remove-decision", "3", ok=False)
    assert r.exit_code == 2 and "1 decision(s)" in r.output
    assert gd("check").exit_code == 0


def test_people_boards_and_actions_entered_in_error_go_only_while_nothing_refers_to_them(meeting):
    root, gd, item = meeting
    gd("person", "add", "XX", "--name", "Entered Twice")
    gd("person", "remove", "XX")
    assert "XX" not in Workspace(root).people
    r = gd("person", "remove", "CD", ok=False)  # a member, a presenter
    assert r.exit_code == 2 and "the membership of send-pb" in r.output and "agenda" in r.output
    gd("board", "add", "sned", "--name", "Misspelt board")
    gd("board", "remove", "sned")
    assert "sned" not in Workspace(root).boards and not (root / "boards/sned").exists()
    r = gd("board", "remove", "send-pb", ok=False)
    assert r.exit_code == 2 and "1 meeting(s)" in r.output
    aid = gd("action", "add", DAY, item, "Raised in error", "--owner", "CD", today="2030-01-02").stdout.strip()
    gd("action", "remove", aid)
    assert aid not in [a.id for a in Workspace(root).actions]
    assert "Action " + aid + " removed" in gd("history").output  # git keeps what was there
    kept = gd("action", "add", DAY, item, "Reported on", "--owner", "CD", today="2030-01-02").stdout.strip()
    gd("action", "update", kept, "--note", "Started", today="2030-01-05")
    r = gd("action", "remove", kept, ok=False)
    assert r.exit_code == 2 and "the update of 2030-01-05" in r.output
    assert gd("check").exit_code == 0


def test_a_member_who_joins_between_meetings_counts_only_from_then(meeting):
    root, gd, item = meeting
    gd("member", "add", "send-pb", "GH", "--from", "2030-02-01")
    board = Workspace(root).board("send-pb")
    assert "GH" not in [m.initials for m in board.members_on(DAY)]
    assert "GH" in [m.initials for m in board.members_on("2030-03-12")]


def test_a_workstream_is_renamed_and_given_a_new_lead(ws):
    root, gd = ws
    gd("workstream", "add", "send-prog", "ehcp", "--name", "EHCP timeliness", "--lead", "CD", "--board", "send-pb")
    gd("workstream", "edit", "ehcp", "--name", "EHCP quality and timeliness", "--lead", "EF")
    w = Workspace(root).workstream("ehcp")
    assert (w.name, w.lead) == ("EHCP quality and timeliness", "EF")
    r = gd("workstream", "edit", "ehcp", "--lead", "NOPE", ok=False)
    assert r.exit_code != 0 and "NOPE" in r.output


def test_a_confidential_appendix_stays_out_of_every_public_output(meeting, tmp_path):
    root, gd, item = meeting
    report, costs = tmp_path / "bcf-report.pdf", tmp_path / "bcf-provider-costs.pdf"
    HTML(string="<p>Better Care Fund report</p>").write_pdf(str(report))
    HTML(string="<p>Provider cost schedule SECRETCOSTS</p>").write_pdf(str(costs))
    n = gd("item", "add", DAY, "Better Care Fund", "--paper", report, "--paper", costs,
           today="2030-01-02").stdout.strip()
    gd("item", "edit", DAY, n, "--exempt-paper", "bcf-provider-costs.pdf=3", today="2030-01-02")
    assert "0 error(s)" in gd("check").output
    public = gd("pack", DAY, "-o", tmp_path / "public", today="2030-01-02").stdout.split()
    text = " ".join(pdf_text(next(f for f in public if f.endswith(".pdf"))).split())
    assert "Better Care Fund report" in text and "SECRETCOSTS" not in text
    assert "Appendix B — exempt appendix, not for publication (paragraph 3 of Part 1 of Schedule 12A)" in text
    private = gd("pack", DAY, "--private", "-o", tmp_path / "private", today="2030-01-02").stdout.split()
    assert "SECRETCOSTS" in " ".join(pdf_text(next(f for f in private if f.endswith(".pdf"))).split())
    gd("site", "-o", tmp_path / "site", "--base-url", "https://example.org/", today="2030-01-02")
    assert not list((tmp_path / "site").rglob("bcf-provider-costs.pdf"))
    assert list((tmp_path / "site").rglob("bcf-report.pdf"))
    # a paper written by hand as a bare file name takes the flag too
    path = root / f"meetings/send-pb/{DAY}/meeting.yaml"
    path.write_text(re.sub(r"- file: papers/bcf-report.pdf\n\s+title: [^\n]+\n", "- papers/bcf-report.pdf\n",
                           path.read_text()))
    git(root, "commit", "-qam", "a paper written by hand as a bare name")
    gd("item", "edit", DAY, n, "--exempt-paper", "bcf-report.pdf=3", today="2030-01-02")
    paper = Workspace(root).meeting("send-pb", DAY).item(n).papers[0]
    assert (paper.file, paper.exempt) == ("papers/bcf-report.pdf", 3)
    gd("item", "edit", DAY, n, "--exempt-paper", "bcf-report.pdf=", today="2030-01-02")
    # an unclear flag on the paper fails closed
    path.write_text(path.read_text().replace("exempt: 3", "exempt: maybe"))
    r = gd("pack", DAY, "-o", tmp_path / "refused", ok=False, today="2030-01-02")
    assert r.exit_code != 0 and "bcf-provider-costs.pdf" in r.output and "refusing" in r.output
