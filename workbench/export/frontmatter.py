"""YAML front matter: always first in a file (Obsidian reads properties only there).

Dumped with PyYAML's safe dumper so any title (quotes, colons, '---', '#', unicode) comes
out as valid, properly quoted YAML. Keys the user added to a note's front matter are
carried over after ours, so editing properties in Obsidian survives a re-export.
"""

from __future__ import annotations

import re

import yaml

try:  # libyaml is ~10x faster; same output for our plain data
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how pyyaml was built
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

DELIMITER = "---"
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def dump(data: dict) -> str:
    """`---\\n<yaml>---\\n` for a dict of plain values (str, int, list of str, None)."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100_000)
    return f"{DELIMITER}\n{body}{DELIMITER}\n"


def split(text: str) -> tuple[str | None, str]:
    """(front matter YAML text or None, the rest). Text must use '\\n' newlines."""
    if not text.startswith(DELIMITER + "\n"):
        return None, text
    match = _CLOSE.search(text, len(DELIMITER) + 1)
    if match is None:
        return None, text
    rest = text[match.end():]
    if rest.startswith("\n"):
        rest = rest[1:]
    return text[len(DELIMITER) + 1:match.start()], rest


def load(yaml_text: str | None) -> dict | None:
    """Parsed front matter, or None when it is missing, invalid or not a mapping."""
    if yaml_text is None:
        return None
    try:
        data = yaml.load(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if data is None:
        return {}
    return data if isinstance(data, dict) else None


def merge(ours: dict, old: dict | None) -> dict:
    """Our keys (regenerated) then the user's extra keys in their original order."""
    merged = dict(ours)
    for key, value in (old or {}).items():
        if key not in merged:
            merged[key] = value
    return merged
