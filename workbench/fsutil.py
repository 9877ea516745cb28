"""Every write and delete the workbench makes goes through here.

`atomic_write` is the one way a file is replaced: a temp file beside it, then `os.replace`,
so a reader — or the next run after a crash or a full disk — sees the old file or the new
one, never half of either. `durable=True` adds the fsyncs (file, then folder) that make the
new version survive a power cut; caches skip them, because losing one only costs time.
Temp files are named `.<name>.<pid>.<random>.tmp`, so a run killed mid-write leaves
something `remove_stale_temp_files` recognises and a concurrent writer never shares a
temp name.

Two more reasons to have one place:

- **Links out of the workspace.** A workspace may come from anyone, and a symbolic link
  inside it (`notes/tags -> /home/you`, `.workbench/store/backups/x -> ~/.ssh`) must never
  make a write or a delete land outside. `confine(root)` registers a workspace root; any
  write, replace, unlink or mkdir whose path lies lexically inside a registered root must
  also lie *really* (after resolving links) inside it, else `OutsideWorkspace` (an
  OSError, so every caller's "cannot write …" handling applies) is raised.
  Paths outside every registered root (an export folder named on the command line) are
  the user's own choice and are not checked. The final component is never followed:
  `os.replace` and `os.unlink` act on a link itself, not on what it points to.
- **Crash tests.** With `WORKBENCH_CRASH_AT=N` in the environment the process dies
  (`os._exit`, like a power cut or SIGKILL) at the N-th file operation; the crash-point
  sweep in tests/slow runs every command with every N. Without the variable the hook costs
  one integer test per operation.
"""

from __future__ import annotations

import gc
import os
import secrets
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

TMP_SUFFIX = ".tmp"
CRASH_ENV = "WORKBENCH_CRASH_AT"
CRASH_EXIT = 86

_roots: dict[str, str] = {}  # lexical absolute root → real root
_crash_at = int(os.environ.get(CRASH_ENV) or 0) if (os.environ.get(CRASH_ENV) or "").isdigit() else 0
_ops = 0


class OutsideWorkspace(PermissionError):
    """A write or delete would follow a symbolic link out of the workspace."""

    def __init__(self, path: str, target: str) -> None:
        super().__init__(f"a symbolic link in its path leads out of the workspace (to {target})")
        self.strerror = str(self.args[0])
        self.filename = path
        self.message = f"refusing to write {path}: {self.strerror}"

    def __str__(self) -> str:
        return self.message


class TooLarge(OSError):
    """A file (or device: /dev/zero has st_size 0) holds more than the caller will read."""


def read_limited(path: str | os.PathLike, limit: int) -> bytes:
    """At most `limit` bytes of `path`, else TooLarge: st_size is not trusted (devices,
    /proc files and growing files report 0 or less than they hold)."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        mb = limit / 2 ** 20
        raise TooLarge(27, f"larger than {mb:g} MB" if mb >= 1 else f"larger than {limit:,} bytes", str(path))
    return data


def _step() -> None:
    """Count one file operation; die at the chosen one (crash tests only)."""
    global _ops
    if _crash_at:
        _ops += 1
        if _ops >= _crash_at:
            os._exit(CRASH_EXIT)


def confine(root: str | os.PathLike) -> None:
    """Writes below `root` must stay below it once symbolic links are resolved."""
    lexical = os.path.abspath(root)
    _roots[lexical] = os.path.realpath(lexical)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def check_target(path: str | os.PathLike) -> Path:
    """`path` if writing or deleting it stays inside its workspace, else OutsideWorkspace.

    The folder holding `path` is resolved (the name itself is not: replace/unlink act on
    a link, not through it)."""
    absolute = os.path.abspath(path)
    for lexical, real in _roots.items():
        if _inside(absolute, lexical):
            parent = os.path.realpath(os.path.dirname(absolute))
            if not _inside(parent, real):
                raise OutsideWorkspace(absolute, parent)
    return Path(path)


def mkdir(path: str | os.PathLike) -> None:
    """`mkdir -p`, refusing folders reached through a link out of the workspace."""
    path = Path(path)
    if path.is_dir():
        check_target(path / "x")
        return
    check_target(path)
    _step()
    path.mkdir(parents=True, exist_ok=True)
    check_target(path / "x")  # a link swapped in while creating


def fsync_dir(folder: str | os.PathLike) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        _step()
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """A fresh temp path in `path`'s folder (same filesystem, so `os.replace` is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def atomic_write(path: str | os.PathLike, data: bytes | Sequence[bytes | memoryview], *, durable: bool = False,
                 mode: int = 0o644) -> None:
    """Replace `path` with `data`: readers see the old or the new file, never half of one.

    `data` may be a list of chunks, written one after another (a big file is never joined in memory).

    `durable=True` fsyncs the file and its folder (the store, provenance, seeds copies).
    OSError (disk full, read-only; OutsideWorkspace when a link leads out of the workspace)
    propagates after the temp file is removed. The temp file is created with O_EXCL and
    O_NOFOLLOW, and `os.replace` swaps the directory entry itself: a symlink at `path` is
    replaced, not written through."""
    path = check_target(path)
    mkdir(path.parent)
    tmp = temp_name(path)
    try:
        _step()
        _write_all(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode),
                   data, durable)
        _step()
        os.replace(tmp, path)
    except BaseException:  # OSError, or Ctrl-C mid-write: no stray temp file either
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        fsync_dir(path.parent)


def replace(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """`os.replace` with both ends checked."""
    check_target(src)
    check_target(dst)
    _step()
    os.replace(src, dst)


def unlink(path: str | os.PathLike, missing_ok: bool = True) -> bool:
    """Delete a file (a link itself, never its target); True if something was removed."""
    check_target(path)
    _step()
    try:
        os.unlink(path)
    except FileNotFoundError:
        if not missing_ok:
            raise
        return False
    return True


def rmdir(path: str | os.PathLike) -> None:
    """Remove an empty folder (OSError when it is not empty)."""
    check_target(path)
    _step()
    os.rmdir(path)


def append(path: str | os.PathLike, data: bytes, durable: bool = True) -> None:
    """Append `data` to `path` (created if missing): an O(1) log write."""
    path = check_target(path)
    mkdir(path.parent)
    _step()
    _write_all(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0), 0o644),
               data, durable)


def _write_all(fd: int, data: bytes | Sequence[bytes | memoryview], durable: bool) -> None:
    """Write every byte to `fd` (a crash point per write), fsync when `durable`, close it."""
    try:
        for chunk in (data,) if isinstance(data, bytes | bytearray | memoryview) else data:
            view = memoryview(chunk).cast("B")
            while view:
                _step()
                view = view[os.write(fd, view):]
        if durable:
            _step()
            os.fsync(fd)
    finally:
        os.close(fd)


def _writer_alive(name: str) -> bool:
    """Whether the process named in a temp file (`.NAME.PID.RAND.tmp`) still runs."""
    for part in reversed(name.split(".")[:-1]):
        if part.isdigit() and 0 < int(part) < 2 ** 31:
            try:
                os.kill(int(part), 0)
            except ProcessLookupError:
                return False
            except OSError:
                return True
            return True
    return False


def remove_stale_temp_files(folder: str | os.PathLike, *, live_ok: bool = True) -> int:
    """Delete `.*.tmp` files a killed writer left in `folder` (not recursive); how many.

    `live_ok=True` spares the temp file of a process that is still running (it may be
    writing it right now); under a lock that every writer takes, pass False."""
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    removed = 0
    for name in names:
        if name.startswith(".") and name.endswith(TMP_SUFFIX):
            if live_ok and _writer_alive(name):
                continue
            try:
                removed += unlink(Path(folder) / name)
            except (OSError, OutsideWorkspace):
                pass
    return removed


@contextmanager
def gc_paused():
    """No garbage collection while many files are read (re-entrant). Parsing thousands of
    files makes millions of small objects, and every automatic collection would walk them
    all for nothing (loading 100k annotations: 1.25 s → 0.69 s). Collection resumes after,
    unforced."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
