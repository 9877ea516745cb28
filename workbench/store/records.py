"""Validating records from an import file (the output of `annotations --json`).

Each record is checked on its own so one bad record is rejected with a reason while the
rest are imported; tags and notes go through the same cleaning as typed input.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from workbench.errors import WorkbenchError
from workbench.store.model import COLORS, STATUSES, Annotation, clean_note, normalize_tags
from workbench.store.partitions import file_name
from workbench.textnorm import strip_control

MAX_FILE_NAME = 200  # bytes: an article's annotation file (and its backup folder) must fit in a name


@dataclass
class RecordImportReport:
    imported: int = 0       # new annotations
    updated: int = 0        # existing ids replaced by a newer version
    unchanged: int = 0      # already present (same or newer here): skipped
    rejected: list[tuple[int | str, str]] = field(default_factory=list)  # (index or id, reason)

    @property
    def skipped(self) -> int:
        return self.unchanged

    def to_dict(self) -> dict:
        return {"imported": self.imported, "updated": self.updated, "unchanged": self.unchanged,
                "rejected": [{"record": key, "reason": reason} for key, reason in self.rejected]}


def _timestamp(value, name: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} must be an ISO timestamp")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name} is not an ISO timestamp: {value[:40]!r}") from None
    return value


def _int(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be an integer")
    return value


def _text(record: dict, name: str, *, required: bool = False) -> str:
    value = record.get(name, "")
    if value is None and not required:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string")
    if required and not value:
        raise ValueError(f"{name} is missing")
    return value


def validate_record(record) -> Annotation:
    """An Annotation from an import record, or ValueError saying what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("not an object")
    ann_id = _text(record, "id", required=True)
    try:
        if str(uuid.UUID(ann_id)) != ann_id.lower():
            raise ValueError
    except ValueError:
        raise ValueError(f"id is not a uuid: {ann_id[:40]!r}") from None
    article = strip_control(_text(record, "article", required=True)).strip()
    if not article or "/" in article or "\\" in article or article in (".", ".."):
        raise ValueError(f"bad article id {article[:40]!r}")
    if len(file_name(article).encode("utf-8")) > MAX_FILE_NAME:
        raise ValueError(f"article id too long ({len(article):,} characters): {article[:40]!r}…")
    start, end = _int(record.get("start"), "start"), _int(record.get("end"), "end")
    if start < 0 or end <= start:
        raise ValueError(f"bad span {start}..{end}")
    quote = _text(record, "quote", required=True)
    if strip_control(quote) != quote:  # escape codes never enter the store; sync re-finds the quote
        quote = strip_control(quote)
        if not quote.strip():
            raise ValueError("quote is only control characters")
        end = start + len(quote)
    if len(quote) != end - start:
        raise ValueError(f"quote length {len(quote)} does not match span {start}..{end}")
    color = record.get("color", "yellow")
    if color not in COLORS:
        raise ValueError(f"unknown colour {str(color)[:20]!r}")
    status = record.get("status", "anchored")
    if status not in STATUSES:
        raise ValueError(f"unknown status {str(status)[:20]!r}")
    tags = record.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("tags must be a list of strings")
    try:
        tags = normalize_tags(tags, strict=False)  # kept as they were: export warns about odd ones
        note = clean_note(_text(record, "note"))
    except WorkbenchError as exc:
        raise ValueError(exc.message) from None
    return Annotation(
        id=ann_id.lower(), article=article, start=start, end=end, quote=quote,
        prefix=strip_control(_text(record, "prefix")), suffix=strip_control(_text(record, "suffix")), color=color, note=note,
        tags=tags, created=_timestamp(record.get("created"), "created"),
        updated=_timestamp(record.get("updated"), "updated"), status=status, text_hash=None,
    )


def same_content(a: Annotation, b: Annotation) -> bool:
    return a.to_dict() == b.to_dict()
