"""Exact span of a quote inside a piece of text: rapidfuzz alignment on folded words.

`partial_ratio_alignment` finds the best window of the haystack for the query; the window
is snapped outward to whole words, then nudged word by word at both ends (a dropped or
added word changes the quote's length, so the raw window is often a word short) and
scored with `ratio`/`token_sort_ratio` of the query against exactly that span.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.search.tokens import Folded

_NUDGE = 2  # words tried on each side of the aligned window


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    start: int  # offsets in the original text (word boundaries)
    end: int


def span_score(query: str, span: str) -> float:
    """0–100 similarity of a folded query to a folded span (word order matters a little)."""
    if not span:
        return 0.0
    return max(fuzz.ratio(query, span), fuzz.token_sort_ratio(query, span) - 2)


def align(query: str, hay: Folded, score_cutoff: float = 0.0) -> Match | None:
    """Best word-snapped span of `hay` for the folded `query`, or None below the cutoff."""
    if not query or not hay.loose:
        return None
    found = fuzz.partial_ratio_alignment(query, hay.loose, score_cutoff=max(score_cutoff - 15, 0))
    if found is None or found.dest_end <= found.dest_start:
        return None
    n = len(hay.starts)
    i, j = hay.words_in(found.dest_start, found.dest_end)
    best_score, best_i, best_j = -1.0, i, j
    for di in range(-_NUDGE, _NUDGE + 1):
        a = i + di
        if a < 0 or a >= n:
            continue
        for dj in range(-_NUDGE, _NUDGE + 1):
            b = j + dj
            if b <= a or b > n:
                continue
            score = span_score(query, hay.loose_of(a, b))
            if score > best_score:
                best_score, best_i, best_j = score, a, b
    score = span_score(query, hay.loose_of(best_i, best_j))
    if score < score_cutoff:
        return None
    return Match(score, hay.starts[best_i], hay.ends[best_j - 1])
