"""Minutes as printed, read into their parts: the heading (board, date, time, venue), who was there, the
numbered items with their minutes, and the dates of future meetings.

Every line of the source is accounted for: it is placed in one of those parts, or it is kept in
`unplaced` with where it was, so the clerk can see exactly what did not come in. Nothing is guessed
beyond what the lines say; the people named are matched to the record later (record.py).
"""
from __future__ import annotations

import re

from govdocs.imports import cells
from govdocs.imports.attendees import apologies_in, entries_of
from govdocs.imports.lines import Line
from govdocs.imports.moderngov import attendance_row
from govdocs.imports.shapes import Item, Parsed
from govdocs.imports.wording import find_date, find_time, future_heading, heading_of, item_kind, split_title, table_rule

NUMBER = (r"(?:[A-Z][A-Za-z]{0,5}/\s?\d{2,4}/\s?\d{1,4}(?:/\d{2}(?:-\d{2})?)?|[A-Z][A-Za-z]{0,3}\d{2,4}/\d{2}"
          r"|[A-Z][a-z]{1,4}/\d{1,4}/\d{2}-\d{2}|\d{1,3}/\d{1,4}|\d{1,3}\([a-z]\)|\d{1,3}\.\d{1,2}(?=\s)|\d{1,3}[a-z]?)")
ITEM = re.compile(r"^(?:<p>)?\s*(?P<n>" + NUMBER + r")(?P<sep>\.(?!\d)|:|\)|)(?:</p>)?(?P<gap>\t+|\s+|$)(?P<rest>.*)$")
SECOND_NUMBER = re.compile(r"^\d{1,3}\.\s+")
TRAILING_OWNERS = re.compile(r"</p>\s*((?:[A-Z][A-Za-z]{1,3}[\s,/]*)+)$")


def serial(number: str) -> tuple[int, ...]:
    """The number's figures, the running one last: (22, 140) for 22/140, (2122, 214) for GBP/2122/214, and
    (23, 48) for C048/23, whose two figures after the slash are the year."""
    figures = tuple(int(x) for x in re.findall(r"\d+", number))
    if re.fullmatch(r"[A-Za-z]+\d+/\d{2}", number):
        return figures[::-1]
    return figures


def item_start(line: str, last: Item | None) -> tuple[str, str] | None:
    """(number, the rest of the line) where the line opens a numbered item that follows the last one."""
    m = ITEM.match(line)
    if not m:
        return None
    number, sep, gap, rest = m.group("n"), m.group("sep"), m.group("gap"), m.group("rest")
    if "/" in number:
        rest = SECOND_NUMBER.sub("", rest.strip())  # "C048/23   1.   APOLOGIES": the minute number, then the agenda's
    if not sep and "\t" not in gap and len(gap) < 2 and not ("/" in number or not rest):
        return None
    if not rest.strip() and not sep and "/" not in number:
        return None
    if rest.strip() and not re.match(r"[<A-Z'‘\"(£]", rest.strip()):
        return None
    if last is not None:
        if serial(number) <= serial(last.number) or serial(number)[-1] - serial(last.number)[-1] > 5 or \
                serial(number)[:-1] != serial(last.number)[:-1] and "/" in number:
            return None
        if bool(sep) != last.marked and "/" not in number:
            return None  # "3   Details of …" in a list under item 2. is not item 3
    if last is None and not rest.strip() and not sep:
        return None
    return number.replace(" ", "").replace("(", "").replace(")", "") + ("." if sep else ""), rest


class Reader:
    """One pass over the lines; each line goes to the part of the minutes it belongs to."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.out = Parsed()
        self.group = ""  # the attendance heading being read
        self.item: Item | None = None
        self.target: Item | None = None  # where text goes: the item, or the part of it the text names
        self.in_future = False
        self.pending_number: tuple[str, Line] | None = None

    def placed(self) -> None:
        self.out.placed += 1

    def unplaced(self, line: Line) -> None:
        self.out.unplaced.append(line)

    def read(self) -> Parsed:
        for line in self.lines:
            text = line.text.rstrip()
            if not text.strip():
                continue
            self.one(line, text)
        return self.out

    def one(self, line: Line, text: str) -> None:
        stripped = text.strip()
        if table_rule(stripped) or re.fullmatch(r"page \d+( of \d+)?", stripped, re.I):
            return self.placed()
        if self.pending_number is not None:
            number, at = self.pending_number
            self.pending_number = None
            return self.open_item(number, stripped, at)
        if self.in_future:
            return self.future_line(line, stripped)
        if future_heading(stripped) is not None:
            self.in_future = True
            rest = future_heading(stripped) or ""
            self.placed()
            if rest:
                self.future_line(line, rest)
            return None
        start = item_start(text, self.item)
        if start and (self.item is not None or self.out.date):
            number, rest = start
            if not rest.strip():
                self.pending_number = (number, line)
                return self.placed()
            return self.open_item(number, rest, line)
        if self.item is None:
            return self.before_items(line, stripped)
        return self.item_line(line, text)

    # -- the heading and attendance -----------------------------------------------------------
    def before_items(self, line: Line, text: str) -> None:
        row = attendance_row(text) if "\t" in text else None
        if row is not None:  # a ModernGov attendance table: name, role, "Present" / "Apologies" …
            self.out.rows.append((row[0], text, [row[1]]))
            return self.placed()
        if re.fullmatch(r"(attendee|name)\t(role\t)?attendance", text.strip(), re.I):
            return self.placed()
        first = text.split("\t")[0].strip()
        group, rest = heading_of(first if "\t" in text else text)
        if group:
            self.group = group
            if group == "public":
                n = re.search(r"\d+", rest or text)
                self.out.public = int(n.group(0)) if n else self.out.public
                return self.placed()
            tail = "\t".join(c for c in text.split("\t")[1:] if c.strip()) if "\t" in text else ""
            for part in [p for p in (rest, tail) if p and p.strip()]:
                self.people_line(part, listed=True)
            return self.placed()
        if re.fullmatch(r"(minutes|items?|no\.?)(\s+(action|item|minutes))*", re.sub(r"\s+", " ", text), re.I) or \
                re.fullmatch(r"minutes\s*\t.*action\s*", text, re.I):
            self.group = ""
            return self.placed()
        if self.out.date and re.match(r"^venue\s*:", text, re.I) and not self.out.venue:
            self.out.venue = re.sub(r"^venue\s*:\s*|\.?\s*view directions\.?$", "", text, flags=re.I).strip()
            return self.placed()
        if not self.out.date or (not self.out.rows and not self.group and self.heading_after_date(text)):
            return self.heading_line(line, text)
        if self.group:
            if self.people_line(text, listed=False):
                return self.placed()
        if re.match(r"^(contact|note|webcast|confirmed|draft|unconfirmed|agenda and (draft )?minutes)\b", text, re.I):
            return self.placed()
        self.unplaced(line)

    def heading_after_date(self, text: str) -> bool:
        """A line of the heading below the first date: the date again (with the time and place), or a title."""
        found = find_date(text)
        return (found is not None and found[0] == self.out.date) or \
            (found is None and len(self.out.heading) < 4 and bool(re.search(r"\b(meeting|minutes|board|council|"
                                                                         r"committee|held)\b", text, re.I)))

    def heading_line(self, line: Line, text: str) -> None:
        found = find_date(text)
        if found is not None and self.out.date and found[0] != self.out.date:
            return self.unplaced(line)
        if found is None:
            if len(self.out.heading) < 3:
                self.out.heading.append(text)
                return self.placed()
            return self.unplaced(line)
        iso, span = found
        self.out.date = iso
        before, after = text[:span[0]], text[span[1]:]
        time = find_time(after) or find_time(before)
        if time and self.out.start:
            time = None
        if time:
            (self.out.start, self.out.end), tspan, where = time
            rest = after[tspan[1]:] if where is after or find_time(after) else after
        else:
            rest = after
        lead = before.strip(" ,.-–")
        if lead and not re.fullmatch(r"(held\s+)?(on\s+)?(the\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|"
                                     r"sunday)?,?\s*(held\s+)?(on\s+)?(the\s+)?", lead, re.I):
            self.out.heading.append(lead)
        venue = re.sub(r"^[\s,.;:–-]*(held\s+)?((at|in|via|on)\s+)?", "", rest, flags=re.I).strip(" ,.")
        venue = re.sub(r"^(at|in)\s+", "", venue, flags=re.I)
        if venue and not self.out.venue:
            self.out.venue = venue
        self.placed()

    def people_line(self, text: str, listed: bool) -> bool:
        found = entries_of(text, listed)
        # a line naming nobody is the rest of the row above (an organisation the page wrapped): it is kept
        # with the group, where record.py also looks in it for names it knows
        self.out.rows.append((self.group, text, found))
        return True

    # -- items ---------------------------------------------------------------------------------
    def open_item(self, number: str, rest: str, line: Line) -> None:
        marked = number.endswith(".")
        number = number.rstrip(".")
        parts = [c for c in rest.split("\t")]
        title_cell = parts[0] if parts else ""
        others = [c for c in parts[1:] if c.strip()]
        text_cells, owners = [], []
        if others and cells.initials_only(others[-1]):
            owners = cells.initials_only(others.pop())
        if not others and cells.has_markup(title_cell):
            title_cell, merged = split_title_cell(title_cell)
            others = [merged] if merged else []
        elif not others and re.search(r"\S\s*<p>", title_cell) and not title_cell.lstrip().startswith("<"):
            at = title_cell.index("<p>")
            title_cell, others = title_cell[:at], [title_cell[at:]]
        for c in others:
            tail = TRAILING_OWNERS.search(c)
            if tail and cells.initials_only(tail.group(1)):
                owners += cells.initials_only(tail.group(1))
                c = c[:tail.start()] + "</p>"
            text_cells.append(c)
        item = build_item(number, title_cell, line)
        item.marked = marked
        self.out.items.append(item)
        self.item, self.target = item, item
        self.placed()
        row_blocks: list[str] = []
        for c in text_cells:
            row_blocks += self.add_text(c)
        if owners:
            item.owners.append((owners, row_blocks))

    def item_line(self, line: Line, text: str) -> None:
        assert self.item is not None
        parts = [c for c in text.split("\t") if c.strip()]
        owners: list[str] = []
        if len(parts) > 1 and cells.initials_only(parts[-1]):
            owners = cells.initials_only(parts.pop())
        elif len(parts) == 1 and text.startswith("\t") and cells.initials_only(parts[0]) and self.item.blocks:
            owners = cells.initials_only(parts.pop())
        row_blocks: list[str] = []
        for c in parts:
            tail = TRAILING_OWNERS.search(c)
            if tail and cells.initials_only(tail.group(1)):
                owners += cells.initials_only(tail.group(1))
                c = c[:tail.start()] + "</p>"
            row_blocks += self.add_text(c)
        if owners:
            self.item.owners.append((owners, row_blocks or (self.target.blocks[-1:] if self.target else [])))
        self.placed()

    def add_text(self, cell: str) -> list[str]:
        """The cell's blocks, each given to the item or to the part of it the block names ("b. SEND
        Transformation Plan – The report was …")."""
        assert self.item is not None
        if cells.has_markup(cell):
            new = cells.blocks(cell)
        else:
            kind, text = cells.plain_block(cell)
            new = [("- " + text) if kind == "li" else text]
        added = []
        apologies = item_kind(self.item.title) == "apologies"
        for block in new:
            if apologies:
                self.out.rows += apologies_in(block)
            block = self.route(block)
            if block:
                assert self.target is not None
                if re.fullmatch(r"minutes\s*:?", block, re.I):
                    self.target.agenda, self.target.blocks = self.target.agenda + self.target.blocks, []
                    continue
                self.target.blocks.append(block)
                added.append(block)
        return added

    def route(self, block: str) -> str:
        assert self.item is not None
        m = re.match(r"^\(?([a-z])[.)]\s+(.*)$", block, re.S)
        if not m or not self.item.subs:
            return block
        sub = next((s for s in self.item.subs if s.number == self.item.number + m.group(1)), None)
        if sub is None:
            return block
        self.target = sub
        rest = m.group(2)
        head = cells.inline(sub.head)
        if head and rest.lower().startswith(head.lower()):
            rest = rest[len(head):]
        return re.sub(r"^\s*[–—:-]\s*", "", rest).strip() if rest != m.group(2) else rest

    def future_line(self, line: Line, text: str) -> None:
        found = find_date(text)
        if found is None:
            return self.unplaced(line)
        iso, span = found
        after = text[span[1]:]
        time = find_time(after)
        hours = ""
        if time:
            (start, end), tspan, _ = time
            hours = after[tspan[0]:tspan[1]].strip()
            after = after[tspan[1]:]
        venue = re.sub(r"^[\s,.;:–-]*((at|in)\s+)?", "", after).strip(" ,.")
        self.out.future.append((iso, hours, venue))
        self.placed()


def split_title_cell(cell: str) -> tuple[str, str]:
    """A title cell whose text cell was run into it (a PDF that lost the column gap): the title's blocks are
    the first, its lettered parts (a, b … each once) and short headings; the rest is the minute."""
    parts = cells.blocks(cell)
    seen: set[str] = set()
    keep = 1
    open_end = not cell.rstrip().endswith(("</p>", "</ul>", "</ol>"))
    for i, b in enumerate(parts[1:], start=1):
        if open_end and i == len(parts) - 1:
            break  # a paragraph the line breaks off in is the minute running on, not a heading
        m = re.match(r"^([a-z])[.)]\s+", b)
        words = len(b.split())
        if m and m.group(1) not in seen and words <= 14:
            seen.add(m.group(1))
        elif b.startswith("- ") and all(len(x.split()) <= 8 for x in b.splitlines()):
            pass
        elif not m and words <= 6 and b[-1:] not in ".!?":
            pass
        else:
            break
        keep = i + 1
    # the cell is written again with <p> blocks, which build_item reads as the title's parts
    title = " ".join(f"<p>{b}</p>" if not b.startswith("- ") else "<ul> " + " ".join(b.splitlines()) + " </ul>"
                     for b in parts[:keep])
    rest = " ".join(f"<p>{b}</p>" if not b.startswith(("- ", "1. ")) else
                    "<ul> " + " ".join(b.splitlines()) + " </ul>" for b in parts[keep:])
    return title, rest


def build_item(number: str, title_cell: str, line: Line) -> Item:
    """The item from its title cell: the title (extra headings joined with ': '), the presenters printed
    after a dash, the parts (a., b.) as sub-items, a list under a heading added to it."""
    parts = cells.blocks(title_cell) if cells.has_markup(title_cell) else [cells.inline(title_cell)]
    parts = [p for p in parts if p] or [""]
    first, presenters, taken = split_title(parts[0])
    item = Item(number=number, title=first, presenters=presenters, head=first, taken_at=taken, line=line)
    current = item
    for p in parts[1:]:
        m = re.match(r"^([a-z])[.)]\s+(.*)$", p)
        if m:
            title, who, taken = split_title(m.group(2))
            current = Item(number=number + m.group(1), title=title, presenters=who, head=title, taken_at=taken,
                           line=line)
            item.subs.append(current)
        elif p.startswith("- "):
            current.title += ": " + "; ".join(x[2:].strip() for x in p.splitlines())
        else:
            title, who, taken = split_title(p)
            current.title += ": " + title
            current.presenters += [w for w in who if w not in current.presenters]
    return item


def parse(lines: list[Line]) -> Parsed:
    return Reader(lines).read()


