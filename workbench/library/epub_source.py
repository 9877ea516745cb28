"""EPUB file → ArticleDraft: the book's text in spine order, its chapters and its notes.

The package (`epub_package`) gives the metadata — title, authors, date, language, publisher —
and the spine, without the navigation document, cover, title page and table of contents.
Each content document is walked structurally (`epub_text`); its first heading, or else its
label in the table of contents, names the chapter, so `Article.chapters` can tell an export
which chapter a highlight is in. Footnotes are printed once, at the end, under "Notes".
"""

from __future__ import annotations

import posixpath
import re

from workbench.errors import SourceError
from workbench.library.epub_package import open_package
from workbench.library.epub_text import Walker, parse_xhtml, skip_document
from workbench.library.metadata import clean_line, normalise_date
from workbench.library.model import ArticleDraft

_SKIPPED_NAMES = re.compile(r"^(cover|titlepage|title[-_]page|toc|contents|nav|halftitle)$", re.IGNORECASE)
NOTES_HEADING = "Notes"
# What a book's copyright page says: "Copyright © 2015 by …", "All rights reserved", an ISBN.
_RIGHTS_CUES = (
    re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b", re.IGNORECASE),
    re.compile(r"\ball rights reserved\b|\bno part of this (?:publication|book)\b", re.IGNORECASE),
    re.compile(r"\bISBN(?:-1[03])?[:\s]*(?:97[89][\s-]?)?\d[\d\s-]{8,16}[\dXx]\b"),
)
RIGHTS_PAGE_WORDS = 300  # a copyright page is short; a chapter that mentions copyright is not


def copyright_page(pieces: list[tuple[str, str]]) -> bool:
    """A short document (outside the table of contents) that says two of: a copyright line,
    "all rights reserved", an ISBN — the book's imprint page, not its text."""
    text = "\n".join(piece for _, piece in pieces)
    if len(text.split()) > RIGHTS_PAGE_WORDS:
        return False
    return sum(bool(cue.search(text)) for cue in _RIGHTS_CUES) >= 2


def parse_epub(data: bytes, label: str = "epub") -> ArticleDraft:
    """A DRM-free EPUB's text as an ArticleDraft with `chapter_marks`, or SourceError."""
    book, package = open_package(data, label)
    draft = ArticleDraft()
    draft.title = clean_line(package.title)
    draft.authors = [name for name in (clean_line(a) for a in package.authors) if name]
    draft.date = normalise_date(package.date)
    draft.language = clean_line(package.language)
    draft.outlet = clean_line(package.publisher)
    if draft.title:
        draft.add("title", draft.title)
    notes: list[tuple[list[str], str]] = []
    refs: dict[str, str] = {}
    for path in package.spine:
        if _SKIPPED_NAMES.match(posixpath.splitext(posixpath.basename(path))[0]):
            continue
        try:
            root = parse_xhtml(book.read(path))
        except SourceError as exc:
            if exc.message.startswith(label):
                raise
            continue  # one unreadable chapter file: the rest of the book is still worth having
        if skip_document(root):
            continue
        walker = Walker(refs)
        body = next((el for el in root.iter() if isinstance(el.tag, str) and el.tag.lower() == "body"), root)
        walker.walk(body)
        notes += walker.notes
        pieces = walker.pieces
        if not any(kind != "caption" for kind, _ in pieces):
            continue  # an image page, a blank separator
        if path not in package.toc and copyright_page(pieces):
            for _, text in pieces:
                draft.remove("copyright", text)
            continue
        chapter = pieces[0][1] if pieces[0][0] == "heading" else package.toc.get(path)
        if chapter and pieces[0][0] != "heading":
            pieces.insert(0, ("heading", chapter))
        if chapter:
            draft.chapter_marks.append((chapter, len(draft.pieces)))
        for kind, text in pieces:
            draft.add(kind, text)
    if not any(kind != "title" for kind, _ in draft.pieces):
        raise SourceError(f"{label}: no text found in the book (images only?)")
    if notes:
        draft.chapter_marks.append((NOTES_HEADING, len(draft.pieces)))
        draft.add("heading", NOTES_HEADING)
        for ids, note in notes:
            mark = next((refs[i] for i in ids if i in refs), None)
            starts_with_mark = mark is not None and note.lstrip("[(").startswith(mark)
            draft.add("paragraph", f"[{mark}] {note}" if mark and not starts_with_mark else note)
    if not draft.title:
        first = next(text for kind, text in draft.pieces if kind != "title").split("\n")[0]
        draft.title = first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"
        draft.title_is_derived = True
    return draft
