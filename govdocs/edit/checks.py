"""The guards every edit shares: signed minutes never change, minutes wait for the meeting, and
--exempt, --rag, --status and item times are read the way the board's rules write them."""
from __future__ import annotations

from govdocs.dates import today
from govdocs.errors import GovdocsError, UsageProblem
from govdocs.model import MEETING_STATUSES, STATUS_VALUES, Meeting, normalise_rag
from govdocs.store.workspace import Workspace


def refuse_if_approved(meeting: Meeting, what: str) -> None:
    """Signed minutes are evidence (LGA 1972 Sch 12 para 41): they change only by a correction minuted later."""
    if meeting.minutes_approved_at:
        raise GovdocsError(
            f"the minutes of the {meeting.board} meeting of {meeting.date} were approved at the meeting of "
            f"{meeting.minutes_approved_at}, so its {what} can no longer change; record a correction at a later "
            f"meeting: govdocs minute LATER-DATE ITEM --text \"Amendment to the minutes of {meeting.date}: …\"")


def refuse_if_not_held(meeting: Meeting) -> str:
    """Minutes of a meeting still to come are refused, unless its attendance is recorded: then the clerk is
    minuting it as it happens (or drafting from the chair's brief) and the minute stays a draft until approved,
    which the note returned says."""
    if meeting.date <= today().isoformat():
        return ""
    if not meeting.attendance.recorded:
        raise UsageProblem(f"the {meeting.board} meeting of {meeting.date} has not happened yet; its minutes can be "
                           "recorded from the day of the meeting, or once its attendance is recorded")
    return (f"note: the {meeting.board} meeting of {meeting.date} is still to come; this minute is a draft until the "
            "meeting has confirmed it")


def exemption_for(ws: Workspace, board: str, value) -> int | str | None:
    """--exempt as the board's kind of body takes it: a Schedule 12A paragraph (principal councils) or a
    short reason (parish, NHS and partnership boards)."""
    from govdocs.rules import rules_for

    if value is None or value == "":
        return None
    return rules_for(ws.board(board)).exemption_option(value)


def advance_status(doc, to: str) -> None:
    current = str(doc.get("status") or "scheduled")
    if current not in MEETING_STATUSES or MEETING_STATUSES.index(to) > MEETING_STATUSES.index(current):
        doc["status"] = to


def item_time(value: str) -> str:
    """An item's time on the agenda (NHS boards time each item): HH:MM, or empty to remove it."""
    from govdocs.dates import parse_time_range

    if not value.strip():
        return ""
    start, end = parse_time_range(value)
    return start if not end else f"{start}-{end}"


def check_rag(value: str | None, scale: str = "five") -> str | None:
    """A RAG rating on the board's scale: Kingston's five points, or BRAG (blue for complete)."""
    from govdocs.model import RAG_SCALES, rag_label

    if value is None:
        return None
    rag = normalise_rag(value)
    allowed = RAG_SCALES.get(scale, RAG_SCALES["five"])
    if rag not in allowed:
        names = ", ".join(rag_label(r, scale).lower().replace(" ", "-") for r in allowed)
        raise UsageProblem(f"RAG {value!r} should be one of {names} on this board's {scale} scale"
                           + (" (green means dark-green)" if scale == "five" else ""))
    return rag


def rag_scale(ws: Workspace, board: str) -> str:
    from govdocs.rules import rules_for

    return rules_for(ws.board(board)).rag_scale


def check_status(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.strip().lower().replace(" ", "-").replace("_", "-")
    if v not in STATUS_VALUES:
        raise UsageProblem(f"status {value!r} should be one of {', '.join(STATUS_VALUES)}")
    return v
