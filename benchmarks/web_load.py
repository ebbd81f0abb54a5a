"""A bounded load run of the web service on 127.0.0.1: `govdocs serve` over a (generated) workspace, the busiest
owner's "My actions" and their boards' pages asked for by N clients at once for S seconds. Prints requests per
second, client latency (p50/p95/p99), the service's own time per page (its Server-Timing header) and errors.

Run: .venv/bin/python benchmarks/web_load.py WORKSPACE [--clients 20] [--seconds 60] [--threads 8]

The person is signed in through the service's trusted-proxy setting (as behind a council's single sign-on),
so the run measures the pages, not the sign-in. The workspace gets an e-mail for its busiest owner (one
`govdocs person edit`, a commit) if they have none.
"""
from __future__ import annotations

import argparse
import collections
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import yaml

GOVDOCS = str(Path(sys.executable).parent / "govdocs")


def busiest_owner(root: Path) -> str:
    count: collections.Counter = collections.Counter()
    for board in (root / "actions").iterdir():
        for f in board.glob("*.yaml"):
            data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
            if (data.get("status") or "open") in ("open", "in-progress"):
                count.update(data.get("owners") or [])
    return count.most_common(1)[0][0]


def email_of(root: Path, initials: str) -> str:
    people = yaml.safe_load((root / "people.yaml").read_text(encoding="utf-8"))
    email = (people.get(initials) or {}).get("email")
    if not email:
        email = f"{initials.lower()}@bench.example.org"
        subprocess.run([GOVDOCS, "person", "edit", initials, "--email", email], cwd=root, check=True,
                       capture_output=True)
    return email


def boards_of(root: Path, initials: str) -> list[str]:
    out = []
    for f in sorted((root / "boards").glob("*/board.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        if any((m or {}).get("initials") == initials for m in data.get("members") or []):
            out.append(f.parent.name)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, email: str) -> tuple[int, float, float]:
    """(status, seconds the client waited, milliseconds the service says it spent)."""
    req = urllib.request.Request(url, headers={"X-Forwarded-Email": email})
    t = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            r.read()
            status, timing = r.status, r.headers.get("Server-Timing", "")
    except urllib.error.HTTPError as exc:
        status, timing = exc.code, ""
    waited = time.perf_counter() - t
    server = float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")
    return status, waited, server


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("workspace", type=Path)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    root = args.workspace.resolve()
    who = busiest_owner(root)
    email, boards = email_of(root, who), boards_of(root, who)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, GOVDOCS_BASE_URL=base, GOVDOCS_TRUSTED_PROXY="127.0.0.1",
               GOVDOCS_PROXY_HEADER="X-Forwarded-Email")
    started = time.perf_counter()
    server = subprocess.Popen([GOVDOCS, "serve", "--port", str(port), "--threads", str(args.threads)], cwd=root,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                status, _, _ = fetch(base + "/", email)
                if status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        print(f"service up and its first page made in {time.perf_counter() - started:.1f} s")
        pages = {"My actions": base + "/", **{f"board {b}": f"{base}/boards/{b}" for b in boards[:3]}}
        for name, url in pages.items():  # alone: the time each page takes with nothing else running
            alone = [fetch(url, email)[2] for _ in range(20)]
            print(f"{name}, alone: median {statistics.median(alone):.1f} ms of server time (max {max(alone):.1f})")
        results: list[tuple[str, int, float, float]] = []
        lock = threading.Lock()
        stop = time.perf_counter() + args.seconds
        urls = list(pages.items())

        def client(k: int) -> None:
            i = k
            while time.perf_counter() < stop:
                name, url = urls[i % len(urls)]
                i += 1
                try:
                    status, waited, spent = fetch(url, email)
                except OSError:
                    status, waited, spent = 0, 0.0, float("nan")
                with lock:
                    results.append((name, status, waited, spent))

        threads = [threading.Thread(target=client, args=(k,)) for k in range(args.clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
        errors = sum(1 for r in results if r[1] != 200)
        print(f"load: {args.clients} clients for {elapsed:.0f} s against {args.threads} service threads, "
              f"owner {who} ({len(boards)} boards): {len(results)} requests, {len(results) / elapsed:.0f} per second, "
              f"{errors} errors")
        for name in pages:
            waits = [r[2] * 1000 for r in results if r[0] == name and r[1] == 200]
            spent = [r[3] for r in results if r[0] == name and r[1] == 200]
            if waits:
                print(f"  {name}: client p50 {pct(waits, 50):.0f} ms, p95 {pct(waits, 95):.0f} ms, p99 "
                      f"{pct(waits, 99):.0f} ms; server p50 {pct(spent, 50):.1f} ms, p99 {pct(spent, 99):.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
