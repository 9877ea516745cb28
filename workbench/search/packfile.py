"""A cache file that is only data: a JSON header plus raw typed arrays, never code.

The search cache lives in the workspace, and a workspace may come from anyone (a shared
folder, a download). Pickle would run whatever a crafted file asks for, so the index is
stored as

    MAGIC (8 bytes) | header length (8 bytes, little-endian) | header (JSON) | blobs

The header holds `meta` (plain JSON for the caller), the byte order and item size it was
written with, and `blobs`: `[name, typecode, offset, nbytes]`. Each blob starts on an
8-byte boundary. `read_pack` checks all of that and hands back read-only memoryviews cast
to their typecode (no copying); anything that does not add up raises `PackError`, and the
caller rebuilds. Checking that the *values* make sense (ids in range…) is the caller's job.

`read_pack(path, lazy=(name, ...))` leaves those blobs on disk: a `BlobFile` reads a slice
with `os.pread` when asked, so a warm start reads the postings of the query's words, not
every posting of the library (the file is held open; a cache rewritten meanwhile is a new
file, `atomic_write`, so the open one stays consistent; one that shrank is a PackError).
"""

from __future__ import annotations

import os
import stat
import sys
import weakref
from array import array
from pathlib import Path

import orjson

MAGIC = b"WBPACK1\n"
_TYPECODES = {"B": 1, "I": 4}  # bytes (UTF-8 text), unsigned 32-bit ints
MAX_PACK_BYTES = 4 << 30  # a cache file bigger than this is not ours


class PackError(ValueError):
    """A cache file that is missing, truncated, foreign or inconsistent."""


def _native_ok() -> bool:
    return array("I").itemsize == 4


def encode_pack(meta: dict, blobs: dict[str, tuple[str, bytes | array | memoryview]]) -> bytes:
    """The bytes of a pack file: `blobs` maps name → (typecode, data)."""
    return b"".join(pack_chunks(meta, blobs))


def pack_chunks(meta: dict, blobs: dict[str, tuple[str, bytes | array | memoryview]]) -> list[bytes | memoryview]:
    """The bytes of a pack file as chunks to write one after another: views of the blobs,
    never a copy (at 100k articles the index's ids are 370 MB)."""
    layout: list[list] = []
    chunks: list[bytes | memoryview] = []
    pos = 0
    for name, (typecode, data) in blobs.items():
        raw = memoryview(data).cast("B")
        layout.append([name, typecode, pos, len(raw)])
        pad = -len(raw) % 8
        chunks += [raw, b"\0" * pad]
        pos += len(raw) + pad
    header = orjson.dumps({"meta": meta, "byteorder": sys.byteorder, "itemsize": array("I").itemsize,
                           "blobs": layout})
    header += b" " * (-len(header) % 8)
    return [MAGIC, len(header).to_bytes(8, "little"), header, *chunks]


def _header(data: bytes, size: int) -> tuple[dict, list, int]:
    """(meta, blob layout, where the blobs start) of a pack whose first bytes are `data` and
    whole size is `size`; PackError when they are not a valid pack header."""
    if not _native_ok():
        raise PackError("unsupported platform")
    if data[:8] != MAGIC:
        raise PackError("not a workbench cache file")
    hlen = int.from_bytes(data[8:16], "little")
    if hlen > size - 16 or 16 + hlen > len(data):
        raise PackError("truncated header")
    try:
        header = orjson.loads(data[16:16 + hlen])
    except orjson.JSONDecodeError as exc:
        raise PackError("unreadable header") from exc
    if not isinstance(header, dict) or header.get("byteorder") != sys.byteorder or header.get("itemsize") != 4:
        raise PackError("foreign header")
    meta, layout = header.get("meta"), header.get("blobs")
    if not isinstance(meta, dict) or not isinstance(layout, list):
        raise PackError("foreign header")
    room = size - 16 - hlen
    for entry in layout:
        if not (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)
                and entry[1] in _TYPECODES and all(type(x) is int for x in entry[2:])):
            raise PackError("bad blob entry")
        name, typecode, offset, nbytes = entry
        if offset < 0 or nbytes < 0 or offset + nbytes > room or nbytes % _TYPECODES[typecode]:
            raise PackError(f"blob {name!r} out of range")
    return meta, layout, 16 + hlen


def decode_pack(data: bytes) -> tuple[dict, dict[str, memoryview]]:
    """(meta, name → memoryview) of pack bytes; PackError when they are not a valid pack."""
    meta, layout, start = _header(data, len(data))
    view = memoryview(data)[start:]
    blobs: dict[str, memoryview] = {}
    for name, typecode, offset, nbytes in layout:
        blobs[name] = view[offset:offset + nbytes].cast(typecode)
    return meta, blobs


class _OpenFile:
    """A file descriptor closed when the last blob reading from it is gone."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        weakref.finalize(self, os.close, fd)


class BlobFile:
    """A blob of an open pack file, read a slice at a time: `blob[a:b]` → memoryview of items."""

    def __init__(self, opened: _OpenFile, offset: int, nbytes: int, typecode: str) -> None:
        self._file, self._offset, self.typecode = opened, offset, typecode
        self._itemsize = _TYPECODES[typecode]
        self._len = nbytes // self._itemsize

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, cut: slice) -> memoryview:
        start, stop, step = cut.indices(self._len)
        if step != 1:
            raise ValueError("BlobFile slices are contiguous")
        size = max(0, stop - start) * self._itemsize
        try:
            data = _pread(self._file.fd, size, self._offset + start * self._itemsize) if size else b""
        except OSError as exc:
            raise PackError(exc.strerror or "unreadable") from exc
        if len(data) != size:
            raise PackError("cache file changed while in use")
        return memoryview(data).cast(self.typecode)  # type: ignore[call-overload]  # typeshed: cast takes literal codes

    def tobytes(self) -> bytes:
        return self[:].tobytes()


def read_pack(path: Path, lazy: tuple[str, ...] = ()) -> tuple[dict, dict[str, memoryview]]:
    """Read and check one pack file (no symlinks followed; size bounded).
    FileNotFoundError when there is none; PackError when it is not usable.

    Blobs named in `lazy` are `BlobFile`s (read on demand from the file, held open)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise PackError(exc.strerror or "unreadable") from exc
    opened: _OpenFile | None = None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_PACK_BYTES:
            raise PackError("not a regular file of sane size")
        size = st.st_size
        head = _pread(fd, 16, 0)
        if len(head) == 16:
            head += _pread(fd, min(size - 16, int.from_bytes(head[8:16], "little")), 16)
        meta, layout, start = _header(head, size)
        blobs: dict[str, memoryview] = {}
        for name, typecode, offset, nbytes in layout:
            if name in lazy:
                opened = opened or _OpenFile(fd)
                blobs[name] = BlobFile(opened, start + offset, nbytes, typecode)  # type: ignore[assignment]  # read as sliced
            else:
                data = _pread(fd, nbytes, start + offset)
                if len(data) != nbytes:
                    raise PackError("truncated")
                blobs[name] = memoryview(data).cast(typecode)
    except BaseException:
        if opened is None:
            os.close(fd)
        raise
    if opened is None:
        os.close(fd)
    return meta, blobs


def _pread(fd: int, size: int, offset: int) -> bytes:
    """`size` bytes at `offset` (fewer only at the end of the file)."""
    chunks, left = [], size
    while left:
        if hasattr(os, "pread"):
            chunk = os.pread(fd, min(left, 1 << 30), offset)
        else:  # (Windows)
            os.lseek(fd, offset, os.SEEK_SET)
            chunk = os.read(fd, min(left, 1 << 30))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
        offset += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def blob_text(view: memoryview) -> str:
    """A UTF-8 text blob; PackError when it is not UTF-8."""
    try:
        return bytes(view).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError("text blob is not UTF-8") from exc
