"""One source file → one Article, with no cache: read, decode, parse, clean, assemble.

Its own module so the process pool's workers (`library.bulk`) and the `Library` both use it
without the package importing itself back.
"""

from __future__ import annotations

from pathlib import Path

from workbench.library.model import Article
from workbench.library.sources import load_source


def build_article(path: Path, article_id: str | None = None, *, furniture: frozenset[str] = frozenset()) -> Article:
    """Read, decode and clean one source file (no cache); `furniture`: library evidence."""
    from workbench.library.parsers import draft_from_source

    source = load_source(path)
    draft = draft_from_source(source, furniture=furniture)
    return draft.assemble(
        article_id=article_id or path.stem,
        path=path,
        source_hash=source.source_hash,
        encoding=source.encoding,
    )
