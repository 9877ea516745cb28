"""Rows of a printed web page that stand beside the article rather than in it.

A browser prints what the site sets around an article in the same type as the article:
other stories' blurbs under their linked headlines, a photo gallery's captions (shown two or
three times: slide, lightbox, list). Where they stand gives them away: the article's running
text shares one left edge (its column), and these rows stand off it. Marked rows
(`Span.aside`) count as linked text in pdf_webpage's rules.
"""

from __future__ import annotations

import re

from workbench.library.pdf_layout import Layout, Span
from workbench.library.pdf_webpage import LINKED, SHORT_LINE_WORDS

OFF_EM = 1.5  # a row whose left edge is this many font sizes from the column's stands off it
KEY_WORDS = 8  # rows that open with the same words say the same thing (captions are cut short)
THRICE = 3  # said this often, a row is a gallery's caption or a banner, wherever it stands
_WORD = re.compile(r"\w+")


def _words(layout: Layout, span: Span) -> int:
    return len(layout.text[span.start:span.end].split())


def article_column(layout: Layout) -> float | None:
    """The left edge of the article's running text: the edge of the longest run (in words) of
    unlinked rows that start at one edge. Links break a run and short rows (dates, labels) do
    not count, so a list of teasers — a blurb between headlines — never runs long, however many
    words all its blurbs hold together."""
    best, column = 0, None
    edge, words = None, 0
    for span in layout.spans:
        if span.linked >= LINKED:
            edge, words = None, 0
            continue
        n = _words(layout, span)
        if n < SHORT_LINE_WORDS:
            continue
        if edge is not None and abs(span.x0 - edge) <= 2 * span.size:
            words += n
        else:
            edge, words = span.x0, n
        if words > best:
            best, column = words, edge
    return column


def _off(span: Span, column: float) -> bool:
    return abs(span.x0 - column) > OFF_EM * span.size


def mark_asides(layout: Layout) -> list[bool]:
    """Mark, among rows off the article's column and not linked themselves:

    * other stories' blurbs: a linked row (a headline) stands before the row and after it (or
      the page ends), short rows (dates, names) between not counting;
    * repeated captions: another row anywhere opens with the same words;

    and, wherever they stand, rows that open with the same words three times or more (a
    gallery's caption on its slide, in the lightbox and in the list; a banner per page).
    The article's own paragraphs stand in its column, so a list of products with linked names
    keeps its text, and the body copy of a pull quote (said twice) stays while its display
    copy goes."""
    column = article_column(layout)
    if column is None:
        return [False] * len(layout.spans)
    spans, text = layout.spans, layout.text
    short = [s.linked < LINKED and _words(layout, s) < SHORT_LINE_WORDS for s in spans]
    keys = [tuple(w.casefold() for w in _WORD.findall(text[s.start:s.end])[:KEY_WORDS]) for s in spans]
    seen: dict[tuple[str, ...], int] = {}
    for key in keys:
        if len(key) == KEY_WORDS:
            seen[key] = seen.get(key, 0) + 1

    def linked_next(i: int, step: int) -> bool | None:  # None: the page ends first
        i += step
        while 0 <= i < len(spans) and short[i]:
            i += step
        return None if not 0 <= i < len(spans) else spans[i].linked >= LINKED

    for i, span in enumerate(spans):
        if span.linked >= LINKED or short[i]:
            continue
        copies = seen.get(keys[i], 0)
        if copies >= THRICE or _off(span, column) and (
                copies >= 2 or linked_next(i, -1) and linked_next(i, 1) is not False):
            span.aside = True
    return [span.aside for span in spans]
