"""Exact span of a quote inside a piece of text: rapidfuzz alignment on folded words.

`partial_ratio_alignment` finds the best window of the haystack for the query; the window
is snapped outward to whole words, then nudged word by word at both ends (a dropped or
added word changes the quote's length, so the raw window is often a word short) and
scored with `ratio`/`token_sort_ratio` of the query against exactly that span.

Given the sentences of the text, runs of one to three whole sentences near the window
compete too: a quote whose clauses were swapped scores best against its whole source
sentence (token_sort_ratio ignores order), where the character window would cover only
the clause it happened to line up with and run into the next sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.search.tokens import Folded

_NUDGE = 2  # words tried on each side of the aligned window
_RUN = 3  # whole sentences a reordered quote may span


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    start: int  # offsets in the original text (word boundaries)
    end: int


def span_score(query: str, span: str, order_free: bool = True) -> float:
    """0–100 similarity of a folded query to a folded span (word order matters a little).

    `order_free=False` (a span that runs over a sentence end): word order matters fully, so
    a piece of the next sentence cannot stand in for a word the quote has elsewhere.
    """
    if not span:
        return 0.0
    plain = fuzz.ratio(query, span)
    return max(plain, fuzz.token_sort_ratio(query, span) - 2) if order_free else plain


def align(query: str, hay: Folded, score_cutoff: float = 0.0,
          sentences: list[tuple[int, int]] | None = None) -> Match | None:
    """Best word-snapped span of `hay` for the folded `query`, or None below the cutoff.

    `sentences`: absolute (start, end) spans of the sentences of hay's text, for whole-sentence runs.
    """
    if not query or not hay.loose:
        return None
    found = fuzz.partial_ratio_alignment(query, hay.loose, score_cutoff=max(score_cutoff - 15, 0))
    if found is None or found.dest_end <= found.dest_start:
        return None
    n = len(hay.starts)
    i, j = hay.words_in(found.dest_start, found.dest_end)
    bounds = _word_bounds(hay, sentences) if sentences else []
    firsts = [a for a, _ in bounds[1:]]  # words that start a sentence (after the first)
    best_score, best_i, best_j = -1.0, i, j
    for di in range(-_NUDGE, _NUDGE + 1):
        a = i + di
        if a < 0 or a >= n:
            continue
        for dj in range(-_NUDGE, _NUDGE + 1):
            b = j + dj
            if b <= a or b > n:
                continue
            crosses = bisect_left(firsts, b) > bisect_right(firsts, a) if firsts else False
            score = span_score(query, hay.loose_of(a, b), order_free=not crosses)
            if score > best_score:
                best_score, best_i, best_j = score, a, b
    if bounds and query.count(" ") >= 5:
        best_score, best_i, best_j = _sentence_runs(query, hay, bounds, best_score, best_i, best_j)
    if best_score < score_cutoff:
        return None
    return Match(best_score, hay.starts[best_i], hay.ends[best_j - 1])


def _word_bounds(hay: Folded, sentences) -> list[tuple[int, int]]:
    """Word ranges [a, b) of the sentences, in order."""
    bounds = []
    for s, e in sentences:
        a, b = bisect_left(hay.starts, s), bisect_left(hay.starts, e)
        if b > a:
            bounds.append((a, b))
    return bounds


def _sentence_runs(query: str, hay: Folded, bounds, best_score: float, best_i: int, best_j: int):
    """Let runs of whole sentences around words [best_i, best_j) compete with the window."""
    touched = [k for k, (a, b) in enumerate(bounds) if a < best_j and best_i < b]
    if not touched:
        return best_score, best_i, best_j
    lo, hi = max(0, touched[0] - 1), min(len(bounds), touched[-1] + 2)
    qlen = len(query)
    for x in range(lo, hi):
        for y in range(x, min(hi, x + _RUN)):
            a, b = bounds[x][0], bounds[y][1]
            if not (a < best_j and best_i < b):
                continue
            span = hay.loose_of(a, b)
            if len(span) > 2 * qlen + 20:
                break
            score = span_score(query, span)
            if score > best_score:
                best_score, best_i, best_j = score, a, b
    return best_score, best_i, best_j
