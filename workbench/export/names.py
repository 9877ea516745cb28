"""Stable file names: article id → note file, tag → tag page, and what workbench wrote.

Kept in a hidden manifest in the output folder (`.workbench-export.json`), so a title
edited after the first export keeps its file (links into it keep working), and stale tag
pages can be removed — but only files this manifest says workbench wrote.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import orjson

from workbench.export.markdown_safety import plain
from workbench.export.writer import has_markers, write_if_changed

MANIFEST = ".workbench-export.json"
INDEX = "index.md"
TAGS_DIR = "tags"
MAX_SLUG = 60
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def slugify(text: str, fallback: str = "note") -> str:
    """`“Energy” & Policy: 2024` → `energy-policy-2024` (unicode letters kept, ≤ 60 chars)."""
    value = unicodedata.normalize("NFKC", plain(text)).casefold()
    value = re.sub(r"[^\w]+", "-", value).strip("-_")
    if len(value) > MAX_SLUG:
        cut = value[:MAX_SLUG]
        value = (cut.rsplit("-", 1)[0] if "-" in cut[MAX_SLUG // 2:] else cut).strip("-_")
    if not value or value in _RESERVED:
        value = (value + "-" if value else "") + re.sub(r"[^\w-]+", "-", fallback).strip("-") or "note"
    return value


class Names:
    """The manifest of one output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = out_dir / MANIFEST
        self.articles: dict[str, str] = {}
        self.tags: dict[str, str] = {}
        self.files: set[str] = set()
        # What was last written, for reading edits back (export/readback.py):
        # annotation id → {"n": hash of its note, "t": its hashtags}; note file → {"t": the
        # front matter's tags, "s": hash of the block's generated lines}
        self.synced: dict[str, dict] = {}
        self.heads: dict[str, dict] = {}
        self.problem: str | None = None
        try:
            data = orjson.loads(self.path.read_bytes())
            self.articles = {str(k): str(v) for k, v in data.get("articles", {}).items() if _safe(v)}
            self.tags = {str(k): str(v) for k, v in data.get("tags", {}).items() if _safe(v)}
            self.files = {str(f) for f in data.get("files", []) if _safe(f)}
            self.synced = {str(k): v for k, v in (data.get("synced") or {}).items() if _state(v, "n")}
            self.heads = {str(k): v for k, v in (data.get("heads") or {}).items() if _safe(k) and _state(v, "s")}
        except FileNotFoundError:
            pass
        except (OSError, ValueError, AttributeError, TypeError):
            self.problem = f"{MANIFEST} is unreadable: file names are worked out afresh (no file is deleted)"
            self.articles, self.tags, self.files = {}, {}, set()

    def _taken(self) -> set[str]:
        return {n.casefold() for n in (*self.articles.values(), *self.tags.values(), INDEX)}

    def _free(self, stem: str, taken: set[str]) -> str:
        n = 1
        while True:
            name = f"{stem}.md" if n == 1 else f"{stem}-{n}.md"
            path = self.out_dir / name
            foreign = path.exists() and name not in self.files and not has_markers(path)
            if name.casefold() not in taken and not foreign:
                return name
            n += 1

    def article_file(self, article_id: str, title: str) -> str:
        """The note file for an article: its recorded name, else a fresh slug of its title."""
        if article_id not in self.articles:
            self.articles[article_id] = self._free(slugify(title, article_id), self._taken())
        return self.articles[article_id]

    def tag_file(self, tag: str) -> str:
        """`tags/<tag>.md`, one folder per `/` level, every part slugged (no `..`)."""
        if tag not in self.tags:
            parts = [slugify(p, "tag") for p in tag.split("/") if p.strip()] or ["tag"]
            self.tags[tag] = self._free("/".join([TAGS_DIR, *parts]), self._taken())
        return self.tags[tag]

    def save(self) -> None:
        data = {
            "version": 1,
            "articles": dict(sorted(self.articles.items())),
            "tags": dict(sorted(self.tags.items())),
            "files": sorted(self.files),
            "synced": dict(sorted(self.synced.items())),
            "heads": dict(sorted(self.heads.items())),
        }
        write_if_changed(self.path, orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")


def _safe(name) -> bool:
    """Only plain relative paths inside the output folder may come from the manifest."""
    if not isinstance(name, str) or not name.endswith(".md") or name.startswith(("/", "\\")):
        return False
    return all(part not in ("", ".", "..") for part in re.split(r"[\\/]", name))


def _state(value, key: str) -> bool:
    """A remembered state record: {key: short string, "t": list of strings}."""
    return (isinstance(value, dict) and isinstance(value.get(key), str) and len(value[key]) <= 64
            and isinstance(value.get("t"), list) and all(isinstance(t, str) for t in value["t"]))
