"""Where each imported copy came from, and which bytes were written.

Kept in WORKSPACE/.workbench/imports.json so a re-import can tell "the original changed" (a
new version: replace the copy) from "the copy in seeds/ was edited by hand" (keep the edits;
never overwrite them silently). Losing this file only loses that protection, nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from workbench.fsutil import atomic_write
from workbench.workspace import Workspace

FILE_NAME = "imports.json"


@dataclass(frozen=True)
class Record:
    source: str  # absolute path of the original
    sha256: str  # of the bytes written into seeds/
    imported: str  # ISO timestamp (UTC)


class Provenance:
    def __init__(self, workspace: Workspace) -> None:
        self.path = workspace.state / FILE_NAME
        self.records: dict[str, Record] = {}
        try:
            data = json.loads(self.path.read_bytes())
            for article_id, rec in (data.get("articles") or {}).items():
                self.records[str(article_id)] = Record(str(rec["source"]), str(rec["sha256"]), str(rec["imported"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.records = {}  # missing or damaged: no record is the safe default

    def get(self, article_id: str) -> Record | None:
        return self.records.get(article_id)

    def set(self, article_id: str, source: Path, sha256: str) -> None:
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        self.records[article_id] = Record(str(source), sha256, stamp)

    def forget(self, article_id: str) -> None:
        self.records.pop(article_id, None)

    def save(self) -> None:
        """Atomic write; a failure costs only the edited-copy protection, so it is not fatal."""
        data = {"version": 1, "articles": {k: vars(v) for k, v in sorted(self.records.items())}}
        try:
            # json, not orjson: an original whose name is not UTF-8 (café.txt saved as latin-1)
            # has surrogates in its path, which json escapes and reads back and orjson refuses.
            atomic_write(self.path, json.dumps(data, indent=2).encode("ascii"), durable=True)
        except OSError:
            pass  # the edited-copy protection is lost for this run; the import itself stands
