"""The word index: passages of every article and, per folded term, the passages holding it.

A *segment* is one article tokenised (its passages and term → local passage ids); the
merged `IndexData` concatenates segments and keeps, per term, the sorted global ids as
`array('I')` (postings.py). Segments can be appended to a loaded index (an edited article
gets new passage ids; its old ones are marked dead) so one change never re-merges the rest.
Caching lives in cache.py; `to_pack`/`from_pack` turn the index into plain data and back,
checking everything a crafted file could get wrong.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from itertools import chain, repeat
from operator import le

from workbench.search.packfile import PackError, blob_text, pack_chunks
from workbench.search.passages import split_passages
from workbench.search.postings import Postings
from workbench.search.texts import IndexedArticle
from workbench.search.tokens import TERM_RE, fold_token

INDEX_VERSION = "search-7"
# Raw word → its folded terms (memoised across articles; cleared if it grows huge).
_FOLDED: dict[str, tuple[str, ...]] = {}
_UNKNOWN = ("\x00",)  # marks a raw word not folded yet


def _fold_raws(raws: set[str]) -> set[str]:
    """Folded terms of a set of raw words; the common case stays in C (map over a dict)."""
    found = set(chain.from_iterable(map(_FOLDED.get, raws, repeat(_UNKNOWN))))
    if _UNKNOWN[0] in found:
        if len(_FOLDED) >= 1_000_000:
            _FOLDED.clear()
        for raw in raws:
            if raw not in _FOLDED:
                _FOLDED[raw] = fold_token(raw)
        found = set(chain.from_iterable(_FOLDED[raw] for raw in raws))
    return found


def build_segment(article: IndexedArticle) -> dict:
    """Tokenise one article: its passages and, per term, the passages that contain it."""
    text = article.text
    passages = split_passages(text, article.blocks)
    term_passages: dict[str, list[int]] = {}
    findall = TERM_RE.findall
    for i, p in enumerate(passages):
        for term in _fold_raws(set(findall(text, p.start, p.end))):
            lst = term_passages.get(term)
            if lst is None:
                term_passages[term] = [i]
            else:
                lst.append(i)
    flat = array("I")
    for p in passages:
        flat.extend((p.start, p.end, p.block_start, p.block_end))
    ids = array("I")
    for local in term_passages.values():
        ids.extend(local)
    return {  # compact: a few strings and arrays unpickle much faster than dicts of lists
        "version": INDEX_VERSION,
        "text_hash": article.text_hash,
        "passages": flat,
        "terms": "\n".join(term_passages),
        "counts": array("I", map(len, term_passages.values())),
        "ids": ids,
    }


def segment_postings(seg: dict):
    """(term, local passage ids) pairs of a segment."""
    ids, pos = seg["ids"], 0
    for term, n in zip(seg["terms"].split("\n") if seg["terms"] else (), seg["counts"]):
        yield term, ids[pos:pos + n]
        pos += n


class IndexData:
    """The merged index: passage arrays, postings, and which article owns which slot.

    Slots are columns (an article id, its text hash, its passages [lo, hi)), as the cache
    stores them: a warm start compares and checks them with a few C-level passes, never a
    Python step per article."""

    def __init__(self) -> None:
        self.ids: list[str | None] = []  # slot → article id (None once removed)
        self.hashes: list[str] = []  # slot → text_hash ("" once removed)
        self.slot_lo = array("I")  # slot → its first passage
        self.slot_hi = array("I")  # slot → one past its last passage (= lo once removed)
        self.dead: set[int] = set()  # passages of removed or since-edited articles
        # passage → slot, start, end, block start, block end: arrays, or (loaded from a cache
        # file) read-only views of the bytes read, made arrays only when a patch appends
        self.p_article: array | memoryview = array("I")
        self.p_start: array | memoryview = array("I")
        self.p_end: array | memoryview = array("I")
        self.p_bstart: array | memoryview = array("I")
        self.p_bend: array | memoryview = array("I")
        self.postings = Postings()  # term → sorted passage ids
        self._slots: dict[str, int] | None = None

    @property
    def passage_count(self) -> int:
        return len(self.p_start)

    @property
    def live_count(self) -> int:
        return len(self.p_start) - len(self.dead)

    def slots(self) -> dict[str, int]:
        """Article id → slot, for live articles."""
        slots = self._slots
        if slots is None:
            found: dict = dict(zip(self.ids, range(len(self.ids))))
            found.pop(None, None)  # removed articles' slots
            self._slots = slots = found
        return slots

    def lists(self, ids: list[str], hashes: list[str]) -> bool:
        """True when the slots hold exactly these articles, in this order, with these text hashes."""
        return self.ids == ids and self.hashes == hashes

    def add_segments(self, segments: Iterable[tuple[str, dict]]) -> None:
        """Bulk build: append every segment, merging postings in memory once.

        `segments` may be a generator: each segment is merged as it comes and not kept (a cold
        build never holds every article's segment at once)."""
        fresh = not self.ids and not len(self.postings)
        merged: dict[str, array] = {}
        get = merged.get
        columns: list[array] = []
        for name in _PASSAGE_ARRAYS:  # arrays to append to (views read from a cache file are copied once)
            column = getattr(self, name)
            if not isinstance(column, array):
                view, column = column, array("I")
                column.frombytes(view.cast("B"))
                setattr(self, name, column)
            columns.append(column)
        p_article, p_start, p_end, p_bstart, p_bend = columns
        for article_id, seg in segments:
            slot, base = len(self.ids), len(p_start)
            flat = seg["passages"]
            n = len(flat) // 4
            self.ids.append(article_id)
            self.hashes.append(seg["text_hash"])
            self.slot_lo.append(base)
            self.slot_hi.append(base + n)
            p_article.extend([slot] * n)
            p_start.extend(flat[0::4])
            p_end.extend(flat[1::4])
            p_bstart.extend(flat[2::4])
            p_bend.extend(flat[3::4])
            shift = base.__add__
            for term, local in segment_postings(seg):
                arr = get(term)
                if arr is None:
                    merged[term] = arr = array("I")
                arr.extend(map(shift, local))
        if fresh:  # one ids array, as a cache file holds them
            self.postings = Postings.built(merged, len(p_start))
        for term in list(merged):  # each term's array freed once its bytes are kept
            self.postings.append(term, merged.pop(term))
        self._slots = None

    def kill(self, article_id: str) -> None:
        """Mark an article's passages dead (it was removed or is about to be replaced)."""
        slot = self.slots().get(article_id)
        if slot is None:
            return
        self.dead.update(range(self.slot_lo[slot], self.slot_hi[slot]))
        self.ids[slot], self.hashes[slot], self.slot_hi[slot] = None, "", self.slot_lo[slot]
        self._slots = None

    def to_pack(self) -> bytes:
        """The index as a pack file (packfile.py): slot ids and hashes as JSON, the rest raw arrays."""
        return b"".join(self.pack_chunks())

    def pack_chunks(self) -> list[bytes | memoryview]:
        """`to_pack` as chunks to write one after another (views of the arrays: no copy)."""
        terms, counts, ids = self.postings.blobs()
        meta = {"version": INDEX_VERSION, "ids": self.ids, "hashes": self.hashes}
        blobs = {name: ("I", getattr(self, name)) for name in _PASSAGE_ARRAYS + _SLOT_ARRAYS}
        blobs.update(dead=("I", array("I", sorted(self.dead))), terms=("B", terms.encode("utf-8")),
                     counts=("I", counts), ids=("I", ids))
        return pack_chunks(meta, blobs)

    @classmethod
    def from_pack(cls, meta: dict, blobs: dict[str, memoryview]) -> "IndexData":
        """The index a pack file holds; PackError unless every part is consistent."""
        if meta.get("version") != INDEX_VERSION or not all(name in blobs for name in _ALL_BLOBS):
            raise PackError("foreign or outdated index")
        data = cls()
        for name in _PASSAGE_ARRAYS:  # (views of the bytes read: no copy of millions of passages)
            setattr(data, name, blobs[name])
        for name in _SLOT_ARRAYS:  # small, and `kill` writes them
            arr = array("I")
            arr.frombytes(blobs[name].cast("B"))
            setattr(data, name, arr)
        n = len(data.p_start)
        if any(len(getattr(data, name)) != n for name in _PASSAGE_ARRAYS):
            raise PackError("passage arrays differ in length")
        data.ids, data.hashes = _checked_slots(meta.get("ids"), meta.get("hashes"), data.slot_lo, data.slot_hi, n)
        # (each passage's owner is a slot: a bad one is an IndexError or PackError where a
        # search reads it, handled like any damaged cache — not a scan of every passage here)
        dead = blobs["dead"]
        if len(dead) and max(dead) >= n:
            raise PackError("dead passage out of range")
        data.dead = set(dead)
        data.postings = Postings.from_blobs(blob_text(blobs["terms"]), blobs["counts"], blobs["ids"], n)
        return data

    def posting(self, term: str) -> memoryview | None:
        return self.postings.get(term)

    def df(self, term: str) -> int:
        return self.postings.count(term)

    def idf(self, df: int) -> float:
        return math.log((self.live_count + 1) / (df + 0.5))


_PASSAGE_ARRAYS = ("p_article", "p_start", "p_end", "p_bstart", "p_bend")
_SLOT_ARRAYS = ("slot_lo", "slot_hi")
_ALL_BLOBS = (*_PASSAGE_ARRAYS, *_SLOT_ARRAYS, "dead", "terms", "counts", "ids")
_NONE = type(None)


def _checked_slots(ids, hashes, lo: array, hi: array, passage_count: int) -> tuple[list, list]:
    """The slot columns from a cache file, checked: ids (str, or None once removed) unique,
    hashes str, passage ranges 0 <= lo <= hi <= passage count. (Passage offsets are checked
    against the article text when a search reads them.) Column by column, in C."""
    if type(ids) is not list or type(hashes) is not list or not len(ids) == len(hashes) == len(lo) == len(hi):
        raise PackError("slot columns differ in length")
    if not set(map(type, ids)) <= {str, _NONE} or not set(map(type, hashes)) <= {str}:
        raise PackError("bad slot entry")
    if len(lo) and (max(hi) > passage_count or not all(map(le, lo, hi))):
        raise PackError("bad passage range of a slot")
    nones = ids.count(None)
    if len(set(ids)) - (nones > 0) != len(ids) - nones:
        raise PackError("article twice in the index")
    return ids, hashes
