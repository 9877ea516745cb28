"""Reading an exported note back: which highlight each part belongs to, and what the user
may have edited there (the note under `- Note:`, the `- Tags:` / `tags::` line).

Works on any of the three flavours (the file may have been written in another flavour than
the one being exported now): a section starts at a highlight's id — `^0c7a4e2b` (Obsidian),
`<a id="h-0c7a4e2b"></a>` (CommonMark) or `id:: <uuid>` (Logseq). Everything else in the
block is the *skeleton*: generated text the user is not expected to edit; its hash tells
whether they did. Pure text work: nothing read here is ever run or used as a path.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from workbench.export.writer import BEGIN, END, marker_lines, read_head

_OBSIDIAN_ID = re.compile(r"^\^([0-9a-z][0-9a-z-]*)[ \t]*$")
_ANCHOR_ID = re.compile(r'^<a id="h-([0-9a-z][0-9a-z-]*)"></a>[ \t]*$')
_LOGSEQ_ID = re.compile(r"^  id:: ([0-9a-fA-F-]{36})[ \t]*$")
_TAGS_LINE = re.compile(r"^- Tags:(.*)$")
_LOGSEQ_TAGS = re.compile(r"^  tags::(.*)$")
_NOTE_LINE = re.compile(r"^- Note:(.*)$")
_LOGSEQ_NOTE = re.compile(r"^  - Note:(.*)$")
_HASHTAG = re.compile(r"#([^\s#]+)")


@dataclass
class Section:
    key: tuple[str, str]  # ("short", "0c7a4e2b") or ("uuid", "…")
    logseq: bool
    tags: list[str] | None = None  # hashtags as written, without '#'; None: no tags line
    note: list[str] | None = None  # the note's lines, indentation removed; None: no Note item


@dataclass
class ParsedNote:
    meta: dict | None  # the head (front matter / page properties), None if missing or invalid
    sections: list[Section] = field(default_factory=list)
    skeleton: str = ""  # hash of the generated lines of the block
    block: str | None = None  # the managed block's text (None: markers damaged)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def block_of(text: str) -> str | None:
    """The text between the markers (None when they are damaged)."""
    begins, ends = marker_lines(text, BEGIN), marker_lines(text, END)
    if len(begins) != 1 or len(ends) != 1 or begins[0][0] > ends[0][0]:
        return None
    return text[begins[0][1]:ends[0][0]].strip("\n")


def parse_note(text: str) -> ParsedNote:
    _head, meta, rest, _kind = read_head(text)
    block = block_of(rest)
    if block is None:
        return ParsedNote(meta)
    lines = block.split("\n")
    sections: list[Section] = []
    skeleton: list[str] = []
    current: Section | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        for pattern, kind, logseq in ((_OBSIDIAN_ID, "short", False), (_ANCHOR_ID, "short", False),
                                      (_LOGSEQ_ID, "uuid", True)):
            match = pattern.match(line)
            if match:
                current = Section((kind, match.group(1).lower()), logseq)
                sections.append(current)
                break
        tags = (_LOGSEQ_TAGS if current is not None and current.logseq else _TAGS_LINE).match(line)
        note = (_LOGSEQ_NOTE if current is not None and current.logseq else _NOTE_LINE).match(line)
        if current is not None and tags:
            value = tags.group(1)
            current.tags = ([t.strip() for t in value.split(",") if t.strip()] if current.logseq
                            else _HASHTAG.findall(value))
            continue
        if current is not None and note:
            indent = "    " if current.logseq else "  "
            body = [note.group(1).strip()] if note.group(1).strip() else []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith(indent)):
                body.append(lines[i][len(indent):] if lines[i].startswith(indent) else "")
                i += 1
            while body and not body[-1].strip():
                body.pop()
            while body and not body[0].strip():
                body.pop(0)
            current.note = body
            skeleton.append(note.group(0)[:len(note.group(0)) - len(note.group(1))])
            continue
        if line.strip():
            skeleton.append(line.rstrip())
    return ParsedNote(meta, sections, digest("\n".join(skeleton)), block)


def skeleton_of(text: str) -> str:
    """The skeleton hash of a file workbench is about to write (same rules as parse_note)."""
    return parse_note(text).skeleton
