"""Minutes as read (parse.py) made into the draft record of one meeting: the same files, in the same shape,
that `meeting new`, `item add`, `attendance`, `minute`, `minutes future-date`, `action add` and `person`
write, with the people matched to people.yaml and every match kept to be shown."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from govdocs.imports import cells
from govdocs.imports.decisions import Acts, Found, action_text, approval_in, read_minute, vote_of
from govdocs.imports.interests import Declared, declarations_in, same_number
from govdocs.imports.lines import Line
from govdocs.imports.people import Matcher, name_words
from govdocs.imports.shapes import Entry, Item, Parsed
from govdocs.imports.wording import item_kind
from govdocs.model import Meeting
from govdocs.store.workspace import Workspace

GROUP_KEYS = {"present": "present", "virtual": "virtual", "apologies": "apologies", "in_attendance": "in_attendance",
              "officers": "officers", "other_members": "other_members", "absent": "absent"}
OUTCOME_WORDS = {"agreed": "agreed", "noted": "noted", "received": "received", "approved": "approved"}


@dataclass
class Draft:
    board: str
    date: str
    meeting: dict = field(default_factory=dict)
    attendance: dict = field(default_factory=dict)
    minutes: dict = field(default_factory=dict)
    actions: list[dict] = field(default_factory=list)
    new_people: dict[str, dict] = field(default_factory=dict)
    matches: list[tuple[str, str, str]] = field(default_factory=list)  # (as printed, initials, how)
    approves: list[str] = field(default_factory=list)  # earlier meetings whose minutes this one approves
    notes: list[str] = field(default_factory=list)  # what the clerk should check
    unplaced: list[Line] = field(default_factory=list)
    placed: int = 0


class Builder:
    def __init__(self, ws: Workspace, board: str, parsed: Parsed, seed: str):
        self.ws, self.parsed, self.seed = ws, parsed, seed
        self.matcher = Matcher({i: p.name for i, p in ws.people.items()})
        self.draft = Draft(board=board, date=parsed.date, unplaced=list(parsed.unplaced), placed=parsed.placed)
        self.rules = ws.rules(board)
        self.seen: dict[str, str] = {}  # initials -> attendance group

    # -- people ------------------------------------------------------------------------------
    def person(self, entry: Entry) -> str:
        name = re.sub(r"\s+", " ", entry.name).strip(" ,;.")
        found = self.matcher.find(name, entry.initials)
        if found:
            self.draft.matches.append((name, found.initials, found.how))
            return found.initials
        initials = self.matcher.new_initials(name, entry.initials)
        self.matcher.add(initials, name)
        self.draft.new_people[initials] = {"name": name, "role": entry.role, "org": entry.org}
        self.draft.matches.append((name, initials, "new"))
        return initials

    def named(self, printed: str) -> str:
        """Initials for a person printed as initials (IT) or by name (Cllr Smith); '' when nobody fits."""
        if printed in self.matcher.people:
            return printed
        found = self.matcher.find(printed)
        return found.initials if found else ""

    def attendance(self) -> None:
        att: dict = {}
        chair = ""
        for group, text, entries in self.parsed.rows:
            key = GROUP_KEYS.get(group, "")
            here = [(e, self.person(e)) for e in entries if name_words(e.name)]
            known = {i for _, i in here}
            for _, initials in self.matcher.names_in(text):  # a name the page ran into the row above
                if initials not in known and not any(initials == i for _, i in here):
                    here.append((Entry(name=self.matcher.people[initials]), initials))
                    self.draft.matches.append((self.matcher.people[initials], initials, "name"))
                    known.add(initials)
            for entry, initials in here:
                if initials in self.seen:
                    continue
                if group == "substitutes" or entry.substitute_for:
                    replaced = self.named(entry.substitute_for) if entry.substitute_for else ""
                    att.setdefault("substitutes", []).append({"initials": initials, "for": [replaced] if replaced
                                                              else []})
                    self.seen[initials] = "substitutes"
                    if not replaced:
                        self.draft.notes.append(f"{entry.name} substituted for someone the minutes do not name: "
                                                "say for whom with `govdocs attendance --substitute`")
                    continue
                att.setdefault(key or "in_attendance", []).append(initials)
                self.seen[initials] = key
                if entry.chair:
                    chair = chair or initials
                if entry.arrived:
                    att.setdefault("arrived", {})[initials] = entry.arrived
                if entry.left:
                    att.setdefault("left", {})[initials] = entry.left
        if not chair:  # no "(Chair)": the one member present whose role is the chair ("Clinical Chair")
            chairs = [i for g, _, found in self.parsed.rows if g == "present" for e in found
                      if re.search(r"\bchair(man|woman|person)?\b", e.role, re.I) and not re.search(r"vice|deputy|co-",
                                                                                                 e.role, re.I)
                      for i in [self.matcher.find(e.name, e.initials)] if i]
            if len(chairs) == 1:
                chair = chairs[0].initials
        if self.parsed.public is not None:
            att["public"] = self.parsed.public
        for s in att.get("substitutes", []):
            if not s["for"]:
                del s["for"]
        self.chair = chair
        self.draft.attendance = att

    # -- items -------------------------------------------------------------------------------
    def numbers(self) -> dict[str, str]:
        """{as printed: agenda number}: printed numbers kept where they are plain (1, 2, 3a); numbers on through
        the year or with a prefix (23/140, GBP/2122/214) give 1, 2, 3 on the agenda and the first number
        to the minutes."""
        tops = [it.number for it in self.parsed.items]
        if all(re.fullmatch(r"\d{1,3}", n) for n in tops):
            return {n: n for n in tops}
        from govdocs.imports.parse import serial

        first = serial(tops[0])[-1] if tops and serial(tops[0]) else 1
        self.draft.minutes["first_number"] = first
        board = self.ws.board(self.draft.board)
        if board.minute_numbering == "meeting":
            self.draft.notes.append(f"the minutes number on from earlier meetings ({tops[0]}); set the board's "
                                    f"numbering with `govdocs board edit {board.slug} --minute-numbering year "
                                    "--minute-format …` so that they print as they did")
        return {n: str(i) for i, n in enumerate(tops, start=1)}

    def items(self) -> None:
        numbers = self.numbers()
        self.numbered: list[tuple[Item, str]] = []  # every item and sub-item with its agenda number
        out = []
        exempt: object = None  # after the exclusion of the press and public: the paragraph or reason
        for it in self.parsed.items:
            number = numbers[it.number]
            entry = self.item_entry(it, number)
            self.numbered.append((it, number))
            if exempt is not None:
                entry["exempt"] = exempt
            elif excludes_public(it):
                exempt = self.exemption(it, number)
            subs = []
            for s in it.subs:
                sub_number = number + s.number[len(it.number):]
                subs.append(self.item_entry(s, sub_number))
                self.numbered.append((s, sub_number))
            if subs:
                entry["items"] = subs
            out.append(entry)
        self.draft.meeting["items"] = out

    def declarations(self) -> None:
        """Interests the minutes say were declared, on the item they name (or the item they are minuted under),
        added to the attendance as `attendance --declare` adds them; what cannot be placed is left to the clerk."""
        found = self.draft.attendance.setdefault("declarations", [])
        for it, number in self.numbered:
            for d in declarations_in("\n".join(it.blocks)):
                item = self.declared_item(d, it, number)
                for printed in d.who:
                    who = self.chair if printed == "the Chair" else self.named(printed)
                    if not who or not item:
                        why = "names no item on this agenda" if not item else f"{printed} is not in people.yaml"
                        self.draft.notes.append(f"item {number}: {d.sentence!r} — not recorded as a declaration "
                                                f"({why}); record it with `govdocs attendance --declare`")
                        continue
                    entry = {"initials": who, "item": item, "interest": d.interest}
                    if entry not in found:
                        found.append(entry)
        if not found:
            del self.draft.attendance["declarations"]

    def declared_item(self, d: Declared, it: Item, number: str) -> str:
        """The agenda number of the item a declaration concerns: the one it names, as the minutes or the agenda
        number it, else the item it is minuted under unless that is the declarations item itself."""
        if d.ref:
            return next((n for i, n in self.numbered if same_number(i.number, d.ref) or same_number(n, d.ref)), "")
        if d.here or item_kind(it.title) != "declarations":
            return number
        return ""

    def exemption(self, it: Item, number: str) -> object:
        """What the exclusion resolution says of the business after it: a Schedule 12A paragraph, else its
        reason; where it says neither, the items are marked exempt with the problem stated, so they are
        treated as exempt (nothing public shows them) until the clerk says why."""
        said = " ".join([it.title] + it.blocks)
        para = re.search(r"paragraphs?\s+(\d)\b", said, re.I)
        if self.rules.exemption != "reason":
            if para:
                return int(para.group(1))
            self.draft.notes.append(f"item {number} excludes the public but names no Schedule 12A paragraph: the "
                                    "items after it are exempt until you set it with `govdocs item edit … --exempt N`")
            return "paragraph not stated in the minutes"
        reason = re.search(r"(?:because|by reason of|on the grounds that|as)\s+(.{10,160}?)[.;]", said, re.I)
        return reason.group(1).strip() if reason else "confidential business, as the minutes' exclusion resolves"

    def item_entry(self, it: Item, number: str) -> dict:
        presenters = []
        title = it.title
        for p in it.presenters:
            who = self.named(p)
            if who:
                presenters.append(who)
            else:
                title = f"{title} – {p}"  # printed after the title but nobody the record knows: kept as printed
        title = re.sub(r"\s+\.$", ".", cells.inline(title)) or "Item"
        entry: dict = {"number": int(number) if number.isdigit() else number, "title": title}
        kind = item_kind(it.title)
        if kind:
            entry["kind"] = kind
        if presenters:
            entry["presenters"] = presenters
        if it.agenda:
            entry["text"] = "\n\n".join(it.agenda)
        self.minute(it, number)
        return entry

    def minute(self, it: Item, number: str) -> None:
        read = read_minute(it.blocks)
        if item_kind(it.title) == "minutes" and not read.decisions:
            said = approval_in(it.title, read.blocks)
            if said is not None:  # the approval in the minutes' own words becomes the approving decision
                at, dates = said
                read.decisions.append(Found(text=read.blocks.pop(at).removeprefix("- "), word="approved", approves=dates,
                                            vote=vote_of(it.blocks[at] if at < len(it.blocks) else "")))
        entry: dict = {}
        text = cells.markdown(read.blocks)
        if text:
            entry["text"] = text
        if it.taken_at:
            entry["taken_at"] = it.taken_at
        for d in read.decisions:
            entry.setdefault("resolved", []).append(self.decision(d, number))
        if entry:
            self.draft.minutes.setdefault("items", {})[number] = entry
        taken: set[str] = set()
        for owners, row in it.owners:
            for o in owners:
                self.action(number, o, row, taken, it)
        for acts in read.actions:
            self.stated_action(number, acts, it)

    def decision(self, d, number: str) -> dict:
        from govdocs.edit.minutes import with_vote

        out: dict = {"text": d.text}
        word = OUTCOME_WORDS.get(d.word, "")
        if word and word.upper() != self.rules.decision_word.upper():
            out["outcome"] = word
        for role, printed in (("proposer", d.proposer), ("seconder", d.seconder)):
            who = self.named(printed) if printed else ""
            if who:
                out[role] = who
            elif printed:
                self.draft.notes.append(f"minute {number}: the {role} {printed!r} is not in people.yaml; add them and "
                                        "set it with `govdocs minute`")
        known = set(self.ws.meeting_dates(self.draft.board))
        linked = [day for day in d.approves if day in known and day < self.draft.date]
        for day in d.approves:
            if day not in linked:
                self.draft.notes.append(f"minute {number} approves the minutes of {day}, which are not in the "
                                        f"{self.draft.board} record: import them first to link the approval")
        if linked:
            out["approves"] = linked[0] if len(linked) == 1 else linked
            self.draft.approves += linked
        return with_vote(out, d.vote)

    def action(self, number: str, owner: str, row: list[str], taken: set[str], it: Item) -> None:
        who = self.named(owner)
        if not who:
            self.draft.notes.append(f"item {number}: the Action column names {owner}, who is not in people.yaml; "
                                    "no action was made for them")
            return
        text = action_text(owner, self.matcher.people.get(who, ""), row, taken)
        if not text:
            self.draft.notes.append(f"item {number}: {owner} is in the Action column beside no text; no action made")
            return
        taken.add(text)
        self.add_action(number, text, [who])

    def stated_action(self, number: str, acts: Acts, it: Item) -> None:
        owners = [self.named(o) for o in acts.owners]
        if not acts.text or not owners or not all(owners):
            self.draft.notes.append(f"item {number}: the action {acts.text!r} names no owner the record knows; "
                                    "add it with `govdocs action add`")
            return
        self.add_action(number, acts.text, owners)

    def add_action(self, number: str, text: str, owners: list[str]) -> None:
        from govdocs.edit.actions import new_action_id

        meeting = Meeting(board=self.draft.board, date=self.draft.date)
        pending = {a["id"] for a in self.draft.actions}
        aid = new_action_id(self.ws, meeting, number, pending, seed=self.seed)
        due = "next meeting"  # as `action add` sets it; the minutes rarely give a date, the clerk can
        self.draft.actions.append({"id": aid, "board": self.draft.board, "meeting": self.draft.date, "item": number,
                                   "text": text, "owners": owners, "due": due, "status": "open"})

    # -- the meeting ---------------------------------------------------------------------------
    def build(self) -> Draft:
        p = self.parsed
        self.attendance()
        self.items()
        self.declarations()
        m = {"board": self.draft.board, "date": p.date, "start": p.start or None, "end": p.end or None,
             "venue": p.venue or None, "chair": self.chair or None, "status": "minutes-drafted"}
        m["items"] = self.draft.meeting.get("items", [])
        self.draft.meeting = m
        if p.future:
            self.draft.minutes["future_dates"] = [{"date": d, "time": t or None, "venue": v or None}
                                                  for d, t, v in p.future]
        board = self.ws.board(self.draft.board)
        self.draft.attendance["board_name"] = board.name
        people = {}
        for initials in dict.fromkeys(self.seen):  # names and roles as the minutes give them that day
            known = self.ws.people.get(initials)
            new = self.draft.new_people.get(initials, {})
            person = {"name": known.name if known else new.get("name", ""), "role": known.role if known else
                      new.get("role", ""), "org": known.org if known else new.get("org", "")}
            people[initials] = {k: v for k, v in person.items() if v} or {"name": initials}
        if people:
            self.draft.attendance["people"] = people
        on_day = [mm.initials for mm in board.members_on(p.date)]
        if on_day:
            self.draft.attendance["members"] = on_day
        return self.draft


def build_draft(ws: Workspace, board: str, parsed: Parsed, seed: str) -> Draft:
    return Builder(ws, board, parsed, seed).build()


EXCLUSION = re.compile(r"exclu(?:de|ded|sion\s+of)\s+(?:the\s+)?(?:press\s+and\s+(?:the\s+)?)?public|part\s+(?:2|ii|b)\b",
                       re.I)


def excludes_public(it: Item) -> bool:
    """The item resolves to exclude the press and public for the business after it."""
    said = " ".join([it.title] + it.blocks)
    return bool(EXCLUSION.search(said)) and not re.search(r"be\s+not\s+excluded|not\s+to\s+exclude|no\s+items?"
                                                            r"|none\b", said, re.I)
