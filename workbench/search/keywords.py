"""Keyword hits: every sentence that holds all the words of a 1–4 word query, in any order.

"trump transactional approach" should find "Trump's approach to Nato is transactional"
as well as the phrase itself. Within each sentence of a candidate passage the smallest
window holding one word of every group is the hit; the denser the window, the higher
the score (70–85), so an exact phrase (scored by alignment, ≥ 84) still ranks first.
"""

from __future__ import annotations

from itertools import chain

from workbench.search.tokens import TERM_RE, Folded, fold_token

BASE = 70.0  # a sentence holding every keyword, however far apart
ACROSS = 10.0  # − this when no sentence holds them all but neighbouring ones do (≤ MAX_SPREAD words)
MAX_SPREAD = 40
DENSITY = 15.0  # + this × (keywords / words in the window)
TYPO = 20.0  # − this × (1 − similarity of the worst-spelt keyword)
MAX_SCORE = BASE + DENSITY


def keyword_windows(groups: list[dict[str, float]], text: str,
                    sentences: list[tuple[int, int]]) -> list[tuple[float, int, int, int, int]]:
    """(score, sentence start, sentence end, first word, last word) of the best keyword window in
    each sentence that holds every group; word numbers count folded words of that sentence.

    Works on folded words without offsets (C-level maps); `locate` turns the few windows
    that make the list into character offsets.
    """
    need = len(groups)
    out = []
    for a, b in sentences:
        words = list(chain.from_iterable(map(fold_token, TERM_RE.findall(text, a, b))))
        found = _window(groups, words, 0, len(words))
        if found is not None:
            out.append(_scored(found, need, a, b))
    if not out and len(sentences) > 1:  # sentence ends cut the keywords apart: one close window over them
        a, b = sentences[0][0], sentences[-1][1]
        words = list(chain.from_iterable(map(fold_token, TERM_RE.findall(text, a, b))))
        found = _window(groups, words, 0, len(words))
        if found is not None and found[0] <= MAX_SPREAD:
            out.append(_scored(found, need, a, b, ACROSS))
    return out


def locate(text: str, a: int, b: int, first: int, last: int) -> tuple[int, int]:
    """Character offsets of folded words first..last of text[a:b]."""
    hay = Folded(text[a:b], a)
    return hay.starts[first], hay.ends[last]


def _scored(found, need: int, a: int, b: int, penalty: float = 0.0) -> tuple[float, int, int, int, int]:
    span, first, last, sim = found
    return BASE + DENSITY * min(1.0, need / span) - TYPO * (1.0 - sim) - penalty, a, b, first, last


def _window(groups: list[dict[str, float]], words: list[str], a: int, b: int):
    """(words spanned, first, last, worst similarity) of the smallest window of words[a:b] holding
    one word of every group, or None."""
    need = len(groups)
    hits = [(k, g, sims[words[k]]) for k in range(a, b) for g, sims in enumerate(groups) if words[k] in sims]
    if len({g for _, g, _ in hits}) < need:  # (the common case: a cheap no)
        return None
    best = None
    counts: dict[int, int] = {}
    left = 0
    for right in range(len(hits)):
        counts[hits[right][1]] = counts.get(hits[right][1], 0) + 1
        while len(counts) == need:
            first, last = hits[left][0], hits[right][0]
            span = last - first + 1
            if best is None or span < best[0]:
                best = (span, first, last, min(h[2] for h in hits[left:right + 1]))
            g = hits[left][1]
            counts[g] -= 1
            if not counts[g]:
                del counts[g]
            left += 1
    return best
