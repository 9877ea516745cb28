"""Normalising text for matching — the one place that decides what "the same text" means.

Highlight lookup, search and the quote checker all compare text through `normalize`, which
folds curly quotes to straight ones, every dash to '-', every run of whitespace to one
space and (optionally) case, while keeping a map from each normalised character back to
its offset in the original. Offsets given to callers are always offsets into the original.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2039": '"', "\u203a": '"',  # « » ‹ › quote, never an apostrophe
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u2026": "...",
    "\u00ad": "",  # soft hyphen: invisible
    "\u200b": "",  # zero-width space
}

# Control characters and ANSI/VT escape sequences: never meaningful in user text.
ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
# Lone surrogates (from a YAML "\ud800" escape or a bad file name) are not text: they
# cannot be encoded, hashed or saved, so they go with the control characters.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def strip_control(text: str) -> str:
    """Remove terminal escape sequences, control characters (keeps \\t, \\n, \\r) and lone surrogates."""
    return _CONTROL.sub("", ANSI_ESCAPE.sub("", text))


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the offset it came from."""

    text: str
    offsets: tuple[int, ...]
    source_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original."""
        if end <= start:
            pos = self.offsets[start] if start < len(self.offsets) else self.source_length
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1


def fold_char(ch: str) -> str:
    return _FOLD.get(ch, ch)


# The same folding as `normalize` for quotes/dashes, for callers that need no offset map.
FOLD_TABLE = str.maketrans(_FOLD)


# Words: letters/digits, with apostrophes (any style textnorm folds to ') inside a word.
APOSTROPHES = "'" + "".join(ch for ch, folded in _FOLD.items() if folded == "'")
WORD_RE = re.compile(rf"[^\W_]+(?:[{re.escape(APOSTROPHES)}][^\W_]+)*")
# A word as a reader moves by it: a hyphenated compound (re-entry) is one, as in an editor.
READING_WORD_RE = re.compile(rf"[^\W_]+(?:[{re.escape(APOSTROPHES)}\-][^\W_]+)*")
_WORD_FOLD = str.maketrans({ch: "'" for ch in APOSTROPHES})


def word_key(word: str) -> str:
    """The comparable form of one word (a WORD_RE match): apostrophes unified, case folded."""
    return word.translate(_WORD_FOLD).casefold()


def fold_fast(text: str) -> str:
    """Fold quote and dash styles (no whitespace collapsing, no offsets): fast comparisons."""
    return text.translate(FOLD_TABLE)


def normalize(text: str, *, casefold: bool = False) -> Normalized:
    """Fold quotes, dashes, whitespace (and optionally case), keeping an offset map."""
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        folded = _FOLD.get(ch, ch)
        if folded == " " or ch.isspace():
            if pending_space < 0:
                pending_space = i
            continue
        if not folded:
            continue
        if pending_space >= 0:
            if out:
                out.append(" ")
                offsets.append(pending_space)
            pending_space = -1
        if casefold:
            folded = folded.casefold()
        for piece in folded:
            out.append(piece)
            offsets.append(i)
    return Normalized("".join(out), tuple(offsets), len(text))


def normalize_query(text: str, *, casefold: bool = False) -> str:
    """Normalised form of a query or quote (no offset map needed)."""
    return normalize(unicodedata.normalize("NFC", text), casefold=casefold).text


def find_all(text: str, quote: str, *, casefold: bool = False,
             haystack: Normalized | None = None) -> list[tuple[int, int]]:
    """Every occurrence of `quote` in `text`, ignoring whitespace/quote/dash differences.

    Returns spans as offsets into the original `text`. Callers that search one text many
    times pass `haystack=normalize(text)` so it is normalised once.
    """
    needle = normalize_query(quote, casefold=casefold)
    if not needle:
        return []
    hay = haystack if haystack is not None else normalize(text, casefold=casefold)
    spans: list[tuple[int, int]] = []
    pos = hay.text.find(needle)
    while pos >= 0:
        spans.append(hay.span(pos, pos + len(needle)))
        pos = hay.text.find(needle, pos + 1)
    return spans


# --- sentence ends (search passages, alignment and hit context) ---------------------------
# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by whitespace — but not
# after an initial or a common abbreviation ("U.S. President", "Mr. Aliyev", "Oct. 11"), nor
# before a lower-case word ("etc. and") — or at a paragraph break (a blank line).
_ABBREVIATIONS = ["Mr", "Ms", "Dr", "St", "Mrs", "vs", "etc", "Jr", "Sr", "No", "Nr", "Co", "Inc", "Ltd", "Corp", "Gov", "Sen", "Rep", "Gen", "Col", "Lt", "Prof", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "bzw"]
_NOT_AFTER = "".join(
    rf"(?<!\b(?:{'|'.join(words)})\.)" for words in
    ({n: [w for w in _ABBREVIATIONS if len(w) == n] for n in sorted({len(w) for w in _ABBREVIATIONS})}.values()))
SENTENCE_END = re.compile(
    rf"([.!?\u2026]+(?<!\b[A-Z]\.){_NOT_AFTER}[\"'\u201d\u2019)\]]*)\s+(?![\sa-z])|\s*\n[ \t]*\n\s*"
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as absolute spans (surrounding whitespace excluded)."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    while pos < end and text[pos].isspace():
        pos += 1
    for match in SENTENCE_END.finditer(text, start, end):
        stop = match.end(1) if match.group(1) else match.start()
        if stop > pos and text[pos:stop].strip():  # (a run of punctuation alone is not a sentence)
            spans.append((pos, stop))
        pos = max(pos, match.end())
    if pos < end and text[pos:end].strip():
        spans.append((pos, pos + len(text[pos:end].rstrip())))
    return spans
