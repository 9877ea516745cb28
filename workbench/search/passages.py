"""Articles → passages: chunks of whole sentences inside one block, with offsets.

A passage is the unit the index ranks. It is small enough that a quote's words stand
out against it (a few sentences, at most ~`MAX_WORDS` words) and never crosses a block,
so a hit never glues two paragraphs together. Quotes that straddle two passages are
still found: alignment looks at the passage widened by its neighbours in the block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from workbench.search.texts import BlockSpan
from workbench.textnorm import sentence_spans

__all__ = ["MAX_WORDS", "Passage", "sentence_spans", "split_passages"]

MAX_WORDS = 60
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Passage:
    start: int  # offsets into article.text
    end: int
    block_start: int  # the block it lies in (alignment may widen up to these)
    block_end: int


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on sentence longer than MAX_WORDS → word windows of MAX_WORDS."""
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    return [(words[i][0], words[min(i + MAX_WORDS, len(words)) - 1][1])
            for i in range(0, len(words), MAX_WORDS)]


def split_passages(text: str, blocks: Iterable[BlockSpan]) -> list[Passage]:
    """Greedy sentence chunks of ≤ MAX_WORDS words per block (`blocks`: objects with start/end)."""
    out: list[Passage] = []
    regions = [(b.start, b.end) for b in blocks] or ([(0, len(text))] if text.strip() else [])
    for b_start, b_end in regions:
        chunk_start = chunk_end = -1
        count = 0
        for s, e in sentence_spans(text, b_start, b_end):
            n = text.count(" ", s, e) + 1
            if n > MAX_WORDS:
                if chunk_start >= 0:
                    out.append(Passage(chunk_start, chunk_end, b_start, b_end))
                    chunk_start, count = -1, 0
                out.extend(Passage(a, z, b_start, b_end) for a, z in _split_long(text, s, e))
                continue
            if chunk_start >= 0 and count + n > MAX_WORDS:
                out.append(Passage(chunk_start, chunk_end, b_start, b_end))
                chunk_start, count = -1, 0
            if chunk_start < 0:
                chunk_start = s
            chunk_end = e
            count += n
        if chunk_start >= 0:
            out.append(Passage(chunk_start, chunk_end, b_start, b_end))
    return out
