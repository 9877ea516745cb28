"""Importing sources: copy files into WORKSPACE/seeds/ so the workspace is self-contained.

Each file is checked and cleaned *before* anything is written (a bad file never leaves a
half-imported copy), then its exact bytes are written atomically to
`seeds/<slug>_<hash8>.<ext>`. `hash8` is taken from the original's absolute path, so
importing the same file again after it changed finds its earlier copy and replaces it in
place: the article id (the file stem) stays, and annotations follow and are re-anchored by
the store. Same clean text as an existing article → skipped as a duplicate. A copy edited
by hand in seeds/ is never overwritten silently (see `provenance`).
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from collections.abc import Callable

from workbench import fsutil
from workbench.errors import SourceError, UsageError, WorkbenchError, printable
from workbench.library import Library
from workbench.library.parsers import draft_from_source, kind_of
from workbench.library.provenance import Provenance
from workbench.library.sources import SUPPORTED_SUFFIXES, read_bytes, source_from_bytes, source_hash
from workbench.workspace import Workspace

Progress = Callable[[float, int, Path], None]  # (done — fractional inside a long PDF —, total, path)
LOCK_TIMEOUT = 60


@dataclass
class Imported:
    id: str
    path: str  # the copy in seeds/
    source: str  # the original file
    title: str
    encoding: str
    updated: bool = False  # a new version of an article imported earlier


@dataclass
class Skipped:
    path: str
    reason: str
    id: str | None = None


@dataclass
class Failed:
    path: str
    error: str  # one line, naming the file

    def __str__(self) -> str:
        return self.error


@dataclass
class IngestReport:
    imported: list[Imported] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # unsupported files found inside folders
    reanchored: list = field(default_factory=list)  # Annotations whose position/status changed

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> str:
        updated = sum(1 for item in self.imported if item.updated)
        parts = [f"{len(self.imported)} imported" + (f" ({updated} updated)" if updated else ""),
                 f"{len(self.skipped)} skipped", f"{len(self.failed)} failed"]
        if self.ignored:
            parts.append(f"{len(self.ignored)} ignored (not {'/'.join(SUPPORTED_SUFFIXES)})")
        if self.reanchored:
            flagged = sum(1 for a in self.reanchored if a.status in ("needs_review", "orphaned"))
            parts.append(f"{len(self.reanchored)} annotation(s) re-anchored"
                         + (f" ({flagged} need review or orphaned)" if flagged else ""))
        return ", ".join(parts)

    def to_dict(self) -> dict:
        return {
            "imported": [asdict(i) for i in self.imported],
            "skipped": [asdict(s) for s in self.skipped],
            "failed": [asdict(f) for f in self.failed],
            "ignored": list(self.ignored),
            "reanchored": [{"id": a.id, "article": a.article, "start": a.start, "end": a.end, "status": a.status}
                           for a in self.reanchored],
            "summary": self.summary(),
        }


def slugify(text: str, limit: int = 40) -> str:
    """ASCII, lower-case, hyphenated; cut at a word boundary; never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit + 1] else slug[:limit]
    return slug.strip("-") or "article"


def path_key(path: Path) -> str:
    """The 8 hex digits that tie a seeds copy to its original file."""
    return hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def collect(paths: list[Path], report: IngestReport, notes: Path | None = None) -> list[Path | Failed]:
    """Expand folders (recursively) into supported files, in order; bad paths become `Failed`.

    The workspace's own notes/ folder (exported notes, not sources) is passed over.
    """
    items: list[Path | Failed] = []
    notes = notes.resolve() if notes is not None else None
    seen: set[Path] = set()

    def add(path: Path) -> None:
        try:
            resolved = path.resolve()
        except (RuntimeError, OSError) as exc:  # a symlink loop (RuntimeError before Python 3.13)
            reason = "symlink loop" if isinstance(exc, RuntimeError) or "loop" in str(exc).lower() else \
                (getattr(exc, "strerror", None) or str(exc))
            items.append(Failed(str(path), f"{printable(str(path))}: cannot follow the link ({reason})"))
            return
        if resolved not in seen:
            seen.add(resolved)
            items.append(path)

    for path in paths:
        if path.is_dir():
            def onerror(exc: OSError, top: Path = path) -> None:
                where = exc.filename or top
                items.append(Failed(str(where), f"{where}: cannot read folder ({exc.strerror or exc})"))

            for folder, dirs, names in os.walk(path, onerror=onerror):
                here = Path(folder)
                if notes is not None and here.resolve() == notes:
                    dirs[:] = []
                    report.skipped.append(Skipped(str(here), "the workspace's notes folder (exports) is not a source"))
                    continue
                pages = {Path(n).stem for n in names if kind_of(Path(n).suffix) == "html"}
                # hidden folders and the "<page>_files" folders browsers save next to a page
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not (d.endswith("_files") and d[:-6] in pages))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    if kind_of(Path(name).suffix):
                        add(here / name)
                    else:
                        report.ignored.append(str(here / name))
        elif path.is_file():
            add(path)
        elif path.exists():  # a FIFO or device would block or never end
            items.append(Failed(str(path), f"{path}: not a regular file"))
        elif path.is_symlink():
            items.append(Failed(str(path), f"{path}: broken link"))
        else:
            items.append(Failed(str(path), f"{path}: no such file or folder"))
    return items


class _Importer:
    """One import run: knows the library's text hashes and the seeds folder."""

    def __init__(self, workspace: Workspace, library: Library, report: IngestReport, replace: str | None) -> None:
        self.workspace = workspace
        self.library = library
        self.seeds = workspace.seeds  # spelled as the Library spells it, so cached paths match
        self.report = report
        self.replace = replace
        self.by_hash: dict[str, str] = {a.text_hash: a.id for a in library.load().values()}
        self.paths = library.source_paths()
        self.provenance = Provenance(workspace)

    def existing_for(self, original: Path) -> Path | None:
        """The copy an earlier import of the same original made (by record, else by name)."""
        if self.replace:
            return self.paths[self.replace]
        for article_id, record in self.provenance.records.items():
            if record.source == str(original) and article_id in self.paths:
                return self.paths[article_id]
        key = path_key(original)
        for article_id, path in self.paths.items():
            if article_id.endswith(f"_{key}"):
                return path
        return None

    def check_copy(self, path: Path, existing: Path, source_digest: str) -> str | None:
        """Why the existing copy must not be replaced (a skip reason), or None to go ahead.

        A copy edited by hand in seeds/ since its import is never overwritten silently.
        """
        current = source_hash(existing.read_bytes())
        if current == source_digest:
            return f"unchanged, already imported as {existing.stem}"
        record = self.provenance.get(existing.stem)
        if self.replace or record is None or current == record.sha256:
            return None
        if source_digest == record.sha256:
            return f"original unchanged since import; {existing.stem} was edited in seeds/ and is kept"
        raise SourceError(f"{path}: {existing.stem} was edited in seeds/ since it was imported; not overwritten "
                          f"(use --replace {existing.stem} to replace it)")

    def one(self, path: Path, pages: Callable[[int, int], None] | None = None) -> None:
        """Import one file; `pages(done, total)` reports progress through a long PDF."""
        resolved = path.resolve()
        if _inside(resolved, self.seeds.resolve()):
            self.report.skipped.append(Skipped(str(path), "already in the workspace", resolved.stem))
            return
        suffix = path.suffix.lower()
        if not kind_of(suffix):
            raise SourceError(f"{path}: unsupported file type {suffix or '(none)'} "
                              f"(supported: {', '.join(SUPPORTED_SUFFIXES)})")
        data = read_bytes(path)
        source = source_from_bytes(path, data)
        draft = draft_from_source(source, pages)
        existing = self.existing_for(resolved)
        if existing is not None:
            target = self.seeds / (existing.stem + suffix)
        else:
            named = draft.title if draft.title and not draft.title_is_derived else path.stem
            target = self.seeds / f"{slugify(named)}_{path_key(resolved)}{suffix}"
        article = draft.assemble(article_id=target.stem, path=target, source_hash=source.source_hash,
                                 encoding=source.encoding)
        if not article.text.strip():
            raise SourceError(f"{path}: no article text found")
        duplicate = self.by_hash.get(article.text_hash)
        if existing is not None and existing.is_file():
            reason = self.check_copy(path, existing, source.source_hash)
            if reason is not None:
                record = self.provenance.get(existing.stem)
                if reason.startswith("unchanged") and (record is None or record.sha256 != source.source_hash
                                                       or record.source != str(resolved)):
                    # a run killed between the copy and its record: record it now
                    self.provenance.set(existing.stem, resolved, source.source_hash)
                self.report.skipped.append(Skipped(str(path), reason, existing.stem))
                return
        if duplicate is not None and duplicate != target.stem:
            self.report.skipped.append(Skipped(str(path), f"same text as {duplicate}, not added twice", duplicate))
            return
        self.write(target, data)
        self.provenance.set(target.stem, resolved, source.source_hash)  # at once: a kill keeps it
        if existing is not None and existing != target:
            fsutil.unlink(existing)  # --replace with another kind: the old copy goes
        # The article just built is what the Library would build from the copy: cache it so
        # the reload below does not clean every new file a second time.
        self.library.remember(article)
        self.by_hash[article.text_hash] = target.stem
        self.paths[target.stem] = target
        self.report.imported.append(Imported(target.stem, str(target), str(path), article.title,
                                             source.encoding, updated=existing is not None))

    def write(self, target: Path, data: bytes) -> None:
        """Temp file + os.replace: the copy is either complete or absent."""
        try:
            fsutil.atomic_write(target, data, durable=True)
        except OSError as exc:
            raise SourceError(f"{target}: cannot write the copy ({exc.strerror or exc})") from None


def import_paths(workspace: Workspace, paths: list[str | os.PathLike], progress: Progress | None = None, *,
                 replace: str | None = None, library: Library | None = None) -> IngestReport:
    """Import files/folders into `workspace`; never raises for a bad file (see `report.failed`).

    `replace`: id of an article this single file is a new version of. `library`: reused and
    reloaded afterwards (the TUI passes its own). Re-anchoring the annotations of updated
    articles is the caller's job (`report.reanchored`): the library layer knows no store.
    """
    from filelock import FileLock, Timeout

    library = library or Library(workspace)
    report = IngestReport()
    sources = [Path(os.fspath(p)).expanduser() for p in paths]
    if not sources:
        raise UsageError("nothing to import: give one or more files or folders")
    try:
        lock = FileLock(str(workspace.state_dir() / "import.lock"))
        lock.acquire(timeout=LOCK_TIMEOUT)
    except Timeout:
        raise WorkbenchError("another import is running in this workspace; try again") from None
    except OSError as exc:
        raise WorkbenchError(f"cannot use {workspace.state}: {exc.strerror or exc}") from None
    try:
        items = collect(sources, report, workspace.notes)
        if replace is not None:
            replace = library.resolve_id(replace)
            if len(items) != 1:
                raise UsageError("--replace takes exactly one file")
        importer = _Importer(workspace, library, report, replace)
        for done, item in enumerate(items, 1):
            if isinstance(item, Failed):
                report.failed.append(item)
                path = Path(item.path)
            else:
                path = item

                def pages(done_pages: int, total_pages: int, done: int = done, path: Path = path) -> None:
                    if progress is not None and total_pages > 1:
                        progress(done - 1 + done_pages / total_pages, len(items), path)

                try:
                    importer.one(path, pages)
                except SourceError as exc:
                    report.failed.append(Failed(str(path), exc.message))
            if progress is not None:
                progress(done, len(items), path)
        importer.provenance.save()
        library.reload()
    finally:
        lock.release()
    return report
