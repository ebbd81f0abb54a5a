"""Nothing is lost: changes queue, a killed command is rolled back, a failed commit leaves git clean."""
from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from conftest import commits, git

GOVDOCS = [sys.executable, "-m", "govdocs"]


def run(root: Path, *args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """govdocs as its own process, as a clerk (or a kill signal) meets it."""
    e = dict(os.environ, **(env or {}))
    return subprocess.run([*GOVDOCS, *args], cwd=root, capture_output=True, text=True, env=e, timeout=timeout)


def status(root: Path) -> str:
    return git(root, "status", "--porcelain", "--untracked-files=all")


def test_twenty_parallel_updates_all_land(meeting):
    root, gd, item = meeting
    ids = [gd("action", "add", "2030-01-10", item, f"Task {n}", "--owner", "CD").stdout.strip() for n in range(20)]
    before = commits(root)
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(lambda aid: run(root, "action", "update", aid, "--rag", "amber", "--note", "half way"),
                                ids))
    assert [r.returncode for r in results] == [0] * 20, [r.stderr for r in results if r.returncode]
    assert commits(root) == before + 20
    for aid in ids:
        assert "half way" in (root / "actions/send-pb" / f"{aid}.yaml").read_text()
    assert status(root) == ""


def test_two_commands_on_one_file_never_lose_a_change(meeting):
    """The second of two changes to one file either lands on top of the first or is refused; never both lost."""
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Shared", "--owner", "CD").stdout.strip()
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda n: run(root, "action", "update", aid, "--note", f"note {n}"), range(2)))
    text = (root / "actions/send-pb" / f"{aid}.yaml").read_text()
    landed = [n for n in range(2) if f"note {n}" in text]
    for n, r in enumerate(results):
        if r.returncode == 0:
            assert n in landed
        else:
            assert "run the command again" in r.stderr and "Traceback" not in r.stderr
    assert status(root) == ""


FAULTS = ["after-journal", "after-write-1", "after-write-2", "before-commit", "after-commit"]


@pytest.mark.parametrize("step", FAULTS)
def test_a_command_killed_at_any_step_leaves_the_record_whole(meeting, tmp_path, step):
    root, gd, item = meeting
    paper = Path(__file__).parent.parent / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf"
    head = git(root, "rev-parse", "HEAD")
    meeting_yaml = (root / "meetings/send-pb/2030-01-10/meeting.yaml").read_bytes()
    r = run(root, "item", "add", "2030-01-10", "Killed item", "--paper", str(paper),
            env={"GOVDOCS_FAULT": step, "GOVDOCS_TODAY": "2030-01-02"})
    assert r.returncode == 137
    # the next command finds the record whole: either the change is committed, or it never happened
    r = run(root, "person", "add", "ZZ", "--name", "Zed Zee")
    assert r.returncode == 0, r.stderr
    assert run(root, "check").returncode == 0
    assert status(root) == ""
    committed = "Killed item" in git(root, "log", "--format=%s")
    if step == "after-commit":
        assert committed
    else:
        assert not committed
        assert (root / "meetings/send-pb/2030-01-10/meeting.yaml").read_bytes() == meeting_yaml
        assert not (root / "meetings/send-pb/2030-01-10/papers/wsoa-progress-update.pdf").exists()
    assert git(root, "rev-list", "--count", f"{head.strip()}..HEAD").strip() == ("2" if committed else "1")


def test_a_failed_commit_leaves_nothing_staged_and_the_next_change_works(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "Staging", "--owner", "CD").stdout.strip()
    before = (root / "actions/send-pb" / f"{aid}.yaml").read_text()
    # git add succeeds, git commit fails (as with a concurrent git, a full disk, a broken hook)
    r = run(root, "action", "update", aid, "--note", "lost?", env={"GIT_COMMITTER_DATE": "not a date"})
    assert r.returncode == 1 and "git commit failed" in r.stderr and "Traceback" not in r.stderr
    assert git(root, "diff", "--cached", "--name-only") == ""
    assert (root / "actions/send-pb" / f"{aid}.yaml").read_text() == before
    assert status(root) == ""
    assert run(root, "action", "update", aid, "--note", "works").returncode == 0


def test_no_git_identity_says_git_config_global(meeting, tmp_path):
    root, gd, item = meeting
    cfg = tmp_path / "gitconfig"
    cfg.write_text("[user]\n\tuseConfigOnly = true\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=str(cfg), EMAIL="", HOME=str(tmp_path))
    r = subprocess.run([*GOVDOCS, "person", "add", "NN", "--name", "No One"], cwd=root, capture_output=True,
                       text=True, env=env)
    assert r.returncode == 1 and "git config --global user.name" in r.stderr
    assert git(root, "diff", "--cached", "--name-only") == "" and "NN" not in (root / "people.yaml").read_text()


def test_a_stale_git_lock_is_named_in_full(meeting):
    root, gd, item = meeting
    (root / ".git" / "index.lock").write_text("")
    r = run(root, "person", "add", "QQ", "--name", "Quinn Q")
    assert r.returncode == 1 and str(root / ".git" / "index.lock") in r.stderr and "delete that file" in r.stderr
    assert "QQ" not in (root / "people.yaml").read_text()


def test_files_follow_the_umask_not_0600(meeting):
    root, gd, item = meeting
    paper = Path(__file__).parent.parent / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf"
    old = os.umask(0o022)
    try:
        gd("item", "add", "2030-01-10", "Modes", "--paper", paper, today="2030-01-02")
    finally:
        os.umask(old)
    for f in (root / "meetings/send-pb/2030-01-10/meeting.yaml",
              root / "meetings/send-pb/2030-01-10/papers/wsoa-progress-update.pdf"):
        assert stat.S_IMODE(f.stat().st_mode) == 0o644, f


class Boom:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def test_a_planted_cache_never_runs_code(meeting):
    root, gd, item = meeting
    gd("action", "add", "2030-01-10", item, "Cached", "--owner", "CD")
    cache = root / ".govdocs"
    cache.mkdir(exist_ok=True)
    payload = pickle.dumps((3, Boom()))
    for name in ("actions.json", "actions.cache"):
        (cache / name).write_bytes(payload)
    r = run(root, "actions", "--format", "json")
    assert r.returncode == 0 and "Cached" in r.stdout
    assert not (root / "PWNED").exists()
    # a cache of the right shape but lying about a file is only used while the file is unchanged
    (cache / "actions.json").write_text('{"version": 3, "entries": {"x": [1, 2, {"id": "FAKE"}]}}')
    r = run(root, "actions", "--format", "json")
    assert r.returncode == 0 and "FAKE" not in r.stdout and "Cached" in r.stdout


def test_the_cache_keeps_speed_and_correctness(meeting):
    root, gd, item = meeting
    aid = gd("action", "add", "2030-01-10", item, "First text", "--owner", "CD").stdout.strip()
    assert "First text" in run(root, "actions", "--format", "json").stdout
    path = root / "actions/send-pb" / f"{aid}.yaml"
    path.write_text(path.read_text().replace("First text", "Second text"))
    out = run(root, "actions", "--format", "json").stdout
    assert "Second text" in out and "First text" not in out
    shutil.rmtree(root / ".govdocs")
    assert "Second text" in run(root, "actions", "--format", "json").stdout


def test_listing_open_actions_from_the_cache_follows_hand_edits_of_status(meeting):
    """`actions --status open` builds only the open actions it finds in the cache; a status changed by hand
    (or by a merge) is seen at once, either way."""
    root, gd, item = meeting
    first = gd("action", "add", "2030-01-10", item, "Book the hall", "--owner", "CD").stdout.strip()
    second = gd("action", "add", "2030-01-10", item, "Write to the school", "--owner", "CD").stdout.strip()
    gd("action", "done", second, "--note", "Done", today="2030-01-12")
    listed = run(root, "actions", "--status", "open", "--format", "json").stdout
    assert first in listed and second not in listed
    for aid, old, new in ((first, "status: open", "status: done"), (second, "status: done", "status: open")):
        path = root / "actions/send-pb" / f"{aid}.yaml"
        assert old in path.read_text()
        path.write_text(path.read_text().replace(old, new) + "\n")  # one byte longer: a new size for the cache
    listed = run(root, "actions", "--status", "open", "--format", "json").stdout
    assert second in listed and first not in listed
    assert first in run(root, "actions", "--status", "done", "--format", "json").stdout


def test_an_alias_bomb_is_refused_with_file_and_line(meeting):
    root, gd, item = meeting
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(12))
    (root / "people.yaml").write_text(bomb)
    r = run(root, "check", timeout=30)
    assert r.returncode == 1 and "people.yaml:" in r.stdout + r.stderr and "aliases" in r.stdout + r.stderr
    r = run(root, "person", "list", timeout=30)
    assert r.returncode == 1 and "Traceback" not in r.stderr


def _shared(root: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A bare remote the workspace syncs with, and a second clerk's clone of it."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    git(root, "remote", "add", "origin", str(remote))
    assert run(root, "sync").returncode == 0
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(remote), str(other)], check=True)
    return remote, other


def test_sync_pulls_with_rebase_and_pushes(meeting, tmp_path):
    root, gd, item = meeting
    branch = git(root, "symbolic-ref", "--short", "HEAD").strip()
    remote, other = _shared(root, tmp_path)
    # two clerks raise actions on the same item at once, in two clones
    a = run(root, "action", "add", "2030-01-10", item, "Mine", "--owner", "CD").stdout.strip()
    b = run(other, "action", "add", "2030-01-10", item, "Theirs", "--owner", "CD").stdout.strip()
    assert a != b
    # and record attendance and a minute of the same meeting
    assert run(root, "attendance", "2030-01-10", "--present", "AB,CD").returncode == 0
    assert run(other, "minute", "2030-01-10", item, "--text", "Noted.",
               env={"GOVDOCS_TODAY": "2030-01-10"}).returncode == 0
    assert run(other, "sync").returncode == 0
    r = run(root, "sync")
    assert r.returncode == 0, r.stderr
    assert (root / "actions/send-pb" / f"{b}.yaml").exists() and (root / "meetings/send-pb/2030-01-10/minutes.yaml").exists()
    assert run(root, "check").returncode == 0
    assert git(remote, "rev-parse", branch) == git(root, "rev-parse", "HEAD")


def test_sync_says_clearly_what_is_wrong(meeting, tmp_path):
    root, gd, item = meeting
    r = run(root, "sync")
    assert r.returncode == 1 and "no remote" in r.stderr
    git(root, "remote", "add", "origin", str(tmp_path / "nowhere.git"))
    r = run(root, "sync")
    assert r.returncode == 1 and "cannot fetch from origin" in r.stderr and "Traceback" not in r.stderr


def test_init_without_a_git_identity_says_how_and_leaves_nothing(tmp_path):
    cfg = tmp_path / "gitconfig"
    cfg.write_text("[user]\n\tuseConfigOnly = true\n")  # git must not guess a name from the host
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(tmp_path), GIT_CONFIG_GLOBAL=str(cfg), GIT_CONFIG_NOSYSTEM="1", EMAIL="")
    target = tmp_path / "new" / "ws"
    r = subprocess.run([*GOVDOCS, "init", str(target), "--council", "Testshire"], capture_output=True, text=True,
                       env=env, cwd=tmp_path)
    assert r.returncode == 1 and "git config --global user.name" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "new").exists()


def test_pack_failure_keeps_the_previous_pack_whole(meeting, tmp_path):
    root, gd, item = meeting
    paper = Path(__file__).parent.parent / "meetings/send-pb/2020-01-23/papers/wsoa-progress-update.pdf"
    gd("item", "add", "2030-01-10", "Paper item", "--paper", paper, today="2030-01-02")
    out = tmp_path / "pack"
    gd("pack", "2030-01-10", "-o", out)
    before = {f.name: f.read_bytes() for f in out.iterdir()}
    target = root / "meetings/send-pb/2030-01-10/papers/wsoa-progress-update.pdf"
    target.write_text("not a pdf at all")
    git(root, "commit", "-qam", "broken paper")
    r = gd("pack", "2030-01-10", "-o", out, ok=False)
    assert r.exit_code == 1 and "not a PDF" in r.output
    assert {f.name: f.read_bytes() for f in out.iterdir()} == before


def test_papers_are_checked_when_added(meeting, tmp_path):
    root, gd, item = meeting
    fake = tmp_path / "fake.pdf"
    fake.write_text("plain text")
    notdocx = tmp_path / "fake.docx"
    notdocx.write_text("plain text")
    for f, says in ((fake, "not a PDF"), (notdocx, "not a Word document")):
        r = gd("item", "add", "2030-01-10", "Bad paper", "--paper", f, ok=False, today="2030-01-02")
        assert r.exit_code == 2 and says in r.output
    assert "Bad paper" not in (root / "meetings/send-pb/2030-01-10/meeting.yaml").read_text()


@pytest.mark.parametrize("edit, file", [
    (lambda d: d["items"][0].__setitem__("papers", 5), "meetings/send-pb/2030-01-10/meeting.yaml"),
    (lambda d: d.__setitem__("members", 5), "boards/send-pb/board.yaml"),
    (lambda d: d.__setitem__("municipal_year_starts", "13-45"), "boards/send-pb/board.yaml"),
    (lambda d: d.__setitem__("publication", {"clear_days": 1e9}), "boards/send-pb/board.yaml"),
    (lambda d: d.__setitem__("publication", "five days"), "boards/send-pb/board.yaml"),
    (lambda d: d.__setitem__("items", [1, 2]), "boards/send-pb/forward-plan.yaml"),
])
def test_check_reports_wrong_shapes_and_later_commands_do_not_crash(meeting, edit, file):
    root, gd, item = meeting
    path = root / file
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    r = run(root, "check")
    assert r.returncode == 1 and "Traceback" not in r.stderr and f"{file}:" in r.stdout
    for cmd in (("deadlines", "2030-01-10"), ("cycles",), ("render", "minutes", "2030-01-10", "--format", "html",
                                                        "-o", str(root / "build"))):
        r = run(root, *cmd)
        assert "Traceback" not in r.stderr and r.returncode in (0, 1), (cmd, r.stderr)


def test_far_dates_are_refused_and_a_hand_written_one_breaks_nothing(meeting):
    root, gd, item = meeting
    for d in ("0001-01-01", "9999-12-31"):
        r = gd("action", "add", "2030-01-10", item, "Far", "--owner", "CD", "--due", d, ok=False)
        assert r.exit_code == 2 and "check the year" in r.output
    aid = gd("action", "add", "2030-01-10", item, "Near", "--owner", "CD").stdout.strip()
    path = root / "actions/send-pb" / f"{aid}.yaml"
    path.write_text(path.read_text().replace("due: next meeting", "due: 9999-12-31"))
    assert run(root, "check").returncode == 1
    r = run(root, "cycles")
    assert r.returncode == 0 and "Traceback" not in r.stderr


def test_yaml_11_booleans_as_initials_are_quoted(ws):
    root, gd = ws
    for initials in ("ON", "No", "Y"):
        gd("person", "add", initials, "--name", f"Person {initials}")
    text = (root / "people.yaml").read_text()
    for initials in ("ON", "No", "Y"):
        assert f"'{initials}':" in text
    assert set(yaml.safe_load(text)) >= {"ON", "No", "Y"}  # YAML 1.1 readers see text, not booleans


def test_history_refuses_paths_outside_the_workspace(meeting):
    root, gd, item = meeting
    r = gd("history", "/etc/passwd", ok=False)
    assert r.exit_code == 1 and "outside the workspace" in r.output


def test_two_clerks_adding_in_the_same_places_merge_without_conflict(meeting, tmp_path):
    """People who both sort last, forward-plan entries appended, minutes of neighbouring items."""
    root, gd, item = meeting
    second = gd("item", "add", "2030-01-10", "Second item", today="2030-01-02").stdout.strip()
    remote, other = _shared(root, tmp_path)
    today = {"GOVDOCS_TODAY": "2030-01-10"}
    for where, initials, title, number in ((root, "YA", "Ours on the plan", item), (other, "ZB", "Theirs on the plan",
                                                                                   second)):
        assert run(where, "person", "add", initials, "--name", f"Late {initials}").returncode == 0
        assert run(where, "forward", "add", "send-pb", "2030-05-01", title).returncode == 0
        assert run(where, "minute", "2030-01-10", number, "--text", f"Minute by {initials}", env=today).returncode == 0
    assert run(other, "sync").returncode == 0
    r = run(root, "sync")
    assert r.returncode == 0, r.stderr
    people = (root / "people.yaml").read_text()
    plan = (root / "boards/send-pb/forward-plan.yaml").read_text()
    minutes = (root / "meetings/send-pb/2030-01-10/minutes.yaml").read_text()
    assert "YA:" in people and "ZB:" in people and people.index("YA:") < people.index("ZB:")
    assert "Ours on the plan" in plan and "Theirs on the plan" in plan
    assert "Minute by YA" in minutes and "Minute by ZB" in minutes
    assert run(root, "check").returncode == 0 and status(root) == ""


def test_a_real_conflict_is_left_for_a_person_and_nothing_is_forced(meeting, tmp_path):
    root, gd, item = meeting
    remote, other = _shared(root, tmp_path)
    run(root, "minute", "2030-01-10", item, "--text", "Our words", env={"GOVDOCS_TODAY": "2030-01-10"})
    run(other, "minute", "2030-01-10", item, "--text", "Their words", env={"GOVDOCS_TODAY": "2030-01-10"})
    assert run(other, "sync").returncode == 0
    head = git(root, "rev-parse", "HEAD")
    r = run(root, "sync")
    assert r.returncode == 1 and "conflict" in r.stderr and "minutes.yaml" in r.stderr
    assert git(root, "rev-parse", "HEAD") == head and status(root) == ""


def test_an_alias_inside_what_it_names_is_refused_with_file_and_line(meeting):
    """`&a [x, *a]` holds itself: whatever walks it never ends. Found by the property test of check."""
    root, gd, item = meeting
    path = root / "meetings/send-pb/2030-01-10/meeting.yaml"
    path.write_text(path.read_text().replace("items:\n", "items: &loop\n", 1) + "  - items: *loop\n    title: Again\n")
    for cmd in (("check",), ("render", "agenda", "2030-01-10", "--format", "html", "-o", str(root.parent / "out"))):
        r = run(root, *cmd, timeout=60)
        said = r.stdout + r.stderr
        assert r.returncode != 0 and "meeting.yaml:" in said and "*loop is inside what it names" in said, said
        assert "Traceback" not in said
