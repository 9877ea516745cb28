"""Inline markup left over from copy-paste: Markdown links, emphasis, end marks.

Readers want the words, not the syntax: `[text](url)` becomes `text`, `*emphasis*` and
`**strong**` become their text, and typographic end marks (■) are dropped. Markdown
heading (`## x`) and quote (`> x`) prefixes are recognised so the block kind survives.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,3}|_{1,2})(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])")
_END_MARKS = re.compile(r"\s*[■□▪◼◾∎⬛◆◇✦]+\s*$|(?<=[.!?”\"’)])\s+(?:#{3}|#\s#\s#|[-—–]\s?30\s?[-—–])\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_MD_QUOTE = re.compile(r"^>\s?(.*)$")


def strip_inline(text: str) -> str:
    """Remove link/emphasis syntax and end marks, keeping the visible words."""
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    previous = None
    while previous != text:  # nested emphasis: ***x*** or *“**x**”*
        previous = text
        text = _EMPHASIS.sub(lambda m: m.group(2), text)
    return _END_MARKS.sub("", text).strip()


def markdown_heading(text: str) -> str | None:
    """The heading text of a `## Heading` line, else None."""
    match = _MD_HEADING.match(text)
    return match.group(1) if match else None


def markdown_quote(text: str) -> str | None:
    """The quoted text of a `> quote` line, else None."""
    match = _MD_QUOTE.match(text)
    return match.group(1).strip() if match else None
