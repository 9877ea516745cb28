"""The library: every source in WORKSPACE/seeds/ as a clean Article, with ids and prefixes.

What is in the library is answered by the manifest (`.workbench/library.json`, see
manifest.py): per source its signature, hashes and metadata. A source whose signature is
unchanged is not read at all; its Article is a `LazyArticle` whose text and blocks come
from the per-article cache (`.workbench/cache/articles/<id>.json`) on first use. A changed
signature costs a read and a hash; only a changed hash (or a new cleaner version) costs a
clean, done in a process pool when there are many (bulk.py).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from workbench.errors import UsageError, printable
from workbench.library.build import build_article
from workbench.fsutil import gc_paused
from workbench.library.catalog import Catalog, refresh
from workbench.library.manifest import FILENAME
from workbench.library.lazy import LazyArticle, Loader
from workbench.library.model import _BAD_IN_TEXT, Article, ArticleDraft, Block, Removed
from workbench.library.sources import SUPPORTED_SUFFIXES, read_bytes, source_hash
from workbench.workspace import Workspace

if TYPE_CHECKING:  # imported where used: `list` and the TUI's first frame need neither (nor bulk.py)
    from workbench.library.evidence import SiteEvidence

# Bump whenever cleaning/importing output changes: cached articles are rebuilt.
CLEANER_VERSION = "34"

# An id is a file stem: it is printed, stored as JSON and typed back. Control characters
# (escape codes) and bytes that are not UTF-8 in a file name cannot be any of that.
_UNUSABLE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
# A supported source: not hidden, one of SUPPORTED_SUFFIXES (any case).
_SUFFIXES = "|".join(re.escape(suffix) for suffix in SUPPORTED_SUFFIXES)
_SOURCE_NAME = re.compile(rf"(?!\.).+(?:{_SUFFIXES})\Z", re.IGNORECASE | re.DOTALL)

__all__ = ["Article", "ArticleDraft", "Block", "LazyArticle", "Library", "Removed", "build_article",
           "CLEANER_VERSION"]


@dataclass
class Library:
    workspace: Workspace
    problems: list[str] = field(default_factory=list)  # one line per source that failed
    _articles: dict[str, Article] | None = None
    _built: dict[str, Article] = field(default_factory=dict)  # articles made one at a time (`article`)
    _catalog: Catalog | None = None
    _evidence: SiteEvidence | None = None
    _digests: dict[str, str] | None = None  # file name → evidence digest still holding (evidence.py)
    _digests_checked: bool = False
    cleaner_version: str = CLEANER_VERSION

    def source_paths(self) -> dict[str, Path]:
        """Article id → source path, for every supported file in seeds/. The id is the file stem;
        when two sources share a stem (report.md, report.txt) the first keeps it and the
        others get the suffix too (`report-txt`)."""
        seeds = self.workspace.seeds
        return {article_id: seeds / name for article_id, name in self._scan_names()[0].items()}

    def _scan_names(self) -> tuple[dict[str, str], list[str]]:
        """(id → file name in seeds/, names passed over because they cannot be ids).

        DirEntry.is_file needs no stat for a regular file: listing 10k sources costs milliseconds."""
        names: dict[str, str] = {}
        unusable: list[str] = []
        try:
            with os.scandir(self.workspace.seeds) as found:
                listed = sorted(entry.name for entry in found if _SOURCE_NAME.match(entry.name) and _is_file(entry))
        except OSError:
            return names, unusable
        clashes: list[str] = []
        for name in listed:
            if _UNUSABLE_NAME.search(name):
                unusable.append(name)
            elif names.setdefault(name[:name.rindex(".")], name) != name:
                clashes.append(name)
        for name in clashes:  # report.md and report.txt are two articles: "report" and "report-txt"
            stem, ext = name[:name.rindex(".")], name[name.rindex(".") + 1:].lower()
            article_id = f"{stem}-{ext}"
            while article_id in names:
                article_id += "-" + ext
            names[article_id] = name
        if clashes:
            names = dict(sorted(names.items(), key=lambda item: item[1]))
        return names, unusable

    @property
    def cache_dir(self) -> Path:
        return self.workspace.state / "cache" / "articles"

    @property
    def manifest_path(self) -> Path:
        return self.workspace.state / FILENAME

    def _record(self, article_id: str, digest: str) -> dict | None:
        """The cache file of `article_id` if this cleaner made it from bytes hashing to `digest`
        (None: missing, foreign or stale). What `_cached` and `_listed` then check differs."""
        try:
            record = orjson.loads((self.cache_dir / f"{article_id}.json").read_bytes())
            if (record.get("cleaner_version") != CLEANER_VERSION or record["article"].get("id") != article_id
                    or record["article"].get("source_hash") != digest):
                return None
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return record

    def _cached(self, article_id: str, digest: str, *, as_id: str | None = None, path: Path | None = None,
                record: dict | None = None) -> Article | None:
        """The cached clean article of `article_id` if it was made from bytes hashing to `digest`
        with the library evidence that holds now. `record`: its cache file, when already read.

        `as_id`/`path`: the same bytes under a new name (a renamed source): re-labelled, not re-cleaned."""
        record = record if record is not None else self._record(article_id, digest)
        if record is None:
            return None
        try:
            if record.get("evidence", "") != self.evidence_digest(path or record["article"]["path"]):
                return None
            article = Article.from_cache(record["article"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None  # tampered with: clean the source again
        if as_id is not None and as_id != article.id:
            article.id = as_id
            self.remember(article, evidence=record.get("evidence", ""))
        if path is not None:
            article.path = path
        return article

    def _load_one(self, article_id: str, path: Path) -> Article:
        digest = source_hash(read_bytes(path))
        article = self._cached(article_id, digest, path=path)
        if article is None:
            from workbench.library.clean.recurring import evidence_digest

            furniture = self.evidence().furniture(path)
            article = build_article(path, article_id, furniture=furniture)
            self.remember(article, evidence=evidence_digest(furniture))
        return article

    def evidence(self) -> SiteEvidence:
        """Lines recurring across the library's plain-text sources (evidence.py); kept until `reload`."""
        if self._evidence is None:
            return self._gather_evidence(self._scan_names()[0])
        return self._evidence

    def _gather_evidence(self, names: dict[str, str]) -> SiteEvidence:
        from workbench.library.evidence import SiteEvidence

        seeds = str(self.workspace.seeds)  # str paths, as catalog.py spells them: no Path per source
        evidence = SiteEvidence.gather([f"{seeds}/{name}" for name in names.values()], self.evidence_path)
        self._evidence = evidence
        if not self._digests_checked or self._digests is None:  # the next `get` needs no gathering
            evidence.save_digests(seeds, self.digests_path)
        return evidence

    def evidence_digest(self, path: Path | str, names: dict[str, str] | None = None) -> str:
        """The digest of the library evidence `path` is cleaned with now (part of its cache key).

        From the settled digests when they still hold (a stat per plain-text source, nothing
        parsed or counted), else from the whole evidence. `names`: this scan of seeds/, if made."""
        from workbench.library.evidence import SUFFIXES, settled_digests

        spelled = str(path)
        if not spelled.lower().endswith(SUFFIXES):
            return ""  # only the plain-text cleaner reads library evidence
        if self._evidence is None:
            if not self._digests_checked:
                self._digests_checked = True
                listed = (names if names is not None else self._scan_names()[0]).values()
                self._digests = settled_digests(str(self.workspace.seeds), listed, self.digests_path)
            seeds = str(self.workspace.seeds) + "/"
            name = spelled[len(seeds):] if spelled.startswith(seeds) else None
            if self._digests is not None and name in self._digests:
                return self._digests[name]
            if names is not None:
                self._gather_evidence(names)
        return self.evidence().digest(Path(spelled))

    @property
    def evidence_path(self) -> Path:
        return self.workspace.state / "evidence.json"  # next to the manifest: list reads no cache/

    @property
    def digests_path(self) -> Path:
        return self.workspace.state / "evidence-digests.json"

    def _loader(self) -> Loader:
        """What this library's lazy articles call for their text (alone) or all of them."""
        return Loader(self._full, self._text_only)

    def _full(self, stub: LazyArticle) -> Article:
        """The whole article behind a manifest entry (cache file, read once; else the source is cleaned)."""
        record = self._record(stub.id, stub.source_hash)
        article = self._listed(stub, record)
        if article is None and record is not None:
            article = self._cached(stub.id, stub.source_hash, path=stub.path, record=record)
        return article if article is not None else self._load_one(stub.id, stub.path)

    def _listed(self, stub: LazyArticle, record: dict | None) -> Article | None:
        """The cached article if its cache file (`record`) holds exactly the text the manifest
        lists for `stub`.

        A manifest row that survived `refresh` is consistent with the library evidence (rows
        whose evidence changed were checked again there), so a cache file with the row's
        source hash and clean text (re-hashed here) needs no evidence: reading one text stays
        O(1), not a stat per source (what a search aligning a few dozen passages pays)."""
        cached = self._listed_text(stub, record)
        if cached is None:
            return None
        try:
            article = Article.from_cache(cached)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        article.path = stub.path
        return article

    def _text_only(self, stub: LazyArticle) -> str | None:
        """Just the clean text of `_listed` (checked the same way), for readers of text alone:
        a search quick-ranking hundreds of candidate passages makes no blocks or paths."""
        cached = self._listed_text(stub, self._record(stub.id, stub.source_hash))
        return None if cached is None or _BAD_IN_TEXT.search(cached["text"]) else cached["text"]

    @staticmethod
    def _listed_text(stub: LazyArticle, record: dict | None) -> dict | None:
        """`record`'s article if its clean text is the one the manifest lists (hash re-computed)."""
        if record is None:
            return None
        cached = record["article"]
        text = cached.get("text")
        try:
            if (cached.get("text_hash") != stub.text_hash or not isinstance(text, str)
                    or hashlib.sha256(text.encode("utf-8")).hexdigest() != stub.text_hash):
                return None
        except ValueError:  # a lone surrogate: not a text this library wrote
            return None
        return cached

    def remember(self, article: Article, *, evidence: str = "") -> None:
        """Cache a freshly built article so the next load does not clean it again. `evidence`: the
        digest of the library evidence it was cleaned with (other evidence cleans it again)."""
        from workbench.library.bulk import write_cache

        write_cache(self.cache_dir, article, CLEANER_VERSION, evidence=evidence)

    def load(self, progress: bool | None = None) -> dict[str, Article]:
        """Every article (lazy where the manifest vouches for it); failures go to `problems`.

        `progress`: True/False forces the cleaning progress bar on stderr; None shows it on a
        terminal when much must be cleaned."""
        if self._articles is None:
            catalog = self.catalog(progress)
            with gc_paused():
                articles = catalog.articles(self._loader())
            articles.update((i, a) for i, a in self._built.items() if i in articles)  # the same objects
            self._articles = articles
        return self._articles

    def catalog(self, progress: bool | None = None) -> Catalog:
        """The manifest checked against seeds/ (see catalog.py); kept until `reload`."""
        if self._catalog is None:
            names, unusable = self._scan_names()
            with gc_paused():
                catalog = refresh(self, names, progress)
            catalog.problems[:0] = [f"{printable(str(self.workspace.seeds / name))}: skipped, its file name has "
                                    f"control characters or bytes that are not UTF-8; rename it" for name in unusable]
            self._catalog = catalog
        self.problems = self._catalog.problems
        return self._catalog

    def peek(self) -> dict[str, Article] | None:
        """Every article if the manifest vouches for every source (nothing read but the manifest
        and the folder's stats), else None — for a first screen that must not wait for cleaning."""
        if self._articles is None and self._catalog is None:
            names, unusable = self._scan_names()
            if unusable:
                return None
            with gc_paused():
                catalog = refresh(self, names, None, cheap=True)
            if catalog is None:
                return None
            self._catalog, self.problems = catalog, catalog.problems
        return self.load()

    def summaries(self) -> list[dict]:
        """`Article.summary()` of every article (what `list --json` prints), from the manifest alone."""
        if self._articles is not None:
            return [a.summary() for a in self._articles.values()]
        return self.catalog().summaries()

    def failures(self) -> list[dict]:
        """`{id, path, status: "failed", reason}` of every source that could not be loaded."""
        return list(self.catalog().failures)

    def reload(self) -> dict[str, Article]:
        self._articles = self._catalog = self._evidence = self._digests = None
        self._built = {}
        self._digests_checked = False
        return self.load()

    def text_hashes(self) -> dict[str, str]:
        """id → text_hash of every article, in library order, without building the articles
        (what search and the store compare their caches with; `article(id)` gives one)."""
        if self._articles is not None:
            return {article_id: article.text_hash for article_id, article in self._articles.items()}
        return self.catalog().text_hashes()

    def article(self, article_id: str) -> Article:
        """One article of `text_hashes()` (lazy: its text is read on first use); KeyError if none."""
        if self._articles is not None:
            return self._articles[article_id]
        built = self._built.get(article_id)
        if built is None:
            built = self.catalog().article(article_id, self._loader())
            if built is None:
                raise KeyError(article_id)
            self._built[article_id] = built
        return built

    @property
    def loaded(self) -> bool:
        """True once `load` ran (then lookups need no directory scan)."""
        return self._articles is not None

    @property
    def articles(self) -> list[Article]:
        return list(self.load().values())

    def resolve_id(self, prefix: str) -> str:
        """Full id for a unique prefix; unknown or ambiguous → UsageError (exit 2)."""
        return self._resolve(prefix, self._scan_names()[0])

    @staticmethod
    def _resolve(prefix: str, names: dict[str, str]) -> str:
        if prefix in names:
            return prefix
        matches = [i for i in names if i.startswith(prefix)] if prefix else []
        if not matches:
            raise UsageError(f"unknown article id: {prefix!r}")
        if len(matches) > 1:
            shown = ", ".join(matches[:5]) + (" …" if len(matches) > 5 else "")
            raise UsageError(f"ambiguous article id {prefix!r}: matches {shown}")
        return matches[0]

    def get(self, prefix: str) -> Article:
        """One article by id or unique prefix; reads only that source (and its cache file)."""
        names = self._scan_names()[0]
        article_id = self._resolve(prefix, names)
        if self._articles is not None and article_id in self._articles:
            return self._articles[article_id]
        path = self.workspace.seeds / names[article_id]
        if self._evidence is None:  # its cache key needs the evidence digest: checked with this scan, not a second
            self.evidence_digest(path, names)
        return self._load_one(article_id, path)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
