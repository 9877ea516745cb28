"""The one way workbench replaces a file: write a temp file beside it, then `os.replace`.

Every file the program writes (store partitions, article and search caches, copies of
imported sources, provenance, exported notes, the TUI's state) goes through
`atomic_write`, so a reader — or the next run after a crash or a full disk — sees the old
file or the new one, never half of either. `durable=True` adds the fsyncs (file, then
folder) that make the new version survive a power cut; caches skip them, because losing
one only costs time.

Temp files are named `.<name>.<pid>.<random>.tmp`, so a run killed mid-write leaves
something `remove_stale_temps` recognises and a concurrent writer never shares a temp name.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TMP_SUFFIX = ".tmp"


def temp_name(path: Path) -> Path:
    """A fresh temp path in `path`'s folder (same filesystem, so `os.replace` is atomic)."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable; a filesystem that cannot fsync a folder is let be."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, *, durable: bool = False, mode: int = 0o644) -> None:
    """Replace `path` with `data` all at once; raises OSError (no temp file is left behind).

    The temp file is created with O_EXCL, so a planted symlink at its name is never
    followed, and `os.replace` swaps the directory entry itself: a symlink at `path` is
    replaced, not written through.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_name(path)
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), mode)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:  # OSError, or Ctrl-C mid-write: no stray temp file either
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    if durable:
        fsync_dir(path.parent)
