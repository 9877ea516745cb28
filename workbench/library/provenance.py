"""Where each imported copy came from, and which bytes were written.

Kept in WORKSPACE/.workbench/imports.json (plus `imports.log`, one JSON line per file
imported since, appended as each copy is written, so a killed import keeps the record of
every copy it made; folded into imports.json at the end of a run) so a re-import can tell "the original changed" (a
new version: replace the copy) from "the copy in seeds/ was edited by hand" (keep the edits;
never overwrite them silently). Losing this file only loses that protection, nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from workbench import fsutil
from workbench.workspace import Workspace

FILE_NAME = "imports.json"
LOG_NAME = "imports.log"


@dataclass(frozen=True)
class Record:
    source: str  # absolute path of the original
    sha256: str  # of the bytes written into seeds/
    imported: str  # ISO timestamp (UTC)


class Provenance:
    def __init__(self, workspace: Workspace) -> None:
        self.path = workspace.state / FILE_NAME
        self.log = workspace.state / LOG_NAME
        self.records: dict[str, Record] = {}
        try:
            data = json.loads(self.path.read_bytes())
            for article_id, rec in (data.get("articles") or {}).items():
                self._load(article_id, rec)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.records = {}  # missing or damaged: no record is the safe default
        try:
            lines = self.log.read_bytes().splitlines()
        except OSError:
            lines = []
        for line in lines:  # a torn last line (killed mid-append) is skipped
            try:
                entry = json.loads(line)
                self._load(entry["id"], entry)
            except (ValueError, KeyError, TypeError, AttributeError):
                continue

    def _load(self, article_id, rec: dict) -> None:
        if rec.get("forget"):
            self.records.pop(str(article_id), None)
            return
        self.records[str(article_id)] = Record(str(rec["source"]), str(rec["sha256"]), str(rec["imported"]))

    def get(self, article_id: str) -> Record | None:
        return self.records.get(article_id)

    def set(self, article_id: str, source: Path, sha256: str) -> None:
        """Record a copy just written, durably, before the next file is handled."""
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        self.records[article_id] = record = Record(str(source), sha256, stamp)
        self._append({"id": article_id, **vars(record)})

    def forget(self, article_id: str) -> None:
        self.records.pop(article_id, None)
        self._append({"id": article_id, "forget": True})

    def _append(self, entry: dict) -> None:
        try:
            fsutil.append(self.log, (json.dumps(entry) + "\n").encode("ascii"))
        except (OSError, fsutil.OutsideWorkspace):
            pass  # costs only the edited-copy protection

    def save(self) -> None:
        """Fold the log into imports.json (atomic); a failure only costs the protection, so it is not fatal."""
        data = {"version": 1, "articles": {k: vars(v) for k, v in sorted(self.records.items())}}
        try:
            # json, not orjson: an original whose name is not UTF-8 (café.txt saved as latin-1)
            # has surrogates in its path, which json escapes and reads back and orjson refuses.
            fsutil.atomic_write(self.path, json.dumps(data, indent=2).encode("ascii"), durable=True)
            fsutil.unlink(self.log)
        except (OSError, fsutil.OutsideWorkspace):
            pass
