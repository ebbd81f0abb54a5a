"""The parts of a board pack (agenda, contents, minutes, papers …) and the pack as built."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Part:
    title: str
    kind: str  # a document kind, "contents", or "paper"
    pdf: Path | None = None
    docx: Path | None = None
    letter: str = ""  # appendix letter for papers
    pages: int = 0
    first_label: str = ""
    source: Path | None = None


@dataclass
class Pack:
    pdf: Path
    docx: Path
    manifest: Path
    parts: list[Part] = field(default_factory=list)
    deadline: dt.date | None = None


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()
