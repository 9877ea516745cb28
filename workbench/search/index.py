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
from itertools import chain, repeat
from operator import itemgetter, le

from workbench.search.packfile import PackError, blob_text, encode_pack
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
    """The merged index: passage arrays, postings, and which article owns which slot."""

    def __init__(self) -> None:
        # slot → [article id (None once removed), text_hash, [(first pid, end pid), ...]]
        self.manifest: list[list] = []
        self.dead: set[int] = set()  # passages of removed or since-edited articles
        self.p_article = array("I")  # passage → slot
        self.p_start = array("I")
        self.p_end = array("I")
        self.p_bstart = array("I")
        self.p_bend = array("I")
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
        if self._slots is None:
            self._slots = {entry[0]: i for i, entry in enumerate(self.manifest) if entry[0] is not None}
        return self._slots

    def _add_passages(self, slot: int, seg: dict) -> int:
        base = len(self.p_start)
        flat = seg["passages"]
        n = len(flat) // 4
        self.p_article.extend([slot] * n)
        self.p_start.extend(flat[0::4])
        self.p_end.extend(flat[1::4])
        self.p_bstart.extend(flat[2::4])
        self.p_bend.extend(flat[3::4])
        self.manifest[slot][2].append([base, base + n])
        return base

    def add_segments(self, segments: list[tuple[str, dict]]) -> None:
        """Bulk build: append every segment, merging postings in memory once."""
        merged: dict[str, array] = {}
        get = merged.get
        for article_id, seg in segments:
            self.manifest.append([article_id, seg["text_hash"], []])
            shift = self._add_passages(len(self.manifest) - 1, seg).__add__
            for term, local in segment_postings(seg):
                arr = get(term)
                if arr is None:
                    merged[term] = arr = array("I")
                arr.extend(map(shift, local))
        for term, arr in merged.items():
            self.postings.append(term, arr)
        self._slots = None

    def kill(self, article_id: str) -> None:
        """Mark an article's passages dead (it was removed or is about to be replaced)."""
        slot = self.slots().get(article_id)
        if slot is None:
            return
        for lo, hi in self.manifest[slot][2]:
            self.dead.update(range(lo, hi))
        self.manifest[slot] = [None, "", []]
        self._slots = None

    def to_pack(self) -> bytes:
        """The index as a pack file (packfile.py): JSON manifest plus raw arrays."""
        terms, counts, ids = self.postings.blobs()
        meta = {"version": INDEX_VERSION, "manifest": self.manifest}
        blobs = {name: ("I", getattr(self, name)) for name in _PASSAGE_ARRAYS}
        blobs.update(dead=("I", array("I", sorted(self.dead))), terms=("B", terms.encode("utf-8")),
                     counts=("I", counts), ids=("I", ids))
        return encode_pack(meta, blobs)

    @classmethod
    def from_pack(cls, meta: dict, blobs: dict[str, memoryview]) -> "IndexData":
        """The index a pack file holds; PackError unless every part is consistent."""
        if meta.get("version") != INDEX_VERSION or not all(name in blobs for name in _ALL_BLOBS):
            raise PackError("foreign or outdated index")
        data = cls()
        for name in _PASSAGE_ARRAYS:
            arr = array("I")
            arr.frombytes(blobs[name].cast("B"))
            setattr(data, name, arr)
        n = len(data.p_start)
        if any(len(getattr(data, name)) != n for name in _PASSAGE_ARRAYS):
            raise PackError("passage arrays differ in length")
        data.manifest = _checked_manifest(meta.get("manifest"), n)
        # (each passage's owner is a slot of the manifest: a bad one is an IndexError where a
        # search reads it, handled like a PackError — not a scan of every passage here)
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
_ALL_BLOBS = (*_PASSAGE_ARRAYS, "dead", "terms", "counts", "ids")


def _checked_manifest(manifest, passage_count: int) -> list[list]:
    """The manifest from a cache file, checked: [id | None, text_hash, [[lo, hi], ...]] per slot.
    (Passage offsets are checked against the article text when a search reads them.)

    Checked column by column in C (`set(map(type, …))`): a warm start must not spend a
    Python loop per article of a big library on a file that is almost always fine."""
    if type(manifest) is not list:
        raise PackError("manifest is not a list")
    if not manifest:
        return manifest
    if set(map(type, manifest)) != {list} or set(map(len, manifest)) != {3}:
        raise PackError("bad manifest entry")
    ids = list(map(itemgetter(0), manifest))
    spans = list(map(itemgetter(2), manifest))
    if not set(map(type, ids)) <= {str, type(None)} or set(map(type, map(itemgetter(1), manifest))) != {str} \
            or set(map(type, spans)) != {list}:
        raise PackError("bad manifest entry")
    flat = list(chain.from_iterable(spans))
    if flat:
        if set(map(type, flat)) != {list} or set(map(len, flat)) != {2}:
            raise PackError("bad passage range in manifest")
        lo, hi = list(map(itemgetter(0), flat)), list(map(itemgetter(1), flat))
        if set(map(type, lo)) | set(map(type, hi)) != {int} or min(lo) < 0 or max(hi) > passage_count \
                or not all(map(le, lo, hi)):
            raise PackError("bad passage range in manifest")
    nones = ids.count(None)
    if len(set(ids)) - (nones > 0) != len(ids) - nones:
        raise PackError("article twice in manifest")
    return manifest
