"""Footnotes of a PDF become end notes, as an EPUB's do.

A footnote is printed at its page's foot in smaller type, opening with its mark, and the text
refers to it with the same mark set small and raised (a superscript, `Line.marks`). Left where
they are printed, notes cut into the sentence that runs on to the next page. So: the small
lines below a page's last line of body type go when the first of them opens with a mark that
the page's own text raises as a superscript; they come back at the end of the article under
"Notes" as `[3] text`, and the marks in the text read `[3]`. A page whose small lines at the
foot refer to nothing (a caption, a table's last rows) keeps them.
"""

from __future__ import annotations

import re

from workbench.library.pdf_layout import Line, Page

NOTES_HEADING = "Notes"
SMALL = 0.9  # a line in type this much smaller than the body's may be a footnote
MAX_SHARE = 0.5  # notes are never most of a page's lines
_SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_OPENING = re.compile(r"^(\d{1,3}|[" + _SUPERSCRIPT_DIGITS + r"]{1,3}|[*†‡§¶])[.)]?\s*(?=\S)")
# A mark set as superscript characters (¹ ² ³: a word processor's own glyphs, not raised type)
# right after a word or punctuation.
_GLYPH_MARK = re.compile(r"(?<=[\w.,;:!?\"”’)])[" + _SUPERSCRIPT_DIGITS + r"]{1,3}")
_PLAIN = str.maketrans(_SUPERSCRIPT_DIGITS, "1234567890")


def _glyph_marks(line: Line) -> list[tuple[int, int]]:
    """The line's raised marks plus those printed as superscript characters."""
    found = [m.span() for m in _GLYPH_MARK.finditer(line.text)] if any(
        ch in _SUPERSCRIPT_DIGITS for ch in line.text) else []
    return sorted({*line.marks, *found})


def _opening_mark(line: Line) -> tuple[str, str] | None:
    """(mark, text after it) when the line opens with a note mark (raised, or "3." / "3 ")."""
    if line.marks and line.marks[0][0] == 0:
        start, end = line.marks[0]
        return line.text[start:end], line.text[end:].lstrip()
    match = _OPENING.match(line.text)
    if match is None or match.group(1)[0].isascii() and match.end() == match.end(1):
        return None  # "3Com": a plain digit is a mark only before a space or "." / ")"
    return match.group(1).translate(_PLAIN), line.text[match.end():]


def _foot(page: Page, body_size: float) -> list[Line]:
    """The page's lines below its last line of body type, when they are all smaller, top first."""
    lines = sorted(page.lines, key=lambda line: line.bottom)
    foot: list[Line] = []
    for line in lines:
        if line.size > body_size * SMALL:
            break
        foot.append(line)
    if not foot or len(foot) == len(lines) or len(foot) > len(lines) * MAX_SHARE:
        return []
    return foot[::-1]


def take_footnotes(pages: list[Page], body_size: float) -> list[tuple[int, str, str]]:
    """Take the footnotes out of `pages` (in place) and turn the text's marks into "[n]";
    return (page number, mark, note text) in page order."""
    notes: list[tuple[int, str, str]] = []
    for page in pages:
        foot = _foot(page, body_size)
        if not foot or _opening_mark(foot[0]) is None:
            continue
        found: list[tuple[str, list[str]]] = []
        for line in foot:
            opening = _opening_mark(line)
            if opening is not None:
                found.append((opening[0], [opening[1]]))
            else:
                found[-1][1].append(line.text)
        wanted = {mark for mark, _ in found}
        taken = {id(line) for line in foot}
        body = [line for line in page.lines if id(line) not in taken]
        raised = [(line, start, end) for line in body for start, end in _glyph_marks(line)
                  if line.text[start:end].translate(_PLAIN) in wanted]
        if not raised:
            continue  # nothing in the text refers to them: a caption or a table, not notes
        for line in {id(line): line for line, _, _ in raised}.values():
            for start, end in sorted(_glyph_marks(line), reverse=True):
                mark = line.text[start:end].translate(_PLAIN)
                if mark in wanted:
                    line.text = f"{line.text[:start]}[{mark}]{line.text[end:]}"
            line.marks = []
        page.lines = body
        notes += [(page.number, mark, _join(parts)) for mark, parts in found]
    return notes


def _join(parts: list[str]) -> str:
    """A note's lines as one paragraph (a hyphen at a line's end joins the word)."""
    text = ""
    for part in parts:
        part = part.strip()
        if text.endswith("-") and part[:1].islower():
            text = text[:-1] + part
        else:
            text = f"{text} {part}" if text else part
    return text
