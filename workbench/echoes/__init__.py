"""Echoes: passages that appear, exactly or nearly, in two or more different articles.

Syndicated copy, press-release lines, talking points — who repeats whom. The core entry
point is `find_echoes(workspace, articles, min_words=12)`; see finder.py for the method.
No Textual here: the CLI (`workbench echoes`) and the TUI both call this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.echoes.limits import DEFAULT_MIN_WORDS, LOWEST_MIN_WORDS

if TYPE_CHECKING:
    from workbench.echoes.finder import EchoGroup, EchoMember, EchoStats, find_echoes

_FINDER_NAMES = frozenset({"EchoGroup", "EchoMember", "EchoStats", "find_echoes"})


def __getattr__(name: str) -> Any:
    """The finder (numpy, the caches) loads on first use: `workbench --help` never pays for it."""
    if name in _FINDER_NAMES:
        from workbench.echoes import finder

        return getattr(finder, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["DEFAULT_MIN_WORDS", "LOWEST_MIN_WORDS", "EchoGroup", "EchoMember", "EchoStats", "find_echoes"]
