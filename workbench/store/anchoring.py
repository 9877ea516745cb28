"""Finding a quote in clean text, and finding it again after the text changed.

Re-anchoring goes exact → exact elsewhere (chosen by prefix/suffix context) → fuzzy
(rapidfuzz alignment). Unlike annotators that take the best fuzzy hit blindly, a match is
only accepted when it is strong AND clearly better than the runner-up; otherwise the
annotation is flagged `needs_review` (close call or weak match) or `orphaned` (nothing fits).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from workbench.errors import UsageError, WorkbenchError
from workbench.store.model import CONTEXT, Annotation
from workbench.store.texts import ArticleText
from workbench.textnorm import Normalized, normalize, strip_control
from workbench.textnorm import find_all as textnorm_find_all

MIN_FUZZY = 60.0      # below this the quote is gone: orphaned
STRONG_FUZZY = 85.0   # at or above (and unambiguous): moved
MARGIN = 8.0          # a runner-up within this many points makes the call ambiguous
MIN_CONTEXT = 50.0    # a lone exact copy whose surroundings all changed needs a human
HINT_QUOTE = 200      # characters of a quote used to suggest the closest passage
LONG_QUOTE = 200      # above this, fuzzy search compares whole windows (partial_ratio grows ~quadratically)
EDGE = 120            # characters compared when refining the edges of a long quote's span
MAX_FUZZY_QUOTE = 20_000  # longer quotes not found exactly are not searched approximately (orphaned)


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    status: str   # anchored | moved | needs_review | orphaned
    score: float  # 0..100, similarity of the text at [start, end) to the quote
    reason: str = ""


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    quote_score: float
    context_score: float  # mean of prefix and suffix similarity
    best_side: float      # the better of the two
    exact_context: bool

    @property
    def total(self) -> float:
        return 0.7 * self.quote_score + 0.3 * self.context_score


def snippet(text: str, start: int, end: int, width: int = 70) -> str:
    """One line of the text around [start, end), for messages: whole words, "…" where cut."""
    pad = max(0, (width - (end - start)) // 2)
    a, b = max(0, start - pad), min(len(text), end + pad)
    while 0 < a < start and not text[a - 1].isspace():  # not from the middle of a word …
        a += 1
    while end < b < len(text) and not text[b].isspace():  # … nor to the middle of one
        b -= 1
    piece = " ".join(text[a:b].split())
    cut = b < len(text)
    if len(piece) > width:
        piece = piece[: width - 1]
        piece = piece[: piece.rfind(" ")] if " " in piece[width // 2:] else piece
        cut = True
    return ("…" if a > 0 else "") + piece + ("…" if cut else "")


def closest_passage(text: str, quote: str) -> tuple[int, int, float]:
    """Best approximate span for `quote` in `text` (rapidfuzz partial alignment).

    Only the first HINT_QUOTE characters are aligned: the cost of `partial_ratio_alignment`
    grows about quadratically with the quote, and a hint needs only where the passage starts."""
    if not text or not quote:
        return 0, 0, 0.0
    hit = fuzz.partial_ratio_alignment(quote[:HINT_QUOTE], text)
    if hit is None:  # only with a score cutoff, which is not given
        return 0, 0, 0.0
    return hit.dest_start, hit.dest_end, hit.score


def _side_score(expected: str, actual: str) -> float:
    if not expected:
        return 100.0 if not actual else 0.0
    return fuzz.ratio(expected, actual)


def _context(text: str, start: int, end: int, prefix: str, suffix: str) -> tuple[float, float]:
    before = text[max(0, start - len(prefix)):start]
    after = text[end:end + len(suffix)]
    if not prefix and start > 0:
        before = text[max(0, start - 1):start]
    if not suffix and end < len(text):
        after = text[end:end + 1]
    return _side_score(prefix, before), _side_score(suffix, after)


def _candidate(text: str, start: int, end: int, quote: str, prefix: str, suffix: str,
               quote_score: float | None = None) -> _Candidate:
    p, s = _context(text, start, end, prefix, suffix)
    q = fuzz.ratio(quote, text[start:end]) if quote_score is None else quote_score
    return _Candidate(start, end, q, (p + s) / 2, max(p, s), exact_context=(p == 100.0 and s == 100.0))


@lru_cache(maxsize=1)
def _normalized(text: str) -> Normalized:
    """An article's normalised text, built once per article instead of once per annotation.

    One entry (sync goes article by article), dropped by `forget_texts` when a sync ends: a
    1M-character article's offset map is tens of MB, not to be kept for the process's life."""
    return normalize(text)


def forget_texts() -> None:
    """Drop the cached normalised text (call when a batch of re-anchoring is done)."""
    _normalized.cache_clear()


def _exact_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Byte-for-byte copies first: they keep the span exactly as highlighted."""
    spans, pos = [], text.find(quote)
    while pos >= 0:
        spans.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + 1)
    return spans


def find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """`textnorm.find_all`, with the haystack normalised once per text (cached)."""
    return textnorm_find_all(text, quote, haystack=_normalized(text))


def _refine(text: str, quote: str, start: int, end: int) -> tuple[int, int, float]:
    """Adjust the edges of an approximate span to maximise similarity with `quote`."""
    slack = max(2, min(40, len(quote) // 3))
    best = (start, end, fuzz.ratio(quote, text[start:end]))
    for _ in range(2):
        s0, e0, _score = best
        for s in range(max(0, s0 - slack), min(e0, s0 + slack) + 1):
            score = fuzz.ratio(quote, text[s:e0])
            if score > best[2]:
                best = (s, e0, score)
        s0, e0, _score = best
        for e in range(max(s0 + 1, e0 - slack), min(len(text), e0 + slack) + 1):
            score = fuzz.ratio(quote, text[s0:e])
            if score > best[2]:
                best = (s0, e, score)
    s, e, score = best
    while s < e and text[s].isspace():  # a highlight never starts or ends with whitespace
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e, fuzz.ratio(quote, text[s:e])) if (s, e) != best[:2] else best


def _refine_long(text: str, quote: str, start: int, end: int) -> tuple[int, int, float]:
    """`_refine` for a long quote: each edge is placed by its first/last EDGE characters only."""
    slack = len(quote) // 16 + 40  # windows are 1/8 of the quote apart
    head, tail = quote[:EDGE], quote[-EDGE:]
    s = max(range(max(0, start - slack), min(len(text), start + slack) + 1),
            key=lambda i: (fuzz.ratio(head, text[i:i + len(head)]), -abs(i - start)))
    e = max(range(max(s + 1, end - slack), min(len(text), end + slack) + 1),
            key=lambda i: (fuzz.ratio(tail, text[max(s, i - len(tail)):i]), -abs(i - end)))
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e, fuzz.ratio(quote, text[s:e])


def _long_fuzzy_hits(text: str, quote: str) -> list[tuple[int, int, float]]:
    """Windows of the quote's length, every 1/8 of it, scored with `ratio` (linear in the text).

    A shift of up to 1/16 of the quote costs a few points at most, and `_refine_long` fixes the edges."""
    size = len(quote)
    step = max(1, size // 8)
    starts = range(0, max(1, len(text) - size + step), step)
    scored: list[tuple[float, int]] = []
    for chunk in range(0, len(starts), 256):
        part = starts[chunk:chunk + 256]
        for _choice, score, index in process.extract(quote, [text[s:s + size] for s in part], scorer=fuzz.ratio,
                                                     limit=None, score_cutoff=MIN_FUZZY * 0.8):
            scored.append((score, part[index]))
    scored.sort(key=lambda item: -item[0])
    return [_refine_long(text, quote, s, min(len(text), s + size)) for _score, s in scored[:12]]


def _fuzzy_candidates(text: str, quote: str, prefix: str, suffix: str) -> list[_Candidate]:
    """The best approximate span and the best one that does not overlap it."""
    found: list[_Candidate] = []
    if len(quote) > LONG_QUOTE:
        for s, e, q in _long_fuzzy_hits(text, quote) if len(quote) <= MAX_FUZZY_QUOTE else ():
            if not any(s < c.end and c.start < e for c in found):
                found.append(_candidate(text, s, e, quote, prefix, suffix, q))
            if len(found) == 4:
                break
        found.sort(key=lambda c: -c.total)
        return found
    size = len(quote)
    window = max(2 * size, size + 16)
    step = max(1, size // 2)
    starts = list(range(0, max(1, len(text) - size + step), step))
    windows = [text[s:s + window] for s in starts]
    scored = process.extract(quote, windows, scorer=fuzz.partial_ratio, limit=None, score_cutoff=MIN_FUZZY * 0.8)
    scored.sort(key=lambda item: -item[1])
    for _choice, _score, index in scored[:12]:
        hit = fuzz.partial_ratio_alignment(quote, windows[index])
        if hit is None:
            continue
        s, e, q = _refine(text, quote, starts[index] + hit.dest_start, starts[index] + hit.dest_end)
        if any(s < c.end and c.start < e for c in found):
            continue
        found.append(_candidate(text, s, e, quote, prefix, suffix, q))
        if len(found) == 4:
            break
    found.sort(key=lambda c: -c.total)
    return found


def reanchor(text: str, quote: str, start: int, end: int, prefix: str = "", suffix: str = "") -> Anchor:
    """Where is `quote` (once at [start, end), between prefix/suffix) in the new `text`?"""
    if not quote:
        return Anchor(min(start, len(text)), min(end, len(text)), "orphaned", 0.0, "empty quote")
    if text[start:end] == quote:
        here = _candidate(text, start, end, quote, prefix, suffix, 100.0)
        if here.exact_context:
            return Anchor(start, end, "anchored", 100.0)
    spans = _exact_spans(text, quote) or find_all(text, quote)
    if spans:
        cands = sorted((_candidate(text, s, e, quote, prefix, suffix, 100.0) for s, e in spans),
                       key=lambda c: (-c.context_score, abs(c.start - start)))
        best = cands[0]
        runner = cands[1] if len(cands) > 1 else None
        status = "anchored" if (best.start, best.end) == (start, end) else "moved"
        if runner is not None and best.context_score - runner.context_score < MARGIN:
            return Anchor(best.start, best.end, "needs_review", 100.0,
                          f"quote occurs {len(cands)} times and the context does not tell them apart")
        if best.best_side < MIN_CONTEXT:
            return Anchor(best.start, best.end, "needs_review", 100.0, "the text around the quote changed")
        return Anchor(best.start, best.end, status, 100.0)
    cands = _fuzzy_candidates(text, quote, prefix, suffix)
    if not cands or cands[0].quote_score < MIN_FUZZY:
        keep = min(start, len(text))
        return Anchor(keep, max(keep, min(end, len(text))), "orphaned", cands[0].quote_score if cands else 0.0,
                      "quote not found")
    best = cands[0]
    runner = cands[1] if len(cands) > 1 else None
    if runner is not None and best.total - runner.total < MARGIN:
        return Anchor(best.start, best.end, "needs_review", best.quote_score, "two passages match about equally well")
    if best.quote_score < STRONG_FUZZY:
        return Anchor(best.start, best.end, "needs_review", best.quote_score, "only a weak match")
    if best.best_side < MIN_CONTEXT:
        return Anchor(best.start, best.end, "needs_review", best.quote_score, "similar words in a different place")
    return Anchor(best.start, best.end, "moved", best.quote_score)


def reanchored(ann: Annotation, text: str, text_hash: str) -> Annotation:
    """A copy of `ann` anchored in `text` (its new clean text): position, status, quote, context."""
    found = reanchor(text, ann.quote, ann.start, ann.end, ann.prefix, ann.suffix)
    new = ann.copy(start=found.start, end=found.end, status=found.status, text_hash=text_hash)
    if found.status in ("anchored", "moved"):
        new.quote = text[found.start:found.end]
        new.prefix = text[max(0, found.start - CONTEXT):found.start]
        new.suffix = text[found.end:found.end + CONTEXT]
    return new


def locate_quote(article: ArticleText, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The span of QUOTE in the article (whitespace/quote/dash styles ignored), or a one-line error.

    Not found → the closest passage as a hint; several places and no `occurrence` → they are listed.
    """
    quote = strip_control(str(quote))
    if not quote.strip():
        raise UsageError("empty quote")
    spans = find_all(article.text, quote)
    if not spans:
        s, e, _score = closest_passage(article.text, " ".join(quote.split()))
        hint = f'; closest passage: "{snippet(article.text, s, e, 80)}"' if e > s else ""
        raise WorkbenchError(f"quote not found in {article.id}{hint}")
    if occurrence is None and len(spans) > 1:
        shown = ", ".join(f'{i}: "{snippet(article.text, s, e, 50)}"' for i, (s, e) in enumerate(spans[:5], 1))
        more = f", … ({len(spans) - 5} more)" if len(spans) > 5 else ""
        raise WorkbenchError(f"quote occurs {len(spans)} times in {article.id}; pass --occurrence N ({shown}{more})")
    index = 1 if occurrence is None else occurrence
    if not 1 <= index <= len(spans):
        raise UsageError(f"--occurrence must be between 1 and {len(spans)}")
    return spans[index - 1]
