"""Finding echoes in a library: shared shingles → aligned pairs → groups.

1. Every article's words (cached per text hash) give a hash for each run of `k` words.
2. All shingle hashes are sorted together (numpy); a hash found in two or more different
   articles is a seed for that pair of articles. A hash found only inside one article (a
   pull quote, a repeated line) seeds nothing: repeats within an article are not echoes.
3. Each pair with enough seeds is aligned (align.py); the runs become groups (groups.py).

The work per article (tokenising) is cached; the matching step is a sort over every
shingle of the library plus work proportional to the shared runs, so adding an article
tokenises that article only. A hash shared by very many articles links each of them to
the first `FANOUT` of them rather than every pair (linear, and the groups still connect).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from workbench.echoes.align import align_pair
from workbench.echoes.cache import EchoCache
from workbench.echoes.groups import build_groups
from workbench.echoes.limits import DEFAULT_MIN_WORDS, LOWEST_MIN_WORDS
from workbench.echoes.words import FORMAT, Words, shingles

VERSION = f"1.{FORMAT}"  # bump when the result for the same library would change
SHINGLE = 5
FANOUT = 8
COMMON_MIN = 20  # a k-word shingle in more than max(COMMON_MIN, COMMON_SHARE · articles) …
COMMON_SHARE = 0.005  # … articles is a set phrase: it seeds nothing (whole runs still do)
MAX_OCCURRENCES = 4
SMALL_RUN = 64  # a hash with at most this many occurrences is paired in numpy


@dataclass(frozen=True)
class EchoMember:
    article: str
    title: str
    start: int  # offsets into the article's clean text
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"article": self.article, "title": self.title, "start": self.start, "end": self.end,
                "text": self.text}


@dataclass(frozen=True)
class EchoGroup:
    text: str  # the representative member's text
    words: int
    members: tuple[EchoMember, ...]

    def to_dict(self) -> dict:
        return {"text": self.text, "words": self.words, "members": [m.to_dict() for m in self.members]}

    def others(self, article_id: str) -> list[EchoMember]:
        return [m for m in self.members if m.article != article_id]


@dataclass
class EchoStats:
    """What a run did (tests and the benchmark read it)."""

    from_cache: bool = False  # the stored result matched the library: nothing recomputed
    built: list[str] = field(default_factory=list)  # articles tokenised afresh
    reused: int = 0  # articles whose words came from the cache
    shingles: int = 0
    seeds: int = 0
    pairs_kept: int = 0
    pairs_aligned: int = 0


def find_echoes(workspace, articles: list, min_words: int = DEFAULT_MIN_WORDS,
                stats: EchoStats | None = None) -> list[EchoGroup]:
    """Every echo group of the library, largest first (most members, then most words)."""
    if min_words < LOWEST_MIN_WORDS:
        raise ValueError(f"min_words must be at least {LOWEST_MIN_WORDS}")
    stats = stats if stats is not None else EchoStats()
    articles = sorted(articles, key=lambda a: a.id)
    cache = EchoCache(workspace) if workspace is not None else None
    usable = cache is not None and cache.usable()
    key = _library_key(articles, min_words)
    if usable and cache is not None:
        stored = cache.load_groups(key, min_words)
        groups = _from_stored(stored, articles) if stored is not None else None
        if groups is not None:
            stats.from_cache = True
            return groups
    words = [cache.words(a, usable) if cache is not None else _words(a) for a in articles]
    if cache is not None:
        stats.built, stats.reused = list(cache.built), cache.reused
    groups_raw = _match(words, [_outlet(a) for a in articles], min_words, stats)
    stored = []
    for rep, members in groups_raw:
        stored.append({
            "rep": members.index(rep),
            "words": rep.end - rep.start,
            "members": [[articles[n.article].id,
                         *_widen(articles[n.article].text, int(words[n.article].starts[n.start]),
                                 int(words[n.article].ends[n.end - 1]))] for n in members],
        })
    if usable and cache is not None:
        cache.save_groups(key, min_words, stored)
        cache.forget_others({a.text_hash for a in articles})
    groups = _from_stored(stored, articles)
    return groups if groups is not None else []


_OPENING = "\"'([\u201c\u201e\u2018\u00ab\u2039"
_CLOSING = ".,;:!?\"')]\u201d\u2019\u00bb\u203a\u2026"


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Word span → the passage as read: with an opening quote before it, closing punctuation after."""
    while start > 0 and text[start - 1] in _OPENING:
        start -= 1
    while end < len(text) and text[end] in _CLOSING:
        end += 1
    return start, end


def _outlet(article) -> str | None:
    """Who published it: the outlet, else the URL's host (for telling page furniture)."""
    if article.outlet:
        return article.outlet.casefold()
    if article.url:
        from urllib.parse import urlsplit

        try:
            host = (urlsplit(article.url).hostname or "").removeprefix("www.")
        except ValueError:
            return None
        return host or None
    return None


def _words(article) -> Words:
    from workbench.echoes.words import words_of

    return words_of(article.text)


def _library_key(articles: list, min_words: int) -> str:
    digest = hashlib.sha256(f"{VERSION}|{min_words}|{SHINGLE}".encode())
    for a in articles:
        digest.update(f"\0{a.id}\0{a.text_hash}\0{_outlet(a) or ''}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _from_stored(stored: list, articles: list) -> list[EchoGroup] | None:
    """Groups from plain data (a fresh result or the cache); None if anything does not fit."""
    by_id = {a.id: a for a in articles}
    groups = []
    try:
        for record in stored:
            members = []
            for article_id, start, end in record["members"]:
                article = by_id[article_id]
                if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(article.text)):
                    return None
                members.append(EchoMember(article.id, article.title, start, end, article.text[start:end]))
            rep = members[record["rep"]]
            words = record["words"]
            if len(members) < 2 or not isinstance(words, int) or isinstance(record["rep"], bool):
                return None
            groups.append(EchoGroup(rep.text, words, tuple(members)))
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    groups.sort(key=lambda g: (-len(g.members), -g.words, g.members[0].article, g.members[0].start))
    return groups


def _match(words: list[Words], outlets: list, min_words: int, stats: EchoStats) -> list:
    k = min(SHINGLE, min_words)
    seeds = _seeds(words, k, min_words, stats)
    key_lists: OrderedDict[int, list] = OrderedDict()

    def keys(i: int) -> list:
        found = key_lists.get(i)
        if found is None:
            found = key_lists[i] = words[i].keys.tolist()
            if len(key_lists) > 4096:
                key_lists.popitem(last=False)
        else:
            key_lists.move_to_end(i)
        return found

    pairs = []
    for (a, b), pair_seeds in seeds.items():
        stats.pairs_aligned += 1
        for a0, a1, b0, b1 in align_pair(keys(a), keys(b), pair_seeds, k, min_words):
            pairs.append((a, a0, a1, b, b0, b1))
    getters = [(lambda i=i: keys(i)) for i in range(len(words))]
    return build_groups(pairs, getters, outlets, min_words)


def _seeds(words: list[Words], k: int, min_words: int,
           stats: EchoStats) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """(article a, article b) with a < b → positions (i, j) where both have the same k words.

    Two sources: k-word shingles found in at most `common_cap` articles (a k-word phrase
    in more articles than that is a set phrase, not a sign of copying), and whole
    `min_words`-word runs shared by any number of articles (a talking point repeated
    everywhere is found through these).
    """
    n = len(words)
    common_cap = max(COMMON_MIN, int(COMMON_SHARE * n))
    found = [_shared(words, k, common_cap, stats)]
    if min_words > k:
        a, b, i, j = _shared(words, min_words, None, stats)
        steps = sorted(set(range(0, min_words - k + 1, k)) | {min_words - k})
        found += [(a, b, i + step, j + step) for step in steps]
    A, B, I, J = (np.concatenate(x) for x in zip(*found))
    stats.seeds = len(A)
    if not len(A):
        return {}
    pair = A.astype(np.int64) * n + B
    order = np.lexsort((J, I, pair))
    pair, I, J = pair[order], I[order], J[order]
    keep = np.ones(len(pair), dtype=bool)  # the same seed from both sources: once
    keep[1:] = (pair[1:] != pair[:-1]) | (I[1:] != I[:-1]) | (J[1:] != J[:-1])
    pair, I, J = pair[keep], I[keep], J[keep]
    # Seeds per (pair, diagonal), then the best two neighbouring diagonals of each pair.
    diagonal = (J - I).astype(np.int64)
    order = np.lexsort((diagonal, pair))
    p_sorted, d_sorted = pair[order], diagonal[order]
    first = np.ones(len(pair), dtype=bool)
    first[1:] = (p_sorted[1:] != p_sorted[:-1]) | (d_sorted[1:] != d_sorted[:-1])
    cell_start = np.flatnonzero(first)
    cell_pair, cell_diag = p_sorted[cell_start], d_sorted[cell_start]
    cell_count = np.diff(np.append(cell_start, len(pair)))
    near = cell_count.copy()
    neighbour = (cell_pair[1:] == cell_pair[:-1]) & (cell_diag[1:] == cell_diag[:-1] + 1)
    near[:-1] += np.where(neighbour, cell_count[1:], 0)
    need = min_seeds(min_words, k)
    worth_pairs = np.unique(cell_pair[near >= need])  # fewer cannot hold min_words words with one edit
    pick = np.isin(pair, worth_pairs)
    pair, I, J = pair[pick], I[pick], J[pick]  # noqa: E741 — still sorted by pair, then i
    stats.pairs_kept = len(worth_pairs)
    cut = np.flatnonzero(np.diff(pair)) + 1
    bounds = np.concatenate(([0], cut, [len(pair)])).tolist()
    i_list, j_list, pair_list = I.tolist(), J.tolist(), pair.tolist()
    out: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        if hi > lo:
            p = pair_list[lo]
            out[(p // n, p % n)] = list(zip(i_list[lo:hi], j_list[lo:hi]))
    return out


def min_seeds(min_words: int, k: int) -> int:
    """Seeds a pair must share on two neighbouring diagonals to hold an echo of `min_words`
    matching words with one changed, dropped or added word: such a passage keeps at least
    min_words - 2k + 2 of its k-word shingles, on one diagonal (a changed word) or two
    neighbouring ones (a dropped or added word)."""
    return max(1, min_words - 2 * k + 2)


def _shared(words: list[Words], k: int, max_articles: int | None, stats: EchoStats) -> tuple:
    """Arrays (a, b, i, j): article a's k words at i equal article b's at j (a < b)."""
    parts = [shingles(w.keys, k) for w in words]
    total = sum(len(p) for p in parts)
    stats.shingles += total
    empty = np.zeros(0, dtype=np.int32)
    if total == 0:
        return empty, empty, empty, empty
    hashes = np.concatenate(parts)
    arts = np.concatenate([np.full(len(p), i, dtype=np.int32) for i, p in enumerate(parts)])
    poss = np.concatenate([np.arange(len(p), dtype=np.int32) for p in parts])
    order = np.argsort(hashes)  # within a hash, occurrences come in any order
    hashes, arts, poss = hashes[order], arts[order], poss[order]
    del order
    first = np.ones(total, dtype=bool)
    first[1:] = hashes[1:] != hashes[:-1]
    del hashes
    run_starts = np.flatnonzero(first)
    run_ends = np.append(run_starts[1:], total)
    lo = np.minimum.reduceat(arts, run_starts)
    hi = np.maximum.reduceat(arts, run_starts)
    shared = lo != hi  # in two or more different articles
    if max_articles is not None:
        resort = np.lexsort((arts, np.cumsum(first)))  # by hash, then article: count distinct ones
        sorted_arts = arts[resort]
        new_article = first.copy()
        new_article[1:] |= sorted_arts[1:] != sorted_arts[:-1]
        spread = np.add.reduceat(new_article.astype(np.int32), run_starts)
        shared &= spread <= max_articles
    lengths = run_ends - run_starts
    out_a, out_b, out_i, out_j = [], [], [], []
    small = shared & (lengths <= SMALL_RUN)
    for length in np.unique(lengths[small]).tolist():  # pairs inside small runs, vectorised
        starts = run_starts[small & (lengths == length)]
        tx, ty = np.triu_indices(length, 1)
        hub = tx < 2 * FANOUT  # each occurrence pairs with the first 2·FANOUT: linear, still connected
        tx, ty = tx[hub], ty[hub]
        x = (starts[:, None] + tx[None, :]).ravel()
        y = (starts[:, None] + ty[None, :]).ravel()
        cross = arts[x] != arts[y]
        x, y = x[cross], y[cross]
        swap = arts[x] > arts[y]  # always (a, b) with a < b
        x, y = np.where(swap, y, x), np.where(swap, x, y)
        out_a.append(arts[x])
        out_b.append(arts[y])
        out_i.append(poss[x])
        out_j.append(poss[y])
    la: list[int] = []
    lb: list[int] = []
    li: list[int] = []
    lj: list[int] = []
    big = shared & (lengths > SMALL_RUN)
    for start, end in zip(run_starts[big].tolist(), run_ends[big].tolist()):
        by_article: dict[int, list[int]] = {}
        for art, pos in sorted(zip(arts[start:end].tolist(), poss[start:end].tolist())):
            held = by_article.setdefault(art, [])
            if len(held) < MAX_OCCURRENCES:
                held.append(pos)
        members = list(by_article.items())
        for x_, (art_a, pos_a) in enumerate(members[:FANOUT]):
            for art_b, pos_b in members[x_ + 1:]:
                for i in pos_a:
                    for j in pos_b:
                        la.append(art_a)
                        lb.append(art_b)
                        li.append(i)
                        lj.append(j)
    out_a.append(np.array(la, dtype=np.int32))
    out_b.append(np.array(lb, dtype=np.int32))
    out_i.append(np.array(li, dtype=np.int32))
    out_j.append(np.array(lj, dtype=np.int32))
    return tuple(np.concatenate(x) for x in (out_a, out_b, out_i, out_j))
