"""Declarations of interest as minutes word them: "Councillors Martin Lawton and Pat Midgley declared
prejudicial interests in item 11 on the agenda (Budget Report), as Members of …" — who declared, the
item or minute it concerns (as printed, or "this item"), and the interest in the minutes' words."""
from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")
ABOUT = r"(?:in|on|regarding|relating\s+to|in\s+relation\s+to|in\s+respect\s+of|with\s+regard\s+to)\b"
DECLARED = re.compile(r"\b(?:both\s+|each\s+|also\s+|similarly\s+)*(?:declared|disclosed)\s+(?:an?\s+)?"
                      r"(?P<kind>(?:(?!(?:in|on|interests?|regarding|that)\b)[\w-]+,?\s+){0,5})"
                      r"(?P<int>interests?\b\s*)?(?P<rest>.*)$", re.I | re.S)
REF = re.compile(r"\b(?:agenda\s+)?(?P<what>items?|minutes?)\s*(?:no\.?|number)?\s*(?P<ref>[A-Z]{0,5}\d[\w/.]*?"
                 r"(?:\s*\([a-z0-9]{1,3}\))?)(?=[\s,;:)(–-]|\.?$)", re.I)
HERE = re.compile(r"\b(?:in|on)\s+(?:this|the|that)\s+(?:item|matter|application|report)\b", re.I)
PLURAL_TITLE = re.compile(r"^\s*(?:the\s+)?(?:Councillors|Cllrs)\.?\s+", re.I)
PIECES = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
TITLED = re.compile(r"\b(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Prof|Professor)\b\.?\s+[A-Z]")
REFERS = re.compile(r"\s*\((?:see\s+)?(?:agenda\s+)?(?:item|minute)(?:[^()]|\([^)]*\))*\)", re.I)
REASON = re.compile(r"^[\s,;:–-]*(?:(?:on\s+the\s+agenda|refers)\b[\s,)]*)?")


@dataclass
class Declared:
    who: list[str]  # names (or initials) as printed
    ref: str  # the item or minute number as printed; '' when the sentence names none
    here: bool  # "in the item", "in this matter": the item the sentence is minuted under (or whose number it gave)
    interest: str  # e.g. "Prejudicial interest, as Members of Manor Castle Development Trust, and did not …"
    sentence: str


def declarations_in(text: str) -> list[Declared]:
    """Every declaration stated in `text`, in order; sentences that only say none were made give nothing."""
    out = []
    for sentence in SENTENCE.split(re.sub(r"\s+", " ", text).strip()):
        m = DECLARED.search(sentence)
        if not m or re.search(r"\b(?:no|none|nil)\b[^.]*\bdeclar|\bdeclared\s+(?:no|none)\b", sentence, re.I):
            continue
        before, kind, rest = sentence[:m.start()], m.group("kind"), m.group("rest")
        if not m.group("int") and not re.match(ABOUT, rest, re.I):
            continue  # "declared that …": not an interest
        who = names_before(before)
        if not who:
            continue
        ref, tail = ref_in(rest) if re.match(ABOUT + r"\s+(?:the\s+)?" + REF.pattern, rest, re.I) else ("", None)
        if not ref:  # "in the item …", "in this matter … (minute no. 16 (b) refers)", or the number before
            tail = REFERS.sub("", rest)
            ref = ref_in(rest)[0] or ref_in(before)[0]
        here = bool(HERE.match(rest.strip())) or not rest.strip()
        out.append(Declared(who=who, ref=ref, here=here, interest=interest_words(kind, tail or ""),
                            sentence=sentence))
    return out


def names_before(before: str) -> list[str]:
    """The people in the clause before "declared": the last comma-free run of names, titles kept."""
    clause = re.split(r"[;:]|\b(?:refers|item\s+\S+)\)?,", before)[-1]
    plural = bool(PLURAL_TITLE.match(clause))
    clause = PLURAL_TITLE.sub("", clause)
    names: list[str] = []
    chair = False  # "The Chair declared …": the meeting's chair, when no name is given
    for piece in PIECES.split(clause):
        piece = piece.strip(" ().")
        titled = TITLED.search(piece)
        if titled:  # "During consideration of application 09/1300M Councillor D Brown": from the title on
            piece = piece[titled.start():]
        elif re.fullmatch(r"the\s+(?:chair|chairman|chairwoman|chairperson)", piece, re.I):
            chair = True
            continue
        elif not plural and not re.fullmatch(r"[A-Z][A-Za-z]{1,4}|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}", piece):
            continue  # a bare surname or a phrase is not a name the minutes would give alone
        piece = re.sub(r"\s+(?:both|each|also|similarly)$", "", piece, flags=re.I)
        if piece and len(piece.split()) <= 6:
            names.append(f"Councillor {piece}" if plural and not titled else piece)
    return names or (["the Chair"] if chair else [])


def ref_in(text: str) -> tuple[str, str | None]:
    """The first item or minute number in `text` and the words after it (its printed title in brackets and
    "on the agenda" dropped)."""
    m = REF.search(text)
    if not m:
        return "", None
    tail = text[m.end():]
    tail = re.sub(r"^\s*(?:on\s+the\s+agenda\s*)?(?:\([^)]*\)|[–-]\s*[^,;]*)?", "", tail, count=1)
    return re.sub(r"\s+", "", m.group("ref")).rstrip("."), tail


def interest_words(kind: str, tail: str) -> str:
    kind = re.sub(r"[\s,]+$", "", kind).strip()
    tail = REASON.sub("", HERE.sub("", tail, count=1) if HERE.match(tail.strip()) else tail).strip().rstrip(".")
    head = f"{kind[:1].upper()}{kind[1:]} interest" if kind else "Interest"
    return f"{head}, {tail}" if tail else head


def same_number(a: str, b: str) -> bool:
    """'16 (b)', '16(b)', '16b' and '16.b' are one item number."""
    def flat(s: str) -> str:
        return re.sub(r"[\s().]", "", s).lower()
    return flat(a) == flat(b)
