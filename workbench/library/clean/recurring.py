"""Library evidence: lines that recur across several articles are a site's furniture.

Menus, footers and subscription boxes are printed the same way on every page of a site, so
a line found in several saved articles is furniture, whatever it says. This module holds the
pure part: which lines count and what key identifies one (`line_hashes`), and how the counts
over a library become one article's furniture (`furniture_for`). Reading the library and
caching is `workbench/library/evidence.py`; the cleaner uses the set in `page.py`.

Deterministic: the counts depend only on the sources' text, never on their order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain

MIN_ARTICLES = 3  # a line printed in this many articles (this one included) is furniture
MAX_LINE = 300  # characters: longer lines are prose, never furniture by evidence


def line_hash(text: str) -> str:
    """The key of a line: whitespace collapsed, case folded, hashed (short, fixed size)."""
    folded = " ".join(text.split()).casefold()
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def line_hashes(text: str) -> set[str]:
    """Keys of the lines of `text` that may be furniture (non-blank, at most MAX_LINE long)."""
    return {line_hash(line) for line in text.split("\n") if line.strip() and len(line) <= MAX_LINE}


def count_articles(hash_sets: Iterable[set[str]]) -> dict[str, int]:
    """In how many articles each line key occurs (each set counts a key once; counted in C)."""
    return dict(Counter(chain.from_iterable(hash_sets)))


def furniture_for(keys: set[str], counts: Mapping[str, int]) -> frozenset[str]:
    """The article's line keys that recur in MIN_ARTICLES articles or more."""
    return frozenset(key for key in keys if counts.get(key, 0) >= MIN_ARTICLES)


def evidence_digest(furniture: frozenset[str]) -> str:
    """One short string for the evidence an article was cleaned with (part of its cache key)."""
    if not furniture:
        return ""
    return hashlib.blake2b("\n".join(sorted(furniture)).encode(), digest_size=8).hexdigest()
