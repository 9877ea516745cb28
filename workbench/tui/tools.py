"""The app's research tools beyond reading: echoes across sources and the draft checker.

A mixin for `WorkbenchApp`, kept apart so the app module stays about loading and errors.
Echoes are computed by the core (`workbench.echoes.find_echoes`, cached on disk) in a
thread worker after each library load; until they arrive the Echoes views say so and fill
in when ready. Every entry here is a palette command (ctrl+p).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import SystemCommand

from workbench.tui.messages import EchoesReady

if TYPE_CHECKING:  # what the mixin needs of WorkbenchApp, for the type checker only (no import cycle)
    from textual.app import App

    from workbench.library import Library
    from workbench.tui.screens.main import MainScreen
    from workbench.workspace import Workspace

    _AppBase = App[None]
else:
    _AppBase = object


class ResearchTools(_AppBase):
    echoes: list | None = None  # the library's echo groups, once computed
    last_draft: Path | None = None
    workspace: Workspace
    library: Library

    if TYPE_CHECKING:
        def screen_main(self) -> MainScreen: ...
        def report(self, what: str, exc: BaseException) -> None: ...

    # -- echoes ----------------------------------------------------------------------

    def refresh_echoes(self) -> None:
        """Forget the groups (the library changed) and compute them again in a worker."""
        self.echoes = None
        self.load_echoes(self.workspace, self.library)

    @work(thread=True, exclusive=True, group="echoes", exit_on_error=False)
    def load_echoes(self, workspace: Workspace, library: Library) -> None:
        """In a thread, on what it was handed (the UI thread may swap `self.library` meanwhile)."""
        from workbench.echoes import find_echoes

        try:
            groups = find_echoes(workspace, library.articles)
        except Exception as exc:  # noqa: BLE001 — reported, the app keeps running
            self.call_from_thread(self.report, "finding echoes", exc)
            return
        self.call_from_thread(self._echoes_ready, library, groups)

    def _echoes_ready(self, library: Library, groups: list) -> None:
        if library is not self.library:
            return  # a reload started meanwhile: its own worker brings the current groups
        self.echoes = groups
        for screen in list(self.screen_stack):  # a screen that is gone never gets it
            screen.post_message(EchoesReady())
        try:
            self.screen_main().show_echo_marks()
        except LookupError:
            pass

    def echo_marks(self, article_id: str) -> list[tuple[int, int]]:
        """(start, end) of every passage of this article that another article echoes."""
        return [(m.start, m.end) for g in self.echoes or () for m in g.members if m.article == article_id]

    def action_echoes_here(self) -> None:
        from workbench.tui.screens.echoes import EchoesScreen

        main = self.screen_main()
        if main.article is None:
            self.notify("Open an article first.", severity="warning")
            return
        self.push_screen(EchoesScreen(main.article), self.jump_to)

    def action_echoes_library(self) -> None:
        from workbench.tui.screens.echoes import EchoesScreen

        self.push_screen(EchoesScreen(), self.jump_to)

    # -- the draft checker -----------------------------------------------------------

    def action_check_draft(self) -> None:
        from workbench.tui.screens.check import CheckScreen, DraftPrompt

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.last_draft = path
                self.push_screen(CheckScreen(path), self.jump_to)

        value = str(self.last_draft) if self.last_draft else ""
        self.push_screen(DraftPrompt(Path.cwd(), value), chosen)

    # -- shared ----------------------------------------------------------------------

    def jump_to(self, target: tuple[str, int, int] | None) -> None:
        """Open an article with [start, end) selected in the reader (a chosen echo or source)."""
        if target is None:
            return
        article_id, start, end = target
        main = self.screen_main()
        if main.article is None or main.article.id != article_id:
            if not main.open_article(article_id, at=start):
                return
        main.set_focus(main.reader)
        main.reader.select_offsets(start, end)

    def research_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Echoes in this article", "Passages the open article shares with others "
                            "(also in: …; Enter opens there)", self.action_echoes_here)
        yield SystemCommand("Echoes: every group in the library", "Passages that appear in two or more "
                            "articles (syndicated copy, talking points)", self.action_echoes_library)
        yield SystemCommand("Check draft…", "Is every quotation of a draft really in a source? "
                            "(exact / close / not found)", self.action_check_draft)
