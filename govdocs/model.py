"""The record: plain dataclasses built from the YAML files, with no I/O of their own."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RAG_VALUES = ("red", "amber", "light-green", "dark-green", "completed", "blue")
RAG_ALIASES = {"green": "dark-green", "light green": "light-green", "dark green": "dark-green",
               "lightgreen": "light-green", "darkgreen": "dark-green", "complete": "completed"}
RAG_LABELS = {"red": "Red", "amber": "Amber", "light-green": "Light Green", "dark-green": "Dark Green",
              "completed": "Completed", "blue": "Blue"}
RAG_MEANINGS = {
    "red": "Not yet started, or significant delay in implementation: must be prioritised to bring it back on track.",
    "amber": "Started, with some delay in implementation: must be monitored to ensure it is delivered.",
    "light-green": "On track to be completed by the agreed date; evidence still needed that the improvement is embedded.",
    "dark-green": "Completed, with evidence that the improvement has been embedded and sustained.",
    "completed": "Completed.",
    "blue": "Complete.",
}
# The scales a board can report on (`rag_scale` in board.yaml; the kind of body's by default):
# Kingston's five-point scale, and BRAG as NHS boards use it, blue for complete.
RAG_SCALES = {
    "five": ("red", "amber", "light-green", "dark-green", "completed"),
    "brag": ("blue", "red", "amber", "dark-green"),
}
BRAG_LABELS = {"dark-green": "Green", "completed": "Blue"}  # done is blue on a BRAG scale
BRAG_MEANINGS = {
    "blue": "Complete.",
    "red": "Off track: significant delay or risk to delivery; needs the board's attention.",
    "amber": "Some delay or risk to delivery, being managed.",
    "dark-green": "On track to be delivered by the agreed date.",
}


def rag_label(rag: str | None, scale: str = "five") -> str:
    if not rag:
        return "Not rated"
    return (BRAG_LABELS.get(rag) if scale == "brag" else None) or RAG_LABELS.get(rag, "Not rated")


def rag_key(scale: str = "five") -> list[dict]:
    meanings = BRAG_MEANINGS if scale == "brag" else RAG_MEANINGS
    return [{"rag": r, "label": rag_label(r, scale), "meaning": meanings[r]} for r in RAG_SCALES.get(scale, RAG_SCALES["five"])]
STATUS_VALUES = ("open", "in-progress", "done", "dropped")
OPEN_STATUSES = ("open", "in-progress")
MEETING_STATUSES = ("scheduled", "agenda-published", "held", "minutes-drafted", "minutes-approved", "cancelled")

# Local Government Act 1972, Schedule 12A, Part 1 (England)
EXEMPT_PARAGRAPHS = {
    1: "Information relating to any individual.",
    2: "Information which is likely to reveal the identity of an individual.",
    3: "Information relating to the financial or business affairs of any particular person "
       "(including the authority holding that information).",
    4: "Information relating to any consultations or negotiations, or contemplated consultations or "
       "negotiations, in connection with any labour relations matter.",
    5: "Information in respect of which a claim to legal professional privilege could be maintained "
       "in legal proceedings.",
    6: "Information which reveals that the authority proposes to give a notice imposing requirements "
       "on a person, or to make an order or direction, under any enactment.",
    7: "Information relating to any action taken or to be taken in connection with the prevention, "
       "investigation or prosecution of crime.",
}


def one_line(text: str) -> bool:
    """No line break or other control character: text that can go into a mail header or a table cell as it is."""
    return not re.search(r"[\x00-\x1f\x7f]", text or "")


def normalise_rag(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    return _rag_of_text(str(value))


@functools.lru_cache(maxsize=256)
def _rag_of_text(value: str) -> str | None:
    v = str(value).strip().lower()
    v = RAG_ALIASES.get(v, v)
    return v if v in RAG_VALUES else None


@dataclass
class Person:
    initials: str
    name: str = ""
    role: str = ""
    org: str = ""
    email: str = ""
    note: str = ""

    @property
    def display_name(self) -> str:
        return self.name or f"{self.initials} (name not recorded)"


@dataclass
class Member:
    initials: str
    chair: bool = False
    role: str = ""  # the board role where it differs from the person's job, e.g. "Co-Chair"
    substitutes: list[str] = field(default_factory=list)
    left: str = ""  # the date the member left the board; earlier meetings still show them
    joined: str = ""  # the date the member joined, where it was between meetings; earlier meetings do not
    voting: bool = True
    group: str = ""  # what kind of member, where the quorum needs one of each: executive, non-executive …
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines

    def member_on(self, day: str) -> bool:
        return (not self.left or day < self.left) and (not self.joined or day >= self.joined)


@dataclass
class StandingItem:
    kind: str
    title: str
    purpose: str = ""
    text: str = ""
    position: str = "start"  # start: before the business; end: urgent items and exclusion


@dataclass
class Board:
    slug: str
    name: str
    reports_to: str = ""
    members: list[Member] = field(default_factory=list)
    standing_items: list[StandingItem] = field(default_factory=list)
    publication_days: int = 5
    publication_count: str = "working"  # or "calendar", where the constitution says so
    minute_numbering: str = "meeting"  # "year": on through the municipal year; "running": on for ever
    minute_format: str = ""  # how a printed number looks: "{yy}/{n}", "ICBP/{fy}/{n:03}" (see minute_numbers.py)
    rag_scale: str = ""  # "five" or "brag"; empty: the kind of body's
    quorum_needs: list[str] = field(default_factory=list)  # groups the quorum must include: chair, executive …
    year_starts: str = "05-01"  # municipal year, MM-DD
    venue: str = ""
    time: str = ""
    public_information: str = ""
    contact: str = ""
    quorum: int = 0
    rules: str = "principal"  # principal, parish, nhs or partnership: see govdocs/rules.py
    executive: bool = False  # an executive takes key decisions (28 days' notice on the forward plan)
    # how the board writes its minutes (see govdocs/house.py and docs/house-style.md)
    agenda_numbering: str = "own"  # "own": 1, 2, 3; "minutes": the agenda prints the minute numbers
    part_numbering: str = "a"  # parts of an item: "a" (13a), "(a)" (13(a)), ".1" (13.1)
    no_minute_text: str = ""  # what an item nobody minuted says under its heading, e.g. "None."
    approval_text: str = ""  # the approval of the previous minutes, with {date}: "The minutes of {date} …"
    decision_word: str = ""  # RESOLVED, AGREED …; empty: the kind of body's
    resolution_style: str = "that"  # "that": RESOLVED that …; "dash": RESOLVED – that …; "colon": RESOLVED: That …
    attendance_groups: list = field(default_factory=list)  # [(group, heading)] in the order the minutes print them
    pack_parts: list[str] = field(default_factory=list)  # the documents a pack holds; empty: all of them
    clerk: str = ""  # initials of the clerk who signs the summons (a parish council's proper officer)
    clearance: list[tuple[str, str]] = field(default_factory=list)  # (role, initials) who clear its reports
    publication_days_set: bool = False  # the board's own clear days, rather than its kind's
    publication_count_set: bool = False
    path: Path | None = None
    law: Any = field(default=None, repr=False)  # the resolved Rules, set once when the board is loaded

    def chair(self) -> str:
        for m in self.members:
            if m.chair and not m.left:
                return m.initials
        return ""

    def members_on(self, day: str) -> list["Member"]:
        return [m for m in self.members if m.member_on(day)]

    def member(self, initials: str) -> Member | None:
        return next((m for m in self.members if m.initials == initials), None)


@dataclass
class Paper:
    file: str
    title: str = ""
    appendix: str = ""  # a fixed letter, where the clerk has set one
    exempt: int | None = None  # a confidential appendix to a public item: its Schedule 12A paragraph
    exempt_reason: str = ""
    exempt_problem: str = ""
    exempt_raw: Any = field(default=None, repr=False)

    @property
    def is_exempt(self) -> bool:
        return self.exempt is not None or bool(self.exempt_problem) or bool(self.exempt_reason)


@dataclass
class Item:
    number: str
    title: str
    presenters: list[str] = field(default_factory=list)
    purpose: str = ""
    text: str = ""
    papers: list[Paper] = field(default_factory=list)
    exempt: int | None = None  # Schedule 12A paragraph
    exempt_problem: str = ""  # an exempt flag that is not a clean paragraph: treated as exempt, refused in public
    exempt_reason: str = ""  # confidential business of a parish, NHS or partnership board: the stated reason
    exempt_raw: Any = field(default=None, repr=False)
    kind: str = ""  # standing item kind, "forward-plan", "escalations", "action-log", or "" for business
    sub_items: list["Item"] = field(default_factory=list)
    urgent_reason: str = ""
    from_board: str = ""
    withdrawn: str = ""  # the reason, once an item on a published agenda is withdrawn
    time: str = ""  # when the item is taken (NHS boards time each item): HH:MM or HH:MM-HH:MM
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines

    @property
    def is_exempt(self) -> bool:
        return self.exempt is not None or bool(self.exempt_problem) or bool(self.exempt_reason)

    def walk(self):
        yield self
        for s in self.sub_items:
            yield from s.walk()

    def pass_exemption_down(self) -> None:
        """Sub-items of an exempt item are exempt under the same paragraph, whatever they say."""
        for s in self.sub_items:
            if self.is_exempt and not s.is_exempt:
                s.exempt, s.exempt_problem, s.exempt_reason = self.exempt, self.exempt_problem, self.exempt_reason
            s.pass_exemption_down()


@dataclass
class Substitution:
    initials: str
    for_: list[str]
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines


@dataclass
class Declaration:
    initials: str
    item: str
    interest: str
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines


@dataclass
class Attendance:
    present: list[str] = field(default_factory=list)
    virtual: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    substitutes: list[Substitution] = field(default_factory=list)
    in_attendance: list[str] = field(default_factory=list)
    other_members: list[str] = field(default_factory=list)  # councillors attending who are not members
    officers: list[str] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    quorate: bool | None = None
    as_recorded: dict[str, "Person"] = field(default_factory=dict)  # names and roles as they were that day
    board_name: str = ""  # the board's name as it was that day
    members: list[str] = field(default_factory=list)  # the board's members as they were that day
    absent: list[str] = field(default_factory=list)  # members absent without apologies
    chair: str = ""  # who chaired this meeting, where not the board's chair
    public: int | None = None  # members of the public present
    arrived: dict[str, str] = field(default_factory=dict)  # initials -> HH:MM, late arrivals
    left: dict[str, str] = field(default_factory=dict)  # initials -> HH:MM, early departures

    @property
    def recorded(self) -> bool:
        return bool(self.present or self.virtual or self.apologies or self.substitutes or self.in_attendance
                    or self.other_members or self.officers)

    def substitutes_pairs(self) -> list[tuple[str, list[str]]]:
        return [(s.initials, list(s.for_)) for s in self.substitutes]

    @property
    def there(self) -> list[str]:
        """Everyone who took part: present in the room or virtually, and substitutes."""
        return self.present + self.virtual + [s.initials for s in self.substitutes]

    @property
    def attending(self) -> list[str]:
        """Everyone in the room or online, voting or not: members, substitutes, others attending, officers."""
        return self.there + self.in_attendance + self.other_members + self.officers


@dataclass
class Vote:
    for_: int = 0
    against: int = 0
    abstained: int = 0


@dataclass
class Decision:
    text: str
    proposer: str = ""
    seconder: str = ""
    vote: Vote | None = None
    unanimous: bool = False
    outcome: str = ""  # the decision's own word where it differs from the body's: approved, noted, received …
    recorded: dict[str, list[str]] = field(default_factory=dict)  # a recorded vote: for/against/abstained names
    casting_vote: str = ""  # the chair who broke a tie
    approves: list[str] = field(default_factory=list)  # the dates of the meetings whose minutes it approves
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines


@dataclass
class Minute:
    item: str
    text: str = ""
    decisions: list[Decision] = field(default_factory=list)
    taken_at: str = ""  # HH:MM the item was taken, where the body prints it on the minute's heading


PARTICIPATION_KINDS = ("question", "deputation", "petition", "statement")


@dataclass
class Participation:
    """Public participation as minuted: a question, deputation, petition or statement, who brought it and
    the answer given."""
    kind: str
    by: str
    text: str = ""
    response: str = ""
    responder: str = ""  # initials of who answered, where recorded
    item: str = ""  # the agenda item it was taken under, where not the participation item
    signatures: int | None = None  # a petition's


@dataclass
class FutureDate:
    date: str
    time: str = ""
    venue: str = ""


@dataclass
class Supplement:
    """A supplementary agenda: what was added after publication, and why it was late."""
    number: int
    published: str
    items: list[str] = field(default_factory=list)
    reason: str = ""


@dataclass
class Meeting:
    board: str
    date: str
    start: str = ""
    end: str = ""
    venue: str = ""
    chair: str = ""
    status: str = "scheduled"
    minutes_approved_at: str = ""
    agenda_published: str = ""
    items: list[Item] = field(default_factory=list)
    attendance: Attendance = field(default_factory=Attendance)
    minutes: dict[str, Minute] = field(default_factory=dict)
    future_dates: list[FutureDate] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)
    minutes_first_number: int | None = None
    type: str = "ordinary"
    closed: str = ""  # when the meeting closed, HH:MM
    cancelled: str = ""  # the reason, for a cancelled meeting
    moved_to: str = ""  # the date it moved to, for a meeting kept where the public first saw it
    supplements: list[Supplement] = field(default_factory=list)
    folder: Path | None = None

    def all_items(self):
        for it in self.items:
            yield from it.walk()

    def item(self, number: str) -> Item | None:
        return next((i for i in self.all_items() if i.number == str(number)), None)


def effective_status(stored: str, attendance_taken: bool, minutes_taken: bool) -> str:
    """A meeting is held once attendance is recorded and has draft minutes once a minute is: derived from the
    files rather than written into meeting.yaml, so two clerks recording them never change the same line."""
    rank = {s: i for i, s in enumerate(MEETING_STATUSES)}
    derived = "scheduled"
    if attendance_taken:
        derived = "held"
    if minutes_taken:
        derived = "minutes-drafted"
    if stored not in rank:
        return stored
    return derived if rank[derived] > rank[stored] else stored


@dataclass
class Update:
    date: str
    by: str
    text: str = ""
    rag: str | None = None
    status: str | None = None
    acting_for: list[str] = field(default_factory=list)
    due: str = ""  # a revised due date set by this update
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines


@dataclass
class Escalation:
    to: str
    date: str
    by: str = ""
    note: str = ""
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines


@dataclass
class Action:
    id: str
    board: str
    meeting: str
    item: str
    text: str
    owners: list[str] = field(default_factory=list)
    due: str = ""  # a date, "next meeting", or empty
    status: str = "open"
    rag: str | None = None
    updates: list[Update] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    completed: str = ""
    original_due: str = ""  # the due date first agreed, where it was later revised (boards report both)
    path: Path | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def boards(self) -> list[str]:
        """Every board whose action log carries this action: the one that raised it, then escalations."""
        out = [self.board]
        out += [e.to for e in self.escalations if e.to not in out]
        return out


@dataclass
class ForwardItem:
    title: str
    meeting: str = ""  # a date, or empty for unscheduled
    lead: str = ""
    purpose: str = ""
    key_decision: bool = False
    source: str = ""
    note: str = ""
    exempt: int | None = None  # a Part 2 entry: on the private forward plan and a Part 2 agenda item only
    exempt_problem: str = ""
    exempt_reason: str = ""  # outside principal councils: why the public is excluded
    exempt_raw: Any = None
    at: tuple = field(default=(), repr=False, compare=False)  # where the schema read it, for check's lines

    @property
    def is_exempt(self) -> bool:
        return self.exempt is not None or bool(self.exempt_problem) or bool(self.exempt_reason)



@dataclass
class Measure:
    measure: str
    baseline: str = ""
    targets: dict[str, str] = field(default_factory=dict)
    actuals: dict[str, str] = field(default_factory=dict)


@dataclass
class Risk:
    risk: str
    impact: str = ""
    strategy: str = ""
    actions: str = ""
    score: str = ""


@dataclass
class Workstream:
    slug: str
    programme: str
    name: str
    lead: str = ""
    rag: str | None = None
    progress: str = ""
    impact: str = ""
    concerns: str = ""
    next_steps: str = ""
    updated: str = ""
    measures: list[Measure] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    path: Path | None = None


@dataclass
class Programme:
    slug: str
    name: str
    board: str
    workstreams: list[Workstream] = field(default_factory=list)


@dataclass
class Clearance:
    """One officer's word on the latest upload of a report: cleared, or returned with a comment."""
    role: str
    by: str
    at: str  # the day it was given
    outcome: str = "cleared"  # or "returned"
    note: str = ""


@dataclass
class Report:
    """A report to an agenda item: who writes it, by when, what it asks the board, and its clearance."""
    item: str
    author: str
    lead: str = ""  # who the report is by ("Report by …"), where not the author
    due: str = ""
    purpose: str = ""
    recommendations: list[str] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    background: str = ""  # "Background papers held by"
    file: str = ""  # the latest upload, in the report's folder
    uploaded: str = ""  # YYYY-MM-DD of that upload
    uploaded_by: str = ""
    clearances: list[Clearance] = field(default_factory=list)  # on the latest upload only
    path: Path | None = None
