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

The blocks and their features live in blocks.py; this module holds the title choice and
`find_article`, which puts the two together.

Do no harm: this only acts on text that shows page furniture (list/link blocks); an
article without any is passed through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import islice

from workbench.library.clean.boilerplate import boilerplate_kind
from workbench.library.clean.bylines import parse_byline
from workbench.library.clean.dates import find_date, is_date_line
from workbench.library.clean.lines import (
    FUNCTION_WORDS,
    Line,
    capitalised,
    ends_sentence,
    holds_sentence_end,
    is_strict_title_case,
    title_case_ratio,
    words,
)
from workbench.library.clean.recurring import line_hash
from workbench.library.clean.captions import caption_like
from workbench.library.clean.titles import title_candidate
from workbench.library.model import ArticleDraft

from workbench.library.clean.blocks import (
    BAD,
    Block,
    GOOD,
    LIST_MARK,
    MENU_LINES,
    NEAR,
    SHORT,
    maybe_listed,
    classify,
    densest_region,
    in_context,
    indent_marks_items,
    is_item,
    shows_furniture,
    split_blocks,
    widget_share,
)


_TIMESTAMP = re.compile(r"\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(?:19|20)\d{2}\b.{0,20}\b(?:am|pm|ist|est|gmt|utc)\b",
                        re.IGNORECASE)


_POSTED = re.compile(r"\b(?:posted|published|updated|written)\b|(?:^|\|\s*)by\s+[A-Z]", re.IGNORECASE)


def line_key(text: str) -> str:
    """A line as a reader would compare it: no list marker, case folded."""
    if not is_item(text):
        return text.strip().casefold()  # no marker to take off (most lines: no regex)
    return LIST_MARK.sub("", text, count=1).strip().casefold()


class Repeats(Mapping[str, int]):
    """How many of the page's lines (of up to 200 characters) have each `line_key`, counted only
    for the keys asked about (a few title candidates), not for every line of the page: a key
    occurs in the page's case-folded text at least as often as lines have it, so a key found
    there once at most is counted by looking at that one line."""

    LONGEST = 200

    def __init__(self, lines: list[Line]) -> None:
        self._texts = [line.text for line in lines if len(line.text) <= self.LONGEST]
        # (case folding goes character by character, and a line holds no "\n": fold the page once)
        self._folded = "\n".join(self._texts).casefold()
        self._folded_texts = self._folded.split("\n")
        self._counts: dict[str, int] = {}

    def __getitem__(self, key: str) -> int:
        if key not in self._counts:
            found = self._folded.count(key)
            if found <= 1:  # at most the line where it stands (found by its position: no loop)
                at = self._folded.find(key)
                self._counts[key] = int(at >= 0 and line_key(self._texts[self._folded.count("\n", 0, at)]) == key)
            else:
                self._counts[key] = sum(1 for text, folded in zip(self._texts, self._folded_texts)
                                        if key in folded and line_key(text) == key)
        return self._counts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


_NAME_WORDS = frozenset("and de la le du des der die das von van s".split())  # what names hold


def _title_score(line: Line, position: int, end: int, seen: Mapping[str, int]) -> float | None:
    """How likely a head line is the article's title (None: it cannot be)."""
    text = line.text
    tokens = words(text)
    n = len(tokens)
    if n < 3 or n > 25 or is_item(text) or widget_share(text) > 0.2 or not title_candidate(text):
        return None
    if boilerplate_kind(text) or is_date_line(text) or parse_byline(text) or _TIMESTAMP.search(text) \
            or find_date(text) or n <= 12 and _POSTED.search(text) or caption_like(text) or text.isupper() and n <= 3:
        return None
    score = 3.0 if 5 <= n <= 20 else 1.5  # a substantial line, not a label
    score += 3.0 * (seen.get(line_key(text), 0) >= 2)  # the page repeats it (breadcrumbs, "Now reading")
    score -= 0.1 * (end - position)  # near the main text
    if holds_sentence_end(text):
        score -= 1.5  # "‘Meth. We’re on it.’: …" can be a headline; a sentence run on usually is not
    if n <= 8 and all(capitalised(t) or t.lower() == "and" for t in tokens) \
            and not (n >= 5 and any(t.lower() in FUNCTION_WORDS and t.lower() not in _NAME_WORDS
                                    for t in tokens[1:])):
        score -= 2.0  # "Kevin Johnson and Kevin McCoy", "The Daily Ledger": names (a headline says "Their", "Of")
    return score


def _dated(text: str) -> bool:
    """A byline or date line (what stands under a headline)."""
    return bool(parse_byline(text) or is_date_line(text) or _TIMESTAMP.search(text) or find_date(text))


@dataclass
class Candidate:
    """A possible title in the page head: one line, or two when a long headline was wrapped."""

    lines: list[Line]
    distance: int  # lines between it and the main text
    below: str  # the line under it
    in_list: bool  # between two list/link blocks: an entry of a list of other stories

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


WRAPPED_HEADLINE = 60  # characters: a first line this long may have been wrapped (w3m wraps at 80)
_LISTS = ("menu", "teaser", "page_furniture", "recurring")


def head_candidates(head: list[Block], below_head: str) -> list[Candidate]:
    """Title candidates among the head's blocks: a block of one line, a long headline wrapped onto
    a second line, or a block's first line when a byline or date follows it."""
    out: list[Candidate] = []
    distance = sum(_content_lines(b) for b in head)
    for index, block in enumerate(head):
        lines = block.lines
        distance -= _content_lines(block)
        if block.kind == BAD and block.reason in _LISTS:
            continue
        under = head[index + 1].lines if index + 1 < len(head) else [Line(below_head)]
        after = " ".join(line.text for line in under) if len(under) <= 2 else under[0].text  # "Jane Doe" / "1 day ago"
        in_list = _sandwiched(head, index) and (_sandwiched(head, index - 2) or _sandwiched(head, index + 2))
        if len(lines) == 1:
            out.append(Candidate(lines, distance, after, in_list))
        elif len(lines) == 2 and len(lines[0].text) >= WRAPPED_HEADLINE and not ends_sentence(lines[0].text) \
                and not _dated(lines[1].text):
            out.append(Candidate(lines, distance, after, in_list))
        elif _dated(lines[1].text):
            out.append(Candidate(lines[:1], distance + len(lines) - 1, lines[1].text, in_list))
        if out and out[-1].lines[0] is lines[0] and index and _thumbnail(head[index - 1]) \
                and not _dated(out[-1].below):
            out[-1].in_list = True  # "[thumb]" / headline, no byline or date: a teaser of another story
    return out


def _content_lines(block: Block) -> int:
    """Lines of a block that say something: empty form fields and image alt texts ("[        ]",
    "[e151e5]") are no distance between a headline and its article."""
    if "[" not in block.text:
        return len(block.lines)  # (no bracket, no widget)
    return sum(widget_share(line.text) < 0.9 for line in block.lines)


def _thumbnail(block: Block) -> bool:
    """A lone bracketed image or widget line ("[e151e5]", "[logo]")."""
    return len(block.lines) == 1 and widget_share(block.lines[0].text) >= 0.9


def _listed(blocks: list[Block], index: int) -> bool:
    return 0 <= index < len(blocks) and blocks[index].kind == BAD and blocks[index].reason in _LISTS


def _sandwiched(blocks: list[Block], index: int) -> bool:
    """A short block between two list blocks ("[thumb]" / headline / "[thumb]" / headline …)."""
    return 0 <= index < len(blocks) and len(blocks[index].lines) <= 2 and all(
        _listed(blocks, side) and len(blocks[side].lines) <= 2 for side in (index - 1, index + 1))


def standfirst_under(upper: Candidate, lower: Candidate) -> bool:
    """`lower` is the standfirst right under the headline `upper`: the next line, longer, and in
    sentence case under a headline in title case ("The Fishermen Who Learned to Count Seagrass" /
    "How a village in Galicia turned its boats into laboratories, and what it found")."""
    return upper.below == lower.text and not upper.in_list and not lower.in_list \
        and 5 <= len(words(upper.text)) < len(words(lower.text)) and is_strict_title_case(upper.text) \
        and title_case_ratio(lower.text) < 0.5 <= title_case_ratio(upper.text)


def choose_title(candidates: list[Candidate], seen: Mapping[str, int]) -> Candidate | None:
    """The best title candidate, or None. A headline over its standfirst counts what stands under
    the standfirst (a byline, a date) as its own: the standfirst is not the title."""
    best, chosen = None, None
    for index, candidate in enumerate(candidates):
        if candidate.in_list:
            continue
        score = _title_score(Line(candidate.text), 0, candidate.distance, seen)
        if score is None:
            continue
        lower = candidates[index + 1] if index + 1 < len(candidates) else None
        under = lower.below if lower is not None and standfirst_under(candidate, lower) else candidate.below
        byline = parse_byline(under)
        if byline or _dated(under):
            score += 2.0  # a byline or date right under it
        if byline:
            score += 2.0  # "By Jane Doe" under it: a headline's own signature (a list of stories has dates)
        if under is not candidate.below:
            score += 0.5  # over its standfirst: nearer the top than the standfirst, and the headline
        if best is None or score >= best:
            best, chosen = score, candidate
    return chosen


HEAD_WINDOW = 40  # lines above the main text where a title may stand
BANNER_LINES = 12  # lines at the top of a page without menus where its banner and headline stand


def banner_head(lines: list[Line], draft: ArticleDraft) -> tuple[list[Line], str | None]:
    """A page without menus whose head is a banner: a site's welcome line, a "Learn More", a
    logo (`[logo-compa]`, `[INS::INS]`) above the headline. When a widget-only line stands among
    the first lines and, below the last of them, a title candidate has a byline or date under
    it before any prose, that candidate is the title and everything above it goes (`page_head`).
    Otherwise (any article without such a widget line) the lines come back untouched."""
    top = lines[:BANNER_LINES]
    widgets = [index for index, line in enumerate(top) if widget_share(line.text) >= 0.9]
    if not widgets:
        return lines, None
    start = widgets[-1] + 1
    blocks = split_blocks(lines[start:start + BANNER_LINES])
    for index, block in enumerate(blocks):
        if classify(block).kind in (GOOD, NEAR):
            blocks = blocks[:index + 1]  # the prose begins: the headline stands above it
            break
    chosen = next((c for c in head_candidates(blocks[:-1], blocks[-1].lines[0].text if blocks else "")
                   if not c.in_list and _dated(c.below) and _title_score(Line(c.text), 0, 0, {}) is not None), None)
    if chosen is None:
        return lines, None
    first = lines.index(chosen.lines[0])
    for line in lines[:first]:
        draft.remove("page_head", line.text)
    rest = lines[first + len(chosen.lines):]
    return [Line(rest[0].text, 0, rest[0].indent), *rest[1:]] if rest else rest, chosen.text


def mark_recurring(blocks: list[Block], furniture: frozenset[str]) -> bool:
    """Blocks whose every line recurs across the library (library evidence) become furniture —
    unless they are good prose, or the recurring text is most of the article (the same article
    saved several times is no site furniture). True when any block was marked."""
    if not furniture:
        return False
    recurs = [b for b in blocks if all(line_hash(line.text) in furniture for line in b.lines)]
    if sum(b.n_words for b in recurs) > 0.5 * sum(b.n_words for b in blocks):
        return False  # most of it recurs: copies of one article, not a site's furniture
    found = [b for b in recurs if b.kind != GOOD]
    for block in found:
        block.kind, block.reason = BAD, "recurring"
    return bool(found)


def find_article(lines: list[Line], draft: ArticleDraft,
                 furniture: frozenset[str] = frozenset()) -> tuple[list[Line], str | None]:
    """(the article's lines, its title chosen from the page head); furniture goes to `removed`.

    The title is None when the text is no saved page (the head is left to titles.py), "" for a
    page whose head offers no title (it is derived from the lead). `furniture`: keys
    (recurring.line_hash) of the lines that recur across the library."""
    indent_marks = indent_marks_items(lines)
    listed = (line for line in lines if maybe_listed(line, indent_marks))
    if not furniture and next(islice(listed, MENU_LINES - 1, None), None) is None:  # (counts to 8, no further)
        return banner_head(lines, draft)  # too few list-like lines for any menu: no page (bar a banner)
    blocks = [classify(b, indent_marks) for b in split_blocks(lines, indent_marks)]
    recurring = mark_recurring(blocks, furniture)
    kept: list[Line] = []
    if not blocks or not shows_furniture(blocks):
        if not recurring:
            return banner_head(lines, draft)
        for block in blocks:
            if block.reason == "recurring":
                for line in block.lines:
                    draft.remove("recurring", line.text)
            else:
                kept.extend(Line(line.text, max(line.gap, 1), line.indent) if i == 0 and kept else line
                            for i, line in enumerate(block.lines))
        return kept, None
    in_context(blocks)
    start, end = densest_region(blocks)
    if start == end:
        return lines, None
    # The head: drop it, except the title (and the byline/date lines under it).
    head_start, count = start, 0
    while head_start > 0 and count < HEAD_WINDOW:
        head_start -= 1
        count += _content_lines(blocks[head_start])
    seen = Repeats(lines)
    candidates = head_candidates(blocks[head_start:start], blocks[start].lines[0].text)
    chosen = choose_title(candidates, seen)
    title = chosen.text if chosen else ""  # "": a page without a title line (derive one from the lead)
    taken = {id(line) for line in chosen.lines} if chosen else set()
    head_keep: set[int] = set()
    following = candidates[candidates.index(chosen) + 1:][:1] if chosen else []
    if chosen and following and standfirst_under(chosen, following[0]):
        head_keep.update(id(line) for line in following[0].lines)  # titles.py makes it the subtitle
    after_title = False
    for block in blocks[head_start:start]:
        for line in block.lines:
            if id(line) in taken:
                after_title = True
            elif after_title and line.text.casefold() != (title or "").casefold() \
                    and (parse_byline(line.text) or is_date_line(line.text)):
                head_keep.add(id(line))
    for block in blocks[:start]:
        for line in block.lines:
            if id(line) in head_keep:
                kept.append(Line(line.text, 1 if kept else 0, line.indent))
            elif id(line) not in taken:
                draft.remove(block.reason if block.kind == BAD else "page_head", line.text)
    for block in blocks[start:end]:
        if block.kind == BAD:
            for line in block.lines:
                draft.remove(block.reason, line.text)
        else:
            kept.extend(Line(line.text, max(line.gap, 1), line.indent) if i == 0 and kept else line
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
