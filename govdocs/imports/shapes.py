"""What the reader finds in minutes, before anything is matched to the record."""
from __future__ import annotations

from dataclasses import dataclass, field

from govdocs.imports.lines import Line


@dataclass
class Entry:
    """A person as the minutes name them, before matching."""
    name: str
    initials: str = ""
    role: str = ""
    org: str = ""
    chair: bool = False
    substitute_for: str = ""  # the name of whom they replace
    arrived: str = ""
    left: str = ""


@dataclass
class Item:
    number: str
    title: str
    presenters: list[str] = field(default_factory=list)  # as printed: initials or names
    head: str = ""  # the first line of the title, as the minutes repeat it over the item's text
    agenda: list[str] = field(default_factory=list)  # the agenda's own words, where the page gives them
    blocks: list[str] = field(default_factory=list)  # the minute, as Markdown blocks
    owners: list[tuple[list[str], list[str]]] = field(default_factory=list)  # (initials in an Action column, row text)
    subs: list["Item"] = field(default_factory=list)
    taken_at: str = ""
    line: Line | None = None
    marked: bool = True  # printed with a full stop or colon after its number ("5." rather than "5")


@dataclass
class Parsed:
    heading: list[str] = field(default_factory=list)
    date: str = ""
    start: str = ""
    end: str = ""
    venue: str = ""
    closed: str = ""
    rows: list[tuple[str, str, list[Entry]]] = field(default_factory=list)  # (group, the line, who it names)
    public: int | None = None
    items: list[Item] = field(default_factory=list)
    future: list[tuple[str, str, str]] = field(default_factory=list)  # (date, time, venue)
    unplaced: list[Line] = field(default_factory=list)
    placed: int = 0

    def group(self, name: str) -> list[Entry]:
        return [e for g, _, found in self.rows if g == name for e in found]
