"""A note is the user's Markdown: exported as written, with only structure-breakers defused.

Kept as written: emphasis, code spans, links and URLs (underscores and all), wiki-links,
lists, quotes, tables, balanced code fences, indentation. Neutralised, because they would
break the note's file rather than format the note:

* a heading at a line start (`# x`) and a setext underline / thematic break / front-matter
  fence (a line of only `-` or `=`): a backslash goes in front;
* raw HTML — blocks and inline tags, `<script>` included — and comments, so our own
  `<!-- workbench:… -->` markers too: `<` becomes `\\<` (autolinks `<https://…>` stay);
* an unclosed code fence (it would swallow the rest of the file): its opening line gets a
  backslash; Obsidian comments `%%` (same reason) become `\\%\\%`; a trailing `^blockid`
  (it would steal a highlight's block id) becomes `\\^blockid`;
* Logseq only: a line starting with a list bullet (Logseq would make it a new block) or
  `key::` (a property) gets a backslash.

Control characters never reach here (the store cleans notes). `read_note` undoes exactly
these escapes, so a note edited in the exported file can be read back into the store, and
`read_note(note_lines(x))` is a fixed point after one round (tested with hypothesis).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from workbench.export.markdown_safety import normalize_newlines

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_HEADING = re.compile(r"^#{1,6}(?:[ \t]|$)")
_UNDERLINE = re.compile(r"^(?:-+|=+)[ \t]*$")
_LOGSEQ_LINE = re.compile(r"^(?:[-*+](?:[ \t]|$)|[\w-]+::)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
# '<' that opens raw HTML (a tag, a closing tag, a comment, a declaration or a processing
# instruction) and is not an autolink (<scheme:…> or <user@host>).
_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)"
                       r"(?![A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+>)")
_COMMENT = re.compile(r"%%")
_BLOCK_ID = re.compile(r"(\s)\^([A-Za-z0-9-]+)([ \t]*)$")
_ESCAPED_HTML = re.compile(r"\\<(?=[A-Za-z/!?])")
_ESCAPED_ID = re.compile(r"(\s)\\\^([A-Za-z0-9-]+)([ \t]*)$")


def _odd_backslashes_before(text: str, pos: int) -> bool:
    n = 0
    while pos - n - 1 >= 0 and text[pos - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _outside_code(line: str, change: Callable[[str], str]) -> str:
    """`change` applied to the parts of `line` outside inline code spans (kept as written)."""
    out, pos = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(change(line[pos:match.start()]))
        out.append(match.group(0))
        pos = match.end()
    out.append(change(line[pos:]))
    return "".join(out)


def _inline(line: str) -> str:
    """Escape raw HTML and %% outside code spans; a trailing ^id."""
    return _BLOCK_ID.sub(lambda m: f"{m.group(1)}\\^{m.group(2)}{m.group(3)}", _outside_code(line, _inline_plain))


def _inline_plain(text: str) -> str:
    if "<" not in text and "%%" not in text:
        return text
    pieces, pos = [], 0
    for match in _RAW_HTML.finditer(text):
        if _odd_backslashes_before(text, match.start()):
            continue  # already escaped by the user
        pieces.append(text[pos:match.start()] + "\\<")
        pos = match.end()
    pieces.append(text[pos:])
    return _COMMENT.sub(r"\\%\\%", "".join(pieces))


def _block_start(body: str, logseq: bool) -> bool:
    return bool(_HEADING.match(body) or _UNDERLINE.match(body) or (logseq and _LOGSEQ_LINE.match(body)))


def _fences(lines: list[str]) -> set[int]:
    """Indexes of fence lines that open a fence nobody closes (to be escaped)."""
    unclosed: set[int] = set()
    i = 0
    while i < len(lines):
        match = _FENCE.match(lines[i].lstrip(" "))
        if match is None:
            i += 1
            continue
        marker = match.group(1)
        for j in range(i + 1, len(lines)):
            close = lines[j].lstrip(" ")
            if close.startswith(marker[0] * len(marker)) and not close.strip().strip(marker[0]):
                i = j + 1
                break
        else:
            unclosed.add(i)
            i += 1
    return unclosed


@lru_cache(maxsize=65536)
def note_lines(text: str | None, logseq: bool = False) -> tuple[str, ...]:
    """The note as lines of Markdown safe to indent into a list item (trailing blanks dropped)."""
    lines = normalize_newlines(text or "").replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    unclosed = _fences(lines)
    out: list[str] = []
    fence: str | None = None
    for i, line in enumerate(lines):
        line = line.rstrip()
        body = line.lstrip(" \t")
        lead = line[:len(line) - len(body)]
        if fence is not None:  # inside a closed code fence: verbatim
            if body.startswith(fence) and not body.strip().strip(fence[0]):
                fence = None
            out.append(line)
            continue
        match = _FENCE.match(body)
        if match and i not in unclosed:
            fence = match.group(1)
            out.append(line)
            continue
        escape = i in unclosed or _block_start(body, logseq) or _starts_escaped(body, logseq)
        body = ("\\" if escape else "") + _inline(body)
        out.append(lead + body)
    return tuple(out)


def _starts_escaped(body: str, logseq: bool) -> bool:
    """A line the user began with backslashes before something we escape: one more, so
    reading back takes exactly ours off."""
    stripped = body.lstrip("\\")
    return stripped != body and (_block_start(stripped, logseq) or bool(_FENCE.match(stripped)))


def read_note(lines: list[str], logseq: bool = False) -> str:
    """The note text from its exported lines (indentation already removed): our escapes undone."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        body = line.lstrip(" \t")
        lead = line[:len(line) - len(body)]
        if fence is not None:
            if body.startswith(fence) and not body.strip().strip(fence[0]):
                fence = None
            out.append(line.rstrip())
            continue
        match = _FENCE.match(body)
        if match:
            fence = match.group(1)
            out.append(line.rstrip())
            continue
        if body.startswith("\\"):
            rest = body[1:]
            if _block_start(rest, logseq) or _FENCE.match(rest.lstrip("\\")) or _starts_escaped(rest, logseq):
                body = rest
        out.append((lead + _read_inline(body)).rstrip())
    while out and not out[-1].strip():
        out.pop()
    while out and not out[0].strip():
        out.pop(0)
    return "\n".join(out)


def _read_inline(line: str) -> str:
    """Undo `_inline`: outside code spans only, as it was applied."""
    return _ESCAPED_ID.sub(lambda m: f"{m.group(1)}^{m.group(2)}{m.group(3)}", _outside_code(line, _read_plain))


def _read_plain(text: str) -> str:
    return _ESCAPED_HTML.sub("<", text).replace("\\%\\%", "%%")
