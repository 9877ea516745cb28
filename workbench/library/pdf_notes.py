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
_OPENING = re.compile(r"^(\d{1,3}|[*†‡§¶])[.)]?\s+(?=\S)")


def _opening_mark(line: Line) -> tuple[str, str] | None:
    """(mark, text after it) when the line opens with a note mark (raised, or "3." / "3 ")."""
    if line.marks and line.marks[0][0] == 0:
        start, end = line.marks[0]
        return line.text[start:end], line.text[end:].lstrip()
    match = _OPENING.match(line.text)
    return (match.group(1), line.text[match.end():]) if match else None


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
        raised = [(line, start, end) for line in body for start, end in line.marks
                  if line.text[start:end] in wanted]
        if not raised:
            continue  # nothing in the text refers to them: a caption or a table, not notes
        for line in {id(line): line for line, _, _ in raised}.values():
            for start, end in sorted(line.marks, reverse=True):
                if line.text[start:end] in wanted:
                    line.text = f"{line.text[:start]}[{line.text[start:end]}]{line.text[end:]}"
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
