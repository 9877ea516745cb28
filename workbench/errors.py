"""Errors a user can cause. Each carries a one-line message and an exit code.

The CLI prints `error: <message>` on stderr and exits with `exit_code`; the TUI shows a
notification. Anything that is not a WorkbenchError is a bug.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """A user-facing failure: bad input, unknown id, unreadable file."""

    exit_code = 1

    def __init__(self, message: str, *, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self) -> str:
        return str(self).splitlines()[0] if str(self) else self.__class__.__name__


class UsageError(WorkbenchError):
    """Bad arguments: unknown/ambiguous id, bad colour, empty query (exit 2)."""

    exit_code = 2


class SourceError(WorkbenchError):
    """A source file cannot be read or decoded (binary, empty, too large)."""

    exit_code = 1


class StoreError(WorkbenchError):
    """The annotation store could not complete an operation."""

    exit_code = 1
