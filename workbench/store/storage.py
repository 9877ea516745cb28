"""Durable files: atomic replace, an inter-process lock, rotating backups, corruption rescue.

TinyDB's JSONStorage rewrites its file in place and has no lock, so a kill mid-write or two
writers lose data. `AtomicJSONStorage` writes a temp file in the same folder, fsyncs it,
`os.replace`s, fsyncs the folder and keeps a copy in a rotating backup folder. Every write
takes the store's file lock (re-entrant) and every read goes to disk, so a read-modify-write
done under the lock always sees the other process's last save.
"""

from __future__ import annotations

import errno
import os
import secrets
import time
from pathlib import Path

import orjson
from filelock import FileLock, Timeout
from tinydb.storages import Storage

from workbench import fsutil
from workbench.errors import StoreError
from workbench.fsutil import atomic_write, fsync_dir

BACKUPS_KEPT = 10
LOCK_TIMEOUT = 30.0


class CorruptFile(Exception):
    """A store file exists but cannot be parsed (truncated, garbage, wrong shape)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class StoreReadOnly(StoreError):
    """The lock cannot be taken because the store may not be written (permissions, read-only disk)."""


def make_lock(path: Path) -> FileLock:
    """The one lock every writer of a store folder takes (flock: released if we die)."""
    return FileLock(str(path), timeout=LOCK_TIMEOUT, poll_interval=0.002, preserve_lock_file=True)


class StoreBusy(StoreError):
    """Another process holds the lock (raised only when asked not to wait)."""


class locked:
    """`with locked(lock):` — acquire, turning a timeout into a one-line StoreError.

    `wait=False` tries once and raises StoreBusy when a writer holds the lock."""

    def __init__(self, lock: FileLock, *, wait: bool = True) -> None:
        self.lock = lock
        self.wait = wait

    def __enter__(self) -> FileLock:
        try:
            if self.wait:
                self.lock.acquire()
            else:
                self.lock.acquire(timeout=0)
        except Timeout:
            if not self.wait:
                raise StoreBusy("annotation store is busy") from None
            raise StoreError(f"annotation store is busy (lock held for {LOCK_TIMEOUT:.0f}s by another process)") from None
        except OSError as exc:
            error = StoreReadOnly if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) else StoreError
            raise error(f"cannot lock the annotation store: {exc.strerror or exc}") from None
        return self.lock

    def __exit__(self, *exc) -> None:
        self.lock.release()


def save_file(path: Path, data: bytes, *, backup_dir: Path | None = None, keep: int = BACKUPS_KEPT) -> None:
    """Replace `path` durably (fsutil.atomic_write) and keep a backup; a failure is a StoreError."""
    try:
        atomic_write(path, data, durable=True)
    except OSError as exc:
        raise StoreError(f"cannot write {path.name}: {exc.strerror or exc}") from None
    if backup_dir is not None:
        keep_backup(data, backup_dir, keep)


def keep_backup(data: bytes, backup_dir: Path, keep: int) -> None:
    """Keep a copy of the version just written as the newest of `keep` backups.

    A copy, not a hard link: damage done in place to the live file must not reach it.
    Not fsynced: the live file is, and a backup only matters once that one is damaged.
    A backup folder that is a link out of the workspace gets no backup (and loses nothing).
    """
    try:
        fsutil.atomic_write(backup_dir / f"{time.time_ns():020d}.json", data, durable=False)
        names = sorted(n for n in os.listdir(backup_dir) if n.endswith(".json"))
        for old in names[:-keep] if keep > 0 else names:
            fsutil.unlink(backup_dir / old)
    except (OSError, fsutil.OutsideWorkspace):
        pass  # a backup we cannot keep must not fail the save itself


def backups_of(backup_dir: Path) -> list[Path]:
    """Backups, newest first."""
    try:
        names = sorted((n for n in os.listdir(backup_dir) if n.endswith(".json")), reverse=True)
    except OSError:
        return []
    return [backup_dir / n for n in names]


def parse_tables(path: Path, raw: bytes) -> dict:
    """Parse a TinyDB file: a JSON object of tables, each an object of documents."""
    if not raw.strip():
        raise CorruptFile(path, "empty file")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise CorruptFile(path, f"invalid JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise CorruptFile(path, "not a table object")
    return data


def read_tables(path: Path) -> dict | None:
    """The file's tables, None if it does not exist; CorruptFile if its content does not parse.

    A read that fails (permission denied, a folder in the way, I/O error) is a StoreError:
    the file may be perfectly good, so it is never set aside or replaced by a backup."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise StoreError(f"cannot read {path}: {reason}") from None
    return parse_tables(path, raw)


def set_aside(path: Path, corrupt_dir: Path) -> Path:
    """Move a bad file out of the way (never delete it) and say where it went."""
    fsutil.mkdir(corrupt_dir)
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    target = corrupt_dir / f"{path.stem}.{stamp}.{secrets.token_hex(2)}{path.suffix}"
    fsutil.replace(path, target)
    fsync_dir(path.parent)
    return target


def restore_newest_backup(path: Path, backup_dir: Path) -> Path | None:
    """Copy the newest parseable backup to `path`; return it, or None if none is good."""
    for candidate in backups_of(backup_dir):
        try:
            raw = candidate.read_bytes()
            parse_tables(candidate, raw)
        except (OSError, CorruptFile):
            continue
        save_file(path, raw)
        return candidate
    return None


def encode_tables(data: dict) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)


class AtomicJSONStorage(Storage):
    """TinyDB storage: fresh reads, locked atomic writes, rotating backups."""

    def __init__(self, path: str | os.PathLike, *, lock: FileLock, backup_dir: Path | None = None,
                 keep: int = BACKUPS_KEPT) -> None:
        self.path = Path(path)
        self.lock = lock
        self.backup_dir = backup_dir
        self.keep = keep
        # What a locked transaction just read from disk: TinyDB's own read in the same
        # transaction reuses it instead of parsing the file twice. Cleared when the lock goes.
        self.pinned: dict | None = None

    def read(self) -> dict | None:
        if self.pinned is not None:
            return dict(self.pinned)  # TinyDB replaces tables in this dict, never records in place
        return read_tables(self.path)

    def write(self, data: dict) -> None:
        self.pinned = None
        with locked(self.lock):
            save_file(self.path, encode_tables(data), backup_dir=self.backup_dir, keep=self.keep)

    def close(self) -> None:
        pass
