"""Every byte a site holds, as a reader or a crawler could get at it: page text, paper text (pdftotext), and
the search index decompressed (Pagefind gzips its index and fragments)."""
from __future__ import annotations

import gzip
import subprocess
from pathlib import Path


def site_files(out: Path) -> list[Path]:
    return [f for f in out.rglob("*") if f.is_file() and not f.name.startswith(".govdocs-site")]


def all_bytes(out: Path) -> bytes:
    chunks = []
    for f in site_files(out):
        chunks.append(str(f.relative_to(out)).encode())
        data = f.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data += gzip.decompress(data)
        if f.suffix == ".pdf":
            data += subprocess.run(["pdftotext", str(f), "-"], capture_output=True).stdout
        chunks.append(data)
    return b"\n".join(chunks).lower()
