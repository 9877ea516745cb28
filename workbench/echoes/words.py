"""An article's words as three arrays: where each word starts and ends, and a 64-bit key.

The key is a stable hash (blake2b) of the word as textnorm compares it (`word_key`:
apostrophes unified, case folded); quotes, dashes and punctuation are not words, so two
copies that differ only in those have equal key sequences. Stable hashes (not Python's
salted `hash`) let the arrays be cached on disk and compared across runs.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

import numpy as np

from workbench.textnorm import WORD_RE, word_key

_MAGIC = b"WBEW"
FORMAT = 1
_HEADER = struct.Struct("<4sII")  # magic, format, number of words
_KEYS: dict[str, int] = {}  # word → key, shared by every article in this process
_MAX_KEYS = 500_000


@dataclass(frozen=True)
class Words:
    """Words of one clean text: `starts`/`ends` are character offsets, `keys` compare words."""

    starts: np.ndarray  # uint32
    ends: np.ndarray  # uint32
    keys: np.ndarray  # uint64

    def __len__(self) -> int:
        return len(self.keys)

    def to_bytes(self) -> bytes:
        return (_HEADER.pack(_MAGIC, FORMAT, len(self.keys)) + self.starts.astype("<u4").tobytes()
                + self.ends.astype("<u4").tobytes() + self.keys.astype("<u8").tobytes())

    @classmethod
    def from_bytes(cls, data: bytes, text_length: int) -> Words | None:
        """Parse a cache file; None if it is not one of ours or does not fit the text."""
        if len(data) < _HEADER.size:
            return None
        magic, version, n = _HEADER.unpack_from(data)
        if magic != _MAGIC or version != FORMAT or len(data) != _HEADER.size + 16 * n:
            return None
        pos = _HEADER.size
        starts = np.frombuffer(data, "<u4", n, pos).astype(np.uint32)
        ends = np.frombuffer(data, "<u4", n, pos + 4 * n).astype(np.uint32)
        keys = np.frombuffer(data, "<u8", n, pos + 8 * n).astype(np.uint64)
        if n and (int(ends.max()) > text_length or bool((ends <= starts).any())
                  or bool((starts[1:] < ends[:-1]).any())):
            return None  # offsets that cannot belong to this text: rebuild
        return cls(starts, ends, keys)


def _key(word: str) -> int:
    key = _KEYS.get(word)
    if key is None:
        key = int.from_bytes(hashlib.blake2b(word_key(word).encode("utf-8", "surrogatepass"),
                                             digest_size=8).digest(), "little")
        if len(_KEYS) < _MAX_KEYS:
            _KEYS[word] = key
    return key


def words_of(text: str) -> Words:
    """Tokenise a clean text (textnorm's word definition)."""
    starts: list[int] = []
    ends: list[int] = []
    keys: list[int] = []
    for match in WORD_RE.finditer(text):
        start, end = match.span()
        starts.append(start)
        ends.append(end)
        keys.append(_key(match.group()))
    return Words(np.array(starts, dtype=np.uint32), np.array(ends, dtype=np.uint32),
                 np.array(keys, dtype=np.uint64))


def shingles(keys: np.ndarray, k: int) -> np.ndarray:
    """Hash of every run of `k` consecutive words (uint64, wrapping arithmetic)."""
    n = len(keys) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    out = np.zeros(n, dtype=np.uint64)
    mult = np.uint64(0x100000001B3)
    with np.errstate(over="ignore"):
        for j in range(k):
            out = out * mult + (keys[j:j + n] ^ np.uint64(j + 1) * np.uint64(0x9E3779B97F4A7C15))
    return out
