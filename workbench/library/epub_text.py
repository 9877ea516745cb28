"""One EPUB content document (XHTML) → typed pieces of text, with its notes set aside.

Headings stay headings (a chapter's title is its first heading), paragraphs, block quotes,
list items and table rows keep their shape; scripts, styles and navigation are dropped.
Footnotes and end notes (EPUB 3 `epub:type`, DPUB-ARIA roles, `aside`, a "footnote" class)
are taken out of the running text and collected, to be printed at the end of the book; the
reference in the text becomes `[n]`, so no note lands in the middle of a sentence.
"""

from __future__ import annotations

import re

from workbench.errors import SourceError

EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
_NOTE_TYPES = {"footnote", "endnote", "rearnote", "note", "footnotes", "endnotes", "rearnotes"}
_NOTE_ROLES = {"doc-footnote", "doc-endnote", "doc-endnotes", "doc-rearnote"}
_NOTE_CLASS = re.compile(r"\b(foot-?notes?|end-?notes?)\b", re.IGNORECASE)
_DROP = {"script", "style", "head", "nav", "title", "svg", "math", "object", "iframe", "form", "button", "noscript"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
SKIP_BODY_TYPES = {"cover", "titlepage", "toc", "landmarks", "halftitlepage", "copyright-page"}


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")


def decode_xhtml(data: bytes) -> str:
    """EPUB content is XML: UTF-8 unless a byte-order mark or the XML declaration says otherwise
    (lxml's HTML parser would guess Latin-1 for a file without a <meta> charset)."""
    import codecs

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    else:
        declared = _DECLARED.match(data[:200])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        text = data.decode("utf-8", errors="replace")
    return _XML_DECLARATION.sub("", text, count=1)


def parse_xhtml(data: bytes):
    """lxml's HTML parser: forgiving with entities (&nbsp;) and tag soup; no network, no DTDs."""
    from lxml import etree, html

    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, recover=True,
                             default_doctype=False)
    try:
        root = html.document_fromstring(decode_xhtml(data), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise SourceError("content document is not readable XHTML") from None
    return root


def tag_of(element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def epub_type(element) -> list[str]:
    value = element.get("epub:type") or element.get(EPUB_TYPE) or ""
    return value.lower().split()


def is_note(element) -> bool:
    roles = set((element.get("role") or "").lower().split())
    return bool(set(epub_type(element)) & _NOTE_TYPES or roles & _NOTE_ROLES or tag_of(element) == "aside"
                or _NOTE_CLASS.search(element.get("class") or "") and tag_of(element) not in ("a", "sup", "span"))


def _is_noteref(element) -> bool:
    if tag_of(element) != "a":
        return False
    if "noteref" in epub_type(element) or "doc-noteref" in (element.get("role") or ""):
        return True
    parent = element.getparent()
    return parent is not None and tag_of(parent) == "sup" and "#" in (element.get("href") or "")


def _is_backlink(element) -> bool:
    return "backlink" in epub_type(element) or "doc-backlink" in (element.get("role") or "")


def inline_text(element, refs: dict[str, str] | None = None) -> str:
    """Text of an element: `<br>` a newline, note references `[n]`, nested notes left out.

    `refs` collects each reference's target id → its mark, to number the notes at the end.
    """
    parts: list[str] = []

    def visit(el, top: bool) -> None:
        tag = tag_of(el)
        if not top and (tag in _DROP or is_note(el) or _is_backlink(el)):
            return
        if tag == "br":
            parts.append("\n")
        elif _is_noteref(el):
            mark = " ".join("".join(el.itertext()).split()).strip("[]() ")
            parts.append(f"[{mark}]" if mark else "")
            target = (el.get("href") or "").rpartition("#")[2]
            if refs is not None and mark and target:
                refs.setdefault(target, mark)
            return
        else:
            parts.append(el.text or "")
            for child in el:
                visit(child, False)
                parts.append(child.tail or "")
            return
        for child in el:
            visit(child, False)
            parts.append(child.tail or "")

    visit(element, True)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


class Walker:
    """Collects (kind, text) pieces of one document and the notes found in it."""

    def __init__(self, refs: dict[str, str]) -> None:
        self.pieces: list[tuple[str, str]] = []
        self.notes: list[tuple[list[str], str]] = []  # (ids in the note, its text)
        self.refs = refs  # note id → the mark its reference shows, across the whole book

    def text(self, element) -> str:
        return inline_text(element, self.refs)

    def note(self, element) -> None:
        text = inline_text(element)
        if text:
            ids = [el.get("id") for el in element.iter() if isinstance(el.tag, str) and el.get("id")]
            self.notes.append((ids, text))

    def add(self, kind: str, text: str) -> None:
        if text.strip():
            self.pieces.append((kind, text))

    def walk(self, element, quote: bool = False) -> None:
        for child in element:
            tag = tag_of(child)
            if not tag or tag in _DROP:
                continue
            if is_note(child):
                self.note(child)
                continue
            if tag in _HEADINGS:
                self.add("heading", self.text(child).replace("\n", " "))
            elif tag in ("p", "pre", "dt", "dd", "address"):
                self.add("quote" if quote else "paragraph", self.text(child))
            elif tag == "blockquote":
                if any(tag_of(c) in ("p", "div", "ul", "ol") for c in child):
                    self.walk(child, quote=True)
                else:
                    self.add("quote", self.text(child))
            elif tag in ("ul", "ol"):
                self._list(child, ordered=tag == "ol", quote=quote)
            elif tag == "table":
                rows = [" | ".join(self.text(c) for c in row if tag_of(c) in ("td", "th"))
                        for row in child.iter() if tag_of(row) == "tr"]
                self.add("paragraph", "\n".join(r for r in rows if r.strip(" |")))
            elif tag == "figcaption":
                self.add("caption", self.text(child))
            elif tag in ("img", "image", "hr"):
                continue
            elif tag == "div" and not any(tag_of(c) in _BLOCKS for c in child):
                self.add("quote" if quote else "paragraph", self.text(child))
            else:
                self.walk(child, quote)

    def _list(self, element, ordered: bool, quote: bool) -> None:
        number = int(element.get("start") or 1) if (element.get("start") or "1").isdigit() else 1
        for item in element:
            if tag_of(item) != "li":
                continue
            if is_note(item):
                self.note(item)
                continue
            nested = [c for c in item if tag_of(c) in ("ul", "ol", "p", "div")]
            marker = f"{number}. " if ordered else "• "
            number += 1
            if nested and any(tag_of(c) in ("ul", "ol") for c in nested):
                head = self.text(_without(item, ("ul", "ol")))
                self.add("quote" if quote else "paragraph", marker + head)
                for sub in nested:
                    if tag_of(sub) in ("ul", "ol"):
                        self._list(sub, tag_of(sub) == "ol", quote)
            else:
                self.add("quote" if quote else "paragraph", marker + self.text(item))


_BLOCKS = _HEADINGS | {"p", "div", "blockquote", "ul", "ol", "table", "section", "article", "figure", "pre",
                       "aside", "dl", "header", "footer", "main", "hr"}


def _without(element, tags: tuple[str, ...]):
    """A copy of `element` without its children of the given tags (a list item's sub-list)."""
    import copy

    clone = copy.deepcopy(element)
    for child in list(clone):
        if tag_of(child) in tags:
            tail = child.tail
            clone.remove(child)
            if tail:
                clone.text = (clone.text or "") + tail
    return clone


def skip_document(root) -> bool:
    """A cover, title page or table of contents marked as such in its body or first section."""
    body = next((el for el in root.iter() if tag_of(el) == "body"), None)
    if body is None:
        return False
    marks = set(epub_type(body))
    first = next((c for c in body if tag_of(c)), None)
    if first is not None and tag_of(first) in ("section", "div"):
        marks |= set(epub_type(first))
    return bool(marks & SKIP_BODY_TYPES)
