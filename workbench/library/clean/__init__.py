"""The plain-text cleaner: messy article text → ArticleDraft (see pipeline.py, docs/cleaning.md).

The package itself imports nothing: `clean_plain_text` (the pipeline and every rule module,
~40 ms of imports and regex compiles) loads on first use, so code that needs only a light
sibling such as `recurring` (the library's evidence digest, read when the TUI paints its
first frame from the manifest) does not pay for the whole cleaner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.library.clean.pipeline import clean_plain_text

__all__ = ["clean_plain_text"]


def __getattr__(name: str):
    if name == "clean_plain_text":
        from workbench.library.clean.pipeline import clean_plain_text

        return clean_plain_text
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
