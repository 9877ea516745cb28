"""Keyword hits: every sentence that holds all the words of a 1–4 word query, in any order.

"trump transactional approach" should find "Trump's approach to Nato is transactional"
as well as the phrase itself. Within each sentence of a candidate passage the smallest
window holding one word of every group is the hit; the denser the window, the higher
the score (70–85), so an exact phrase (scored by alignment, ≥ 84) still ranks first.
"""

from __future__ import annotations

from bisect import bisect_left

from workbench.search.tokens import Folded

BASE = 70.0  # a sentence holding every keyword, however far apart
DENSITY = 15.0  # + this × (keywords / words in the window)
TYPO = 20.0  # − this × (1 − similarity of the worst-spelt keyword)


def keyword_spans(groups: list[dict[str, float]], hay: Folded,
                  sentences: list[tuple[int, int]]) -> list[tuple[float, int, int]]:
    """(score, start, end) of the best keyword window in each sentence of `hay` that holds them all."""
    words = hay.loose.split(" ")
    need = len(groups)
    out = []
    for s, e in sentences:
        a, b = bisect_left(hay.starts, s), bisect_left(hay.starts, e)
        hits = [(k, g, sims[words[k]]) for k in range(a, b) for g, sims in enumerate(groups) if words[k] in sims]
        if len({g for _, g, _ in hits} ) < need:
            continue
        best = None
        counts: dict[int, int] = {}
        left = 0
        for right in range(len(hits)):  # smallest window of `hits` holding every group
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
        if best is not None:
            span, first, last, sim = best
            score = BASE + DENSITY * min(1.0, need / span) - TYPO * (1.0 - sim)
            out.append((score, hay.starts[first], hay.ends[last]))
    return out
