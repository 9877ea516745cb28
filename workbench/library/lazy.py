"""An Article built from the library manifest: metadata at once, text and blocks on first use.

`list`, the app's first frame and a search over 100k articles need titles, ids and text
hashes of every article but the text of few: a LazyArticle holds the manifest's row and asks
its `Loader` for the rest when first read (only the text, if that is all that is read).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.library.model import Article


class Loader:
    """What a LazyArticle calls for its lazy fields: `full(stub)` → the whole Article;
    `text(stub)` → just its clean text, or None (then the whole article is loaded)."""

    __slots__ = ("full", "text")

    def __init__(self, full: Callable[[LazyArticle], Article], text: Callable[[LazyArticle], str | None]) -> None:
        self.full, self.text = full, text

    def __call__(self, stub: LazyArticle) -> Article:
        return self.full(stub)


class LazyArticle(Article):
    """An Article built from the manifest: metadata now, `text`/`blocks`/`removed` on first use.

    `load` (set by the Library) returns the full Article; until something reads the text,
    nothing but the manifest line was read. `words` and `text_hash` come from the manifest.
    """

    _LAZY = frozenset({"text", "blocks", "removed", "pages", "chapters", "language"})

    @classmethod
    def of(cls, fields: dict, load) -> "LazyArticle":
        """`fields`: the metadata, with `_path` (a str, made a Path when first asked) and `_words`."""
        article = cls.__new__(cls)
        article.__dict__.update(fields)
        article.__dict__["_load"] = load
        return article

    def __getattr__(self, name: str):
        # only called for attributes not set yet: the lazy ones, or a real AttributeError
        state = self.__dict__
        if name == "path" and "_path" in state:
            state["path"] = Path(state["_path"])
            return state["path"]
        if name not in LazyArticle._LAZY or "_load" not in state:
            raise AttributeError(name)
        text_only = getattr(state["_load"], "text", None) if name == "text" else None
        if text_only is not None and (text := text_only(self)) is not None:
            state["text"] = text  # the rest (blocks…) when first asked: a reader of text reads no more
            return text
        full = state["_load"](self)
        for key in LazyArticle._LAZY:
            state[key] = getattr(full, key)
        if full.text_hash != state.get("text_hash"):  # the source changed meanwhile: follow it
            state.update(text_hash=full.text_hash, source_hash=full.source_hash, _words=full.words)
        return state[name]

    @property
    def loaded(self) -> bool:
        return "text" in self.__dict__

    def forget(self) -> None:
        """Drop the lazy fields read so far (read again on next use): a bulk reader of every
        text (the search index build) leaves the library as small as it found it."""
        state = self.__dict__
        if "_load" in state:
            for key in LazyArticle._LAZY:
                state.pop(key, None)

    @property
    def words(self) -> int:
        words = self.__dict__.get("_words")
        return words if words is not None else len(self.text.split())
