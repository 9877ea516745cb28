"""Saved web page → ArticleDraft, via trafilatura.

trafilatura finds the main text (dropping navigation, adverts, cookie banners, sidebars and
footers) and the metadata (title, author, date, site, canonical URL). Its structured body
(`head`/`p`/`quote`/`list`/`table` elements) is walked here so headings stay headings and
quotes stay quotes, instead of flattening everything to paragraphs.
"""

from __future__ import annotations

import functools
import logging
import re

from workbench.errors import SourceError
from workbench.library.metadata import authors_list, clean_line, is_byline, normalise_date
from workbench.library.model import ArticleDraft

_SPACES = re.compile(r"[ \t\u00a0]+")
_CONTAINERS = {"div", "section", "main", "body", "doc", "article"}
# Short blocks that are page furniture even when trafilatura lets them through (its fallback
# extractors do, on pages with little text): kept in `removed`, never in the body.
_FURNITURE = [
    ("cookie", re.compile(r"\bcookies?\b.*\b(accept|agree|consent|allow|reject|manage|preferences|settings|"
                          r"policy)\b|\b(we|this (site|website)) uses? cookies\b", re.I | re.S)),
    ("promo", re.compile(r"\b(sign up|subscribe) (for|to) (our|the) newsletter\b|\bnewsletter in your inbox\b", re.I)),
    ("advert", re.compile(r"^\s*(advertisement|advert|sponsored( content)?|promoted|ad)\s*[:.-]?\s*$", re.I)),
    ("footer", re.compile(r"\ball rights reserved\b|^\s*(©|\(c\)|copyright)\s*\d{4}", re.I)),
]
FURNITURE_MAX_WORDS = 40


def _text(element) -> str:
    """Text of an element with <lb/> as a newline and runs of spaces collapsed (no recursion)."""
    from lxml import etree

    parts: list[str] = []
    for event, el in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            parts.append("\n" if el.tag == "lb" else (el.text or ""))
        elif el is not element and el.tail:
            parts.append(el.tail)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


_TITLE_ELEMENT = re.compile(r"<title[^>]{0,200}>([^<]{1,500})</title>", re.I)
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014:\u00b7\u2022-]\s+|\s*::\s*")


def _headline_over_site_name(page: str, title: str | None, body) -> str | None:
    """The body's first heading when trafilatura took the site's name for the title: a blog's
    `<h1>Field Notes Blog</h1>` over the post's `<h2>` — told apart by the page's `<title>`,
    "Why I Stopped Using Spreadsheets – Field Notes Blog", which names both."""
    import html

    match = _TITLE_ELEMENT.search(page[:200_000])
    first = next(iter(body.iter("head")), None)
    if not title or match is None or first is None:
        return None
    heading = clean_line(_text(first))
    parts = {part.strip().casefold() for part in _TITLE_SEPARATORS.split(html.unescape(match.group(1)))}
    if heading and heading.casefold() != title.casefold() and {heading.casefold(), title.casefold()} <= parts:
        return heading
    return None


class _BodyWalker:
    def __init__(self, draft: ArticleDraft) -> None:
        self.draft = draft
        self.first = True
        self.seen = 0  # body blocks so far

    def add(self, kind: str, text: str) -> None:
        if len(text.split()) <= FURNITURE_MAX_WORDS:
            for label, pattern in _FURNITURE:
                if pattern.search(text):
                    self.draft.remove(label, text)
                    return
        if kind == "paragraph" and is_byline(text, self.draft.authors, self.seen):
            kind = "byline"
        self.seen += 1
        title = self.draft.title
        if self.first and kind == "heading" and title and text.casefold() == title.casefold():
            kind = "title"  # the page's own H1, already known as the title
        elif self.first and title:
            self.draft.add("title", title)
        self.first = False
        self.draft.add(kind, text)

    def walk(self, element, quote: bool = False) -> None:
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "head":
                self.add("heading", _text(child))
            elif tag == "quote":
                if len(child) and all(c.tag in ("p", "list", "lb") for c in child):
                    self.walk(child, quote=True)
                else:
                    self.add("quote", _text(child))
            elif tag == "p" or tag == "code":
                self.add("quote" if quote else "paragraph", _text(child))
            elif tag == "list":
                self._list(child, quote)
            elif tag == "table":
                rows = [" | ".join(_text(cell) for cell in row) for row in child.iter("row")]
                self.add("paragraph", "\n".join(r for r in rows if r.strip(" |")))
            elif tag == "graphic":
                alt = clean_line(child.get("alt") or child.get("title"))
                if alt:
                    self.add("caption", alt)
            elif tag in _CONTAINERS or len(child):
                self.walk(child, quote)
            elif tag and _text(child):
                self.add("quote" if quote else "paragraph", _text(child))

    def _list(self, element, quote: bool) -> None:
        ordered = (element.get("rend") or "").lower() in ("ol", "ordered")
        number = 1
        for item in element.iter("item"):
            text = _text(item)
            if not text:
                continue
            marker = f"{number}. " if ordered else "• "
            number += 1
            self.add("quote" if quote else "paragraph", marker + text)


# `&#27;` and friends: character references to control characters (escape codes). The text
# itself has none (sources.normalise_text), but references would come back after parsing, and
# lxml drops the whole element that holds one ("no main text found"). &#128;–&#159; are read
# as windows-1252, like browsers do.
_CHAR_REFERENCE = re.compile(r"&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));?")


def _drop_control_references(text: str) -> str:
    def keep(match: re.Match) -> str:
        try:
            code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
        except ValueError:
            return match.group(0)
        if 128 <= code <= 159:  # what browsers do: the windows-1252 character (&#150; is a dash)
            return bytes([code]).decode("cp1252", "ignore")
        return "" if (code < 32 and code not in (9, 10, 13)) or code == 127 else match.group(0)

    return _CHAR_REFERENCE.sub(keep, text)


@functools.cache
def _quiet_parser_logs() -> None:
    """Once per process: trafilatura's and htmldate's warnings are about the page, not ours."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def parse_html(text: str, label: str = "html") -> ArticleDraft:
    """Main text and metadata of a saved web page, or SourceError when none is found."""
    import trafilatura

    _quiet_parser_logs()
    text = _drop_control_references(text)
    try:
        doc = trafilatura.bare_extraction(
            text, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_formatting=False, include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 — a parser failure is a bad source, not a bug
        raise SourceError(f"{label}: cannot parse the page ({type(exc).__name__})") from None
    body = getattr(doc, "body", None) if doc is not None else None
    if doc is None or isinstance(doc, dict) or body is None or not _text(body).strip():
        raise SourceError(f"{label}: no main text found in the page")
    draft = ArticleDraft()
    draft.title = clean_line(doc.title)
    draft.authors = authors_list(doc.author)
    draft.date = normalise_date(doc.date)
    draft.url = clean_line(doc.url)
    draft.outlet = clean_line(doc.sitename)
    headline = _headline_over_site_name(text, draft.title, body)
    if headline:
        draft.outlet = draft.outlet or draft.title
        draft.title = headline
    walker = _BodyWalker(draft)
    try:
        walker.walk(body)
    except RecursionError:
        raise SourceError(f"{label}: the page is nested too deeply to read") from None
    if not any(kind != "title" for kind, _ in draft.pieces):
        raise SourceError(f"{label}: no main text found in the page")
    if not draft.title:
        first = draft.pieces[0][1].split("\n")[0]
        draft.title = first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"
        draft.title_is_derived = True
    return draft
