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

import re
from dataclasses import dataclass, replace
from typing import Any

from govdocs.errors import UsageProblem
from govdocs.model import EXEMPT_PARAGRAPHS

EXCLUSION_TEXT = (
    "To exclude the public from the meeting under Section 100A(4) of the Local Government Act 1972 on the "
    "grounds that it is likely that exempt information, as defined in the paragraph(s) of Part 1 of "
    "Schedule 12A to the Act shown against each item, would be disclosed, and that the public interest in "
    "maintaining the exemption outweighs the public interest in disclosing the information."
)
DECLARATIONS_TEXT = ("Members of the Board are invited to declare any disclosable pecuniary interests and any "
                     "other non-pecuniary interests (personal interests) relevant to items on this agenda.")


def standing_item(kind: str, title: str, position: str = "start", purpose: str = "", text: str = "") -> dict:
    out = {"kind": kind, "title": title, "position": position}
    if purpose:
        out["purpose"] = purpose
    if text:
        out["text"] = text
    return out


# The standing items each kind of body starts with, from real agendas: the Kingston Health and Wellbeing
# Board front sheet (principal), a parish council summons, an ICB board agenda and a SEND partnership board.
QUESTIONS = standing_item("questions", "Questions", text="A question and answer session at the start of the meeting; "
                  "advance notice of questions is encouraged.")
PRINCIPAL_ITEMS = (
    standing_item("apologies", "Apologies for Absence and Attendance of Substitute Members"),
    standing_item("declarations", "Declarations of Interest", text=DECLARATIONS_TEXT),
    standing_item("minutes", "Minutes", purpose="To confirm"),
    standing_item("action-log", "Action Log", purpose="To note",
          text="Progress on the actions of previous meetings; the full action log is circulated with the agenda."),
    standing_item("urgent", "Urgent Items Authorised by the Chair", position="end"),
    standing_item("exclusion", "Exclusion of the Press and Public", position="end", text=EXCLUSION_TEXT),
)
PARISH_ITEMS = (
    standing_item("apologies", "Apologies for Absence", purpose="To receive and approve"),
    standing_item("declarations", "Declarations of Interest and Requests for Dispensations",
          text="Members are invited to declare any disclosable pecuniary or other interests in items on "
               "this agenda, and to consider any written requests for dispensations."),
    standing_item("questions", "Public Participation",
          text="A period of up to 15 minutes for members of the public to address the council."),
    standing_item("minutes", "Minutes of the Previous Meeting", purpose="To approve and sign"),
    standing_item("action-log", "Clerk's Report and Matters Arising", purpose="To note"),
    standing_item("next-agenda", "Items for the Next Agenda", position="end"),
    standing_item("next-meeting", "Date of the Next Meeting", position="end"),
    standing_item("exclusion", "Exclusion of the Press and Public", position="end"),
)
NHS_ITEMS = (
    standing_item("apologies", "Welcome and Apologies for Absence"),
    standing_item("declarations", "Declarations of Interest",
          text="Members are asked to declare any interests in items on this agenda, in line with the "
               "board's standards of business conduct."),
    standing_item("minutes", "Minutes of the Previous Meeting", purpose="To approve"),
    standing_item("action-log", "Action Log", purpose="To note"),
    standing_item("aob", "Any Other Business", position="end"),
    standing_item("next-meeting", "Date of the Next Meeting", position="end"),
    standing_item("exclusion", "Resolution to Exclude the Press and Public", position="end"),
)
PARTNERSHIP_ITEMS = (
    standing_item("apologies", "Welcome, Introductions and Apologies"),
    standing_item("declarations", "Declarations of Interest", text=DECLARATIONS_TEXT),
    standing_item("minutes", "Minutes and Actions of the Previous Meeting", purpose="To agree"),
    standing_item("action-log", "Action Log", purpose="To note"),
    standing_item("aob", "Any Other Business", position="end"),
    standing_item("exclusion", "Confidential Business", position="end"),
)


@dataclass(frozen=True)
class Rules:
    kind: str
    clear_days: int
    counting: str  # "working", "calendar" or "s243" (LGA 1972 s.243: Saturdays count)
    notice: str  # what must go out by the deadline
    notice_basis: str
    exclusion_basis: str  # the law or rule under which the public is excluded
    decision_word: str
    key_decisions: bool  # whether key-decision notice can apply (only an executive's)
    part1_heading: str  # over the public business, where the body's agendas print one
    part2_heading: str  # over the business taken with the public excluded
    rag_scale: str  # "five" (Kingston's red to completed) or "brag" (blue for complete)
    exemption: str  # "paragraph": a Schedule 12A paragraph; "reason": a stated reason (1960 Act, standing orders)
    standing_items: tuple[dict, ...]  # what a new board of this kind starts with
    questions_optional: bool = True  # whether `board add --questions` adds a question time
    states_publication: bool = False  # a new board's file spells out its clear days (a constitution may differ)
    summons: str = ""  # the line that summons members, where the law has one (a parish: Sch 12 para 10(2)(b))
    late_item_law: str = ""  # what lets business be added after publication, where the law says (s.100B(4)(b))
    seconded: bool = False  # a motion is moved and seconded (councils' standing orders), not just agreed

    def read_exemption(self, value: Any) -> tuple[int | None, str, str]:
        """(paragraph, reason, problem) from the record's `exempt:`; anything unclear is a problem, never
        "not exempt": public documents refuse until a person says which paragraph or reason applies."""
        if value is None or value is False or value == "":
            return None, "", ""
        if self.exemption == "reason":
            text = value.strip() if isinstance(value, str) else ""
            if len(re.findall(r"[A-Za-z]", text)) >= 3 and text.lower() not in ("yes", "true", "exempt",
                                                                             "confidential?"):
                return None, text, ""
            return None, "", f"exempt {value!r} does not say why the business is confidential (give a short reason)"
        if isinstance(value, int) and not isinstance(value, bool) and value in EXEMPT_PARAGRAPHS:
            return value, "", ""
        if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 1 \
                and int(value.strip()) in EXEMPT_PARAGRAPHS:
            return int(value.strip()), "", ""
        return None, "", f"exempt {value!r} is not a paragraph of Schedule 12A (1 to 7)"

    def exemption_option(self, value: Any) -> int | str | None:
        """--exempt as a clerk types it: the paragraph or the reason the record will hold."""
        if value is None or value == "":
            return None
        paragraph, reason, problem = self.read_exemption(str(value).strip())
        if problem and self.exemption == "reason":
            raise UsageProblem(f"--exempt {value!r}: say why the business is confidential, e.g. 'Staffing matter' "
                               f"({self.exclusion_basis})")
        if problem or paragraph is None and not reason:
            raise UsageProblem(f"--exempt {value}: Schedule 12A Part 1 has paragraphs 1 to 7 (the paragraph under "
                               "which the public is excluded)")
        return paragraph if paragraph is not None else reason

    def default_standing_items(self, questions: bool = False) -> list[dict]:
        extra = [dict(QUESTIONS)] if questions and self.questions_optional else []
        return extra + [dict(x) for x in self.standing_items]


RULES = {
    "principal": Rules("principal", 5, "working", "Agenda and reports published", "LGA 1972 s.100B(3)",
                       "Part 1 of Schedule 12A to the Local Government Act 1972", "RESOLVED", True,
                       "", "Part 2 — exempt items (not for publication)", "five", "paragraph", PRINCIPAL_ITEMS,
                       states_publication=True, late_item_law="Local Government Act 1972, s.100B(4)(b)",
                       seconded=True),
    "parish": Rules("parish", 3, "s243", "Summons and agenda sent to members",
                    "LGA 1972 Sch 12 para 10; clear days counted under s.243",
                    "the Public Bodies (Admission to Meetings) Act 1960 s.1(2), by reason of the confidential "
                    "nature of the business to be transacted", "RESOLVED", False,
                    "", "Part 2 — confidential business (press and public excluded)", "five", "reason",
                    PARISH_ITEMS, questions_optional=False, seconded=True,
                    summons="Members of the Council are summoned to attend this meeting to transact the business "
                            "on the agenda below."),
    "nhs": Rules("nhs", 3, "working", "Agenda and papers published", "the board's standing orders",
                 "the Public Bodies (Admission to Meetings) Act 1960 s.1(2), the business being confidential",
                 "RESOLVED", False, "Part 1 (Public)", "Part 2 (Confidential) — not for publication", "brag",
                 "reason", NHS_ITEMS),
    "partnership": Rules("partnership", 5, "working", "Agenda and papers circulated", "the board's terms of reference",
                         "the agreement of the Board, the business being confidential", "AGREED", False,
                         "", "Confidential items (by agreement of the Board)", "five", "reason", PARTNERSHIP_ITEMS),
}


def resolve(board) -> Rules:
    """The board's rule set, with its own settings (clear days, counting, RAG scale) where it has them."""
    base = RULES.get(board.rules or "principal", RULES["principal"])
    own_count = board.publication_count_set or board.publication_count != "working"
    own_days = board.publication_days_set or board.publication_days != 5
    counting = board.publication_count if own_count else base.counting
    days = board.publication_days if own_days else base.clear_days
    return replace(base, clear_days=days, counting=counting, key_decisions=base.key_decisions and board.executive,
                   decision_word=getattr(board, "decision_word", "") or base.decision_word,
                   rag_scale=board.rag_scale if board.rag_scale in ("five", "brag") else base.rag_scale)


def rules_for(board) -> Rules:
    """The rule set resolved when the board was loaded (or now, for a board built by hand)."""
    return board.law if board.law is not None else resolve(board)


def check_kind(kind: str) -> str:
    if kind not in RULES:
        raise UsageProblem(f"--rules {kind!r} should be one of {', '.join(RULES)}")
    return kind
