"""A new clerk's slips (issue 27): each is refused or warned in one clear line, and nothing is committed
by a refusal."""
from __future__ import annotations

import email
import socket
import subprocess
from email import policy

from conftest import commits
from web_server import GOVDOCS


def test_a_meeting_on_a_sunday_or_a_bank_holiday_is_warned(ws):
    root, gd = ws
    r = gd("meeting", "new", "send-pb", "2030-12-25", today="2030-11-01")
    assert "warning: Wednesday 25 December 2030 is a bank holiday (Christmas Day)" in r.output
    r = gd("meeting", "new", "send-pb", "2030-01-13", today="2030-01-02")
    assert "is a Sunday" in r.output
    r = gd("meeting", "move", "2030-01-13", "--to", "2030-01-14", today="2030-01-02")
    assert "warning" not in r.output  # a Monday
    assert "warning" not in gd("meeting", "new", "send-pb", "2030-01-10", today="2030-01-02").output


def test_proposer_and_seconder_must_be_two_people(meeting):
    root, gd, item = meeting
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", today="2030-01-10")
    before = commits(root)
    r = gd("minute", "2030-01-10", item, "--resolved", "That the budget be noted.", "--proposer", "AB",
           "--seconder", "AB", ok=False)
    assert r.exit_code == 2 and "cannot both propose and second" in r.output
    gd("minute", "2030-01-10", item, "--text", "Noted.")
    gd("meeting", "new", "send-pb", "2030-03-14", today="2030-03-01")
    gd("attendance", "2030-03-14", "--present", "AB,CD,EF", today="2030-03-14")
    r = gd("minutes", "approve", "2030-01-10", "--at", "2030-03-14", "--proposer", "CD", "--seconder", "CD",
           today="2030-03-14", ok=False)
    assert r.exit_code == 2 and "cannot both propose and second" in r.output
    assert commits(root) == before + 3


def test_minutes_are_not_approved_at_a_meeting_not_held_and_one_with_no_attendance_is_warned(meeting):
    root, gd, item = meeting
    gd("attendance", "2030-01-10", "--present", "AB,CD,EF", today="2030-01-10")
    gd("minute", "2030-01-10", item, "--text", "Noted.")
    gd("meeting", "new", "send-pb", "2030-02-14", today="2030-02-01")
    gd("meeting", "cancel", "2030-02-14", "--reason", "Not quorate", today="2030-02-01")
    r = gd("minutes", "approve", "2030-01-10", "--at", "2030-02-14", today="2030-02-20", ok=False)
    assert r.exit_code == 2 and "was not held" in r.output
    gd("meeting", "new", "send-pb", "2030-03-14", today="2030-03-01")
    r = gd("minutes", "approve", "2030-01-10", "--at", "2030-03-14", today="2030-03-14")
    assert "warning: the meeting of 2030-03-14 has no attendance recorded" in r.output


def test_an_action_is_not_due_before_the_meeting_that_raised_it(meeting):
    root, gd, item = meeting
    before = commits(root)
    r = gd("action", "add", "2030-01-10", item, "Report back", "--owner", "CD", "--due", "2030-01-09", ok=False)
    assert r.exit_code == 2 and "before the meeting that raises the action" in r.output
    assert commits(root) == before


def test_minute_and_action_add_name_the_item_they_landed_on(meeting):
    root, gd, item = meeting
    r = gd("minute", "2030-01-10", item, "--text", "Noted.")
    assert f"Minute of item {item} (High needs budget) recorded" in r.output
    r = gd("action", "add", "2030-01-10", item, "Report back", "--owner", "CD")
    assert f"under item {item} (High needs budget)" in r.output
    secret = gd("item", "add", "2030-01-10", "Zqplacement contract", "--exempt", "3", today="2030-01-02").stdout.strip()
    r = gd("minute", "2030-01-10", secret, "--text", "Terms noted.")
    assert f"item {secret} (exempt item)" in r.output and "Zqplacement" not in r.output


def test_done_needs_a_note_on_the_command_line_as_on_the_web(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Report back", "--owner", "CD").stdout.strip()
    r = gd("action", "done", aid, ok=False)
    assert r.exit_code == 2 and "--note" in r.output
    r = gd("action", "update", aid, "--status", "dropped", ok=False)
    assert r.exit_code == 2 and "why the action is dropped" in r.output
    gd("action", "done", aid, "--note", "Reported at the March meeting")


def test_serve_on_a_port_in_use_says_so_in_one_line(meeting):
    root, gd, item = meeting
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = subprocess.run([*GOVDOCS, "serve", "--port", str(port)], cwd=root, capture_output=True, text=True,
                           timeout=60)
    assert r.returncode == 1 and f"cannot listen on 127.0.0.1:{port}" in r.stderr
    assert "serving" not in r.stderr and "Traceback" not in r.stderr and "internal error" not in r.stderr


def test_remind_counts_overdue_apart_can_send_again_and_warns_of_a_committable_outbox(meeting, tmp_path):
    root, gd, item = meeting
    gd("person", "add", "NG", "--name", "Nadia Green", "--email", "nadia@example.org")
    gd("person", "add", "XX", "--name", "Placeholder")
    (root / "people.yaml").write_text((root / "people.yaml").read_text().replace("name: Placeholder", "name: ''"))
    gd("action", "add", "2030-01-10", item, "Send the 2030 figures", "--owner", "NG", "--due", "2030-01-20")
    gd("action", "add", "2030-01-10", item, "Nameless", "--owner", "XX", "--due", "2030-01-20")
    r = gd("remind", "--days", "7", "--outbox", tmp_path / "one", "--base-url", "https://g.example", today="2036-02-01")
    assert "XX (no name in people.yaml)" in r.output
    msg = email.message_from_bytes(next((tmp_path / "one").glob("*-NG.eml")).read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    assert "You have 1 action overdue." in text and "due within" not in text
    assert msg["Subject"] == "Your actions: 1 overdue"
    again = gd("remind", "--days", "7", "--outbox", tmp_path / "two", "--base-url", "https://g.example",
               today="2036-02-01")
    assert not list((tmp_path / "two").glob("*.eml")) and "--force" in again.output
    gd("remind", "--days", "7", "--outbox", tmp_path / "two", "--base-url", "https://g.example", "--force",
       today="2036-02-01")
    assert list((tmp_path / "two").glob("*-NG.eml"))
    inside = gd("remind", "--days", "7", "--outbox", root / "mail", "--base-url", "https://g.example", "--force",
                today="2036-02-01")
    assert "mail is inside the record and not git-ignored" in inside.output
    quiet = gd("remind", "--days", "7", "--outbox", root / "outbox", "--base-url", "https://g.example", "--force",
               today="2036-02-01")
    assert "not git-ignored" not in quiet.output  # a new workspace ignores outbox/


def test_meeting_show_marks_moved_meetings_withdrawn_items_and_an_exemption_by_reason(ws):
    root, gd = ws
    gd("board", "add", "pc", "--name", "Testshire Parish Council", "--rules", "parish")
    gd("member", "add", "pc", "AB", "--chair")
    gd("meeting", "new", "pc", "2030-01-08", "--venue", "Village Hall", today="2030-01-02")
    gd("item", "add", "2030-01-08", "Clerk's salary review", "--exempt", "Staffing matter", today="2030-01-02")
    hall = gd("item", "add", "2030-01-08", "Hall lettings", today="2030-01-02").stdout.strip()
    gd("meeting", "publish", "2030-01-08", today="2030-01-03")
    gd("item", "withdraw", "2030-01-08", hall, "--reason", "Report not ready", today="2030-01-03")
    out = gd("meeting", "show", "2030-01-08").stdout
    assert "Clerk's salary review  [EXEMPT: Staffing matter]" in out and "EXEMPT?" not in out
    assert "WITHDRAWN: Report not ready" in out
    gd("meeting", "move", "2030-01-08", "--to", "2030-01-15", today="2030-01-04")
    assert "cancelled: Moved to Tuesday 15 January 2030" in gd("meeting", "show", "2030-01-08").stdout
