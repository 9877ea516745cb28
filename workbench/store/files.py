"""The store's folder on disk: layout, metadata, the partition cache and damage recovery.

    store/meta.json               `_meta` record: store schema version and layout
    store/annotations/<id>.json   one TinyDB file per article (see partitions.py)
    store/backups/<id>/           the last 10 saved versions of each article file
    store/journal/                undo entries
    store/corrupt/                damaged files, set aside (never deleted)
    store/.lock                   the inter-process lock

Readers never take the lock (replaces are atomic); a damaged file is handled under it.
"""

from __future__ import annotations

import os
from datetime import datetime, UTC
from pathlib import Path

from workbench import fsutil
from workbench.errors import StoreError
from workbench.store.journal import Journal
from workbench.store.model import Annotation, now_iso
from workbench.store.partitions import TABLE, Partition, article_of, file_name, migrate, signature
from workbench.store.storage import (
    CorruptFile, StoreBusy, StoreReadOnly, save_file, encode_tables, locked, make_lock, read_tables,
    restore_newest_backup, set_aside,
)

STORE_SCHEMA = 1


class StoreFiles:
    """Paths, lock and journal of one store folder; reads article files with repair."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.folder = self.root / "annotations"
        self.backups = self.root / "backups"
        self.corrupt = self.root / "corrupt"
        self.notices: list[str] = []
        try:
            fsutil.mkdir(self.folder)
        except OSError as exc:
            raise StoreError(f"cannot create the annotation store in {self.root}: {exc.strerror or exc}") from None
        self.lock = make_lock(self.root / ".lock")
        self.journal = Journal(self.root / "journal", self.corrupt)
        self._partitions: dict[str, Partition] = {}
        self._cache: dict[str, tuple[tuple | None, dict[str, Annotation]]] = {}
        # True when the lock cannot be taken for lack of write permission: readers carry on
        # (they never lock); every change still fails with a one-line StoreError.
        self.read_only = False
        try:  # never wait: readers do not lock (docs/store.md); tidying can wait for the next open
            with locked(self.lock, wait=False):
                self._check_meta()
                self._remove_stale_temp_files()
        except StoreReadOnly:
            self.read_only = True
            self._check_meta()
        except StoreBusy:
            self._check_meta(writable=False)  # a writer is at work: it keeps meta.json and its temp files

    def _check_meta(self, writable: bool = True) -> None:
        writable = writable and not self.read_only
        path = self.root / "meta.json"
        try:
            data = read_tables(path)
        except CorruptFile as exc:
            if not writable:
                return
            moved = set_aside(path, self.corrupt)
            self.notices.append(f"store metadata was unreadable ({exc.reason}): moved to {moved}, rewritten")
            data = None
        version = next((d.get("schema") for d in (data or {}).get("_meta", {}).values() if isinstance(d, dict)), None)
        if isinstance(version, int) and version > STORE_SCHEMA:
            raise StoreError(f"annotation store was written by a newer workbench (schema {version})")
        if version != STORE_SCHEMA and writable:
            meta = {"_meta": {"1": {"schema": STORE_SCHEMA, "layout": "one TinyDB file per article", "created": now_iso()}}}
            save_file(path, encode_tables(meta))

    def _remove_stale_temp_files(self) -> None:
        """Temp files exist only while a writer holds the lock; under it they are leftovers."""
        for folder in (self.folder, self.root, self.journal.folder):
            fsutil.remove_stale_temp_files(folder, live_ok=False)

    def partition(self, article: str) -> Partition:
        if article not in self._partitions:
            self._partitions[article] = Partition(self.folder, article, lock=self.lock, backup_root=self.backups)
        return self._partitions[article]

    def _decode(self, records: dict) -> dict[str, Annotation]:
        out = {}
        for ann_id, record in records.items():
            ann = self.decode_one(ann_id, record)
            if ann is not None:
                out[ann_id] = ann
        return out

    def decode_one(self, ann_id: str, record: dict) -> Annotation | None:
        try:
            return Annotation.from_record(record)
        except (KeyError, TypeError, ValueError):
            self.notices.append(f"skipped an unreadable annotation record {str(ann_id)[:40]!r} (kept on disk)")
            return None

    def read_raw(self, article: str) -> dict[str, dict]:
        """Fresh raw records of one article, repairing a damaged file (caller holds the lock)."""
        part = self.partition(article)
        try:
            return part.read()
        except CorruptFile:
            self.recover(part)
            return part.read()

    def read_partition(self, article: str) -> dict[str, Annotation]:
        """One article's annotations without the lock (a damaged file is repaired under it)."""
        part = self.partition(article)
        try:
            data = read_tables(part.path)
            return self._decode(migrate(data, article, part.path)[0].get(TABLE, {}) if data else {})
        except CorruptFile as exc:
            if self.read_only:
                self.notices.append(f"annotations of {article} are corrupt ({exc.reason}) and the store is "
                                    "read-only: not shown, nothing repaired")
                return {}
            with locked(self.lock):
                self.read_raw(article)
                part.unpin()
            return self.read_partition(article)

    def recover(self, part: Partition) -> None:
        try:
            read_tables(part.path)
            return
        except CorruptFile as exc:
            reason = exc.reason
        moved = set_aside(part.path, self.corrupt)
        backup = restore_newest_backup(part.path, part.backup_dir)
        if backup is None:
            self.notices.append(f"annotations of {part.article} were corrupt ({reason}): moved to {moved}; "
                                "no good backup, starting that article empty")
        else:
            when = datetime.fromtimestamp(int(backup.stem) / 1e9, UTC).isoformat(timespec="seconds")
            self.notices.append(f"annotations of {part.article} were corrupt ({reason}): moved to {moved}, "
                                f"restored backup from {when}")

    def load_all(self) -> dict[str, dict[str, Annotation]]:
        """Every article's annotations; files unchanged since last time are not re-read."""
        names = sorted(n for n in os.listdir(self.folder) if n.endswith(".json") and not n.startswith("."))
        result: dict[str, dict[str, Annotation]] = {}
        with fsutil.gc_paused():
            for name in names:
                article = article_of(name)
                records = self.records(article)
                if records:
                    result[article] = records
        return result

    def records(self, article: str) -> dict[str, Annotation]:
        """One article's annotations, not re-read while its file is unchanged (or as `remember`ed)."""
        sig = signature(self.folder / file_name(article))
        cached = self._cache.get(article)
        if cached is None or cached[0] != sig or sig is None:
            records = self.read_partition(article)
            self._cache[article] = (sig, records)  # the pre-read stat: a replace during the read shows next time
            return records
        return cached[1]

    def remember(self, article: str, records: dict[str, Annotation]) -> None:
        """Serve `records` for `article` until its file changes (re-anchoring a read-only store)."""
        sig = signature(self.folder / file_name(article))
        if sig is not None:
            self._cache[article] = (sig, records)

    def article_ids(self) -> list[str]:
        """Articles that have an annotation file."""
        return [article_of(n) for n in sorted(os.listdir(self.folder)) if n.endswith(".json") and not n.startswith(".")]
