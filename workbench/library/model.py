"""The Article: metadata + clean text + blocks. The single source of truth for positions.

Everything downstream (highlights, search hits, export locations) speaks in character
offsets into `Article.text`. Importers never build offsets by hand: they produce an
`ArticleDraft` (a list of typed pieces of text) and `ArticleDraft.assemble` joins them with
blank lines and computes every block's offsets in one place.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from workbench.textnorm import strip_control

BLOCK_KINDS = ("title", "subtitle", "byline", "heading", "paragraph", "quote", "caption")
BLOCK_SEPARATOR = "\n\n"
# What a cached record may not contain: control characters (escape codes to the terminal)
# and lone surrogates. Text keeps \t and \n; metadata keeps neither.
_BAD_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_BAD_IN_META = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_HEX64 = re.compile(r"[0-9a-f]{64}")


class _Fields:
    """`to_dict()`: the JSON form of a small record — its fields, in declaration order."""

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Block(_Fields):
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class PageRange(_Fields):
    """The part of the clean text printed on one page of the source (PDF): [start, end)."""

    number: int
    start: int
    end: int
    label: str | None = None  # the page's printed name when the PDF gives one other than `number` ("iv")

    def to_dict(self) -> dict:
        record: dict = {"number": self.number, "start": self.start, "end": self.end}
        if self.label is not None:
            record["label"] = self.label
        return record

    @property
    def name(self) -> str:
        """What the page is called in a citation: its label, else its number."""
        return self.label if self.label is not None else str(self.number)


@dataclass(frozen=True)
class Chapter(_Fields):
    """The part of the clean text in one chapter of a book (EPUB): [start, end)."""

    title: str
    start: int
    end: int


@dataclass(frozen=True)
class Removed(_Fields):
    """Something the cleaner took out of the body, kept so nothing vanishes silently."""

    kind: str  # bio, pull_quote, advert, promo, footer, caption, credit, markup, ...
    text: str


@dataclass
class Article:
    id: str
    path: Path
    title: str
    title_is_derived: bool
    text: str
    blocks: list[Block]
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    tags: list[str] = field(default_factory=list)  # from Markdown front matter
    removed: list[Removed] = field(default_factory=list)
    source_hash: str = ""
    encoding: str = "utf-8"
    pages: list[PageRange] = field(default_factory=list)  # ascending, covering the text (PDFs only)
    chapters: list[Chapter] = field(default_factory=list)  # ascending, not overlapping (EPUBs only)
    language: str | None = None  # as the source declares it (EPUB: dc:language)

    @cached_property
    def text_hash(self) -> str:
        """Hash of the clean text: when it changes, annotations must be re-anchored."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def words(self) -> int:
        return len(self.text.split())

    def blocks_of(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    def block_at(self, offset: int) -> Block | None:
        """The block containing `offset` (or the next one when it falls on a separator)."""
        for block in self.blocks:
            if offset < block.end:
                return block
        return self.blocks[-1] if self.blocks else None

    def page_at(self, offset: int) -> int | None:
        """The source page holding `offset` (None for sources without pages)."""
        page = self.page_range_at(offset)
        return page.number if page is not None else None

    def page_name_at(self, offset: int) -> str | None:
        """What the page holding `offset` is called in a citation: its printed label ("iv") when
        the PDF gives one, else its number (None for sources without pages)."""
        page = self.page_range_at(offset)
        return page.name if page is not None else None

    def page_range_at(self, offset: int) -> PageRange | None:
        """The page holding `offset` (None for sources without pages)."""
        if not self.pages:
            return None
        starts = [p.start for p in self.pages]
        return self.pages[max(0, bisect_right(starts, offset) - 1)]

    def chapter_at(self, offset: int) -> str | None:
        """The title of the chapter holding `offset` (None outside chapters or without any)."""
        if not self.chapters:
            return None
        i = bisect_right([c.start for c in self.chapters], offset) - 1
        return self.chapters[i].title if i >= 0 and offset < self.chapters[i].end else None

    def summary(self) -> dict:
        """The `workbench list --json` record."""
        return {
            "id": self.id,
            "title": self.title,
            "title_is_derived": self.title_is_derived,
            "subtitle": self.subtitle,
            "authors": list(self.authors),
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
            "path": str(self.path),
            "words": self.words,
        }

    def to_dict(self) -> dict:
        """The `workbench show --json` record."""
        record = self.summary()
        record.update(
            text=self.text,
            blocks=[b.to_dict() for b in self.blocks],
            removed=[r.to_dict() for r in self.removed],
            pages=[p.to_dict() for p in self.pages],
            chapters=[c.to_dict() for c in self.chapters],
            language=self.language,
            tags=list(self.tags),  # the source's own (Markdown front matter), not highlights' tags
        )
        return record

    def to_cache(self) -> dict:
        record = self.to_dict()
        record.update(url=self.url, tags=self.tags, source_hash=self.source_hash, encoding=self.encoding,
                      text_hash=self.text_hash)
        return record

    @classmethod
    def from_cache(cls, record: dict) -> "Article":
        """An article from the article cache, a file in the workspace anyone may have written:
        every field is type- and range-checked (ValueError → the source is cleaned again)."""
        _check_cached(record)
        article = cls._from_record(record)
        if record.get("text_hash"):
            article.__dict__["text_hash"] = record["text_hash"]  # saves re-hashing big texts
        return article

    @classmethod
    def _from_record(cls, record: dict) -> "Article":
        return cls(
            id=record["id"],
            path=Path(record["path"]),
            title=record["title"],
            title_is_derived=record["title_is_derived"],
            text=record["text"],
            blocks=[Block(**b) for b in record["blocks"]],
            subtitle=record.get("subtitle"),
            authors=list(record.get("authors") or []),
            outlet=record.get("outlet"),
            date=record.get("date"),
            url=record.get("url"),
            tags=list(record.get("tags") or []),
            removed=[Removed(**r) for r in record.get("removed") or []],
            source_hash=record.get("source_hash", ""),
            encoding=record.get("encoding", "utf-8"),
            pages=[PageRange(**p) for p in record.get("pages") or []],
            chapters=[Chapter(**c) for c in record.get("chapters") or []],
            language=record.get("language"),
        )


def _check_cached(record) -> None:
    """ValueError unless `record` is what `Article.to_cache` writes, with sane values."""
    def meta(value, optional=True) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or _BAD_IN_META.search(value):
            raise ValueError("bad metadata in cached article")

    if not isinstance(record, dict):
        raise ValueError("cached article is not an object")
    text = record.get("text")
    if not isinstance(text, str) or _BAD_IN_TEXT.search(text):
        raise ValueError("bad text in cached article")
    for key in ("id", "path", "title"):
        meta(record.get(key), optional=False)
    for key in ("subtitle", "outlet", "date", "url", "encoding", "source_hash", "language"):
        meta(record.get(key))
    for key, fields in (("pages", ("number", "start", "end")), ("chapters", ("title", "start", "end"))):
        ranges = record.get(key) or []
        if not isinstance(ranges, list) or not all(
                isinstance(r, dict) and (tuple(r) == fields or key == "pages" and tuple(r) == (*fields, "label")
                                         and isinstance(r["label"], str) and not _BAD_IN_TEXT.search(r["label"]))
                and all(type(r[f]) is int for f in fields[1:])
                and (type(r[fields[0]]) is int if key == "pages" else isinstance(r[fields[0]], str))
                for r in ranges):
            raise ValueError(f"bad {key} in cached article")
        for r in ranges:
            if key == "chapters":
                meta(r["title"], optional=False)
    for key in ("authors", "tags"):
        values = record.get(key) or []
        if not isinstance(values, list):
            raise ValueError(f"bad {key} in cached article")
        for value in values:
            meta(value, optional=False)
    if type(record.get("title_is_derived")) is not bool:
        raise ValueError("bad title_is_derived in cached article")
    if record.get("text_hash") is not None and not (isinstance(record["text_hash"], str)
                                                     and _HEX64.fullmatch(record["text_hash"])):
        raise ValueError("bad text_hash in cached article")
    blocks, pos = record.get("blocks"), 0
    if not isinstance(blocks, list):
        raise ValueError("bad blocks in cached article")
    for block in blocks:
        if not (isinstance(block, dict) and set(block) == {"kind", "start", "end"} and block["kind"] in BLOCK_KINDS
                and type(block["start"]) is int and type(block["end"]) is int
                and pos <= block["start"] < block["end"] <= len(text)):
            raise ValueError("bad block in cached article")
        pos = block["end"]
    removed = record.get("removed") or []
    if not isinstance(removed, list) or not all(
            isinstance(r, dict) and set(r) == {"kind", "text"} and isinstance(r["text"], str)
            and not _BAD_IN_TEXT.search(r["text"]) and not _BAD_IN_META.search(str(r["kind"])) for r in removed):
        raise ValueError("bad removed text in cached article")

@dataclass
class ArticleDraft:
    """What an importer produces: metadata plus typed pieces of clean text, in order."""

    title: str | None = None
    title_is_derived: bool = False
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    pieces: list[tuple[str, str]] = field(default_factory=list)  # (kind, text) in reading order
    removed: list[Removed] = field(default_factory=list)
    # (page number, piece index, offset in the piece) where each source page begins (PDFs)
    page_marks: list[tuple[int, int, int]] = field(default_factory=list)
    page_labels: dict[int, str] = field(default_factory=dict)  # page number → printed name, where they differ (PDFs)
    chapter_marks: list[tuple[str, int]] = field(default_factory=list)  # (title, first piece), EPUBs
    language: str | None = None

    def add(self, kind: str, text: str) -> None:
        if kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind {kind!r}")
        text = strip_control(text).strip()  # escape codes can come back from HTML entities (&#27;)
        if text:
            self.pieces.append((kind, text))

    def remove(self, kind: str, text: str) -> None:
        text = text.strip()
        if text:
            self.removed.append(Removed(kind, text))

    def assemble(self, *, article_id: str, path: Path, source_hash: str = "", encoding: str = "utf-8") -> Article:
        """Join the pieces with blank lines; every block gets exact offsets into the text."""
        parts: list[str] = []
        blocks: list[Block] = []
        pos = 0
        for kind, text in self.pieces:
            if parts:
                parts.append(BLOCK_SEPARATOR)
                pos += len(BLOCK_SEPARATOR)
            parts.append(text)
            blocks.append(Block(kind, pos, pos + len(text)))
            pos += len(text)
        pages = self._pages(blocks, pos)
        chapters = [Chapter(strip_control(title).strip(), blocks[piece].start,
                            blocks[self.chapter_marks[i + 1][1] - 1].end if i + 1 < len(self.chapter_marks) else pos)
                    for i, (title, piece) in enumerate(self.chapter_marks) if piece < len(blocks)]
        # Metadata is printed as it is: escape codes from YAML ("\e[31m") or HTML entities go.
        def meta(value: str | None) -> str | None:
            return (strip_control(value).strip() or None) if value is not None else None

        title = meta(self.title) or article_id
        return Article(
            id=article_id,
            path=path,
            title=title,
            title_is_derived=self.title_is_derived or not meta(self.title),
            text="".join(parts),
            blocks=blocks,
            subtitle=meta(self.subtitle),
            authors=[name for name in map(meta, self.authors) if name],
            outlet=meta(self.outlet),
            date=self.date,
            url=meta(self.url),
            tags=[tag for tag in map(meta, self.tags) if tag],
            removed=list(self.removed),
            source_hash=source_hash,
            encoding=encoding,
            pages=pages,
            chapters=chapters,
            language=meta(self.language),
        )

    def _pages(self, blocks: list[Block], length: int) -> list[PageRange]:
        """Page marks → contiguous ranges: the first starts at 0, the last ends at the text's end."""
        starts: list[tuple[int, int]] = []
        for number, piece, offset in self.page_marks:
            if piece >= len(blocks):
                continue
            at = 0 if not starts else min(blocks[piece].start + offset, length)
            if starts and at <= starts[-1][1]:
                starts[-1] = (number, starts[-1][1])  # no text of its own: the later page wins
                continue
            starts.append((number, at))
        labels = self.page_labels
        return [PageRange(number, at, starts[i + 1][1] if i + 1 < len(starts) else length, labels.get(number))
                for i, (number, at) in enumerate(starts)]
