"""One TinyDB file per article, so a save rewrites only that article's annotations.

Layout of `annotations/<article>.json` (schema 1): a `_meta` table holding
`{"schema": 1, "article": ID}` and an `annotations` table keyed by annotation id.
Older files are migrated on read (`MIGRATIONS`); files from a newer workbench are refused.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import cast
from urllib.parse import quote, unquote

from tinydb import TinyDB
from tinydb.table import Table

from workbench.errors import StoreError
from workbench.store.storage import AtomicJSONStorage, CorruptFile

SCHEMA = 1
TABLE = "annotations"
META = "_meta"


def file_name(article_id: str) -> str:
    """Article id → safe, reversible file name (no '/', no leading dot)."""
    name = quote(article_id, safe="-_.~")
    if name.startswith("."):
        name = "%2E" + name[1:]
    return name + ".json"


def article_of(name: str) -> str:
    return unquote(name[: -len(".json")])


class AnnotationTable(Table):
    """Documents keyed by annotation id (a uuid string) instead of TinyDB's integers."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB allows any id class

    def apply(self, puts: dict[str, dict], removes: Sequence[str] = ()) -> None:
        """Upsert `puts` and drop `removes` in ONE read-modify-write of the file."""

        def updater(table: dict) -> None:
            for ann_id in removes:
                table.pop(ann_id, None)
            table.update(puts)

        self._update_table(updater)


class PartitionDB(TinyDB):
    table_class = AnnotationTable


def _v0_to_v1(data: dict, article_id: str) -> dict:
    """Schema 0 (plain TinyDB `_default` table, integer ids) → schema 1 (keyed by uuid)."""
    docs = {}
    for table_name, table in data.items():
        if table_name == META:
            continue
        for doc in table.values():
            if isinstance(doc, dict) and doc.get("id"):
                docs[str(doc["id"])] = {**doc, "article": doc.get("article") or article_id}
    return {META: {"1": {"schema": 1, "article": article_id}}, TABLE: docs}


MIGRATIONS = {0: _v0_to_v1}  # version N → N+1


def schema_of(data: dict) -> int:
    meta = data.get(META) or {}
    for doc in meta.values():
        if isinstance(doc, dict) and isinstance(doc.get("schema"), int):
            return doc["schema"]
    return 0


def migrate(data: dict, article_id: str, path: Path) -> tuple[dict, bool]:
    """Bring `data` to SCHEMA; returns (data, changed)."""
    version = schema_of(data)
    if version > SCHEMA:
        raise StoreError(f"{path.name} was written by a newer workbench (schema {version}, this one reads {SCHEMA})")
    changed = False
    while version < SCHEMA:
        data = MIGRATIONS[version](data, article_id)
        version += 1
        changed = True
    if not isinstance(data.get(TABLE, {}), dict):
        raise CorruptFile(path, "annotations table is not an object")
    return data, changed


class Partition:
    """The annotations of one article in their own TinyDB file."""

    def __init__(self, folder: Path, article_id: str, *, lock, backup_root: Path) -> None:
        self.article = article_id
        self.path = folder / file_name(article_id)
        self.backup_dir = backup_root / file_name(article_id)[: -len(".json")]
        self.db = PartitionDB(self.path, storage=AtomicJSONStorage, lock=lock, backup_dir=self.backup_dir)

    @property
    def storage(self) -> AtomicJSONStorage:
        return cast(AtomicJSONStorage, self.db.storage)

    def read(self) -> dict[str, dict]:
        """Fresh raw records, pinned for this transaction (caller holds the lock; migrates)."""
        self.storage.pinned = None
        data = self.storage.read()
        if data is None:
            return {}
        data, changed = migrate(data, self.article, self.path)
        if changed:
            self.storage.write(data)
        self.storage.pinned = data
        return dict(data.get(TABLE, {}))

    def unpin(self) -> None:
        self.storage.pinned = None

    def apply(self, puts: dict[str, dict], removes: Sequence[str] = ()) -> None:
        """Write the changes (caller holds the lock and has called `read`, which migrates)."""
        if not self.path.exists():  # a new article file: one write, not create-then-update
            docs = {k: v for k, v in puts.items() if k not in set(removes)}
            self.storage.write({META: {"1": {"schema": SCHEMA, "article": self.article}}, TABLE: docs})
            return
        cast(AnnotationTable, self.db.table(TABLE)).apply(puts, list(removes))


def signature(path: Path) -> tuple | None:
    """Cheap "did this file change?" key (the inode changes on every atomic replace)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
