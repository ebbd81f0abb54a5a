"""The benchmark generator still makes what the benchmarks measure: a valid record (it was once broken by a
module moving, and nothing noticed until a benchmark was run)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, Gd


def test_the_generator_writes_a_record_that_passes_check(tmp_path):
    out = tmp_path / "generated"
    p = subprocess.run([sys.executable, str(ROOT / "benchmarks/generate.py"), str(out), "--meetings", "8",
                        "--actions", "40"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-500:]
    r = Gd(out)("check")
    assert "0 error(s)" in r.output and "8 meeting(s), 40 action(s)" in r.output


def test_the_generator_makes_a_council_of_every_kind_of_committee_that_passes_check(tmp_path):
    import yaml

    out = tmp_path / "council"
    p = subprocess.run([sys.executable, str(ROOT / "benchmarks/generate.py"), str(out), "--boards", "12",
                        "--meetings", "48", "--actions", "60", "--no-check"], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-500:]
    r = Gd(out)("check")
    assert "0 error(s), 0 warning(s) in 12 board(s), 48 meeting(s), 60 action(s)" in r.output
    boards = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in (out / "boards").glob("*/board.yaml")]
    assert {b["rules"] for b in boards} == {"principal", "parish", "nhs", "partnership"}
    assert any(b.get("executive") for b in boards)
    assert all(any((out / "meetings" / b["slug"]).iterdir()) for b in boards)  # every board meets
