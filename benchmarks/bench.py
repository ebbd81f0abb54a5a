"""The benchmark table: real commands, whole processes, medians of several runs, each beside the floor.

    .venv/bin/python benchmarks/bench.py [--runs 5] [--quick]

Generates a small (6 meetings, 30 actions) and a large (360 meetings, 10,000 actions) workspace with
benchmarks/generate.py, then times `govdocs --help`, `check`, `actions --status open`, `cycles`, each
`render` and `pack` on both, and `pack` on six meetings as busy as the large workspace's (so that what ten
years of record add is seen apart from what a busier meeting adds); the floor is `python -c "import click, yaml"`, measured in the same run,
and the example pack is set beside LibreOffice headless converting the pack's own .docx to PDF.
Prints figures; asserts nothing (speed is measured here, never in the tests).
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

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
GD = str(Path(PY).parent / "govdocs")
ENV = dict(os.environ, GIT_AUTHOR_NAME="Bench Clerk", GIT_AUTHOR_EMAIL="clerk@example.org",
           GIT_COMMITTER_NAME="Bench Clerk", GIT_COMMITTER_EMAIL="clerk@example.org")


def median_time(cmd: list[str], cwd: Path, runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        p = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True)
        times.append(time.perf_counter() - t)
        if p.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed in {cwd}: {p.stderr.decode()[-500:]}")
    return statistics.median(times)


def generate(where: Path, meetings: int, actions: int) -> Path:
    subprocess.run([PY, str(ROOT / "benchmarks/generate.py"), str(where), "--meetings", str(meetings),
                    "--actions", str(actions), "--no-check"], check=True, env=ENV, capture_output=True)
    return where


def last_held(ws: Path) -> str:
    import datetime as dt

    today = dt.date.today().isoformat()
    return [d.name for d in sorted((ws / "meetings/send-pb").iterdir()) if d.name < today][-1]


def example_copy(where: Path) -> Path:
    where.mkdir()
    for part in ("govdocs.yaml", "people.yaml", "boards", "meetings", "actions", "programmes"):
        src = ROOT / part
        (shutil.copytree if src.is_dir() else shutil.copyfile)(src, where / part)
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "example"]):
        subprocess.run(cmd, cwd=where, check=True, env=ENV)
    return where


def owner_page(ws: Path, runs: int, floor: float) -> None:
    """The web service's "My actions" and one action's page for the busiest owner: time in the server."""
    sys.path.insert(0, str(ROOT))
    from govdocs.store.workspace import Workspace
    from govdocs.web import create_app
    from govdocs.web.service import Service

    w = Workspace(ws)
    counts: dict[str, int] = {}
    for a in w.actions:
        for o in a.owners:
            counts[o] = counts.get(o, 0) + 1
    owner = max(counts, key=counts.get)
    aid = next(a.id for a in w.actions if owner in a.owners and a.is_open)
    app = create_app(ws, Service(base_url="http://localhost"))
    client = app.test_client()
    with client.session_transaction() as s:
        s["who"] = owner
    assert client.get("/").status_code == 200  # the service reads the actions once, as it starts
    for name, url in (("My actions", "/"), ("one action, with its git history", f"/actions/{aid}")):
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            assert client.get(url).status_code == 200
            times.append(time.perf_counter() - t)
        row(f"web: {name} [large]", statistics.median(times), floor,
            f"server time, {counts[owner]} actions owned" if url == "/" else "server time")


def action_update(ws: Path, runs: int) -> float:
    """`govdocs action update ID --note …` end to end, a commit each time: median seconds."""
    aid = sorted(p.stem for p in (ws / "actions/send-pb").glob("*.yaml"))[-1]
    times = []
    for n in range(runs):
        t = time.perf_counter()
        subprocess.run([GD, "action", "update", aid, "--note", f"Benchmark note {n}"], cwd=ws, env=ENV,
                       capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def site_builds(example: Path, large: Path, tmp: Path, floor: float) -> None:
    """govdocs site: a first build, an unchanged rebuild, and a rebuild after one action changed."""
    for label, ws in (("example", example), ("large", large)):
        out = tmp / f"site-{label}"
        cmd = [GD, "site", "-o", str(out), "--base-url", "https://democracy.example.org"]
        row(f"site, first build [{label}]", median_time(cmd, ws, 1), floor)
        row(f"site, unchanged rebuild [{label}]", median_time(cmd, ws, 1), floor)
        aid = next(p.stem for p in sorted((ws / "actions/send-pb").glob("*.yaml")))
        subprocess.run([GD, "action", "update", aid, "--note", "Benchmark change"], cwd=ws, env=ENV,
                       capture_output=True, check=True)
        t = time.perf_counter()
        p = subprocess.run(cmd, cwd=ws, env=ENV, capture_output=True, text=True)
        changed = p.stderr.strip().splitlines()[-1].split(": ", 2)[-1] if p.stderr.strip() else ""
        row(f"site, after one action changed [{label}]", time.perf_counter() - t, floor, changed)


def row(name: str, seconds: float, floor: float, note: str = "") -> None:
    print(f"| {name:<44} | {seconds * 1000:8.0f} ms | {seconds / floor:6.1f}x | {note}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--quick", action="store_true", help="Fewer runs and a smaller large workspace, to try it out.")
    ap.add_argument("--council", type=Path, help="Also measure this whole-council workspace (generate.py --boards 40 "
                    "--meetings 2400 --actions 40000): check, site, actions and the web, cold and warm.")
    args = ap.parse_args()
    runs = 2 if args.quick else args.runs
    with tempfile.TemporaryDirectory(prefix="govdocs-bench-") as tmp:
        tmp = Path(tmp)
        small = generate(tmp / "small", 6, 30)
        n_large, m_large = (60, 1000) if args.quick else (360, 10_000)
        large = generate(tmp / "large", n_large, m_large)
        # six meetings as busy as the large workspace's (as many actions a meeting): what the years add
        dense = generate(tmp / "dense", 6, round(m_large * 6 / n_large))
        example = example_copy(tmp / "example")
        floor = median_time([PY, "-c", "import click, yaml"], tmp, runs)
        print(f"floor: python -c 'import click, yaml' = {floor * 1000:.0f} ms; medians of {runs} runs; "
              f"{os.cpu_count()} cores\n")
        print(f"| {'command':<44} | {'time':>11} | {'/floor':>7} | note")
        print(f"|{'-' * 46}|{'-' * 13}|{'-' * 9}|------")
        row("govdocs --help", median_time([GD, "--help"], tmp, runs), floor)
        results = {}
        for label, ws in (("small", small), ("large", large)):
            day = last_held(ws)
            for name, cmd in (("check", ["check"]), ("actions --status open", ["actions", "--status", "open"]),
                              ("cycles", ["cycles", "--board", "send-pb"]),
                              *[(f"render {k}", ["render", k, day, "--board", "send-pb", "--format", "pdf,docx",
                                                 "-o", str(tmp / "out")])
                                for k in ("agenda", "minutes", "actions", "forward-plan", "highlight")],
                              ("pack (parts cache cleared)", ["pack", day, "--board", "send-pb", "--current",
                                                              "-o", str(tmp / "pack")])):
                clear = (lambda w=ws: shutil.rmtree(w / ".govdocs/cache/parts", ignore_errors=True))
                t = median_time([GD, *cmd], ws, runs, clear if name.startswith("pack") else None)
                results[(label, name)] = t
                row(f"{name} [{label}]", t, floor)
            row(f"action update, one note (a commit) [{label}]", action_update(ws, runs), floor)
        for name in ("actions --status open", "pack (parts cache cleared)"):
            print(f"  large/small {name}: {results[('large', name)] / results[('small', name)]:.2f}x")
        dense_pack = median_time([GD, "pack", last_held(dense), "--board", "send-pb", "--current", "-o",
                                  str(tmp / "pack")], dense, runs,
                                 lambda: shutil.rmtree(dense / ".govdocs/cache/parts", ignore_errors=True))
        row("pack (parts cache cleared) [6 meetings, large's density]", dense_pack, floor,
            f"large is {results[('large', 'pack (parts cache cleared)')] / dense_pack:.2f}x this")
        owner_page(large, runs, floor)
        site_builds(example, large, tmp, floor)
        print()
        pack = [GD, "pack", "2020-01-23", "-o", str(tmp / "ex")]
        cold = median_time([*pack, "--no-cache"], example, max(1, runs // 2))
        row("example pack --no-cache", cold, floor)
        subprocess.run(pack, cwd=example, env=ENV, capture_output=True, check=True)  # the papers' conversions
        parts = example / ".govdocs/cache/parts"
        fresh = median_time(pack, example, runs, lambda: shutil.rmtree(parts, ignore_errors=True))
        row("example pack, papers cached, parts afresh", fresh, floor)
        warm = median_time(pack, example, runs)
        row("example pack, unchanged (cache)", warm, floor, f"{warm / cold:.2f}x the cold build")
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        docx = next((tmp / "ex").glob("*-pack.docx"), None)
        if soffice and docx:
            lo = median_time([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp / "lo"), str(docx)],
                             tmp, max(1, runs // 2))
            row("LibreOffice: the pack's .docx to PDF", lo, floor,
                f"pack --no-cache is {cold / lo:.2f}x this; parts afresh {fresh / lo:.2f}x")
        if args.council:
            council_rows(args.council.resolve(), tmp, floor)

def council_rows(council: Path, tmp: Path, floor: float) -> None:
    """The whole council: `check` and `site` with their memories empty and then warm (in a cache folder of
    this run's own), `actions --status open`, `site` after one action update (on a copy, so the council's own
    history gains no commit), and the web service under load (benchmarks/web_load.py)."""
    import shutil

    env = dict(ENV, GOVDOCS_CACHE_DIR=str(tmp / "cache"))
    copy = tmp / "council"
    shutil.copytree(council, copy, symlinks=True, ignore=shutil.ignore_patterns(".govdocs"))
    council = copy

    def timed(*cmd: str) -> float:
        t = time.perf_counter()
        p = subprocess.run([GD, *cmd], cwd=council, env=env, capture_output=True)
        if p.returncode not in (0, 1):
            raise SystemExit(f"govdocs {' '.join(cmd)} failed: {p.stderr.decode()[-500:]}")
        return time.perf_counter() - t

    print(f"\nthe council in {council}:")
    row("check, first run [council]", timed("check"), floor)
    row("check, second run [council]", timed("check"), floor)
    row("actions --status open, first [council]", timed("actions", "--status", "open"), floor)
    row("actions --status open, kept [council]",
        statistics.median(timed("actions", "--status", "open") for _ in range(5)), floor)
    site = ["site", "-o", str(tmp / "council-site"), "--no-pdfs", "--base-url", "https://democracy.example.org"]
    first = timed(*site)
    row("site --no-pdfs, first build [council]", first, floor)
    again = timed(*site)
    row("site --no-pdfs, unchanged rebuild [council]", again, floor, f"{again / first:.3f} of the first")
    some = sorted((council / "actions").glob("*/*.yaml"))[0].stem
    timed("action", "update", some, "--note", "Benchmark progress note")
    row("site --no-pdfs, after one action update [council]", timed(*site), floor)
    subprocess.run([PY, str(ROOT / "benchmarks/web_load.py"), str(council), "--clients", "20", "--seconds", "60",
                    "--threads", "2"], env=env, check=False)


if __name__ == "__main__":
    main()
