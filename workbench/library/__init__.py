"""The library: every source in WORKSPACE/seeds/ as a clean Article, with ids and prefixes.

Cleaning is cached per source in WORKSPACE/.workbench/cache/articles/, keyed by the hash of
the source bytes and the cleaner version, so a library of a thousand articles loads fast
and an edited source is re-cleaned on the next command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from workbench.errors import SourceError, UsageError, printable
from workbench.fsutil import atomic_write
from workbench.library.model import Article, ArticleDraft, Block, Removed
from workbench.library.sources import SUPPORTED_SUFFIXES, load_source, read_bytes, source_hash
from workbench.workspace import Workspace

# Bump whenever cleaning/importing output changes: cached articles are rebuilt.
CLEANER_VERSION = "14"

# An id is a file stem: it is printed, stored as JSON and typed back. Control characters
# (escape codes) and bytes that are not UTF-8 in a file name cannot be any of that.
_UNUSABLE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

__all__ = ["Article", "ArticleDraft", "Block", "Library", "Removed", "build_article", "CLEANER_VERSION"]


def build_article(path: Path, article_id: str | None = None) -> Article:
    """Read, decode and clean one source file (no cache)."""
    from workbench.library.parsers import draft_from_source

    source = load_source(path)
    draft = draft_from_source(source)
    return draft.assemble(
        article_id=article_id or path.stem,
        path=path,
        source_hash=source.source_hash,
        encoding=source.encoding,
    )


@dataclass
class Library:
    workspace: Workspace
    problems: list[str] = field(default_factory=list)  # one line per source that failed
    _articles: dict[str, Article] | None = None

    def source_paths(self) -> dict[str, Path]:
        """Article id (file stem) → source path, for every supported file in seeds/."""
        return self._scan_seeds()[0]

    def _scan_seeds(self) -> tuple[dict[str, Path], list[Path]]:
        """(id → path, files passed over because their names cannot be ids)."""
        paths: dict[str, Path] = {}
        unusable: list[Path] = []
        seeds = self.workspace.seeds
        if not seeds.is_dir():
            return paths, unusable
        for path in sorted(seeds.iterdir()):
            if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES and not path.name.startswith("."):
                if _UNUSABLE_NAME.search(path.name):
                    unusable.append(path)
                else:
                    paths.setdefault(path.stem, path)
        return paths, unusable

    @property
    def cache_dir(self) -> Path:
        return self.workspace.state / "cache" / "articles"

    def _load_one(self, article_id: str, path: Path) -> Article:
        data = read_bytes(path)
        digest = source_hash(data)
        cache_file = self.cache_dir / f"{article_id}.json"
        try:
            record = orjson.loads(cache_file.read_bytes())
            if (
                record.get("cleaner_version") == CLEANER_VERSION
                and record["article"].get("id") == article_id
                and record["article"].get("source_hash") == digest
                and record["article"].get("path") == str(path)
            ):
                return Article.from_cache(record["article"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # missing, foreign or tampered with: clean the source again
        article = build_article(path, article_id)
        self.remember(article)
        return article

    def remember(self, article: Article) -> None:
        """Cache a freshly built article so the next load does not clean it again."""
        cache_file = self.cache_dir / f"{article.id}.json"
        try:
            atomic_write(cache_file, orjson.dumps({"cleaner_version": CLEANER_VERSION, "article": article.to_cache()}))
        except OSError:
            pass  # a cache we cannot write only costs time

    def load(self) -> dict[str, Article]:
        """Load (or re-clean) every article; failures are collected in `problems`."""
        if self._articles is None:
            articles: dict[str, Article] = {}
            paths, unusable = self._scan_seeds()
            self.problems = [f"{printable(str(path))}: skipped, its file name has control characters or bytes "
                             f"that are not UTF-8; rename it" for path in unusable]
            for article_id, path in paths.items():
                try:
                    articles[article_id] = self._load_one(article_id, path)
                except SourceError as exc:
                    self.problems.append(exc.message)
            self._articles = articles
        return self._articles

    def reload(self) -> dict[str, Article]:
        self._articles = None
        return self.load()

    @property
    def articles(self) -> list[Article]:
        return list(self.load().values())

    def resolve_id(self, prefix: str) -> str:
        """Full id for a unique prefix; unknown or ambiguous → UsageError (exit 2)."""
        ids = list(self.source_paths())
        if prefix in ids:
            return prefix
        matches = [i for i in ids if i.startswith(prefix)] if prefix else []
        if not matches:
            raise UsageError(f"unknown article id: {prefix!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (" …" if len(matches) > 5 else "")
            raise UsageError(f"ambiguous article id {prefix!r}: matches {shown}")
        return matches[0]

    def get(self, prefix: str) -> Article:
        article_id = self.resolve_id(prefix)
        if self._articles is not None and article_id in self._articles:
            return self._articles[article_id]
        return self._load_one(article_id, self.source_paths()[article_id])
