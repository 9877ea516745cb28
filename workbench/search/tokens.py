"""Words for matching: casefolded, apostrophes unified, contractions and spelling folded.

Index terms and alignment text come from the same `fold_words`, so "don't" matches
"do not", "colour" matches "color" and "analyse" matches "analyze" both when picking
candidates and when measuring the final span. Each folded word keeps the offsets of
the original word, which is what snaps every hit to word boundaries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter

from workbench.textnorm import APOSTROPHES, WORD_RE

__all__ = ["TERM_RE", "Folded", "fold_token", "terms"]
# A search word is textnorm's word plus a number's own "%": "30%" folds to "30 per cent".
TERM_RE = re.compile(WORD_RE.pattern + r"(?:(?<=\d)%)?")
_APOS_TABLE = str.maketrans({ch: "'" for ch in APOSTROPHES})  # textnorm's words: any apostrophe style

_NEGATIONS = {"can't": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"),
              "ain't": ("is", "not"), "cannot": ("can", "not")}
_SUFFIXES = {"re": "are", "ve": "have", "ll": "will", "d": "would", "m": "am"}
_IS_BASES = frozenset(["it", "that", "there", "here", "what", "who", "he", "she", "where", "how", "when", "this"])
_SPELLING = {"defence": "defense", "offence": "offense", "licence": "license",
             "pretence": "pretense", "grey": "gray", "programme": "program",
             "programmes": "programs", "tyre": "tire", "tyres": "tires",
             "plough": "plow", "aluminium": "aluminum", "whilst": "while",
             "amongst": "among", "cheque": "check", "cheques": "checks"}
_RULES = [
    (re.compile(r"(?<=\w{3})our(s|ed|ing|ite|ites|able|ful|less|hood|hoods)?$"), r"or\1"),
    (re.compile(r"(?<=\w{2})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=\w{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=\w{3})tre(s|d)?$"), r"ter\1"),
    (re.compile(r"(?<=\w{3})ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=\w{3}[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
]

# Word endings any rule above may rewrite (a cheap test before running the regexes).
_RULE_ENDINGS = tuple(
    [f"our{x}" for x in ("", "s", "ed", "ing", "ite", "ites", "able", "ful", "less", "hood", "hoods")]
    + [f"is{x}" for x in ("e", "es", "ed", "ing", "ation", "ations", "er", "ers")]
    + [f"ys{x}" for x in ("e", "es", "ed", "ing")]
    + ["tre", "tres", "tred", "ogue", "ogues", "lled", "lling", "ller", "llers"]
)


# Numbers are written many ways: "30%" / "thirty per cent" / "30 percent", "£264m" / "264 million",
# "thirty-five" / "35". All fold to digits and words: "30 per cent", "264 million", "30 5".
_NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"])}
_NUMBER_WORDS.update({w: str(10 * i) for i, w in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)})
_SCALES = {"m": "million", "mn": "million", "bn": "billion", "tn": "trillion", "k": "thousand"}
_PER_CENT = ("per", "cent")
_NUMBER_RE = re.compile(r"(\d+)(m|mn|bn|tn|k)?")


def _fold_number(word: str) -> tuple[str, ...] | None:
    """Terms of a number-like word, or None if it is not one."""
    if word in _NUMBER_WORDS:
        return (_NUMBER_WORDS[word],)
    if word in ("percent", "pct"):
        return _PER_CENT
    if word.endswith("%"):
        return (*(_fold_number(word[:-1]) or (word[:-1],)), *_PER_CENT)
    match = _NUMBER_RE.fullmatch(word)
    if match is None:
        return None
    digits, scale = match.groups()
    if len(digits) == 2 and digits[0] != "0" and digits[1] != "0":
        out: tuple[str, ...] = (digits[0] + "0", digits[1])  # "35" as "thirty-five" folds
    else:
        out = (digits,)
    return out + ((_SCALES[scale],) if scale else ())


@lru_cache(maxsize=200_000)
def fold_token(raw: str) -> tuple[str, ...]:
    """One raw word → its folded term(s); () for a word that carries nothing."""
    word = raw.translate(_APOS_TABLE).casefold()
    if word[:1].isdigit() or word in _NUMBER_WORDS or word in ("percent", "pct"):
        number = _fold_number(word)
        if number is not None:
            return number
    if "'" in word or word == "cannot":
        if word in _NEGATIONS:
            return _NEGATIONS[word]
        base, _, suffix = word.rpartition("'")
        if suffix == "t" and base.endswith("n"):
            return (*fold_token(base[:-1]), "not")
        if suffix in _SUFFIXES:
            return (*fold_token(base), _SUFFIXES[suffix])
        if suffix == "s":
            return (*fold_token(base), "is") if base in _IS_BASES else fold_token(base)
        word = word.replace("'", "")
    if word in _SPELLING:
        return (_SPELLING[word],)
    if len(word) >= 5 and word.endswith(_RULE_ENDINGS) and word.isalpha():
        for pattern, repl in _RULES:
            word = pattern.sub(repl, word)
    return (word,)


def terms(text: str) -> list[str]:
    """Folded terms of `text`, in order (for the index and for queries)."""
    out: list[str] = []
    for raw in TERM_RE.findall(text):
        out.extend(fold_token(raw))
    return out


class Folded:
    """`text` as folded words joined by spaces, with each word's span in the original.

    `offset` shifts the spans (the text may be a slice of a longer article).
    """

    __slots__ = ("ends", "loose", "loose_starts", "starts")

    def __init__(self, text: str, offset: int = 0) -> None:
        matches = list(TERM_RE.finditer(text))
        folded = list(map(fold_token, map(re.Match.group, matches)))
        if sum(map(len, folded)) == len(folded):  # one term per word: all in C-level maps
            parts = list(map(itemgetter(0), folded))
            starts = list(map(offset.__add__, map(re.Match.start, matches)))
            ends = list(map(offset.__add__, map(re.Match.end, matches)))
        else:
            parts, starts, ends = [], [], []
            for match, terms_ in zip(matches, folded):
                for term in terms_:
                    parts.append(term)
                    starts.append(match.start() + offset)
                    ends.append(match.end() + offset)
        self.loose = " ".join(parts)
        self.starts = starts
        self.ends = ends
        self.loose_starts = list(accumulate(map((1).__add__, map(len, parts[:-1])), initial=0)) if parts else []

    def words_in(self, start: int, end: int) -> tuple[int, int]:
        """Indexes [i, j) of the folded words that overlap loose[start:end]."""
        from bisect import bisect_left, bisect_right

        i = max(0, bisect_right(self.loose_starts, start) - 1)
        if i < len(self.loose_starts) and start >= self.loose_starts[i] + self._len(i):
            i += 1  # the span starts on the space after word i
        j = bisect_left(self.loose_starts, end)
        return i, max(j, i + 1) if i < len(self.loose_starts) else i

    def _len(self, i: int) -> int:
        nxt = self.loose_starts[i + 1] - 1 if i + 1 < len(self.loose_starts) else len(self.loose)
        return nxt - self.loose_starts[i]

    def loose_of(self, i: int, j: int) -> str:
        """The folded text of words [i, j)."""
        if i >= j:
            return ""
        end = self.loose_starts[j] - 1 if j < len(self.loose_starts) else len(self.loose)
        return self.loose[self.loose_starts[i]:end]
