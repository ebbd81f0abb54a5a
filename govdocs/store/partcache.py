"""Build once, reuse: rendered parts of a pack kept under `.govdocs/cache/parts/`, papers converted by
LibreOffice under `.govdocs/cache/papers/`, each named by the SHA-256 of exactly what it was made from.

An entry is written beside its final name and renamed into place, so a half-written file never has a
real name; an entry that does not look whole (a PDF without its end marker, a .docx that is not a zip)
is ignored and made again. Deleting `parts/` forces every part to be rendered again; `pack --no-cache`
uses neither folder.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import zipfile
from pathlib import Path
from typing import Callable

from govdocs import __version__

PARTS, PAPERS = "parts", "papers"


def key(*material: bytes | str) -> str:
    """The name of what these inputs make: govdocs' version is part of it, so an upgrade renders afresh."""
    h = hashlib.sha256(__version__.encode())
    for m in material:
        data = m.encode("utf-8") if isinstance(m, str) else m
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def whole(path: Path) -> bool:
    """Whether a cached file looks complete enough to use."""
    try:
        if path.suffix == ".pdf":
            with open(path, "rb") as fh:
                if fh.read(5) != b"%PDF-":
                    return False
                fh.seek(max(0, path.stat().st_size - 1024))
                return b"%%EOF" in fh.read()
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                return "word/document.xml" in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False
    return path.is_file()


def lookup(cache_dir: Path | None, kind: str, name: str, suffix: str) -> Path | None:
    """The whole cache entry for `name`, if there is one."""
    if cache_dir is None:
        return None
    entry = cache_dir / kind / f"{name}{suffix}"
    return entry if entry.is_file() and not entry.is_symlink() and whole(entry) else None


def cached(cache_dir: Path | None, kind: str, name: str, suffix: str, make: Callable[[Path], Path],
           workdir: Path) -> Path:
    """The file `make` would write, from the cache when an entry for `name` is whole; else made and kept."""
    if cache_dir is None:
        return make(workdir / f"{kind}-{name[:16]}{suffix}")
    hit = lookup(cache_dir, kind, name, suffix)
    if hit is not None:
        return hit
    entry = cache_dir / kind / f"{name}{suffix}"
    made = make(workdir / f"{kind}-{name[:16]}{suffix}")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        incoming = entry.with_name(f".{entry.name}.{os.getpid()}.incoming")
        shutil.copyfile(made, incoming)
        os.replace(incoming, entry)
    except OSError:
        return made  # a cache that cannot be written only costs speed
    return made
