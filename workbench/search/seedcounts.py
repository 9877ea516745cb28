"""How many of a query's seed postings hold each passage — the first cut of long queries.

A long query's rarest words "seed" candidates: every passage id in their postings is
counted, and the passages with the most seeds go on (candidates.py). In a small library
that is a `Counter` updated in C. At 100k articles the seeds of a query of common words
hold millions of ids, and a dict update per id (scattered over a big table) is most of
the query's time; above `ARRAY_SEEDS` ids (`LOADED_ARRAY_SEEDS` once numpy is loaded, as
in the TUI after its first big query) the counting is done with numpy arrays instead
(scatter-add per posting; numpy is imported only then).

Both give the same answers in the same order: `top` ranks by count, ties in the order a
Counter would list them — by the first seed holding the passage, then by passage id
(postings are sorted, and a Counter keeps insertion order).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import compress, islice, repeat
from operator import eq, ge, gt

ARRAY_SEEDS = 300_000  # seed ids above which counting imports numpy (~60 ms, once: it pays for itself)
LOADED_ARRAY_SEEDS = 20_000  # … and above which it uses numpy once imported (a long-lived process)


def use_arrays(ids: int) -> bool:
    """Whether counting `ids` seed ids is cheaper with numpy (counting the import if not loaded)."""
    return ids >= (LOADED_ARRAY_SEEDS if "numpy" in sys.modules else ARRAY_SEEDS)


def seed_counts(seeds: list, passage_count: int, owner, slot: int | None,
                cancelled: Callable[[], bool]) -> CounterCounts | ArrayCounts | None:
    """Counts of `seeds` (sorted posting lists), restricted to passages of `slot` if given;
    None when cancelled."""
    if use_arrays(sum(map(len, seeds))):
        return ArrayCounts.of(seeds, passage_count, owner, slot, cancelled)
    counts: Counter = Counter()
    for post in seeds:
        if cancelled():
            return None
        counts.update(post)  # C loop: no Python work per posting
    if slot is not None:
        counts = Counter({pid: c for pid, c in counts.items() if owner[pid] == slot})
    return CounterCounts(counts)


class CounterCounts:
    def __init__(self, counts: Counter) -> None:
        self.counts = counts

    def __bool__(self) -> bool:
        return bool(self.counts)

    def max(self) -> int:
        return max(self.counts.values())

    def get(self, pid: int) -> int:
        return self.counts.get(pid, 0)

    def top(self, k: int, need: int, drop: Iterable[set[int]] = ()) -> list[int]:
        """The `k` passages (not in `drop`) with the most seeds, at least `need`, most first."""
        counts = self.counts
        for gone in drop:
            for pid in counts.keys() & gone:
                del counts[pid]
        return _top(counts, k, need)


class ArrayCounts:
    """Seed counts as numpy arrays: `counts[pid]`, and `first[pid]` = the first seed holding it."""

    def __init__(self, counts, first, passage_count: int) -> None:
        self.counts, self.first, self.n = counts, first, passage_count
        self._max = int(counts.max()) if len(counts) else 0

    @classmethod
    def of(cls, seeds: list, passage_count: int, owner, slot: int | None,
           cancelled: Callable[[], bool]) -> ArrayCounts | None:
        import numpy as np

        counts = np.zeros(passage_count, dtype=np.uint16)
        first = np.full(passage_count, 0xFFFF, dtype=np.uint16)
        ids = []
        for post in seeds:
            if cancelled():
                return None
            pids = np.frombuffer(post, dtype=np.uint32)
            counts[pids] += 1  # a posting holds each passage once: a plain scatter-add is exact
            ids.append(pids)
        for k in range(len(ids) - 1, -1, -1):  # the earliest seed written last
            first[ids[k]] = k
        if slot is not None:
            counts[np.frombuffer(owner, dtype=np.uint32) != slot] = 0
        return cls(counts, first, passage_count)

    def __bool__(self) -> bool:
        return self._max > 0

    def max(self) -> int:
        return self._max

    def get(self, pid: int) -> int:
        return int(self.counts[pid])

    def top(self, k: int, need: int, drop: Iterable[set[int]] = ()) -> list[int]:
        import numpy as np

        cand = np.flatnonzero(self.counts >= need)
        for gone in drop:
            if gone and len(cand):
                cand = cand[~np.isin(cand, np.fromiter(gone, dtype=np.int64, count=len(gone)))]
        if not len(cand):
            return []
        values = self.counts[cand]
        histogram = np.bincount(values)
        above, cut = 0, None
        for value in range(len(histogram) - 1, need - 1, -1):
            if above + int(histogram[value]) >= k:
                cut = value
                break
            above += int(histogram[value])
        first = self.first[cand].astype(np.int64)
        if cut is None:  # fewer than k reach `need`: all of them
            return cand[np.lexsort((cand, first, -values.astype(np.int64)))].tolist()
        high = values > cut
        top = cand[high][np.lexsort((cand[high], first[high], -values[high].astype(np.int64)))].tolist()
        tied = cand[values == cut]
        key = first[values == cut] * self.n + tied  # Counter order among equal counts
        room = k - len(top)
        if room < len(tied):
            keep = np.argpartition(key, room - 1)[:room] if room > 0 else np.empty(0, dtype=np.int64)
            tied, key = tied[keep], key[keep]
        return top + tied[np.argsort(key, kind="stable")].tolist()


def _top(counts: Counter, k: int, need: int) -> list[int]:
    """The `k` keys with the highest counts of at least `need`, highest first, ties in the
    counter's order: `heapq.nlargest(k, [p for p, c in counts.items() if c >= need],
    key=counts.__getitem__)`, with the per-key work in C (the counts are small integers)."""
    histogram = Counter(counts.values())
    values = counts.values()
    above = 0
    for value in sorted(histogram, reverse=True):
        if value < need:
            break
        if above + histogram[value] >= k:  # `value` is the lowest count that makes the cut
            top = sorted(compress(counts, map(gt, values, repeat(value))), key=counts.__getitem__, reverse=True)
            top += islice(compress(counts, map(eq, values, repeat(value))), k - len(top))
            return top
        above += histogram[value]
    return sorted(compress(counts, map(ge, values, repeat(need))), key=counts.__getitem__, reverse=True)


def holding(members: list[int], post) -> list[int]:
    """The passages of `members` that the sorted posting list `post` holds (numpy searchsorted:
    one C call instead of a bisect per member; used when numpy is loaded anyway)."""
    import numpy as np

    ids = np.frombuffer(post, dtype=np.uint32)
    if not len(ids) or not members:
        return []
    wanted = np.asarray(members, dtype=np.uint32)
    at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
    return wanted[ids[at] == wanted].tolist()


def holding_all(driver, rest: list[list], dead: set[int], owner, slot: int | None, want: int,
                block: int = 4096) -> list[int]:
    """The first `want` passages of the sorted `driver` (not dead, of `slot` if given) that every
    group of `rest` holds (any of its sorted postings): a short query's AND, as the bisect walk
    finds it, one block of the driver at a time in numpy (it stops once enough are found)."""
    import numpy as np

    ids = np.frombuffer(driver, dtype=np.uint32) if isinstance(driver, memoryview) \
        else np.asarray(driver, dtype=np.uint32)
    groups = [[np.frombuffer(post, dtype=np.uint32) for post in posts] for posts in rest]
    owners = np.frombuffer(owner, dtype=np.uint32) if slot is not None else None
    gone = np.fromiter(dead, dtype=np.uint32, count=len(dead)) if dead else None
    found: list[int] = []
    for lo in range(0, len(ids), block):
        chunk = ids[lo:lo + block]
        keep = np.ones(len(chunk), dtype=bool)
        if gone is not None:
            keep &= ~np.isin(chunk, gone)
        if owners is not None:
            keep &= owners[chunk] == slot
        for posts in groups:
            held = np.zeros(len(chunk), dtype=bool)
            for post in posts:
                if len(post):
                    held |= post[np.minimum(np.searchsorted(post, chunk), len(post) - 1)] == chunk
            keep &= held
        found += chunk[keep].tolist()
        if len(found) >= want:
            return found[:want]
    return found
