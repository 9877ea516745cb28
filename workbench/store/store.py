"""AnnotationStore: highlights, notes and tags that survive crashes, races and text edits.

Every change is one locked transaction: read the touched article files fresh, change them,
write the undo entry (before- and after-images), then each article file atomically (one
TinyDB file per article). Readers
never lock: atomic replaces mean they see a whole old or a whole new file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import datetime, UTC
from pathlib import Path

from workbench.errors import UsageError, WorkbenchError
from workbench.store.anchoring import forget_texts, locate_quote, reanchored
from workbench.store.records import RecordImportReport, same_content, validate_record
from workbench.store.files import StoreFiles
from workbench.store.index import NoteRef, StoreIndex
from workbench.store.model import (
    COLORS, CONTEXT, Annotation, check_color, check_status, clean_note, new_id, normalize_tag,
    normalize_tags, now_iso, tag_matches,
)
from workbench.store.redo import RedoStack, redo_change
from workbench.store.storage import locked
from workbench.store.texts import ArticleSource, ArticleText
from workbench.store.transaction import Transaction
from workbench.store.undo import undo_change
from workbench.textnorm import strip_control
from workbench.workspace import Workspace



def _when(stamp: str) -> datetime:
    try:
        value = datetime.fromisoformat(stamp)
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class AnnotationStore:
    def __init__(self, root: Path) -> None:
        self.files = StoreFiles(Path(root))
        self.lock = self.files.lock
        self.journal = self.files.journal
        self.index = StoreIndex(self.files)
        self.redo_stack = RedoStack(self.files.root / "redo", self.files.corrupt)

    @property
    def notices(self) -> list[str]:
        """One-line messages for the user (damage found and repaired); callers clear them."""
        return self.files.notices

    def _load_all(self) -> dict[str, dict[str, Annotation]]:
        return self.files.load_all()

    def change_key(self) -> tuple:
        """Cheap key that changes whenever any process changes the store (a UI polls it).

        Folder times move on every atomic replace; the newest journal entry tells apart two
        changes made within one tick of the file system's clock."""
        key: list = []
        for folder in (self.files.folder, self.journal.folder, self.redo_stack.folder):
            try:
                st = os.stat(folder)
                key.append((st.st_ino, st.st_mtime_ns, st.st_ctime_ns))
            except OSError:
                key.append(None)
        entries = self.journal._entries()
        key.append(entries[-1] if entries else None)
        return tuple(key)

    @contextmanager
    def _transaction(self, *, journal: bool = True, keep_redo: bool = False):
        with locked(self.lock):
            tx = Transaction(self.files, self.journal)
            try:
                yield tx
                tx.commit(journal=journal)
                if journal and tx.changes and not keep_redo:
                    self.redo_stack.clear()  # a new change: what was undone no longer follows
            finally:
                tx.close()

    def _resolve(self, ann_id: str) -> Annotation:
        key = strip_control(str(ann_id)).strip().lower()
        if not key:
            raise UsageError("empty annotation id")
        # the index says which article files hold matching ids: only those are read
        where = {article for article, summary in self.index.summaries().items()
                 if any(i.startswith(key) for i in summary.ids)}
        matches = [a for article in sorted(where) for a in self.files.records(article).values()
                   if a.id.startswith(key)]
        if not matches:
            raise UsageError(f"unknown annotation id: {key!r}")
        exact = [a for a in matches if a.id == key]
        if exact:
            return exact[0]
        if len(matches) > 1:
            shown = ", ".join(a.short_id for a in matches[:5])
            raise UsageError(f"ambiguous annotation id {key!r}: matches {shown}")
        return matches[0]

    # ----- queries -------------------------------------------------------------------------

    def get(self, ann_id: str) -> Annotation:
        return self._resolve(ann_id).copy()

    def all(self, *, article: str | None = None, tag: str | None = None, status: str | None = None) -> list[Annotation]:
        wanted_tag = normalize_tag(tag, strict=False) if tag is not None else None
        wanted_status = check_status(status) if status is not None else None
        data = self._load_all()
        groups = [data.get(article, {})] if article is not None else list(data.values())
        out = [
            a.copy() for anns in groups for a in anns.values()
            if (wanted_status is None or a.status == wanted_status)
            and (wanted_tag is None or any(tag_matches(t, wanted_tag) for t in a.tags))
        ]
        return sorted(out, key=lambda a: (a.article, a.start, a.end, a.id))

    def notes(self) -> list:
        """Annotations that have a note or tags, as search reads them (id, article, start, end,
        note, tags), from the store index: no annotation file is parsed unless it changed."""
        if self.files.read_only:  # positions may have been re-anchored in memory only
            return [a for a in self.all() if a.note or a.tags]
        return [NoteRef(article, *note) for article, summary in self.index.summaries().items()
                for note in summary.notes]

    def tags(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for anns in self._load_all().values():
            for ann in anns.values():
                for tag in ann.tags:
                    counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts.items())

    # ----- changes -------------------------------------------------------------------------

    @staticmethod
    def _span(article: ArticleText, start: int, end: int) -> dict:
        """Anchor fields for [start, end) of the article's text (trimmed of whitespace)."""
        text = article.text
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
            raise UsageError(f"bad span {start}..{end} for {article.id} ({len(text)} characters)")
        if not text[start:end].strip():
            raise UsageError("cannot highlight only whitespace")
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        return {"start": start, "end": end, "quote": text[start:end], "prefix": text[max(0, start - CONTEXT):start],
                "suffix": text[end:end + CONTEXT], "status": "anchored", "text_hash": article.text_hash}

    def add_highlight(self, article: ArticleText, start: int, end: int, *, tags=(), note: str = "", color: str = "yellow",
                      allow_duplicate: bool = False) -> Annotation:
        """A new highlight; the exact span of an existing placed highlight is refused (UsageError
        naming it) unless `allow_duplicate`."""
        span = self._span(article, start, end)
        stamp = now_iso()
        ann = Annotation(id=new_id(), article=article.id, color=check_color(color), note=clean_note(note),
                         tags=normalize_tags(tags), created=stamp, updated=stamp, **span)
        with self._transaction() as tx:
            if not allow_duplicate:
                for other in tx.read(article.id).values():
                    if (other.start, other.end, other.quote) == (ann.start, ann.end, ann.quote) \
                            and other.status != "orphaned":
                        raise UsageError(f"already highlighted: {other.label()} "
                                         "(pass --allow-duplicate to highlight it again)")
            tx.put(ann)
            tx.description = f"highlight {ann.label()}"
        return ann.copy()

    add = add_highlight  # the name used in docs/architecture.md

    def reattach(self, ann_id: str, article: ArticleText, start: int, end: int) -> Annotation:
        """Point an annotation (e.g. one that needs review) at [start, end) of `article`."""
        target = self._resolve(ann_id)
        if target.article != article.id:
            raise UsageError(f"annotation {target.short_id} belongs to {target.article}, not {article.id}")
        span = self._span(article, start, end)
        with self._transaction() as tx:
            current = tx.read(target.article).get(target.id)
            if current is None:
                raise UsageError(f"annotation {target.short_id} was deleted meanwhile")
            ann = current.copy(updated=now_iso(), **span)
            tx.put(ann)
            tx.description = f"re-attachment of {ann.label()}"
        return ann.copy()

    def highlight_quote(self, article: ArticleText, quote: str, *, occurrence: int | None = None, tags=(), note: str = "",
                        color: str = "yellow", allow_duplicate: bool = False) -> Annotation:
        if not strip_control(str(quote)).strip():
            raise UsageError("empty quote")  # before the colour check, as the CLI contract orders them
        check_color(color)
        normalize_tags(tags)
        start, end = locate_quote(article, quote, occurrence)
        return self.add_highlight(article, start, end, tags=tags, note=note, color=color,
                                  allow_duplicate=allow_duplicate)

    def reattach_quote(self, ann_id: str, article: ArticleText, quote: str, *, occurrence: int | None = None) -> Annotation:
        """Point an annotation at QUOTE in its article: the human fix for needs_review/orphaned."""
        start, end = locate_quote(article, quote, occurrence)
        return self.reattach(ann_id, article, start, end)

    def update(self, ann_id: str, *, note: str | None = None, add_tags=(), remove_tags=(), color: str | None = None,
               tags=None) -> Annotation:
        new_note = clean_note(note) if note is not None else None
        new_color = check_color(color) if color is not None else None
        new_tags = normalize_tags(tags) if tags is not None else None
        adds, drops = normalize_tags(add_tags), normalize_tags(remove_tags, strict=False)
        target = self._resolve(ann_id)
        with self._transaction() as tx:
            current = tx.read(target.article).get(target.id)
            if current is None:
                raise UsageError(f"annotation {target.short_id} was deleted meanwhile")
            ann = current.copy()
            if new_note is not None:
                ann.note = new_note
            if new_color is not None:
                ann.color = new_color
            if new_tags is not None:
                ann.tags = new_tags
            ann.tags = [t for t in ann.tags if t not in drops] + [t for t in adds if t not in ann.tags]
            if ann == current:
                return ann.copy()
            ann.updated = now_iso()
            tx.put(ann)
            tx.description = f"edit of {ann.label()}"
        return ann.copy()

    def update_many(self, changes: dict[str, dict], description: str) -> list[Annotation]:
        """Set `note` and/or `tags` of several annotations (id → {"note": …, "tags": […]}) in one
        transaction: one undo step. Unknown ids are skipped; returns the annotations changed."""
        clean = {i: {k: (clean_note(v) if k == "note" else normalize_tags(v, strict=False)) for k, v in c.items()
                     if k in ("note", "tags") and v is not None} for i, c in changes.items()}
        found = [a for anns in self._load_all().values() for a in anns.values() if a.id in clean]
        done: list[Annotation] = []
        with self._transaction() as tx:
            for target in found:
                current = tx.read(target.article).get(target.id)
                ann = current.copy(**clean[target.id]) if current is not None else None
                if ann is not None and ann != current:
                    ann.updated = now_iso()
                    tx.put(ann)
                    done.append(ann.copy())
            tx.description = f"{description} ({len(done)} annotation(s))"
        return done

    def cycle_color(self, ann_id: str) -> Annotation:
        current = self._resolve(ann_id)
        return self.update(current.id, color=COLORS[(COLORS.index(current.color) + 1) % len(COLORS)]
                           if current.color in COLORS else COLORS[0])

    def delete(self, ann_id: str) -> Annotation:
        target = self._resolve(ann_id)
        with self._transaction() as tx:
            current = tx.read(target.article).get(target.id)
            if current is None:
                raise UsageError(f"annotation {target.short_id} was deleted meanwhile")
            tx.remove(current)
            tx.description = f"delete of {current.label()}"
        return current.copy()

    def undo(self) -> str:
        """Take back the last change that is in the store (any process); see undo.py."""
        return undo_change(self)

    def redo(self) -> str:
        """Re-apply what the last undo took back (any process), until a new change is made."""
        return redo_change(self)

    def rename_tag(self, old: str, new: str) -> int:
        old, new = normalize_tag(old, strict=False), normalize_tag(new)
        if old == new:
            raise UsageError("old and new tag are the same")
        count = 0
        with self._transaction() as tx:
            for article_id in self.files.article_ids():
                for ann in list(tx.read(article_id).values()):
                    if not any(tag_matches(t, old) for t in ann.tags):
                        continue
                    renamed = [new + t[len(old):] if tag_matches(t, old) else t for t in ann.tags]
                    updated = ann.copy(tags=list(dict.fromkeys(renamed)), updated=now_iso())
                    tx.put(updated)
                    count += 1
            if not count:
                raise WorkbenchError(f"no annotation is tagged {old!r}")
            tx.description = f"rename of tag {old!r} to {new!r} ({count} annotations)"
        return count

    def import_records(self, records: list) -> RecordImportReport:
        report = RecordImportReport()
        valid: list[Annotation] = []
        seen: set[str] = set()
        for index, record in enumerate(records):
            key: int | str = record["id"] if isinstance(record, dict) and isinstance(record.get("id"), str) else index
            try:
                ann = validate_record(record)
            except ValueError as exc:
                report.rejected.append((key, str(exc)))
                continue
            if ann.id in seen:
                report.rejected.append((key, "duplicate id in the import file"))
                continue
            seen.add(ann.id)
            valid.append(ann)
        if not valid:
            return report
        with self._transaction() as tx:
            where: dict[str, Annotation] = {}
            for article_id in self.files.article_ids():
                where.update((a.id, a) for a in tx.read(article_id).values())
            for ann in valid:
                existing = where.get(ann.id)
                if existing is not None and (same_content(existing, ann) or _when(ann.updated) <= _when(existing.updated)):
                    report.unchanged += 1
                    continue
                if existing is not None and existing.article != ann.article:
                    tx.remove(existing)
                if existing is not None and (existing.article, existing.start, existing.end, existing.quote) == (
                        ann.article, ann.start, ann.end, ann.quote):
                    ann.text_hash, ann.status = existing.text_hash, existing.status
                tx.put(ann)
                if existing is None:
                    report.imported += 1
                else:
                    report.updated += 1
            tx.description = f"import of {report.imported + report.updated} annotations"
        return report

    def sync(self, library: ArticleSource, only: Sequence[ArticleText] | None = None) -> list[Annotation]:
        """Re-anchor annotations whose article text changed since they were anchored.

        Which articles those are comes from the store index and the library's manifest (no
        article text, no annotation file is read for the others). `only`: the articles (objects,
        as loaded) the command works on alone (`highlight`): only they are checked."""
        if only is not None:
            articles = {article.id: article for article in only}
            stale = {article_id for article_id, article in articles.items()
                     if any(a.text_hash != article.text_hash for a in self.files.records(article_id).values())}
        elif self.files.read_only:  # re-anchored in memory before: the files still hold the old hashes
            articles = {a.id: a for a in library.articles}
            stale = {article_id for article_id, anns in self._load_all().items() if article_id in articles
                     and any(a.text_hash != articles[article_id].text_hash for a in anns.values())}
        else:  # compared by text hash alone (a Library gives them without making 100k articles)
            hashes_of = getattr(library, "text_hashes", None)
            current = hashes_of() if callable(hashes_of) else {a.id: a.text_hash for a in library.articles}
            stale = {article_id for article_id, summary in self.index.summaries().items()
                     if article_id in current and any(h != current[article_id] for h in summary.hashes)}
            articles = {a.id: a for a in library.articles} if stale else {}
        hashes = {article_id: articles[article_id].text_hash for article_id in stale}
        changed: list[Annotation] = []
        if not stale:
            return changed
        try:
            if self.files.read_only:
                return self._sync_in_memory(stale, articles, hashes)
            with self._transaction(journal=False) as tx:
                for article_id in sorted(stale):
                    article = articles[article_id]
                    for ann in list(tx.read(article_id).values()):
                        if ann.text_hash == hashes[article_id]:
                            continue
                        new = reanchored(ann, article.text, hashes[article_id])
                        tx.put(new, journal=False)
                        if (new.start, new.end, new.status, new.quote) != (ann.start, ann.end, ann.status, ann.quote):
                            changed.append(new.copy())
            return changed
        finally:
            forget_texts()

    def _sync_in_memory(self, stale: set[str], articles: dict, hashes: dict) -> list[Annotation]:
        """`sync` for a store that cannot be written: re-anchor for this process only."""
        changed: list[Annotation] = []
        data = self._load_all()
        count = 0
        for article_id in sorted(stale):
            records = dict(data[article_id])
            for ann_id, ann in records.items():
                if ann.text_hash == hashes[article_id]:
                    continue
                new = reanchored(ann, articles[article_id].text, hashes[article_id])
                records[ann_id] = new
                count += 1
                if (new.start, new.end, new.status, new.quote) != (ann.start, ann.end, ann.status, ann.quote):
                    changed.append(new.copy())
            self.files.remember(article_id, records)
        self.notices.append(f"annotation store is read-only: {count} annotation(s) re-anchored in memory only "
                            "(not saved)")
        return changed


def open_store(workspace: Workspace) -> AnnotationStore:
    """The workspace's store (created on first use) under WORKSPACE/.workbench/store/."""
    return AnnotationStore(Path(workspace.state) / "store")
