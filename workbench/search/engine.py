"""The query pipeline: terms → candidate passages (IDF) → quick rank → exact aligned spans.

1. The query is folded into terms (tokens.py). Unknown terms of ≥ 4 letters are expanded
   to vocabulary words within edit distance 1–2 (typos).
2. Short queries (≤ 3 terms) need every term (AND); long ones seed candidates from their
   rarest terms, rank them by the summed IDF of all the terms they contain and keep those
   with at least `MIN_COVERAGE` of the query's weight.
3. A few dozen candidates are ranked by `partial_ratio` against the passage widened by
   the query's length (quotes that straddle two passages still fit), then the best are
   aligned word by word (align.py). Spans scoring under the cutoff are dropped, so a
   query that matches nothing well returns [].

Pure Python plus rapidfuzz: a query costs a few milliseconds of GIL-holding work in
short steps; callers in a UI run it in a worker thread and pass `cancelled`.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from workbench.errors import UsageError
from workbench.search.align import align
from workbench.search.hits import Hit, context_of
from workbench.search.index import IndexData
from workbench.search.packfile import PackError
from workbench.search.tokens import Folded
from workbench.textnorm import normalize_query, strip_control

SHORT_QUERY_TERMS = 3
MIN_COVERAGE = 0.35  # share of the query's IDF weight a candidate passage must hold
CANDIDATES = 48  # passages given to the quick partial_ratio rank
SEED_COVERAGE = 0.5  # rarest terms holding this share of the weight seed candidates
POOL = 250  # passages (most seed terms) whose full weight is computed
SHORT_CANDIDATES = 400  # matches of a short query considered (x2 when ranked by phrase)
CUTOFF_LONG = 70.0
CUTOFF_SHORT = 84.0
COMMON_SHARE = 0.25  # terms in more passages than this never seed candidates alone


def _contains(post, pid: int) -> bool:
    k = bisect_left(post, pid)
    return k < len(post) and post[k] == pid


class SearchIndex:
    """Search over the articles of one library (see `open_index`)."""

    def __init__(self, data: IndexData, articles: dict, stats=None,
                 rebuild: Callable[[], IndexData] | None = None) -> None:
        self.data = data
        self.articles = articles  # id → Article (clean text for alignment and context)
        self.stats = stats
        # Postings are checked when first read; a damaged cache found then is rebuilt once.
        self._rebuild = rebuild
        self.notices: list[str] = list(getattr(stats, "notices", None) or [])  # print, then clear
        self._order_of = {article_id: i for i, article_id in enumerate(articles)}
        self._vocab_by_len: dict[int, list[str]] | None = None

    # --- public -------------------------------------------------------------------
    def search(self, query: str, limit: int = 10, article: str | None = None,
               annotations: Iterable | None = None, cancelled: Callable[[], bool] | None = None) -> list[Hit]:
        """Best hits for `query`, best first; [] when nothing matches well or when cancelled."""
        text = normalize_query(strip_control(query or "")).strip()
        if not text:
            raise UsageError("empty query")
        if limit < 1:
            raise UsageError("--limit must be at least 1")
        q = Folded(text)
        terms = q.loose.split()
        if not terms:
            return []
        is_cancelled = cancelled or (lambda: False)
        short = len(terms) <= SHORT_QUERY_TERMS
        cutoff = CUTOFF_SHORT if short else CUTOFF_LONG
        try:
            hits = self._article_hits(q.loose, terms, short, cutoff, limit, self._article_slot(article), is_cancelled)
        except PackError as exc:
            if self._rebuild is None:
                raise
            self.data, self._vocab_by_len, self._rebuild = self._rebuild(), None, None
            self.notices.append(f"search cache was unusable ({exc}): rebuilt")
            hits = self._article_hits(q.loose, terms, short, cutoff, limit, self._article_slot(article), is_cancelled)
        if hits is None:
            return []
        if annotations:
            hits += self._note_hits(q.loose, cutoff, annotations, article)
        if is_cancelled():
            return []
        hits.sort(key=lambda h: (-h.score, self._order(h.article), h.start))
        return hits[:limit]

    # --- candidates ---------------------------------------------------------------
    def _article_slot(self, article: str | None) -> int | None:
        if article is None:
            return None
        slot = self.data.slots().get(article)
        if slot is None or article not in self.articles:
            raise UsageError(f"unknown article id: {article!r}")
        return slot

    def _order(self, article_id: str) -> int:
        return self._order_of.get(article_id, len(self._order_of))

    def _position(self, pid: int) -> tuple[int, int]:
        """Reading order of a passage (library order, then offset), whatever its id."""
        return self._order(self.data.manifest[self.data.p_article[pid]][0]), self.data.p_start[pid]

    def _article_of(self, pid: int):
        return self.articles[self.data.manifest[self.data.p_article[pid]][0]]

    def _expansions(self, term: str) -> list[tuple[str, float]]:
        """The term itself if indexed, else vocabulary words one or two edits away."""
        if self.data.df(term):
            return [(term, 1.0)]
        if len(term) < 4 or not term.isalpha():
            return []
        if self._vocab_by_len is None:
            by_len: dict[int, list[str]] = {}
            for word in self.data.postings:
                by_len.setdefault(len(word), []).append(word)
            self._vocab_by_len = by_len
        max_d = 1 if len(term) <= 5 else 2
        found: list[tuple[str, float]] = []
        for n in range(len(term) - max_d, len(term) + max_d + 1):
            bucket = self._vocab_by_len.get(n)
            if bucket:
                for word, dist, _ in process.extract(term, bucket, scorer=OSA.distance,
                                                     score_cutoff=max_d, limit=4):
                    found.append((word, 0.9 - 0.1 * dist))
        found.sort(key=lambda x: (-x[1], -self.data.df(x[0])))
        return found[:4]

    def _candidates_long(self, terms: list[str], slot, cancelled) -> list[int] | None:
        data = self.data
        weighted: list[tuple[float, memoryview]] = []
        total = 0.0
        common = max(50, int(data.passage_count * COMMON_SHARE))
        for term in dict.fromkeys(terms):
            exps = self._expansions(term)
            best = 0.0
            for word, sim in exps:
                post = data.posting(word)
                if post is None:
                    continue
                w = data.idf(len(post)) * sim
                best = max(best, w)
                weighted.append((w if len(post) <= common else -w, post))
            total += best if exps else data.idf(0) * 0.5  # an unknown word still counts a little
        if not weighted:
            return []
        weighted.sort(key=lambda x: -abs(x[0]))
        threshold = MIN_COVERAGE * total
        # Seeds: the rarest terms, until what is left is under SEED_COVERAGE of the weight.
        # A passage holding that much of the query contains at least one seed; weaker
        # matches (between MIN_COVERAGE and SEED_COVERAGE) are only found through seeds.
        seeds, remaining = [], sum(abs(w) for w, _ in weighted)
        for w, post in weighted:
            if w <= 0 or remaining < SEED_COVERAGE * total:
                break
            seeds.append(post)
            remaining -= w
        counts: Counter = Counter()
        for post in seeds:
            if cancelled():
                return None
            counts.update(post)  # C loop: no Python work per posting
        dead, owner = data.dead, data.p_article
        if slot is not None:
            counts = Counter({pid: c for pid, c in counts.items() if owner[pid] == slot})
        if not counts:
            return []
        need = max(1, round(max(counts.values()) * 0.4))
        pool = [pid for pid, c in counts.items() if c >= need and pid not in dead]
        if len(pool) > POOL:
            pool = heapq.nlargest(POOL, pool, key=counts.__getitem__)
        index_of = {pid: i for i, pid in enumerate(pool)}
        scores = [0.0] * len(pool)
        for w, post in weighted:  # full weight: walk short postings, bisect long ones
            w = abs(w)
            if len(post) <= 3 * len(pool):
                for pid in index_of.keys() & post:
                    scores[index_of[pid]] += w
            else:
                n = len(post)
                for i, pid in enumerate(pool):
                    k = bisect_left(post, pid)
                    if k < n and post[k] == pid:
                        scores[i] += w
        scored = [(-score, self._position(pid), pid) for pid, score in zip(pool, scores) if score >= threshold]
        scored.sort()
        return [pid for _, _, pid in scored[:CANDIDATES]]

    def _candidates_short(self, terms: list[str], slot, cancelled) -> list[int] | None:
        unique = list(dict.fromkeys(terms))
        if len(unique) == 1:
            # One word: closest spellings first, each in reading order — no ranking needed.
            ordered: dict[int, None] = {}
            for word, _ in self._expansions(unique[0]):
                pids = self._filter(set(self.data.posting(word)), slot)
                ordered.update(dict.fromkeys(self._reading_order(pids)))
                if len(ordered) >= SHORT_CANDIDATES:
                    break
            return list(ordered)[:SHORT_CANDIDATES]
        # Several words: walk the rarest word's passages in id order and keep those that
        # hold every other word (bisect), stopping once enough are found — cheap even
        # for "of the".
        groups: list[list] = []
        for term in unique:
            if cancelled():
                return None
            posts = [p for p in (self.data.posting(w) for w, _ in self._expansions(term)) if p]
            if not posts:
                return []
            groups.append(posts)
        groups.sort(key=lambda posts: sum(map(len, posts)))
        first, rest = groups[0], groups[1:]
        driver = first[0] if len(first) == 1 else sorted(set().union(*first))
        dead, owner, found = self.data.dead, self.data.p_article, []
        for pid in driver:
            if pid in dead or (slot is not None and owner[pid] != slot):
                continue
            if all(any(_contains(p, pid) for p in posts) for posts in rest):
                found.append(pid)
                if len(found) >= 2 * SHORT_CANDIDATES:
                    break
        return sorted(found, key=self._position)

    def _filter(self, pids: set[int], slot: int | None) -> set[int]:
        pids -= self.data.dead
        if slot is not None:
            owner = self.data.p_article
            pids = {pid for pid in pids if owner[pid] == slot}
        return pids

    def _reading_order(self, pids: set[int]) -> list[int]:
        if len(pids) > 20 * SHORT_CANDIDATES:  # a very common word: id order is close enough
            return sorted(pids)[:SHORT_CANDIDATES]
        return sorted(pids, key=self._position)

    # --- alignment ----------------------------------------------------------------
    def _article_hits(self, query: str, terms, short, cutoff, limit, slot, cancelled) -> list[Hit] | None:
        pick = self._candidates_short if short else self._candidates_long
        pids = pick(terms, slot, cancelled)
        if pids is None or cancelled():
            return None
        if not pids:
            return []
        keep = max(limit + 6, 12)
        single = short and len(terms) == 1
        if single:  # already in the order we want: no quick rank
            pids = pids[:keep]
        d = self.data
        pad = len(query)
        windows: dict[int, tuple[int, int]] = {}
        hays: dict[int, str] = {}
        for pid in pids:
            text = self._article_of(pid).text
            if not d.p_bstart[pid] <= d.p_start[pid] <= d.p_end[pid] <= d.p_bend[pid] <= len(text):
                raise PackError("passage offsets out of range")  # from a crafted cache: rebuilt
            s, e = max(d.p_bstart[pid], d.p_start[pid] - pad), min(d.p_bend[pid], d.p_end[pid] + pad)
            windows[pid] = (s, e)
            hays[pid] = text[s:e].casefold()
        if single:
            ranked = [(None, None, pid) for pid in pids]
        else:
            ranked = self._quick_rank(query, hays, keep, cutoff)
        if cancelled():
            return None
        hits: list[Hit] = []
        for _, _, pid in ranked:
            if cancelled():
                return None
            article = self._article_of(pid)
            s, e = windows[pid]
            match = align(query, Folded(article.text[s:e], s), cutoff)
            if match is None:
                continue
            if any(h.article == article.id and h.start < match.end and match.start < h.end and h.score >= match.score
                   for h in hits):
                continue
            hits = [h for h in hits if not (h.article == article.id and h.start < match.end and match.start < h.end)]
            c_start, context = context_of(article.text, match.start, match.end, d.p_bstart[pid], d.p_bend[pid])
            hits.append(Hit("article", article.id, article.title, match.score, match.start, match.end,
                            article.text[match.start:match.end], context, c_start))
        return hits

    @staticmethod
    def _quick_rank(query: str, hays: dict[int, str], keep: int, cutoff: float) -> list:
        """Top `keep` candidates by partial_ratio, in chunks so other threads get the GIL."""
        items = list(hays.items())
        best: list = []
        for i in range(0, len(items), 200):
            best += process.extract(query, dict(items[i:i + 200]), scorer=fuzz.partial_ratio, limit=keep,
                                    score_cutoff=cutoff - 20)
        best.sort(key=lambda r: -r[1])  # stable: ties keep reading order
        return best[:keep]

    def _note_hits(self, query: str, cutoff: float, annotations: Iterable, article: str | None) -> list[Hit]:
        hits: list[Hit] = []
        for ann in annotations:
            if article is not None and getattr(ann, "article", None) != article:
                continue
            note = getattr(ann, "note", None) or ""
            tags = [str(t) for t in (getattr(ann, "tags", None) or [])]
            body = note + ("\n" if note and tags else "") + " ".join(f"#{t}" for t in tags)
            if not body.strip():
                continue
            match = align(query, Folded(body), cutoff)
            if match is None:
                continue
            art = self.articles.get(ann.article)
            hits.append(Hit("note", ann.article, art.title if art else ann.article, match.score,
                            int(getattr(ann, "start", 0) or 0), int(getattr(ann, "end", 0) or 0),
                            body[match.start:match.end], body[:CONTEXT_NOTE], 0, str(ann.id)))
        return hits


CONTEXT_NOTE = 480
