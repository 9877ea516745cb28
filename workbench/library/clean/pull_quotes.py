"""Pull quotes: a sentence lifted from the body and printed again, large, nearby.

In plain-text copies the pull quote becomes a paragraph of its own just before or after
the paragraph it repeats — sometimes without that paragraph's lead-in ("In short,",
"Still,") or cut short. A short paragraph whose words (most of them, from the start)
occur inside a longer neighbouring paragraph is that repetition and is removed.
"""

from __future__ import annotations

import re

from workbench.library.clean.lines import ends_sentence
from workbench.textnorm import normalize

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
MIN_WORDS = 6
MAX_WORDS = 80  # a pull quote is a sentence or two, never a whole section
REACH = 2  # how many paragraphs away the source of a pull quote may sit
COVERAGE = 0.8  # share of the pull quote (from its start) that must occur in the source


def _norm(text: str) -> str:
    return _EDGE.sub("", normalize(text, casefold=True).text)


def repeated_in(short: str, long: str) -> bool:
    """True when most of `short` (from its start) occurs verbatim inside `long`."""
    needle, hay = _norm(short), _norm(long)
    if not MIN_WORDS <= len(needle.split()) <= MAX_WORDS or len(hay) <= len(needle) * 0.9 and needle != hay:
        return False
    if needle in hay:
        return True
    tokens = needle.split()
    keep = len(tokens)
    while keep >= MIN_WORDS:
        prefix = " ".join(tokens[:keep])
        if prefix in hay:
            return len(prefix) >= COVERAGE * len(needle)
        keep -= 1
    return False


def find_pull_quotes(texts: list[str], kinds: list[str]) -> set[int]:
    """Indices of paragraphs that repeat a neighbouring paragraph."""
    dropped: set[int] = set()
    for i, text in enumerate(texts):
        if kinds[i] not in ("paragraph", "quote"):
            continue
        if not ends_sentence(text) and len(text.split()) < 8:
            continue  # more likely a heading that shares words with its section
        for j in range(max(0, i - REACH), min(len(texts), i + REACH + 1)):
            if j == i or j in dropped or kinds[j] not in ("paragraph", "quote"):
                continue
            if len(texts[j]) >= len(text) and repeated_in(text, texts[j]):
                dropped.add(i)
                break
    return dropped
