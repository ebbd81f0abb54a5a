"""The pack's parts cache: the same bytes with and without it, corrupt entries ignored, only changed parts
rendered again."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import Gd


@pytest.fixture
def own_example(example_copy, tmp_path):
    """A copy of the example of this test's own: these tests change the record and its cache."""
    dest = tmp_path / "example"
    shutil.copytree(example_copy, dest, ignore=shutil.ignore_patterns(".govdocs"))
    return dest


def _pack(gd, out: Path, *extra) -> dict[str, bytes]:
    files = gd("pack", "2020-01-23", "--current", "-o", out, *extra).stdout.split()
    return {Path(f).suffix: Path(f).read_bytes() for f in files if not f.endswith(".json")}


def test_cached_parts_give_the_same_bytes_and_corrupt_ones_are_ignored(own_example, tmp_path):
    gd = Gd(own_example)
    parts = own_example / ".govdocs/cache/parts"
    cold = _pack(gd, tmp_path / "cold", "--no-cache")
    assert not parts.exists()  # --no-cache neither reads nor writes the cache
    first = _pack(gd, tmp_path / "a")
    entries = sorted(parts.iterdir())
    assert entries and any(e.suffix == ".pdf" for e in entries) and any(e.suffix == ".docx" for e in entries)
    assert first == cold
    for e in entries:  # half-written or damaged entries must never be used
        e.write_bytes(e.read_bytes()[: len(e.read_bytes()) // 2])
    assert _pack(gd, tmp_path / "b") == cold
    assert _pack(gd, tmp_path / "c") == cold  # and the entries were made whole again
    assert (own_example / ".govdocs/cache/papers").is_dir()  # paper conversions kept apart


def test_a_changed_action_renders_only_what_shows_it(own_example, tmp_path):
    gd = Gd(own_example)
    parts = own_example / ".govdocs/cache/parts"
    _pack(gd, tmp_path / "a")
    before = {p.name for p in parts.iterdir()}
    gd("action", "update", "SEND-PB-2019-11-14-5a", "--note", "Returns chased again", today="2020-01-10")
    _pack(gd, tmp_path / "b")
    new = {p.name for p in parts.iterdir()} - before
    # the action log's Word part and the joined Word pack; agenda, minutes and plans were reused
    assert len([n for n in new if n.endswith(".docx")]) == 2
    # the tagged front matter, which holds the action log, and the joined PDF; the page stamps were reused
    assert len([n for n in new if n.endswith(".pdf")]) == 2
