"""The undo journal: the last N changes with before-images, one small file per change.

One file per entry (not one growing file) keeps a save O(1): writing an entry never
rewrites the others, and pruning only unlinks. Written under the store lock after the
change itself, so `workbench undo` in a later process undoes exactly the last save.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

from workbench.store.storage import save_file, set_aside

KEEP = 50


class Journal:
    def __init__(self, folder: Path, corrupt_dir: Path, keep: int = KEEP) -> None:
        self.folder = folder
        self.corrupt_dir = corrupt_dir
        self.keep = keep
        self.notices: list[str] = []
        self.skipped = 0  # damaged entries passed over by the last `pop`

    def _entries(self) -> list[str]:
        try:
            return sorted(n for n in os.listdir(self.folder) if n.endswith(".json") and not n.startswith("."))
        except FileNotFoundError:
            return []

    def record(self, description: str, changes: list[dict]) -> None:
        """Append an entry; `changes` = [{"article", "id", "before": record | None}]."""
        if not changes:
            return
        names = self._entries()
        seq = int(names[-1].split(".")[0]) + 1 if names else 1
        data = orjson.dumps({"seq": seq, "description": description, "changes": changes})
        save_file(self.folder / f"{seq:012d}.json", data)
        for old in names[: max(0, len(names) + 1 - self.keep)]:
            try:
                os.unlink(self.folder / old)
            except OSError:
                pass

    def pop(self) -> dict | None:
        """Remove and return the newest readable entry (unreadable ones are set aside).

        Sets `skipped` to the number of damaged entries passed over; one notice says so."""
        self.skipped = 0
        first_reason = ""
        found = None
        for name in reversed(self._entries()):
            path = self.folder / name
            try:
                entry = orjson.loads(path.read_bytes())
                if not isinstance(entry, dict) or not isinstance(entry.get("changes"), list):
                    raise ValueError("not a journal entry")
            except (OSError, ValueError) as exc:
                set_aside(path, self.corrupt_dir)
                self.skipped += 1
                first_reason = first_reason or f"{name}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
                continue
            entry["_path"] = path
            found = entry
            break
        if self.skipped:
            self.notices.append(f"skipped {self.skipped} unreadable undo journal entr{'y' if self.skipped == 1 else 'ies'} "
                                f"({first_reason}); moved to {self.corrupt_dir}")
        return found

    def discard(self, entry: dict) -> None:
        try:
            os.unlink(entry["_path"])
        except OSError:
            pass
