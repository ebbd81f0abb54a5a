"""The quorum: how many voting members are there, at the start or at any moment of the meeting, whether the
board's quorum is met (its number, and the kinds of member it needs), and when a departure lost it.

A late arrival counts from the time they arrived and an early departure until the time they left, so the
minutes and the clerk's meeting page agree on when the meeting stopped being quorate."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Quorum:
    needed: int  # 0: the board sets no quorum
    there: list[str] = field(default_factory=list)  # the voting members counted
    missing: list[str] = field(default_factory=list)  # kinds of member the quorum needs that nobody counted is

    @property
    def met(self) -> bool | None:
        if not self.needed:
            return None
        return len(self.there) >= self.needed and not self.missing


def voting_there(board, att, day: str, at: str | None = None) -> set[str]:
    """The members counted towards the quorum (each substitute counts as the member they stand in for);
    at a time of day, only those who had arrived by it and not yet left."""
    members = set(att.members) if att.members else {m.initials for m in board.members_on(day)}
    members -= {m.initials for m in board.members if not m.voting}  # non-voting members do not count

    def in_room(who: str) -> bool:
        if at is None:
            return True
        return att.arrived.get(who, "00:00") <= at and not (who in att.left and att.left[who] <= at)

    there = {i for i in att.present + att.virtual if i in members and in_room(i)}
    there |= {f for s in att.substitutes for f in s.for_ if f in members and in_room(s.initials)}
    return there


def quorum_at(board, att, day: str, at: str | None = None) -> Quorum:
    there = voting_there(board, att, day, at)
    return Quorum(board.quorum, sorted(there), missing_needs(board, att, there))


def missing_needs(board, att, there: set[str]) -> list[str]:
    """The kinds of member the quorum needs that no voting member present was."""
    missing = []
    for need in board.quorum_needs:
        if need == "chair":
            chairs = {att.chair} if att.chair else {m.initials for m in board.members if m.chair}
            chairs |= {m.initials for m in board.members if "vice" in m.role.lower()}
            if not chairs & there:
                missing.append("the chair or vice-chair")
        elif not any(m.group == need and m.initials in there for m in board.members):
            missing.append(f"a {need} member")
    return missing


def quorum_lost(board, att, day: str) -> tuple[str, list[str]] | None:
    """(time, who left then) of the first departure after which the meeting was no longer quorate, or None:
    the meeting stayed quorate, never was, or the board sets no quorum."""
    if not board.quorum:
        return None
    times = sorted(set(att.arrived.values()) | set(att.left.values()))
    was = quorum_at(board, att, day, "00:00").met
    for t in times:
        now = quorum_at(board, att, day, t).met
        if was and not now:
            return t, sorted(i for i, left in att.left.items() if left == t)
        was = now
    return None
