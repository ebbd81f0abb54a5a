"""Importing an archive: a folder of N meetings' minutes (the Kingston minutes of 14 November 2019, dated
every two months from 2005, half as .txt and half as .docx) into a new workspace, as one command.

    .venv/bin/python benchmarks/import_minutes.py            # 25, 50 and 100 meetings
    .venv/bin/python benchmarks/import_minutes.py --sizes 100

Prints, per size: the wall time of `govdocs import minutes DIR`, per meeting, and the command's peak
resident memory (flat in the number of files is the goal: each file is read, imported and let go).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests/data/minutes/kingston-send-pb-2019-11-14.txt"
GD = str(Path(sys.executable).with_name("govdocs"))
ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="Bench",
           GIT_COMMITTER_EMAIL="bench@example.org")


def dated(text: str, day: dt.date) -> str:
    """The seed's minutes as if held on `day` (its heading and the next meeting's date moved with it)."""
    heading = f"{day:%A} {day.day} {day:%B %Y}"
    text = text.replace("Thursday 14 November 2019", heading, 1)
    nxt = day + dt.timedelta(days=70)
    return re.sub(r"23 January 2020", f"{nxt.day} {nxt:%B %Y}", text)


def write_archive(folder: Path, n: int) -> None:
    import docx

    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    day = dt.date(2005, 1, 13)
    for i in range(n):
        body = dated(text, day)
        if i % 2:
            d = docx.Document()
            for line in body.splitlines():
                d.add_paragraph(line)
            d.save(str(folder / f"minutes-{day}.docx"))
        else:
            (folder / f"minutes-{day}.txt").write_text(body, encoding="utf-8")
        day += dt.timedelta(days=63)


def workspace(where: Path) -> Path:
    ws = where / "ws"
    subprocess.run([GD, "init", str(ws), "--council", "Royal Borough of Kingston upon Thames"], env=ENV, check=True,
                   capture_output=True)
    shutil.copyfile(ROOT / "people.yaml", ws / "people.yaml")  # the board's people, as a clerk would enter first
    subprocess.run(["git", "add", "people.yaml"], cwd=ws, check=True)
    subprocess.run(["git", "commit", "-qm", "people"], cwd=ws, env=ENV, check=True)
    subprocess.run([GD, "board", "add", "send-pb", "--name", "Kingston SEND Partnership Board", "--rules",
                    "partnership"], cwd=ws, env=ENV, check=True, capture_output=True)
    return ws


def measure(n: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="govdocs-bench-import-") as tmp:
        where = Path(tmp)
        write_archive(where / "archive", n)
        ws = workspace(where)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t0 = time.perf_counter()
        p = subprocess.run([GD, "import", "minutes", str(where / "archive"), "--board", "send-pb"], cwd=ws, env=ENV,
                           capture_output=True, text=True)
        took = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if p.returncode != 0 or f"{n} meetings imported" not in p.stdout:
            sys.exit(f"import failed: {p.stdout[-300:]}{p.stderr[-300:]}")
        return took, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="25,50,100")
    args = ap.parse_args()
    print(f"{'meetings':>8} {'wall':>8} {'per meeting':>12} {'peak RSS':>9}")
    for n in (int(s) for s in args.sizes.split(",")):
        took, peak = measure(n)
        print(f"{n:>8} {took:>7.1f}s {took / n * 1000:>10.0f}ms {peak:>7.0f}MB")


if __name__ == "__main__":
    main()
