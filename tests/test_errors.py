"""Bad input: one clear line, a non-zero exit, no traceback, nothing written or committed."""
import pytest
from conftest import commits, git


@pytest.mark.parametrize("args, says", [
    (("action", "add", "2030-01-10", "5", "x", "--owner", "ZZ"), "unknown owner initials 'ZZ'"),
    (("meeting", "new", "send-pb", "2030-02-30"), "does not exist in the calendar"),
    (("meeting", "new", "nosuch", "2030-03-01"), "no board 'nosuch'"),
    (("action", "done", "NO-SUCH-ACTION"), "no action 'NO-SUCH-ACTION'"),
    (("attendance", "2031-05-05", "--present", "AB"), "no meeting on 2031-05-05"),
    (("item", "add", "2030-01-10", "X", "--exempt", "9"), "paragraphs 1 to 7"),
    (("action", "update", "SEND-PB-2030-01-10-5a", "--rag", "purple"), "RAG 'purple'"),
    (("meeting", "new", "send-pb", "14/11/2019"), "YYYY-MM-DD"),
])
def test_bad_input_is_one_clear_line_and_commits_nothing(meeting, args, says):
    root, gd, item = meeting
    gd("action", "add", "2030-01-10", item, "Existing action", "--owner", "CD")
    n = commits(root)
    status = git(root, "status", "--porcelain")
    r = gd(*args, ok=False)
    assert r.exit_code in (1, 2)
    assert says in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) == 1
    assert commits(root) == n and git(root, "status", "--porcelain") == status


def test_missing_paper_is_refused(meeting):
    root, gd, _ = meeting
    r = gd("item", "add", "2030-01-10", "X", "--paper", "nope.pdf", ok=False)
    assert r.exit_code != 0 and "nope.pdf" in r.output


def test_refuses_to_commit_in_the_middle_of_a_merge(meeting):
    root, gd, item = meeting
    (root / ".git" / "MERGE_HEAD").write_text(git(root, "rev-parse", "HEAD"))
    n = commits(root)
    r = gd("action", "add", "2030-01-10", item, "x", "--owner", "CD", ok=False)
    assert r.exit_code != 0 and "middle of a merge" in r.output
    assert commits(root) == n and not list((root / "actions").glob("*/*.yaml"))


def test_refuses_to_sweep_up_uncommitted_edits_to_the_same_file(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "x", "--owner", "CD").stdout.strip()
    f = root / f"actions/send-pb/{aid}.yaml"
    f.write_text(f.read_text() + "# half-finished hand edit\n")
    r = gd("action", "done", aid, "--note", "Sent", ok=False)
    assert r.exit_code != 0 and "not committed" in r.output
    assert "status: open" in f.read_text()


def test_no_workspace_is_a_clear_error(tmp_path):
    from conftest import Gd
    r = Gd(tmp_path)("actions", ok=False)
    assert r.exit_code != 0 and "govdocs.yaml" in r.output


def test_check_reports_broken_yaml_with_file_and_line(meeting):
    root, gd, _ = meeting
    f = root / "meetings/send-pb/2030-01-10/meeting.yaml"
    f.write_text(f.read_text() + "\nbroken: [unclosed\n  - : :\n")
    r = gd("check", ok=False)
    assert r.exit_code == 1 and "meetings/send-pb/2030-01-10/meeting.yaml:" in r.output
    assert "Traceback" not in r.output


def test_check_reports_every_problem_with_its_line(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "x", "--owner", "CD").stdout.strip()
    f = root / f"actions/send-pb/{aid}.yaml"
    f.write_text(f.read_text().replace("- CD", "- QQ").replace("status: open", "status: finished"))
    r = gd("check", ok=False)
    lines = r.stdout.splitlines()
    assert any(l.startswith(f"actions/send-pb/{aid}.yaml:7: unknown owner initials 'QQ'") for l in lines), lines
    assert any("status should be one of" in l for l in lines)


def test_minutes_cannot_be_approved_at_a_meeting_still_to_come(meeting):
    root, gd, item = meeting
    gd("meeting", "new", "send-pb", "2030-03-14")
    gd("minute", "2030-01-10", item, "--text", "Noted.")
    r = gd("minutes", "approve", "2030-01-10", "--at", "2030-03-14", today="2030-02-01", ok=False)
    assert r.exit_code == 2 and "has not happened yet" in r.output
