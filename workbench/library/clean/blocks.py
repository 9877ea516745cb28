"""Blocks of a saved page and their shallow features: the first half of `page.py`'s method.

A block is a blank-line separated run of lines (split again where a list starts or ends);
`measure` reads its shape (words, sentence ends, list/link lines, words per line, stop
words, teaser ends) and `classify` names it good / near / short / bad; `in_context` and
`densest_region` then judge blocks by their neighbours. No word lists decide alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from workbench.library.clean.boilerplate import boilerplate_kind
from workbench.library.clean.lines import Line, ends_sentence, joined_words, words

# A list or link line: a bullet, a w3m form field or image alt text, a numbered menu entry.
LIST_MARK = re.compile(r"^(?:[•□☆●◦▪■◆○·*+>»›-]|\d{1,2}\.)(?:\s|$)|^\[[^\]]{0,60}\]")
_WIDGET = re.compile(r"\[[^\]\n]{0,60}\]")  # [Search], [                    ], [logo-sm]
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*(?=\s|$)")
STOP_WORDS = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "from", "by", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "his", "her", "their", "our", "who", "which", "what", "when", "where", "than", "then", "not", "no", "also", "after", "before", "over", "into", "about", "said", "says", "will", "would", "could", "should", "can", "may", "more", "most", "other", "some", "such", "only", "just", "very"]
)
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"
MENU_LINES = 8  # an article's own lists are shorter than a site's menus


@dataclass
class Block:
    """A run of lines the page shows together, with its shallow features."""

    lines: list[Line]
    kind: str = SHORT
    reason: str = "page"
    n_words: int = 0
    item_share: float = 0.0
    words_per_line: float = 0.0
    flags: set[str] = field(default_factory=set)
    marked: tuple[bool, bool] | None = None  # (indent_marks, every line a list line) as split_blocks saw it

    @cached_property
    def text(self) -> str:  # (a block's lines never change once it is cut)
        return " ".join(line.text for line in self.lines)

    # Read only where `classify` needs them (a block of 25 words or more): most blocks of a page
    # are short, and these two read every character or word of the block.
    @cached_property
    def sentence_ends(self) -> int:
        return len(_SENTENCE_END.findall(self.text))

    @cached_property
    def stop_density(self) -> float:
        tokens = words(self.text)
        return sum(map(STOP_WORDS.__contains__, map(str.lower, tokens))) / len(tokens) if tokens else 0.0


# What a LIST_MARK match can start with (a digit aside): a cheap test before the regex.
LIST_FIRST = frozenset("•□☆●◦▪■◆○·*+>»›-[")


def is_item(text: str) -> bool:
    """A list or link line: bullets, numbered entries, bracketed widgets."""
    first = text[:1]
    return (first in LIST_FIRST or first.isdigit()) and bool(LIST_MARK.match(text))


def widget_share(text: str) -> float:
    """Share of the line's characters inside w3m-style brackets ([Search], [logo])."""
    if "[" not in text:
        return 0.0  # no bracket, no widget (the common line: no regex scan)
    inside = sum(len(m.group(0)) for m in _WIDGET.finditer(text[:2000]))
    return inside / max(1, len(text))


def indent_marks_items(lines: list[Line]) -> bool:
    """Indentation marks list items (w3m indents <li>) only when most lines are not indented."""
    return sum(line.indent for line in lines) < 0.5 * len(lines)


def _item_line(line: Line, indent_marks: bool) -> bool:
    return is_item(line.text) or indent_marks and line.indent and len(words(line.text)) <= 6


def maybe_listed(line: Line, indent_marks: bool) -> bool:
    """Could be part of a menu or teaser (cheap superset of what `measure` counts)."""
    return "[" in line.text or indent_marks and line.indent or is_item(line.text)


def split_blocks(lines: list[Line], indent_marks: bool = True) -> list[Block]:
    """Blank lines separate blocks; so does the start or end of a run of list lines."""
    blocks: list[Block] = []
    current: list[Line] = []
    previous_item = False
    for line in lines:
        text = line.text  # (_item_line, inlined: this runs once per line of a page)
        first = text[:1]
        item = (first in LIST_FIRST or first.isdigit()) and bool(LIST_MARK.match(text)) \
            or indent_marks and line.indent and len(words(text)) <= 6
        if current and (line.gap or item != previous_item):
            blocks.append(Block(current, marked=(indent_marks, previous_item)))
            current = []
        current.append(line)
        previous_item = item
    if current:
        blocks.append(Block(current, marked=(indent_marks, previous_item)))
    return blocks


def measure(block: Block, indent_marks: bool = True) -> Block:
    """Fill in the block's features."""
    if block.marked is not None and block.marked[0] == indent_marks:
        items = len(block.lines) if block.marked[1] else 0  # (a block's lines are all items or none)
    else:
        items = sum(_item_line(line, indent_marks) for line in block.lines)
    text, tokens = joined_words([line.text for line in block.lines])
    block.__dict__["text"] = text  # (the cached property, filled)
    widgets = sum(widget_share(line.text) >= 0.5 for line in block.lines) if "[" in text else 0
    n = len(tokens)
    block.n_words = n
    block.item_share = (items + widgets) / len(block.lines)
    block.words_per_line = n / len(block.lines)
    if text.rstrip().endswith(("...", "…")):  # a teaser's cut (a string test, not a regex scan)
        block.flags.add("teaser")
    if indent_marks and all(line.indent for line in block.lines):
        block.flags.add("indented")
    return block


def classify(block: Block, indent_marks: bool = True) -> Block:
    """good / near / short / bad from the block's own features (context comes later)."""
    measure(block, indent_marks)
    n, text = block.n_words, block.text
    kind = boilerplate_kind(text) if len(text) <= 400 else None
    if kind or n == 0:
        block.kind, block.reason = BAD, kind or "page_furniture"
    elif block.item_share >= 0.5 and block.words_per_line < 8:
        block.kind, block.reason = BAD, "menu"  # a menu or a list of links
    elif "teaser" in block.flags and "indented" in block.flags:
        block.kind, block.reason = BAD, "teaser"  # "… said on Wednesday. It…": another story's blurb
    elif n >= 25 and block.sentence_ends >= 1 and block.item_share < 0.5 and (
            block.sentence_ends >= 2 or block.stop_density >= 0.2):
        block.kind = GOOD
    elif n >= 10 and ends_sentence(text) and block.item_share < 0.5:
        block.kind = NEAR
    else:
        block.kind = SHORT
    return block


def _weight(block: Block) -> float:
    if block.kind == GOOD:
        return block.n_words
    if block.kind == NEAR:
        return block.n_words * 0.3
    if block.kind == SHORT:
        return -1.0 - 0.5 * block.n_words
    return -3.0 - block.n_words


def in_context(blocks: list[Block]) -> None:
    """jusText's context rule: a short block whose nearest longer neighbours on both sides are
    furniture (or the page's edge) is furniture too — the runs of labels, prices and headlines
    between a page's menus. Short blocks next to good ones stay."""
    # Nearest non-short kinds to the left and right of every block, in two linear passes.
    left: list[str] = []
    last = BAD
    for block in blocks:
        left.append(last)
        if block.kind != SHORT:
            last = block.kind
    right: list[str] = [BAD] * len(blocks)
    last = BAD
    for index in range(len(blocks) - 1, -1, -1):
        right[index] = last
        if blocks[index].kind != SHORT:
            last = blocks[index].kind
    for index, block in enumerate(blocks):
        if block.kind == SHORT and left[index] == BAD and right[index] == BAD:
            block.kind, block.reason = BAD, "page_snippet"


def densest_region(blocks: list[Block]) -> tuple[int, int]:
    """[start, end) of the run of blocks with the largest total weight (Kadane, linear)."""
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for index, block in enumerate(blocks):
        if total <= 0:
            total, start = 0.0, index
        total += _weight(block)
        if total > best:
            best, best_span = total, (start, index + 1)
    return best_span


def shows_furniture(blocks: list[Block]) -> bool:
    """A whole page, not an article: menus, link lists, teasers or a cookie notice (8+ lines of
    them) are on show.

    Adverts and promos alone do not count: articles carry those too, and the line rules of
    boilerplate.py take them out without touching the rest. A cookie notice and its buttons are
    a website's, never an article's."""
    return sum(len(b.lines) for b in blocks if b.kind == BAD and (
        b.reason in ("menu", "teaser", "cookie") or _listlike(b))) >= MENU_LINES


def _listlike(block: Block) -> bool:
    """A menu by its shape, whatever a phrase in it made it ("• Podcasts • Newsletters" reads as a
    promo to boilerplate.py, but a run of one-word list lines is the site's menu)."""
    return block.item_share >= 0.5 and block.words_per_line < 8
