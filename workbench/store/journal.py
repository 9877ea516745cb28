"""The undo journal: the last N changes with before- and after-images, one file per change.

One file per entry (not one growing file) keeps a save O(1): writing an entry never
rewrites the others, and pruning only unlinks.

**Written ahead.** A change writes its journal entry *first* (under the store lock), then
the article files. A crash, a full disk or a kill between the two therefore leaves an
entry whose change may or may not be in the store — never a change in the store that the
journal does not know. `undo` compares each entry with the store (`state_of`): an entry
whose records all still match their before-images never reached the store and is dropped;
otherwise it is the last change that is in the store, and that is what undo takes back.
An undo marks its entry `undoing` before it touches the store, so an undo cut short is
finished by the next `undo` instead of taking back one change too many.

Only files named `<digits>.json` are entries; anything else in `journal/` is ignored.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson

from workbench import fsutil
from workbench.store.storage import save_file, set_aside

KEEP = 50
_ENTRY_NAME = re.compile(r"\d{1,18}\.json")
# Fields `sync` rewrites without a journal entry: never part of "does the store match?".
ANCHOR_FIELDS = ("start", "end", "quote", "prefix", "suffix", "status", "text_hash")


def _user_fields(record: dict | None) -> dict | None:
    if record is None:
        return None
    return {k: v for k, v in record.items() if k not in ANCHOR_FIELDS}


def same_record(a: dict | None, b: dict | None) -> bool:
    """Equal apart from anchoring (which re-anchoring may have changed since)."""
    return _user_fields(a) == _user_fields(b)


def _valid_entry(entry) -> bool:
    if not isinstance(entry, dict) or not isinstance(entry.get("changes"), list):
        return False
    for change in entry["changes"]:
        if not (isinstance(change, dict) and isinstance(change.get("article"), str)
                and isinstance(change.get("id"), str)
                and all(change.get(k) is None or isinstance(change.get(k), dict) for k in ("before", "after"))):
            return False
    return True


class Journal:
    def __init__(self, folder: Path, corrupt_dir: Path, keep: int = KEEP) -> None:
        self.folder = folder
        self.corrupt_dir = corrupt_dir
        self.keep = keep
        self.notices: list[str] = []
        self.skipped = 0  # damaged entries passed over by the last `pop`

    def _entries(self) -> list[str]:
        """Entry file names, oldest first (numeric order; stray files ignored)."""
        try:
            names = [n for n in os.listdir(self.folder) if _ENTRY_NAME.fullmatch(n)]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(names, key=lambda n: int(n.split(".")[0]))

    def record(self, description: str, changes: list[dict]) -> dict | None:
        """Write an entry *before* the change: [{"article", "id", "before", "after"}].

        Returns the entry (for `discard` when the change then fails before any write)."""
        if not changes:
            return None
        names = self._entries()
        seq = int(names[-1].split(".")[0]) + 1 if names else 1
        path = self.folder / f"{seq:012d}.json"
        entry = {"seq": seq, "description": description, "changes": changes}
        save_file(path, orjson.dumps(entry))
        for old in names[: max(0, len(names) + 1 - self.keep)]:
            try:
                fsutil.unlink(self.folder / old)
            except (OSError, fsutil.OutsideWorkspace):
                pass
        entry["_path"] = path
        return entry

    def pop(self) -> dict | None:
        """The newest readable entry, left in place (unreadable ones are set aside).

        Sets `skipped` to the number of damaged entries passed over; one notice says so."""
        self.skipped = 0
        first_reason = ""
        found = None
        for name in reversed(self._entries()):
            path = self.folder / name
            try:
                entry = orjson.loads(path.read_bytes())
                if not _valid_entry(entry):
                    raise ValueError("not a journal entry")
            except FileNotFoundError:
                continue
            except (OSError, ValueError) as exc:
                try:
                    set_aside(path, self.corrupt_dir)
                except (OSError, fsutil.OutsideWorkspace):
                    pass
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

    def mark_undoing(self, entry: dict) -> None:
        """Say, before the store is touched, that this entry is being undone."""
        entry["undoing"] = True
        save_file(entry["_path"], orjson.dumps({k: v for k, v in entry.items() if k != "_path"}))

    def discard(self, entry: dict) -> None:
        try:
            fsutil.unlink(entry["_path"])
        except (OSError, fsutil.OutsideWorkspace):
            pass
