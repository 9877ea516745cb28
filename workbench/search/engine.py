"""The query pipeline: terms → candidate passages (IDF) → quick rank → exact aligned spans.

1. The query is folded into terms (tokens.py); each becomes a group of acceptable words
   (typo neighbours, compounds: candidates.py).
2. Short queries (≤ 4 terms) need every group (AND); they get phrase hits (aligned) and
   keyword hits (every sentence holding all the words: keywords.py). Long ones seed
   candidates from their rarest terms, rank them by the summed IDF of the groups they
   hold and keep those with at least `MIN_COVERAGE` of the query's weight.
3. A few dozen candidates are ranked by `partial_ratio` against the passage widened by
   the query's length (quotes that straddle two passages or a paragraph break still fit),
   then the best are aligned word by word, whole sentences competing (align.py). Spans
   scoring under the cutoff are dropped, so a query that matches nothing well returns [].
4. When a long query's best hit is not confident, a second candidate route also expands
   known rare words to their typo neighbours (a typo can be a real word).

Pure Python plus rapidfuzz: a query costs a few milliseconds of GIL-holding work in
short steps; callers in a UI run it in a worker thread and pass `cancelled`.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Mapping

from rapidfuzz import fuzz, process

from workbench.errors import UsageError
from workbench.search.align import Match, align
from workbench.search.candidates import COMMON_SHARE, Candidates
from workbench.search.hits import Hit, context_of
from workbench.search.index import IndexData
from workbench.search.keywords import MAX_SCORE as KEYWORD_MAX
from workbench.search.keywords import keyword_windows, locate
from workbench.search.packfile import PackError
from workbench.search.texts import IndexedArticle
from workbench.search.tokens import TERM_RE, Folded
from workbench.textnorm import normalize_query, sentence_spans, strip_control

SHORT_QUERY_TERMS = 4  # words
# Calibrated on sentences absent from the library (benchmarks/search_bench.py --calibrate: the
# calibration half of the held-out real articles scored at most 68.6 with no cutoff, right hits of
# every kind at least 84.7 at 1k articles): the absent maximum + 3, rounded up.
CUTOFF_LONG = 72.0
CUTOFF_SHORT = 84.0
CONFIDENT = 88.0  # a long query whose best hit scores less tries the second candidate route
KEYWORD_PASSAGES = 400  # candidate passages a keyword query scans for sentences (¼ if every word is common)
SLACK = 400  # characters looked at beyond a window to find its sentences' ends


class SearchIndex:
    """Search over the articles of one library (see `open_index`)."""

    def __init__(self, data: IndexData, articles: Mapping, stats=None,
                 rebuild: Callable[[], IndexData] | None = None) -> None:
        self.data = data
        self.articles = articles  # id → Article (clean text for alignment and context)
        self.stats = stats
        # Postings are checked when first read; a damaged cache found then is rebuilt once.
        self._rebuild = rebuild
        self.notices: list[str] = list(getattr(stats, "notices", None) or [])  # print, then clear
        self._order_of: dict[str, int] | None = None  # article id → library order, made when first needed
        self._use(data)

    def _use(self, data: IndexData) -> None:
        """Search `data`; a passage's reading order is its slot's when slots follow the library."""
        self.data = data
        ranks = None
        if data.ids != list(self.articles):  # (patched: changed articles got new slots at the end)
            ranks = array("I", [self._order(article_id) if article_id is not None else len(self.articles)
                                for article_id in data.ids])
        self._slot_rank = ranks
        self.candidates = Candidates(data, self._position)

    # --- public -------------------------------------------------------------------
    def search(self, query: str, limit: int = 10, article: str | None = None,
               annotations: Iterable | None = None, cancelled: Callable[[], bool] | None = None,
               cutoff: float | None = None) -> list[Hit]:
        """Best hits for `query`, best first; [] when nothing matches well or when cancelled.

        `cutoff` overrides the score cutoff (the benchmark calibrates it with `cutoff=0`).
        """
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
        short = len(TERM_RE.findall(text)) <= SHORT_QUERY_TERMS  # words as typed ("doesn't" is one)
        if cutoff is None:
            cutoff = CUTOFF_SHORT if short else CUTOFF_LONG
        find = self._short_hits if short else self._long_hits
        try:
            hits = find(q.loose, terms, cutoff, limit, self._article_slot(article), is_cancelled)
        except (PackError, IndexError) as exc:  # a crafted cache (postings.py): rebuilt once
            if self._rebuild is None:
                raise
            data, self._rebuild = self._rebuild(), None
            self._use(data)
            self.notices.append(f"search cache was unusable ({exc}): rebuilt")
            hits = find(q.loose, terms, cutoff, limit, self._article_slot(article), is_cancelled)
        if hits is None:
            return []
        if annotations:
            hits += self._note_hits(q.loose, cutoff, annotations, article, keywords=short)
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
        if self._order_of is None:
            self._order_of = dict(zip(self.articles, range(len(self.articles))))
        return self._order_of.get(article_id, len(self._order_of))

    def _position(self, pid: int) -> tuple[int, int]:
        """Reading order of a passage (library order, then offset), whatever its id."""
        slot = self.data.p_article[pid]
        if slot >= len(self.data.ids):
            raise PackError("passage owner out of range")  # from a crafted cache: rebuilt
        return slot if self._slot_rank is None else self._slot_rank[slot], self.data.p_start[pid]

    def _article_of(self, pid: int):
        return self.articles[self.data.ids[self.data.p_article[pid]]]

    def _long_hits(self, query, terms, cutoff, limit, slot, cancelled) -> list[Hit] | None:
        pids = self.candidates.long(self.candidates.groups(terms), slot, cancelled)
        if pids is None or cancelled():
            return None
        hits = self._aligned(query, pids, cutoff, limit, cancelled, rank=True)
        if hits is None:
            return None
        if not hits or max(h.score for h in hits) < CONFIDENT:
            more = self.candidates.long(self.candidates.groups(terms, fuzzy=True), slot, cancelled,
                                        exclude=frozenset(pids), wide=True)
            if more is None or cancelled():
                return None
            extra = self._aligned(query, more, cutoff, limit, cancelled, rank=True) or []
            hits = _merge(hits, extra)
        return hits

    def _short_hits(self, query, terms, cutoff, limit, slot, cancelled) -> list[Hit] | None:
        groups = self.candidates.groups(terms)
        pids = self.candidates.short(groups, slot, cancelled)
        if pids is None or cancelled():
            return None
        distinct = {tuple(g) for g in groups}
        hits = self._aligned(query, pids, cutoff, limit, cancelled, rank=len(distinct) > 1)
        if hits is None or len(distinct) < 2:
            return hits
        if not pids or sum(h.score >= KEYWORD_MAX for h in hits) >= limit:  # no keyword hit could make the list
            return hits
        return _merge(hits, self._keyword_hits([dict(g) for g in distinct], pids, limit, cancelled) or [])

    # --- alignment ----------------------------------------------------------------
    def _window(self, pid: int, pad: int, text: str) -> tuple[int, int]:
        """The passage widened by `pad` characters each side (across paragraph breaks too)."""
        d = self.data
        if not d.p_bstart[pid] <= d.p_start[pid] <= d.p_end[pid] <= d.p_bend[pid] <= len(text):
            raise PackError("passage offsets out of range")  # from a crafted cache: rebuilt
        return max(0, d.p_start[pid] - pad), min(len(text), d.p_end[pid] + pad)

    def _aligned(self, query: str, pids: list[int], cutoff: float, limit: int, cancelled,
                 rank: bool) -> list[Hit] | None:
        """Aligned hits in the best `limit + 6` (≥ 12) of `pids` (by quick rank if `rank`)."""
        if not pids:
            return []
        keep = max(limit + 6, 12)
        pad = len(query)
        windows: dict[int, tuple[int, int]] = {}
        if not rank:  # already in the order we want
            pids = pids[:keep]
        for pid in pids:
            windows[pid] = self._window(pid, pad, self._article_of(pid).text)
        if rank:
            hays = {pid: self._article_of(pid).text[s:e].casefold() for pid, (s, e) in windows.items()}
            ranked = [pid for _, _, pid in self._quick_rank(query, hays, keep, cutoff)]
        else:
            ranked = pids
        if cancelled():
            return None
        whole = query.count(" ") >= 5  # long enough for whole sentences to compete
        hits: list[Hit] = []
        for pid in ranked:
            if cancelled():
                return None
            article = self._article_of(pid)
            text = article.text
            s, e = windows[pid]
            sentences = None
            if whole:
                sentences = _sentences_around(text, s, e)
                if sentences:
                    s, e = min(s, sentences[0][0]), max(e, sentences[-1][1])
            match = align(query, Folded(text[s:e], s), cutoff, sentences)
            if match is None:
                continue
            hits = _merge(hits, [self._hit(article, pid, match.score, match.start, match.end)])
        return hits

    def _hit(self, article: IndexedArticle, pid: int, score: float, start: int, end: int, keywords: bool = False) -> Hit:
        d, text = self.data, article.text
        lo = d.p_bstart[pid] if start >= d.p_bstart[pid] else max(0, start - SLACK)
        hi = d.p_bend[pid] if end <= d.p_bend[pid] else min(len(text), end + SLACK)
        c_start, context = context_of(text, start, end, lo, hi)
        return Hit("article", article.id, article.title, score, start, end, text[start:end], context, c_start,
                   keywords=keywords)

    def _keyword_hits(self, groups: list[dict[str, float]], pids: list[int], limit: int,
                      cancelled) -> list[Hit] | None:
        """The best `limit + 6` sentences of the candidate passages that hold all the keywords."""
        found = []
        common = COMMON_SHARE * self.data.passage_count
        rare = any(min(map(self.data.df, group), default=0) <= common for group in groups)
        for n, pid in enumerate(pids[:KEYWORD_PASSAGES if rare else KEYWORD_PASSAGES // 4]):
            if n % 50 == 0 and cancelled():
                return None
            text = self._article_of(pid).text
            s, e = self._window(pid, 0, text)
            for score, a, b, first, last in keyword_windows(groups, text, sentence_spans(text, s, e)):
                found.append((-score, n, a, b, first, last, pid))
        found.sort()  # best first; ties in reading order (pids come in reading order)
        hits = []
        for neg, _, a, b, first, last, pid in found[:limit + 6]:
            article = self._article_of(pid)
            start, end = locate(article.text, a, b, first, last)
            hits.append(self._hit(article, pid, -neg, start, end, keywords=True))
        return hits

    @staticmethod
    def _quick_rank(query: str, hays: dict[int, str], keep: int, cutoff: float) -> list:
        """Top `keep` candidates by partial_ratio, in chunks so other threads get the GIL."""
        items = list(hays.items())
        best: list = []
        for i in range(0, len(items), 200):
            best += process.extract(query, dict(items[i:i + 200]), scorer=fuzz.partial_ratio, limit=keep,
                                    score_cutoff=max(0.0, cutoff - 20))
        best.sort(key=lambda r: -r[1])  # stable: ties keep reading order
        return best[:keep]

    def _note_hits(self, query: str, cutoff: float, annotations: Iterable, article: str | None,
                   keywords: bool = False) -> list[Hit]:
        """Notes (and #tags) matching the query; with `keywords`, a note holding every word matches too."""
        hits: list[Hit] = []
        words = list(dict.fromkeys(query.split()))
        groups = [{w: 1.0} for w in words] if keywords and len(words) > 1 else None
        for ann in annotations:
            if article is not None and getattr(ann, "article", None) != article:
                continue
            note = getattr(ann, "note", None) or ""
            tags = [str(t) for t in (getattr(ann, "tags", None) or [])]
            body = note + ("\n" if note and tags else "") + " ".join(f"#{t}" for t in tags)
            if not body.strip():
                continue
            folded = Folded(body)
            match, by_keywords = align(query, folded, cutoff), False
            if match is None and groups:
                found = keyword_windows(groups, body, [(0, len(body))])
                if found:
                    match, by_keywords = Match(found[0][0], *locate(body, *found[0][1:])), True
            if match is None:
                continue
            art = self.articles.get(ann.article)
            hits.append(Hit("note", ann.article, art.title if art else ann.article, match.score,
                            int(getattr(ann, "start", 0) or 0), int(getattr(ann, "end", 0) or 0),
                            body[match.start:match.end], body[:CONTEXT_NOTE], 0, str(ann.id), by_keywords))
        return hits


CONTEXT_NOTE = 480


def _sentences_around(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Whole sentences overlapping text[start:end] (partial ones at the look-around edge dropped)."""
    lo, hi = max(0, start - SLACK), min(len(text), end + SLACK)
    spans = sentence_spans(text, lo, hi)
    if lo > 0 and spans:
        spans = spans[1:]
    if hi < len(text) and spans:
        spans = spans[:-1]
    return [(a, b) for a, b in spans if a < end and start < b]


def _merge(hits: list[Hit], more: list[Hit]) -> list[Hit]:
    """`hits` plus `more`; of two overlapping hits in one article the better one stays."""
    by_article: dict[str, list[Hit]] = {}
    for hit in hits:
        by_article.setdefault(hit.article, []).append(hit)
    for hit in more:
        same = by_article.setdefault(hit.article, [])
        clash = [h for h in same if h.start < hit.end and hit.start < h.end]
        if any(h.score >= hit.score for h in clash):
            continue
        same[:] = [h for h in same if h not in clash] + [hit]
    return [h for same in by_article.values() for h in same]
