"""Echoes: passages that appear, exactly or nearly, in two or more different articles.

Syndicated copy, press-release lines, talking points — who repeats whom. The core entry
point is `find_echoes(workspace, articles, min_words=12)`; see finder.py for the method.
No Textual here: the CLI (`workbench echoes`) and the TUI both call this package.
"""

from workbench.echoes.finder import (
                                     DEFAULT_MIN_WORDS,
                                     LOWEST_MIN_WORDS,
                                     EchoGroup,
                                     EchoMember,
                                     EchoStats,
                                     find_echoes,
)

__all__ = ["DEFAULT_MIN_WORDS", "LOWEST_MIN_WORDS", "EchoGroup", "EchoMember", "EchoStats", "find_echoes"]
