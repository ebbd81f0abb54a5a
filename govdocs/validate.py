"""`govdocs check`: every problem in the record, each with its file and line."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govdocs.dates import is_date
from govdocs.errors import RecordError
from govdocs.model import (
    MEETING_STATUSES,
    RAG_VALUES,
    STATUS_VALUES,
    _item_time,
    normalise_rag,
    one_line,
    parse_exempt,
    parse_reason,
)
from govdocs.store import yamlio
from govdocs.store.workspace import CONFIG, Workspace

_TIME = re.compile(r"^\d{2}:\d{2}$")


@dataclass
class Problem:
    file: str
    line: int
    message: str
    level: str = "error"

    def __str__(self) -> str:
        tag = "" if self.level == "error" else "warning: "
        return f"{self.file}:{self.line}: {tag}{self.message}"


class Checker:
    def __init__(self, ws: Workspace):
        self.ws = ws
        self.problems: list[Problem] = []
        self.people: set[str] = set()
        self.boards: set[str] = set()

    def linked_action_files(self) -> list[Path]:
        """Action files, or board folders of actions, that are links: skipped when reading, reported here."""
        folder = self.ws.root / "actions"
        if folder.is_symlink():
            return [folder]
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.glob("*/*.yaml") if p.is_symlink() or p.parent.is_symlink())

    def loaded_boards(self) -> dict:
        """The workspace's boards, or none while a board file cannot be read (that is reported where it is
        read); then the rules of a principal council apply to what the checks below need of a board."""
        try:
            return self.ws.boards
        except RecordError:
            return {}

    def report(self, path: Path, keys: tuple, message: str, level: str = "error") -> None:
        self.problems.append(Problem(self.ws.rel(path), yamlio.line_of(path, keys), message, level))

    def load(self, path: Path) -> Any:
        try:
            return yamlio.read(path, self.ws.root)
        except RecordError as exc:
            text = exc.format_message()
            file, _, rest = text.partition(":")
            line, _, msg = rest.partition(":")
            self.problems.append(Problem(file, int(line) if line.isdigit() else 1, msg.strip()))
            return None

    def mapping(self, path: Path, data: Any) -> dict | None:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.report(path, (), "should be a mapping of fields")
            return None
        return data

    def seq(self, path: Path, keys: tuple, value: Any, what: str = "entries") -> list:
        """`value` as a list; anything else is reported (a scalar where a list belongs crashes nothing)."""
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.report(path, keys, f"{keys[-1] if keys else 'this'} should be a list of {what}")
        return []

    def fields(self, path: Path, keys: tuple, value: Any) -> dict | None:
        if isinstance(value, dict):
            return value
        self.report(path, keys, f"{keys[-1] if keys else 'this'} should be a mapping of fields")
        return None

    def person_ref(self, path: Path, keys: tuple, value: Any, what: str = "initials") -> None:
        entries = value if isinstance(value, list) else [value]
        for i, entry in enumerate(entries):
            where = keys + (i,) if isinstance(value, list) else keys
            for v in _initial_list(entry):
                if v not in self.people:
                    self.report(path, where, f"unknown {what} {v!r} (not in people.yaml)")

    def date_ref(self, path: Path, keys: tuple, value: Any, what: str = "date", allow: tuple = ()) -> bool:
        if value in (None, "") or str(value).strip().lower() in allow:
            return True
        if not is_date(value):
            self.report(path, keys, f"{what} {value!r} is not a real date (YYYY-MM-DD)")
            return False
        return True

    # --- files ------------------------------------------------------------------------
    def run(self) -> list[Problem]:
        ws = self.ws
        cfg = self.mapping(ws.root / CONFIG, self.load(ws.root / CONFIG)) or {}
        if not str(cfg.get("council") or "").strip():
            self.report(ws.root / CONFIG, ("council",), "council is missing")
        self.check_people()
        board_files = sorted((ws.root / "boards").glob("*/board.yaml")) if (ws.root / "boards").is_dir() else []
        self.boards = {p.parent.name for p in board_files}
        if cfg.get("default_board") and str(cfg["default_board"]) not in self.boards:
            self.report(ws.root / CONFIG, ("default_board",), f"default_board {cfg['default_board']!r} is not a board")
        for path in board_files:
            self.check_board(path)
        for slug in sorted(self.boards):
            fp = ws.forward_plan_path(slug)
            if fp.exists():
                self.check_forward_plan(fp)
        meetings = {}
        for slug in sorted(self.boards):
            for date in ws.meeting_dates(slug):
                meetings[(slug, date)] = self.check_meeting(slug, date)
        for path in ws.action_files():
            self.check_action(path, meetings)
        for path in self.linked_action_files():
            self.problems.append(Problem(ws.rel(path), 1, "is a symbolic link; govdocs reads no action through a "
                                         "link (it could point anywhere on the machine): replace it with the file"))
        for pfile in sorted((ws.root / "programmes").glob("*/programme.yaml")) if (ws.root / "programmes").is_dir() else []:
            self.check_programme(pfile)
        return self.problems

    def check_people(self) -> None:
        path = self.ws.people_path
        if not path.exists():
            return
        data = self.mapping(path, self.load(path))
        if data is None:
            return
        for initials, entry in data.items():
            self.people.add(str(initials))
            if not isinstance(entry, dict):
                self.report(path, (initials,), f"{initials} should have name, role, org and email fields")
                continue
            if not str(entry.get("name") or "").strip():
                level = "warning" if str(entry.get("note") or "").strip() else "error"
                self.report(path, (initials,), f"{initials} has no name" +
                            (" (the note explains why)" if level == "warning" else ""), level)
            for key in ("name", "role", "org", "email"):
                if not one_line(str(entry.get(key) or "")):
                    self.report(path, (initials, key), f"{initials}'s {key} has a line break or control character; "
                                "it would go into e-mail headers and documents as it is")

    def check_board(self, path: Path) -> None:
        data = self.mapping(path, self.load(path))
        if data is None:
            return
        slug = path.parent.name
        if data.get("slug") not in (None, slug):
            self.report(path, ("slug",), f"slug {data.get('slug')!r} does not match its folder {slug!r}")
        if not str(data.get("name") or "").strip():
            self.report(path, ("name",), "the board has no name")
        if data.get("reports_to") and str(data["reports_to"]) not in self.boards:
            self.report(path, ("reports_to",), f"reports_to {data['reports_to']!r} is not a board")
        chairs = 0
        for i, m in enumerate(self.seq(path, ("members",), data.get("members"), "members")):
            if not isinstance(m, dict):
                self.report(path, ("members", i), "a member should be a mapping with initials")
                continue
            self.person_ref(path, ("members", i, "initials"), m.get("initials"))
            self.person_ref(path, ("members", i, "substitutes"), m.get("substitutes"), "substitute initials")
            chairs += 1 if m.get("chair") else 0
        pub = data.get("publication") or {}
        if not isinstance(pub, dict):
            self.report(path, ("publication",), "publication should be a mapping (clear_days, count)")
            pub = {}
        if str(pub.get("count") or "working") not in ("working", "calendar"):
            self.report(path, ("publication", "count"), "publication count should be working or calendar")
        days = pub.get("clear_days", 5)
        if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 60:
            self.report(path, ("publication", "clear_days"), f"clear_days {days!r} should be a whole number of days, 0 to 60")
        quorum = data.get("quorum")
        if quorum is not None and (not isinstance(quorum, int) or isinstance(quorum, bool) or not 0 <= quorum <= 500):
            self.report(path, ("quorum",), f"quorum {quorum!r} should be a whole number")
        starts = data.get("municipal_year_starts")
        if starts is not None and not _month_day(starts):
            self.report(path, ("municipal_year_starts",), f"municipal_year_starts {starts!r} should be MM-DD, e.g. 05-01")
        for i, st in enumerate(self.seq(path, ("standing_items",), data.get("standing_items"), "standing items")):
            if not isinstance(st, (dict, str)):
                self.report(path, ("standing_items", i), "a standing item should be a mapping with kind and title")
        if str(data.get("minute_numbering") or "meeting") not in ("meeting", "year", "running"):
            self.report(path, ("minute_numbering",), "minute_numbering should be meeting, year or running")
        if data.get("minute_format") is not None:
            from govdocs.errors import GovdocsError
            from govdocs.minute_numbers import check_format

            try:
                check_format(str(data.get("minute_format")))
            except GovdocsError as exc:
                self.report(path, ("minute_format",), exc.format_message().replace("--minute-format", "minute_format"))
        if data.get("rag_scale") is not None and data.get("rag_scale") not in ("five", "brag"):
            self.report(path, ("rag_scale",), "rag_scale should be five or brag")
        from govdocs.rules import RULES

        if str(data.get("rules") or "principal") not in RULES:
            self.report(path, ("rules",), f"rules should be one of {', '.join(RULES)}")

    def check_paper(self, path: Path, keys: tuple, folder: Path, file: Any) -> None:
        from govdocs.errors import RecordError
        from govdocs.model import Meeting
        from govdocs.papers import paper_path, paper_problem

        if not isinstance(file, str) or not file.strip():
            self.report(path, keys, "a paper needs its file (e.g. papers/report.pdf)")
            return
        try:
            real = paper_path(self.ws, Meeting(board="", date="", folder=folder), file)
        except RecordError as exc:
            self.report(path, keys, exc.format_message().split(": ", 1)[-1])
            return
        if not real.is_file():
            self.report(path, keys, f"paper {file!r} is missing from {self.ws.rel(folder)}")
            return
        problem = paper_problem(real)
        if problem:
            self.report(path, keys, f"paper {problem}")

    def check_attendance_sense(self, path: Path, board: str, date: str) -> None:
        """Contradictions a clerk's hand edit can leave: unnamed or doubled substitutes, an absent chair."""
        from govdocs.edit.attendance import check_substitutes
        from govdocs.errors import GovdocsError

        try:
            meeting = self.ws.meeting(board, date)
        except GovdocsError:
            return
        att = meeting.attendance
        try:
            check_substitutes(self.ws, meeting, att.substitutes_pairs())
        except GovdocsError as exc:
            self.report(path, ("substitutes",), exc.format_message())
        seen: dict[str, str] = {}
        for label, group in (("present", att.present + att.virtual), ("apologies", att.apologies),
                             ("absent", att.absent)):
            for i in group:
                if i in seen and seen[i] != label:
                    self.report(path, (label,), f"{i} is listed as both {seen[i]} and {label}")
                seen.setdefault(i, label)
        self.check_votes_sense(meeting)
        chair = att.chair or meeting.chair
        if att.recorded and chair and chair not in att.there:
            level = "error" if att.chair else "warning"  # the board's chair may simply have sent apologies
            self.report(path, ("chair",), f"{chair} chaired the meeting but is not recorded as present", level)

    def check_votes_sense(self, meeting) -> None:
        """Each decision's proposer, seconder and votes against who was there, as `minute` checks them."""
        from govdocs.edit.attendance import check_vote
        from govdocs.errors import GovdocsError

        path = meeting.folder / "minutes.yaml"
        for number, minute in meeting.minutes.items():
            for i, d in enumerate(minute.decisions):
                vote = (d.vote.for_, d.vote.against, d.vote.abstained) if d.vote else None
                try:
                    check_vote(self.ws, meeting, d.proposer, d.seconder, vote, number, d.recorded, bool(d.casting_vote))
                except GovdocsError as exc:
                    self.report(path, ("items", number, "resolved", i), exc.format_message())

    def check_forward_plan(self, path: Path) -> None:
        data = self.mapping(path, self.load(path))
        if data is None:
            return
        board = self.loaded_boards().get(path.parent.name)
        for i, it in enumerate(self.seq(path, ("items",), data.get("items"), "forward plan items")):
            if not isinstance(it, dict) or not str(it.get("title") or "").strip():
                self.report(path, ("items", i), "a forward plan item needs a title")
                continue
            if board is None or board.rules == "principal":
                _, problem = parse_exempt(it.get("exempt"))
            else:
                _, problem = parse_reason(it.get("exempt"))
            if problem:
                self.report(path, ("items", i, "exempt"), problem + "; public documents are refused until it is clear")
            self.date_ref(path, ("items", i, "meeting"), it.get("meeting"), "meeting date", ("unscheduled",))
            if it.get("lead"):
                self.person_ref(path, ("items", i, "lead"), it.get("lead"), "lead initials")

    def check_meeting(self, board: str, date: str) -> dict | None:
        folder = self.ws.meeting_folder(board, date)
        path = folder / "meeting.yaml"
        data = self.mapping(path, self.load(path))
        if data is None:
            return None
        if not is_date(date):
            self.report(path, (), f"meeting folder {date!r} is not a real date")
        if data.get("board") not in (None, board):
            self.report(path, ("board",), f"board {data.get('board')!r} does not match its folder {board!r}")
        if data.get("date") not in (None, date) and str(data.get("date")) != date:
            self.report(path, ("date",), f"date {data.get('date')} does not match its folder {date}")
        for key in ("start", "end"):
            if data.get(key) not in (None, "") and not _TIME.match(str(data.get(key))):
                self.report(path, (key,), f"{key} time {data.get(key)!r} should be HH:MM in quotes, e.g. '14:00'")
        if str(data.get("status") or "scheduled") not in MEETING_STATUSES:
            self.report(path, ("status",), f"status should be one of {', '.join(MEETING_STATUSES)}")
        if data.get("chair"):
            self.person_ref(path, ("chair",), data.get("chair"), "chair initials")
        published = data.get("agenda_published")
        if is_date(published) and is_date(date) and board in self.loaded_boards():
            from govdocs.calendar import lateness

            late = lateness(self.loaded_boards()[board], date, str(published))
            if late:
                self.report(path, ("agenda_published",), late, "warning")
        if data.get("minutes_approved_at"):
            if self.date_ref(path, ("minutes_approved_at",), data.get("minutes_approved_at")) and \
                    not (self.ws.meeting_folder(board, str(data["minutes_approved_at"])) / "meeting.yaml").exists():
                self.report(path, ("minutes_approved_at",),
                            f"minutes_approved_at {data['minutes_approved_at']} is not a meeting of {board}", "warning")
        numbers: set[str] = set()
        boards = self.loaded_boards()
        kind = boards[board].rules if board in boards else "principal"

        def walk(items, keys):
            for i, it in enumerate(self.seq(path, keys, items, "agenda items")):
                k = keys + (i,)
                if not isinstance(it, dict):
                    self.report(path, k, "an agenda item should be a mapping with number and title")
                    continue
                n = str(it.get("number") or "")
                if not n:
                    self.report(path, k, "an agenda item has no number")
                elif n in numbers:
                    self.report(path, k + ("number",), f"item number {n} is used twice")
                numbers.add(n)
                if not str(it.get("title") or "").strip():
                    self.report(path, k, f"item {n} has no title")
                self.person_ref(path, k + ("presenters",), it.get("presenters"), "presenter initials")
                if kind == "principal":
                    _, problem = parse_exempt(it.get("exempt"))
                else:
                    _, problem = parse_reason(it.get("exempt"))
                if problem:
                    self.report(path, k + ("exempt",), problem + "; public documents are refused until it is clear")
                if it.get("time") is not None and not _item_time(it.get("time")):
                    self.report(path, k + ("time",), f"time {it.get('time')!r} should be HH:MM or HH:MM-HH:MM")
                for j, p in enumerate(self.seq(path, k + ("papers",), it.get("papers"), "papers")):
                    self.check_paper(path, k + ("papers", j), folder, p.get("file") if isinstance(p, dict) else p)
                walk(it.get("items"), k + ("items",))

        walk(data.get("items"), ("items",))
        att_path = folder / "attendance.yaml"
        if att_path.exists():
            att = self.mapping(att_path, self.load(att_path)) or {}
            for key in ("present", "virtual", "apologies", "in_attendance"):
                if isinstance(att.get(key), dict):
                    self.report(att_path, (key,), f"{key} should be a list of initials")
                    continue
                self.person_ref(att_path, (key,), att.get(key))
            for i, s in enumerate(self.seq(att_path, ("substitutes",), att.get("substitutes"), "substitutes")):
                if isinstance(s, dict):
                    self.person_ref(att_path, ("substitutes", i, "initials"), s.get("initials"))
                    self.person_ref(att_path, ("substitutes", i, "for"), s.get("for"))
            self.check_attendance_sense(att_path, board, date)
            for i, d in enumerate(self.seq(att_path, ("declarations",), att.get("declarations"), "declarations")):
                if isinstance(d, dict):
                    self.person_ref(att_path, ("declarations", i, "initials"), d.get("initials"))
                    if str(d.get("item")) not in numbers:
                        self.report(att_path, ("declarations", i, "item"), f"no item {d.get('item')} on the agenda")
        min_path = folder / "minutes.yaml"
        if min_path.exists():
            mins = self.mapping(min_path, self.load(min_path)) or {}
            entries = mins.get("items")
            if entries is not None and not isinstance(entries, dict):
                self.report(min_path, ("items",), "items should map each item number to its minute")
                entries = {}
            for n, entry in (entries or {}).items():
                if str(n) not in numbers:
                    self.report(min_path, ("items", n), f"minute for item {n}, which is not on the agenda")
                if entry is not None and not isinstance(entry, (dict, str)):
                    self.report(min_path, ("items", n), f"the minute of item {n} should be text or a mapping")
                if isinstance(entry, dict):
                    if entry.get("text") is not None and not isinstance(entry.get("text"), str):
                        self.report(min_path, ("items", n, "text"), "the minute's text should be text")
                    for i, d in enumerate(self.seq(min_path, ("items", n, "resolved"), entry.get("resolved"),
                                                   "decisions")):
                        if isinstance(d, dict):
                            for role in ("proposer", "seconder"):
                                if d.get(role):
                                    self.person_ref(min_path, ("items", n, "resolved", i, role), d.get(role))
            for i, f in enumerate(self.seq(min_path, ("future_dates",), mins.get("future_dates"), "dates")):
                self.date_ref(min_path, ("future_dates", i), f.get("date") if isinstance(f, dict) else f)
        return {"numbers": numbers}

    def check_action(self, path: Path, meetings: dict) -> None:
        data = self.mapping(path, self.load(path))
        if data is None:
            return
        if str(data.get("id") or "") != path.stem:
            self.report(path, ("id",), f"id {data.get('id')!r} does not match the file name {path.stem!r}")
        board = str(data.get("board") or "")
        if board not in self.boards:
            self.report(path, ("board",), f"board {board!r} is not a board")
        elif board != path.parent.name:
            self.report(path, ("board",), f"board {board!r} does not match its folder actions/{path.parent.name}/")
        date = str(data.get("meeting") or "")
        if self.date_ref(path, ("meeting",), date, "meeting"):
            m = meetings.get((board, date))
            if board in self.boards and (board, date) not in meetings:
                self.report(path, ("meeting",), f"no {board} meeting on {date}")
            elif m and str(data.get("item")) not in m["numbers"]:
                self.report(path, ("item",), f"the {board} meeting of {date} has no item {data.get('item')}")
        if not str(data.get("text") or "").strip():
            self.report(path, ("text",), "the action has no text")
        owners = data.get("owners", data.get("owner"))
        if not _initial_list(owners):
            self.report(path, ("owners",), "the action has no owner")
        self.person_ref(path, ("owners",), owners, "owner initials")
        self.date_ref(path, ("due",), data.get("due"), "due date", ("next meeting", "next-meeting"))
        if str(data.get("status") or "open") not in STATUS_VALUES:
            self.report(path, ("status",), f"status should be one of {', '.join(STATUS_VALUES)}")
        if data.get("rag") and normalise_rag(data.get("rag")) is None:
            self.report(path, ("rag",), f"rag should be one of {', '.join(RAG_VALUES)}")
        for i, u in enumerate(self.seq(path, ("updates",), data.get("updates"), "dated updates")):
            if not isinstance(u, dict):
                self.report(path, ("updates", i), "an update should have date, by and text")
                continue
            if isinstance(u, dict):
                self.date_ref(path, ("updates", i, "date"), u.get("date"), "update date")
                if not u.get("date") or not u.get("by"):
                    self.report(path, ("updates", i), "an update needs its date and who made it (by)")
        for i, e in enumerate(self.seq(path, ("escalations",), data.get("escalations"), "escalations")):
            if isinstance(e, dict) and str(e.get("to")) not in self.boards:
                self.report(path, ("escalations", i, "to"), f"escalated to {e.get('to')!r}, which is not a board")
            if isinstance(e, dict):
                self.date_ref(path, ("escalations", i, "date"), e.get("date"), "escalation date")

    def check_programme(self, pfile: Path) -> None:
        data = self.mapping(pfile, self.load(pfile)) or {}
        if str(data.get("board") or "") not in self.boards:
            self.report(pfile, ("board",), f"the programme reports to {data.get('board')!r}, which is not a board")
        for wfile in sorted(pfile.parent.glob("*.yaml")):
            if wfile.name == "programme.yaml":
                continue
            w = self.mapping(wfile, self.load(wfile))
            if w is None:
                continue
            if not str(w.get("name") or "").strip():
                self.report(wfile, ("name",), "the workstream has no name")
            if w.get("lead"):
                self.person_ref(wfile, ("lead",), w.get("lead"), "lead initials")
            if w.get("rag") and normalise_rag(w.get("rag")) is None:
                self.report(wfile, ("rag",), f"rag should be one of {', '.join(RAG_VALUES)}")


def _month_day(value: Any) -> bool:
    import datetime as dt

    m = re.fullmatch(r"(\d{2})-(\d{2})", str(value))
    if not m:
        return False
    try:
        dt.date(2024, int(m.group(1)), int(m.group(2)))  # a leap year, so 02-29 is allowed
        return True
    except ValueError:
        return False


def _initial_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    vals = value if isinstance(value, list) else [value]
    out = []
    for v in vals:
        out.extend(x.strip() for x in str(v).replace("/", ",").split(",") if x.strip())
    return out


def check(ws: Workspace) -> list[Problem]:
    return Checker(ws).run()
