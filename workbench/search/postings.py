"""Term → sorted passage ids, loaded lazily from one packed blob.

A warm start must not build a Python object per posting: the cache holds every term once
(one text blob), the number of ids per term and all ids back to back. Loading makes one
dict (term → number) and one array of start positions, both in C; a term's ids are a
slice of the blob, cut when a query asks for it — read from the file then (a `BlobFile`,
packfile.py), so a search reads the postings of its words, not the library's. Passages added by a patch (an edited
article) go to `_extra` and are appended to the term's ids when read.

The ids come from a file in the workspace. Each term's last (largest) id is checked against
the passage count when it is read; an unsorted crafted list with a bad id in the middle
raises IndexError where the engine uses it, which the engine treats like a PackError
(the cache is rebuilt once, with a notice).
"""

from __future__ import annotations

import re
from array import array
from itertools import accumulate
from operator import sub

from workbench.search.packfile import BlobFile, PackError

_MEMO_IDS = 32_000_000  # passage ids kept in memory once read, least recently read dropped first (128 MB)
_BAD_TERM = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")  # \n separates terms


class Postings:
    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self._starts = array("I", [0])
        self._ids: memoryview | BlobFile = memoryview(array("I")).cast("B").cast("I")
        self._extra: dict[str, bytes] = {}
        self._limit = 0  # every id in the base is below this (the base's passage count)
        self._terms_text = ""  # the base's terms joined by \n (its alphabet is computed on demand)
        self._alphabet: str | None = None
        self._extra_order: dict[str, int] | None = None
        self._memo: dict[str, memoryview] = {}  # term → its base ids, as read
        self._memo_items = 0

    @classmethod
    def from_blobs(cls, terms_text: str, counts: memoryview, ids: memoryview | BlobFile, limit: int) -> "Postings":
        """Postings from the cache's blobs; PackError when they do not add up."""
        terms = terms_text.split("\n") if terms_text else []
        if len(terms) != len(counts) or _BAD_TERM.search(terms_text):
            raise PackError("terms and counts disagree")
        self = cls()
        self._index = dict(zip(terms, range(len(terms))))
        if len(self._index) != len(terms):
            raise PackError("duplicate terms")
        try:
            self._starts = array("I", accumulate(counts, initial=0))
        except OverflowError as exc:
            raise PackError("counts out of range") from exc
        if self._starts[-1] != len(ids):
            raise PackError("counts and ids disagree")
        self._ids, self._limit = ids, limit
        self._terms_text = terms_text
        return self

    def __contains__(self, term: str) -> bool:
        return term in self._index or term in self._extra

    def __len__(self) -> int:
        return len(self._index) + sum(term not in self._index for term in self._extra)

    def __iter__(self):
        """Every term (the vocabulary for spelling expansion)."""
        yield from self._index
        for term in self._extra:
            if term not in self._index:
                yield term

    def known(self, words: set[str]) -> set[str]:
        """The terms among `words` (set intersections, in C)."""
        found = self._index.keys() & words
        return found | (self._extra.keys() & words) if self._extra else found

    def alphabet(self) -> str:
        """Every character of every term (for spelling neighbours), sorted."""
        if self._alphabet is None:
            chars = set(self._terms_text).union(*self._extra) if self._extra else set(self._terms_text)
            chars.discard("\n")
            self._alphabet = "".join(sorted(chars))
        return self._alphabet

    def order(self, term: str) -> int:
        """A known term's place in the vocabulary (iteration order)."""
        i = self._index.get(term)
        if i is not None:
            return i
        if self._extra_order is None:
            self._extra_order = {t: k for k, t in enumerate(t for t in self._extra if t not in self._index)}
        return len(self._index) + self._extra_order[term]

    def count(self, term: str) -> int:
        i = self._index.get(term)
        base = self._starts[i + 1] - self._starts[i] if i is not None else 0
        extra = self._extra.get(term)
        return base + (len(extra) // 4 if extra else 0)

    def get(self, term: str) -> memoryview | None:
        """The sorted passage ids of `term`, or None."""
        i = self._index.get(term)
        base = self._read(term, i) if i is not None else None
        extra = self._extra.get(term)
        if extra is None:
            return base if base is not None and len(base) else None
        return memoryview((base.tobytes() if base is not None else b"") + extra).cast("I")

    def _read(self, term: str, i: int) -> memoryview:
        """The base ids of term number `i` (read once, checked, kept while recently read)."""
        memo = self._memo
        base = memo.pop(term, None)
        if base is None:
            base = self._ids[self._starts[i]:self._starts[i + 1]]
            if len(base) and base[-1] >= self._limit:  # ids are sorted: the last is the largest
                raise PackError(f"passage id out of range for {term!r}")
            self._memo_items += len(base)
            while self._memo_items > _MEMO_IDS and memo:  # the least recently read go first
                self._memo_items -= len(memo.pop(next(iter(memo))))
        memo[term] = base  # (re-inserted: most recently read last)
        return base

    @classmethod
    def built(cls, merged: dict[str, array], limit: int) -> "Postings":
        """Postings of a fresh build: term → sorted ids (emptied here, each term's array freed once
        copied into the one ids array, so the ids are held once, not twice)."""
        self = cls()
        terms = list(merged)
        counts, ids = array("I"), array("I")
        for term in terms:
            arr = merged.pop(term)
            counts.append(len(arr))
            ids.extend(arr)
        self._index = dict(zip(terms, range(len(terms))))
        self._starts = array("I", accumulate(counts, initial=0))
        self._ids, self._limit = memoryview(ids), limit
        self._terms_text = "\n".join(terms)
        return self

    def append(self, term: str, ids: array) -> None:
        """Add passage ids (all above the ones already there) to `term`."""
        self._extra[term] = self._extra.get(term, b"") + ids.tobytes()
        self._alphabet = self._extra_order = None

    def blobs(self) -> tuple[str, array, bytes | memoryview]:
        """(terms joined by \\n, ids per term, all ids) for the cache file (ids held in memory: no copy)."""
        if not self._extra:
            counts = array("I", map(sub, self._starts[1:], self._starts[:-1]))
            return "\n".join(self._index), counts, self._ids if isinstance(self._ids, memoryview) else self._ids.tobytes()
        terms, counts, chunks = [], array("I"), []
        ids = self._ids if isinstance(self._ids, memoryview) else memoryview(self._ids.tobytes()).cast("I")
        starts, extra = self._starts, self._extra
        for term, i in self._index.items():
            chunk = ids[starts[i]:starts[i + 1]].tobytes() + extra.get(term, b"")
            terms.append(term)
            counts.append(len(chunk) // 4)
            chunks.append(chunk)
        for term, chunk in extra.items():
            if term not in self._index:
                terms.append(term)
                counts.append(len(chunk) // 4)
                chunks.append(chunk)
        return "\n".join(terms), counts, b"".join(chunks)
