"""Durable annotation store: highlights, notes and tags (see docs/store.md).

`open_store(workspace)` gives an `AnnotationStore`; `Annotation.to_dict()` is the JSON contract.
"""

from workbench.store.anchoring import Anchor, reanchor
from workbench.store.model import COLORS, STATUSES, Annotation, normalize_tag
from workbench.store.records import RecordImportReport
from workbench.store.store import AnnotationStore, open_store

__all__ = ["COLORS", "STATUSES", "Anchor", "Annotation", "AnnotationStore", "RecordImportReport", "normalize_tag",
           "open_store", "reanchor"]
