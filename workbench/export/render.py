"""One article's note: front matter data and the generated Markdown body.

Depends only on the Article model and on Annotation-shaped objects (id, start, end, quote,
color, note, tags, status), so it can be rendered and tested without the store.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.export.flavours import Flavour
from workbench.export.flavours import flavour as _flavour
from workbench.export.markdown_safety import block_lines, hashtag, inline, plain

if TYPE_CHECKING:
    from workbench.library.model import Article

OBSIDIAN = _flavour("obsidian")

# Statuses whose offsets still point at the quote in the current text.
PLACED = ("anchored", "moved", "needs_review")
SHORT_ID = 8


@dataclass(frozen=True)
class Location:
    """Where a highlight sits: the source page (PDFs), the heading above it — a chapter or
    section in a book — and its paragraph number (1-based)."""

    heading: str | None
    paragraph: int | None
    kind: str | None  # kind of the block holding the start ("paragraph", "heading", ...)
    page: str | None = None  # the page's printed name ("12", "iv")
    chapter: str | None = None

    def describe(self) -> str:
        if self.kind is None:
            return "not found in the current text"
        if self.chapter and self.heading and self.heading != self.chapter:
            where = f"in “{inline(self.chapter)}”, under “{inline(self.heading)}”"
        elif self.chapter:
            where = f"in “{inline(self.chapter)}”"
        else:
            where = f"under “{inline(self.heading)}”" if self.heading else "before the first heading"
        if self.paragraph is not None:
            where = f"{where}, paragraph {self.paragraph}"
        else:
            where = f"{where}, in the {inline(self.kind)}"
        return f"p. {inline(self.page)}, {where}" if self.page is not None else where


class NoteLayout:
    """Block lookup for one article in O(log n): heading and paragraph number per block."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.blocks = list(article.blocks)
        self.ends = [b.end for b in self.blocks]
        self.headings: list[str | None] = []
        self.paragraphs: list[int | None] = []
        heading, count = None, 0
        for block in self.blocks:
            if block.kind == "paragraph":
                count += 1
                self.paragraphs.append(count)
            else:
                self.paragraphs.append(None)
            self.headings.append(heading)  # the heading *above* this block
            if block.kind == "heading":
                heading = plain(article.text[block.start:block.end])
        self._where: dict[str, str] = {}

    def where(self, annotation) -> str:
        """`locate(...).describe()`, computed once per annotation (notes and tag pages share it)."""
        text = self._where.get(annotation.id)
        if text is None:
            text = self._where[annotation.id] = self.locate(annotation).describe()
        return text

    def locate(self, annotation) -> Location:
        if getattr(annotation, "status", "anchored") not in PLACED or not self.blocks:
            return Location(None, None, None)
        # first block ending after the start (a start on a separator belongs to the next)
        i = min(bisect_right(self.ends, annotation.start), len(self.blocks) - 1)
        block = self.blocks[i]
        heading = self.headings[i]
        article = self.article
        page = article.page_name_at(annotation.start) if getattr(article, "pages", None) else None
        chapter = article.chapter_at(annotation.start) if getattr(article, "chapters", None) else None
        return Location(heading, self.paragraphs[i], block.kind, page, chapter)


def reading_order(annotations) -> list:
    """Placed highlights by position, then the ones that lost their place (by creation)."""
    placed = [a for a in annotations if a.status in PLACED]
    lost = [a for a in annotations if a.status not in PLACED]
    placed.sort(key=lambda a: (a.start, a.end, a.id))
    lost.sort(key=lambda a: (a.created, a.id))
    return placed + lost


def id_chars(ann_id: str) -> str:
    """Letters and digits of an id (uuids: drop the dashes), lower case."""
    value = ann_id.replace("-", "").lower()
    if not (value.isascii() and value.isalnum()):
        value = re.sub(r"[^0-9a-z]", "", value)
    return value or "h"


def block_ids(annotations) -> dict[str, str]:
    """Stable `^id` per annotation: 8 characters of its uuid, longer only on a clash."""
    clean = {a.id: id_chars(a.id) for a in annotations}
    shorts = {i: c[:SHORT_ID] for i, c in clean.items()}
    if len(set(shorts.values())) == len(shorts):
        return shorts  # the usual case: no clash
    out: dict[str, str] = {}
    for length in range(SHORT_ID, 64):
        pending = [i for i in clean if i not in out]
        if not pending:
            break
        counts: dict[str, int] = {}
        for i in pending:
            counts[clean[i][:length]] = counts.get(clean[i][:length], 0) + 1
        taken = set(out.values())
        for i in sorted(pending):
            short = clean[i][:length]
            if counts[short] == 1 and short not in taken:
                out[i] = short
    for i in clean:  # identical cleaned ids (cannot happen with uuids): number them
        out.setdefault(i, f"{clean[i]}-{sorted(clean).index(i)}")
    return out


def union_tags(annotations) -> list[str]:
    seen: dict[str, None] = {}
    for annotation in annotations:
        for tag in annotation.tags:
            seen.setdefault(hashtag(tag)[1:], None)
    return sorted(seen)


def byline(article: Article) -> str:
    parts = []
    authors = [inline(a) for a in article.authors if plain(a)]
    if authors:
        names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
        parts.append("By " + names)
    if plain(article.outlet):
        parts.append(inline(article.outlet))
    if plain(article.date):
        parts.append(inline(article.date))
    return " · ".join(parts)


def source_path(article: Article, root: Path | None) -> str:
    path = Path(article.path)
    if root is not None:
        for candidate, base in ((path, root), (path.resolve(), root.resolve())):  # cheap try first
            try:
                return candidate.relative_to(base).as_posix()
            except ValueError:
                pass
    return path.as_posix()


def front_matter(article: Article, annotations, root: Path | None = None, meta=None) -> dict:
    """The note's head: metadata, citation fields (`meta`: a SourceMeta) and the union of tags."""
    return {
        "title": plain(article.title),
        "authors": [plain(a) for a in article.authors if plain(a)],
        "outlet": plain(article.outlet) or None,
        "date": plain(article.date) or None,
        "url": plain(meta.url if meta else article.url) or None,
        "accessed": meta.accessed if meta else None,
        "citekey": meta.citekey if meta else None,
        "source": article.id,
        "path": source_path(article, root),
        "tags": union_tags(annotations),
        "highlights": len(annotations),
    }


@lru_cache(maxsize=65536)
def quote_block(text: str) -> str:
    """The quote as blockquote lines (every line prefixed, so nothing escapes it)."""
    return "\n".join([("> " + line) if line else ">" for line in block_lines(text)] or ["> …"])


_WEB_URL = re.compile(r"^https?://[^\s<>\\`\x00-\x1f\x7f]+$")


def source_link(url: str | None) -> str | None:
    """`<https://…>` for a plain web address (an autolink renders it as written, underscores
    and all); anything else (javascript:, spaces, angle brackets) is not linked."""
    value = plain(url)
    return f"<{value}>" if value and _WEB_URL.match(value) else None


def render_body(article: Article, annotations, ids: dict[str, str], layout: NoteLayout | None = None,
                flavour: Flavour = OBSIDIAN) -> str:
    """`# Title`, byline, source link, then every highlight in reading order (Logseq: page
    title comes from `title::`, everything else is a block)."""
    layout = layout or NoteLayout(article)
    bullet = "- " if flavour.logseq else ""
    out = [] if flavour.logseq else [f"# {inline(article.title) or inline(article.id)}", ""]
    line = byline(article)
    if line:
        out += [bullet + line] + ([] if flavour.logseq else [""])
    link = source_link(article.url)
    if link:
        out += [f"{bullet}Source: {link}"] + ([] if flavour.logseq else [""])
    for annotation in reading_order(annotations):
        out += flavour.highlight(annotation, ids[annotation.id], layout.where(annotation), quote_block(annotation.quote))
        if not flavour.logseq:
            out.append("")
    return "\n".join(out)
