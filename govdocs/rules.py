"""The rules that differ by kind of body, as data: one named rule set per kind, looked up once.

- principal: a principal council's committee (LGA 1972 s.100A-D): five clear working days' notice of
  agenda and reports (s.100B(3)), exclusion under Schedule 12A, decisions RESOLVED; key-decision
  notice (SI 2012/2089) only for an executive.
- parish: a parish or town council: the summons three clear days before (Sch 12 para 10), counting
  Saturdays but not Sundays, bank holidays or the Christmas and Easter breaks (s.243); the public
  excluded under the Public Bodies (Admission to Meetings) Act 1960 s.1(2).
- nhs: an NHS board under its standing orders and the 1960 Act; Part 2 is "confidential".
- partnership: a non-statutory partnership board under its terms of reference: members agree
  rather than resolve, and confidential items are taken by agreement.
"""
from __future__ import annotations

from dataclasses import dataclass

from govdocs.errors import UsageProblem


@dataclass(frozen=True)
class Rules:
    kind: str
    clear_days: int
    counting: str  # "working", "calendar" or "parish" (s.243: Saturdays count)
    notice: str  # what must go out by the deadline
    notice_basis: str
    exclusion_basis: str  # the law or rule under which the public is excluded
    decision_word: str
    key_decisions: bool  # whether key-decision notice can apply (only an executive's)
    part1_heading: str  # over the public business, where the body's agendas print one
    part2_heading: str  # over the business taken with the public excluded
    rag_scale: str  # "five" (Kingston's red to completed) or "brag" (blue for complete)
    summons: str = ""  # the line that summons members, where the law has one (a parish: Sch 12 para 10(2)(b))


RULES = {
    "principal": Rules("principal", 5, "working", "Agenda and reports published", "LGA 1972 s.100B(3)",
                       "Part 1 of Schedule 12A to the Local Government Act 1972", "RESOLVED", True,
                       "", "Part 2 — exempt items (not for publication)", "five"),
    "parish": Rules("parish", 3, "parish", "Summons and agenda sent to members",
                    "LGA 1972 Sch 12 para 10; clear days counted under s.243",
                    "the Public Bodies (Admission to Meetings) Act 1960 s.1(2), by reason of the confidential "
                    "nature of the business to be transacted", "RESOLVED", False,
                    "", "Part 2 — confidential business (press and public excluded)", "five",
                    "Members of the Council are summoned to attend this meeting to transact the business on the "
                    "agenda below."),
    "nhs": Rules("nhs", 3, "working", "Agenda and papers published", "the board's standing orders",
                 "the Public Bodies (Admission to Meetings) Act 1960 s.1(2), the business being confidential",
                 "RESOLVED", False, "Part 1 (Public)", "Part 2 (Confidential) — not for publication", "brag"),
    "partnership": Rules("partnership", 5, "working", "Agenda and papers circulated", "the board's terms of reference",
                         "the agreement of the Board, the business being confidential", "AGREED", False,
                         "", "Confidential items (by agreement of the Board)", "five"),
}


def rules_for(board) -> Rules:
    """The board's rule set, with its own settings (clear days, counting) where it has them."""
    from dataclasses import replace

    base = RULES.get(board.rules or "principal", RULES["principal"])
    own_count = board.publication_count_set or board.publication_count != "working"
    own_days = board.publication_days_set or board.publication_days != 5
    counting = board.publication_count if own_count else base.counting
    days = board.publication_days if own_days else base.clear_days
    return replace(base, clear_days=days, counting=counting, key_decisions=base.key_decisions and board.executive,
                   rag_scale=board.rag_scale if board.rag_scale in ("five", "brag") else base.rag_scale)


def check_kind(kind: str) -> str:
    if kind not in RULES:
        raise UsageProblem(f"--rules {kind!r} should be one of {', '.join(RULES)}")
    return kind
