"""What an item's minute decided and who was asked to act: RESOLVED / AGREED / NOTED / RECEIVED
paragraphs with their proposer, seconder and vote, the approval of earlier minutes, "Action: … – XX"
lines, and the sentence of a row that an Action column's initials belong to."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from govdocs.imports.wording import find_date

WORDS = r"RESOLVED|AGREED|NOTED|RECEIVED|DECIDED|DECISION|Resolved|Agreed|Decided|Decision|Noted|Received"
DECISION = re.compile(r"^(?:(?:it\s+was|the\s+(?:board|committee|council|panel|meeting))\s+)?(?P<w>" + WORDS +
                      r")\b(?P<sep>\s*[:–—-]\s*|\s+(?=that\b)|\s*$|\s+(?=[A-Z(]))(?P<rest>.*)$", re.S)
ACTION = re.compile(r"^\s*\**actions?\**\s*(?:point)?\s*[:–-]\s*(?P<rest>.+)$", re.I | re.S)
OWNER_AFTER = re.compile(r"\s*(?:[–—-]|\(|\bby\b|\bowner:?)\s*(?P<who>[A-Z][A-Za-z]{1,3}(?:\s*(?:/|,|&|and)\s*"
                         r"[A-Z][A-Za-z]{1,3})*)\)?\.?\s*$")
OWNER_BEFORE = re.compile(r"^(?P<who>[A-Z][A-Za-z]{1,3}(?:\s*(?:/|,|&|and)\s*[A-Z][A-Za-z]{1,3})*)\s+(?:to|will)\s+")
NAME = r"((?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Prof)\.?\s+(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’-]+|[A-Z][a-z][\w'’-]*" \
       r"(?:\s+[A-Z][\w'’-]+){1,2}|[A-Z]{2,4})"
PROPOSED = re.compile(r"(?:proposed|moved)\s+by\s+" + NAME + r"[\s,]+(?:and\s+)?seconded\s+by\s+" + NAME)
PROPOSED_2 = re.compile(NAME + r"\s+(?:proposed|moved)\b[^.]*?(?:seconded\s+by\s+|and\s+)" + NAME +
                        r"(?:\s+seconded)?")
COUNTS = re.compile(r"(\d+)\s+(?:votes\s+)?(?:in\s+favour|for)[,;\s]+(\d+)\s+against(?:[,;\s]+(?:and\s+)?(\d+)\s+"
                    r"abstentions?)?", re.I)
APPROVAL = re.compile(r"minutes\s+of\s+the\s+(?:\w+\s+){0,4}?meetings?\s+(?:of\s+the\s+[\w\s]+?\s+)?(?:held\s+)?"
                      r"(?:on\s+)?(?:the\s+)?(?P<rest>.{0,200})", re.I | re.S)
APPROVED = re.compile(r"approv|agreed|confirm|signed|accepted|(?:true|correct|accurate)\s+record", re.I)


@dataclass
class Found:
    text: str
    word: str
    proposer: str = ""  # as printed
    seconder: str = ""
    vote: tuple[int, int, int] | str | None = None
    approves: list[str] = field(default_factory=list)


@dataclass
class Acts:
    owners: list[str]
    text: str


@dataclass
class Minute:
    blocks: list[str] = field(default_factory=list)
    decisions: list[Found] = field(default_factory=list)
    actions: list[Acts] = field(default_factory=list)


def read_minute(blocks: list[str]) -> Minute:
    """An item's blocks sorted into its text, its decisions and its actions."""
    out = Minute()
    waiting: Found | None = None  # "RESOLVED:" alone, the decision in the block after it
    for block in blocks:
        if waiting is not None:
            waiting.text = tidy(block)
            out.decisions.append(waiting)
            waiting = None
            continue
        d = DECISION.match(re.sub(r"^- ", "", block))
        if d and (d.group("w").isupper() or d.group("sep").strip() or d.group("rest").lower().startswith("that")):
            found = Found(text=tidy(d.group("rest")), word=d.group("w").lower())
            if not found.text:
                waiting = found
            else:
                out.decisions.append(found)
            continue
        a = ACTION.match(block)
        if a:
            who, text = owners_of(a.group("rest"))
            out.actions.append(Acts(who, text))
            continue
        out.blocks.append(block)
    if waiting is not None:  # "RESOLVED" with nothing after it stays as the text it is
        out.blocks.append(waiting.word.upper())
    whole = " ".join(blocks)
    for d in out.decisions:
        d.proposer, d.seconder = proposer_seconder(whole)
        d.vote = vote_of(d.text) or vote_of(whole)
        d.approves = approved_dates(d.text)
    return out


def tidy(text: str) -> str:
    text = re.sub(r"^[\s:–—-]+", "", text).strip()
    return text[:1].upper() + text[1:] if text else ""


def owners_of(text: str) -> tuple[list[str], str]:
    """(owners' initials, the action) from "Circulate the link – AW", "AW to circulate the link"."""
    m = OWNER_AFTER.search(text)
    if m:
        return split_who(m.group("who")), tidy(text[:m.start()])
    m = OWNER_BEFORE.match(text)
    if m:
        return split_who(m.group("who")), tidy(text[m.end():])
    return [], tidy(text)


def split_who(who: str) -> list[str]:
    return [w for w in re.split(r"\s*(?:/|,|&|\band\b)\s*", who) if w]


def proposer_seconder(text: str) -> tuple[str, str]:
    for regex in (PROPOSED, PROPOSED_2):
        m = regex.search(text)
        if m:
            return m.group(1), m.group(2)
    return "", ""


def vote_of(text: str) -> tuple[int, int, int] | str | None:
    m = COUNTS.search(text)
    if m:
        return int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
    if re.search(r"\bunanimous(ly)?\b", text, re.I):
        return "unanimous"
    return None


def approved_dates(text: str) -> list[str]:
    """The dates of the meetings whose minutes this text approves, where it says so ("the minutes of the
    meetings held on 26th January 2021 and … 23rd February 2021 were approved")."""
    m = APPROVAL.search(text)
    if not m or not APPROVED.search(text[m.start():]):
        return []
    out, rest = [], text[m.start():]
    while (found := find_date(rest)) is not None:
        out.append(found[0])
        rest = rest[found[1][1]:]
    return out


REPORTED = re.compile(r"^\S+\s+(noted|explained|said|reported|asked|introduced|welcomed|presented|talked)\b")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")
WILL = re.compile(r"\b(will|to be|agreed to|asked to|to (?:send|circulate|arrange|update|present|share|resend|bring|"
                  r"provide|report|confirm|contact|review))\b", re.I)


def sentences(blocks: list[str]) -> list[str]:
    return [s.strip() for b in blocks for s in SENTENCE.split(re.sub(r"^[-\d.]+\s+", "", b)) if s.strip()]


def action_text(owner: str, name: str, row: list[str], taken: set[str]) -> str:
    """The sentence of the row an Action column's initials stand beside: one naming the owner and saying
    what they will do, else the first such sentence no other owner has taken, else the row's first."""
    said = [s for s in sentences(row) if s not in taken]
    mine = [s for s in said if (re.search(rf"\b{re.escape(owner)}\b", s) or (name and name in s)) and WILL.search(s)]
    mine.sort(key=lambda s: (not re.search(r"\bwill\b", s), bool(REPORTED.match(s))))
    doing = [s for s in said if WILL.search(s) and not re.match(r"^[A-Z]{2,4}\b", s)]
    for pool in (mine, doing, said):
        if pool:
            return pool[0]
    return ""


def approval_in(title: str, blocks: list[str]) -> tuple[int, list[str]] | None:
    """(which block, the dates) where a minutes item's text records the approval of earlier minutes in words
    rather than as a RESOLVED ("The minutes … were approved unanimously … as a true record")."""
    for i, block in enumerate(blocks):
        dates = approved_dates(block) or (approved_dates(f"{title} {block}") if APPROVED.search(block) else [])
        if dates:
            return i, dates
    return None
