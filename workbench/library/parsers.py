"""Source kind → ArticleDraft. One parser per kind; all produce the same draft model.

The kind is the file suffix: `.txt` goes to the plain-text cleaner, `.md`/`.markdown` to the
Markdown importer (front matter + body), `.html`/`.htm` to the web-page extractor, `.pdf` to
the PDF reader and `.epub` to the e-book reader (both take the bytes, not decoded text).
"""

from __future__ import annotations

from collections.abc import Callable

from workbench.errors import SourceError
from workbench.library.model import ArticleDraft
from workbench.library.sources import SourceText

KINDS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".epub": "epub",
}


def kind_of(suffix: str) -> str | None:
    """'text' | 'markdown' | 'html' for a supported suffix, else None."""
    return KINDS.get(suffix.lower())


def draft_from_source(source: SourceText, progress: Callable[[int, int], None] | None = None, *,
                      furniture: frozenset[str] = frozenset()) -> ArticleDraft:
    """`progress(done, total)`: called per page while a PDF is read (a long one takes a while);
    `furniture`: lines of a plain-text source that recur across the library (library/evidence.py)."""
    suffix = source.path.suffix.lower()
    kind = kind_of(suffix)
    if kind == "text":
        from workbench.library.clean import clean_plain_text

        return clean_plain_text(source.text, furniture=furniture)
    if kind == "markdown":
        from workbench.library.markdown_source import parse_markdown

        return parse_markdown(source.text, str(source.path))
    if kind == "html":
        from workbench.library.html_source import parse_html

        return parse_html(source.text, str(source.path))
    if kind == "pdf":
        from workbench.library.pdf_source import parse_pdf

        return parse_pdf(source.data or b"", str(source.path), progress)
    if kind == "epub":
        from workbench.library.epub_source import parse_epub

        return parse_epub(source.data or b"", str(source.path))
    raise SourceError(f"{source.path}: unsupported file type {suffix or '(none)'}")
