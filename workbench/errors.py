"""Errors a user can cause. Each carries a one-line message and an exit code.

The CLI prints `error: <message>` on stderr and exits with `exit_code`; the TUI shows a
notification. Anything that is not a WorkbenchError is a bug.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` safe to print: control characters (escape codes, BEL, newlines) and bytes that
    were not UTF-8 (file names, arguments) are shown as escapes: `\\x1b`, `\\n`, `\\xe9`."""
    if _SURROGATE.search(text):
        try:
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


class WorkbenchError(Exception):
    """A user-facing failure: bad input, unknown id, unreadable file."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        """The first line, with escape codes from file names or input shown, never sent raw."""
        first = next((line for line in str(self).splitlines() if line.strip()), "")
        return printable(first) if first else self.__class__.__name__


class UsageError(WorkbenchError):
    """Bad arguments: unknown/ambiguous id, bad colour, empty query (exit 2)."""

    exit_code = 2


class SourceError(WorkbenchError):
    """A source file cannot be read or decoded (binary, empty, too large)."""

    exit_code = 1


class StoreError(WorkbenchError):
    """The annotation store could not complete an operation."""

    exit_code = 1
