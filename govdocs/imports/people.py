"""Names in minutes matched to people.yaml: titles (Councillor, Cllr, Dr …) understood, the body's own
initials used where the minutes print them, and new people given initials as the body makes them."""
from __future__ import annotations

import re
from dataclasses import dataclass

TITLES = {"cllr", "councillor", "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev",
          "revd", "reverend", "canon", "lord", "lady", "the", "county", "unitary", "borough", "district", "parish",
          "town", "city", "cty"}
WORD = re.compile(r"[A-Za-zÀ-ÿ'’]+(?:-[A-Za-zÀ-ÿ'’]+)*")


def name_words(name: str) -> list[str]:
    words = [w.lower().replace("’", "'") for w in WORD.findall(name)]
    while words and words[0].rstrip(".") in TITLES:
        words.pop(0)
    return words


def norm(name: str) -> str:
    return " ".join(name_words(name))


@dataclass
class Match:
    initials: str
    how: str  # "initials and name", "name", "initial and surname", "surname", "new"


class Matcher:
    """Finds a person by name (and the minutes' own initials where given) among the workspace's people and
    those this import has added."""

    def __init__(self, people: dict[str, str]):  # initials -> full name
        self.people: dict[str, str] = {}
        self.full: dict[str, list[str]] = {}
        self.short: dict[str, list[str]] = {}
        self.surname: dict[str, list[str]] = {}
        for initials, name in people.items():
            self.add(initials, name)

    def add(self, initials: str, name: str) -> None:
        self.people[initials] = name
        words = name_words(name)
        if not words:
            return
        self.full.setdefault(" ".join(words), []).append(initials)
        self.short.setdefault(f"{words[0][0]} {words[-1]}", []).append(initials)
        self.surname.setdefault(words[-1], []).append(initials)

    def find(self, name: str, initials: str = "") -> Match | None:
        words = name_words(name)
        if initials and initials in self.people:
            known = name_words(self.people[initials])
            if not known or not words or known == words or (known[-1] == words[-1] and known[0][0] == words[0][0]):
                return Match(initials, "initials and name")
        if not words:
            return None
        for index, key, how in ((self.full, " ".join(words), "name"),
                                (self.short, f"{words[0][0]} {words[-1]}", "initial and surname")):
            hits = index.get(key, [])
            if len(hits) == 1 and (how == "name" or len(words) == 1 or len(words[0]) == 1
                                   or name_words(self.people[hits[0]])[0] == words[0]):
                return Match(hits[0], how)
        if len(words) == 1 and re.match(r"^\s*(cllr|councillor|dr|mr|mrs|ms|miss)\b", name, re.I):
            hits = self.surname.get(words[0], [])
            if len(hits) == 1:
                return Match(hits[0], "surname")
        return None

    def names_in(self, text: str) -> list[tuple[int, str]]:
        """(position, initials) of every known person's full name in `text`, whole words only."""
        low = " " + " ".join(w.lower().replace("’", "'") for w in WORD.findall(text)) + " "
        found = []
        for key, hits in self.full.items():
            if len(hits) == 1 and " " in key:
                at = low.find(" " + key + " ")
                if at >= 0:
                    found.append((at, hits[0]))
        return sorted(found)

    def new_initials(self, name: str, given: str = "") -> str:
        """The minutes' own initials if free; else first letters of the names (Jo Sullivan-Lyons: JSL), with
        more of the surname where those are taken (Claire Deadman: CDe, as Kingston writes it)."""
        if given and given not in self.people and re.match(r"^[A-Z][A-Za-z]{0,5}$", given):
            return given
        words = name_words(name) or ["x"]
        parts = [p for w in words for p in w.split("-") if p]
        first, last = parts[0], parts[-1]
        base = "".join(p[0] for p in parts).upper()
        candidates = [base] + [first[0].upper() + last[0].upper() + last[1:k].lower() for k in range(2, len(last) + 1)]
        for c in candidates:
            if c not in self.people:
                return c
        n = 2
        while f"{base}{n}" in self.people:
            n += 1
        return f"{base}{n}"
