"""One pair of articles: from shared shingles (seeds) to whole near-identical runs.

Seeds are positions (i, j) where the same k words start in article A at word i and in B at
word j. Seeds on (nearly) the same diagonal j - i and close together form a chain — the
gaps between them are a changed, dropped or added word. A chain is grown outwards over
equal words, stepping over one changed/dropped/added word when the next `RESUME` words
agree again, so a member's span is the whole shared run. It counts as an echo when
difflib's word-level similarity is at least `MIN_SIMILARITY` (near-identical, not merely
on the same topic) and at least `min_words` of its words line up: a passage of N words
with one word changed needs N + 1 words.
"""

from __future__ import annotations

from difflib import SequenceMatcher

MIN_SIMILARITY = 0.8
RESUME = 3  # words that must agree again after a step over an edit
_DRIFT = 3  # diagonal change allowed inside a chain (dropped/added words)
_NEAREST_FIRST = sorted(range(-_DRIFT, _DRIFT + 1), key=abs)
_STEPS = ((1, 1), (1, 0), (0, 1))  # one word changed, dropped or added


def matched_words(a: list, b: list) -> int:
    """Words of `a` and `b` that line up (difflib's matching blocks)."""
    return sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def similarity(a: list, b: list) -> float:
    """Word-level similarity of two key sequences (difflib ratio: 2·matches / total)."""
    if not a and not b:
        return 1.0
    return 2.0 * matched_words(a, b) / (len(a) + len(b))


def _chains(seeds: list[tuple[int, int]], k: int) -> list[tuple[int, int, int, int]]:
    """Seeds (sorted by i) → chains as word spans (a0, a1, b0, b1)."""
    gap = k + 4
    open_by_diag: dict[int, int] = {}  # diagonal of a chain's last seed → chain index
    chains: list[list[int]] = []  # [a0, b0, last_i, last_j]
    for i, j in seeds:
        d = j - i
        found = -1
        for shift in _NEAREST_FIRST:
            dd = d + shift
            c = open_by_diag.get(dd)
            if c is None:
                continue
            _a0, _b0, li, lj = chains[c]
            if li < i <= li + gap and lj < j <= lj + gap:
                found = c
                del open_by_diag[dd]
                break
        if found < 0:
            found = len(chains)
            chains.append([i, j, i, j])
        else:
            chains[found][2], chains[found][3] = i, j
        open_by_diag[d] = found
    return [(a0, li + k, b0, lj + k) for a0, b0, li, lj in chains]


def _grow(ka: list, kb: list, a: int, b: int, step: int) -> tuple[int, int]:
    """Move (a, b) outwards (step 1: right from exclusive ends; -1: left from starts)."""
    if step < 0:  # a and b are starts: the words before them are a - 1, b - 1, …
        while True:
            while a > 0 and b > 0 and ka[a - 1] == kb[b - 1]:
                a -= 1
                b -= 1
            for da, db in _STEPS:
                na, nb = a - da, b - db
                if na >= RESUME and nb >= RESUME and ka[na - RESUME:na] == kb[nb - RESUME:nb]:
                    a, b = na, nb
                    break
            else:
                return a, b
    la, lb = len(ka), len(kb)
    while True:
        while a < la and b < lb and ka[a] == kb[b]:
            a += 1
            b += 1
        for da, db in _STEPS:
            na, nb = a + da, b + db
            if na + RESUME <= la and nb + RESUME <= lb and ka[na:na + RESUME] == kb[nb:nb + RESUME]:
                a, b = na, nb
                break
        else:
            return a, b


def align_pair(ka: list, kb: list, seeds: list[tuple[int, int]], k: int,
               min_words: int) -> list[tuple[int, int, int, int]]:
    """Near-identical runs shared by A and B as word spans (a0, a1, b0, b1)."""
    grown: list[tuple[int, int, int, int]] = []
    for a0, a1, b0, b1 in _chains(seeds, k):
        a0, b0 = _grow(ka, kb, a0, b0, -1)
        a1, b1 = _grow(ka, kb, a1, b1, 1)
        grown.append((a0, a1, b0, b1))
    grown.sort()
    merged: list[list[int]] = []
    for a0, a1, b0, b1 in grown:  # chains that grew into each other (moving forward in both) are one run
        last = merged[-1] if merged else None
        if last and last[0] <= a0 and a1 <= last[1] and last[2] <= b0 and b1 <= last[3]:
            continue  # grew into the same run (or inside it)
        if last and last[0] < a0 <= last[1] and last[2] < b0 <= last[3]:
            last[1], last[3] = max(last[1], a1), max(last[3], b1)
        else:
            merged.append([a0, a1, b0, b1])
    runs = []
    for a0, a1, b0, b1 in merged:
        if a1 - a0 < min_words or b1 - b0 < min_words:
            continue
        matched = matched_words(ka[a0:a1], kb[b0:b1])
        if matched >= min_words and 2.0 * matched / (a1 - a0 + b1 - b0) >= MIN_SIMILARITY:
            runs.append((a0, a1, b0, b1))
    return runs
