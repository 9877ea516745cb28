"""Reading source files: bytes → checked, decoded, newline-normalised text.

Rejects what cannot be an article (empty, binary, too large) with a one-line reason, and
decodes text that is not UTF-8 by trying UTF-8-with-BOM and cp1252 before giving up.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workbench import fsutil
from workbench.errors import SourceError
from workbench.textnorm import strip_control

MAX_SOURCE_BYTES = 20 * 1024 * 1024
# PDFs and EPUBs carry fonts and images besides the text: a long book or report is bigger.
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
DOCUMENT_SUFFIXES = (".pdf", ".epub")  # read as bytes by their own parsers, never decoded as text
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm") + DOCUMENT_SUFFIXES


def size_limit(path: Path) -> int:
    return MAX_DOCUMENT_BYTES if path.suffix.lower() in DOCUMENT_SUFFIXES else MAX_SOURCE_BYTES


def _too_large(path: Path, size: int) -> SourceError:
    return SourceError(f"{path}: file is too large ({size / 1e6:.1f} MB > {size_limit(path) // (1024 * 1024)} MB)")


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    source_hash: str  # sha256 of the raw bytes
    data: bytes | None = None  # the bytes themselves, for documents (.pdf/.epub) that are not text


def source_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > size_limit(path):
            raise _too_large(path, size)
        return fsutil.read_limited(path, size_limit(path))  # st_size lies for devices (/dev/zero)
    except SourceError:
        raise
    except fsutil.TooLarge:
        raise _too_large(path, size_limit(path) + 1) from None
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None


_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, mean this is not text (UTF-16 with a BOM is text)."""
    if data.startswith(_UTF16_BOMS):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def declared_charset(data: bytes, path: Path) -> str | None:
    """The charset a web page declares in a <meta> tag, if Python knows it."""
    if path.suffix.lower() not in (".html", ".htm"):
        return None
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name).

    UTF-8 (with or without BOM), UTF-16 with a BOM, a web page's declared charset, then
    cp1252 — the usual suspects for text saved on Windows.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise SourceError(f"{path}: not valid UTF-16 text despite its byte-order mark") from None
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, path)
    # Browsers read latin-1/ascii declarations as cp1252, and so do we (below).
    if declared and declared not in ("utf-8", "cp1252", "iso8859-1", "ascii"):
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise SourceError(f"{path}: not valid text in UTF-8 or cp1252") from None


def normalise_text(text: str) -> str:
    """Unix newlines, NFC, no control characters or escape codes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_control(unicodedata.normalize("NFC", text))


def load_source(path: Path) -> SourceText:
    """Read and decode one source file, or raise SourceError with a one-line reason."""
    return source_from_bytes(path, read_bytes(path))


def source_from_bytes(path: Path, data: bytes) -> SourceText:
    """Check and decode bytes already read from `path` (the importer copies these same bytes)."""
    if len(data) > size_limit(path):
        raise _too_large(path, len(data))
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        if not data.strip():
            raise SourceError(f"{path}: file is empty")
        return SourceText(path=path, text="", encoding=path.suffix.lower()[1:], source_hash=source_hash(data),
                          data=data)
    if not data.strip() or data in _UTF16_BOMS:
        raise SourceError(f"{path}: file is empty")
    if looks_binary(data):
        raise SourceError(f"{path}: looks like a binary file, not text")
    text, encoding = decode(data, path)
    text = normalise_text(text)
    if not text.strip():
        raise SourceError(f"{path}: no text left after decoding")
    return SourceText(path=path, text=text, encoding=encoding, source_hash=source_hash(data))
