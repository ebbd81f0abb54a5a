"""Reading the action log: what is due, overdue, done, and how each action moved between meetings."""
from __future__ import annotations

from dataclasses import dataclass

from govdocs.dates import is_date, short_date, today
from govdocs.errors import UsageProblem
from govdocs.model import RAG_VALUES, Action, Meeting, Person, Update, rag_label
from govdocs.store.workspace import Workspace


def due_date(ws: Workspace, a: Action) -> str | None:
    """The date an action is due: its own date, or the date of its board's next meeting."""
    if is_date(a.due):
        return a.due
    if a.due.strip().lower().replace("-", " ") in ("next meeting", ""):
        nxt = ws.next_meeting(a.board, a.meeting)
        return nxt.date if nxt else None
    return None


def completed_on(a: Action) -> str | None:
    if a.status not in ("done", "dropped"):
        return None
    if a.completed:
        return a.completed
    dates = [u.date for u in a.updates if u.status in ("done", "dropped") and u.date]
    return dates[-1] if dates else a.meeting


def open_on(a: Action, day: str) -> bool:
    """Was the action raised and not yet finished on `day`?"""
    if a.meeting > day:
        return False
    done = completed_on(a)
    return done is None or done > day


def visible_on(a: Action, board: str, day: str) -> bool:
    """Is the action on `board`'s log on `day`: raised there, or escalated there by then."""
    if a.board == board:
        return True
    return any(e.to == board and e.date <= day for e in a.escalations)


def rag_on(a: Action, day: str) -> str | None:
    done = completed_on(a)
    if done and done <= day:
        return "completed" if a.status == "done" else None
    rag = None
    seen_update = False
    for u in a.updates:
        if u.date and u.date <= day and u.rag:
            rag = u.rag
        if u.date and u.date > day:
            seen_update = True
    if rag is None and not seen_update:
        return a.rag if a.rag != "completed" else None
    return rag


def status_on(a: Action, day: str) -> str:
    """The action's status as it stood on `day`: a log of a past meeting shows the past, not today."""
    done = completed_on(a)
    if done and done <= day:
        return a.status
    status = "open"
    for u in a.updates:
        if u.date and u.date <= day and u.status and u.status not in ("done", "dropped"):
            status = u.status
    return status if status in ("open", "in-progress") else "open"


def due_on(a: Action, day: str) -> tuple[str, str]:
    """(the due date in force on `day`, the original one where it was later revised) as record text."""
    original = a.original_due or a.due
    current = original
    for u in a.updates:
        if u.date and u.date <= day and u.due:
            current = u.due
    return current, (original if original != current else "")


def latest_update(a: Action, day: str | None = None):
    ups = [u for u in a.updates if u.text and (day is None or not u.date or u.date <= day)]
    return ups[-1] if ups else None


def direction(before: str | None, now: str | None) -> str:
    if now is None and before is None:
        return ""
    if before is None:
        return "new"
    if now is None:
        return ""
    b, n = RAG_VALUES.index(before), RAG_VALUES.index(now)
    return "improving" if n > b else "worsening" if n < b else "unchanged"


def as_of(meeting_date: str) -> str:
    """An action log describes its meeting's day, or today for a meeting still to come."""
    t = today().isoformat()
    return min(meeting_date, t)


def is_overdue(ws: Workspace, a: Action, day: str) -> bool:
    d = due_date(ws, a)
    return open_on(a, day) and d is not None and d < day


@dataclass
class LogRow:
    action: Action
    rag: str | None
    direction: str
    due: str | None
    overdue: bool
    completed: str | None
    update: object | None
    escalated_from: str = ""


def action_log(ws: Workspace, meeting: Meeting) -> list[LogRow]:
    """The log for a meeting: every open action of the board, plus those finished since its last meeting."""
    day = as_of(meeting.date)
    prev = ws.previous_meeting(meeting)
    since = prev.date if prev else ""
    rows = []
    for a in ws.actions_on_log(meeting.board):
        if a.meeting >= meeting.date or not visible_on(a, meeting.board, day):
            continue
        done = completed_on(a)
        if open_on(a, day) or (done and since < done <= day):
            before = rag_on(a, since) if since and a.meeting < since else None
            now = rag_on(a, day)
            rows.append(LogRow(a, now, direction(before, now), due_date(ws, a), is_overdue(ws, a, day),
                               done if done and done <= day else None, latest_update(a, day),
                               a.board if a.board != meeting.board else ""))
    rows.sort(key=lambda r: (r.action.meeting, _item_key(r.action.item), r.action.id))
    return rows


def _item_key(number: str):
    digits = "".join(ch for ch in number if ch.isdigit())
    return (int(digits) if digits else 0, number)


_NEVER = "9999-12-31"


def _next_day(day: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _count_upto(sorted_keys: list[str], day: str) -> int:
    from bisect import bisect_right

    return bisect_right(sorted_keys, day)


def cycles(ws: Workspace, board: str | None = None, among: list[Action] | None = None) -> list[dict]:
    """Per meeting: actions raised there, and those completed, carried forward and overdue at it.

    Counted by bisection over each action's key dates rather than by visiting every action at every
    meeting, so 360 meetings and 10,000 actions take a fraction of a second. For a meeting on day D
    (seen as of d = min(D, today), the previous meeting on s), an action counts when it reached the
    board's log (raised there, or escalated there) by d and was raised before D:
    completed if finished in (s, d]; carried forward if still open on d; overdue if also due before d.
    `among`: the actions to count, where the caller has the board's own (the web service's index).
    """
    out = []
    boards = [board] if board else sorted(ws.boards)
    for b in boards:
        entries, dones, due_keys, done_due_keys = [], [], [], []
        by_meeting: dict[str, list[tuple[str, str, str]]] = {}
        raised_here: dict[str, int] = {}
        for a in ws.actions if among is None else among:
            if a.board == b:
                entry = a.meeting
                raised_here[a.meeting] = raised_here.get(a.meeting, 0) + 1
            else:
                dates = [e.date for e in a.escalations if e.to == b]
                if not dates:
                    continue
                entry = max(min(dates), a.meeting)
            done = completed_on(a) or _NEVER
            done = max(done, entry)  # nothing is finished before it reaches the log
            due = due_date(ws, a)
            due_after = _next_day(due) if due else _NEVER  # "due < d" is "the day after due <= d"
            entries.append(entry)
            dones.append(done)
            due_keys.append(max(entry, due_after))
            done_due_keys.append(max(done, due_after))
            by_meeting.setdefault(a.meeting, []).append((entry, done, due_after))
        for keys in (entries, dones, due_keys, done_due_keys):
            keys.sort()
        dates = ws.meeting_dates(b)
        for i, date in enumerate(dates):
            d = as_of(date)
            s = dates[i - 1] if i else ""
            completed = (_count_upto(dones, d) - _count_upto(dones, s)) if s < d else 0
            carried = _count_upto(entries, d) - _count_upto(dones, d)
            overdue = _count_upto(due_keys, d) - _count_upto(done_due_keys, d)
            for entry, done, due_after in by_meeting.get(date, []):  # raised at this very meeting: not counted
                if s < done <= d and s < d:
                    completed -= 1
                if entry <= d < done:
                    carried -= 1
                    if due_after <= d:
                        overdue -= 1
            out.append({"board": b, "meeting": date, "raised": raised_here.get(date, 0), "completed": completed,
                        "carried_forward": carried, "overdue": overdue,
                        "as_of": d, "future": date > today().isoformat()})
    out.sort(key=lambda r: (r["meeting"], r["board"]))
    return out


def completion(ws: Workspace, board: str, day: str) -> dict:
    """Action completion for a board on a day: the highlight report's summary."""
    total = done = open_ = overdue = 0
    for a in ws.actions_on_log(board):
        if not visible_on(a, board, day) or a.meeting > day:
            continue
        total += 1
        d = completed_on(a)
        if d and d <= day:
            done += 1 if a.status == "done" else 0
        else:
            open_ += 1
            overdue += 1 if is_overdue(ws, a, day) else 0
    pct = round(100 * done / total) if total else 0
    return {"total": total, "completed": done, "open": open_, "overdue": overdue, "percent": pct}


@dataclass
class ActionView:
    """One action as every face shows it on a day: the CLI, the documents' log rows, the web and the site
    format this, and none works out due, overdue, RAG or the latest word again."""
    action: Action
    due: str | None  # the date it is due, "next meeting" resolved; None where none can be known
    overdue: bool
    completed: str | None
    latest: Update | None  # the last update that says something
    rag_scale: str
    owners: list[tuple[str, Person | None]]  # (initials, the person where people.yaml has them)

    @property
    def rag_label(self) -> str:
        return rag_label(self.action.rag, self.rag_scale)

    @property
    def status_words(self) -> str:
        return self.action.status.replace("-", " ")


def view(ws: Workspace, a: Action, day: str | None = None) -> ActionView:
    day = day or today().isoformat()
    return ActionView(a, due_date(ws, a), is_overdue(ws, a, day), completed_on(a), latest_update(a),
                      ws.rules(a.board).rag_scale, [(o, ws.people.get(o)) for o in a.owners])


STATUS_CHOICES = {"open": ("open", "in-progress"), "done": ("done",), "dropped": ("dropped",),
                  "in-progress": ("in-progress",), "all": None}


def query(ws: Workspace, board: str | None, owners: set[str], status: str, overdue: bool,
          private: bool) -> tuple[list[dict], int]:
    """(the rows the `actions` command lists, how many exempt ones were left out): by board (escalations to
    it included), owner, status and lateness; exempt ones only when `private`, and marked."""
    from govdocs.exempt import action_is_exempt

    wanted = STATUS_CHOICES.get(status.lower(), ())
    if wanted == ():
        raise UsageProblem("--status should be open, done, dropped, in-progress or all")
    day = today().isoformat()
    rows, held_back = [], 0
    for a in (ws.actions if wanted is None else ws.actions_with_status(wanted)):
        if board and not visible_on(a, board, day):
            continue
        if owners and not owners & set(a.owners):
            continue
        if wanted is not None and a.status not in wanted:
            continue
        row = action_row(ws, a, day)
        if overdue and not row["overdue"]:
            continue
        row["exempt"] = action_is_exempt(ws, a)
        if row["exempt"] and not private:
            held_back += 1
            continue
        rows.append(row)
    rows.sort(key=lambda r: (r["meeting"], r["board"], r["id"]))
    return rows, held_back


def action_row(ws: Workspace, a: Action, day: str | None = None) -> dict:
    """One action as the `actions` command reports it (json, csv and table share this)."""
    v = view(ws, a, day)
    upd = v.latest
    return {
        "id": a.id, "board": a.board, "meeting": a.meeting, "item": a.item, "text": a.text,
        "owner": a.owners, "due": v.due or a.due, "status": a.status, "rag": a.rag,
        "overdue": v.overdue, "completed": v.completed,
        "escalated_to": [e.to for e in a.escalations],
        "latest_update": ({"date": upd.date, "by": upd.by, "text": upd.text} if upd else None),
    }


def owner_row(ws: Workspace, a: Action) -> dict:
    """An action as its owner reads it, on the web and in a reminder: names, boards and dates in words."""
    v = view(ws, a)
    latest = v.latest
    return {
        "id": a.id, "text": a.text,
        "owners": ", ".join(p.name if p else o for o, p in v.owners),
        "boards": " and ".join(ws.board_name(b) for b in a.boards()),
        "meeting": short_date(a.meeting) if is_date(a.meeting) else a.meeting, "item": a.item,
        "due": short_date(v.due) if v.due else (a.due or "not set"), "due_iso": v.due or "9999",
        "overdue": v.overdue, "rag": a.rag or "", "rag_label": v.rag_label, "status": v.status_words,
        "latest": f"{short_date(latest.date)} ({latest.by}): {latest.text}" if latest and is_date(latest.date) else "",
    }


def owner_rows(ws: Workspace, initials: str, among: list[Action] | None = None) -> list[dict]:
    """The person's open actions across every board, each once (escalated ones name both boards);
    overdue first, then by due date. `among`: the actions to look in, where the caller has them by owner."""
    rows = [owner_row(ws, a) for a in (ws.actions if among is None else among) if initials in a.owners and a.is_open]
    return sorted(rows, key=lambda r: (not r["overdue"], r["due_iso"], r["id"]))
