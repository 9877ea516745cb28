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
"""

from __future__ import annotations

import os
import stat
import sys
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
    layout, chunks, pos = [], [], 0
    for name, (typecode, data) in blobs.items():
        raw = data.tobytes() if isinstance(data, array) else bytes(data)
        layout.append([name, typecode, pos, len(raw)])
        pad = -len(raw) % 8
        chunks.append(raw + b"\0" * pad)
        pos += len(raw) + pad
    header = orjson.dumps({"meta": meta, "byteorder": sys.byteorder, "itemsize": array("I").itemsize,
                           "blobs": layout})
    header += b" " * (-len(header) % 8)
    return b"".join([MAGIC, len(header).to_bytes(8, "little"), header, *chunks])


def decode_pack(data: bytes) -> tuple[dict, dict[str, memoryview]]:
    """(meta, name → memoryview) of pack bytes; PackError when they are not a valid pack."""
    if not _native_ok():
        raise PackError("unsupported platform")
    if data[:8] != MAGIC:
        raise PackError("not a workbench cache file")
    hlen = int.from_bytes(data[8:16], "little")
    if hlen > len(data) - 16:
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
    view = memoryview(data)[16 + hlen:]
    blobs: dict[str, memoryview] = {}
    for entry in layout:
        if not (isinstance(entry, list) and len(entry) == 4 and isinstance(entry[0], str)
                and entry[1] in _TYPECODES and all(type(x) is int for x in entry[2:])):
            raise PackError("bad blob entry")
        name, typecode, offset, nbytes = entry
        if offset < 0 or nbytes < 0 or offset + nbytes > len(view) or nbytes % _TYPECODES[typecode]:
            raise PackError(f"blob {name!r} out of range")
        blobs[name] = view[offset:offset + nbytes].cast(typecode)  # type: ignore[assignment]  # typeshed: cast's item type follows the code
    return meta, blobs


def read_pack(path: Path) -> tuple[dict, dict[str, memoryview]]:
    """Read and check one pack file (no symlinks followed; size bounded).
    FileNotFoundError when there is none; PackError when it is not usable."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise PackError(exc.strerror or "unreadable") from exc
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_PACK_BYTES:
            raise PackError("not a regular file of sane size")
        data = fh.read(MAX_PACK_BYTES + 1)
    if len(data) > MAX_PACK_BYTES:
        raise PackError("too large")
    return decode_pack(data)


def blob_text(view: memoryview) -> str:
    """A UTF-8 text blob; PackError when it is not UTF-8."""
    try:
        return bytes(view).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError("text blob is not UTF-8") from exc
