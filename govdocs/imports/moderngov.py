"""Pages of a ModernGov site saved by the clerk: the meeting's page (ieListDocuments: board, date, venue,
the items with their documents and, once published, their minutes) and its attendance page
(mgMeetingAttendance: each attendee with their role and "Present", "Apologies", "Present as substitute").

HTML is read as text and structure only: block elements give lines, table cells are joined by tabs,
scripts, styles and the site's navigation are dropped, nothing is fetched and no link is followed.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from govdocs.imports.lines import Line
from govdocs.imports.shapes import Entry

BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "br", "table", "section", "article", "ul", "ol",
          "dt", "dd", "caption", "header", "footer", "blockquote"}
SKIP = {"script", "style", "nav", "noscript", "template", "svg", "head", "form", "button", "select"}
CELLS = {"td", "th"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.skipping = 0
        self.in_cell = False

    def newline(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        cells = [re.sub(r"[ \u00a0\r\n]+", " ", c).strip() for c in text.split("\t")]
        line = "\t".join(cells).strip("\t")
        if line.strip():
            self.lines.append(line)

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skipping += 1
        elif tag in CELLS:
            if self.buf and "".join(self.buf).strip():
                self.buf.append("\t")
        elif tag in BLOCKS and not self.in_table_row():
            self.newline()
        elif tag in ("p", "li", "br", "div") and self.buf:
            self.buf.append(" ")

    def in_table_row(self) -> bool:
        return "\t" in "".join(self.buf)

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in ("tr", "table") or (tag in BLOCKS and not self.in_table_row()):
            self.newline()

    def handle_data(self, data):
        if not self.skipping:
            self.buf.append(data.replace("\t", " "))

    def close(self):
        super().close()
        self.newline()


def html_lines(text: str) -> list[Line]:
    if not re.search(r"<(html|body|table|div|p)\b", text[:20000], re.I):
        return [Line(n, 0, t) for n, t in enumerate(text.splitlines(), start=1)]
    parser = _Text()
    parser.feed(text)
    parser.close()
    return [Line(n, 0, t) for n, t in enumerate(parser.lines, start=1)]


STATUS = {"present": "present", "present as expected": "present", "present, virtual": "virtual",
          "present virtually": "virtual", "present as substitute": "substitutes",
          "present as substitute, virtual": "substitutes", "apologies": "apologies", "apologies received": "apologies",
          "absent": "absent", "in attendance": "in_attendance", "in attendance, virtual": "in_attendance"}


def attendance_row(text: str) -> tuple[str, Entry] | None:
    """(group, person) from a row of a ModernGov attendance table: "Councillor Jane Smith\tChair\tPresent"."""
    from govdocs.imports.attendees import from_words

    cells = [c.strip() for c in text.split("\t") if c.strip()]
    if len(cells) < 2:
        return None
    status = re.sub(r"\s+", " ", cells[-1].lower()).strip(" .")
    group = STATUS.get(status)
    if group is None:
        return None
    entry = from_words(cells[0])
    if entry is None:
        return None
    if len(cells) > 2:
        entry.role = cells[1]
        entry.chair = bool(re.fullmatch(r"(the\s+)?chair(man)?", cells[1].strip(), re.I))
    sub = re.search(r"substitute\s+for\s+(.+)$", " ".join(cells[1:-1]), re.I)
    if sub:
        entry.substitute_for = sub.group(1).strip(" .")
    return group, entry
