"""Attendance as it happens: who was there, who chaired, who could vote, substitutes, arrivals and departures,
and the checks that keep those facts consistent."""
from __future__ import annotations

from dataclasses import dataclass, field

from govdocs.edit.boards import require_person
from govdocs.edit.checks import refuse_if_approved
from govdocs.errors import UsageProblem
from govdocs.model import Meeting
from govdocs.store import history, yamlio
from govdocs.store.change import Change
from govdocs.store.workspace import Workspace


@dataclass(kw_only=True)
class Taken:
    """What a clerk records of who was there: each list adds to what the meeting already has."""
    present: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    substitutes: list[tuple[str, list[str]]] = field(default_factory=list)  # (substitute, for whom)
    virtual: list[str] = field(default_factory=list)
    in_attendance: list[str] = field(default_factory=list)
    other_members: list[str] = field(default_factory=list)  # councillors attending who are not members
    officers: list[str] = field(default_factory=list)
    declarations: list[tuple[str, str, str]] = field(default_factory=list)  # (initials, item, interest)
    absent: list[str] = field(default_factory=list)
    chair: str = ""
    public: int | None = None
    arrived: list[tuple[str, str]] = field(default_factory=list)  # (initials, HH:MM)
    left: list[tuple[str, str]] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)  # taken out of every list first: ticked in error, or moved
    undeclared: list[tuple[str, str]] = field(default_factory=list)  # (initials, item): declarations recorded in error


LISTS = ("present", "virtual", "apologies", "absent", "in_attendance", "other_members", "officers")


def record_attendance(ws: Workspace, meeting: Meeting, taken: Taken) -> Change:
    from govdocs.dates import parse_time

    refuse_if_approved(meeting, "attendance")
    present, apologies, substitutes = taken.present, taken.apologies, taken.substitutes
    virtual, in_attendance, declarations = taken.virtual, taken.in_attendance, taken.declarations
    absent, chair, public, arrived, left = taken.absent, taken.chair, taken.public, taken.arrived, taken.left
    others, officers = taken.other_members, taken.officers
    everyone = taken.cleared + present + apologies + virtual + in_attendance + others + officers + absent + \
        [s for s, _ in substitutes] + \
        [f for _, fs in substitutes for f in fs] + [d[0] for d in declarations or []] + ([chair] if chair else []) + \
        [i for i, _ in arrived + left] + [i for i, _ in taken.undeclared]
    for i in everyone:
        require_person(ws, i)
    if not everyone and public is None:
        raise UsageProblem("say who attended: --present, --apologies, --virtual, --substitute, --in-attendance, "
                           "--other-members or --officers")
    att = _without(meeting.attendance, taken.cleared)  # what is already recorded counts too: this adds to it
    seen: dict[str, str] = {}
    for label, group in [("present", att.present + present), ("virtual", att.virtual + virtual),
                         ("apologies", att.apologies + apologies), ("absent", att.absent + absent),
                         ("in attendance", att.in_attendance + in_attendance),
                         ("another member present", att.other_members + others),
                         ("an officer", att.officers + officers)]:
        for i in dict.fromkeys(group):
            if i in seen:
                raise UsageProblem(f"{i} is listed as both {seen[i]} and {label}")
            seen[i] = label
    check_substitutes(ws, meeting, att.substitutes_pairs() + substitutes)
    there = set(att.there + present + virtual + [s for s, _ in substitutes])
    if chair and chair not in there:
        raise UsageProblem(f"{chair} is named as chair of the meeting but is not recorded as present")
    # anyone attending can arrive late or leave early: members, and councillors or officers in attendance
    attending = there | set(att.attending + in_attendance + others + officers)
    for i, _ in arrived + left:
        if i not in attending:
            raise UsageProblem(f"{i} arrived or left during the meeting but is not recorded as attending; "
                               f"record them with --present, --in-attendance, --other-members or --officers")
    if public is not None and public < 0:
        raise UsageProblem("--public should be the number of members of the public present")
    arrived = [(i, parse_time(t, "--arrived")) for i, t in arrived]
    left = [(i, parse_time(t, "--left")) for i, t in left]
    from govdocs.minute_numbers import item_for

    # an interest is declared on the item as the minutes number it (25), or by its agenda number (3)
    declarations = [(i, item_for(ws, meeting, str(item)), t) for i, item, t in declarations or []]
    ch = Change(ws, f"Attendance recorded for the {meeting.board} meeting of {meeting.date}",
                history.trailer("attendance", f"{meeting.board}/{meeting.date}"))
    doc = ch.edit(meeting.folder / "attendance.yaml", default=dict)
    _clear(doc, taken.cleared)
    _undeclare(ws, meeting, doc, taken.undeclared)

    def merge(key: str, values: list):
        if not values:
            return
        cur = yamlio.list_in(doc, key)
        for v in values:
            if v not in cur:
                cur.append(v)

    merge("present", present)
    merge("virtual", virtual)
    merge("apologies", apologies)
    merge("in_attendance", in_attendance)
    merge("other_members", others)
    merge("officers", officers)
    if substitutes:
        merge("substitutes", [yamlio.to_yaml({"initials": s, "for": fs}) for s, fs in substitutes])
    if declarations:
        merge("declarations", [yamlio.to_yaml({"initials": i, "item": str(it), "interest": t})
                               for i, it, t in declarations])
    merge("absent", absent)
    if chair:
        doc["chair"] = chair
    if public is not None:
        doc["public"] = public
    for key, pairs in (("arrived", arrived), ("left", left)):
        if pairs:
            times = yamlio.map_in(doc, key)
            for i, t in pairs:
                times[yamlio.key(i)] = yamlio.to_yaml(t)
    _snapshot_people(ws, doc, everyone)
    if not doc.get("board_name"):  # documents of this meeting keep the board's name and membership of the day
        board = ws.board(meeting.board)
        doc["board_name"] = board.name
        on_day = board.members_on(meeting.date)
        doc["members"] = yamlio.to_yaml([m.initials for m in on_day]) if on_day else None
        if doc["members"] is None:
            del doc["members"]
    return ch


def _without(att, cleared: list[str]):
    """The attendance as it stands once the cleared people are taken out of it."""
    from dataclasses import replace

    if not cleared:
        return att
    gone = set(cleared)
    lists = {k: [i for i in getattr(att, k) if i not in gone] for k in LISTS}
    return replace(att, **lists, substitutes=[s for s in att.substitutes if s.initials not in gone],
                   arrived={i: t for i, t in att.arrived.items() if i not in gone},
                   left={i: t for i, t in att.left.items() if i not in gone})


def _undeclare(ws: Workspace, meeting: Meeting, doc, undeclared: list[tuple[str, str]]) -> None:
    """Take out declarations recorded in error: each must be there to be taken out."""
    from govdocs.minute_numbers import item_for

    lst = doc.get("declarations")
    for who, item in undeclared:
        number = item_for(ws, meeting, str(item))
        found = [n for n, d in enumerate(lst or []) if isinstance(d, dict) and str(d.get("initials")) == who
                 and str(d.get("item")) == number]
        if not found:
            raise UsageProblem(f"{who} made no declaration on item {item} of the {meeting.date} meeting")
        for n in reversed(found):
            del lst[n]
    if undeclared and not lst:
        del doc["declarations"]


def _clear(doc, cleared: list[str]) -> None:
    """Take people out of every list of attendance.yaml (their declarations stay: they were made)."""
    gone = set(cleared)
    for key in (*LISTS, "substitutes"):
        lst = doc.get(key)
        if isinstance(lst, list):
            for n in reversed(range(len(lst))):
                who = lst[n].get("initials") if isinstance(lst[n], dict) else lst[n]
                if str(who) in gone:
                    del lst[n]
    for key in ("arrived", "left"):
        if isinstance(doc.get(key), dict):
            for k in [k for k in doc[key] if str(k) in gone]:
                del doc[key][k]
    for key in (*LISTS, "substitutes", "arrived", "left"):
        if key in doc and not doc[key]:
            del doc[key]


def voting_members(ws: Workspace, meeting: Meeting) -> set[str]:
    """Who could vote: members of the board on the day who were there, and substitutes standing in for members."""
    att = meeting.attendance
    board = ws.board(meeting.board)
    members = set(att.members) or {m.initials for m in board.members_on(meeting.date)}
    members -= {m.initials for m in board.members if not m.voting}
    voters = {i for i in att.present + att.virtual if i in members}
    voters |= {s.initials for s in att.substitutes if any(f in members for f in s.for_)}
    return voters


def check_vote(ws: Workspace, meeting: Meeting, proposer: str, seconder: str, vote, item: str = "",
               named: dict[str, list[str]] | None = None, casting: bool = False) -> str:
    """Proposer, seconder and every named voter were there and could vote, and none of them had declared a
    pecuniary interest in the item; a vote counts no more people than could vote; a casting vote breaks a tie.
    Returns who gave the casting vote (the meeting's chair), or ''."""
    if proposer and proposer == seconder:
        raise UsageProblem(f"{proposer} cannot both propose and second; the seconder is another member")
    named = {k: v for k, v in (named or {}).items() if v}
    everyone = [i for names in named.values() for i in names]
    twice = sorted({i for i in everyone if everyone.count(i) > 1})
    if twice:
        raise UsageProblem(f"{', '.join(twice)} cannot vote two ways on one decision")
    counts = vote if isinstance(vote, tuple) else None
    if named:
        listed = tuple(len(named.get(k, [])) for k in ("for", "against", "abstained"))
        if counts and counts != listed:
            raise UsageProblem(f"--vote {','.join(map(str, counts))} does not match the names given "
                               f"({','.join(map(str, listed))})")
        counts = listed
    chair = meeting.attendance.chair or ws.board(meeting.board).chair()
    if casting:
        if not counts:
            raise UsageProblem("a casting vote breaks a tie: give the vote (--vote or --for/--against) as well")
        if counts[0] != counts[1]:
            raise UsageProblem(f"a casting vote is only used when the votes are equal ({counts[0]} for, "
                               f"{counts[1]} against)")
        if not chair:
            raise UsageProblem("the meeting has no chair to give a casting vote; record who chaired it with "
                               "'govdocs attendance DATE --chair INITIALS'")
    if not meeting.attendance.recorded:
        return chair if casting else ""  # nothing to check against yet; `check` looks again once it is recorded
    voters = voting_members(ws, meeting)
    barred = pecuniary_interests(meeting, item)
    for role, who in [("proposer", proposer), ("seconder", seconder)] + [(f"voter ({k})", i) for k, names in
                                                                         named.items() for i in names]:
        if who and who not in voters:
            raise UsageProblem(f"the {role} {who} was not present as a voting member of the {meeting.date} meeting")
        if who and who in barred:
            raise UsageProblem(f"the {role} {who} declared a pecuniary interest in item {item} and may not propose, "
                               "second or vote on it")
    if counts and sum(counts) > len(voters):
        raise UsageProblem(f"the vote counts {sum(counts)} but only {len(voters)} voting members were present")
    if casting and chair not in voters:
        raise UsageProblem(f"the chair {chair} was not present as a voting member to give a casting vote")
    return chair if casting else ""


def pecuniary_interests(meeting: Meeting, item: str) -> set[str]:
    """Who declared a disclosable pecuniary (or prejudicial) interest in this item, or in the item it is under."""
    if not item:
        return set()
    out = set()
    for d in meeting.attendance.declarations:
        text = d.interest.lower().replace("-", " ")
        if d.item in (item, item.rstrip("abcdefghijklmnopqrstuvwxyz")) and \
                ("pecuniary" in text and "non pecuniary" not in text or "prejudicial" in text):
            out.add(d.initials)
    return out


def check_substitutes(ws: Workspace, meeting: Meeting, pairs: list[tuple[str, list[str]]]) -> None:
    """A substitute stands in only for a member who named them, and a member has one substitute at most."""
    board = ws.board(meeting.board)
    covered: dict[str, str] = {}
    for sub, members in pairs:
        for m in members:
            member = board.member(m)
            if member is None:
                raise UsageProblem(f"{sub} cannot substitute for {m}: {m} is not a member of {board.slug}")
            if sub not in member.substitutes:
                named = ", ".join(member.substitutes) or "none"
                raise UsageProblem(f"{sub} is not a named substitute for {m} (named: {named}); add them with "
                                   f"'govdocs member add {board.slug} {m} --substitute {sub}'")
            if covered.get(m, sub) != sub:
                raise UsageProblem(f"{m} has two substitutes ({covered[m]} and {sub}); a member has one at most")
            covered[m] = sub


def _snapshot_people(ws: Workspace, doc, initials: list[str]) -> None:
    """Names, roles and organisations as they are when attendance is recorded: the minutes keep showing
    people as they were at the meeting, whatever people.yaml says later."""
    people = yamlio.map_in(doc, "people")
    for i in initials:
        if i in people or i not in ws.people:
            continue
        p = ws.people[i]
        people[yamlio.key(i)] = yamlio.to_yaml({"name": p.name, "role": p.role, "org": p.org})
