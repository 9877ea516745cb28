"""Where each part of a cleaned text came from in the text before cleaning: its page, and the
paragraph (with its look on the page) it was read from.

The cleaner rewrites text (joins broken words, drops furniture, moves pull quotes), so
positions cannot be carried through it character by character. Instead the cleaned pieces are
aligned with the text before cleaning by runs of three words: each run is looked up (in an
index of every run in the raw text) at or after the last place matched, so the walk is
monotone and costs O(n log n). A word whose run is not found inherits the place before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
RUN = 3
NEAR = 400  # words: a match further ahead must be confirmed by the runs after it
CONFIRM = 3


@dataclass
class Alignment:
    """Per cleaned piece, (offset in the piece, offset in the raw text) of each word whose run
    of three was found in the raw text, in order; the raw offsets never go back."""

    pieces: list[list[tuple[int, int]]]

    def drop(self, keep: list[bool]) -> None:
        """Follow the draft when pieces are taken out (`keep`: one flag per piece)."""
        self.pieces = [words for words, kept in zip(self.pieces, keep, strict=True) if kept]


def _key(words: list[str], i: int) -> tuple[str, ...]:
    return tuple(words[i:i + RUN])


def align(raw: str, pieces: list[tuple[str, str]]) -> Alignment:
    """The cleaned `pieces` (kind, text) word by word against `raw`, the text before cleaning."""
    raw_words: list[str] = []
    raw_offsets: list[int] = []
    for match in _WORD.finditer(raw):
        raw_words.append(match.group(0).casefold())
        raw_offsets.append(match.start())
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(raw_words)):
        index.setdefault(_key(raw_words, i), []).append(i)
    stream: list[str] = []
    places: list[tuple[int, int]] = []  # (piece index, offset in piece) of each cleaned word
    for piece_index, (_, text) in enumerate(pieces):
        for match in _WORD.finditer(text):
            stream.append(match.group(0).casefold())
            places.append((piece_index, match.start()))
    out: list[list[tuple[int, int]]] = [[] for _ in pieces]
    cursor = 0
    for i in range(len(stream) - RUN + 1):
        hits = index.get(_key(stream, i))
        if not hits:
            continue
        at = bisect_left(hits, cursor)
        if at == len(hits):
            continue
        if hits[at] - cursor > NEAR and not _confirmed(index, stream, i, hits[at]):
            continue  # a common phrase far ahead, not this one's place
        cursor = hits[at]
        piece, offset = places[i]
        out[piece].append((offset, raw_offsets[cursor]))
    return Alignment(out)


def mark_pages(alignment: Alignment, page_starts: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(page number, piece index, offset in piece) wherever a new page begins, ascending.

    `page_starts`: (offset into the raw text, page number) for each page's first character."""
    if not page_starts:
        return []
    starts = [offset for offset, _ in page_starts]
    page = page_starts[0][1]
    marks: list[tuple[int, int, int]] = [(page, 0, 0)]
    for piece, words in enumerate(alignment.pieces):
        for offset, raw_offset in words:
            here = page_starts[max(0, bisect_right(starts, raw_offset) - 1)][1]
            if here > page:
                page = here
                marks.append((page, piece, offset))
    return marks


def _confirmed(index: dict, stream: list[str], i: int, position: int) -> bool:
    """The next runs of words follow at the same place in the raw text too."""
    for step in range(1, CONFIRM + 1):
        hits = index.get(_key(stream, i + step)) if i + step + RUN <= len(stream) else None
        if not hits:
            return False
        at = bisect_left(hits, position + step)
        if at == len(hits) or hits[at] != position + step:
            return False
    return True
