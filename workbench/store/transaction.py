"""One locked change to the store: touched article files read fresh, changed, journaled, written.

`Transaction` collects puts and removes per article so each article file is written once,
and records before-images for the undo journal.
"""

from __future__ import annotations


from workbench.errors import StoreError, WorkbenchError
from workbench.store.files import StoreFiles
from workbench.store.journal import ANCHOR_FIELDS, Journal
from workbench.store.model import Annotation


class Records:
    """One article's records inside a transaction: raw dicts, decoded only when asked."""

    def __init__(self, raw: dict[str, dict], files: StoreFiles) -> None:
        self.raw = raw
        self.files = files

    def get(self, ann_id: str) -> Annotation | None:
        record = self.raw.get(ann_id)
        return None if record is None else self.files.decode_one(ann_id, record)

    def values(self) -> list[Annotation]:
        return [a for i, r in list(self.raw.items()) if (a := self.files.decode_one(i, r)) is not None]


class Transaction:
    """Changes collected under the lock, written per article, then journaled."""

    def __init__(self, files: StoreFiles, journal: Journal) -> None:
        self.files = files
        self.journal = journal
        self.records: dict[str, Records] = {}
        self.puts: dict[str, dict[str, dict]] = {}
        self.removes: dict[str, list[str]] = {}
        self.changes: list[dict] = []
        self.description = ""

    def read(self, article: str) -> Records:
        if article not in self.records:
            self.records[article] = Records(self.files.read_raw(article), self.files)
        return self.records[article]

    def put(self, ann: Annotation, *, journal: bool = True) -> None:
        current = self.read(ann.article).raw
        record = ann.to_record()
        if journal:
            self.changes.append({"article": ann.article, "id": ann.id, "before": current.get(ann.id)})
        current[ann.id] = record
        self.puts.setdefault(ann.article, {})[ann.id] = record

    def remove(self, ann: Annotation) -> None:
        current = self.read(ann.article).raw
        self.changes.append({"article": ann.article, "id": ann.id, "before": current.pop(ann.id, None)})
        self.puts.get(ann.article, {}).pop(ann.id, None)
        self.removes.setdefault(ann.article, []).append(ann.id)

    def restore(self, article: str, ann_id: str, image: dict | None, *, journal: bool = True) -> None:
        """Make record `ann_id` what `image` holds (None: absent) — undo and redo both do this.

        Anchoring done since the image was taken (a `sync` after the text changed) is kept:
        the image's note and tags come back at the record's current position."""
        current = self.read(article).get(ann_id)
        if image is None:
            if current is not None:
                self.remove(current)
            return
        restored = self.files.decode_one(ann_id, image)
        if restored is None:
            return
        if current is not None and current.text_hash != restored.text_hash:
            for name in ANCHOR_FIELDS:
                setattr(restored, name, getattr(current, name))
        self.put(restored, journal=journal)

    def entry_changes(self) -> list[dict]:
        """Per touched annotation: its record before the transaction and after it."""
        before: dict[tuple[str, str], dict | None] = {}
        for change in self.changes:
            before.setdefault((change["article"], change["id"]), change["before"])
        out = []
        for (article, ann_id), old in before.items():
            new = self.records[article].raw.get(ann_id)
            if old != new:
                out.append({"article": article, "id": ann_id, "before": old, "after": new})
        return out

    def commit(self, *, journal: bool = True) -> None:
        """Journal first, then the article files (see journal.py for why this order)."""
        entry = self.journal.record(self.description, self.entry_changes()) if journal and self.changes else None
        articles = sorted({*self.puts, *self.removes})
        written = 0
        try:
            for article in articles:
                self.files.partition(article).apply(self.puts.get(article, {}), self.removes.get(article, []))
                written += 1
        except WorkbenchError as exc:
            if not written:
                if entry is not None:
                    self.journal.discard(entry)  # nothing reached the store
                raise
            raise StoreError(f"{exc.message}; the change was saved for {written} of {len(articles)} articles "
                             "(`workbench undo` takes back the saved part)") from None

    def close(self) -> None:
        for article in self.records:
            self.files.partition(article).unpin()
