"""`govdocs check` beyond the boards and meetings: the files that are not a meeting's (programmes, action
files that are links), and the part of the record one run checks (`check --board`, `check DATE`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.errors import RecordError
from govdocs.store.schema import Problem

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

    def linked_action_files(self) -> None:
        """Action files, or board folders of actions, that are links: skipped when reading, reported here."""
        folder = self.ws.root / "actions"
        links = [folder] if folder.is_symlink() else sorted(
            p for p in folder.glob("*/*.yaml") if p.is_symlink() or p.parent.is_symlink()) if folder.is_dir() else []
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
