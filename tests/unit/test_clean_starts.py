"""starts.py: the first characters a regex's match can start with, read off the pattern."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.library.clean import boilerplate as bp
from workbench.library.clean.starts import ANY, first_items, may_begin, may_start, starts, uncased_symbol

_PATTERNS = [
    r"^(?:more (?:stories|from [\w .]{1,30})|explore more|x)\s*:?$",
    r"^[-–—•|\s]*(ad|spot_img)\s*$",
    r"^(?:\d+\s*min\s+read|(?:updated)?\s*\d+\s+days?\s+ago)$",
    r"^(?:ab)+c|^z{2,3}y|^q?r*s",
    r"^[^a]b|^.c|^\Sd",
    r"^(?>ab|cd)e|^f++g",
    r"^(?=foo)\w+\b|^(?!x)y",
    "^[a-c][x-z\\d]|^[\u212a\u017f]ey|^\u0131x",
    r"^(a|)(b|)c",
    *(regex.pattern for regex in bp._ANCHORED.values()),
]
_REGEXES = [re.compile(p, re.IGNORECASE) for p in _PATTERNS] + [re.compile(p) for p in _PATTERNS[:4]]


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_every_match_starts_as_listed(data):
    for regex in _REGEXES:
        line = data.draw(st.from_regex(regex, fullmatch=False))
        match = regex.match(line)
        if match is None or not line[:2].isascii():
            continue
        for depth in (1, 2):
            if len(line) >= depth:
                assert may_start(starts(regex, depth), line[:depth].lower()), (regex.pattern, line)


def test_listed_starts_on_known_patterns():
    assert starts(re.compile(r"^(?:more|explore) news", re.I), 2) == {"mo", "ex"}
    assert starts(re.compile(r"^z{2,3}y"), 2) == {"zz"}
    assert starts(re.compile(r"^\d+\s*min"), 2) == {d + c for d in "0123456789" for c in "0123456789 \t\n\r\x0b\x0c\x1c\x1d\x1e\x1fm"}
    assert starts(re.compile(r"^x[,|]*$"), 2) == {"x,", "x|", "x" + ANY}  # "x" may end the match: the line goes on
    assert starts(re.compile("^[\u212a\u017f]ey", re.I), 1) == {"k", "s"}  # KELVIN SIGN matches "k", LONG S "s"
    assert starts(re.compile("^(?i:[\u212a\u017f])ey"), 1) == {"k", "s"}
    assert starts(re.compile("^\u0130x", re.I), 1) == {"i"}
    assert starts(re.compile(r"^.b"), 2) == {ANY + ANY}
    assert may_start(frozenset({"x" + ANY}), "xq") and not may_start(frozenset({"ab"}), "ac")


def test_the_furniture_gates_hold_every_phrase_their_regexes_name():
    """boilerplate_kind's tables come from the regexes: a phrase added to one is gated in."""
    assert "tail" in bp._MAY_PAIR["ex"] and "tail" in bp._MAY_PAIR["mo"]
    assert "th" not in bp._MAY_PAIR and "he" not in bp._MAY_PAIR  # prose ("The", "He") asks none of them
    assert bp.boilerplate_kind("Explore more on these topics") == "navigation"


_SYMBOL_PATTERNS = [r"^[-–—•|\s]*(?:ad|x)$", r"^(?:[■□◆]+|—\s*30\s*—)$", r"^\W?x", r"^[^a-z]y", r"^.z", r"^(?:“|«)?q",
                    r"^[\u2010-\u2015]w", r"^\S\d", r"^\s*•", r"^(?:a|)©"]


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_a_match_starting_with_a_symbol_is_let_through(data):
    for pattern in _SYMBOL_PATTERNS:
        regex = re.compile(pattern, re.IGNORECASE)
        line = data.draw(st.from_regex(regex, fullmatch=True))
        if line and uncased_symbol(line[0]):
            assert may_begin(first_items(regex), line[0]), (pattern, line)


def test_symbols_no_match_starts_with_are_told():
    assert not may_begin(first_items(re.compile(r"^(?:[■□]+|—30—)$")), "•")
    assert may_begin(first_items(re.compile(r"^(?:[■□]+|—30—)$")), "□")
    assert may_begin(first_items(re.compile(r"^\W")), "•") and may_begin(first_items(re.compile(r"^.")), "•")
    assert not may_begin(first_items(re.compile(r"^[\w\d\s]")), "•")
    assert first_items(re.compile(r"^a?")) is None  # an empty match: any line
    assert not uncased_symbol("a") and not uncased_symbol("Ⓐ") and not uncased_symbol("\u3000") and uncased_symbol("•")
