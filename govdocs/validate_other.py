"""`govdocs check` beyond the boards and meetings: the files that are not a meeting's (actions, programmes,
action files that are links), and the part of the record one run checks (`check --board`, `check DATE`)."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.errors import RecordError
from govdocs.store.schema import Problem, load_action

if TYPE_CHECKING:
    from govdocs.store.workspace import Workspace


@dataclass(frozen=True)
class Scope:
    """What one run of `check` reads: everything, one board's files, or the meetings of one day (of one board)."""
    board: str = ""
    date: str = ""

    def holds_board(self, slug: str) -> bool:
        return not self.board or slug == self.board

    def holds_meeting(self, date: str) -> bool:
        return not self.date or date == self.date

    def holds_action(self, path: Path) -> bool:
        """An action file under actions/BOARD/, named for the meeting that raised it (BOARD-YYYY-MM-DD-…)."""
        if not self.holds_board(path.parent.name):
            return False
        return not self.date or re.search(rf"-{re.escape(self.date)}-", path.name) is not None

    @property
    def whole(self) -> bool:
        return not self.board and not self.date


class OtherFiles:
    """The checks of files outside the boards' and meetings' folders (mixed into the Checker)."""
    ws: Workspace
    scope: Scope
    problems: list

    def other_files(self) -> None:
        if self.scope.whole or (self.scope.board and not self.scope.date):
            self.linked_action_files()
            self.programmes()

    def actions(self, paths: list[Path]) -> None:
        raws = self.raw_actions() if paths else {}
        for path in paths:
            try:
                raw = raws[str(path)] if str(path) in raws else self.ws.read(path)
                if isinstance(raw, RecordError):
                    raise raw
                self.action(load_action(raw, path, self.ws.root, self.ws.problems))
            except RecordError as exc:
                self.unreadable(exc)

    def raw_actions(self) -> dict:
        """Every action file's data, read once per run (and, where a file is unchanged, from the actions cache)."""
        if not hasattr(self, "_raws"):
            from govdocs.store.cache import raw_actions

            self._raws = raw_actions(self.ws.root, self.ws.read)
        return self._raws

    def action(self, a) -> None:
        ws, path = self.ws, a.path
        if a.board not in ws.boards:
            self.report(path, ("board",), f"board {a.board!r} is not a board")
        elif a.board != path.parent.name:
            self.report(path, ("board",), f"board {a.board!r} does not match its folder actions/{path.parent.name}/")
        elif a.meeting and a.meeting not in ws.meeting_dates(a.board):
            self.report(path, ("meeting",), f"no {a.board} meeting on {a.meeting}")
        elif a.meeting and ws.meeting(a.board, a.meeting).item(a.item) is None:
            self.report(path, ("item",), f"the {a.board} meeting of {a.meeting} has no item {a.item}")
        self.people(path, ("owners",), a.owners, "owner initials")
        for e in a.escalations:
            if e.to not in ws.boards:
                self.report(path, e.at + ("to",), f"escalated to {e.to!r}, which is not a board")

    def linked_action_files(self) -> None:
        """Action files, or board folders of actions, that are links: skipped when reading, reported here."""
        folder = self.ws.root / "actions"
        links = [folder] if folder.is_symlink() else sorted(_links_under(folder)) if folder.is_dir() else []
        for path in links:
            self.problems.append(Problem(self.ws.rel(path), 1, "is a symbolic link; govdocs reads no action through a "
                                         "link (it could point anywhere on the machine): replace it with the file"))

    def programmes(self) -> None:
        try:
            programmes = self.ws.programmes
        except RecordError as exc:
            self.unreadable(exc)
            return
        for prog in (p for p in programmes if self.scope.holds_board(p.board)):
            if prog.board not in self.ws.boards:
                self.report(self.ws.programme_folder(prog.slug) / "programme.yaml", ("board",),
                            f"the programme reports to {prog.board!r}, which is not a board")
            for w in prog.workstreams:
                self.people(w.path, ("lead",), w.lead, "lead initials")


def _links_under(folder: Path) -> list[Path]:
    """Board folders of actions that are links, and action files that are (or are in) links."""
    found = []
    for board in os.scandir(folder):
        if board.is_symlink():
            found += [Path(board.path, e.name) for e in os.scandir(board.path) if e.name.endswith(".yaml")] \
                if board.is_dir() else []
        elif board.is_dir():
            found += [Path(e.path) for e in os.scandir(board.path) if e.name.endswith(".yaml") and e.is_symlink()]
    return found
