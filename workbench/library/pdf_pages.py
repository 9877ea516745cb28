"""Which page each part of a cleaned text came from.

The cleaner rewrites text (joins broken words, drops furniture, moves pull quotes), so page
positions cannot be carried through it character by character. Instead the cleaned pieces are
aligned with the text before cleaning by runs of three words: each run is looked up (in an
index of every run in the raw text) at or after the last place matched, so the walk is
monotone and costs O(n log n). A word whose run is not found inherits the page before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_WORD = re.compile(r"\w+")
RUN = 3
NEAR = 400  # words: a match further ahead must be confirmed by the runs after it
CONFIRM = 3


def _key(words: list[str], i: int) -> tuple[str, ...]:
    return tuple(words[i:i + RUN])


def mark_pages(raw: str, page_starts: list[tuple[int, int]],
               pieces: list[tuple[str, str]]) -> list[tuple[int, int, int]]:
    """(page number, piece index, offset in piece) wherever a new page begins, ascending.

    `page_starts`: (offset into `raw`, page number) for each page's first character.
    """
    if not page_starts:
        return []
    starts = [offset for offset, _ in page_starts]
    raw_words: list[str] = []
    raw_pages: list[int] = []
    for match in _WORD.finditer(raw):
        raw_words.append(match.group(0).casefold())
        raw_pages.append(page_starts[max(0, bisect_right(starts, match.start()) - 1)][1])
    index: dict[tuple[str, ...], list[int]] = {}
    for i in range(len(raw_words)):
        index.setdefault(_key(raw_words, i), []).append(i)
    stream: list[str] = []
    places: list[tuple[int, int]] = []  # (piece index, offset in piece) of each cleaned word
    for piece_index, (_, text) in enumerate(pieces):
        for match in _WORD.finditer(text):
            stream.append(match.group(0).casefold())
            places.append((piece_index, match.start()))
    page = page_starts[0][1]
    marks: list[tuple[int, int, int]] = [(page, 0, 0)]
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
        here = raw_pages[cursor]
        if here > page:
            page = here
            marks.append((page, *places[i]))
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
