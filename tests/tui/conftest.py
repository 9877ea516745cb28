"""Helpers for driving the real app with Textual's Pilot on a real temp workspace.

Tests are `async def` (pytest-asyncio, `asyncio_mode = auto` in pyproject.toml). `ready()` waits
for the app's loading workers (library + store, optionally the search index) to finish.

Every test here fails when the app reports an internal error (a bug turned into a polite
notification by `guard`): see `fail_on_internal_errors`.
"""

from __future__ import annotations

import time
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from workbench.library import Library
from workbench.store import open_store
from workbench.tui import guard
from workbench.tui.app import WorkbenchApp
from workbench.workspace import resolve_workspace


@pytest.fixture(autouse=True)
def fail_on_internal_errors():
    """An action that crashed must fail its test, though the user only sees a notification.

    Yields the list of (what, exception); a test that provokes a bug on purpose empties it."""
    seen: list[tuple[str, BaseException]] = []

    def heard(what: str, exc: BaseException) -> None:
        seen.append((what, exc))

    guard.listen(heard)
    try:
        yield seen
    finally:
        guard.unlisten(heard)
    if seen:
        import traceback

        details = "\n".join(f"while {what}:\n" + "".join(traceback.format_exception(exc)) for what, exc in seen)
        pytest.fail(f"the TUI reported {len(seen)} internal error(s):\n{details}", pytrace=False)


async def wait_for(pilot, condition, timeout: float = 15.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


async def ready(pilot, index: bool = False) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.loaded and app.screen_main().article is not None, what="workspace load")
    if index:
        await wait_for(pilot, lambda: app.search_index is not None, what="search index")
    await pilot.pause()


@asynccontextmanager
async def opened_app(make_app, size: tuple[int, int] = (160, 48), index: bool = False):
    """Run a fresh app at `size` until it is `ready`; yield (app, pilot, main screen)."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot, index=index)
        yield app, pilot, app.screen_main()


async def highlight_first_words(pilot, n: int = 3, pause: bool = True) -> None:
    """From the article list: select the first `n` words of the second block with the keyboard, press h."""
    await pilot.press("tab", "right_curly_bracket", "v", *["w"] * n, "h")
    if pause:
        await pilot.pause()


def articles_by_title(library) -> list:
    """The library's articles in the list's default order (by title)."""
    return sorted(library.articles, key=lambda a: a.title.casefold())


def notifications(app) -> list[str]:
    """Every message the app showed, oldest first (toasts fade; a slow machine must not matter)."""
    return list(app.messages)


@pytest.fixture
def make_app(workspace: Path):
    def factory() -> WorkbenchApp:
        return WorkbenchApp(resolve_workspace(workspace))

    return factory


@pytest.fixture
def core(workspace: Path):
    """The same core objects the app uses, for setting up and checking state on disk."""

    class Core:
        ws = resolve_workspace(workspace)

        @property
        def library(self) -> Library:
            return Library(self.ws)

        @property
        def store(self):
            return open_store(self.ws)

    return Core()
