"""Every article's cite key and access day, remembered while nothing they depend on changes.

A cite key is unique across the library (citation.py), so `list --json` and `show --json`
need the keys of every article: ~3 µs per article of name folding and sorting, the largest
part of `list` at 10,000 articles. They are a pure function of each article's id, title,
authors and date (in the order given) and of the import records' bytes, so they are kept in
WORKSPACE/.workbench/citekeys.json under a digest of exactly that: an unchanged library
reads them back, any change computes them again. The file lives in the workspace, so it is
untrusted: a key must be a-z0-9 and unique, a day YYYY-MM-DD, else it is computed again.
"""

from __future__ import annotations

import hashlib

import orjson

from workbench.fsutil import atomic_write
from workbench.library.citation import _assign_keys, _day
from workbench.library.provenance import FILE_NAME, LOG_NAME, Provenance

CACHE_VERSION = 1
_KEY_CHARS = b"abcdefghijklmnopqrstuvwxyz0123456789"
_DAY_CHARS = b"0123456789-"


def summary_meta(library, summaries: list[dict]) -> list[dict]:
    """`{url, accessed, citekey}` for each of `summaries` (`Article.summary()` records), in order."""
    rows = [(a["id"], a["title"], a["authors"], a["date"]) for a in summaries]
    state = library.workspace.state
    cache_file = state / "citekeys.json"  # next to the manifest (cache/ holds the articles)
    digest = _digest(rows, state)
    remembered = _read(cache_file, digest, len(rows)) if digest else None
    if remembered is not None:
        keys, days = remembered
    else:
        records = Provenance(library.workspace).records
        # the full timestamp orders imports; the day is what a citation shows
        stamps = {row[0]: (records[row[0]].imported if row[0] in records else None) for row in rows}
        by_id = _assign_keys(rows, stamps)
        keys = [by_id[row[0]] for row in rows]
        days = [_day(stamps[row[0]]) for row in rows]
        if digest:
            try:
                atomic_write(cache_file, orjson.dumps({"version": CACHE_VERSION, "digest": digest, "keys": keys,
                                                       "accessed": days}))
            except OSError:
                pass  # a cache we cannot write only costs time
    return [{"url": a["url"], "accessed": day, "citekey": key} for a, day, key in zip(summaries, days, keys)]


def _digest(rows: list[tuple], state) -> str:
    """Digest of everything the keys depend on ("" if it cannot be computed: no cache then)."""
    parts = []
    for name in (FILE_NAME, LOG_NAME):
        try:
            parts.append((state / name).read_bytes())
        except OSError:
            parts.append(b"")
    try:
        head = orjson.dumps([CACHE_VERSION, rows, [len(p) for p in parts]])
    except TypeError:  # text orjson refuses (lone surrogates): compute every time
        return ""
    return hashlib.blake2b(b"".join([head, *parts]), digest_size=16).hexdigest()


def _read(path, digest: str, n: int) -> tuple[list[str], list[str | None]] | None:
    """The remembered (keys, days) if they were made for `digest` and look right (C-speed checks)."""
    try:
        record = orjson.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if type(record) is not dict or record.get("version") != CACHE_VERSION or record.get("digest") != digest:
        return None
    keys, days = record.get("keys"), record.get("accessed")
    if type(keys) is not list or type(days) is not list or len(keys) != n or len(days) != n:
        return None
    if not set(map(type, keys)) <= {str} or "" in keys or len(set(keys)) != n:
        return None
    joined = "".join(keys)
    if not joined.isascii() or joined.encode("ascii").translate(None, _KEY_CHARS):
        return None
    known = [day for day in days if day is not None]
    if not set(map(type, known)) <= {str} or not set(map(len, known)) <= {10}:
        return None
    joined = "".join(known)
    if not joined.isascii() or joined.encode("ascii").translate(None, _DAY_CHARS):
        return None
    return keys, days
