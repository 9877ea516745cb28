"""PDF page geometry → lines in reading order → paragraphs of plain text.

PDFium gives characters with boxes; everything else is rebuilt here from geometry, because a
PDF has no paragraphs, no columns and no idea which lines are page furniture:

* lines: PDFium's own line breaks, split again at wide horizontal gaps (a column gutter, or
  a running header whose date sits left and title right);
* reading order: a page whose lines leave a vertical gutter free is read column by column,
  lines spanning the gutter (titles, figures) cutting the page into sections;
* running heads and feet: a line in the top or bottom band of the page that recurs (digits
  masked, so "3/12" and "4/12" are the same line) on most pages, or that is a page number,
  an "n/N" counter, a bare URL or a print date, is furniture — removed and recorded;
* paragraphs: a new one starts at a larger vertical gap than the line spacing, a change of
  font size, a first-line indent, or after a short line that ends a sentence. Lines of a
  paragraph are joined (a hyphen at a line end is judged by the document's vocabulary).

The output is plain text with one paragraph per line and blank lines between them, which
then goes through the same plain-text cleaner as every other source (see pdf_source).
Every line remembers its page, so offsets can be mapped back to pages after cleaning.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from statistics import median

from workbench.library.clean.hyphenation import Vocabulary, join_broken
from workbench.library.clean.lines import ends_sentence

MARGIN_BAND = 0.09  # top/bottom share of the page where running heads and feet live
REPEATED_SHARE = 0.5  # a margin line on at least this share of pages (and ≥ 2) is furniture
GAP_SPLIT_EM = 1.8  # a horizontal gap this many font sizes wide splits a line
JUSTIFIED_GAP_EM = 6.0  # ... unless the PDF wrote a space there (justified words): then only this wide


@dataclass
class Line:
    page: int  # 1-based
    x0: float
    x1: float
    bottom: float  # PDF coordinates: y grows upwards
    top: float
    size: float  # font size (points)
    text: str
    linked: float = 0.0  # share of the line's width inside link annotations (a menu, a teaser headline)
    marks: list[tuple[int, int]] = field(default_factory=list)  # superscript note marks: (start, end) in text

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass
class Span:
    """One row of a Layout's text (a line, or lines joined because they continue each other)
    and what it looked like on the page."""

    start: int  # offsets into Layout.text
    end: int
    page: int
    linked: float  # share of its characters set inside links
    size: float  # the largest font size of its lines
    x0: float  # its leftmost line start
    opens: bool  # the first row of a paragraph
    aside: bool = False  # beside the article: a teaser's blurb, a repeated caption (pdf_asides)

    @property
    def against(self) -> float:
        """How much of it is not the article's own text, judged by links and place (0..1)."""
        return 1.0 if self.aside else self.linked


@dataclass
class Layout:
    """The paragraphs of a document as plain text plus where each page's text begins."""

    text: str
    page_starts: list[tuple[int, int]]  # (offset into text, page number), ascending
    furniture: list[str]  # running heads/feet and page numbers taken out
    sizes: list[tuple[str, float, int]] = field(default_factory=list)  # (line, font size, page) for titles
    spans: list[Span] = field(default_factory=list)  # the rows of `text`, in order

    def cut_before(self, cut: int) -> None:
        """Drop the text before offset `cut` (a paragraph start); page starts and rows move."""
        self.text = self.text[cut:]
        starts = [(max(0, offset - cut), page) for offset, page in self.page_starts]
        self.page_starts = [s for i, s in enumerate(starts) if i + 1 == len(starts) or starts[i + 1][0] > 0]
        self.spans = [replace(s, start=s.start - cut, end=s.end - cut) for s in self.spans if s.start >= cut]

    def drop_spans(self, gone: list[bool]) -> list[str]:
        """Take the rows flagged in `gone` out of the text (one flag per span); return their text.
        The text is rebuilt from the rows kept: a paragraph whose first row went opens with its
        next one, and page starts are where each page's first kept row now begins."""
        parts: list[str] = []
        spans: list[Span] = []
        starts: list[tuple[int, int]] = []
        removed: list[str] = []
        offset, paragraph, last = 0, -1, None
        for span, drop in zip(self.spans, gone, strict=True):
            paragraph += span.opens
            row = self.text[span.start:span.end]
            if drop:
                removed.append(row)
                continue
            opens = last != paragraph
            if parts:
                parts.append("\n\n" if opens else "\n")
                offset += 2 if opens else 1
            if not starts or starts[-1][1] != span.page:
                starts.append((offset, span.page))
            parts.append(row)
            spans.append(replace(span, start=offset, end=offset + len(row), opens=opens))
            offset += len(row)
            last = paragraph
        if not spans:
            return []  # nothing would be left: keep it all
        self.text, self.spans, self.page_starts = "".join(parts), spans, starts
        return removed


# --- furniture -----------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:(?:page|p\.|seite|página|pagina)\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
                          r"(?:\s*(?:/|of|von|de|sur)\s*\d{1,4})?$", re.IGNORECASE)
_ROMAN = re.compile(r"^[ivxlc]{1,7}$", re.IGNORECASE)
_URL = re.compile(r"^(?:https?://|www\.|file:/)\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?$", re.IGNORECASE)
_PRINT_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?\b")


def signature(text: str) -> str:
    """A line with its numbers masked and spacing folded: the same running head on every page."""
    return " ".join(_DIGITS.sub("#", text.casefold()).split())


def furniture_shape(text: str) -> bool:
    """Page numbers, "n/N" counters, bare URLs and print dates: furniture wherever in a margin."""
    text = text.strip()
    return bool(_PAGE_NUMBER.match(text) or _ROMAN.match(text) or _URL.match(text) or _PRINT_DATE.match(text))


def in_margin(line: Line, page: Page) -> bool:
    band = page.height * MARGIN_BAND
    return line.bottom >= page.height - band or line.top <= band


def remove_running_lines(pages: list[Page]) -> list[str]:
    """Take running heads and feet out of `pages` (in place); return what was taken."""
    def key(line: Line) -> tuple[str, int]:
        # the font size is part of the running line: a headline that happens to stand near the
        # page's edge and repeats the running head's words (the page title) in large type stays
        return signature(line.text), round(line.size)

    counts: Counter[tuple[str, int]] = Counter()
    for page in pages:
        counts.update({key(line) for line in page.lines if in_margin(line, page)})
    need = max(2, int(len(pages) * REPEATED_SHARE + 0.999)) if len(pages) > 1 else None
    removed: list[str] = []
    for page in pages:
        kept = []
        for line in page.lines:
            if in_margin(line, page) and (furniture_shape(line.text)
                                          or (need is not None and counts[key(line)] >= need)):
                removed.append(line.text)
            else:
                kept.append(line)
        page.lines = kept
    return removed


# --- reading order -------------------------------------------------------------------------

def _gutter(page: Page) -> float | None:
    """The x of a vertical strip in the middle of the page that no narrow line crosses, with
    enough lines on both sides to be columns; None for a one-column page."""
    lines = [line for line in page.lines if line.text.strip()]
    if len(lines) < 8:
        return None
    lo, hi = int(page.width * 0.2), int(page.width * 0.8)
    if hi <= lo:
        return None
    cover = [0] * (hi - lo + 1)
    for line in lines:
        if line.width > page.width * 0.6:
            continue  # a spanning line (title, wide figure caption) does not decide the columns
        for x in range(max(lo, int(line.x0)), min(hi, int(line.x1)) + 1):
            cover[x - lo] += 1
    allowed = max(1, len(lines) // 10)  # a heading or a figure may cross the gutter
    best, run_start, best_len = None, None, 0
    for i, count in enumerate(cover + [allowed + 1]):
        if count <= allowed and run_start is None:
            run_start = i
        elif count > allowed and run_start is not None:
            if i - run_start > best_len:
                best_len, best = i - run_start, lo + (run_start + i) / 2
            run_start = None
    if best is None or best_len < 6:
        return None
    left = sum(1 for line in lines if line.x1 <= best)
    right = sum(1 for line in lines if line.x0 >= best)
    return best if min(left, right) >= 4 and left + right >= len(lines) * 0.6 else None


def reading_order(page: Page) -> list[Line]:
    """Column by column when the page has a gutter; otherwise the order PDFium gives."""
    gutter = _gutter(page)
    if gutter is None:
        return page.lines
    ordered: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []
    for line in sorted(page.lines, key=lambda ln: (-ln.top, ln.x0)):
        if line.x1 <= gutter:
            left.append(line)
        elif line.x0 >= gutter:
            right.append(line)
        else:  # spans both columns: the sections above it are read first
            ordered += left + right + [line]
            left, right = [], []
    return ordered + left + right


# --- paragraphs ----------------------------------------------------------------------------

_CJK_CLOSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _joiner(previous: str, following: str) -> str:
    """Chinese and Japanese break lines anywhere: no space between the halves."""
    if previous and following and _CJK_CLOSE.match(previous[-1]) and _CJK_CLOSE.match(following[0]):
        return ""
    return " "


def _leading(lines: list[Line]) -> dict[int, float]:
    """Typical baseline distance per rounded font size (lines following each other closely)."""
    gaps: dict[int, list[float]] = {}
    for prev, cur in itertools.pairwise(lines):
        step = prev.bottom - cur.bottom
        if prev.page == cur.page and 0 < step < prev.size * 3 and abs(prev.size - cur.size) < 0.5:
            gaps.setdefault(round(cur.size), []).append(step)
    return {size: median(steps) for size, steps in gaps.items()}


def _column_right(lines: list[Line]) -> dict[int, float]:
    """Per line index: the right edge of its column (the widest line starting near it)."""
    edges: dict[tuple[int, int], float] = {}
    for line in lines:
        key = (line.page, round(line.x0 / 12))
        edges[key] = max(edges.get(key, 0.0), line.x1)
    out = {}
    for i, line in enumerate(lines):
        base = round(line.x0 / 12)
        out[i] = max(edges.get((line.page, base + d), 0.0) for d in (-1, 0, 1))
    return out


def item_row(text: str) -> bool:
    """A short line without sentence punctuation: a menu entry, a link, a list item."""
    return len(text.split()) <= 8 and not ends_sentence(text)


def _item(line: Line) -> bool:
    return item_row(line.text)


def breaks_paragraph(prev: Line, cur: Line, leading: dict[int, float], right: float) -> bool:
    if prev.page != cur.page:
        return True  # the cleaner joins a sentence cut by a page break
    if abs(prev.size - cur.size) > max(0.6, prev.size * 0.08):
        return True
    step = prev.bottom - cur.bottom
    usual = leading.get(round(cur.size), cur.size * 1.25)
    if step <= 0:
        return True  # the next column or section
    if step > usual * 1.35:
        # a gap — except between the entries of a menu or list, one under the other
        entries = _item(prev) and _item(cur) and abs(prev.x0 - cur.x0) < 2 and step < usual * 6
        if not entries:
            return True
    if cur.x0 > prev.x0 + cur.size * 0.8 and cur.x0 < prev.x0 + cur.size * 6:
        return True  # first-line indent
    short = prev.x1 < right - max(cur.size * 4, (right - prev.x0) * 0.15)
    return short and ends_sentence(prev.text)


def _filled(prev: Line, cur: Line, right: float) -> bool:
    """The line above ran to its column's edge: the first word below would not have fitted."""
    chars = max(1, len(prev.text))
    first = len(cur.text.split(" ", 1)[0]) + 1
    return prev.x1 + first * prev.width / chars >= right - prev.size * 0.5


def continues(prev: Line, cur: Line, right: float) -> bool:
    """`cur` goes on with the text of `prev` (same paragraph, no line break kept): the line above
    was filled, or ends in a hyphen, or `cur` starts in lower case. Otherwise the line break
    stays (menu items, list entries, verse), and the cleaner sees short lines as short lines."""
    text = cur.text.lstrip()
    return _filled(prev, cur, right) or prev.text.rstrip().endswith("-") or text[:1].islower()


def paragraphs(pages: list[Page]) -> Layout:
    """Lines (furniture gone) → paragraphs separated by blank lines; within one, the lines that
    continue each other are joined and the others keep their line break."""
    lines = [line for page in pages for line in reading_order(page) if line.text.strip()]
    vocab = Vocabulary.of("\n".join(line.text for line in lines))
    leading = _leading(lines)
    right = _column_right(lines)
    out: list[str] = []
    page_starts: list[tuple[int, int]] = []
    offset = 0
    rows: list[str] = []  # the current paragraph's lines (joined where they continue each other)
    members: list[list[Line]] = []  # ... and the lines each row came from
    spans: list[Span] = []

    def flush() -> None:
        nonlocal offset
        if rows:
            # Entries of a menu or list (short lines kept apart) are indented, the way a text
            # dump of a page indents list items, so the cleaner can tell a menu from prose.
            if len(rows) > 1:
                rows[:] = [f"  {row}" if item_row(row) else row for row in rows]
            at = offset
            for index, (row, row_lines) in enumerate(zip(rows, members, strict=True)):
                chars = sum(len(line.text) for line in row_lines) or 1
                spans.append(Span(at, at + len(row), row_lines[0].page,
                                  sum(line.linked * len(line.text) for line in row_lines) / chars,
                                  max(line.size for line in row_lines), min(line.x0 for line in row_lines),
                                  index == 0))
                at += len(row) + 1
            text = "\n".join(rows)
            out.append(text)
            offset += len(text) + 2
            rows.clear()
            members.clear()

    for i, line in enumerate(lines):
        text = " ".join(line.text.split())
        prev = lines[i - 1] if i else None
        if prev is not None and (prev.page != line.page or breaks_paragraph(prev, line, leading, right[i - 1])):
            flush()
        if prev is None or prev.page != line.page:
            page_starts.append((offset, line.page))  # a page always starts a paragraph
        if rows and prev is not None and continues(prev, line, right[i - 1]):
            joined = join_broken(rows[-1], text, vocab)
            rows[-1] = joined if joined is not None else rows[-1] + _joiner(rows[-1], text) + text
            members[-1].append(line)
        else:
            rows.append(text)
            members.append([line])
    flush()
    sizes = [(" ".join(line.text.split()), line.size, line.page) for line in lines[:80]]
    return Layout(text="\n\n".join(out), page_starts=page_starts, furniture=[], sizes=sizes, spans=spans)
