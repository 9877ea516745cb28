"""Bylines without "By": a line of people's names the head's layout marks as the authors.

News sites, newsletters and papers print the author's name alone — over the date ("Priya
Natarajan" / "Tue 12 Mar 2024 07.00 GMT"), over an affiliation ("Carla Quispe and Daniel Ortiz" /
"Department of Geography, Universidad …") or with it on one line ("Ingrid Solberg, Norwegian
Institute of Transport"). Alone, a line of capitalised words is as likely a heading or a
site's name, so the line under it has to say so.
"""

from __future__ import annotations

import re

from workbench.library.clean.bylines import parse_byline
from workbench.library.clean.dates import is_date_line
from workbench.library.clean.lines import Line, ends_sentence, words

_NAME_TOKEN = re.compile(r"[A-Z][\w'’.-]*|(?:de|da|di|del|van|von|der|den|du|le|la|al|el|bin|ibn|y|and)")
_AFFILIATION = re.compile(
    r"\b(?:universit(?:y|ies|é|ät|à|ad|ade|eit|et)|universidad|college|institut(?:e|o|ion)?|department|faculty"
    r"|school of|laborator(?:y|ies)|centre|center|academy|hospital|observatory|museum)\b", re.IGNORECASE)


def bare_names(text: str) -> list[str] | None:
    """A line that is only people's names ("Priya Natarajan", "Ana Costa and Luís Pereira"),
    each of two words or more; a word in capitals is an outlet's ("… McCoy USA TODAY")."""
    tokens = text.split()
    if not 2 <= len(tokens) <= 10 or len(text) > 80 or not all(_NAME_TOKEN.fullmatch(t) for t in tokens) \
            or tokens[0] == "and" or tokens[-1] == "and" or any(len(t) > 1 and t.isupper() for t in tokens):
        return None
    names = parse_byline(f"By {text}")
    return names if names and all(len(name.split()) >= 2 for name in names) else None


def affiliation(text: str) -> bool:
    """"Department of Geography, Universidad …", "Norwegian Institute of Transport": where an
    author works (short, no sentence)."""
    return len(words(text)) <= 15 and not ends_sentence(text) and bool(_AFFILIATION.search(text))


def credited_names(lines: list[Line], i: int) -> list[str] | None:
    """The names that make line `i` a byline without "By": over a date line or an affiliation,
    or followed by the affiliation on the same line after a comma."""
    text = lines[i].text
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    if after and (is_date_line(after) or affiliation(after)):
        names = bare_names(text)
        if names:
            return names
    head, comma, rest = text.partition(",")
    return bare_names(head) if comma and affiliation(rest) else None
