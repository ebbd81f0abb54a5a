"""The helper on the other core: jobs arrive in order, a failing helper is noticed, an idle one is stopped;
a pack made with it is the same, byte for byte, as one made on one core. And the real process's quick exit
keeps every line and exit code."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from conftest import Gd

from govdocs import parallel


def test_the_helper_does_each_job_it_is_sent_in_order(tmp_path):
    def work(receive):
        while (message := receive()) is not None:
            with open(tmp_path / "log", "a", encoding="utf-8") as fh:
                fh.write(json.dumps(message) + "\n")

    job = parallel.start(work)
    assert job.running
    job.send({"job": "front", "n": 1})
    job.send({"job": "stamps", "labels": [["A1", 595.3, 841.9]], "text": "Board — 23/01/2020"})
    assert job.wait() is True
    lines = [json.loads(line) for line in (tmp_path / "log").read_text(encoding="utf-8").splitlines()]
    assert lines == [{"job": "front", "n": 1}, {"job": "stamps", "labels": [["A1", 595.3, 841.9]],
                                                 "text": "Board — 23/01/2020"}]


def test_a_helper_that_fails_says_so_and_one_with_nothing_to_do_is_stopped(tmp_path):
    def failing(receive):
        receive()
        raise RuntimeError("no fonts")

    job = parallel.start(failing)
    job.send({"job": "front"})
    assert job.wait() is False  # the parent then does the work itself

    def slow_start(receive):
        time.sleep(60)  # as if importing a heavy library
        (tmp_path / "woke").write_text("yes")

    job = parallel.start(slow_start)
    pid = job.pid
    assert job.wait() is False  # sent nothing: stopped, not waited for
    assert not (tmp_path / "woke").exists()
    try:
        os.kill(pid, 0)
        alive = True
    except ProcessLookupError:
        alive = False
    assert not alive


def test_a_pack_on_one_core_is_the_same_as_on_two(example_copy, tmp_path):
    gd = Gd(example_copy)
    both = gd("pack", "2020-01-23", "--current", "--no-cache", "-o", tmp_path / "two").stdout.split()
    one = gd("pack", "2020-01-23", "--current", "--no-cache", "-o", tmp_path / "one",
             env={"GOVDOCS_SERIAL": "1"}).stdout.split()
    assert [Path(f).name for f in both] == [Path(f).name for f in one]
    for a, b in zip(both, one):
        assert Path(a).read_bytes() == Path(b).read_bytes(), Path(a).name


def test_the_real_process_keeps_its_output_and_exit_codes(example_copy, tmp_path):
    exe = [sys.executable, "-m", "govdocs"]
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as out:
        ok = subprocess.run([*exe, "actions", "--status", "all"], cwd=example_copy, stdout=out,
                            stderr=subprocess.PIPE, text=True)
    assert ok.returncode == 0
    listed = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "SEND-PB-2019-11-14-5a" in listed and listed.endswith("\n")
    missing = subprocess.run([*exe, "render", "agenda", "2031-01-01"], cwd=example_copy, capture_output=True,
                             text=True)
    assert missing.returncode != 0 and "2031-01-01" in missing.stderr and "Traceback" not in missing.stderr
    usage = subprocess.run([*exe, "no-such-command"], cwd=example_copy, capture_output=True, text=True)
    assert usage.returncode == 2 and "No such command" in usage.stderr


def test_a_render_on_one_core_is_the_same_as_on_two_and_a_refusal_leaves_no_helper(example_copy, tmp_path):
    gd = Gd(example_copy)
    two = gd("render", "minutes", "2019-11-14", "-o", tmp_path / "two").stdout.split()
    one = gd("render", "minutes", "2019-11-14", "-o", tmp_path / "one", env={"GOVDOCS_SERIAL": "1"}).stdout.split()
    assert [Path(p).name for p in two] == [Path(p).name for p in one] == [
        "send-pb-2019-11-14-minutes.docx", "send-pb-2019-11-14-minutes.pdf"]
    for a, b in zip(two, one):
        assert Path(a).read_bytes() == Path(b).read_bytes(), Path(a).name
    assert sorted(p.name for p in (tmp_path / "two").iterdir()) == sorted(Path(p).name for p in two)  # no leftovers
    before = children()
    refused = gd("render", "minutes", "2031-01-01", "-o", tmp_path / "none", ok=False)
    assert refused.exit_code != 0 and "no " in refused.output and "Traceback" not in refused.output
    assert children() == before, "a helper was left running"


def children() -> list[str]:
    """This process's child processes, as the kernel lists them."""
    return sorted(p.name for p in Path("/proc").iterdir() if p.name.isdigit() and (p / "stat").is_file()
                  and (p / "stat").read_text().rsplit(")", 1)[-1].split()[1] == str(os.getpid()))
