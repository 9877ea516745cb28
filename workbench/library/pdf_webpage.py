"""Web pages printed by a browser ("Save as PDF"): the article among the site's furniture.

A printed page carries the site's menus above the headline and teasers, trending lists,
comment boxes and footers below the article. The text goes through the same cleaner as a
saved text copy, but a PDF knows more than a text dump, and that is used here:

* the headline: the metadata title (or its head before " - Site") shown as a line; what
  stands above it goes (`navigation`) unless more running text stands above than below;
* links: a printed page keeps its hyperlinks as link annotations, so menus, related-story
  headlines and "most read" lists show as linked text. A piece of the cleaned text that is
  mostly linked is no part of the article (`links`), and linked text counts against the
  article where the tail is cut;
* asides: other stories' blurbs and repeated captions stand off the article's column
  (pdf_asides); they go before cleaning and count against the article like links;
* the tail: the article ends where the running sum of paragraph weights (running text for,
  everything else against) peaks — cut once on the page's paragraphs before cleaning (so the
  cleaner judges the article, not a footer longer than it), and again on the cleaned pieces;
* nothing there: a printed page with no running text and only a few words (a browser's error
  page, a page that never loaded) is not an article.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from workbench.errors import SourceError
from workbench.library.clean.lines import ends_sentence, holds_sentence_end
from workbench.library.metadata import clean_line
from workbench.library.model import ArticleDraft
from workbench.library.pdf_layout import Layout, Span, item_row
from workbench.library.pdf_pages import Alignment

TAIL_PROSE_WORDS = 20  # a paragraph this long that ends a sentence is running text
MAX_HEAD_BLOCKS = 5000  # the headline is looked for among the first blocks only
LINKED = 0.5  # a piece with at least this share of its words in links is a link, not prose
EMPTY_WORDS = 40  # fewer words than this and no running text: no article on the printed page

ABOUT_WORDS = 8  # a line about the article: its title and at most this many words more
LIST_RUN = 10  # this many linked rows one after another are a list of links
BEYOND_LIST = 0.25  # what running text past such a list counts for the article
SHORT_LINE_CHARS = 40  # a row shorter than this (a label) does not break a run of linked rows
SHORT_LINE_WORDS = 8  # a paragraph shorter than this without links: a date, a name, a label
_META = ("title", "subtitle", "byline")


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _prose(blocks: list[str]) -> int:
    """Words in blocks that read as running text (25+ words, ending a sentence)."""
    return sum(len(text.split()) for text in blocks if len(text.split()) >= 25 and ends_sentence(text))


_SEPARATOR = re.compile(r"\s+(?:[|·•»:]|[-–—]{1,2})\s+")


def title_candidates(raw: str | None) -> list[str]:
    """The metadata title and its heads at each " - " / " | " (longest first): which of them the
    page itself shows as a line tells where the site's name begins."""
    title = clean_line(raw)
    if not title:
        return []
    cuts = [m.start() for m in _SEPARATOR.finditer(title)]
    return [title] + [title[:cut] for cut in reversed(cuts) if len(title[:cut].split()) >= 2]


def cut_above_title(layout: Layout, titles: list[str]) -> tuple[str | None, list[str]]:
    """(the title the page shows as a line, the text above it that went).

    On a printed web page the site's menus stand above the article's own headline: the text
    above the first block that is the title goes (returned, for `removed`), unless more running
    text stands above it than below. Page starts move with the text."""
    blocks = layout.text.split("\n\n")
    for title in titles:
        wanted = _fold(title)
        if not wanted:
            continue
        for index, block in enumerate(blocks[:MAX_HEAD_BLOCKS]):
            if _fold(block) != wanted and not any(_fold(row) == wanted for row in block.split("\n")):
                continue
            if index == 0 or _prose(blocks[:index]) > _prose(blocks[index + 1:]):
                return title, []
            layout.cut_before(sum(len(b) + 2 for b in blocks[:index]))
            return title, blocks[:index]
    return None, []


def _running_text(kind: str, text: str) -> bool:
    return kind in ("paragraph", "quote") and len(text.split()) >= TAIL_PROSE_WORDS and ends_sentence(text)


def _peak(weights: list[float]) -> int | None:
    """How many leading items give the highest running sum (None: none does better than 0)."""
    total, best, end = 0.0, 0.0, None
    for index, value in enumerate(weights):
        total += value
        if total > best:
            best, end = total, index + 1
    return end


def weight(text: str, linked: float) -> float:
    """How much a paragraph counts for the article (running text) or against it (short lines,
    labels, links). A paragraph cut by a page break ends in mid-sentence but has a sentence end
    inside; news sites set one sentence a paragraph; a single big box of links inside the
    article must not outweigh the paragraphs after it: each counts against by its words only
    up to a point, so runs of furniture weigh by their number of entries."""
    n = len(text.split())
    if linked >= LINKED:
        return -3.0 - min(n, 12)
    if n >= TAIL_PROSE_WORDS and (ends_sentence(text) or holds_sentence_end(text)):
        return n * (1.0 - linked)
    if ends_sentence(text):
        return 0.5 * n * (1.0 - linked)
    return -2.0 - 0.5 * min(n, 20)


def _group_weight(layout: Layout, group: list[Span]) -> float:
    """A paragraph's weight; a list (most rows short, without a sentence end) weighs as its
    entries, so a long menu or "most read" list counts by its length."""
    rows = [" ".join(layout.text[s.start:s.end].split()) for s in group]
    if len(group) > 1 and sum(1 for row in rows if item_row(row)) * 2 > len(rows):
        return sum(weight(row, s.against) for row, s in zip(rows, group, strict=True))
    chars = sum(s.end - s.start for s in group) or 1
    return weight(" ".join(rows), sum(s.against * (s.end - s.start) for s in group) / chars)


def _about(text: str, title: str) -> bool:
    """A short line that names the article by its title among a few other words — "6 thoughts
    on “Title”", "Comments on Title": a section about the article, not part of it."""
    folded, wanted = _fold(text), _fold(title)
    return bool(wanted) and folded != wanted and f" {wanted} " in f" {folded} " \
        and len(folded.split()) <= len(wanted.split()) + ABOUT_WORDS


def trim_layout_tail(layout: Layout, title: str | None = None) -> list[str]:
    """Cut the page's paragraphs after the article (before cleaning); return what went.

    Running text beyond a list of links (LIST_RUN linked rows in a row) counts a quarter: past
    the site's lists a page's prose is more often its legal footer or its comments than more of
    the article, and an article that goes on after a box of links still outweighs the box.
    After the article's first running text, a line about the article (`_about` its `title`)
    ends it: what follows are its comments or its related stories."""
    groups: list[list[Span]] = []
    for span in layout.spans:
        if span.opens or not groups:
            groups.append([])
        groups[-1].append(span)
    weights: list[float] = []
    run, past_list, started = 0, False, False
    for group in groups:
        value = _group_weight(layout, group)
        if started and title and len(group) == 1 and _about(layout.text[group[0].start:group[0].end], title):
            weights.append(float("-inf"))
            break
        started = started or value >= TAIL_PROSE_WORDS
        weights.append(value * BEYOND_LIST if past_list and value > 0 else value)
        for span in group:  # linked rows one after another (short labels between them do not count)
            if span.linked >= LINKED:
                run += 1
            elif span.end - span.start >= SHORT_LINE_CHARS:
                run = 0
            past_list = past_list or run >= LIST_RUN
    end = _peak(weights)
    if end is None or end == len(groups):
        return []
    cut = groups[end][0].start
    gone = [layout.text[g[0].start:g[-1].end] for g in groups[end:]]
    layout.text = layout.text[:cut].rstrip("\n")
    layout.page_starts = [s for s in layout.page_starts if s[0] < cut] or layout.page_starts[:1]
    layout.spans = [s for g in groups[:end] for s in g]
    return gone


def piece_links(alignment: Alignment, layout: Layout) -> list[float]:
    """Per cleaned piece: the share of its words that came from linked text on the page (or
    from another story's blurb), by the row each word was read from."""
    starts = [s.start for s in layout.spans]
    shares = []
    for words in alignment.pieces:
        if not words or not starts:
            shares.append(0.0)
            continue
        linked = sum(layout.spans[max(0, bisect_right(starts, raw) - 1)].against for _, raw in words)
        shares.append(linked / len(words))
    return shares


def _keep(draft: ArticleDraft, alignment: Alignment, links: list[float], keep: list[bool], kind: str) -> None:
    for (_, text), kept in zip(draft.pieces, keep, strict=True):
        if not kept:
            draft.remove(kind, text)
    draft.pieces = [piece for piece, kept in zip(draft.pieces, keep, strict=True) if kept]
    alignment.drop(keep)
    links[:] = [share for share, kept in zip(links, keep, strict=True) if kept]


def drop_links(draft: ArticleDraft, alignment: Alignment, links: list[float]) -> None:
    """Pieces set mostly in links (teaser headlines, menus, "most read" entries) go — unless
    they hold more running text than the rest (do no harm: a page whose every paragraph is a
    link, or links laid over its text, keeps it)."""
    keep = [kind in _META or share < LINKED for (kind, _), share in zip(draft.pieces, links, strict=True)]

    def running(kept: bool) -> int:
        return sum(len(text.split()) for (kind, text), k in zip(draft.pieces, keep, strict=True)
                   if k == kept and _running_text(kind, text))

    if running(False) > running(True):
        return
    _keep(draft, alignment, links, keep, "links")


def trim_tail(draft: ArticleDraft, alignment: Alignment, links: list[float]) -> None:
    """After the article come teasers, "trending" lists and footers: the article ends where
    the running sum of piece weights is highest; what follows goes (`page_tail`)."""
    end = _peak([0.0 if kind in _META else weight(text, share)
                 for (kind, text), share in zip(draft.pieces, links, strict=True)])
    if end is not None:
        _keep(draft, alignment, links, [i < end for i in range(len(draft.pieces))], "page_tail")


def refuse_empty(draft: ArticleDraft, label: str) -> None:
    """A printed page with no running text and only a few words holds no article: a browser's
    error page ("This site can't be reached"), a page that had not loaded. One line, not an
    article of leftovers."""
    body = [(kind, text) for kind, text in draft.pieces if kind not in _META]
    words = sum(len(text.split()) for _, text in body)
    if words < EMPTY_WORDS and not any(_running_text(kind, text) for kind, text in body):
        raise SourceError(f"{label}: the printed page holds no article ({words} words, no running text; "
                          f"a browser error page or a page that had not loaded?)")
