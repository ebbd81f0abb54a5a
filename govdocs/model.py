"""The record: plain dataclasses built from the YAML files, with no I/O of their own."""
from __future__ import annotations

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


def parse_exempt(value: Any) -> tuple[int | None, str]:
    """(Schedule 12A paragraph, problem): exemption is either absent, a clean paragraph, or unclear.

    Anything unclear - `yes`, `true`, `'3a'`, `para 3`, `[3]`, `0` - is a problem, never "not exempt":
    public documents refuse to be made until a person says which paragraph applies.
    """
    if value is None or value is False or value == "":
        return None, ""
    if isinstance(value, int) and not isinstance(value, bool) and value in EXEMPT_PARAGRAPHS:
        return value, ""
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 1 \
            and int(value.strip()) in EXEMPT_PARAGRAPHS:
        return int(value.strip()), ""
    return None, f"exempt {value!r} is not a paragraph of Schedule 12A (1 to 7)"


def one_line(text: str) -> bool:
    """No line break or other control character: text that can go into a mail header or a table cell as it is."""
    return not re.search(r"[\x00-\x1f\x7f]", text or "")


def parse_reason(value: Any) -> tuple[str, str]:
    """(reason, problem) for bodies that exclude the public for a stated reason rather than a paragraph."""
    if value is None or value is False or value == "":
        return "", ""
    text = value.strip() if isinstance(value, str) else ""
    if len(re.findall(r"[A-Za-z]", text)) >= 3 and text.lower() not in ("yes", "true", "exempt", "confidential?"):
        return text, ""
    return "", f"exempt {value!r} does not say why the business is confidential (give a short reason)"


def normalise_rag(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    v = str(value).strip().lower()
    v = RAG_ALIASES.get(v, v)
    return v if v in RAG_VALUES else None


def _item_time(value: Any) -> str:
    text = _s(value).strip()
    return text if re.fullmatch(r"\d\d:\d\d(-\d\d:\d\d)?", text) else ""  # `check` reports anything else


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _date(value: Any) -> str:
    """An ISO date as text, or '' for anything else (check reports it; nothing downstream crashes)."""
    import datetime as dt

    text = _s(value)
    if not _ISO.match(text):
        return ""
    try:
        return text if 1900 <= dt.date.fromisoformat(text).year <= 2199 else ""
    except ValueError:
        return ""


def _time(value: Any) -> str:
    text = _s(value)
    return text if _HHMM.match(text) else ""


def _times(value: Any) -> dict[str, str]:
    """{initials: 'HH:MM'} from a mapping, keeping only real times."""
    if not isinstance(value, dict):
        return {}
    return {str(k): _time(v) for k, v in value.items() if _time(v)}


def _month_day(value: Any) -> str:
    """MM-DD when it is a real day of the year, else ''."""
    import datetime as dt

    text = _s(value)
    try:
        month, day = (int(x) for x in text.split("-"))
        dt.date(2024, month, day)
    except ValueError:
        return ""
    return f"{month:02d}-{day:02d}"


def _initials(value: Any) -> list[str]:
    """Owners and presenters may be written `ID`, `ID, NG` or as a list."""
    out: list[str] = []
    for v in _list(value):
        out.extend(x.strip() for x in str(v).replace("/", ",").split(",") if x.strip())
    return out


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

    @classmethod
    def from_raw(cls, initials: str, raw: dict) -> "Person":
        raw = raw if isinstance(raw, dict) else {}
        return cls(initials=str(initials), name=_s(raw.get("name")), role=_s(raw.get("role")),
                   org=_s(raw.get("org")), email=_s(raw.get("email")), note=_s(raw.get("note")))


@dataclass
class Member:
    initials: str
    chair: bool = False
    role: str = ""  # the board role where it differs from the person's job, e.g. "Co-Chair"
    substitutes: list[str] = field(default_factory=list)
    left: str = ""  # the date the member left the board; earlier meetings still show them
    voting: bool = True
    group: str = ""  # what kind of member, where the quorum needs one of each: executive, non-executive …

    def member_on(self, day: str) -> bool:
        return not self.left or day < self.left

    @classmethod
    def from_raw(cls, raw: Any) -> "Member":
        if not isinstance(raw, dict):
            return cls(initials=_s(raw))
        return cls(initials=_s(raw.get("initials")), chair=bool(raw.get("chair")), role=_s(raw.get("role")),
                   substitutes=_initials(raw.get("substitutes")), left=_date(raw.get("left")),
                   voting=raw.get("voting") is not False, group=_s(raw.get("group")))


@dataclass
class StandingItem:
    kind: str
    title: str
    purpose: str = ""
    text: str = ""
    position: str = "start"  # start: before the business; end: urgent items and exclusion

    @classmethod
    def from_raw(cls, raw: dict) -> "StandingItem":
        raw = raw if isinstance(raw, dict) else {"title": _s(raw)}
        return cls(kind=_s(raw.get("kind") or "other"), title=_s(raw.get("title")), purpose=_s(raw.get("purpose")),
                   text=_s(raw.get("text")), position=_s(raw.get("position") or "start"))


@dataclass
class Board:
    slug: str
    name: str
    reports_to: str = ""
    members: list[Member] = field(default_factory=list)
    standing_items: list[StandingItem] = field(default_factory=list)
    publication_days: int = 5
    publication_count: str = "working"  # or "calendar", where the constitution says so
    minute_numbering: str = "meeting"  # or "year": numbered on through the municipal year
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
    publication_days_set: bool = False  # the board's own clear days, rather than its kind's
    publication_count_set: bool = False
    path: Path | None = None

    def chair(self) -> str:
        for m in self.members:
            if m.chair and not m.left:
                return m.initials
        return ""

    def members_on(self, day: str) -> list["Member"]:
        return [m for m in self.members if m.member_on(day)]

    def member(self, initials: str) -> Member | None:
        return next((m for m in self.members if m.initials == initials), None)

    @classmethod
    def from_raw(cls, raw: dict, path: Path | None = None) -> "Board":
        raw = raw if isinstance(raw, dict) else {}
        pub = raw.get("publication") if isinstance(raw.get("publication"), dict) else {}
        days = pub.get("clear_days", 5)
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 60:
            days = 5  # `check` reports it; deadlines stay computable meanwhile
        try:
            quorum = int(raw.get("quorum") or 0)
        except (TypeError, ValueError):
            quorum = 0
        return cls(
            slug=_s(raw.get("slug")), name=_s(raw.get("name")), reports_to=_s(raw.get("reports_to")),
            members=[Member.from_raw(m) for m in _list(raw.get("members"))],
            standing_items=[StandingItem.from_raw(s) for s in _list(raw.get("standing_items"))],
            publication_days=days, publication_count=_s(pub.get("count") or "working"),
            minute_numbering=_s(raw.get("minute_numbering") or "meeting"), minute_format=_s(raw.get("minute_format")),
            rag_scale=_s(raw.get("rag_scale")), quorum_needs=[_s(x) for x in _list(raw.get("quorum_needs"))],
            year_starts=_month_day(raw.get("municipal_year_starts")) or "05-01",
            venue=_s(raw.get("venue")), time=_s(raw.get("time")),
            public_information=_s(raw.get("public_information")), contact=_s(raw.get("contact")),
            quorum=quorum, rules=_s(raw.get("rules") or "principal"), executive=raw.get("executive") is True,
            publication_days_set="clear_days" in pub, publication_count_set="count" in pub, path=path,
        )


@dataclass
class Paper:
    file: str
    title: str = ""
    appendix: str = ""  # a fixed letter, where the clerk has set one

    @classmethod
    def from_raw(cls, raw: Any) -> "Paper":
        if not isinstance(raw, dict):
            return cls(file=_s(raw))
        return cls(file=_s(raw.get("file")), title=_s(raw.get("title")), appendix=_s(raw.get("appendix")))


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

    @classmethod
    def from_raw(cls, raw: dict) -> "Item":
        raw = raw if isinstance(raw, dict) else {"title": _s(raw)}
        exempt, problem = parse_exempt(raw.get("exempt"))
        return cls(
            number=_s(raw.get("number")), title=_s(raw.get("title")), presenters=_initials(raw.get("presenters")),
            purpose=_s(raw.get("purpose")), text=_s(raw.get("text")),
            papers=[Paper.from_raw(p) for p in _list(raw.get("papers"))], exempt=exempt,
            exempt_problem=problem, exempt_raw=raw.get("exempt"), kind=_s(raw.get("kind")),
            sub_items=[Item.from_raw(s) for s in _list(raw.get("items"))],
            urgent_reason=_s(raw.get("urgent_reason")), from_board=_s(raw.get("from_board")),
            withdrawn=_s(raw.get("withdrawn")), time=_item_time(raw.get("time")),
        )

    @property
    def is_exempt(self) -> bool:
        return self.exempt is not None or bool(self.exempt_problem) or bool(self.exempt_reason)

    def apply_body_rules(self, kind: str) -> None:
        """Outside principal councils the public is excluded for a stated reason (1960 Act, standing orders,
        terms of reference), not a Schedule 12A paragraph: read the flag that way, still failing closed."""
        if kind != "principal":
            self.exempt, self.exempt_reason, self.exempt_problem = None, *parse_reason(self.exempt_raw)
        for s in self.sub_items:
            s.apply_body_rules(kind)

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


@dataclass
class Declaration:
    initials: str
    item: str
    interest: str


@dataclass
class Attendance:
    present: list[str] = field(default_factory=list)
    virtual: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    substitutes: list[Substitution] = field(default_factory=list)
    in_attendance: list[str] = field(default_factory=list)
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
        return bool(self.present or self.virtual or self.apologies or self.substitutes or self.in_attendance)

    def substitutes_pairs(self) -> list[tuple[str, list[str]]]:
        return [(s.initials, list(s.for_)) for s in self.substitutes]

    @property
    def there(self) -> list[str]:
        """Everyone who took part: present in the room or virtually, and substitutes."""
        return self.present + self.virtual + [s.initials for s in self.substitutes]

    @classmethod
    def from_raw(cls, raw: dict | None) -> "Attendance":
        raw = raw if isinstance(raw, dict) else {}
        subs = []
        for s in _list(raw.get("substitutes")):
            if isinstance(s, dict):
                subs.append(Substitution(_s(s.get("initials")), _initials(s.get("for"))))
        decl = []
        for d in _list(raw.get("declarations")):
            if isinstance(d, dict):
                decl.append(Declaration(_s(d.get("initials")), _s(d.get("item")), _s(d.get("interest"))))
        q = raw.get("quorate")
        people = raw.get("people") if isinstance(raw.get("people"), dict) else {}
        return cls(present=_initials(raw.get("present")), virtual=_initials(raw.get("virtual")),
                   apologies=_initials(raw.get("apologies")), substitutes=subs,
                   in_attendance=_initials(raw.get("in_attendance")), declarations=decl,
                   quorate=q if isinstance(q, bool) else None,
                   as_recorded={str(k): Person.from_raw(str(k), v) for k, v in people.items() if isinstance(v, dict)},
                   board_name=_s(raw.get("board_name")), members=_initials(raw.get("members")),
                   absent=_initials(raw.get("absent")), chair=_s(raw.get("chair")),
                   public=raw.get("public") if isinstance(raw.get("public"), int) and not isinstance(
                       raw.get("public"), bool) else None,
                   arrived=_times(raw.get("arrived")), left=_times(raw.get("left")))


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

    @classmethod
    def from_raw(cls, raw: Any) -> "Decision":
        if not isinstance(raw, dict):
            return cls(text=_s(raw))
        vote = raw.get("vote")
        v = None
        if isinstance(vote, dict):
            def n(k):
                try:
                    return int(vote.get(k) or 0)
                except (TypeError, ValueError):
                    return 0
            v = Vote(n("for"), n("against"), n("abstained"))
        return cls(text=_s(raw.get("text")), proposer=_s(raw.get("proposer")), seconder=_s(raw.get("seconder")),
                   vote=v, unanimous=vote == "unanimous", outcome=_s(raw.get("outcome")),
                   recorded=_recorded(raw.get("recorded_vote")), casting_vote=_s(raw.get("casting_vote")))


def _recorded(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        return {}
    return {k: _initials(value.get(k)) for k in ("for", "against", "abstained") if value.get(k)}


@dataclass
class Minute:
    item: str
    text: str = ""
    decisions: list[Decision] = field(default_factory=list)

    @classmethod
    def from_raw(cls, item: str, raw: Any) -> "Minute":
        if not isinstance(raw, dict):
            return cls(item=str(item), text=_s(raw))
        return cls(item=str(item), text=_s(raw.get("text")),
                   decisions=[Decision.from_raw(d) for d in _list(raw.get("resolved"))])


@dataclass
class FutureDate:
    date: str
    time: str = ""
    venue: str = ""


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
    minutes_first_number: int | None = None
    type: str = "ordinary"
    closed: str = ""  # when the meeting closed, HH:MM
    cancelled: str = ""  # the reason, for a cancelled meeting
    folder: Path | None = None

    def all_items(self):
        for it in self.items:
            yield from it.walk()

    def item(self, number: str) -> Item | None:
        return next((i for i in self.all_items() if i.number == str(number)), None)

    @classmethod
    def from_raw(cls, raw: dict, attendance: dict | None, minutes: dict | None, folder: Path | None) -> "Meeting":
        raw = raw if isinstance(raw, dict) else {}
        minutes = minutes if isinstance(minutes, dict) else {}
        mins = minutes.get("items") if isinstance(minutes.get("items"), dict) else {}
        fds = []
        for f in _list(minutes.get("future_dates")):
            if isinstance(f, dict):
                fds.append(FutureDate(_s(f.get("date")), _s(f.get("time")), _s(f.get("venue"))))
            else:
                fds.append(FutureDate(_s(f)))
        first = minutes.get("first_number")
        items = [Item.from_raw(i) for i in _list(raw.get("items"))]
        for it in items:
            it.pass_exemption_down()
        return cls(
            board=_s(raw.get("board")), date=_s(raw.get("date")), start=_time(raw.get("start")), end=_time(raw.get("end")),
            venue=_s(raw.get("venue")), chair=_s(raw.get("chair")),
            status=_effective_status(_s(raw.get("status") or "scheduled"), attendance, minutes),
            minutes_approved_at=_date(raw.get("minutes_approved_at")),
            agenda_published=_date(raw.get("agenda_published")),
            items=items,
            attendance=Attendance.from_raw(attendance),
            minutes={str(k): Minute.from_raw(str(k), v) for k, v in mins.items()},
            future_dates=fds, minutes_first_number=first if isinstance(first, int) else None,
            type=_s(raw.get("type") or "ordinary"), closed=_time(raw.get("closed")), cancelled=_s(raw.get("cancelled")),
            folder=folder,
        )


def _effective_status(stored: str, attendance: Any, minutes: dict) -> str:
    """A meeting is held once attendance is recorded and has draft minutes once a minute is: derived from the
    files rather than written into meeting.yaml, so two clerks recording them never change the same line."""
    rank = {s: i for i, s in enumerate(MEETING_STATUSES)}
    derived = "scheduled"
    if isinstance(attendance, dict) and attendance:
        derived = "held"
    if isinstance(minutes.get("items"), dict) and minutes["items"]:
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

    @classmethod
    def from_raw(cls, raw: Any) -> "Update":
        raw = raw if isinstance(raw, dict) else {"text": _s(raw)}
        return cls(date=_date(raw.get("date")), by=_s(raw.get("by")), text=_s(raw.get("text")),
                   rag=normalise_rag(raw.get("rag")), status=_s(raw.get("status")) or None,
                   acting_for=_initials(raw.get("acting_for")), due=_date(raw.get("due")))


@dataclass
class Escalation:
    to: str
    date: str
    by: str = ""
    note: str = ""


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

    @classmethod
    def from_raw(cls, raw: dict, path: Path | None = None) -> "Action":
        raw = raw if isinstance(raw, dict) else {}
        escs = []
        for e in _list(raw.get("escalations")):
            if isinstance(e, dict):
                escs.append(Escalation(_s(e.get("to")), _date(e.get("date")), _s(e.get("by")), _s(e.get("note"))))
        return cls(
            id=_s(raw.get("id")), board=_s(raw.get("board")), meeting=_date(raw.get("meeting")), item=_s(raw.get("item")),
            text=_s(raw.get("text")), owners=_initials(raw.get("owners", raw.get("owner"))), due=_s(raw.get("due")),
            status=_s(raw.get("status") or "open"), rag=normalise_rag(raw.get("rag")),
            # an update or escalation with no real date cannot be placed in time; `check` reports it
            updates=[u for u in (Update.from_raw(u) for u in _list(raw.get("updates"))) if u.date],
            escalations=[e for e in escs if e.date],
            completed=_date(raw.get("completed")), original_due=_s(raw.get("original_due")), path=path,
        )


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

    @property
    def is_exempt(self) -> bool:
        return self.exempt is not None or bool(self.exempt_problem) or bool(self.exempt_reason)

    def apply_body_rules(self, kind: str) -> None:
        """As for agenda items: outside principal councils the flag is a stated reason, not a paragraph."""
        if kind != "principal":
            self.exempt, self.exempt_reason, self.exempt_problem = None, *parse_reason(self.exempt_raw)

    @classmethod
    def from_raw(cls, raw: Any, kind: str = "principal") -> "ForwardItem":
        raw = raw if isinstance(raw, dict) else {"title": _s(raw)}
        exempt, problem = parse_exempt(raw.get("exempt"))
        f = cls(title=_s(raw.get("title")), meeting=_date(raw.get("meeting")), lead=_s(raw.get("lead")),
                purpose=_s(raw.get("purpose")), key_decision=bool(raw.get("key_decision")),
                source=_s(raw.get("source")), note=_s(raw.get("note")), exempt=exempt, exempt_problem=problem,
                exempt_raw=raw.get("exempt"))
        f.apply_body_rules(kind)
        return f


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

    @classmethod
    def from_raw(cls, raw: dict, programme: str, path: Path | None = None) -> "Workstream":
        raw = raw if isinstance(raw, dict) else {}
        measures = []
        for m in _list(raw.get("measures")):
            if isinstance(m, dict):
                t = m.get("targets") if isinstance(m.get("targets"), dict) else {}
                a = m.get("actuals") if isinstance(m.get("actuals"), dict) else {}
                measures.append(Measure(_s(m.get("measure")), _s(m.get("baseline")),
                                        {str(k): _s(v) for k, v in t.items()}, {str(k): _s(v) for k, v in a.items()}))
        risks = [Risk(_s(r.get("risk")), _s(r.get("impact")), _s(r.get("strategy")), _s(r.get("actions")),
                      _s(r.get("score"))) for r in _list(raw.get("risks")) if isinstance(r, dict)]
        return cls(slug=_s(raw.get("slug") or (path.stem if path else "")), programme=programme,
                   name=_s(raw.get("name")), lead=_s(raw.get("lead")), rag=normalise_rag(raw.get("rag")),
                   progress=_s(raw.get("progress")), impact=_s(raw.get("impact")), concerns=_s(raw.get("concerns")),
                   next_steps=_s(raw.get("next_steps")), updated=_s(raw.get("updated")), measures=measures,
                   risks=risks, path=path)


@dataclass
class Programme:
    slug: str
    name: str
    board: str
    workstreams: list[Workstream] = field(default_factory=list)
