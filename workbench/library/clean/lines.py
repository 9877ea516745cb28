"""Lines and the small text tests every cleaning step shares.

The cleaner works on `Line`s (one source line plus how many blank lines came before it)
until paragraphs are assembled, so that removing a box or an advert never loses the
layout information (blank lines, page breaks) the paragraph joiner relies on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, islice

# Characters that end a sentence, possibly followed by closing quotes/brackets.
# A sentence may end in a note mark: "… watching them age.¹", "… age.*", "… age.†".
_NOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰†‡"
_TERMINAL = re.compile(r"[.!?…:;■]['\"”’»)\]]*$|[.!?]['\"”’»)\]]*\s*(?:\*+|[" + _NOTE_MARKS + r"]{1,4})$")
TERMINAL_LAST = frozenset(".!?…:;■'\"”’»)]*¹²³⁴⁵⁶⁷⁸⁹⁰†‡")  # what a text ending a sentence can end with
_WORD = re.compile(r"[^\W_][\w'’.-]*")
_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")  # "channel. Only": two sentences, no heading
SPACES = re.compile(r"[ \t\u00a0\u2009\u202f\u2007]+")
_ODD_SPACES = "\t\u00a0\u2009\u202f\u2007"  # SPACES besides " ": a line without these (or "  ") needs no SPACES.sub

# Words that stay lower-case in Title Case headings.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor for so yet of in on at to by with from into onto over under
    as per via vs vs. than about after before between through during without within against
    among across up out off is are was were be its his her their our your my this that
    s de la le du des der die das von van""".split()
)


@dataclass(slots=True)
class Line:
    """One non-blank source line; `gap` = number of blank lines before it."""

    text: str
    gap: int = 0
    indent: bool = False  # starts with two or more spaces or a tab (a paragraph mark in some layouts)


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with normalised spaces, each remembering the blank lines before it."""
    lines: list[Line] = []
    gap = 0
    # SPACES.sub is needed only where a line holds "  " or an odd space; which odd spaces the
    # text holds at all is found by a few scans of the whole text (most hold one or none), and a
    # line is asked after stripping (an indent is no run to collapse: the result is the same).
    odd = [ch for ch in _ODD_SPACES if ch in text]
    one = odd[0] if len(odd) == 1 else ""
    some = frozenset(odd)
    for raw in text.split("\n"):
        clean = raw.strip()
        if "  " in clean or odd and (one in clean if one else not some.isdisjoint(clean)):
            clean = SPACES.sub(" ", clean)
        if not clean:
            gap += 1
            continue
        lines.append(Line(clean, gap if lines else 0, raw[:2] == "  " or raw[:1] == "\t"))
        gap = 0
    return lines


def wrap_width(lines: list[Line]) -> int:
    """The column hard-wrapped text is wrapped at (90th percentile of line lengths), or 0 when
    lines are longer than any wrapping (one line per paragraph) or too few to tell."""
    lengths = sorted(len(line.text) for line in lines)
    width = lengths[int(len(lengths) * 0.9) - 1] if len(lengths) >= 6 else 0
    return width if width <= 100 else 0


# The words of every line and paragraph the cleaner has asked about: each pass asks about the
# same texts again (a line's words are wanted by a dozen rules), so a text is tokenised once.
# Bounded by the characters of text it holds (about one long article's worth), then emptied.
_WORDS: dict[str, tuple[str, ...]] = {}
_held = 0  # characters of the texts in _WORDS
WORDS_HELD = 2_000_000
LONGEST_HELD = 20_000  # a longer text (a 1 MB line) is tokenised each time it is asked about


def words(text: str) -> tuple[str, ...]:
    """The words of `text` (cached: the cleaner asks about the same lines many times)."""
    global _held
    found = _WORDS.get(text)
    if found is None:
        found = tuple(_WORD.findall(text))
        if len(text) <= LONGEST_HELD:  # (_hold, inlined: this runs once per line of every text)
            if _held > WORDS_HELD:
                forget_words()
            _WORDS[text] = found
            _held += len(text)
    return found


def _hold(text: str, found: tuple[str, ...]) -> tuple[str, ...]:
    global _held
    if len(text) <= LONGEST_HELD:
        if _held > WORDS_HELD:
            forget_words()
        _WORDS[text] = found
        _held += len(text)
    return found


def joined_words(texts: list[str]) -> tuple[str, tuple[str, ...]]:
    """`" ".join(texts)` and its words, put together from each text's own (cached) words: a word
    never spans the joining space, so they are the same — and the joined text is not read again."""
    if len(texts) == 1:
        return texts[0], words(texts[0])
    joined = " ".join(texts)
    found = _WORDS.get(joined)
    if found is None:
        found = _hold(joined, tuple(chain.from_iterable(map(words, texts))))
    return joined, found


def forget_words() -> None:
    """Empty the word cache (benchmarks time the cleaner from cold)."""
    global _held
    _WORDS.clear()
    _held = 0


def at_most_words(text: str, limit: int) -> bool:
    """`len(words(text)) <= limit`, without reading a long text past its (limit+1)-th word."""
    if len(text) <= LONGEST_HELD:
        return len(words(text)) <= limit
    return sum(1 for _ in islice(_WORD.finditer(text), limit + 1)) <= limit


def ends_sentence(text: str) -> bool:
    """True when the text ends with terminal punctuation (closing quotes allowed)."""
    last = text[-1:]
    if last not in TERMINAL_LAST and not last.isspace():
        return False  # (most lines end in a letter: no slicing, no regex)
    tail = text[-200:].rstrip()[-40:]  # the end is all that matters (and cheap)
    return bool(tail) and tail[-1] in TERMINAL_LAST and bool(_TERMINAL.search(tail))


def holds_sentence_end(text: str) -> bool:
    """A sentence ends inside the text ("rhetorical. The State"): it is no heading or label."""
    return bool(_INNER_SENTENCE_END.search(text))


def _first_alnum(text: str) -> str:
    """The first letter or digit of `text` ('' when it has none)."""
    first = text[:1]
    if first.isalpha() or first.isdigit():
        return first  # the usual case: no generator
    return next((ch for ch in text if ch.isalpha() or ch.isdigit()), "")


def starts_lower(text: str) -> bool:
    """True when the first letter is lower case (a sentence continuing from a previous line)."""
    first = text[:1]
    if first.isalpha():
        return first.islower()  # (the usual line: no second call)
    return _first_alnum(text).islower()


def capitalised(word: str) -> bool:
    """A capital (or a digit) first: the start of a name, a heading word, a sentence."""
    first = word[:1]
    if not (first.isalpha() or first.isdigit()):
        first = _first_alnum(word)
    return first.isupper() or first.isdigit()


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w.lower().strip(".") not in FUNCTION_WORDS]


def title_case_ratio(text: str) -> float:
    """Share of content words that start with a capital (or a digit)."""
    content = content_words(text)
    if not content:
        return 0.0
    return sum(1 for w in content if capitalised(w)) / len(content)


def is_strict_title_case(text: str) -> bool:
    """Every content word of four letters or more is capitalised."""
    long_words = [w for w in content_words(text) if sum(c.isalpha() for c in w) >= 4]
    return bool(long_words) and all(capitalised(w) for w in long_words)


def heading_like(text: str, *, max_words: int = 14) -> bool:
    """Short, unterminated (or a question), capitalised: how titles and headings look."""
    if len(text) > 110:
        return False
    n = len(words(text))
    if n == 0 or n > max_words or len(text) > 110:
        return False
    stripped = text.rstrip()
    if stripped.endswith("?") or stripped.endswith("!"):
        pass
    elif ends_sentence(stripped) or stripped.endswith(","):
        return False
    if starts_lower(text) or _INNER_SENTENCE_END.search(text):
        return False
    last = words(text)[-1].lower()
    if last in FUNCTION_WORDS and n > 2 and not stripped.endswith("?"):
        return False  # "…the release of" is a sentence cut by a line break ("Who Is It For?" is fine)
    return n <= 3 or title_case_ratio(text) >= 0.5


def is_heading(text: str) -> bool:
    """A line standing on its own that reads as a heading: title-ish, or short and unfinished.

    Used once the joiner has shown the line is not part of a sentence, so sentence-case
    headings ("What comes next") count too.
    """
    if len(text) > 200:
        return False  # 14 words at most
    if heading_like(text):
        return True
    n = len(words(text))
    stripped = text.rstrip()
    if not 1 <= n <= 14 or starts_lower(stripped) or stripped.endswith(",") or _INNER_SENTENCE_END.search(text):
        return False
    if ends_sentence(stripped) and not stripped.endswith("?"):
        return False
    return stripped.endswith("?") or words(text)[-1].lower() not in FUNCTION_WORDS
