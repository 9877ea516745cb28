"""Pull quotes: a sentence lifted from the body and printed again, large, nearby.

In plain-text copies the pull quote becomes a paragraph of its own just before or after
the paragraph it repeats — sometimes without that paragraph's lead-in ("In short,",
"Still,") or cut short. A short paragraph whose words (most of them, from the start)
occur inside a longer neighbouring paragraph is that repetition and is removed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain, compress, filterfalse
from operator import itemgetter, not_

from workbench.library.clean.lines import TERMINAL_LAST, ends_sentence
from workbench.textnorm import FOLD_TABLE  # the one definition of "same text", applied fast

_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_SPACE = re.compile(r"\s+")
_TABLE = FOLD_TABLE
MIN_WORDS = 6
MAX_WORDS = 80  # a pull quote is a sentence or two, never a whole section
REACH = 2  # how many paragraphs away the source of a pull quote may sit
LONG = 12  # words from which a repeat counts one paragraph further away
COVERAGE = 0.8  # share of the pull quote (from its start) that must occur in the source
MAX_CHECKS = 20  # sentence starts per paragraph given the full (slow) glued-copy test
EDGE_RUN = 64  # punctuation at a paragraph's end walked in Python before handing it to str.strip
EXTRA = 20  # a cut-short copy comes from a paragraph at least this many characters longer


_FOLDABLE = re.compile("[" + re.escape("".join(chr(c) for c in _TABLE)) + "]")


def _fold(text: str) -> str:
    """`text.translate(FOLD_TABLE)`; a C scan for the few characters it changes is much faster."""
    return _FOLDABLE.sub(lambda m: _TABLE[ord(m.group(0))] or "", text)


def _edges(text: str) -> str:
    """The characters of `text` that `[\\W_]` matches (for str.strip)."""
    return "".join(filterfalse(str.isalnum, set(text)))  # [\W_] is "not str.isalnum"; no Python loop


@lru_cache(maxsize=1024)
def _folded(text: str) -> str:
    """`_fold(text).casefold()`, cached: `find_pull_quotes` and `token_norm` fold the same paragraphs."""
    return _fold(text).casefold()


def forget_folded() -> None:
    _folded.cache_clear()


def _norm(text: str) -> str:
    """textnorm.normalize(text, casefold=True).text without the offset map (much faster)."""
    folded = " ".join(_folded(text).split())
    # = folded.strip(_edges(folded)): its non-alphanumeric ends, found from the ends (a few
    # characters) instead of from the set of every character in the paragraph
    start, end = 0, len(folded)
    while start < end and not folded[start].isalnum():
        start += 1
        if start > EDGE_RUN:
            return folded.strip(_edges(folded))  # a long run of punctuation: let C walk it
    while end > start and not folded[end - 1].isalnum():
        end -= 1
        if len(folded) - end > EDGE_RUN:
            return folded.strip(_edges(folded))
    return folded[start:end]


def repeated_in(short: str, long: str) -> bool:
    """True when most of `short` (from its start) occurs verbatim inside `long`."""
    return _repeated(_norm(short), _norm(long))


# What a pull quote adds to the sentence it lifts: a lead-in ("indeed,", "in short,", "but")
# before it, an attribution ("— jane doe") after it.
_LEAD_IN = re.compile(r"^(?:(?:[^\W\d_]+ ){0,2}[^\W\d_]+, |(?:but|and|yet|so|still|also|now|then) )")
_ATTRIBUTION = re.compile(r"[\"”’]?\s+[—–-]+\s*[^\W\d_][\w .'’-]{0,40}$")


_DASHES = frozenset("—–-")


def _variants(needle: str) -> list[str]:
    """The pull quote as printed, without its attribution, and without its own lead-in."""
    out = [needle]
    if not MIN_WORDS <= needle.count(" ") + 1 <= MAX_WORDS:
        return out  # too short or too long to be a pull quote in any form
    # Skip the regexes where they cannot change anything (no dash: no attribution; letters or
    # digits at both ends: no edge to strip) — they scan the whole text.
    cut = _ATTRIBUTION.sub("", needle) if not _DASHES.isdisjoint(needle) else needle
    bare = cut if cut[:1].isalnum() and cut[-1:].isalnum() else _EDGE.sub("", cut)
    if bare != needle:
        out.append(bare)
    for text in list(out):
        lead = _LEAD_IN.match(text)
        if lead and len(text[lead.end():].split()) >= MIN_WORDS:
            out.append(text[lead.end():])
    return out


def _repeated(needle: str, hay: str) -> bool:
    return any(_repeated_once(variant, hay) for variant in _variants(needle))


_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*")


def _repeated_once(needle: str, hay: str) -> bool:
    if ("…" in needle or "..." in needle) and _ELLIPSIS.search(needle):  # "the port … handles more traffic"
        parts = [p for p in _ELLIPSIS.split(needle) if p.strip()]
        if len(parts) > 1 and sum(len(p.split()) for p in parts) >= MIN_WORDS and all(len(p.split()) >= 2 for p in parts):
            position = 0
            for part in parts:
                position = hay.find(part, position)
                if position < 0:
                    return False
                position += len(part)
            return True
    if len(hay) < len(needle):
        return False  # (the usual neighbour: no need to count the needle's words)
    tokens = needle.split()
    if not MIN_WORDS <= len(tokens) <= MAX_WORDS:
        return False
    if needle in hay:
        return True
    if len(hay) < len(needle) + EXTRA:
        return False  # two similar paragraphs of equal length: neither is a copy of the other
    # The longest prefix (in words) found in `hay`, by bisection: a prefix of a found prefix is
    # found too. It must keep MIN_WORDS words and COVERAGE of the pull quote's characters.
    if " ".join(tokens[:MIN_WORDS]) not in hay:
        return False  # not even the shortest prefix that counts: no longer one is (one search, not ~7)
    low, high = MIN_WORDS - 1, len(tokens) - 1  # prefix(low) counts as found; look up to `high`
    while low < high:
        middle = (low + high + 1) // 2
        if " ".join(tokens[:middle]) in hay:
            low = middle
        else:
            high = middle - 1
    return low >= MIN_WORDS and len(" ".join(tokens[:low])) >= COVERAGE * len(needle)


def _may_repeat(needle: str, sources: list[str]) -> bool:
    """False when no variant of `needle` can be found in any source, by a few substring tests:
    every variant is the needle from its first to fourth word on (a lead-in dropped), cut at the
    end (an attribution dropped), so one found without "…" holds five whole words of the needle
    from one of those starts (and six words in all)."""
    if "…" in needle or "..." in needle:
        return True  # found in parts
    tokens = needle.split(" ")
    if len(tokens) < MIN_WORDS:
        return False
    common = f"{tokens[3]} {tokens[4]}"  # words 4 and 5: in every probe below (one search first)
    if not any(common in source for source in sources):
        return False
    probes = [" ".join(tokens[k:k + MIN_WORDS - 1]) for k in range(min(4, len(tokens) - MIN_WORDS + 1))]
    return any(probe in source for source in sources for probe in probes)


def find_pull_quotes(texts: list[str], kinds: list[str]) -> set[int]:
    """Indices of paragraphs that repeat a neighbouring paragraph."""
    normed = [_norm(t) if k in ("paragraph", "quote") else "" for t, k in zip(texts, kinds)]
    dropped: set[int] = set()
    for i, text in enumerate(texts):
        if not normed[i] or (not ends_sentence(text) and len(text.split()) < 8):
            continue  # an unterminated short line is more likely a heading sharing its section's words
        size = normed[i].count(" ") + 1
        if not MIN_WORDS <= size <= MAX_WORDS:
            continue
        reach = REACH + 1 if size >= LONG else REACH  # a long exact repeat may sit further off
        sources = [j for j in range(max(0, i - reach), min(len(texts), i + reach + 1))
                   if j != i and j not in dropped and normed[j] and len(texts[j]) >= len(text)]
        if not sources:
            continue  # no neighbour long enough to hold it (no variants to make)
        if not _may_repeat(normed[i], [normed[j] for j in sources]):
            continue
        # Each variant with the words it must start with in a source: `_repeated_once` finds a
        # variant only where its first MIN_WORDS words stand (one with "…" may be found in parts).
        variants = [(v, "…" in v or "..." in v, " ".join(v.split()[:MIN_WORDS])) for v in _variants(normed[i])]
        if any(any((parts or head in normed[j]) and _repeated_once(v, normed[j]) for v, parts, head in variants)
               for j in sources):
            dropped.add(i)
    return dropped


def _norm_tokens(text: str) -> list[str]:
    """`_norm` of each whitespace-separated token, in one pass over the text (no regex per token):
    its ends stripped of what `[\\W_]` matches — asked only of the tokens that are not all
    letters and digits (most are; `str.isalnum` of every token is one C pass)."""
    tokens = _folded(text).split()
    odd = list(compress(range(len(tokens)), map(not_, map(str.isalnum, tokens))))
    if odd:
        edges = _edges("".join([tokens[index] for index in odd]))  # what [\W_] strips at their edges
        for index in odd:
            tokens[index] = tokens[index].strip(edges)
    return tokens


def token_norm(text: str) -> str:
    """The text's words, each folded as `_norm` folds a paragraph (what `split_glued` compares)."""
    return " ".join(_norm_tokens(text))


def norm_words(text: str) -> list[str]:
    """`token_norm(text).split()`: the folded words, without tokens that were all punctuation."""
    tokens = _norm_tokens(text)
    return list(filter(None, tokens)) if "" in tokens else tokens


def _grams(normed: list[str]) -> Counter:
    """How often each run of MIN_WORDS folded tokens occurs (one pass, not one scan per sentence)."""
    return Counter(zip(*(normed[k:] for k in range(MIN_WORDS))))


def sharing_runs(split: list[list[str]]) -> set[int]:
    """Indices of the texts (as `norm_words`) holding a run of MIN_WORDS words that occurs twice
    in them all: the only paragraphs a pull quote can have been run into. One pass; an article
    without any repeated run skips the glued-quote search entirely."""
    runs = [zip(*(tokens[k:] for k in range(MIN_WORDS))) for tokens in split]
    total = Counter(chain.from_iterable(runs))  # one C pass over every run of every text
    if len(total) == sum(max(0, len(tokens) - MIN_WORDS + 1) for tokens in split):
        return set()  # every run occurs once (the usual article)
    repeated = set(compress(total.keys(), map((1).__lt__, total.values())))  # counts > 1, in C
    firsts = {run[0] for run in repeated}  # a text holds a repeated run only if it holds its first word
    return {index for index, tokens in enumerate(split)
            if not firsts.isdisjoint(tokens) and not repeated.isdisjoint(zip(*(tokens[k:] for k in range(MIN_WORDS))))}


def split_glued(text: str, around: str = "", *, finished: bool = True) -> tuple[str, str] | None:
    """(pull quote, paragraph without it) when a pull quote was run into a paragraph (hard-wrapped
    text without blank lines): at a sentence start, 6–40 words that recur elsewhere in it or in
    a neighbouring paragraph (`around`, see `token_norm`) and are followed by a new sentence (or
    end it, when 8 words or more and `finished` copies are allowed)."""
    tokens = text.split()
    if len(tokens) < 2 * MIN_WORDS:
        return None
    normed = _norm_tokens(text)
    if len(normed) != len(tokens):  # a character that folds to a space: compare token by token
        normed = [_norm(token) for token in tokens]
    here, near = _grams(normed), _grams(around.split())
    # Sentence starts: after a token ending a sentence (its last character one that can, first:
    # picked out in C, then asked of the few).
    ends = compress(range(1, len(tokens) - MIN_WORDS), map(TERMINAL_LAST.__contains__, map(itemgetter(-1), tokens)))
    starts = [0] + [k for k in ends if ends_sentence(tokens[k - 1])]
    checked = 0
    for start in starts:
        openings = [tuple(normed[start + lead:start + lead + MIN_WORDS]) for lead in range(4)]
        if not any(here[o] > 1 or o in near for o in openings):
            continue  # the fast test: these opening words occur only once
        checked += 1
        if checked > MAX_CHECKS:
            return None  # a text repeating itself everywhere (a refrain, junk): no pull quote to find
        found = _glued_at(tokens, normed, start, around, finished)
        if found:
            return " ".join(tokens[start:found]), " ".join(tokens[:start] + tokens[found:])
    return None


def _glued_at(tokens: list[str], normed: list[str], start: int, around: str, finished: bool) -> int | None:
    """End index of a repeated run starting at `start`, else None."""
    for end in range(min(start + 40, len(tokens)), start + MIN_WORDS - 1, -1):
        follows = tokens[end][:1] if end < len(tokens) else ""
        terminated = ends_sentence(tokens[end - 1])
        if not (follows.isupper() or follows in "\"“‘(") or follows == "" and not terminated:
            continue
        if terminated and (end - start < 8 or not finished):
            continue  # (finished=False: only a sentence without its full stop, run into the next, counts)
        elsewhere = f" {' '.join(normed[:start])} | {' '.join(normed[end:])} | {around} "
        for lead in range(start, start + 4):  # the pull quote may carry its own lead-in ("Indeed,")
            if end - lead >= MIN_WORDS and f" {' '.join(normed[lead:end])} " in elsewhere:
                return end
            if not (tokens[lead].endswith(",") or normed[lead] in _CONNECTIVES):
                break
    return None


_CONNECTIVES = frozenset("but and yet so still also now then".split())
