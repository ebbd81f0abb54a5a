"""Find the workspace (govdocs.yaml upward from the cwd) and load its record, lazily."""
from __future__ import annotations

import os
import re
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterable

from govdocs.errors import NotFound, RecordError, UsageProblem, WorkspaceError
from govdocs.model import Action, Board, ForwardItem, Meeting, Person, Programme, Workstream
from govdocs.rules import RULES, Rules
from govdocs.store import schema, yamlio
from govdocs.store.memo import ReadMemo

CONFIG = "govdocs.yaml"
ACTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,119}$")


def check_action_id(action_id: str) -> str:
    """Action ids name files: letters, digits and hyphens only, checked before any path is built."""
    if not ACTION_ID.match(str(action_id or "")):
        raise UsageProblem(f"{action_id!r} is not an action id (letters, digits and hyphens, "
                           "e.g. SEND-PB-2019-11-14-5a)")
    return action_id


def link_on_path(top: Path, full: Path) -> str:
    """Why `full` cannot be used below `top` ('' when it can): it is outside it, or a step is a link."""
    top = Path(top)
    try:
        rel = Path(os.path.abspath(full)).relative_to(os.path.abspath(top))
    except ValueError:
        return "is outside the workspace; govdocs reads and writes only inside it"
    step = top
    for part in rel.parts:
        step = step / part
        if step.is_symlink():
            return (f"passes through the symbolic link {yamlio.display(step, top)}; govdocs follows no links "
                    "in the record")
    return ""


class Workspace:
    """One board record on disk. Files are read when first needed, so one-meeting commands stay fast."""

    def __init__(self, root: Path, memo: ReadMemo | None = None):
        self.root = Path(root).resolve()
        self.memo = memo  # the web service's parsed files, kept between requests
        self._meetings: dict[tuple[str, str], Meeting] = {}
        self._dates: dict[str, list[str]] = {}
        self._grouped: dict = {}
        self._plans: dict[str, tuple[list[ForwardItem], dict[str, str]]] = {}
        # every problem the schema found in what has been read so far: `check` reads everything and
        # reports them; a public document asks here where an unclear exemption is written
        self.problems: list[schema.Problem] = []

    # --- finding ----------------------------------------------------------------------
    @classmethod
    def find(cls, start: str | os.PathLike | None = None, override: str | os.PathLike | None = None) -> "Workspace":
        if override:
            root = Path(override)
            if not (root / CONFIG).is_file():
                raise WorkspaceError(f"{root} is not a govdocs workspace (no {CONFIG}); create one with 'govdocs init'")
            return cls(root)
        here = Path(start or os.getcwd()).resolve()
        for d in (here, *here.parents):
            if (d / CONFIG).is_file():
                return cls(d)
        raise WorkspaceError(f"no {CONFIG} in {here} or any folder above it; create a workspace with 'govdocs init'")

    # --- paths ------------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        return yamlio.display(Path(path), self.root)

    def inside(self, path: Path, what: str = "a path") -> Path:
        """`path` if it stays inside the workspace once links are followed; else refuse."""
        full = Path(path) if Path(path).is_absolute() else self.root / path
        try:
            full.resolve().relative_to(self.root)
        except (ValueError, OSError, RuntimeError):
            raise RecordError(f"{what} {path} is outside the workspace; govdocs reads and writes only inside it") \
                from None
        return full

    def no_links(self, path: Path, what: str = "a path") -> Path:
        """`path` if no step from the workspace down to it is a symbolic link (a link arrives with a pull and
        could point anywhere on the machine); else refuse. The one rule for papers, actions and outputs."""
        full = Path(path) if Path(path).is_absolute() else self.root / path
        problem = link_on_path(self.root, full)
        if problem:
            raise RecordError(f"{what} {self.rel(full)}: {problem}")
        return full

    def read(self, path: Path):
        return yamlio.read(path, self.root) if self.memo is None else self.memo.read(path, self.root)

    @property
    def people_path(self) -> Path:
        return self.root / "people.yaml"

    def board_path(self, slug: str) -> Path:
        return self.root / "boards" / slug / "board.yaml"

    def forward_plan_path(self, slug: str) -> Path:
        return self.root / "boards" / slug / "forward-plan.yaml"

    def meeting_folder(self, board: str, date: str) -> Path:
        return self.root / "meetings" / board / date

    def action_path(self, board: str, action_id: str) -> Path:
        check_action_id(action_id)
        return self.inside(self.root / "actions" / board / f"{action_id}.yaml", "action file")

    def programme_folder(self, slug: str) -> Path:
        return self.root / "programmes" / slug

    # --- settings ---------------------------------------------------------------------
    @cached_property
    def config(self) -> dict:
        data = self.read(self.root / CONFIG)
        if data is not None and not isinstance(data, dict):
            raise RecordError("should be a mapping of settings", CONFIG, 1)
        return schema.load_config(data, self.root / CONFIG, self.root, self.problems)

    @property
    def council(self) -> str:
        return str(self.config.get("council") or "")

    @property
    def colour(self) -> str:
        """The council's colour in its web pages' header (govdocs.yaml `colour`, checked for contrast)."""
        return str(self.config.get("colour") or "")

    @property
    def default_board(self) -> str:
        return str(self.config.get("default_board") or "")

    @property
    def clearance(self) -> list[tuple[str, str]]:
        """(role, initials) who clear reports to any board that names none of its own (govdocs.yaml)."""
        return list(self.config.get("clearance") or [])

    # --- people and boards ------------------------------------------------------------
    @cached_property
    def people(self) -> dict[str, Person]:
        if not self.people_path.exists():
            return {}
        return schema.load_people(self.read(self.people_path), self.people_path, self.root, self.problems)

    def person(self, initials: str) -> Person:
        p = self.people.get(initials)
        if p is None:
            raise NotFound(f"no person with initials {initials!r}; add them with 'govdocs person add {initials} --name ...'")
        return p

    @cached_property
    def boards(self) -> dict[str, Board]:
        return self.load_boards()

    def load_boards(self, on_error: Callable[[RecordError], None] | None = None) -> dict[str, Board]:
        """Every board; an unreadable board file is refused, or passed to `on_error` and left out (check)."""
        if "boards" in self.__dict__:
            return self.__dict__["boards"]
        out: dict[str, Board] = {}
        folder = self.root / "boards"
        for path in sorted(folder.glob("*/board.yaml")) if folder.is_dir() else []:
            try:
                out[path.parent.name] = schema.load_board(self.read(path), path, self.root, self.problems)
            except RecordError as exc:
                if on_error is None:
                    raise
                on_error(exc)
        self.__dict__["boards"] = out
        return out

    def rules(self, slug: str) -> Rules:
        """The rule set a board's files are read under; a principal council's where the board is unknown."""
        board = self.boards.get(slug)
        return board.law if board is not None else RULES["principal"]

    def board_name(self, slug: str) -> str:
        """A board's name, or its slug where the record has no such board (an escalation to one deleted)."""
        board = self.boards.get(slug)
        return board.name if board else slug

    def board(self, slug: str | None) -> Board:
        slug = slug or self.default_board
        if not slug:
            raise UsageProblem("no board given and the workspace has no default board; use --board SLUG")
        b = self.boards.get(slug)
        if b is None:
            known = ", ".join(sorted(self.boards)) or "none yet"
            raise NotFound(f"no board {slug!r} (boards: {known})")
        return b

    # --- meetings ---------------------------------------------------------------------
    def meeting_dates(self, board: str) -> list[str]:
        if board not in self._dates:
            folder = self.root / "meetings" / board
            self._dates[board] = sorted(p.name for p in folder.iterdir() if (p / "meeting.yaml").is_file()) \
                if folder.is_dir() else []
        return self._dates[board]

    def meeting(self, board: str, date: str) -> Meeting:
        key = (board, date)
        if key not in self._meetings:
            folder = self.meeting_folder(board, date)
            if not (folder / "meeting.yaml").is_file():
                raise NotFound(f"no {board} meeting on {date}; create it with 'govdocs meeting new {board} {date}'")
            raw = self.read(folder / "meeting.yaml")
            att = self.read(folder / "attendance.yaml") if (folder / "attendance.yaml").exists() else None
            mins = self.read(folder / "minutes.yaml") if (folder / "minutes.yaml").exists() else None
            m = schema.load_meeting(raw, att, mins, folder, self.root, self.problems, self.rules(board))
            m.board, m.date = board, date  # the folder is the truth for identity
            self._meetings[key] = m
            if m.moved_to and m.moved_to != date:
                self._exempt_as_where_it_moved(m, m.moved_to)
        return self._meetings[key]

    def _exempt_as_where_it_moved(self, m: Meeting, moved_to: str) -> None:
        """An item of a moved meeting is exempt when the business it became at the new date is: the agenda
        published for the first date must not keep in public what the council has since made Part 2.
        Matched by number or by title, so that any doubt leaves it exempt."""
        if not (self.meeting_folder(m.board, moved_to) / "meeting.yaml").is_file():
            return
        later = self.meeting(m.board, moved_to)
        for it in m.all_items():
            if it.is_exempt:
                continue
            there = next((x for x in later.all_items() if x.is_exempt and (x.number == it.number or
                                                                          x.title.strip() == it.title.strip())), None)
            if there is not None:
                it.exempt, it.exempt_problem, it.exempt_reason = there.exempt, there.exempt_problem, there.exempt_reason
                if not it.is_exempt:  # an exemption whose form this item cannot hold: still exempt
                    it.exempt_problem = f"exempt at the meeting it moved to ({moved_to})"

    def meetings(self, board: str | None = None) -> list[Meeting]:
        from govdocs.store.bulk import without_collection

        slugs = [board] if board else sorted(self.boards)
        with without_collection():
            out = [self.meeting(b, d) for b in slugs for d in self.meeting_dates(b)]
        return sorted(out, key=lambda m: (m.date, m.board))

    def find_meeting(self, date: str, board: str | None = None) -> Meeting:
        """A meeting named by its date; --board settles two boards meeting on one day."""
        from govdocs.dates import parse_date

        date = parse_date(date, "meeting date").isoformat()
        if board:
            self.board(board)
            return self.meeting(board, date)
        having = [b for b in sorted(self.boards) if (self.meeting_folder(b, date) / "meeting.yaml").is_file()]
        if not having:
            raise NotFound(f"no meeting on {date}; create it with 'govdocs meeting new BOARD {date}'")
        if len(having) > 1:  # never guess: the default board is not necessarily the one the clerk means
            raise UsageProblem(f"{len(having)} boards meet on {date} ({', '.join(having)}); say which with --board")
        return self.meeting(having[0], date)

    def board_meeting_on(self, date: str) -> str | None:
        """The one board with a meeting on `date`, if just one has (the default board is used otherwise)."""
        having = [b for b in sorted(self.boards) if (self.meeting_folder(b, date) / "meeting.yaml").is_file()]
        return having[0] if len(having) == 1 else None

    def previous_meeting(self, meeting: Meeting) -> Meeting | None:
        earlier = [d for d in self.meeting_dates(meeting.board) if d < meeting.date]
        return self.meeting(meeting.board, earlier[-1]) if earlier else None

    def minutes_for_approval(self, meeting: Meeting) -> Meeting | None:
        """The earlier meeting whose minutes this one confirms: the last one held before it (a cancelled
        meeting has none), and only when its minutes or attendance were taken, so there is something to
        approve."""
        for day in reversed([d for d in self.meeting_dates(meeting.board) if d < meeting.date]):
            m = self.meeting(meeting.board, day)
            if m.cancelled:
                continue
            return m if (m.minutes or m.attendance.recorded) else None
        return None

    def next_meeting(self, board: str, after: str, inclusive: bool = False) -> Meeting | None:
        later = [d for d in self.meeting_dates(board) if (d >= after if inclusive else d > after)]
        return self.meeting(board, later[0]) if later else None

    # --- actions ----------------------------------------------------------------------
    def action_files(self, boards: Iterable[str] | None = None) -> list[Path]:
        """Every action file (of `boards`, if given), sorted; none is read through a link. os.scandir: a
        council's 40,000 files are listed without a stat each."""
        folder = self.root / "actions"
        if folder.is_symlink() or not folder.is_dir():
            return []
        wanted = None if boards is None else set(boards)
        found = []
        for board in sorted(os.scandir(folder), key=lambda e: e.name):
            if board.is_dir(follow_symlinks=False) and (wanted is None or board.name in wanted):
                found += [board.path + os.sep + name for name in sorted(
                    e.name for e in os.scandir(board.path)
                    if e.name.endswith(".yaml") and not e.name.startswith(".") and e.is_file(follow_symlinks=False))]
        return [Path(p) for p in found]

    @cached_property
    def actions(self) -> list[Action]:
        from govdocs.store.cache import load_actions

        return load_actions(self.root, self.read, None, self.problems)

    def actions_raised_at(self, meeting: Meeting) -> list[Action]:
        """The actions the meeting raised, in file order."""
        return self._actions_by("raised").get((meeting.board, meeting.date), [])

    def actions_on_log(self, board: str) -> list[Action]:
        """The actions on a board's log at some time: raised there, or escalated to it (in file order)."""
        return self._actions_by("log").get(board, [])

    def _actions_by(self, kind: str) -> dict:
        """The actions grouped by the meeting that raised them, and by the boards whose logs hold them: made
        once for the actions loaded (a council's site asks for every meeting's, and its action log)."""
        actions = self.actions
        if self._grouped.get("of") is not actions:
            raised: dict[tuple[str, str], list[Action]] = {}
            log: dict[str, list[Action]] = {}
            for a in actions:
                raised.setdefault((a.board, a.meeting), []).append(a)
                for b in dict.fromkeys([a.board] + [e.to for e in a.escalations]):
                    log.setdefault(b, []).append(a)
            self._grouped = {"of": actions, "raised": raised, "log": log}
        return self._grouped[kind]

    def actions_with_status(self, statuses: tuple[str, ...]) -> list[Action]:
        """The actions whose status is one of these, without building the rest."""
        if "actions" in self.__dict__:
            return [a for a in self.actions if a.status in statuses]
        from govdocs.store.cache import load_actions

        return load_actions(self.root, self.read, statuses, self.problems)

    def action(self, action_id: str) -> Action:
        """An action by its id, or by its id without the random tag where only one action has it."""
        check_action_id(action_id)
        for board in self.boards:
            path = self.action_path(board, action_id)
            if path.is_file() or path.is_symlink():
                return schema.load_action(self.read(self.no_links(path, "action file")), path, self.root, None)
        short = [p for b in self.boards for p in (self.root / "actions" / b).glob(f"{action_id}-?????.yaml")]
        if len(short) == 1:
            return schema.load_action(self.read(self.no_links(short[0], "action file")), short[0], self.root, None)
        if len(short) > 1:
            raise UsageProblem(f"{action_id} could be {', '.join(sorted(p.stem for p in short))}; give the whole id")
        raise NotFound(f"no action {action_id!r}; 'govdocs actions --status all' lists them")

    # --- forward plans and programmes --------------------------------------------------
    def forward_plan(self, board: str) -> list[ForwardItem]:
        return self._forward(board)[0]

    def forward_notes(self, board: str) -> dict[str, str]:
        """What the board's forward plan says of its meeting dates ({date: note})."""
        return self._forward(board)[1]

    def _forward(self, board: str) -> tuple[list[ForwardItem], dict[str, str]]:
        if board not in self._plans:
            path = self.forward_plan_path(board)
            raw = self.read(path) if path.exists() else None
            self._plans[board] = (schema.load_forward_plan(raw, path, self.root, self.problems, self.rules(board)),
                                  schema.load_forward_notes(raw, path, self.root, self.problems)) \
                if path.exists() else ([], {})
        return self._plans[board]

    @cached_property
    def programmes(self) -> list[Programme]:
        out = []
        folder = self.root / "programmes"
        if not folder.is_dir():
            return out
        for pfile in sorted(folder.glob("*/programme.yaml")):
            raw = schema.PROGRAMME.load(self.read(pfile), schema.Report(pfile, self.root, self.problems))
            slug = pfile.parent.name
            prog = Programme(slug=slug, name=raw["name"] or slug, board=raw["board"])
            for wfile in sorted(pfile.parent.glob("*.yaml")):
                if wfile.name != "programme.yaml":
                    prog.workstreams.append(schema.load_workstream(self.read(wfile), slug, wfile, self.root,
                                                                   self.problems))
            rank = {s: i for i, s in enumerate(raw["order"])}
            prog.workstreams.sort(key=lambda w: (rank.get(w.slug, len(rank)), w.slug))
            out.append(prog)
        return out

    def workstream(self, slug: str) -> Workstream:
        for prog in self.programmes:
            for w in prog.workstreams:
                if w.slug == slug:
                    return w
        raise NotFound(f"no workstream {slug!r}; add it with 'govdocs workstream add PROGRAMME {slug} ...'")
