"""`govdocs check`: load the whole record through the schema (every problem in a file, with its line),
then the rules that join files: people named who are not in people.yaml, boards, meetings and items that
do not exist, papers that are missing, and attendance and votes that contradict each other."""
from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Callable

from govdocs.check_cache import CheckCache
from govdocs.errors import GovdocsError, RecordError
from govdocs.model import Meeting
from govdocs.papers import paper_findings
from govdocs.reports import report_problems
from govdocs.store.schema import Keys, Problem
from govdocs.store.workspace import CONFIG, Workspace
from govdocs.store.yamlio import line_of, line_of_entry
from govdocs.validate_other import OtherFiles, Scope


class Checker(OtherFiles):
    def __init__(self, ws: Workspace, scope: Scope | None = None):
        self.ws = ws
        self.scope = scope or Scope()
        self.problems: list[Problem] = []

    def report(self, path: Path, keys: Keys, message: str, level: str = "error") -> None:
        self.problems.append(Problem(self.ws.rel(path), line_of(path, keys), message, level))

    def unreadable(self, exc: RecordError) -> None:
        self.problems.append(Problem(exc.file or "?", exc.line or 1, exc.detail))

    def people(self, path: Path, keys: Keys, initials: list[str] | str, what: str = "initials") -> None:
        known = self.ws.__dict__.get("people")  # None when people.yaml is unreadable (reported once, in run)
        for who in ([initials] if isinstance(initials, str) else initials) if known is not None else []:
            if who and who not in known:
                self.problems.append(Problem(self.ws.rel(path), line_of_entry(path, keys, who),
                                             f"unknown {what} {who!r} (not in people.yaml)"))

    def run(self, cache: CheckCache | None = None) -> list[Problem]:
        """Every problem in scope, sorted by file and line. With `cache`, a board none of whose files (nor any
        file every board reads) changed since the last run is answered from it."""
        ws = self.ws
        for load in (lambda: ws.config, lambda: ws.people):
            try:
                load()
            except RecordError as exc:
                self.unreadable(exc)
        boards = self.boards()
        if isinstance(ws.__dict__.get("config"), dict) and ws.default_board and ws.default_board not in boards:
            self.report(ws.root / CONFIG, ("default_board",), f"default_board {ws.default_board!r} is not a board")
        found = ws.problems + self.problems
        for slug in sorted(s for s in boards if self.scope.holds_board(s)):
            unit = functools.partial(self.collected, functools.partial(self.board_files, slug))
            found += cache.problems(slug, (f"meetings/{slug}", f"actions/{slug}"), unit) \
                if cache is not None and not self.scope.date else unit()
        folders = {e.name for e in os.scandir(ws.root / "actions")} if (ws.root / "actions").is_dir() else set()
        strays = [p for p in ws.action_files(folders - set(boards)) if self.scope.holds_action(p)]
        found += self.collected(lambda: self.actions(strays))
        found += self.collected(self.other_files)
        # a file read twice (a meeting and the one it moved to) reports its problems once
        unique = {(p.file, p.line, p.message): p for p in found}
        return sorted(unique.values(), key=lambda p: (p.file, p.line, p.message, p.level))

    def collected(self, check: Callable[[], None]) -> list[Problem]:
        """The problems `check` reports, and those found in reading the files it reads, apart from the rest."""
        ws, before = self.ws, (self.ws.problems, self.problems)
        ws.problems, self.problems = [], []
        try:
            check()
            return ws.problems + self.problems
        finally:
            ws.problems, self.problems = before

    def board_files(self, slug: str) -> None:
        """One board's forward plan, meetings and actions: what the cache keeps for it."""
        ws = self.ws
        if not self.scope.date:
            self.forward_plan(slug)
        for date in ws.meeting_dates(slug):
            try:
                if self.scope.holds_meeting(date):
                    self.meeting(ws.meeting(slug, date))
            except RecordError as exc:
                self.unreadable(exc)
        self.actions([p for p in ws.action_files([slug]) if self.scope.holds_action(p)])

    def boards(self) -> dict:
        boards = self.ws.load_boards(on_error=self.unreadable)  # one unreadable file: the others still checked
        for slug, board in ((s, b) for s, b in boards.items() if self.scope.holds_board(s)):
            path = self.ws.board_path(slug)
            if board.reports_to and board.reports_to not in boards:
                self.report(path, ("reports_to",), f"reports_to {board.reports_to!r} is not a board")
            for mb in board.members:
                self.people(path, mb.at + ("initials",), mb.initials)
                self.people(path, mb.at + ("substitutes",), mb.substitutes, "substitute initials")
            self.people(path, ("clerk",), board.clerk, "clerk initials")
        return boards

    def forward_plan(self, slug: str) -> None:
        path = self.ws.forward_plan_path(slug)
        try:
            for f in self.ws.forward_plan(slug):
                self.people(path, f.at + ("lead",), f.lead, "lead initials")
        except RecordError as exc:
            self.unreadable(exc)

    def meeting(self, meeting: Meeting) -> None:
        from govdocs.calendar import lateness

        folder = meeting.folder
        path = folder / "meeting.yaml"
        self.people(path, ("chair",), meeting.chair, "chair initials")
        late = lateness(self.ws.board(meeting.board), meeting.date, meeting.agenda_published) \
            if meeting.agenda_published and meeting.date == folder.name and folder.name[:1].isdigit() else ""
        if late:
            self.report(path, ("agenda_published",), late, "warning")
        at = meeting.minutes_approved_at
        if at and not (self.ws.meeting_folder(meeting.board, at) / "meeting.yaml").exists():
            self.report(path, ("minutes_approved_at",), f"minutes_approved_at {at} is not a meeting of {meeting.board}",
                        "warning")
        numbers = {it.number for it in meeting.all_items()}
        for it in meeting.all_items():
            self.people(path, it.at + ("presenters",), it.presenters, "presenter initials")
            for j, paper in enumerate(it.papers):
                for problem, level in paper_findings(self.ws, meeting, paper.file):
                    self.report(path, it.at + ("papers", j), problem, level)
        for problem in report_problems(self.ws, meeting):  # its reports' items, people, files and clearers
            self.report(*problem)
        if (folder / "attendance.yaml").exists():
            self.attendance(folder / "attendance.yaml", meeting, numbers)
        mins = folder / "minutes.yaml"
        for number, minute in meeting.minutes.items():
            if number not in numbers:
                self.report(mins, ("items", number), f"minute for item {number}, which is not on the agenda")
            for d, role in ((d, role) for d in minute.decisions for role in ("proposer", "seconder")):
                self.people(mins, d.at + (role,), getattr(d, role))
        for i, taken in enumerate(meeting.participation):
            self.people(mins, ("participation", i, "responder"), taken.responder)
            if taken.item and taken.item not in numbers:
                self.report(mins, ("participation", i, "item"), f"no item {taken.item} on the agenda")
        self.votes(meeting)

    def attendance(self, path: Path, meeting: Meeting, numbers: set[str]) -> None:
        """Who was there against people.yaml, and the contradictions a hand edit can leave."""
        from govdocs.edit.attendance import check_substitutes

        att = meeting.attendance
        for key in ("present", "virtual", "apologies", "in_attendance", "other_members", "officers"):
            self.people(path, (key,), getattr(att, key))
        for s in att.substitutes:
            self.people(path, s.at + ("initials",), s.initials)
            self.people(path, s.at + ("for",), s.for_)
        try:
            check_substitutes(self.ws, meeting, att.substitutes_pairs())
        except GovdocsError as exc:
            self.report(path, ("substitutes",), exc.format_message())
        seen: dict[str, str] = {}
        for label, group in (("present", att.present + att.virtual), ("apologies", att.apologies),
                             ("absent", att.absent)):
            for who in group:
                if who in seen and seen[who] != label:
                    self.report(path, (label,), f"{who} is listed as both {seen[who]} and {label}")
                seen.setdefault(who, label)
        chair = att.chair or meeting.chair
        if att.recorded and chair and chair not in att.there:
            level = "error" if att.chair else "warning"  # the board's chair may simply have sent apologies
            self.report(path, ("chair",), f"{chair} chaired the meeting but is not recorded as present", level)
        for d in att.declarations:
            self.people(path, d.at + ("initials",), d.initials)
            if d.item not in numbers:
                self.report(path, d.at + ("item",), f"no item {d.item} on the agenda")

    def votes(self, meeting: Meeting) -> None:
        """Each decision's proposer, seconder and votes against who was there, as `minute` checks them."""
        from govdocs.edit.attendance import check_vote

        for number, minute in meeting.minutes.items():
            for d in minute.decisions:
                vote = (d.vote.for_, d.vote.against, d.vote.abstained) if d.vote else None
                try:
                    check_vote(self.ws, meeting, d.proposer, d.seconder, vote, number, d.recorded, bool(d.casting_vote))
                except GovdocsError as exc:
                    self.report(meeting.folder / "minutes.yaml", d.at, exc.format_message())


def check(ws: Workspace, board: str = "", date: str = "", cache: bool = False) -> list[Problem]:
    """Every problem of the record; or of one board's files, or one day's meetings (`check --board`, `check DATE`).
    With `cache`, boards whose files have not changed since the last check are answered from it."""
    from govdocs.dates import today

    remembered = CheckCache(ws.root, today().isoformat()) if cache else None
    problems = Checker(ws, Scope(board, date)).run(remembered)
    if remembered is not None:
        remembered.save()
    return problems
