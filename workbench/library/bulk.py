"""Cleaning many sources at once: a process pool, one cache file per article, a progress bar.

A cold library (first open, or a new cleaner version) spends nearly all its time in the
cleaner, which is pure Python: one process per core cleans in parallel and each worker
writes the article's cache file itself, sending back only the manifest entry (metadata,
hashes), so the texts never travel between processes. Small batches stay in-process:
starting workers costs more than it saves. The garbage collector is paused around bulk
work: millions of small objects make every collection walk them for nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson

from workbench.errors import SourceError
from workbench.fsutil import atomic_write, gc_paused
from workbench.library.manifest import Entry, Signature
from workbench.library.model import Article
from workbench.progress import megabytes_bar

POOL_MIN_FILES = 16
POOL_MIN_BYTES = 1_000_000  # below this much source text the pool costs more than it saves
PROGRESS_MIN_BYTES = 2_000_000  # a progress bar (on a terminal) above this much to clean

Job = tuple[str, Path, Signature]  # article id, source path, its signature


def cpu_count() -> int:
    """CPUs this process may use (`os.process_cpu_count` on 3.13+, the affinity mask before)."""
    counter = getattr(os, "process_cpu_count", None)
    if counter is not None:
        return counter() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def write_cache(cache_dir: Path, article: Article, cleaner_version: str, *, evidence: str = "") -> None:
    """The article's cache file; a cache we cannot write only costs time next run.

    `evidence`: digest of the library evidence it was cleaned with (clean/recurring.py)."""
    record = {"cleaner_version": cleaner_version, "article": article.to_cache()}
    if evidence:
        record["evidence"] = evidence
    try:
        atomic_write(cache_dir / f"{article.id}.json", orjson.dumps(record))
    except OSError:
        pass


def clean_one(job: Job, cache_dir: Path, cleaner_version: str,
              furniture: frozenset[str] = frozenset()) -> tuple[Entry, Article | None]:
    """Clean one source and cache it: (entry, article), or a failed entry and None.

    One bad source never stops the others: every failure becomes that entry's reason.
    `furniture`: the source's lines that recur across the library (library evidence)."""
    from workbench.library.build import build_article  # late: parsers and the cleaner load on first use
    from workbench.library.clean.recurring import evidence_digest

    article_id, path, signature = job
    try:
        article = build_article(path, article_id, furniture=furniture)
    except SourceError as exc:
        return Entry.failed(article_id, path, signature, "", exc.message), None
    except (RecursionError, MemoryError, ValueError, TypeError, LookupError, ArithmeticError, AttributeError) as exc:
        reason = f"{path}: could not be cleaned ({type(exc).__name__}: {str(exc)[:120]})"
        return Entry.failed(article_id, path, signature, "", reason), None
    write_cache(cache_dir, article, cleaner_version, evidence=evidence_digest(furniture))
    return Entry.of_article(article, signature), article


def _worker(args: tuple) -> tuple[Entry, int]:
    job, cache_dir, cleaner_version, furniture = args
    with gc_paused():
        entry, _article = clean_one(job, cache_dir, cleaner_version, furniture)
    return entry, job[2][0]


def clean_many(jobs: list[Job], cache_dir: Path, cleaner_version: str, *, progress: bool | None = None,
               workers: int | None = None,
               furniture: Callable[[Path], frozenset[str]] | None = None) -> Iterator[tuple[Entry, Article | None]]:
    """Clean `jobs`; yields (entry, article or None) in completion order.

    In-process for small batches (the article comes back whole); otherwise a process pool
    whose workers write the cache and return only the entry (article None: load it lazily).
    `workers`: None decides by size; 1 forces in-process; more forces a pool of that size.
    `furniture(path)`: library evidence for a source (its recurring lines)."""
    evidence = furniture or (lambda _path: frozenset())
    total = sum(job[2][0] for job in jobs)
    if workers is None:  # automatic: a pool only when it pays for its start-up
        big = len(jobs) >= POOL_MIN_FILES and total >= POOL_MIN_BYTES
        workers = cpu_count() if big else 1
    show = progress if progress is not None else (sys.stderr.isatty() and total > PROGRESS_MIN_BYTES)
    with megabytes_bar("cleaning", total, show) as advance:
        if workers < 2 or len(jobs) < 2:
            for job in jobs:
                yield clean_one(job, cache_dir, cleaner_version, evidence(job[1]))
                advance(job[2][0])
            return
        yield from _pooled(jobs, cache_dir, cleaner_version, min(workers, len(jobs)), advance, evidence)


def _pooled(jobs: list[Job], cache_dir: Path, cleaner_version: str, workers: int,
            advance: Callable[[int], None], evidence: Callable[[Path], frozenset[str]]) -> Iterator[tuple[Entry, None]]:
    import multiprocessing

    # forkserver: forking a process that runs threads (the TUI loads in one) can deadlock
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    # biggest first, so one large file does not run alone at the end
    ordered = sorted(jobs, key=lambda job: -job[2][0])
    chunk = max(1, min(16, len(ordered) // (workers * 8)))
    _start_resource_tracker()
    with context.Pool(workers) as pool:
        for entry, size in pool.imap_unordered(_worker, [(job, cache_dir, cleaner_version, evidence(job[1])) for job in ordered],
                                               chunksize=chunk):
            advance(size)
            yield entry, None


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr.

    The tracker is a helper process that inherits stderr's file descriptor; under the TUI
    sys.stderr is Textual's capture, whose fileno() is -1, and multiprocessing passes that on
    as is (ValueError: bad value(s) in fds_to_keep): the library could not load at all."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        return
    from multiprocessing import resource_tracker

    captured = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = sys.__stderr__ if sys.__stderr__ is not None else devnull
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured
