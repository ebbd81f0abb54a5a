"""People as attendance lists print them: a table row (name, initials, role, organisation), a line
("Dr Avi Bhatia AB Clinical Chair", "Dr Avi Bhatia (AB) Clinical Chair"), or a list in a sentence
("Cllr P Morgan (Chair), Cllr S Mills & Cllr J Clark")."""
from __future__ import annotations

import re

from govdocs.imports.people import name_words
from govdocs.imports.shapes import Entry

TITLE = r"(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Revd?|Reverend|Canon|Lord|Lady)\.?"
ROLE_WORDS = {"chief", "director", "head", "manager", "officer", "member", "lead", "representative", "principal",
              "headteacher", "headmaster", "clerk", "chair", "chairman", "gp", "consultant", "executive", "interim",
              "associate", "senior", "service", "strategic", "programme", "participation", "designated", "lay",
              "non-executive", "deputy", "assistant", "nursery", "parent", "vice", "secretary", "treasurer",
              "governing", "medical", "nurse", "portfolio", "cabinet", "leader", "mayor", "democratic", "committee",
              "corporate", "finance", "healthwatch", "public", "council", "borough", "county", "nhs", "minute",
              "managing", "admin", "administrator", "office", "specialist", "adviser", "advisor", "commissioner", "co-ordinator", "coordinator"}
INITIALS = re.compile(r"^[A-Z]{2,4}$|^[A-Z]{2,3}[a-z]$|^[A-Z][A-Z]?[a-z][A-Z]$")
NOTE = re.compile(r"\(([^()]*)\)")


def _initials_fit(words: list[str], token: str) -> bool:
    letters = [p[0].upper() for w in words for p in re.split(r"[-\s]", w) if p]
    caps = [c for c in token if c.isupper()]
    return bool(letters) and letters == caps[:len(letters)] and len(caps) == len(letters)


def _name_before(words: list[str], token: str) -> int:
    """How many of the last words are the name these initials abbreviate (0: none)."""
    for k in range(min(4, len(words)), 0, -1):
        tail = [w for w in words[-k:] if not re.fullmatch(TITLE, w)]
        if tail and len(tail) >= 1 and all(w[:1].isupper() for w in words[-k:]) and _initials_fit(tail, token):
            return k
    return 0


def _notes(entry: Entry, text: str) -> str:
    """Parenthetical notes read into the entry: (Chair), (Clerk), (arrived at 7.01pm), (substitute for X)."""
    from govdocs.imports.wording import find_time

    for note in NOTE.findall(text):
        low = note.lower().strip()
        if re.fullmatch(r"(the\s+)?(chair|chairman|chairwoman|chairperson|chair of the meeting|in the chair)", low):
            entry.chair = True
        elif low.startswith(("arrived", "joined", "from")):
            t = find_time(note)
            entry.arrived = t[0][0] if t else entry.arrived
        elif low.startswith(("left", "departed", "until")):
            t = find_time(note)
            entry.left = t[0][0] if t else entry.left
        elif m := re.match(r"(?:as\s+)?(?:a\s+)?substitut\w*\s+(?:for\s+)?(.+)$", note, re.I):
            entry.substitute_for = m.group(1).strip()
        elif INITIALS.match(note.strip()) and not entry.initials:
            entry.initials = note.strip()
        elif not entry.role:
            entry.role = note.strip()
    return NOTE.sub(" ", text)


def plausible(name: str) -> bool:
    words = name.split()
    core = name_words(name)
    titled = bool(re.match(TITLE + r"\s", name + " "))
    if not core or len(core) > 5 or any(w.lower() in ROLE_WORDS for w in core) and not titled:
        return False
    if any(not w[:1].isupper() for w in words if not re.fullmatch(TITLE, w)):
        return False
    return len(core) >= 2 or titled


def from_words(text: str) -> Entry | None:
    """One person from a line without columns."""
    entry = Entry(name="")
    text = _notes(entry, text)
    words = text.split()
    for i, w in enumerate(words):
        token = w.strip(",;:")
        if i and INITIALS.match(token):
            k = _name_before(words[:i], token)
            if k:
                entry.name = " ".join(words[:i])
                entry.initials = token
                entry.role = entry.role or " ".join(words[i + 1:]).strip(" ,;–-")
                return entry if plausible(entry.name) else None
    name = []
    for w in words:
        if (w.lower().strip(",;:.") in ROLE_WORDS and name and not re.fullmatch(TITLE, name[-1])) or w in ("–", "-") \
                or ("/" in w and name):
            break
        name.append(w.strip(",;"))
        if w.endswith((",", ";")):
            break
    entry.name = " ".join(name)
    rest = " ".join(words[len(name):]).strip(" ,;–-")
    entry.role = entry.role or rest
    return entry if plausible(entry.name) else None


def from_cells(parts: list[str]) -> Entry | None:
    entry = Entry(name="")
    first = _notes(entry, parts[0]).strip()
    rest = parts[1:]
    words = first.split()
    if len(words) > 1 and INITIALS.match(words[-1]) and _name_before(words[:-1], words[-1]):
        entry.initials, first = words[-1], " ".join(words[:-1])
    elif rest and INITIALS.match(rest[0].strip()) and len(rest[0].strip()) <= 4:
        entry.initials, rest = rest[0].strip(), rest[1:]
    entry.name = first
    if not plausible(first):
        alone = from_words(first)
        if alone is None:
            return None
        entry.name, entry.initials = alone.name, entry.initials or alone.initials
    if rest:
        entry.role = entry.role or rest[0].strip()
    if len(rest) > 1:
        entry.org = " ".join(r.strip() for r in rest[1:])
    return entry


def split_list(text: str) -> list[str]:
    """A sentence listing people: commas, '&' and 'and' between names; "Councillors A, B" gives each a title."""
    text = re.sub(r"\.\s*$", "", text.strip())
    plural = re.match(r"^(Councillors|Cllrs)\s+", text)
    if plural:
        text = text[plural.end():]
    parts = re.split(r"\s*[,;]\s*(?![^()]*\))|\s+&\s+|\s+and\s+(?=[A-Z])", text)
    parts = [re.sub(r"^and\s+", "", p.strip()) for p in parts if p and p.strip()]
    return [f"Cllr {p}" if plural and not re.match(TITLE, p) else p for p in parts]


def entries_of(text: str, listed: bool) -> list[Entry]:
    """The people a line of an attendance list names ([] for a line that names nobody)."""
    parts = [p for p in text.split("\t") if p.strip()]
    if not parts:
        return []
    if len(parts) > 1:
        one = from_cells(parts)
        return [one] if one else []
    if listed or ("," in text and re.search(TITLE + r"\s", text)):
        found = [from_words(p) for p in split_list(text)]
        people = [e for e in found if e]
        if people and (listed or len(people) == len(found) or len(people) >= 2):
            return people
    one = from_words(text)
    return [one] if one else []


APOLOGISED = re.compile(r"(?:apologies(?:\s+for\s+absence)?\s+(?:were\s+)?(?:received|submitted|given|noted)\s+(?:from|on"
                        r"\s+behalf\s+of)\s+|apologies\s+from\s+)(?P<list>.+)$|^(?P<list2>.+?)\s+(?:sent|gave|"
                        r"submitted|tendered)\s+(?:their\s+|his\s+|her\s+)?apologies", re.I | re.S)
STANDS_IN = re.compile(r"^(?P<who>.+?)(?:,\s*[A-Z][\w ]+?)?\s+attended\s+(?:as\s+(?:a\s+)?substitute|in\s+(?:his|her|their)"
                       r"\s+(?:place|absence))", re.I)


def apologies_in(text: str) -> list[tuple[str, str, list[Entry]]]:
    """Attendance rows from an apologies minute: "Apologies were received from Mr D Blacklock (Ms H Horne
    attended as substitute), Mr I Johnson", "Cllr I Wroth & Cllr H Wroth sent apologies", or a list alone."""
    first = re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", re.sub(r"^- ", "", text.strip()), maxsplit=1)[0]
    m = APOLOGISED.search(first)
    listed = (m.group("list") or m.group("list2")) if m else first
    if not m and not re.match(TITLE + r"\s", first):
        return []
    rows: list[tuple[str, str, list[Entry]]] = []
    away: list[Entry] = []
    subs: list[Entry] = []
    for part in split_list(listed):
        for note in NOTE.findall(part):
            s = STANDS_IN.match(note)
            if s:
                sub = from_words(s.group("who"))
                if sub:
                    subs.append(sub)
        entry = from_words(NOTE.sub(" ", part).strip())
        if entry:
            away.append(entry)
            for sub in subs:
                if not sub.substitute_for:
                    sub.substitute_for = entry.name
    if away:
        rows.append(("apologies", text, away))
    if subs:
        rows.append(("substitutes", "", subs))
    return rows
