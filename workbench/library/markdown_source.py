"""Markdown source → ArticleDraft: YAML front matter for metadata, markdown-it-py for the body.

Markup is turned into plain text (emphasis, links, inline code keep only their words) while
the structure survives as block kinds: headings stay headings, blockquotes become quotes,
list items and table rows stay separate lines. Raw HTML blocks are not article text; they
are kept in `removed` so nothing disappears silently.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbench.errors import SourceError
from workbench.library.metadata import authors_list, clean_line, is_byline, normalise_date, tags_list
from workbench.library.model import ArticleDraft

_FENCES = ("---", "...")
_KEY_LINE = re.compile(r"^[A-Za-z_][\w -]*:")
_TAGS = re.compile(r"<[^>]*>")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SPACES = re.compile(r"[ \t\u00a0]+")
# Footnotes (no plugin needed): `[^1]` → `[1]`; each `[^1]: text` definition its own paragraph.
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*", re.MULTILINE)


def split_front_matter(text: str, label: str = "markdown") -> tuple[dict, str]:
    """(front matter mapping, body). A leading `---` that is not YAML is just Markdown."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].strip() in _FENCES:
            break
    else:
        return {}, text
    block = "\n".join(lines[1:end])
    first = next((line for line in lines[1:end] if line.strip()), "")
    if first and not _KEY_LINE.match(first):
        return {}, text  # a thematic break, not front matter
    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise SourceError(f"{label}: front matter is not valid YAML{where}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, text
    return {str(k).strip().lower(): v for k, v in data.items()}, "\n".join(lines[end + 1:])


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"^(https?://|www\.)\S+$", value, re.IGNORECASE))


def _apply_front_matter(draft: ArticleDraft, meta: dict[str, Any]) -> None:
    draft.title = clean_line(meta.get("title"))
    draft.subtitle = clean_line(meta.get("subtitle") or meta.get("dek"))
    draft.authors = authors_list(meta.get("author"), meta.get("authors"))
    draft.date = normalise_date(meta.get("date") or meta.get("published") or meta.get("pubdate"))
    draft.tags = tags_list(meta.get("tags") or meta.get("keywords"))
    url = clean_line(meta.get("url") or meta.get("link"))
    source = clean_line(meta.get("source"))
    if source and _looks_like_url(source):
        url = url or source
        source = None
    draft.url = url
    draft.outlet = clean_line(meta.get("outlet") or meta.get("publication") or meta.get("publisher")
                              or meta.get("site")) or source


def inline_text(token: Token) -> str:
    """Plain text of an inline token: markup dropped, soft breaks → spaces."""
    out: list[str] = []
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            out.append(child.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind == "html_inline" and re.match(r"<br\s*/?>", child.content, re.IGNORECASE):
            out.append("\n")
        # images, inline HTML, emphasis/link open/close markers: no text of their own
    text = _FOOTNOTE_REF.sub(r"[\1]", "".join(out))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def _image_alts(token: Token) -> list[str] | None:
    """Alt texts when a paragraph holds nothing but images (a figure), else None."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())
                and c.type not in ("softbreak", "hardbreak")]
    if not children or any(c.type != "image" for c in children):
        return None
    return [c.content.strip() for c in children if c.content.strip()]


class _Walker:
    """Turns the flat markdown-it token stream into draft pieces."""

    def __init__(self, draft: ArticleDraft) -> None:
        self.draft = draft
        self.quote_depth = 0
        self.lists: list[list] = []  # per open list: [ordered, next number]
        self.item_prefix: str | None = None  # pending marker for the item's first line
        self.table_rows: list[list[str]] | None = None
        self.title_done = False  # title block emitted yet?
        self.seen_text = False
        self.body = 0  # body blocks so far (bylines are only looked for near the top)

    def add(self, kind: str, text: str) -> None:
        if self.quote_depth and kind == "paragraph":
            kind = "quote"
        elif kind == "paragraph" and self.item_prefix is None and is_byline(text, self.draft.authors, self.body):
            kind = "byline"
        if kind not in ("title", "subtitle"):
            self.body += 1
        if self.item_prefix is not None and kind in ("paragraph", "quote"):
            text = self.item_prefix + text
            self.item_prefix = None
        if text.strip():
            self.seen_text = True
        self.draft.add(kind, text)

    def heading(self, text: str, level: str) -> None:
        if not text:
            return
        draft = self.draft
        if not self.seen_text and level == "h1" and not self.quote_depth and not self.lists:
            if draft.title is None:
                draft.title = text
                self.add("title", text)
                self._add_subtitle()
                return
            if text.casefold() == draft.title.casefold() and not self.title_done:
                self.title_done = True
                self.add("title", text)
                self._add_subtitle()
                return
        self._ensure_title()
        self.add("heading", text)

    def _ensure_title(self) -> None:
        """Front matter title not repeated in the body: it still opens the text."""
        if not self.title_done and self.draft.title:
            self.title_done = True
            self.add("title", self.draft.title)
            self._add_subtitle()
        self.title_done = True

    def _add_subtitle(self) -> None:
        self.title_done = True
        if self.draft.subtitle:
            self.draft.add("subtitle", self.draft.subtitle)

    def walk(self, tokens: list[Token]) -> None:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                self.heading(inline_text(tokens[i + 1]), tok.tag)
                i += 3
                continue
            if kind == "inline" and self.table_rows is not None:
                self.table_rows[-1].append(inline_text(tok))
            elif kind == "inline":
                self._ensure_title()
                alts = _image_alts(tok)
                if alts is not None:
                    for alt in alts:
                        self.add("caption", alt)
                else:
                    self.add("paragraph", inline_text(tok))
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                start = tok.attrGet("start")
                self.lists.append([kind == "ordered_list_open", int(start) if start else 1])
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                self.item_prefix = None
            elif kind == "list_item_open" and self.lists:
                ordered, number = self.lists[-1]
                self.item_prefix = f"{number}. " if ordered else "• "
                self.lists[-1][1] = number + 1
            elif kind in ("fence", "code_block"):
                self._ensure_title()
                self.add("paragraph", tok.content.rstrip("\n"))
            elif kind == "html_block":
                markup = _HTML_COMMENT.sub("", tok.content).strip()
                if markup:
                    self.draft.remove("markup", _SPACES.sub(" ", _TAGS.sub(" ", markup)).strip() or markup)
            elif kind == "table_open":
                self.table_rows = []
            elif kind == "tr_open" and self.table_rows is not None:
                self.table_rows.append([])
            elif kind == "table_close" and self.table_rows is not None:
                rows, self.table_rows = self.table_rows, None
                self._ensure_title()
                self.add("paragraph", "\n".join(" | ".join(cells) for cells in rows if any(cells)))
            i += 1


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """Built once: creating a MarkdownIt costs more than parsing a typical article."""
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def parse_markdown(text: str, label: str = "markdown") -> ArticleDraft:
    """Front matter + Markdown body → ArticleDraft (title, headings, paragraphs, quotes)."""
    meta, body = split_front_matter(text, label)
    draft = ArticleDraft()
    _apply_front_matter(draft, meta)
    walker = _Walker(draft)
    body = _FOOTNOTE_DEF.sub(lambda m: f"\n[^{m.group(1)}] ", body)
    walker.walk(_parser().parse(body))
    if not walker.title_done and draft.title:
        walker._ensure_title()
    if not any(kind not in ("title", "subtitle") for kind, _ in draft.pieces):
        raise SourceError(f"{label}: no article text (only front matter or markup)")
    if not draft.title:
        texts = [t for k, t in draft.pieces if k in ("heading", "paragraph", "quote")]
        first = (texts or [t for _, t in draft.pieces])[0]
        line = first.split("\n")[0]
        draft.title = line if len(line) <= 80 else line[:77].rsplit(" ", 1)[0] + "…"
        draft.title_is_derived = True
    return draft
