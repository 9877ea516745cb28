"""Lines → paragraphs and headings.

Sources come one paragraph per line, blank-line separated, or hard-wrapped, and page
breaks cut paragraphs (and words) in two. A line is joined to the previous one when the
previous one did not end its sentence and either this one starts in lower case or the
previous one is not a heading (it is long, or ends with "of", a comma, an open quote).
A short, unterminated, capitalised line between finished sentences is a heading.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from workbench.library.clean.hyphenation import Vocabulary, join_broken
from workbench.library.clean.lines import (
    FUNCTION_WORDS, Line, ends_sentence, heading_like, holds_sentence_end, is_heading, starts_lower, words,
)
from workbench.library.clean.markup import markdown_heading, markdown_quote, strip_inline
from workbench.library.clean.pull_quotes import repeated_in


_DASH_END = re.compile(r"\S[—–]$")
SLACK = 3  # columns lost when double spaces after full stops are collapsed
_BULLET = re.compile(r"^(?:[-–•·▪*]|\d{1,2}[.)])\s+\S")
_BULLET_FIRST = frozenset("-–•·▪*")  # what a _BULLET match starts with, a digit aside


class Unit:
    """A paragraph-to-be: its text and how many source lines it was built from.

    The text grows line by line as pieces (each with its glue) and is joined once when read;
    the joiner looks only at its `tail`, so a paragraph of any length is never re-scanned or
    re-copied per line (no quadratic time on a 400 KB paragraph)."""

    TAIL = 300  # characters of the paragraph so far that the joiner's questions look at

    def __init__(self, kind: str, text: str, lines: int = 1, last: int = 0) -> None:
        self.kind = kind
        self._parts = [text]
        self._tail: str | None = None  # tail(TAIL), until the text changes
        self.lines = lines
        self.last = last  # length of the last source line (a short one ends a wrapped paragraph)

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
            self._tail = None  # (the tail is read in whole pieces: now one)
        return self._parts[0]

    @text.setter
    def text(self, value: str) -> None:
        self._parts = [value]
        self._tail = None

    def tail(self, size: int = TAIL) -> str:
        """The last `size` characters or more (whole pieces), right-stripped."""
        if size == self.TAIL:
            if self._tail is None:
                self._tail = self._read_tail(size)
            return self._tail  # (the joiner asks several times per line)
        return self._read_tail(size)

    def _read_tail(self, size: int) -> str:
        taken, length = [], 0
        for part in reversed(self._parts):
            taken.append(part)
            length += len(part)
            if length >= size:
                break
        return "".join(reversed(taken)).rstrip()

    def extend(self, glue: str, text: str, *, drop_last: int = 0) -> None:
        """Append a line (with its glue), first dropping `drop_last` characters (a line-end hyphen)."""
        last = self._parts[-1].rstrip()
        self._parts[-1] = last[:len(last) - drop_last]
        self._parts.append(glue + text)
        self._tail = None
        self.lines += 1

    def __repr__(self) -> str:
        return f"Unit({self.kind!r}, {self.text[:40]!r}…, lines={self.lines})"


@dataclass(frozen=True)
class WrapLayout:
    wrapped: bool  # hard-wrapped: paragraphs span several lines of similar length
    width: int
    indents: bool = False  # an indented line starts a paragraph (only some lines are indented)
    blocky: bool = False  # blank lines separate paragraphs, so a line right below continues one
    column: int = 0  # the longest wrapped line: a line that left room for the next word ended early


def is_bullet(text: str) -> bool:
    """A list item ("- x", "• x", "1. x"): its own paragraph, never a heading."""
    first = text[:1]
    return (first in _BULLET_FIRST or first.isdigit()) and bool(_BULLET.match(text))


def detect_layout(lines: list[Line]) -> WrapLayout:
    lengths = [len(line.text) for line in lines]
    if len(lengths) < 6:
        return WrapLayout(False, max(lengths, default=0))
    width = sorted(lengths)[int(len(lengths) * 0.9) - 1]
    near_width = sum(1 for n in lengths if n >= 0.6 * width) / len(lengths)
    wrapped = width <= 100 and near_width >= 0.6 and statistics.median(lengths) >= 30
    indented = sum(1 for line in lines if line.indent)
    blocky = sum(1 for line in lines if line.gap) >= 0.15 * len(lines)
    column = max((n for n in lengths if n <= 100), default=0)
    return WrapLayout(wrapped, width, wrapped and 0 < indented <= 0.5 * len(lines), blocky, column)


def _continues(prev: Unit, line: Line, layout: WrapLayout) -> bool:
    """Does `line` continue the paragraph in `prev` (a line or page break, not a new block)?"""
    text, before = line.text, (prev.text.rstrip() if prev.lines == 1 else prev.tail())
    dash_run_on = text[:1] in "–—-" and starts_lower(text) and not ends_sentence(before)  # "… the EU" / "– nearly"
    if prev.kind != "paragraph" or is_bullet(text) and not dash_run_on:
        return False
    if layout.indents and line.indent and not starts_lower(text):
        return False
    short_heading = prev.lines == 1 and len(before) < 0.85 * layout.width and heading_like(before)  # (cheap test first)
    if layout.wrapped and layout.blocky and line.gap == 0 and not short_heading:
        return True  # wrapped text in blank-line-separated blocks: the block is the paragraph
    if ends_sentence(before) and starts_lower(text) and before[-1] in ";:,":
        return True  # "… letters from children;" / "one brought a petition …"
    if ends_sentence(before):
        # In wrapped text a full-width line may end a sentence mid-paragraph; a short heading-like
        # line after it is a heading (a paragraph's own short last line would end its sentence).
        if len(text) < 0.85 * layout.width and is_heading(text) and not starts_lower(text):
            return False
        if not (layout.wrapped and line.gap == 0 and prev.last >= 0.85 * layout.width):
            return False
        # A wrapper breaks a line only when the next word does not fit; if it would have fitted
        # (with a margin for collapsed double spaces), the sentence end was a paragraph end.
        return prev.last + 1 + len(text.split()[0]) + SLACK > layout.column
    if starts_lower(text):
        return True
    if prev.lines == 1 and not (layout.wrapped and len(before) >= 0.85 * layout.width) and heading_like(before):
        return False  # (a full-width line of wrapped text is no heading, however many names it holds)
    if layout.wrapped and line.gap == 0:
        return True
    tokens = words(before[-300:])  # the last words decide (a growing paragraph is never re-scanned)
    if len(tokens) < 8:
        return False  # a short unterminated line on its own: a label, a caption, a pull quote
    last = before[-1]
    if last in "\"'":  # a straight quote opens only after a space
        return before[-2:-1].isspace()
    if last in ",;—–-“‘(" or tokens[-1].lower() in FUNCTION_WORDS:
        return True  # "…the release of" / "Armenian detainees…"
    if not last.isalnum():
        return False
    if prev.lines == 1 and holds_sentence_end(before[-300:]) and not repeated_in(before, text):
        return True  # "… largely rhetorical. The State" / "Department praised …": a sentence cut short
    if layout.wrapped:  # a paragraph of three or more lines cut after a full-width line
        return prev.lines >= 3 and prev.last >= 0.85 * layout.width or len(tokens) >= 15
    # A long line cut at a page break — not a heading, nor a pull quote repeating the next line.
    return len(tokens) >= 12 and not (prev.lines == 1 and repeated_in(before, text))


def _interruption(lines: list[Line], i: int, prev: Unit | None, layout: WrapLayout) -> int | None:
    """End of a block (pull quote, stray caption) standing between the two halves of a sentence:
    the paragraph before is unfinished, the block stands apart (blank lines around it, or, in
    one-line-per-paragraph text, one finished line), and the line after it continues in lower
    case. Returns the index after the block, else None."""
    if prev is None or prev.kind != "paragraph" or lines[i].gap == 0 and layout.wrapped:
        return None  # (below: no blank line and wrapped text is never an interruption; asked first, cheaply)
    if starts_lower(lines[i].text):
        return None
    before = prev.tail()
    if ends_sentence(before) or markdown_heading(lines[i].text) is not None or len(words(before)) < 8:
        return None  # a heading or label above a paragraph is not a sentence waiting for its end
    if lines[i].gap == 0:  # no blank lines: only a whole sentence on a line of its own, unwrapped
        single = not layout.wrapped and i + 1 < len(lines) and ends_sentence(lines[i].text)
        return i + 1 if single and starts_lower(lines[i + 1].text) and len(words(lines[i].text)) <= 50 else None
    end = i + 1
    while end < len(lines) and lines[end].gap == 0 and end - i < 4:
        end += 1
    if end >= len(lines) or lines[end].gap == 0 or not starts_lower(lines[end].text):
        return None
    if not ends_sentence(lines[end - 1].text):
        return None  # an unfinished block is itself the sentence that goes on below
    return end if sum(len(words(line.text)) for line in lines[i:end]) <= 50 else None


def build_units(lines: list[Line], vocab: Vocabulary, layout: WrapLayout | None = None) -> list[Unit]:
    """Join lines into paragraphs (rejoining broken words); mark Markdown headings/quotes.
    `layout`: `detect_layout(lines)`, when the caller has it already."""
    layout = layout or detect_layout(lines)
    units: list[Unit] = []
    held: list[Unit] = []  # blocks found inside a sentence, placed after its paragraph
    index = 0
    while index < len(lines):
        line = lines[index]
        prev = units[-1] if units else None
        end = _interruption(lines, index, prev, layout)
        if end is not None:
            block = [entry.text for entry in lines[index:end]]
            quote = markdown_quote(block[0])
            held.append(Unit("quote" if quote is not None else "paragraph",
                             " ".join([quote or "", *block[1:]]).strip() if quote is not None else " ".join(block),
                             end - index, len(block[-1])))
            index = end
            continue
        index += 1
        heading = markdown_heading(line.text)
        if heading is not None:
            units.extend(held)
            held.clear()
            units.append(Unit("heading", heading))
            continue
        quote = markdown_quote(line.text)
        if quote is not None:
            if units and units[-1].kind == "quote" and line.gap == 0:
                units[-1].text += " " + quote
            else:
                units.extend(held)
                held.clear()
                units.append(Unit("quote", quote))
            continue
        if prev is not None and prev.kind == "paragraph":
            before = prev.tail()
            joined = join_broken(before, line.text, vocab)
            if joined is not None:  # "govern-" + "ment": the hyphen goes, or stays ("pro-" + "Western")
                prev.extend("", line.text.lstrip(), drop_last=0 if joined.startswith(before) else 1)
                prev.last = len(line.text)
                continue
            if _continues(prev, line, layout):
                glue = "" if _DASH_END.search(before[-3:]) else " "  # "word—" + "next"
                prev.extend(glue, line.text.lstrip())
                prev.last = len(line.text)
                continue
        units.extend(held)
        held.clear()
        units.append(Unit("paragraph", line.text, 1, len(line.text)))
    units.extend(held)
    for unit in units:
        unit.text = strip_inline(unit.text)
    return [u for u in units if u.text]


_NUMBERED = re.compile(r"^(?:\d{1,2}|[IVX]{1,4})[.)]\s+(?=\S)")


def _heading_shape(units: list[Unit], index: int) -> bool:
    """Heading-shaped: a short unfinished line; "What happens next:" when prose follows;
    "1. The Background" when it is no list item (no list item next to it, prose after it)."""
    text = units[index].text
    after = units[index + 1] if index + 1 < len(units) else None
    before = units[index - 1] if index else None
    if after is None or after.kind != "paragraph" or is_bullet(after.text):
        return not is_bullet(text) and is_heading(text) and after is not None and after.kind != "heading"
    if is_bullet(text):
        number = _NUMBERED.match(text)
        lone = not (before and is_bullet(before.text))
        return number is not None and lone and heading_like(text[number.end():]) and len(words(after.text)) >= 20
    if text.endswith(":") and len(words(text)) <= 8:
        return is_heading(text[:-1])
    return is_heading(text)


def classify_headings(units: list[Unit]) -> None:
    """A one-line, heading-shaped paragraph between finished sentences becomes a heading."""
    for index, unit in enumerate(units):
        if unit.kind != "paragraph" or unit.lines != 1 or not _heading_shape(units, index):
            continue
        before = units[index - 1] if index else None
        if before is None or before.kind != "paragraph" or ends_sentence(before.text):
            unit.kind = "heading"


def drop_trailing_fragments(units: list[Unit]) -> list[Unit]:
    """Short unterminated lines after the last paragraph are page furniture, not article.

    More than three of them are the article's own closing list ("England (Group A): 10th
    appearance", …), which stays whole."""
    count = 0
    while count < len(units) - 1 and units[-1 - count].kind in ("paragraph", "heading") \
            and units[-1 - count].lines == 1 and heading_like(units[-1 - count].text, max_words=6):
        count += 1
    if not count or count > TRAILING_FRAGMENTS:
        return []
    removed = units[-count:]
    del units[-count:]
    return removed


TRAILING_FRAGMENTS = 3
