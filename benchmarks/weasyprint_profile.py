"""Where WeasyPrint spends the pack's front matter: a profile inside it, and what each alternative would save.

    .venv/bin/python benchmarks/weasyprint_profile.py [--runs 3]

Builds the example pack once (on one core, so the front matter's HTML can be caught on its way to WeasyPrint),
then lays out and writes that HTML again and again:

- the whole, with self time grouped by where it is spent (HTML parsing, the CSS cascade, layout, drawing,
  the PDF file, font subsetting with fontTools, tagging for PDF/UA, govdocs' finisher);
- variants, each measured whole: without PDF/UA tagging, with whole fonts (no subsetting), the tables'
  borders collapsed or separate, no contents page numbers (target-counter), and the front matter cut in two
  halves laid out one after the other, as two cores would each take one.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
AREAS = [  # (area, what a function's file path holds), the first that matches
    ("font subsetting (fontTools)", "fontTools"),
    ("tagging for PDF/UA", "weasyprint/pdf/tags"),
    ("govdocs' finisher", "govdocs/render/tagging"),
    ("PDF file (pydyf, fonts, metadata)", "weasyprint/pdf"),
    ("PDF file (pydyf, fonts, metadata)", "pydyf"),
    ("drawing", "weasyprint/draw"),
    ("layout", "weasyprint/layout"),
    ("text shaping (Pango via cffi)", "weasyprint/text"),
    ("CSS cascade and computed values", "weasyprint/css"),
    ("CSS cascade and computed values", "cssselect2"),
    ("CSS cascade and computed values", "tinycss2"),
    ("box tree", "weasyprint/formatting_structure"),
    ("HTML parsing", "tinyhtml5"),
    ("HTML parsing", "html5lib"),
    ("images and stylesheets loaded", "weasyprint/images"),
]


def front_matter_html() -> str:
    """The example pack's front matter, caught as the pack hands it to WeasyPrint (on one core)."""
    os.environ["GOVDOCS_SERIAL"] = "1"
    from govdocs.pack import build as pack_build
    from govdocs.store.workspace import Workspace

    caught: list[str] = []
    real = pack_build.write_pdf

    def catching(html, out, ws=None):
        caught.append(html)
        return real(html, out, ws)

    pack_build.write_pdf = catching
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "ws"
        shutil.copytree(HERE, copy, ignore=shutil.ignore_patterns(".git", ".venv", ".govdocs", "tests", "docs",
                                                                    "benchmarks", "site", "*.egg-info"))
        ws = Workspace(copy)
        pack_build.build_pack(ws, ws.find_meeting("2020-01-23"), copy / "out", use_cache=False)
    pack_build.write_pdf = real
    return max(caught, key=len)  # the front matter: cover, agenda, minutes, action log, contents


def lay_out(html: str, out: Path, **options) -> float:
    from weasyprint import HTML

    from govdocs.render.documents import DEFAULT_TEMPLATES
    from govdocs.render.fetch import safe_fetcher
    from govdocs.render.tagging import scope_header_cells

    start = time.perf_counter()
    doc = HTML(string=html, base_url=HERE.as_uri() + "/", url_fetcher=safe_fetcher([HERE, DEFAULT_TEMPLATES]))
    doc.write_pdf(str(out), finisher=scope_header_cells, pdf_identifier=b"govdocs",
                  **({"pdf_variant": "pdf/ua-1"} | options))
    return time.perf_counter() - start


def median(fn, runs: int) -> float:
    return statistics.median(fn() for _ in range(runs))


def pages_of(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def by_area(html: str, out: Path) -> tuple[float, dict[str, float]]:
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.runcall(lay_out, html, out)
    whole = time.perf_counter() - start
    stats = pstats.Stats(profile)
    areas: dict[str, float] = {}
    for (filename, _, name), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        area = next((a for a, part in AREAS if part in filename), "")
        if not area:  # built-ins and C calls are named by what they are, e.g. cffi's calls into Pango
            area = "cffi calls (Pango, HarfBuzz, FreeType)" if "_cffi" in filename or "cffi" in name else \
                "other Python (built-ins, the rest)"
        areas[area] = areas.get(area, 0.0) + tottime
    total = sum(areas.values())
    return whole, {a: t / total for a, t in sorted(areas.items(), key=lambda kv: -kv[1])}


def halves(html: str) -> tuple[str, str]:
    """The front matter cut between two of its sections, as nearly in half as its sections allow."""
    head, body = html.split("<body", 1)
    body_open, rest = body.split(">", 1)
    sections = re.split(r"(?=<section\b)", rest)
    sizes = [len(x) for x in sections]
    cut = next((i for i in range(1, len(sections)) if sum(sizes[:i]) >= sum(sizes) / 2), 1)
    first, second = "".join(sections[:cut]), "".join(sections[cut:])
    return (f"{head}<body{body_open}>{first}</body></html>", f"{head}<body{body_open}>{second}")


def _timed(cmd: list[str]) -> float:
    import subprocess

    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    runs = ap.parse_args().runs
    html = front_matter_html()
    out = Path(tempfile.mkdtemp()) / "front.pdf"
    took = median(lambda: _timed([sys.executable, "-c", "import weasyprint"]), runs)
    print(f"importing WeasyPrint (a new process, less the interpreter's start): "
          f"{took - median(lambda: _timed([sys.executable, '-c', 'pass']), runs):.2f} s")
    lay_out(html, out)  # warm: fonts found, caches filled, as in the pack's helper
    whole = median(lambda: lay_out(html, out), runs)
    print(f"front matter: {pages_of(out)} pages, {len(html) // 1024} KB of HTML, {whole:.2f} s to lay out "
          f"and write (median of {runs})")
    profiled, areas = by_area(html, out)
    print(f"\nself time by area (one profiled run, {profiled:.2f} s under the profiler):")
    for area, share in areas.items():
        print(f"  {area:40} {share:6.1%}  ~{share * whole:.2f} s")
    variants = {
        "no PDF/UA tagging (pdf_variant none)": (html, {"pdf_variant": None}),
        "whole fonts, no subsetting (full_fonts)": (html, {"full_fonts": True}),
        "tables' borders separate, not collapsed": (html.replace("border-collapse: collapse",
                                                                 "border-collapse: separate"), {}),
        "no contents page numbers (target-counter)": (re.sub(r"target-counter\([^)]*\)", '""', html), {}),
    }
    print("\nvariants (median, whole layout and write):")
    for name, (text, options) in variants.items():
        took = median(lambda text=text, options=options: lay_out(text, out, **options), runs)
        print(f"  {name:45} {took:.2f} s ({took / whole:.2f}x)")
    first, second = halves(html)
    a = median(lambda: lay_out(first, out), runs)
    b = median(lambda: lay_out(second, out), runs)
    print(f"  {'cut in two halves (each alone)':45} {a:.2f} s + {b:.2f} s: on two cores at best "
          f"{max(a, b):.2f} s ({max(a, b) / whole:.2f}x), before joining the structure trees")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
