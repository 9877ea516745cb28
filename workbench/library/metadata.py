"""Normalising metadata that arrives in many shapes (front matter, HTML meta tags).

Dates become ISO `YYYY-MM-DD` or None (never a guess without a day), author fields become a
list of names, tags a list of strings. Shared by the Markdown and HTML importers so both
kinds describe an article the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\band\b|&|\|)\s*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
# "By Jane Doe" (a capitalised name, so "By the time…" stays a paragraph) or a dateline.
_BYLINE = re.compile(r"^(?i:by|written by|words by|von|par|por)\s+[A-ZÀ-Ý]|^(?i:published|updated|last updated|posted)\b")
BYLINE_MAX_WORDS = 15
BYLINE_WINDOW = 4  # bylines sit near the top: only the first few body blocks are looked at


def clean_line(value: Any) -> str | None:
    """One-line text (collapsed whitespace) or None when empty/not text."""
    if value is None or isinstance(value, (dict, list, tuple, set)):
        return None
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalise_date(value: Any) -> str | None:
    """ISO date for a date/datetime or a date-like string; None when no full date is given."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = clean_line(value)
    if not text:
        return None
    match = _ISO_DATE.match(text)
    if match:
        return _valid(*(int(g) for g in match.groups()))
    try:
        from dateutil import parser
    except ImportError:  # pragma: no cover — dateutil comes with trafilatura
        return None
    # Parse with two different defaults: a component missing from the text would differ.
    results = []
    for default in (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2)):
        try:
            results.append(parser.parse(text, default=default).date())
        except (ValueError, OverflowError, TypeError):
            return None
    return results[0].isoformat() if results[0] == results[1] else None


def authors_list(*values: Any) -> list[str]:
    """Names from `author`/`authors` values: a string ("A and B", "A; B") or a list."""
    names: list[str] = []
    for value in values:
        if value is None:
            continue
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, dict):  # {name: ..., email: ...} style entries
                item = item.get("name")
            line = clean_line(item)
            if not line:
                continue
            for name in _AUTHOR_SPLIT.split(line):
                name = name.strip(" ,")
                if name.lower().startswith("by "):
                    name = name[3:].strip()
                if name and name not in names:
                    names.append(name)
    return names


def tags_list(value: Any) -> list[str]:
    """Tags from a list or a comma-separated string, de-duplicated, order kept."""
    if value is None or isinstance(value, dict):
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    tags: list[str] = []
    for item in items:
        tag = (clean_line(item) or "").lstrip("#").strip()  # "#reading": the hashtag's sign is not the tag
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def is_byline(text: str, authors: list[str], position: int) -> bool:
    """A short line near the top that credits the author or dates the piece."""
    words = len(text.split())
    if position >= BYLINE_WINDOW or words > BYLINE_MAX_WORDS or "\n" in text:
        return False
    if _BYLINE.search(text):
        return True
    return words <= 6 and any(name in text for name in authors)
