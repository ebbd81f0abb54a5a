"""`check` remembers what it found in each board's files: a second check reads nothing that has not changed,
says exactly what a check without the cache says, and never answers from a cache entry that does not fit
or from files that changed since."""
from __future__ import annotations

import json
import os

import yaml
from conftest import Gd


def action_file(root, board: str = "send-pb"):
    return next((root / "actions" / board).glob("*.yaml"))


def broken(meeting):
    """An action with an owner nobody knows, and an attendance naming a stranger: one problem each."""
    root, gd, item = meeting
    gd("action", "add", "2030-01-10", item, "Publish the charter", "--owner", "CD", today="2030-01-10")
    path = action_file(root)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace("- CD", "- QQ"), encoding="utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["owners"] == ["QQ"], data
    att = root / "meetings/send-pb/2030-01-10/attendance.yaml"
    att.write_text("present:\n  - AB\n  - ZZ\n", encoding="utf-8")
    return root, gd, path


def cache_files(home):
    return sorted((home / ".cache" / "govdocs" / "check").glob("*.json"))


def said(result) -> tuple[str, str]:
    return result.output, result.stderr


def test_a_second_check_says_exactly_what_the_first_and_an_uncached_one_say(meeting, tmp_path):
    root, gd, path = broken(meeting)
    first = gd("check", ok=False)
    assert first.exit_code == 1
    assert "unknown owner initials 'QQ'" in first.output and "unknown initials 'ZZ'" in first.output
    assert len(cache_files(tmp_path / "home")) == 1  # in the user's cache folder ...
    assert not (root / ".govdocs" / "check.json").exists()  # ... never in the workspace a clone brings
    second, uncached = gd("check", ok=False), gd("check", "--no-cache", ok=False)
    assert said(second) == said(first) == said(uncached) and second.exit_code == uncached.exit_code == 1
    assert said(gd("check", "--board", "send-pb", ok=False)) == said(gd("check", "--board", "send-pb", "--no-cache",
                                                                       ok=False))


def test_a_change_to_a_boards_file_or_to_a_shared_file_is_checked_again(meeting):
    root, gd, path = broken(meeting)
    gd("check", ok=False)
    path.write_text(path.read_text(encoding="utf-8").replace("- QQ", "- EF"), encoding="utf-8")
    after = gd("check", ok=False).output
    assert "QQ" not in after and "unknown initials 'ZZ'" in after
    gd("person", "add", "ZZ", "--name", "Zoe Zhang")
    now = gd("check")  # the stranger is now on people.yaml: every board is checked again
    assert now.exit_code == 0 and "ZZ" not in now.output


def test_the_cache_goes_by_content_not_by_dates_and_ignores_entries_that_do_not_fit(meeting, tmp_path):
    root, gd, path = broken(meeting)
    truth = said(gd("check", ok=False))
    [cache] = cache_files(tmp_path / "home")
    data = json.loads(cache.read_text(encoding="utf-8"))
    # mark the remembered findings, so that an answer from the cache can be told from a fresh check
    data["units"]["send-pb"]["problems"].append(["actions/send-pb/x.yaml", 1, "REMEMBERED", "warning"])
    cache.write_text(json.dumps(data), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # as a checkout leaves it: a new date, the same bytes
    assert "REMEMBERED" in gd("check", ok=False).output
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # new bytes: checked afresh
    assert "REMEMBERED" not in gd("check", ok=False).output
    for damage in ('{"version": 1, "files": [], "units": {"send-pb": {"key": 7, "problems": "none"}}}',
                   "not json at all {", '{"version": 1, "files": {"people.yaml": [1, 2]}, "units": '
                   '{"send-pb": {"key": "x", "problems": [["a", "one", "b", "error"]]}}}'):
        cache.write_text(damage, encoding="utf-8")
        assert said(gd("check", ok=False)) == truth
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["units"]["send-pb"]["problems"] = [["a", 1, "b", "fatal"]]  # a level govdocs never writes
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert said(gd("check", ok=False)) == truth


def test_a_new_day_or_a_clone_elsewhere_is_checked_afresh(meeting, tmp_path):
    import shutil

    root, gd, path = broken(meeting)
    gd("check", ok=False, today="2030-01-11")
    [cache] = cache_files(tmp_path / "home")
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["units"]["send-pb"]["problems"] = []  # what a stale answer would say
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert "QQ" in gd("check", ok=False, today="2030-01-12").output
    other = tmp_path / "elsewhere"
    shutil.copytree(root, other, symlinks=True)
    assert "QQ" in Gd(other)("check", ok=False).output
    assert len(cache_files(tmp_path / "home")) == 2
