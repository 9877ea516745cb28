"""Inline markup left over from copy-paste: Markdown links, emphasis, end marks.

Readers want the words, not the syntax: `[text](url)` becomes `text`, `*emphasis*` and
`**strong**` become their text, and typographic end marks (■) are dropped. Markdown
heading (`## x`) and quote (`> x`) prefixes are recognised so the block kind survives.
"""

from __future__ import annotations

import re

# Every repetition is bounded, so a line of thousands of unmatched "[" or "*" costs a bounded
# amount of work per character (linear), never a scan to the line's end from each of them.
_IMAGE = re.compile(r"!\[([^\]\n]{0,500})\]\([^)\s]{0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)")
_LINK = re.compile(r"\[([^\]\n]{1,500})\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}(?:\s+\"[^\"\n]{0,300}\")?\)")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,2})(?=[^\s*_])(.{1,300}?)(?<=[^\s*_])\1(?![\w*])")
_END_MARKS = re.compile(r"[■□▪◼◾∎⬛◆◇✦]+$|(?<=[.!?”\"’)])\s+(?:#{3}|#\s#\s#|[-—–]\s?30\s?[-—–])$")
_END_CHARS = frozenset("■□▪◼◾∎⬛◆◇✦#-—–0")
NESTING = 3  # ***x*** and *“**x**”*: emphasis inside emphasis, a few levels deep
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_MD_QUOTE = re.compile(r"^>\s?(.*)$")


def strip_inline(text: str) -> str:
    """Remove link/emphasis syntax and end marks, keeping the visible words."""
    if "](" in text:
        text = _IMAGE.sub(lambda m: m.group(1), text)
        text = _LINK.sub(lambda m: m.group(1), text)
    for _ in range(NESTING):  # nested emphasis: ***x*** or *“**x**”*
        if "*" not in text and "_" not in text:
            break
        previous, text = text, _EMPHASIS.sub(lambda m: m.group(2), text)
        if text == previous:
            break
    text = text.strip()
    if text[-1:] in _END_CHARS:
        text = _END_MARKS.sub("", text).rstrip()
    return text


def markdown_heading(text: str) -> str | None:
    """The heading text of a `## Heading` line, else None."""
    if text[:1] != "#":
        return None  # (most lines: no regex)
    match = _MD_HEADING.match(text)
    return match.group(1) if match else None


def markdown_quote(text: str) -> str | None:
    """The quoted text of a `> quote` line, else None."""
    if text[:1] != ">":
        return None
    match = _MD_QUOTE.match(text)
    return match.group(1).strip() if match else None
