"""Benchmarks: start-up, loading 10,000 actions and 360 meetings, one change committed. Prints figures.

Run: .venv/bin/python benchmarks/load.py [--actions N] [--meetings M]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from govdocs.store import yamlio


def timed(fn, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def make_workspace(root: Path, n_actions: int, n_meetings: int) -> None:
    yamlio.atomic_write(root / "govdocs.yaml", "council: Bench Council\ndefault_board: send-pb\n")
    yamlio.atomic_write(root / "people.yaml", "".join(f"P{i}:\n  name: Person {i}\n" for i in range(50)))
    for slug in ("send-pb", "hwb"):
        yamlio.atomic_write(root / "boards" / slug / "board.yaml", f"slug: {slug}\nname: Board {slug}\n")
    dates = []
    for i in range(n_meetings):
        year, rest = divmod(i, 12)
        date = f"{2000 + year}-{rest + 1:02d}-15"
        board = "send-pb" if i % 2 == 0 else "hwb"
        dates.append((board, date))
        items = "".join(f"  - number: {n}\n    title: Item {n}\n    presenters: [P{n}]\n" for n in range(1, 11))
        yamlio.atomic_write(root / "meetings" / board / date / "meeting.yaml",
                            f"board: {board}\ndate: {date}\nstart: '14:00'\nend: '16:00'\nitems:\n{items}")
    for i in range(n_actions):
        board, date = dates[i % len(dates)]
        aid = f"{board.upper()}-{date}-{i % 10 + 1}-{i}"
        yamlio.atomic_write(root / "actions" / board / f"{aid}.yaml",
                            f"id: {aid}\nboard: {board}\nmeeting: {date}\nitem: '{i % 10 + 1}'\n"
                            f"text: Action number {i}\nowners: [P{i % 50}]\ndue: next meeting\nstatus: open\n"
                            f"updates:\n  - date: {date}\n    by: P1\n    text: Progress noted\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--actions", type=int, default=10_000)
    ap.add_argument("--meetings", type=int, default=360)
    args = ap.parse_args()
    from govdocs.store.workspace import Workspace

    gd = Path(sys.executable).parent / "govdocs"
    print(f"start-up: govdocs --help            {timed(lambda: subprocess.run([gd, '--help'], capture_output=True)) * 1000:7.0f} ms")
    tmp = Path(tempfile.mkdtemp(prefix="govdocs-bench-"))
    try:
        make_workspace(tmp, args.actions, args.meetings)

        def cold():
            shutil.rmtree(tmp / ".govdocs", ignore_errors=True)
            return Workspace(tmp).actions

        print(f"load {args.actions} actions, no cache    {timed(cold, 3) * 1000:7.0f} ms")
        Workspace(tmp).actions  # noqa: B018  (fills the cache)
        print(f"load {args.actions} actions, cached      {timed(lambda: Workspace(tmp).actions) * 1000:7.0f} ms")
        print(f"load {args.meetings} meetings              {timed(lambda: Workspace(tmp).meetings(), 3) * 1000:7.0f} ms")
        from govdocs.actionlog import cycles

        warm = Workspace(tmp)
        warm.actions  # noqa: B018
        print(f"cycles over {args.meetings} meetings          {timed(lambda: cycles(warm), 3) * 1000:7.0f} ms")
        print(f"load one meeting                  {timed(lambda: Workspace(tmp).meeting('send-pb', '2000-01-15')) * 1000:7.1f} ms")
        env = dict(os.environ, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="b@example.org",
                   GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="b@example.org")
        for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "bench"]):
            subprocess.run(cmd, cwd=tmp, check=True, env=env)
        target = next((tmp / "actions" / "send-pb").glob("*.yaml")).stem
        t = time.perf_counter()
        subprocess.run([gd, "action", "update", target, "--note", "bench"], cwd=tmp, env=env, capture_output=True,
                       check=True)
        print(f"action update (whole command)     {(time.perf_counter() - t) * 1000:7.0f} ms")
        t = time.perf_counter()
        subprocess.run([gd, "actions", "--owner", "P3", "--format", "json"], cwd=tmp, env=env, capture_output=True,
                       check=True)
        print(f"actions --owner (whole command)   {(time.perf_counter() - t) * 1000:7.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
