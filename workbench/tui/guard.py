"""How the TUI turns a failed core call into a notification — without hiding its own bugs.

Screens and widgets import `FAILED` from here (not from the app module, which imports the
screens): the app's `guard(what, fn, …)` returns it when the call raised and was reported.

`describe` sorts failures in two kinds:
- expected: a `WorkbenchError` (the user's input, a missing file …) or an `OSError` (disk
  full, permissions) — the message is all there is to say;
- internal: anything else is a bug in workbench. The user still gets a notification (the
  app keeps running), and every listener registered with `listen` hears about it with the
  exception — the test suite registers one, so a Pilot test fails when an action crashed
  instead of passing because the crash became a polite notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from workbench.errors import WorkbenchError

FAILED = object()  # what `guard` returns when the call failed (and was reported)

Listener = Callable[[str, BaseException], None]
_listeners: list[Listener] = []
log = logging.getLogger("workbench.tui")


def listen(listener: Listener) -> None:
    """Call `listener(what, exc)` for every internal error reported from now on."""
    _listeners.append(listener)


def unlisten(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def is_expected(exc: BaseException) -> bool:
    return isinstance(exc, (WorkbenchError, OSError))


def describe(what: str, exc: BaseException) -> str:
    """One line for the user, naming the failed step in plain words."""
    if isinstance(exc, WorkbenchError):
        return exc.message
    if isinstance(exc, OSError):
        return f"{what} failed: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
    return f"{what} failed: internal error ({type(exc).__name__}: {exc})"


def internal_error(what: str, exc: BaseException) -> None:
    """A bug: logged with its traceback and passed to every listener (tests fail on it)."""
    log.error("internal error while %s", what, exc_info=exc)
    for listener in list(_listeners):
        listener(what, exc)
