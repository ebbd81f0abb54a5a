"""Two clerks, two clones: changes to different actions merge cleanly; edits stay one-line diffs."""
import subprocess

from conftest import Gd, git


def clone(src, dest):
    subprocess.run(["git", "clone", "-q", str(src), str(dest)], check=True)
    return dest


def test_two_clerks_changing_two_actions_merge_without_conflict(meeting, tmp_path):
    root, gd, item = meeting
    a = gd("action", "add", "2030-01-10", item, "First", "--owner", "CD").stdout.strip()
    b = gd("action", "add", "2030-01-10", item, "Second", "--owner", "EF").stdout.strip()
    one, two = clone(root, tmp_path / "one"), clone(root, tmp_path / "two")
    Gd(one)("action", "update", a, "--rag", "amber", "--note", "From clerk one", today="2030-02-01")
    Gd(one)("person", "add", "AA", "--name", "Aaron Able")
    Gd(two)("action", "done", b, "--note", "From clerk two", today="2030-02-02")
    Gd(two)("person", "add", "ZZ", "--name", "Zoe Zed")
    git(two, "pull", "-q", "--no-rebase", "--no-edit", str(one), "HEAD")  # raises on a conflict
    text_a = (two / f"actions/send-pb/{a}.yaml").read_text()
    text_b = (two / f"actions/send-pb/{b}.yaml").read_text()
    assert "From clerk one" in text_a and "From clerk two" in text_b
    people = (two / "people.yaml").read_text()
    assert "AA:" in people and "ZZ:" in people
    assert Gd(two)("check").exit_code == 0


def test_a_change_through_govdocs_keeps_hand_comments_and_is_a_small_diff(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Do it", "--owner", "CD").stdout.strip()
    f = root / f"actions/send-pb/{aid}.yaml"
    f.write_text("# Agreed with the chair on the day\n" + f.read_text().replace("status: open", "status: open  # chased weekly"))
    git(root, "commit", "-qam", "hand edit")
    gd("action", "update", aid, "--status", "in-progress", today="2030-01-20")
    text = f.read_text()
    assert text.startswith("# Agreed with the chair on the day") and "# chased weekly" in text
    diff = git(root, "diff", "HEAD~1", "--unified=0", "--", str(f))
    changed = [l for l in diff.splitlines() if l[:1] in "+-" and not l.startswith(("+++", "---"))]
    removed = [l for l in changed if l.startswith("-")]
    assert removed == ["-status: open  # chased weekly"]  # one field, one line; the rest is the new update


def test_meeting_times_are_written_so_yaml11_reads_them_as_text(meeting):
    import yaml
    root, gd, item = meeting
    text = (root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text()
    assert "start: '10:00'" in text
    assert yaml.safe_load(text)["end"] == "12:00"
