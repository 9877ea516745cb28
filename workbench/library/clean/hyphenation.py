"""Words split across a line or page break: "instrumental-" + "ized" → "instrumentalized".

Whether the hyphen is a break or belongs to the word ("pro-Western", "decision-making") is
decided from the document's own vocabulary: the joined word (or a word sharing its stem)
elsewhere in the text means join; the hyphenated form elsewhere means keep; two real words
on either side with neither form attested means keep; otherwise join.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*")
# A hyphen at the end of a line, and the first word of the next line.
_BROKEN = re.compile(r"(?<![^\W\d_])[^\W\d_]+-[ \t]*\n\s*[^\W\d_]+")  # from a word start: linear
# The same matches found from their hyphen (a fast literal scan), the word before it walked back.
_BROKEN_FROM_HYPHEN = re.compile(r"-[ \t]*\n\s*[^\W\d_]+")  # (a literal first: a fast scan)


def _letter(ch: str) -> bool:
    """What `[^\\W\\d_]` matches: a word character that is no decimal digit and no underscore."""
    return ch.isalnum() and not ch.isdecimal()


def drop_broken(text: str) -> str:
    """`_BROKEN.sub(" ", text)`, without trying the pattern at every word start of the text."""
    out: list[str] = []
    done = 0  # end of the last replaced match
    for match in _BROKEN_FROM_HYPHEN.finditer(text):
        start = match.start()
        if not start or not _letter(text[start - 1]):
            continue  # no word before the hyphen
        while start > 0 and _letter(text[start - 1]):
            start -= 1  # back to the start of the word before the hyphen (max. one word)
        if start < done:
            continue  # that word ended the previous match: no match of its own
        out.append(text[done:start])
        out.append(" ")
        done = match.end()
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)
_HEAD = re.compile(r"([^\W\d_]+)-$")
_TAIL = re.compile(r"^([^\W\d_]+)")
_ANY_HEAD = re.compile(r"(?<![\s-])\w-$")  # "word-" or "2014-", not a dash " -"
# Prefixes that keep their hyphen ("self-styled", "ex-minister") whatever the evidence.
HYPHEN_PREFIXES = frozenset({"self", "quasi", "well", "ex", "all", "half", "cross", "non"})


class Vocabulary:
    """Lower-cased words (and hyphenated compounds) attested in one document.

    Built on first use: most texts have no word broken at a line end and never ask."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._words: frozenset[str] | None = None
        self._sorted: list[str] | None = None

    @classmethod
    def of(cls, text: str) -> Vocabulary:
        return cls(text)

    @property
    def words(self) -> frozenset[str]:
        if self._words is None:
            clean = _without_broken_halves(drop_broken(self._text or ""))  # broken words are no evidence
            found = set(_TOKEN.findall(clean.lower()))
            for token in [t for t in found if "-" in t]:
                found.update(token.split("-"))
            self._words, self._text = frozenset(found), None
        return self._words

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.words

    def has_stem_of(self, word: str) -> bool:
        """Some attested word shares all but the last few letters ("cooperat-ion/-ive")."""
        word = word.lower()
        if len(word) < 6:
            return False
        stem = word[: max(5, len(word) - 3)]
        attested = self._unhyphenated()
        index = bisect_left(attested, stem)  # the words starting with `stem` sort right here
        return index < len(attested) and attested[index].startswith(stem)

    def _unhyphenated(self) -> list[str]:
        """The unhyphenated words, sorted: a binary search per question instead of a scan of the
        vocabulary (a text full of line-end hyphens stays n log n; no set of every prefix)."""
        if self._sorted is None:
            self._sorted = sorted(w for w in self.words if "-" not in w)
        return self._sorted


_LINE_HEAD = re.compile(r"(?<![^\W\d_])[^\W\d_]+-[ \t]*$")
_LINE_TAIL = re.compile(r"^\s*[^\W\d_]+")


def _without_broken_halves(text: str) -> str:
    """Drop "word-" at a line end and the lower-case word that continues it below, even when
    blank lines or short furniture ("- Advertisement -", "PAGE 7") stand between them."""
    out: list[str] = []
    pending = False
    for line in text.split("\n"):
        if pending and line.strip():
            tail = _LINE_TAIL.match(line)
            if tail and tail.group(0).strip()[0].islower():
                line, pending = line[tail.end():], False
            elif len(line.split()) > 6:
                pending = False
        head = _LINE_HEAD.search(line) if line.rstrip(" \t").endswith("-") else None
        if head:
            line, pending = line[:head.start()], True
        out.append(line)
    return "\n".join(out)


def broken_word(line: str, next_line: str) -> tuple[str, str] | None:
    """(head, tail) when `line` ends in "word-" and `next_line` starts with a lower-case word."""
    head = _HEAD.search(line.rstrip())
    tail = _TAIL.match(next_line.lstrip())
    if not head or not tail or not tail.group(1)[0].islower():
        return None
    return head.group(1), tail.group(1)


def keep_hyphen(head: str, tail: str, vocab: Vocabulary) -> bool:
    """True when "head-tail" is a real compound, False when the hyphen is a line break."""
    joined, compound = head + tail, f"{head}-{tail}"
    if joined in vocab:
        return False
    if compound in vocab:
        return True
    if vocab.has_stem_of(joined):
        return False
    if head.lower() in HYPHEN_PREFIXES:
        return True  # "well-known", "ex-minister", "non-aligned" without evidence either way
    return head in vocab and tail in vocab and len(tail) > 2


def join_broken(line: str, next_line: str, vocab: Vocabulary) -> str | None:
    """The two lines joined across a hyphen at the line end, or None when there is none.

    "govern-" + "ment" → "government"; "pro-" + "Western" and "2014-" + "2015" keep the
    hyphen (a capital or a digit after it is never a hyphenation break).
    """
    left, right = line.rstrip(), next_line.lstrip()
    if not left.endswith("-") or not _ANY_HEAD.search(left[-3:]) or not right[:1].isalnum():
        return None
    parts = broken_word(left, right)
    if parts is None or keep_hyphen(*parts, vocab):
        return left + right
    return left[:-1] + right
