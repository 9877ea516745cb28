"""Reading source files: bytes → checked, decoded, newline-normalised text.

Rejects what cannot be an article (empty, binary, too large) with a one-line reason, and
decodes text that is not UTF-8 by trying UTF-8-with-BOM and cp1252 before giving up.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import SourceError
from workbench.textnorm import strip_control

MAX_SOURCE_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    encoding: str
    source_hash: str  # sha256 of the raw bytes


def source_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceError(f"{path}: file is too large ({size / 1e6:.1f} MB > 20 MB)")
        return path.read_bytes()
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError(f"{path}: is a folder, not a file") from None
    except FileNotFoundError:
        raise SourceError(f"{path}: no such file") from None
    except PermissionError:
        raise SourceError(f"{path}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{path}: cannot read ({exc.strerror or exc})") from None


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control bytes, mean this is not text."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding name). UTF-8, then UTF-8 with BOM, then cp1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
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
    data = read_bytes(path)
    if not data.strip():
        raise SourceError(f"{path}: file is empty")
    if looks_binary(data):
        raise SourceError(f"{path}: looks like a binary file, not text")
    text, encoding = decode(data, path)
    text = normalise_text(text)
    if not text.strip():
        raise SourceError(f"{path}: no text left after decoding")
    return SourceText(path=path, text=text, encoding=encoding, source_hash=source_hash(data))
