"""What a line-anchored regex's match can start with, read off the regex itself: cheap gates.

The furniture regexes of boilerplate.py are asked of every line of a page, and nearly every line
fails them on its first characters ("Th", "He", "In"). `starts(regex, 2)` lists the (lower-case,
ASCII) first two characters a match can start with, so a line whose own two are not among them
skips the regex. Derived from the pattern, so a phrase added to a regex is never gated out by a
hand-kept table.

Meant for lines that start with two ASCII characters (callers ask the regex of any other line).
Zero-width items (^, $, \\b, lookarounds) are read as holding anywhere and a repeat as any number
of copies, so a list may be too large, never too small.
"""

from __future__ import annotations

import re
from typing import Any
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

ANY = "\x00"  # in a listed start: any character
_ASCII_CLASSES = {
    sre_constants.CATEGORY_SPACE: " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f",
    sre_constants.CATEGORY_DIGIT: "0123456789",
    sre_constants.CATEGORY_WORD: "abcdefghijklmnopqrstuvwxyz0123456789_",
}
# The non-ASCII characters IGNORECASE matches with ASCII letters (see the re module's docs).
_FOLDED_TO_ASCII = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_ZERO_WIDTH = {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}
_REPEATS = {getattr(sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
            if hasattr(sre_constants, name)}
_ATOMIC = getattr(sre_constants, "ATOMIC_GROUP", None)


def _ascii(chars: set[str], ignorecase: bool) -> str:
    """The lower-case ASCII characters among `chars` (as the pattern has them), and under
    IGNORECASE the ASCII letters its non-ASCII ones match."""
    out = {ch.lower() for ch in chars if ch.isascii()}
    if ignorecase:
        out.update(_FOLDED_TO_ASCII[ch] for ch in chars if ch in _FOLDED_TO_ASCII)
    return "".join(sorted(out))


def _chars(op: Any, av: Any, ignorecase: bool) -> str:
    """The (lower-case ASCII) characters one item can match, or ANY."""
    if op is sre_constants.LITERAL:
        return _ascii({chr(av)}, ignorecase)
    if op is not sre_constants.IN:
        return ANY  # ".", a negated literal, …
    out: set[str] = set()
    for sub_op, sub_av in av:
        if sub_op is sre_constants.LITERAL:
            out.add(chr(sub_av))
        elif sub_op is sre_constants.RANGE:
            low, high = sub_av
            out.update(map(chr, range(low, min(high, 127) + 1)))
            out.update(ch for ch in _FOLDED_TO_ASCII if low <= ord(ch) <= high)
        elif sub_op is sre_constants.CATEGORY and sub_av in _ASCII_CLASSES:
            out.update(_ASCII_CLASSES[sub_av])
        else:
            return ANY  # a negated set, \S, \W, …
    return _ascii(out, ignorecase)


def _walk(items: list, prefix: str, depth: int, ignorecase: bool, out: set[str], budget: list[int]) -> None:
    if len(prefix) >= depth:
        out.add(prefix[:depth])
        return
    budget[0] -= 1
    if budget[0] < 0 or not items:
        out.add(prefix + ANY * (depth - len(prefix)))  # the match may end here (and the line go on)
        return
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        _walk(rest, prefix, depth, ignorecase, out, budget)
    elif op is sre_constants.SUBPATTERN:
        _walk(list(av[-1]) + rest, prefix, depth, ignorecase, out, budget)
    elif op is _ATOMIC:
        _walk(list(av) + rest, prefix, depth, ignorecase, out, budget)
    elif op is sre_constants.BRANCH:
        for branch in av[1]:
            _walk(list(branch) + rest, prefix, depth, ignorecase, out, budget)
    elif op in _REPEATS:
        # Its least number of copies (`depth` at most), then up to `depth` more that may each be
        # left out: no more copies can reach the first `depth` characters.
        low, body = av[0], list(av[2])
        optional = (sre_constants.BRANCH, (None, [[], body]))
        left = depth - len(prefix)
        _walk(body * min(low, left) + [optional] * left + rest, prefix, depth, ignorecase, out, budget)
    else:
        chars = _chars(op, av, ignorecase)
        if chars == ANY:
            out.add(prefix + ANY * (depth - len(prefix)))
            return
        for char in chars:
            _walk(rest, prefix + char, depth, ignorecase, out, budget)


def starts(regex: re.Pattern[str], depth: int) -> frozenset[str]:
    """The first `depth` characters (lower-case ASCII; ANY for any one) a match of `regex` can
    start with, on lines of at least `depth` characters that start with ASCII ones."""
    out: set[str] = set()
    # (Read as if IGNORECASE held throughout: a (?i:…) group may turn it on for a part.)
    _walk(list(sre_parse.parse(regex.pattern, regex.flags)), "", depth, True, out, [100_000])
    return frozenset(out)


def may_start(listed: frozenset[str], start: str) -> bool:
    """Can a match start with `start` (lower-case ASCII, as long as the listed starts)?"""
    return start in listed or any(
        all(p == ANY or p == c for p, c in zip(entry, start)) for entry in listed if ANY in entry)


def _first_items(items: list, out: list, budget: list[int]) -> bool:
    """Collect the items that can match a match's first character into `out`; False when a match
    can be empty (or the pattern is too involved to read): then it can start with anything."""
    budget[0] -= 1
    if budget[0] < 0:
        return False
    if not items:
        return False
    (op, av), rest = items[0], items[1:]
    if op in _ZERO_WIDTH:
        return _first_items(rest, out, budget)
    if op is sre_constants.SUBPATTERN:
        return _first_items(list(av[-1]) + rest, out, budget)
    if op is _ATOMIC:
        return _first_items(list(av) + rest, out, budget)
    if op is sre_constants.BRANCH:
        return all(_first_items(list(branch) + rest, out, budget) for branch in av[1])
    if op in _REPEATS:
        body_first = _first_items(list(av[2]), out, budget)
        return (av[0] > 0 and body_first) or _first_items(rest, out, budget)
    out.append((op, av))
    return True


def first_items(regex: re.Pattern[str]) -> list | None:
    """The parsed items a match's first character is matched by, or None (any character)."""
    out: list = []
    return out if _first_items(list(sre_parse.parse(regex.pattern, regex.flags)), out, [100_000]) else None


def uncased_symbol(char: str) -> bool:
    """A non-ASCII character that is no letter, digit or space and has no case (•, “, □, ©): what
    `may_begin` can judge."""
    return not char.isascii() and not char.isalnum() and not char.isspace() and char.lower() == char == char.upper() \
        and len(char) == 1


_NOT_THESE = {sre_constants.CATEGORY_WORD, sre_constants.CATEGORY_DIGIT, sre_constants.CATEGORY_SPACE}


def _literal_is(code: int, char: str) -> bool:
    literal = chr(code)
    return char in (literal, literal.lower(), literal.upper())


def may_begin(items: list | None, char: str) -> bool:
    """Can a match whose first character is matched by `items` (see `first_items`) start with
    `char`, an `uncased_symbol`? (\\w, \\d, \\s never match one; their negations, "." do.)"""
    if items is None:
        return True
    for op, av in items:
        if op is sre_constants.LITERAL:
            if _literal_is(av, char):
                return True
        elif op is sre_constants.IN:
            for sub_op, sub_av in av:
                if sub_op is sre_constants.LITERAL and _literal_is(sub_av, char) \
                        or sub_op is sre_constants.RANGE and sub_av[0] <= ord(char) <= sub_av[1] \
                        or sub_op is sre_constants.CATEGORY and sub_av not in _NOT_THESE \
                        or sub_op not in (sre_constants.LITERAL, sre_constants.RANGE, sre_constants.CATEGORY):
                    return True  # (a NEGATE, too: a negated set may hold it)
        else:
            return True  # ".", a negated literal, …
    return False
