"""The quote checker: does every quotation in a draft really stand in a source?

A writer quotes from memory. For each quotation in a draft (a Markdown blockquote, or a
run of at least `MIN_WORDS` words between double quotes of any style textnorm folds to ":
" “ ” „ « » ‹ ›), the checker finds the passage it
came from with the fuzzy search engine and says whether the draft quotes it exactly
(ignoring whitespace, quote and dash styles), closely (with the source's exact words to
paste instead), or not at all. An ellipsis inside a quotation ("… [...] …") marks an
omission: each fragment must stand, in order, in the same source.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.textnorm import (
    find_all,
    fold_char,
    normalize,
    normalize_query,
    strip_control,
)

if TYPE_CHECKING:
    from workbench.search import SearchIndex
    from workbench.search.texts import IndexedArticle

MIN_WORDS = 5  # shorter quoted runs are scare quotes or titles, not quotations
# On textnorm-folded text every double-quote style (" “ ” „ « » ‹ ›) is a plain ".
_INLINE = re.compile(r'"([^"\n]{10,}?)"')
_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\u2026\]|\.\s?\.\s?\.|\u2026)\s*")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class Quotation:
    text: str
    line: int  # 1-based line in the draft where it starts


@dataclass
class QuoteCheck:
    quote: str
    line: int
    status: str  # "exact" | "close" | "missing"
    article: str | None = None
    title: str | None = None
    start: int | None = None
    end: int | None = None
    source_text: str | None = None
    score: float | None = None
    differences: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "quote": self.quote, "line": self.line, "status": self.status,
            "article": self.article, "title": self.title, "start": self.start, "end": self.end,
            "source_text": self.source_text, "score": self.score, "differences": self.differences,
        }


def extract_quotations(draft: str) -> list[Quotation]:
    """Blockquotes and long inline quotations, in draft order, outside code fences."""
    found: list[Quotation] = []
    in_fence = False
    block: list[str] = []
    block_line = 0

    def flush() -> None:
        if block:
            text = " ".join(block).strip()
            if len(text.split()) >= MIN_WORDS:
                found.append(Quotation(_unwrap_quotes(text), block_line))
            block.clear()

    for number, raw in enumerate(strip_control(draft).splitlines(), start=1):
        if _FENCE.match(raw):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        stripped = raw.lstrip()
        if stripped.startswith(">"):
            if not block:
                block_line = number
            block.append(stripped.lstrip(">").strip())
            continue
        flush()
        folded = normalize(raw)  # offsets map each match back to the draft's own characters
        for match in _INLINE.finditer(folded.text):
            start, end = folded.span(match.start(1), match.end(1))
            text = raw[start:end].strip()
            if len(text.split()) >= MIN_WORDS:
                found.append(Quotation(text, number))
    flush()
    return found


def _unwrap_quotes(text: str) -> str:
    if len(text) > 2 and fold_char(text[0]) == '"' and fold_char(text[-1]) == '"':
        return text[1:-1].strip()
    return text


def _fragments(quote: str) -> list[str]:
    """The parts of a quotation to find, without the punctuation at their edges: a writer ends
    a quoted clause with a full stop where the source went on with a comma ("… notice us,"
    Lago said) — style, not a misquotation. ? and ! stay: they change what was said."""
    return [part.strip(" ,;:.") for part in _ELLIPSIS.split(quote) if part.strip(" ,;:.")]


def _exact_in(text: str, fragments: list[str]) -> tuple[int, int] | None:
    """Span covering all fragments, found in order in `text`, or None."""
    pos, first = 0, None
    haystack = normalize(text)  # once per article, not once per fragment
    for fragment in fragments:
        spans = [s for s in find_all(text, fragment, haystack=haystack) if s[0] >= pos]
        if not spans:
            return None
        first = spans[0][0] if first is None else first
        pos = spans[0][1]
    return (first, pos) if first is not None else None


def _differences(quote: str, source: str) -> list[str]:
    """Word-level edits that turn the draft's words into the source's."""
    a, b = normalize_query(quote).split(), normalize_query(source).split()
    edits: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "replace":
            edits.append(f"{' '.join(a[i1:i2])!r} → {' '.join(b[j1:j2])!r}")
        elif op == "delete":
            edits.append(f"draft adds {' '.join(a[i1:i2])!r}")
        elif op == "insert":
            edits.append(f"draft omits {' '.join(b[j1:j2])!r}")
    return edits


def check_quotation(quotation: Quotation, index: SearchIndex) -> QuoteCheck:
    """Locate one quotation with the search index and judge how faithfully it quotes."""
    fragments = _fragments(quotation.text) or [quotation.text]
    longest = max(fragments, key=len)
    # keyword hits (a short quotation's words scattered over a sentence) are not a quotation of it
    hits = [h for h in index.search(longest, limit=5) if h.kind == "article" and not h.keywords]
    result = QuoteCheck(quote=quotation.text, line=quotation.line, status="missing")
    if not hits:
        return result
    for hit in hits:  # an exact quotation wins over a better-scored near one
        article = index.articles[hit.article]
        span = _exact_in(article.text, fragments)
        if span and (len(fragments) > 1 or span[0] <= hit.end and hit.start <= span[1]):
            end = span[1]
            if quotation.text.rstrip().endswith(".") and article.text[end:end + 1] == ".":
                end += 1  # the full stop both have belongs to the passage shown
            return _filled(result, "exact", article, (span[0], end), 100.0)
    best = hits[0]
    article = index.articles[best.article]
    filled = _filled(result, "close", article, (best.start, best.end), best.score)
    filled.differences = _differences(longest, filled.source_text or "")
    return filled


def _filled(result: QuoteCheck, status: str, article: IndexedArticle, span: tuple[int, int], score: float) -> QuoteCheck:
    result.status = status
    result.article, result.title = article.id, article.title
    result.start, result.end = span
    result.source_text = article.text[span[0]:span[1]]
    result.score = round(score, 1)
    return result


def check_draft(draft: str, index: SearchIndex) -> list[QuoteCheck]:
    return [check_quotation(q, index) for q in extract_quotations(draft)]
