"""A line of a source file, and where it was."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    n: int  # line of the file (text), paragraph (Word), line on its page (PDF)
    page: int
    text: str

    @property
    def where(self) -> str:
        return f"page {self.page}, line {self.n}" if self.page else f"line {self.n}"
