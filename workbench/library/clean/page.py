"""Whole saved pages: find the article among the page's furniture by shallow text features.

A page saved or copied as text carries menus, "Skip to content", share rows, newsletter
boxes, teasers of other stories, comments and footers around the article. Like boilerpipe
and jusText, this module cuts the text into blocks (blank-line separated, and split where a
list starts or ends) and judges each by its shape, not its words: words, sentence ends,
share of list/link lines (`• Home`, `□ Scores`, `[Search]`), words per line, stop words,
truncated teasers (`…`). Context then decides: the article is the densest region (the
run of blocks with the largest score, good blocks counting for, furniture against); short
blocks between good ones stay; runs of short blocks at the head and tail go, apart from
the title, which is chosen among the head's candidates (`choose_title`).

Do no harm: this only acts on text that shows page furniture (list/link blocks); an
article without any is passed through untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from workbench.library.clean.boilerplate import boilerplate_kind
from workbench.library.clean.bylines import parse_byline
from workbench.library.clean.dates import find_date, is_date_line
from workbench.library.clean.lines import (
    Line,
    capitalised,
    ends_sentence,
    holds_sentence_end,
    words,
)
from workbench.library.clean.titles import caption_like, title_candidate
from workbench.library.model import ArticleDraft

# A list or link line: a bullet, a w3m form field or image alt text, a numbered menu entry.
_ITEM = re.compile(r"^(?:[•□☆●◦▪■◆○·*+>»›-]|\d{1,2}\.)(?:\s|$)|^\[[^\]]{0,60}\]")
_WIDGET = re.compile(r"\[[^\]\n]{0,60}\]")  # [Search], [                    ], [logo-sm]
_SENTENCE_END = re.compile(r"[.!?…][\"”’)\]]*(?=\s|$)")
_TEASER_END = re.compile(r"(?:\.\.\.|…)\s*$")
STOP_WORDS = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "from", "by", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "you", "his", "her", "their", "our", "who", "which", "what", "when", "where", "than", "then", "not", "no", "also", "after", "before", "over", "into", "about", "said", "says", "will", "would", "could", "should", "can", "may", "more", "most", "other", "some", "such", "only", "just", "very"]
)
GOOD, NEAR, SHORT, BAD = "good", "near", "short", "bad"


@dataclass
class Block:
    """A run of lines the page shows together, with its shallow features."""

    lines: list[Line]
    kind: str = SHORT
    reason: str = "page"
    n_words: int = 0
    sentence_ends: int = 0
    item_share: float = 0.0
    stop_density: float = 0.0
    words_per_line: float = 0.0
    flags: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


def is_item(text: str) -> bool:
    """A list or link line: bullets, numbered entries, bracketed widgets."""
    return bool(_ITEM.match(text))


def widget_share(text: str) -> float:
    """Share of the line's characters inside w3m-style brackets ([Search], [logo])."""
    inside = sum(len(m.group(0)) for m in _WIDGET.finditer(text[:2000]))
    return inside / max(1, len(text))


def indent_marks_items(lines: list[Line]) -> bool:
    """Indentation marks list items (w3m indents <li>) only when most lines are not indented."""
    return sum(line.indent for line in lines) < 0.5 * len(lines)


def _item_line(line: Line, indent_marks: bool) -> bool:
    return is_item(line.text) or indent_marks and line.indent and len(words(line.text)) <= 6


def split_blocks(lines: list[Line], indent_marks: bool = True) -> list[Block]:
    """Blank lines separate blocks; so does the start or end of a run of list lines."""
    blocks: list[Block] = []
    current: list[Line] = []
    previous_item = False
    for line in lines:
        item = _item_line(line, indent_marks)
        if current and (line.gap or item != previous_item):
            blocks.append(Block(current))
            current = []
        current.append(line)
        previous_item = item
    if current:
        blocks.append(Block(current))
    return blocks


def measure(block: Block, indent_marks: bool = True) -> Block:
    """Fill in the block's features."""
    tokens: list[str] = []
    items = widgets = 0
    for line in block.lines:
        line_words = words(line.text)
        tokens.extend(line_words)
        items += _item_line(line, indent_marks)
        widgets += widget_share(line.text) >= 0.5
    n = len(tokens)
    text = block.text
    block.n_words = n
    block.sentence_ends = len(_SENTENCE_END.findall(text))
    block.item_share = (items + widgets) / len(block.lines)
    block.stop_density = sum(1 for t in tokens if t.lower() in STOP_WORDS) / n if n else 0.0
    block.words_per_line = n / len(block.lines)
    if _TEASER_END.search(text):
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
            block.stop_density >= 0.2 or block.sentence_ends >= 2):
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
    """A whole page, not an article: menus, link lists or teasers (3+ lines of them) are on show.

    Adverts and promos alone do not count: articles carry those too, and the line rules of
    boilerplate.py take them out without touching the rest."""
    return sum(len(b.lines) for b in blocks if b.kind == BAD and b.reason in ("menu", "teaser")) >= MENU_LINES


MENU_LINES = 8  # an article's own lists are shorter than a site's menus


_TIMESTAMP = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b.{0,20}\b(?:am|pm|ist|est|gmt|utc)\b",
                        re.IGNORECASE)


def line_key(text: str) -> str:
    """A line as a reader would compare it: no list marker, case folded."""
    return _ITEM.sub("", text, count=1).strip().casefold()


def _title_score(line: Line, position: int, end: int, seen: dict[str, int]) -> float | None:
    """How likely a head line is the article's title (None: it cannot be)."""
    text = line.text
    tokens = words(text)
    n = len(tokens)
    if n < 3 or n > 25 or is_item(text) or widget_share(text) > 0.2 or not title_candidate(text) \
            or holds_sentence_end(text):
        return None
    if boilerplate_kind(text) or is_date_line(text) or parse_byline(text) or _TIMESTAMP.search(text) \
            or caption_like(text) or text.isupper() and n <= 3:
        return None
    score = 3.0 if 5 <= n <= 20 else 1.5  # a substantial line, not a label
    score += 3.0 * (seen.get(line_key(text), 0) >= 2)  # the page repeats it (breadcrumbs, "Now reading")
    score -= 0.1 * (end - position)  # near the main text
    if n <= 8 and all(capitalised(t) or t.lower() == "and" for t in tokens):
        score -= 2.0  # "Kevin Johnson and Kevin McCoy": names, a site's or a person's
    return score


def _dated(text: str) -> bool:
    """A byline or date line (what stands under a headline)."""
    return bool(parse_byline(text) or is_date_line(text) or _TIMESTAMP.search(text) or find_date(text))


def choose_title(head: list[Line], seen: dict[str, int]) -> int | None:
    """Index into `head` of the best title candidate, or None."""
    best, best_index = None, None
    for index, line in enumerate(head):
        score = _title_score(line, index, len(head), seen)
        if score is not None and any(_dated(below.text) for below in head[index + 1:index + 4]):
            score += 2.0  # a byline or date under it
        if score is not None and (best is None or score > best):
            best, best_index = score, index
    return best_index


HEAD_WINDOW = 40  # lines above the main text where a title may stand


def find_article(lines: list[Line], draft: ArticleDraft) -> tuple[list[Line], str | None]:
    """(the article's lines, its title chosen from the page head); furniture goes to `removed`."""
    indent_marks = indent_marks_items(lines)
    blocks = [classify(b, indent_marks) for b in split_blocks(lines, indent_marks)]
    if not blocks or not shows_furniture(blocks):
        return lines, None
    start, end = densest_region(blocks)
    if start == end:
        return lines, None
    kept: list[Line] = []
    # The head: drop it, except a title candidate (and the byline/date lines under it).
    head_lines = [line for block in blocks[:start] for line in block.lines if block.kind != BAD or
                  block.reason not in ("menu", "teaser", "page_furniture")]
    window = head_lines[-HEAD_WINDOW:]
    seen: dict[str, int] = {}
    for line in lines:
        if len(line.text) <= 200:
            key = line_key(line.text)
            seen[key] = seen.get(key, 0) + 1
    title_at = choose_title(window, seen)
    head_keep: set[int] = set()
    title_line = window[title_at] if title_at is not None else None
    title = title_line.text if title_line else None
    if title_line:
        for line in window[title_at + 1:]:
            if line.text.casefold() == title_line.text.casefold():
                continue
            if parse_byline(line.text) or is_date_line(line.text):
                head_keep.add(id(line))
    for block in blocks[:start]:
        for line in block.lines:
            if id(line) in head_keep:
                kept.append(replace(line, gap=1 if kept else 0))
            elif line is not title_line:
                draft.remove(block.reason if block.kind == BAD else "page_head", line.text)
    for block in blocks[start:end]:
        if block.kind == BAD:
            for line in block.lines:
                draft.remove(block.reason, line.text)
        else:
            kept.extend(replace(line, gap=max(line.gap, 1)) if i == 0 and kept else line
                        for i, line in enumerate(block.lines))
    tail = blocks[end:]
    keeping = True
    for block in tail:  # short closing sentences stay until the first piece of furniture
        keeping = keeping and block.kind in (SHORT, NEAR) and ends_sentence(block.text) and block.n_words >= 3 \
            and block.item_share < 0.5
        if keeping:
            kept.extend(block.lines)
        else:
            for line in block.lines:
                draft.remove(block.reason if block.kind == BAD else "page_tail", line.text)
    return kept, title
