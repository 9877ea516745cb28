"""Candidate passages for a query: each query term becomes a group of acceptable words.

A *group* is `[(word, similarity), ...]`: the term itself when the vocabulary has it, else
words one or two edits away (typos); a compound written apart, joined or hyphenated
("file sharing" / "filesharing" / "file-sharing") also counts. Long queries rank passages
by the summed IDF of the groups they hold; short ones need every group (AND).

The second route (`fuzzy=True`, used when the first found nothing confident) also expands
terms the vocabulary *does* know: a typo can be a real rare word ("beck" for "back") whose
postings never hold the quote. The literal word stays in the group.
"""

from __future__ import annotations

import heapq
import sys
from bisect import bisect_left

from rapidfuzz import process
from rapidfuzz.distance import OSA

from workbench.search.seedcounts import ArrayCounts, CounterCounts, holding, holding_all, seed_counts

MIN_COVERAGE = 0.35  # share of the query's IDF weight a candidate passage must hold
CANDIDATES = 48  # passages given to the quick partial_ratio rank
SEED_COVERAGE = 0.5  # rarest terms holding this share of the weight seed candidates
POOL = 250  # passages (most seed terms) whose full weight is computed
SHORT_CANDIDATES = 400  # matches of a short query considered (x2 when ranked by phrase)
COMMON_SHARE = 0.25  # terms in more passages than this never seed candidates alone
FUZZY_TERMS = 8  # the second route expands this many of the query's rarest known words
WIDE_SEEDS = 200_000  # postings the second route may count (C-level Counter.update)
# A spelling look-up costs about what scanning ten vocabulary words does (rapidfuzz in C):
# one-edit neighbours are looked up only when that is cheaper than scanning the vocabulary.
SCAN_PER_LOOKUP = 10
ARRAY_DRIVER = 2_000  # a short query's rarest-word passages above which (numpy loaded; 50x unloaded) the AND runs in numpy


def contains(post, pid: int) -> bool:
    k = bisect_left(post, pid)
    return k < len(post) and post[k] == pid


class Candidates:
    """Candidate selection over one IndexData (`position(pid)` gives reading order)."""

    def __init__(self, data, position) -> None:
        self.data = data
        self.position = position
        self._vocab_by_len: dict[int, list[str]] | None = None
        self._near: dict[tuple[str, int, int], list[tuple[str, float]]] = {}  # memo: typing repeats words

    # --- groups ---------------------------------------------------------------------
    def neighbours(self, term: str, max_d: int, limit: int = 4) -> list[tuple[str, float]]:
        """Vocabulary words within `max_d` edits (OSA: a transposition costs 1), closest first."""
        key = (term, max_d, limit)
        if key not in self._near:
            if len(self._near) >= 20_000:
                self._near.clear()
            self._near[key] = self._neighbours(term, max_d, limit)
        return self._near[key]

    def _neighbours(self, term: str, max_d: int, limit: int) -> list[tuple[str, float]]:
        found = self._one_edit(term, limit) if max_d == 1 else self._scan(term, max_d, limit)
        found.sort(key=lambda x: (-x[1], -self.data.df(x[0])))
        return found[:limit]

    def _one_edit(self, term: str, limit: int) -> list[tuple[str, float]]:
        """Vocabulary words one edit from `term`, as the scan of `_neighbours` would list them.

        Every string one deletion, transposition, substitution or insertion away (letters of
        the vocabulary's alphabet) is looked up in the term dict: (2 x len + 1) x alphabet
        look-ups, however big the vocabulary — where a scan grows with the library. Per
        length, the first `limit` in vocabulary order are kept (the term itself, when known,
        takes one place in its own length, as it does in the scan). When the variants would
        outnumber a tenth of the vocabulary (a small library, or one whose text brings
        hundreds of letters: a scan of the words of near length is cheaper then), it scans."""
        postings = self.data.postings
        alphabet = postings.alphabet()
        n = len(term)
        if len(alphabet) * (2 * n + 1) * SCAN_PER_LOOKUP > len(postings):
            return self._scan(term, 1, limit)
        return self._looked_up(term, limit)

    def _looked_up(self, term: str, limit: int) -> list[tuple[str, float]]:
        postings = self.data.postings
        alphabet = postings.alphabet()
        n = len(term)
        cuts = [(term[:i], term[i:]) for i in range(n + 1)]
        variants = {a + b[1:] for a, b in cuts if b}
        variants.update(a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1)
        for c in alphabet:
            variants.update([a + c + b[1:] for a, b in cuts if b])
            variants.update([a + c + b for a, b in cuts])
        variants.discard(term)
        by_len: dict[int, list[str]] = {}
        for word in postings.known(variants):
            by_len.setdefault(len(word), []).append(word)
        found: list[tuple[str, float]] = []
        for length in sorted(by_len):
            room = limit - (length == n and term in postings)
            found += [(word, 0.8) for word in sorted(by_len[length], key=postings.order)[:room]]
        return found

    def _scan(self, term: str, max_d: int, limit: int) -> list[tuple[str, float]]:
        """Vocabulary words within `max_d` edits, per length the best `limit` in vocabulary order."""
        if self._vocab_by_len is None:
            by_len: dict[int, list[str]] = {}
            for word in self.data.postings:
                by_len.setdefault(len(word), []).append(word)
            self._vocab_by_len = by_len
        found: list[tuple[str, float]] = []
        for n in range(len(term) - max_d, len(term) + max_d + 1):
            bucket = self._vocab_by_len.get(n)
            if bucket:
                for word, dist, _ in process.extract(term, bucket, scorer=OSA.distance,
                                                     score_cutoff=max_d, limit=limit):
                    if word != term:
                        found.append((word, 0.9 - 0.1 * dist))
        return found

    def _split(self, term: str) -> list[str] | None:
        """An unknown 'filesharing' → ['file', 'sharing'] when both halves are indexed."""
        df = self.data.df
        best = None
        for k in range(3, len(term) - 2):
            a, b = term[:k], term[k:]
            if df(a) and df(b):
                score = min(df(a), df(b))
                if best is None or score < best[0]:
                    best = (score, [a, b])
        return best[1] if best else None

    def groups(self, terms: list[str], fuzzy: bool = False) -> list[list[tuple[str, float]]]:
        """One group of acceptable (word, similarity) per query term (unknown, unfixable terms: [])."""
        df = self.data.df
        per_term: list[list[list[tuple[str, float]]]] = []  # a split compound gives a term two groups
        for term in terms:
            if df(term):
                per_term.append([[(term, 1.0)]])
            elif len(term) < 4 or not term.isalpha():
                per_term.append([[]])
            elif near := self.neighbours(term, 1):  # a slip of one letter first…
                per_term.append([near])
            elif len(term) >= 7 and (parts := self._split(term)):  # …then a compound written as one word
                per_term.append([[(p, 1.0)] for p in parts])
            else:
                per_term.append([self.neighbours(term, 2) if len(term) > 5 else []])
        for i in range(len(terms) - 1):  # "file sharing" also finds "filesharing"
            joined = terms[i] + terms[i + 1]
            if terms[i].isalpha() and terms[i + 1].isalpha() and df(joined):
                per_term[i][-1].append((joined, 1.0))
                per_term[i + 1][0].append((joined, 1.0))
        if fuzzy:
            known = sorted((i for i, t in enumerate(terms) if len(t) >= 4 and t.isalpha()
                            and per_term[i][0][:1] == [(t, 1.0)]), key=lambda i: df(terms[i]))
            for i in known[:FUZZY_TERMS]:
                per_term[i][0] += self.neighbours(terms[i], 1, limit=3)  # a real word mistyped into another
        return [group for groups in per_term for group in groups]

    # --- long queries ---------------------------------------------------------------
    def long(self, groups, slot, cancelled, exclude=frozenset(), wide: bool = False) -> list[int] | None:
        """Passages holding at least MIN_COVERAGE of the query's IDF weight, best first.

        `wide`: every group that is not common seeds (up to WIDE_SEEDS postings in all), so a
        passage that lacks the query's rarest words (typos that are real words) still
        collects seeds from the others.
        """
        data = self.data
        weighted: list[tuple[float, memoryview, int]] = []  # (weight, <0 when common), posting, group
        best_w: list[float] = []
        total = 0.0
        common = max(50, int(data.passage_count * COMMON_SHARE))
        for g, group in enumerate(_unique(groups)):
            best = 0.0
            for word, sim in group:
                post = data.posting(word)
                if post is None:
                    continue
                w = data.idf(len(post)) * sim
                best = max(best, w)
                weighted.append((w if len(post) <= common else -w, post, g))
            best_w.append(best)
            total += best if group else data.idf(0) * 0.5  # an unknown word still counts a little
        if not weighted:
            return []
        weighted.sort(key=lambda x: -abs(x[0]))
        threshold = MIN_COVERAGE * total
        # Seeds: the rarest terms, until what is left is under SEED_COVERAGE of the weight.
        # A passage holding that much of the query contains at least one seed; weaker
        # matches (between MIN_COVERAGE and SEED_COVERAGE) are only found through seeds.
        seeds, remaining = [], sum(abs(w) for w, _, _ in weighted)
        seeded = 0
        for w, post, _ in weighted:
            if w <= 0 or (remaining < SEED_COVERAGE * total and not (wide and seeded + len(post) <= WIDE_SEEDS)):
                break
            seeds.append(post)
            remaining -= w
            seeded += len(post)
        counts = seed_counts(seeds, data.passage_count, data.p_article, slot, cancelled)
        if counts is None:
            return None
        if not counts:
            return []
        if wide:
            pool, members = self._pair_pool(counts, exclude)
        else:
            need = max(1, round(counts.max() * 0.4))
            pool = members = counts.top(POOL, need, drop=(data.dead, exclude))
        held: dict[int, set[int]] = {pid: set() for pid in members}
        arrays = "numpy" in sys.modules
        for _, post, g in weighted:  # which groups each passage holds: walk short postings, bisect long ones
            if len(post) <= 3 * len(held):
                for pid in held.keys() & post:
                    held[pid].add(g)
            elif arrays:  # numpy is loaded (a big library): one searchsorted per posting
                for pid in holding(list(held), post):
                    held[pid].add(g)
            else:
                n = len(post)
                for pid, groups_held in held.items():
                    k = bisect_left(post, pid)
                    if k < n and post[k] == pid:
                        groups_held.add(g)

        def weight(groups_held: set[int]) -> float:
            return sum(best_w[g] for g in groups_held)

        scored = []
        for pid in pool:
            score = weight(held[pid])
            if wide:  # a quote over a paragraph break: the passage with its neighbour
                for nb in (pid - 1, pid + 1):
                    if nb in held:
                        score = max(score, weight(held[pid] | held[nb]))
            if score >= threshold:
                scored.append((-score, self.position(pid), pid))
        scored.sort()
        return [pid for _, _, pid in scored[:CANDIDATES]]

    def _pair_pool(self, counts: CounterCounts | ArrayCounts, exclude) -> tuple[list[int], list[int]]:
        """The POOL passages with the most seeds counting their best neighbour's, plus those neighbours."""
        data = self.data
        dead, owner, n = data.dead, data.p_article, data.passage_count
        paired: dict[int, int] = {}
        need = max(1, round(counts.max() * 0.3))  # (a cheap cut before ranking in Python)
        for pid in counts.top(4 * POOL, need):
            if pid in dead or pid in exclude:
                continue
            c = best = counts.get(pid)
            for nb in (pid - 1, pid + 1):
                if 0 <= nb < n and owner[nb] == owner[pid] and nb not in dead:
                    best = max(best, c + counts.get(nb))
            paired[pid] = best
        pool = heapq.nlargest(POOL, paired, key=paired.__getitem__)
        members = set(pool)
        for pid in pool:
            members.update(nb for nb in (pid - 1, pid + 1)
                           if 0 <= nb < n and owner[nb] == owner[pid] and nb not in dead)
        return pool, list(members)

    # --- short queries --------------------------------------------------------------
    def short(self, groups, slot, cancelled) -> list[int] | None:
        """Passages holding every group: one word in closest-spelling then reading order."""
        groups = _unique(groups)
        if len(groups) == 1:
            ordered: dict[int, None] = {}
            for word, _ in groups[0]:
                pids = self._filter(set(self.data.posting(word) or ()), slot)
                ordered.update(dict.fromkeys(self._reading_order(pids)))
                if len(ordered) >= SHORT_CANDIDATES:
                    break
            return list(ordered)[:SHORT_CANDIDATES]
        # Several words: walk the rarest word's passages in id order and keep those that
        # hold every other word (bisect), stopping once enough are found — cheap even
        # for "of the".
        posts_of: list[list] = []
        for group in groups:
            if cancelled():
                return None
            posts = [p for p in (self.data.posting(w) for w, _ in group) if p]
            if not posts:
                return []
            posts_of.append(posts)
        posts_of.sort(key=lambda posts: sum(map(len, posts)))
        first, rest = posts_of[0], posts_of[1:]
        driver = first[0] if len(first) == 1 else sorted(set().union(*first))
        dead, owner, found = self.data.dead, self.data.p_article, []
        if len(driver) > (ARRAY_DRIVER if "numpy" in sys.modules else 50 * ARRAY_DRIVER):  # a big library:
            # checked a block at a time in C (numpy imported for it only when the walk could be long)
            return sorted(holding_all(driver, rest, dead, owner, slot, 2 * SHORT_CANDIDATES), key=self.position)
        for pid in driver:
            if pid in dead or (slot is not None and owner[pid] != slot):
                continue
            if all(any(contains(p, pid) for p in posts) for posts in rest):
                found.append(pid)
                if len(found) >= 2 * SHORT_CANDIDATES:
                    break
        return sorted(found, key=self.position)

    def _filter(self, pids: set[int], slot: int | None) -> set[int]:
        pids -= self.data.dead
        if slot is not None:
            owner = self.data.p_article
            pids = {pid for pid in pids if owner[pid] == slot}
        return pids

    def _reading_order(self, pids: set[int]) -> list[int]:
        if len(pids) > 20 * SHORT_CANDIDATES:  # a very common word: id order is close enough
            return sorted(pids)[:SHORT_CANDIDATES]
        return sorted(pids, key=self.position)


def _unique(groups):
    """Groups without repeats (a query word used twice weighs once)."""
    seen, out = set(), []
    for group in groups:
        key = tuple(group)
        if key not in seen:
            seen.add(key)
            out.append(group)
    return out
