"""Each kind of record file declared once: its fields, their types and defaults, and which rule set reads
a field. Loading a file gives the model object and, when asked, every problem with its file and line.

A bad value never stops a read: it becomes the field's default (so every command still runs) and is
reported, so `govdocs check` names it. The cross-file rules (a person named who is not in people.yaml,
an action on an item that does not exist) are in govdocs/validate.py.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Generic, TypeVar, cast

from govdocs import model as m
from govdocs.rules import RULES, Rules
from govdocs.store import yamlio

Keys = tuple[Any, ...]
T = TypeVar("T")


@dataclass
class Problem:
    file: str
    line: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        tag = "" if self.level == "error" else "warning: "
        return f"{self.file}:{self.line}: {tag}{self.message}"


class Report:
    """Where one file's problems go; a line is looked up only when a problem is reported, so a read that
    finds nothing wrong builds no position data."""

    def __init__(self, path: Path | None, root: Path | None, sink: list[Problem] | None,
                 rules: Rules | None = None) -> None:
        self.path, self.root, self.sink = path, root, sink
        self.rules = rules or RULES["principal"]
        self._node: Any = None

    def add(self, keys: Keys, message: str, level: str = "error") -> None:
        if self.sink is None:
            return
        if self.path is None:
            self.sink.append(Problem("?", 1, message, level))
            return
        if self._node is None:
            self._node = yamlio.compose(self.path)
        self.sink.append(Problem(yamlio.display(self.path, self.root), yamlio.line_in(self._node, keys), message,
                                 level))


Reader = Callable[[Any, Report, Keys], Any]

# --- field types ----------------------------------------------------------------------------------

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ITEM_TIME = re.compile(r"^\d\d:\d\d(-\d\d:\d\d)?$")


def _name(keys: Keys) -> str:
    return str(keys[-1]) if keys else "this"


def text(value: Any, r: Report, keys: Keys) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        r.add(keys, f"{_name(keys)} should be text")
        return ""
    return str(value)


def line(value: Any, r: Report, keys: Keys) -> str:
    """Text that goes into mail headers and table cells as it is: one line, no control characters."""
    out = text(value, r, keys)
    if not m.one_line(out):
        whose = f"{keys[-2]}'s {keys[-1]}" if len(keys) > 1 else _name(keys)  # PQ's name
        r.add(keys, f"{whose} has a line break or control character; it would go into e-mail headers and "
                    "documents as it is")
    return out


def real_date(value: Any) -> str:
    """An ISO date as text, or '' for anything that is not a real day."""
    value = "" if value is None else str(value)
    return _real_date_text(value)


@functools.lru_cache(maxsize=8192)
def _real_date_text(value: str) -> str:
    # ten years of record hold a few thousand distinct days, each read tens of times
    if not _ISO.match(value):
        return ""
    try:
        return value if 1900 <= dt.date.fromisoformat(value).year <= 2199 else ""
    except ValueError:
        return ""


def date(value: Any, r: Report, keys: Keys) -> str:
    out = real_date(value)
    if value not in (None, "") and not out:
        r.add(keys, f"{_name(keys).replace('_', ' ')} {value!r} is not a real date (YYYY-MM-DD)")
    return out


def time(value: Any, r: Report, keys: Keys) -> str:
    out = str(value) if value is not None and _HHMM.match(str(value)) else ""
    if value not in (None, "") and not out:
        r.add(keys, f"{_name(keys)} time {value!r} should be HH:MM in quotes, e.g. '14:00'")
    return out


def item_time(value: Any, r: Report, keys: Keys) -> str:
    out = str(value).strip() if value is not None and _ITEM_TIME.match(str(value).strip()) else ""
    if value is not None and not out:
        r.add(keys, f"time {value!r} should be HH:MM or HH:MM-HH:MM")
    return out


def month_day(value: Any) -> str:
    """MM-DD when it is a real day of the year (02-29 included), else ''."""
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", "" if value is None else str(value))
    if not match:
        return ""
    month, day = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2024, month, day)
    except ValueError:
        return ""
    return f"{month:02d}-{day:02d}"


def year_start(value: Any, r: Report, keys: Keys) -> str:
    out = month_day(value)
    if value is not None and not out:
        r.add(keys, f"{_name(keys)} {value!r} should be MM-DD, e.g. 05-01")
    return out or "05-01"


def initials(value: Any, r: Report, keys: Keys) -> list[str]:
    """Owners and presenters may be written `ID`, `ID, NG` or as a list."""
    if value in (None, ""):
        return []
    if isinstance(value, dict):
        r.add(keys, f"{_name(keys)} should be a list of initials")
        return []
    out: list[str] = []
    for v in value if isinstance(value, list) else [value]:
        out.extend(x.strip() for x in str(v).replace("/", ",").split(",") if x.strip())
    return out


def texts(value: Any, r: Report, keys: Keys) -> list[str]:
    return [text(v, r, keys + (i,)) for i, v in enumerate(entries(value, r, keys))]


def flag(value: Any, r: Report, keys: Keys) -> bool:
    return bool(value)


def strict_flag(value: Any, r: Report, keys: Keys) -> bool:
    """True only when written true: `executive: yes` must not make a committee an executive."""
    return value is True


def unless_false(value: Any, r: Report, keys: Keys) -> bool:
    return value is not False


def either_flag(value: Any, r: Report, keys: Keys) -> bool | None:
    return value if isinstance(value, bool) else None


def whole(lo: int, hi: int, default: int | None, what: str = "a whole number") -> Reader:
    def read(value: Any, r: Report, keys: Keys) -> int | None:
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            r.add(keys, f"{_name(keys)} {value!r} should be {what}")
            return default
        return value
    return read


def choice(values: tuple[str, ...], default: str, what: str = "") -> Reader:
    def read(value: Any, r: Report, keys: Keys) -> str:
        if value in (None, ""):
            return default
        if str(value) not in values:
            r.add(keys, f"{_name(keys)} should be {what or ' or '.join(values)}")
            return default
        return str(value)
    return read


def rag(value: Any, r: Report, keys: Keys) -> str | None:
    out = m.normalise_rag(value)
    if value not in (None, "") and out is None:
        r.add(keys, f"rag should be one of {', '.join(m.RAG_VALUES)}")
    return out


def entries(value: Any, r: Report, keys: Keys, what: str = "entries") -> list[Any]:
    """`value` as a list; a scalar or mapping where a list belongs is reported and read as nothing."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    r.add(keys, f"{_name(keys)} should be a list of {what}")
    return []


def mapping(value: Any, r: Report, keys: Keys, what: str = "should be a mapping of fields") -> dict[Any, Any]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    r.add(keys, f"{_name(keys) + ' ' if keys else ''}{what}")
    return {}


def texts_by_key(value: Any, r: Report, keys: Keys) -> dict[str, str]:
    return {str(k): text(v, r, keys + (k,)) for k, v in mapping(value, r, keys).items()}


def times_by_initials(value: Any, r: Report, keys: Keys) -> dict[str, str]:
    """{initials: 'HH:MM'}: late arrivals and early departures."""
    return {str(k): t for k, v in mapping(value, r, keys).items() if (t := time(v, r, keys + (k,)))}


def exemption(value: Any, r: Report, keys: Keys) -> dict[str, Any]:
    """The Part 2 flag, read the way the board's rules write it (a Schedule 12A paragraph, or a reason).
    Anything unclear is kept as a problem: the business is treated as exempt and public documents refuse."""
    paragraph, reason, problem = r.rules.read_exemption(value)
    if problem:
        r.add(keys, problem + "; public documents are refused until it is clear")
    return {"exempt": paragraph, "exempt_reason": reason, "exempt_problem": problem, "exempt_raw": value}


# --- shapes ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    attr: str
    read: Reader
    key: str = ""  # the YAML key, where it differs from the attribute


@dataclass(frozen=True)
class Shape(Generic[T]):
    """One kind of mapping in the record: its fields, and the field a bare scalar stands for."""
    cls: type[T]
    fields: tuple[Field, ...]
    scalar: str = ""  # `- Apologies` in a list of items means {title: Apologies}
    what: str = "should be a mapping of fields"
    scalar_reported: bool = False  # read a bare scalar as `scalar`, but `check` asks for the mapping

    def __post_init__(self) -> None:
        # worked out once per shape, not once per mapping read (a council's record reads millions of fields)
        plan = tuple((f.attr, f.key or f.attr, f.read) for f in self.fields)
        object.__setattr__(self, "_plan", plan)
        object.__setattr__(self, "_has_at", "at" in getattr(self.cls, "__dataclass_fields__", {}))

    def load(self, value: Any, r: Report, keys: Keys = (), **given: Any) -> T:
        if not isinstance(value, dict):
            if self.scalar and value is not None and not isinstance(value, list):
                if self.scalar_reported:
                    r.add(keys, self.what)
                value = {self.scalar: value}
            else:
                r.add(keys, self.what)
                value = {}
        args = dict(given)
        if self._has_at:  # type: ignore[attr-defined]
            args["at"] = keys
        get = value.get
        for attr, key, read in self._plan:  # type: ignore[attr-defined]
            out = read(get(key), r, keys + (key,))
            if read is exemption and isinstance(out, dict):
                args.update(out)
            else:
                args[attr] = out
        return self.cls(**args)


def each(shape: Shape[Any], what: str) -> Reader:
    def read(value: Any, r: Report, keys: Keys) -> list[Any]:
        return [shape.load(v, r, keys + (i,)) for i, v in enumerate(entries(value, r, keys, what))]
    return read


F = Field  # the shapes below read as tables: F(attribute, reader, YAML key where it differs)


PERSON = Shape(m.Person, (F("name", line), F("role", line), F("org", line), F("email", line), F("note", text)),
               what="should have name, role, org and email fields")
MEMBER = Shape(m.Member, (F("initials", text), F("chair", flag), F("role", text), F("substitutes", initials),
                          F("left", date), F("joined", date), F("voting", unless_false), F("group", text)),
               scalar="initials", what="a member should be a mapping with initials", scalar_reported=True)
STANDING_ITEM = Shape(m.StandingItem, (F("kind", lambda v, r, k: text(v, r, k) or "other"), F("title", text),
                                       F("purpose", text), F("text", text),
                                       F("position", lambda v, r, k: text(v, r, k) or "start")),
                      scalar="title", what="a standing item should be a mapping with kind and title")
PAPER = Shape(m.Paper, (F("file", text), F("title", text), F("appendix", text), F("exempt", exemption)),
              scalar="file")
ITEM_FIELDS = (F("number", text), F("title", text), F("presenters", initials), F("purpose", text), F("text", text),
               F("papers", each(PAPER, "papers")), F("exempt", exemption), F("kind", text),
               F("urgent_reason", text), F("from_board", text), F("withdrawn", text), F("time", item_time))


def _items(value: Any, r: Report, keys: Keys) -> list[m.Item]:
    return [ITEM.load(v, r, keys + (i,)) for i, v in enumerate(entries(value, r, keys, "agenda items"))]


ITEM = Shape(m.Item, ITEM_FIELDS + (F("sub_items", _items, "items"),), scalar="title",
             what="an agenda item should be a mapping with number and title", scalar_reported=True)


def _vote(value: Any, r: Report, keys: Keys) -> m.Vote | None:
    if not isinstance(value, dict):
        return None
    return m.Vote(*(whole(0, 10_000, 0, "a number of votes")(value.get(k), r, keys + (k,))
                    for k in ("for", "against", "abstained")))


def _recorded_vote(value: Any, r: Report, keys: Keys) -> dict[str, list[str]]:
    v = mapping(value, r, keys)
    return {k: initials(v.get(k), r, keys + (k,)) for k in ("for", "against", "abstained") if v.get(k)}


def _dates(value: Any, r: Report, keys: Keys) -> list[str]:
    """One date, or a list of them (an approval of two meetings' minutes in one resolution)."""
    values = value if isinstance(value, list) else [] if value in (None, "") else [value]
    return [d for i, v in enumerate(values) if (d := date(v, r, keys + (i,) if isinstance(value, list) else keys))]


DECISION = Shape(m.Decision, (F("text", text), F("proposer", text), F("seconder", text), F("vote", _vote),
                              F("unanimous", lambda v, r, k: v == "unanimous", "vote"), F("outcome", text),
                              F("recorded", _recorded_vote, "recorded_vote"), F("casting_vote", text),
                              F("approves", _dates)),
                 scalar="text")
FUTURE_DATE = Shape(m.FutureDate, (F("date", lambda v, r, k: date(v, r, k) or text(v, r, k)), F("time", text),
                                   F("venue", text)), scalar="date")
SUBSTITUTION = Shape(m.Substitution, (F("initials", text), F("for_", initials, "for")))
DECLARATION = Shape(m.Declaration, (F("initials", text), F("item", text), F("interest", text)))


def _people_as_recorded(value: Any, r: Report, keys: Keys) -> dict[str, m.Person]:
    return {str(k): PERSON.load(v, r, keys + (k,), initials=str(k))
            for k, v in mapping(value, r, keys).items() if isinstance(v, dict)}


ATTENDANCE = Shape(m.Attendance, (
    F("present", initials), F("virtual", initials), F("apologies", initials),
    F("substitutes", each(SUBSTITUTION, "substitutes")), F("in_attendance", initials),
    F("other_members", initials), F("officers", initials),
    F("declarations", each(DECLARATION, "declarations")), F("quorate", either_flag),
    F("as_recorded", _people_as_recorded, "people"), F("board_name", text), F("members", initials),
    F("absent", initials), F("chair", text), F("public", whole(0, 100_000, None)),
    F("arrived", times_by_initials), F("left", times_by_initials)))


def _minute_text(value: Any, r: Report, keys: Keys) -> str:
    if value is not None and not isinstance(value, str):
        r.add(keys, "the minute's text should be text")
    return text(value, r, keys)


MINUTE = Shape(m.Minute, (F("text", _minute_text), F("decisions", each(DECISION, "decisions"), "resolved"),
                          F("taken_at", time)),
               scalar="text")


def _minutes(value: Any, r: Report, keys: Keys) -> dict[str, m.Minute]:
    out = {}
    for k, v in mapping(value, r, keys, "should map each item number to its minute").items():
        if v is not None and not isinstance(v, (dict, str)):
            r.add(keys + (k,), f"the minute of item {k} should be text or a mapping")
        out[str(k)] = MINUTE.load(v if v is not None else "", r, keys + (k,), item=str(k))
    return out


PARTICIPATION = Shape(m.Participation, (
    F("kind", choice(m.PARTICIPATION_KINDS, "question", "one of " + ", ".join(m.PARTICIPATION_KINDS))),
    F("by", line), F("text", text), F("response", text), F("responder", text), F("item", text),
    F("signatures", whole(0, 10_000_000, None))), what="a question, deputation or petition should have kind and by")
MINUTES = Shape(dict, (F("items", _minutes), F("future_dates", each(FUTURE_DATE, "dates")),
                       F("participation", each(PARTICIPATION, "questions, deputations and petitions")),
                       F("first_number", whole(1, 100_000, None))))
SUPPLEMENT = Shape(m.Supplement, (F("number", whole(1, 99, 1)), F("published", date), F("items", texts),
                                   F("reason", text)))
MEETING = Shape(m.Meeting, (
    F("board", text), F("date", text), F("start", time), F("end", time), F("venue", text), F("chair", text),
    F("status", choice(m.MEETING_STATUSES, "scheduled", "one of " + ", ".join(m.MEETING_STATUSES))),
    F("minutes_approved_at", date), F("agenda_published", date), F("items", _items),
    F("type", lambda v, r, k: text(v, r, k) or "ordinary"), F("closed", time), F("cancelled", text),
    F("moved_to", date), F("supplements", each(SUPPLEMENT, "supplementary agendas"))))


def load_meeting(raw: Any, attendance: Any, minutes: Any, folder: Path, root: Path | None,
                 sink: list[Problem] | None, rules: Rules) -> m.Meeting:
    """A meeting from its three files: meeting.yaml, and attendance.yaml and minutes.yaml where taken."""
    r = Report(folder / "meeting.yaml", root, sink, rules)
    meeting = MEETING.load(raw, r, folder=folder)
    if meeting.board and meeting.board != folder.parent.name:
        r.add(("board",), f"board {meeting.board!r} does not match its folder {folder.parent.name!r}")
    if meeting.date and meeting.date != folder.name:
        r.add(("date",), f"date {meeting.date} does not match its folder {folder.name}")
    if not real_date(folder.name):
        r.add((), f"meeting folder {folder.name!r} is not a real date")
    _check_numbers(meeting.items, r, set())
    meeting.attendance = ATTENDANCE.load(attendance, Report(folder / "attendance.yaml", root, sink)) \
        if attendance is not None else m.Attendance()
    mins = MINUTES.load(minutes, Report(folder / "minutes.yaml", root, sink)) if minutes is not None else {}
    meeting.minutes = mins.get("items", {})
    meeting.future_dates = mins.get("future_dates", [])
    meeting.participation = mins.get("participation", [])
    meeting.minutes_first_number = mins.get("first_number")
    meeting.status = m.effective_status(meeting.status, bool(attendance), bool(meeting.minutes))
    for it in meeting.items:
        it.pass_exemption_down()
    return meeting


def _check_numbers(items: list[m.Item], r: Report, seen: set[str]) -> None:
    """Every agenda item has a number, used once in the meeting, and a title."""
    for it in items:
        if not it.number:
            r.add(it.at, "an agenda item has no number")
        elif it.number in seen:
            r.add(it.at + ("number",), f"item number {it.number} is used twice")
        seen.add(it.number)
        if not it.title.strip():
            r.add(it.at, f"item {it.number} has no title")
        _check_numbers(it.sub_items, r, seen)


def _clear_days(value: Any, r: Report, keys: Keys) -> int | None:
    return cast("int | None", whole(0, 60, None, "a whole number of days, 0 to 60")(value, r, keys))


def _publication(value: Any, r: Report, keys: Keys) -> dict[str, Any]:
    pub = mapping(value, r, keys, "should be a mapping (clear_days, count)")
    count = str(pub.get("count") or "")
    if count and count not in ("working", "calendar"):
        r.add(keys + ("count",), "publication count should be working or calendar")
        count = ""
    return {"clear_days": _clear_days(pub.get("clear_days"), r, keys + ("clear_days",)), "count": count}


def _minute_format(value: Any, r: Report, keys: Keys) -> str:
    from govdocs.errors import GovdocsError
    from govdocs.minute_numbers import check_format

    out = text(value, r, keys)
    if value is not None:
        try:
            check_format(out, "minute_format")
        except GovdocsError as exc:
            r.add(keys, exc.format_message())
            return ""
    return out


def _approval_text(value: Any, r: Report, keys: Keys) -> str:
    from govdocs.house import check_approval_text

    out = line(value, r, keys)
    try:
        return check_approval_text(out)
    except ValueError as exc:
        r.add(keys, str(exc))
        return ""


def _decision_word(value: Any, r: Report, keys: Keys) -> str:
    out = line(value, r, keys).strip()
    if out and not re.fullmatch(r"[A-Za-z][A-Za-z ]{0,19}", out):
        r.add(keys, f"decision_word {out!r} should be a word or two, e.g. RESOLVED or AGREED")
        return ""
    return out


def _attendance_groups(value: Any, r: Report, keys: Keys) -> list[tuple[str, str]]:
    """[(group, heading)]: `- present` or `- other_members: Other Councillors present`, in print order."""
    from govdocs.house import GROUP_HEADINGS

    out = []
    for i, v in enumerate(entries(value, r, keys, "attendance groups")):
        group, heading = (next(iter(v.items())) if isinstance(v, dict) and len(v) == 1 else (v, None))
        if str(group) not in GROUP_HEADINGS:
            r.add(keys + (i,), f"attendance group {group!r} should be one of {', '.join(GROUP_HEADINGS)}")
            continue
        out.append((str(group), line(heading, r, keys + (i, group)) or GROUP_HEADINGS[str(group)]))
    return out


def _pack_parts(value: Any, r: Report, keys: Keys) -> list[str]:
    from govdocs.house import PACK_PARTS

    out = texts(value, r, keys)
    bad = [x for x in out if x not in PACK_PARTS]
    if bad:
        r.add(keys, f"pack part {bad[0]!r} should be one of {', '.join(PACK_PARTS)} (the agenda and its papers "
                    "are always there)")
    return [x for x in out if x in PACK_PARTS]


def _clearance(value: Any, r: Report, keys: Keys) -> list[tuple[str, str]]:
    """`reports: {clearance: [{role: legal, person: JB}, {role: finance, person: KS}]}`: who clears reports,
    in the order they clear them."""
    settings = mapping(value, r, keys)
    out: list[tuple[str, str]] = []
    for i, entry in enumerate(entries(settings.get("clearance"), r, keys + ("clearance",))):
        where = keys + ("clearance", i)
        role, who = (entry.get("role"), entry.get("person")) if isinstance(entry, dict) else (None, None)
        if not isinstance(role, str) or not re.fullmatch(r"[a-z][a-z0-9-]{0,30}", role):
            r.add(where, "each clearer needs a role, a short lower-case word (legal, finance …), and a person")
        elif not isinstance(who, str) or not who.strip():
            r.add(where, f"the {role} clearer should name one person's initials (person: JB)")
        elif any(role == o for o, _ in out):
            r.add(where, f"role {role!r} is named twice")
        else:
            out.append((role, who.strip()))
    return out


BOARD = Shape(m.Board, (
    F("slug", text), F("name", line), F("reports_to", text), F("members", each(MEMBER, "members")),
    F("standing_items", each(STANDING_ITEM, "standing items")),
    F("minute_numbering", choice(("meeting", "year", "running"), "meeting", "meeting, year or running")), F("minute_format", _minute_format),
    F("rag_scale", choice(("five", "brag"), "")), F("quorum_needs", texts), F("year_starts", year_start,
                                                                            "municipal_year_starts"),
    F("venue", text), F("time", text), F("public_information", text), F("contact", text),
    F("quorum", whole(0, 500, 0)), F("rules", choice(tuple(RULES), "principal", "one of " + ", ".join(RULES))),
    F("executive", strict_flag),
    F("agenda_numbering", choice(("own", "minutes"), "own")),
    F("part_numbering", choice(("a", "(a)", ".1"), "a", "a, (a) or .1 (13a, 13(a) or 13.1)")),
    F("no_minute_text", line), F("approval_text", _approval_text), F("decision_word", _decision_word),
    F("resolution_style", choice(("that", "dash", "colon", "heading"), "that")),
    F("attendance_groups", _attendance_groups), F("pack_parts", _pack_parts), F("clerk", text),
    F("clearance", _clearance, "reports")))


def load_board(raw: Any, path: Path, root: Path | None, sink: list[Problem] | None) -> m.Board:
    """A board, with its rule set resolved once, here, from its kind of body and its own settings."""
    from govdocs.rules import resolve

    r = Report(path, root, sink)
    board = BOARD.load(raw, r, path=path)
    pub = _publication(raw.get("publication") if isinstance(raw, dict) else None, r, ("publication",))
    board.publication_days_set, board.publication_count_set = pub["clear_days"] is not None, bool(pub["count"])
    board.publication_days = pub["clear_days"] if pub["clear_days"] is not None else 5
    board.publication_count = pub["count"] or "working"
    if board.slug and board.slug != path.parent.name:
        r.add(("slug",), f"slug {board.slug!r} does not match its folder {path.parent.name!r}")
    board.slug = board.slug or path.parent.name
    board.law = resolve(board)
    if not board.name.strip():
        r.add(("name",), "the board has no name")
    return board


def load_people(raw: Any, path: Path, root: Path | None, sink: list[Problem] | None) -> dict[str, m.Person]:
    r = Report(path, root, sink)
    out = {}
    for k, v in mapping(raw, r, ()).items():
        person = PERSON.load(v, r, (k,), initials=str(k))
        if isinstance(v, dict) and not person.name.strip():
            noted = bool(person.note.strip())
            r.add((k,), f"{k} has no name" + (" (the note explains why)" if noted else ""),
                  "warning" if noted else "error")
        out[str(k)] = person
    return out


UPDATE = Shape(m.Update, (F("date", date), F("by", text), F("text", text), F("rag", rag),
                          F("status", lambda v, r, k: text(v, r, k) or None), F("acting_for", initials),
                          F("due", date)), scalar="text", what="an update should have date, by and text",
               scalar_reported=True)
ESCALATION = Shape(m.Escalation, (F("to", text), F("date", date), F("by", text), F("note", text)))
ACTION = Shape(m.Action, (
    F("id", text), F("board", text), F("meeting", date), F("item", text), F("text", text),
    F("owners", initials), F("due", text),
    F("status", choice(m.STATUS_VALUES, "open", "one of " + ", ".join(m.STATUS_VALUES))), F("rag", rag),
    F("updates", each(UPDATE, "dated updates")), F("escalations", each(ESCALATION, "escalations")),
    F("completed", date), F("original_due", text)))


def load_action(raw: Any, path: Path | None, root: Path | None, sink: list[Problem] | None) -> m.Action:
    r = Report(path, root, sink)
    if isinstance(raw, dict) and "owners" not in raw and "owner" in raw:
        raw = {**raw, "owners": raw["owner"]}  # the older spelling, still read
    action = ACTION.load(raw, r, path=path)
    if path is not None and action.id != path.stem:
        r.add(("id",), f"id {action.id!r} does not match the file name {path.stem!r}")
    if not action.meeting:
        r.add(("meeting",), "the action has no meeting (the date of the meeting that raised it)")
    if not action.text.strip():
        r.add(("text",), "the action has no text")
    if not action.owners:
        r.add(("owners",), "the action has no owner")
    if action.due and not real_date(action.due) and action.due.strip().lower() not in ("next meeting", "next-meeting"):
        r.add(("due",), f"due date {action.due!r} is not a real date (YYYY-MM-DD)")
    for i, u in enumerate(action.updates):
        if not u.date or not u.by:
            r.add(("updates", i), "an update needs its date and who made it (by)")
    # an update or escalation with no real date cannot be placed in time
    action.updates = [u for u in action.updates if u.date]
    action.escalations = [e for e in action.escalations if e.date]
    return action


def _forward_meeting(value: Any, r: Report, keys: Keys) -> str:
    if str(value or "").strip().lower() == "unscheduled":
        return ""
    return date(value, r, keys)


FORWARD_ITEM = Shape(m.ForwardItem, (F("title", text), F("meeting", _forward_meeting), F("lead", text),
                                     F("purpose", text), F("key_decision", flag), F("source", text),
                                     F("note", text), F("exempt", exemption)),
                     scalar="title", what="a forward plan item needs a title", scalar_reported=True)


NOTE = Shape(dict, (F("date", date), F("note", text)), what="a dated note should have date and note")


def load_forward_notes(raw: Any, path: Path, root: Path | None, sink: list[Problem] | None) -> dict[str, str]:
    """{date: note} from the plan's `dates:`, what the plan says of a meeting date (e.g. "moved from …")."""
    r = Report(path, root, sink)
    notes = mapping(raw, r, ()).get("dates") if isinstance(raw, dict) else None
    loaded = [NOTE.load(v, r, ("dates", i)) for i, v in enumerate(entries(notes, r, ("dates",), "dated notes"))]
    return {n["date"]: n["note"] for n in loaded if n["date"]}


def load_forward_plan(raw: Any, path: Path, root: Path | None, sink: list[Problem] | None,
                      rules: Rules) -> list[m.ForwardItem]:
    r = Report(path, root, sink, rules)
    items = []
    for i, v in enumerate(entries(mapping(raw, r, ()).get("items"), r, ("items",), "forward plan items")):
        f = FORWARD_ITEM.load(v, r, ("items", i))
        if not f.title.strip():
            if isinstance(v, dict):
                r.add(("items", i), "a forward plan item needs a title")
            continue
        items.append(f)
    return items


MEASURE = Shape(m.Measure, (F("measure", text), F("baseline", text), F("targets", texts_by_key),
                            F("actuals", texts_by_key)))
RISK = Shape(m.Risk, (F("risk", text), F("impact", text), F("strategy", text), F("actions", text), F("score", text)))
WORKSTREAM = Shape(m.Workstream, (
    F("slug", text), F("name", text), F("lead", text), F("rag", rag), F("progress", text), F("impact", text),
    F("concerns", text), F("next_steps", text), F("updated", text), F("measures", each(MEASURE, "measures")),
    F("risks", each(RISK, "risks"))))


def load_workstream(raw: Any, programme: str, path: Path, root: Path | None,
                    sink: list[Problem] | None) -> m.Workstream:
    r = Report(path, root, sink)
    w = WORKSTREAM.load(raw, r, programme=programme, path=path)
    w.slug = w.slug or path.stem
    if not w.name.strip():
        r.add(("name",), "the workstream has no name")
    return w


PROGRAMME = Shape(dict, (F("name", text), F("board", text), F("order", texts)))
def colour(value: Any, r: Report, keys: Keys) -> str:
    """The council's colour for its web pages: #rrggbb, dark enough for white text on it (WCAG AA, 4.5:1)."""
    out = text(value, r, keys).strip()
    if not out:
        return ""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", out):
        r.add(keys, f"colour {out!r} should be a colour as #rrggbb, e.g. #1d3c6e")
        return ""
    if (ratio := contrast_with_white(out)) < 4.5:
        r.add(keys, f"colour {out} is too light for white text on it (contrast {ratio:.1f}:1; it needs 4.5:1)")
        return ""
    return out.lower()


def contrast_with_white(colour: str) -> float:
    """WCAG 2's contrast ratio between #rrggbb and white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r_, g_, b_ = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 1.05 / (0.2126 * r_ + 0.7152 * g_ + 0.0722 * b_ + 0.05)


CONFIG = Shape(dict, (F("council", line), F("default_board", text), F("colour", colour),
                      F("clearance", _clearance, "reports")),
               what="should be a mapping of settings")
CLEARANCE = Shape(m.Clearance, (F("role", text), F("by", text), F("at", date),
                                F("outcome", choice(("cleared", "returned"), "cleared")), F("note", text)))
REPORT = Shape(m.Report, (
    F("item", text), F("author", text), F("lead", text), F("due", date), F("purpose", text),
    F("recommendations", texts), F("key_points", texts), F("background", line), F("file", text),
    F("uploaded", date), F("uploaded_by", text), F("clearances", each(CLEARANCE, "clearances"))))


def load_report(raw: Any, path: Path, root: Path | None, sink: list[Problem] | None) -> m.Report:
    """A report's record; its file must be a plain name in the report's own folder."""
    r = Report(path, root, sink)
    report = REPORT.load(raw, r, path=path)
    if report.file and not re.fullmatch(r"[\w][\w.-]{0,80}", report.file):
        r.add(("file",), f"file {report.file!r} should be a file name in the report's folder")
        report.file = ""
    if not report.author:
        r.add(("author",), "the report has no author")
    return report


def load_config(raw: Any, path: Path, root: Path | None, sink: list[Problem] | None) -> dict[str, Any]:
    """govdocs.yaml: the council's name and the default board are read here; the web service's own
    settings never come from the record (govdocs/web/service.py), whatever this file says."""
    r = Report(path, root, sink)
    settings = CONFIG.load(raw, r)
    if not settings["council"].strip():
        r.add(("council",), "council is missing")
    return {**(raw if isinstance(raw, dict) else {}), **settings}
