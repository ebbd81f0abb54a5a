"""A board's house style: how it numbers the parts of an item, words its resolutions and the approval of
the last minutes, groups its attendance, and which documents its pack holds. Each is a setting in
board.yaml, read by the schema (docs/house-style.md shows them together)."""
from __future__ import annotations

import re

PART_STYLES = ("a", "(a)", ".1")
RESOLUTION_STYLES = ("that", "dash", "colon", "heading")
PACK_PARTS = ("minutes", "actions", "forward-plan", "highlight")

# the groups an attendance block can print, with the heading each has unless the board names its own
GROUP_HEADINGS = {
    "present": "Present",
    "virtual": "Present virtually",
    "substitutes": "Substitutes",
    "other_members": "Other Members present",
    "in_attendance": "Also in attendance",
    "officers": "Officers present",
    "apologies": "Apologies",
    "absent": "Absent",
}
DEFAULT_GROUPS = ("present", "virtual", "apologies", "absent", "substitutes", "other_members", "in_attendance",
                  "officers")
APPROVAL_FIELD = re.compile(r"\{(\w*)\}")


def part_label(top: str, part: str, style: str) -> str:
    """How one part of an item prints: 13a, 13(a) or 13.1, from the top number and the record's letter."""
    if not part:
        return top
    if style == "(a)":
        return f"{top}({part})"
    if style == ".1" and len(part) == 1 and part.isalpha():
        return f"{top}.{ord(part) - ord('a') + 1}"
    return f"{top}{part}"


def part_of(ref: str) -> tuple[str, str]:
    """(top, the record's letter) from a part as any body writes it: 13(a), 13a, 13.1; ('13', '') for 13."""
    ref = ref.strip()
    m = re.fullmatch(r"(.+?)\(([a-z])\)", ref, re.I) or re.fullmatch(r"(.*\d)([a-z])", ref, re.I)
    if m:
        return m.group(1), m.group(2).lower()
    m = re.fullmatch(r"(.*\d)\.(\d{1,2})", ref)
    if m and 1 <= int(m.group(2)) <= 26:
        return m.group(1), chr(ord("a") + int(m.group(2)) - 1)
    return ref, ""


def resolution(text: str, word: str, style: str = "that") -> str:
    """A decision as the body writes it: "RESOLVED that …", "RESOLVED – that …", "RESOLVED: That …"."""
    t = text.strip()
    for lead in ("resolved", "agreed", word.lower()):
        if lead and t.lower().startswith(lead):
            t = t[len(lead):].lstrip(" :,-–—")
    that = t[:5].lower() == "that "
    body = t[5:] if that else t
    if not t:
        return word
    if style == "heading":  # the word on a line of its own, the decision beneath as the board writes it
        return f"{word}\n{body[0].upper()}{body[1:]}"
    if style == "colon":
        return f"{word}: That {body}" if that else f"{word}: {body[0].upper()}{body[1:]}"
    if style == "dash":
        return f"{word} – that {body}" if that else f"{word} – {body}"
    return f"{word} that {body}" if that else f"{word}: {body}"


def check_approval_text(text: str) -> str:
    """The approval wording has only the field {date} (the approved meeting's date): never Python formatting."""
    bad = [f for f in APPROVAL_FIELD.findall(text) if f != "date"]
    if bad or "{" in APPROVAL_FIELD.sub("", text) or "}" in APPROVAL_FIELD.sub("", text):
        raise ValueError("approval text may hold only {date} (the approved meeting's date), e.g. "
                         "'The minutes of the {date} meeting were approved.'")
    if len(text) > 400:
        raise ValueError("approval text should be one sentence or two")
    return text


def approval(text: str, date_words: str) -> str:
    return APPROVAL_FIELD.sub(lambda m: date_words, text)


DEFAULT_APPROVAL = "That the minutes of the meeting held on {date} be approved as a correct record and signed by " \
                   "the Chair."
