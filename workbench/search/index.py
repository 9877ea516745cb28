"""The word index: passages of every article and, per folded term, the passages holding it.

A *segment* is one article tokenised (its passages and term → local passage ids); the
merged `IndexData` concatenates segments and keeps, per term, the sorted global ids as
`array('I')` bytes. Segments can be appended to a loaded index (an edited article gets
new passage ids; its old ones are marked dead) so one change never re-merges the rest.
Caching lives in cache.py.
"""

from __future__ import annotations

import math
from array import array
from itertools import chain, repeat

from workbench.search.passages import split_passages
from workbench.search.tokens import WORD_RE, fold_token

INDEX_VERSION = "search-5"
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
        found = set(chain.from_iterable(map(_FOLDED.get, raws)))
    return found


def build_segment(article) -> dict:
    """Tokenise one article: its passages and, per term, the passages that contain it."""
    text = article.text
    passages = split_passages(text, article.blocks)
    term_passages: dict[str, list[int]] = {}
    findall = WORD_RE.findall
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
        self.postings: dict[str, bytes] = {}  # term → array('I') bytes of sorted passage ids
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
        self.manifest[slot][2].append((base, base + n))
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
            old = self.postings.get(term)
            self.postings[term] = (old or b"") + arr.tobytes()
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

    def to_state(self) -> dict:
        return {"version": INDEX_VERSION, "manifest": self.manifest, "dead": self.dead,
                "passages": [self.p_article, self.p_start, self.p_end, self.p_bstart, self.p_bend],
                "postings": self.postings}

    @classmethod
    def from_state(cls, state: dict) -> "IndexData":
        data = cls()
        data.manifest = [list(x) for x in state["manifest"]]
        data.dead = set(state["dead"])
        data.p_article, data.p_start, data.p_end, data.p_bstart, data.p_bend = state["passages"]
        data.postings = state["postings"]
        if not all(isinstance(a, array) for a in state["passages"]) or not isinstance(data.postings, dict):
            raise ValueError("bad index state")
        return data

    def posting(self, term: str) -> memoryview | None:
        raw = self.postings.get(term)
        return memoryview(raw).cast("I") if raw else None

    def df(self, term: str) -> int:
        raw = self.postings.get(term)
        return len(raw) // 4 if raw else 0

    def idf(self, df: int) -> float:
        return math.log((self.live_count + 1) / (df + 0.5))
