"""Logseq page properties: `key:: value` lines at the very top of a page.

Logseq reads a page's properties only from its first block, written as `key:: value`
lines (no YAML front matter). Same interface as `frontmatter` (dump / split / load), so the
writer can keep the user's own properties exactly as it keeps their front-matter keys.
Values are one line each; lists are comma-separated (how Logseq reads `tags::`).
"""

from __future__ import annotations

import re

from workbench.export.markdown_safety import plain

_LINE = re.compile(r"^([A-Za-z0-9_][A-Za-z0-9_-]*):: ?(.*)$")


def _value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        items = [plain(v) for v in value if plain(v)]
        return ", ".join(items) if items else None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return None
    return plain(str(value)) or None


def dump(data: dict) -> str:
    """`key:: value` lines; keys with no value are left out."""
    lines = []
    for key, value in data.items():
        text = _value(value)
        if text is not None and _LINE.match(f"{key}:: x"):
            lines.append(f"{key}:: {text}")
    return "\n".join(lines) + "\n" if lines else ""


def split(text: str) -> tuple[str | None, str]:
    """(the property lines or None, the rest): the leading run of `key:: value` lines."""
    lines = text.split("\n")
    n = 0
    while n < len(lines) and _LINE.match(lines[n]):
        n += 1
    if n == 0:
        return None, text
    return "\n".join(lines[:n]) + "\n", "\n".join(lines[n:])


def load(props: str | None) -> dict | None:
    if props is None:
        return None
    data: dict = {}
    for line in props.split("\n"):
        match = _LINE.match(line)
        if match:
            key, value = match.group(1), match.group(2).strip()
            data[key] = [v.strip() for v in value.split(",") if v.strip()] if key in ("tags", "alias") else value
    return data
