"""CLI subcommands, one module per group. Each module defines `register(subparsers)`.

`workbench.cli` discovers every module in this package, so adding a command group never
means editing a shared file. Handlers take `(args, ctx)` and return an exit code.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import orjson

from workbench.errors import printable
from workbench.workspace import Workspace

if TYPE_CHECKING:  # imported lazily at run time: a command pays only for what it opens
    from rich.console import Console

    from workbench.library import Library
    from workbench.library.model import Article
    from workbench.store import AnnotationStore


def print_json(obj: Any) -> None:
    """Pretty, UTF-8 JSON on stdout (the machine-readable contract of every --json)."""
    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    try:
        data = orjson.dumps(obj, option=options, default=str)
    except TypeError:  # a path from a file name that is not UTF-8: show its bytes as \xe9
        data = orjson.dumps(_utf8_safe(obj), option=options, default=str)
    if sys.stdout is None:  # started with stdout closed (`>&-`): nowhere to write, like Rich output
        return
    sys.stdout.buffer.write(data + b"\n")
    sys.stdout.flush()


def _utf8_safe(obj: Any) -> Any:
    """`obj` with undecodable bytes in strings (surrogates) written as \\xe9; nothing else changes."""
    if isinstance(obj, str):
        try:
            return obj.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:
            return obj.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(obj, dict):
        return {_utf8_safe(k): _utf8_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_utf8_safe(v) for v in obj]
    return obj


def warn(message: str) -> None:
    """One line on stderr that does not stop the command (escape codes in it are shown, not sent)."""
    print(f"warning: {printable(message)}", file=sys.stderr)


def _broken_pipe() -> None:
    """stdout's reader went away (`| head -1`): silence stdout and let the CLI end quietly."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise BrokenPipeError


@dataclass
class Context:
    """What every handler gets: the workspace and lazily opened library/store/console."""

    workspace: Workspace

    @cached_property
    def library(self) -> Library:
        from workbench.library import Library

        library = Library(self.workspace)
        return library

    @cached_property
    def store(self) -> AnnotationStore:
        """The annotation store, opened once per command (not yet re-anchored: see open_synced_store)."""
        from workbench.store import open_store

        return open_store(self.workspace)

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        console = Console(highlight=False)
        # Rich would exit 1; the CLI's rule is a quiet exit 0 (Rich's hook is a method meant to be replaced)
        console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]
        return console

    @cached_property
    def err_console(self) -> Console:
        from rich.console import Console

        return Console(stderr=True, highlight=False)


def open_synced_store(ctx: Context, only: list[Article] | None = None) -> AnnotationStore:
    """The store, re-anchored against the current library; its notices go to stderr.

    `only`: the articles the command works on; only their annotations are re-anchored
    (a highlight in one article does not pay for the whole library)."""
    store = ctx.store
    changed = store.sync(ctx.library, only=only)
    if changed:
        review = sum(a.status == "needs_review" for a in changed)
        orphaned = sum(a.status == "orphaned" for a in changed)
        articles = sorted({a.article for a in changed})
        extra = ", ".join(p for p in (f"{review} need review" if review else "",
                                      f"{orphaned} orphaned" if orphaned else "") if p)
        warn(f"text changed in {', '.join(articles[:3])}{' …' if len(articles) > 3 else ''}: "
             f"{len(changed)} annotation(s) re-anchored" + (f" ({extra})" if extra else ""))
    flush_notices(store)
    return store


def flush_notices(store: AnnotationStore) -> None:
    for notice in store.notices:
        warn(notice)
    store.notices.clear()
