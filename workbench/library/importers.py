"""Source kind → ArticleDraft. One parser per kind; all produce the same draft model."""

from __future__ import annotations

from workbench.errors import SourceError
from workbench.library.model import ArticleDraft
from workbench.library.sources import SourceText


def draft_from_source(source: SourceText) -> ArticleDraft:
    suffix = source.path.suffix.lower()
    if suffix == ".txt":
        from workbench.library.clean import clean_plain_text

        return clean_plain_text(source.text)
    raise SourceError(f"{source.path}: unsupported file type {suffix or '(none)'}")
