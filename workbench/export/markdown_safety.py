"""Making user text inert in Markdown.

Notes, titles, tags and quoted article text are user data: whatever they contain, they must
not change the structure of the file they are exported into (no stray headings, thematic
breaks, HTML, wiki-links, tables, code fences, block ids, or our own marker comments).
Strategy: strip control and escape codes, collapse or split lines, drop leading
indentation (which would start code blocks), and backslash-escape every character that
could open a block at a line start or a construct inline. The text still renders as
itself in any CommonMark viewer and in Obsidian.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workbench.textnorm import strip_control

# Always escaped: characters that open inline constructs (emphasis, code, links, HTML,
# tables, Obsidian tags/block ids/maths). Pairs matter only doubled (==highlight==,
# ~~strike~~, %%comment%%); '&' only when it would start an entity.
_INLINE = re.compile(r"[\\`*_\[\]<>|#$^]|~~|==|%%|&(?=#?[0-9A-Za-z]+;)")
# Line starts that open a block even after the inline pass: list bullets, setext/thematic
# underlines, ordered-list numbers.
_LINE_START = re.compile(r"^(?:([-+=~])|(\d{1,9})([.)]))")
_WS = re.compile(r"\s+")
# Characters that make block_lines do more than return the text (with the checks on the
# first and last character: whitespace, a digit or a bullet at the start).
_NEEDS_WORK = re.compile(r"[\\`*_\[\]<>|#$^~=%&\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _escape_match(match: re.Match) -> str:
    return "".join("\\" + ch for ch in match.group(0))


def normalize_newlines(text: str) -> str:
    """Control/escape codes removed, every newline style turned into '\\n'."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    return strip_control(text)


def plain(text: str | None) -> str:
    """One line of clean text (no escaping): metadata for YAML and file names."""
    return _WS.sub(" ", strip_control(str(text or "")).replace("\u2028", " ").replace("\u2029", " ")).strip()


@lru_cache(maxsize=4096)
def inline(text: str | None) -> str:
    """User text as one inert inline run (for headings, bylines, link texts, list items)."""
    return _INLINE.sub(_escape_match, plain(text))


def escape_line(line: str) -> str:
    """One line of user text, inert at the start of a Markdown line."""
    line = _INLINE.sub(_escape_match, line.strip())
    match = _LINE_START.match(line)
    if match:
        if match.group(1):
            line = "\\" + line
        else:
            cut = len(match.group(2))
            line = line[:cut] + "\\" + line[cut:]
    return line


@lru_cache(maxsize=65536)
def block_lines(text: str | None) -> tuple[str, ...]:
    """Multi-line user text as inert lines (blank lines kept, runs of them collapsed).

    The caller prefixes every line (e.g. with '> ' or list indentation) so the text stays
    inside its container.
    """
    text = text or ""
    if text and not (text[0].isspace() or text[0] in "+-" or text[0].isdigit() or text[-1].isspace()
                     or _NEEDS_WORK.search(text)):  # the common case: plain prose, one line
        return (text,)
    out: list[str] = []
    for raw in normalize_newlines(text).split("\n"):
        line = escape_line(raw)
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return tuple(out)


@lru_cache(maxsize=4096)
def hashtag(tag: str) -> str:
    """A tag as an Obsidian/Logseq hashtag: `policy/energy mix` → `#policy/energy-mix`.

    Obsidian takes no tag without a letter (`#2024`), so such a tag gets a `y` in front:
    `2024` → `#y2024`, `2024/q1` stays `#2024/q1` (see `tag_from_hashtag` for the way back).
    Characters a tag cannot hold become '-' (the store refuses them in new tags)."""
    value = plain(tag).lstrip("#").replace(" ", "-")
    value = re.sub(r"[^\w/-]", "-", value)
    value = "/".join(p for p in value.split("/") if p.strip("-"))
    if value and not any(ch.isalpha() for ch in value):
        value = "y" + value
    return "#" + (value or "tag")


_NUMERIC_TAG = re.compile(r"^y([^a-zA-Z\W]*)$")


def tag_from_hashtag(text: str) -> str:
    """`#y2024` → `2024`, `#policy/energy` → `policy/energy`: what a hashtag written in a note
    stands for (the inverse of `hashtag` for every tag the store accepts)."""
    value = text.strip().lstrip("#")
    match = _NUMERIC_TAG.match(value)
    if match and match.group(1) and not any(ch.isalpha() for ch in match.group(1)):
        return match.group(1)
    return value
