"""The meeting as it happens, read from the record: who is expected and where each of them stands, the
quorum at this moment, and what the draft minutes still lack. The clerk's meeting page shows these; every
change it makes is an ordinary change of the record (attendance, minute, action add)."""
from __future__ import annotations

from dataclasses import dataclass, field

from govdocs.model import Meeting
from govdocs.store.workspace import Workspace

MEMBER_STATUSES = ("present", "virtual", "apologies", "absent")
OTHER_STATUSES = ("in_attendance", "officers", "other_members", "apologies")
STATUS_WORDS = {"present": "Present", "virtual": "Virtual", "apologies": "Apologies", "absent": "Absent",
                "in_attendance": "In attendance", "officers": "Officer", "other_members": "Other member",
                "substitute": "Substitute", "": "Not yet marked"}
MINUTED_FROM_ATTENDANCE = ("apologies", "declarations")  # these items' minutes are written from the attendance
NO_SECONDER_NEEDED = ("noted", "received", "assured")


@dataclass
class Attendee:
    initials: str
    name: str
    role: str
    member: bool  # a member of the board on the day
    voting: bool
    status: str = ""  # one of MEMBER_STATUSES or OTHER_STATUSES, "substitute", or "" while not yet marked
    substitutes: list[str] = field(default_factory=list)  # a member's named substitutes
    substitute: str = ""  # who stands in for this member
    stands_in_for: list[str] = field(default_factory=list)
    arrived: str = ""
    left: str = ""

    @property
    def attending(self) -> bool:
        return self.status not in ("", "apologies", "absent")


def status_of(att, initials: str) -> str:
    for key in ("present", "virtual", "apologies", "absent", "in_attendance", "officers", "other_members"):
        if initials in getattr(att, key):
            return key
    return "substitute" if any(s.initials == initials for s in att.substitutes) else ""


def attendees(ws: Workspace, meeting: Meeting) -> list[Attendee]:
    """The board's members on the day, their substitutes where they stand in, then everyone else the
    attendance names, then the presenters of the agenda not yet marked: the people the clerk ticks."""
    att = meeting.attendance
    board = ws.board(meeting.board)
    people = {**ws.people, **att.as_recorded}
    members = [m for m in board.members if m.initials in att.members] if att.members else board.members_on(meeting.date)
    subs = {f: s.initials for s in att.substitutes for f in s.for_}

    def make(i: str, member=None) -> Attendee:
        p = people.get(i)
        return Attendee(i, p.display_name if p else i, (member.role if member and member.role else p.role if p else ""),
                        member is not None, member.voting if member else False, status_of(att, i),
                        list(member.substitutes) if member else [], subs.get(i, ""),
                        [f for s in att.substitutes if s.initials == i for f in s.for_],
                        att.arrived.get(i, ""), att.left.get(i, ""))

    out = [make(m.initials, m) for m in members]
    seen = {a.initials for a in out}
    others = [s.initials for s in att.substitutes] + att.present + att.virtual + att.in_attendance + \
        att.officers + att.other_members + att.apologies + att.absent + \
        [p for it in meeting.all_items() for p in it.presenters]
    for i in dict.fromkeys(others):
        if i not in seen:
            out.append(make(i))
            seen.add(i)
    return out


def gaps(ws: Workspace, meeting: Meeting) -> list[str]:
    """What the draft minutes still lack, item by item, before `render minutes`."""
    from govdocs.minute_numbers import item_label
    from govdocs.rules import rules_for

    out = []
    if not meeting.attendance.recorded:
        out.append("Nobody is marked present yet.")
    raised = {a.item for a in ws.actions_raised_at(meeting)}
    seconded = rules_for(ws.board(meeting.board)).seconded
    for it in meeting.all_items():
        if it.withdrawn or it.kind in MINUTED_FROM_ATTENDANCE or it.sub_items:
            continue
        label = item_label(ws, meeting, it.number)
        label = label[0].upper() + label[1:]
        minute = meeting.minutes.get(it.number)
        if not (minute and (minute.text.strip() or minute.decisions)) and it.number not in raised:
            out.append(f"{label} has no minute.")
        for n, d in enumerate(minute.decisions if minute else [], start=1):
            if d.outcome in NO_SECONDER_NEEDED:
                continue
            if seconded and not d.seconder:
                out.append(f"{label}: decision {n} has no seconder.")
            if seconded and not d.proposer:
                out.append(f"{label}: decision {n} has no proposer.")
    out += [f"Action {a.id} has no owner." for a in ws.actions_raised_at(meeting) if not a.owners]
    return out


def is_open_for_minuting(meeting: Meeting, day: str) -> str:
    """'' when the meeting page is open, else why not: from the meeting's day until its minutes are approved."""
    if meeting.cancelled:
        return f"The meeting of {meeting.date} was cancelled ({meeting.cancelled})."
    if meeting.minutes_approved_at:
        return (f"The minutes of {meeting.date} were approved at the meeting of {meeting.minutes_approved_at}; "
                "they can no longer change here.")
    if day < meeting.date:
        return f"The meeting page opens on the day of the meeting, {meeting.date}."
    return ""
