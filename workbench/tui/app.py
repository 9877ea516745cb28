"""The Textual app: owns the core objects (library, store, search index, TUI state).

Start-up stays close to a bare Textual app: the first frame needs no data. The library and
the store load in a thread worker, then the search index builds in another; widgets fill in
when they arrive. Every core call goes through `guard`, so a WorkbenchError, a failed save
or a store notice becomes a notification and never a traceback.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from workbench.errors import WorkbenchError
from workbench.library import Library
from workbench.tui.state import TuiState
from workbench.tui.tools import ResearchTools
from workbench.workspace import Workspace

FAILED = object()  # what `guard` returns when the call failed (and was reported)


def articles_label(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


class WorkbenchApp(ResearchTools, App):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses may live anywhere
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.library = Library(workspace)
        self.store = None
        self.search_index = None
        self.state = TuiState(workspace)
        self.loaded = False
        self._index_waiters: list[Callable[[], None]] = []
        self.title = workspace.name
        self.sub_title = "loading…"

    def get_default_screen(self) -> Screen:
        from workbench.tui.screens.main import MainScreen

        return MainScreen()

    def on_mount(self) -> None:
        # paint the first frame before the loading thread starts competing for the GIL
        self.call_after_refresh(self.load_workspace)

    # -- loading (thread workers) --------------------------------------------------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_workspace(self) -> None:
        from workbench.store import open_store

        try:
            library = Library(self.workspace)  # a fresh one, swapped in on the UI thread
            library.load()
        except Exception as exc:  # noqa: BLE001 — reported, the app keeps running
            self.call_from_thread(self.report, "loading the library", exc)
            return
        store, annotations, changed = self.store, [], []
        try:  # without a store the articles can still be read
            store = store or open_store(self.workspace)
            changed = store.sync(library)
            annotations = store.all()
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(self.report, "opening the annotation store", exc)
        self.call_from_thread(self._loaded, library, store, annotations, changed)

    def _loaded(self, library: Library, store, annotations: list, changed: list) -> None:
        self.library = library
        self.store = store
        self.loaded = True
        articles = self.library.articles
        self.sub_title = articles_label(len(articles))
        for problem in self.library.problems[:5]:
            self.notify(problem, title="Skipped a source", severity="warning")
        if changed:
            self.notify(f"re-anchored {len(changed)} highlight(s) after article changes", title="Store")
        self.flush_notices()
        self.screen_main().library_loaded(articles, Counter(a.article for a in annotations))
        self.load_index()
        self.refresh_echoes()

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def load_index(self) -> None:
        from workbench.search import open_index

        try:
            index = open_index(self.workspace, self.library, progress=False)
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(self.report, "building the search index", exc)
            return
        self.call_from_thread(self._index_ready, index)

    def _index_ready(self, index) -> None:
        self.search_index = index
        for line in index.notices:  # an unusable cache file was rebuilt
            self.notify(line, title="Search", severity="warning")
        index.notices.clear()
        waiters, self._index_waiters = self._index_waiters, []
        for callback in waiters:
            callback()

    def on_app_focus(self) -> None:
        """Back from another terminal (maybe the CLI changed highlights): re-read the store."""
        if self.loaded and self.store is not None:
            try:
                self.screen_main().refresh_from_store()
            except LookupError:
                pass

    def when_index_ready(self, callback: Callable[[], None]) -> None:
        if self.search_index is not None:
            callback()
        elif callback not in self._index_waiters:
            self._index_waiters.append(callback)

    def article(self, article_id: str):
        """A loaded article by exact id (no directory scan), else the library's prefix lookup."""
        loaded = self.library.load() if self.loaded else {}
        return loaded.get(article_id) or self.library.get(article_id)

    def require_store(self):
        """The store, or None after telling the user why highlights are unavailable."""
        if self.store is None:
            self.notify("Highlights are unavailable: the annotation store could not be opened "
                        "(see the earlier error); use Reload after fixing it.", severity="warning")
        return self.store

    def all_annotations(self) -> list:
        return list(self.store.all()) if self.store is not None else []

    # -- errors --------------------------------------------------------------------------

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Messages quote user text (titles, quotes, paths): plain text unless asked otherwise.

        Confirmations ("Highlighted …") leave quickly so they do not cover the text for long.
        """
        if kwargs.get("severity", "information") == "information":
            kwargs.setdefault("timeout", 3)
        super().notify(message, markup=markup, **kwargs)

    def guard(self, what: str, fn: Callable, *args, **kwargs):
        """Call the core; on failure notify and return FAILED. Store notices are shown too."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — turned into a notification
            self.report(what, exc)
            return FAILED
        finally:
            self.flush_notices()

    def report(self, what: str, exc: BaseException) -> None:
        if isinstance(exc, WorkbenchError):
            message = exc.message
        elif isinstance(exc, OSError):
            message = f"{what} failed: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
        else:
            message = f"{what} failed: internal error ({type(exc).__name__}: {exc})"
        self.notify(message, title="Error", severity="error", timeout=8)

    def flush_notices(self) -> None:
        store = self.store
        if store is not None and getattr(store, "notices", None):
            notices, store.notices[:] = list(store.notices), []
            for line in notices:
                self.notify(line, title="Store", severity="warning", timeout=10)

    # -- app-wide actions ----------------------------------------------------------------

    def screen_main(self):
        from workbench.tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("main screen missing")

    def save_state(self) -> None:
        try:
            self.screen_main().remember_position()
        except LookupError:
            pass
        self.guard("saving the reading position", self.state.save)

    async def action_quit(self) -> None:
        self.save_state()
        self.exit()

    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        main = None
        try:
            main = self.screen_main()
        except LookupError:
            pass
        if main is not None:
            for title, help_text, action in main.COMMANDS_LIST:
                yield SystemCommand(title, help_text, lambda a=action: self.run_action(a, main))
        yield from self.research_commands()
        yield SystemCommand("Help: keys", "Every key binding", self.action_help)
        yield from super().get_system_commands(screen)

    def import_paths(self, paths: list[str]) -> None:
        self._import(paths)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import(self, paths: list[str]) -> None:
        from workbench.library.ingest import import_paths
        from workbench.store import open_store

        try:
            # its own library and store objects: this thread must not share ours with the UI
            library = Library(self.workspace)
            report = import_paths(self.workspace, [Path(p) for p in paths], library=library)
            if report.imported:
                report.reanchored = list(open_store(self.workspace).sync(library))
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(self.report, "import", exc)
            return
        self.call_from_thread(self._imported, report)

    def _imported(self, report) -> None:
        severity = "warning" if report.failed else "information"
        self.notify(report.summary(), title="Import", severity=severity)
        for failed in report.failed[:3]:
            self.notify(failed.error, title="Import failed", severity="error")
        self.load_workspace()
        self.search_index = None
