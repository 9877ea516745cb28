"""The Textual app: owns the core objects (library, store, search index, TUI state).

Start-up stays close to a bare Textual app: the first frame needs no data. The library and
a store load in a thread worker, then the search index builds in another; each worker gets
what it needs as arguments, builds its own objects and hands them to the UI thread, which
alone uses them afterwards. Screens learn that the index arrived from an `IndexReady`
message (a screen that is gone simply never gets it). Every core call goes through
`guard` (see guard.py): a WorkbenchError, a failed save or a store notice becomes a
notification, and a bug is reported to the test suite as well.

The store is polled for changes by other processes (`store.change_key()`, two stats) twice
a second; a change re-reads the panes.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.worker import get_current_worker

from workbench.library import Library
from workbench.tui import guard as guards
from workbench.tui.guard import FAILED  # noqa: F401 — re-exported for older imports
from workbench.tui.keys import bindings
from workbench.tui.messages import IndexReady
from workbench.tui.screens.main import MainScreen
from workbench.tui.state import TuiState
from workbench.tui.textual_compat import fast_wrapped_height
from workbench.tui.tools import ResearchTools
from workbench.workspace import Workspace

if TYPE_CHECKING:
    from workbench.library.model import Article
    from workbench.search import SearchIndex
    from workbench.store import AnnotationStore
    from workbench.store import Annotation

POLL_SECONDS = 0.5  # how often the store is checked for changes by other processes


def articles_label(n: int) -> str:
    return f"{n} article" if n == 1 else f"{n} articles"


class WorkbenchApp(ResearchTools, App):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses may live anywhere
    BINDINGS = bindings("app")

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        fast_wrapped_height()  # book-sized articles: a repaint must not cost O(lines) per line
        self.workspace = workspace
        self.library = Library(workspace)
        self.store: AnnotationStore | None = None
        self.search_index: SearchIndex | None = None
        self.state = TuiState(workspace)
        self.loaded = False
        self._store_key: object = None
        self.messages: deque[str] = deque(maxlen=200)  # everything said, newest last (toasts fade)
        self.title = workspace.name
        self.sub_title = "loading…"

    def get_default_screen(self) -> Screen:
        return MainScreen()

    def on_mount(self) -> None:
        # paint the first frame before the loading thread starts competing for the GIL
        self.call_after_refresh(self.load_workspace)
        self.set_interval(POLL_SECONDS, self.poll_store)

    def first_listing(self) -> list | None:
        """The articles for the first frame, from the library manifest alone when it vouches for
        every source (milliseconds even at 10k articles), else None. The store, the reader and
        anything that needs cleaning follow from the loading thread, after the first paint."""
        if self.loaded:
            return None
        articles = self.guard("reading the library manifest", self.library.peek)
        if not isinstance(articles, dict):
            return None
        self.sub_title = articles_label(len(articles))
        return list(articles.values())

    # -- loading (thread workers) --------------------------------------------------------

    def load_workspace(self) -> None:
        self._load(self.workspace)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, workspace: Workspace) -> None:
        """Library and store built here, used only by the UI thread once handed over."""
        from workbench.store import open_store

        worker = get_current_worker()
        try:
            # the manifest read for the first frame is reused once; later loads start afresh
            library = self.library if self.library.loaded and not self.loaded else Library(workspace)
            library.load()
        except Exception as exc:  # noqa: BLE001 — reported, the app keeps running
            self.call_from_thread(self.report, "loading the library", exc)
            return
        store: AnnotationStore | None = None
        annotations: list[Annotation] = []
        changed: list = []
        try:  # without a store the articles can still be read
            store = open_store(workspace)  # this thread's own: the UI's store is not touched here
            changed = store.sync(library)
            annotations = store.all()
        except Exception as exc:  # noqa: BLE001
            store = None
            self.call_from_thread(self.report, "opening the annotation store", exc)
        if not worker.is_cancelled:
            self.call_from_thread(self._loaded, library, store, annotations, changed)

    def _loaded(self, library: Library, store: AnnotationStore | None, annotations: list[Annotation],
                changed: list) -> None:
        self.library = library
        if store is not None:
            notices = list(self.store.notices) if self.store is not None else []
            self.store = store
            store.notices[:0] = notices
        self._store_key = self._change_key()
        self.loaded = True
        articles = self.library.articles
        self.sub_title = articles_label(len(articles))
        for problem in self.library.problems[:5]:
            self.notify(problem, title="Skipped a source", severity="warning")
        if changed:
            n = len(changed)
            self.notify(f"Re-anchored {n} highlight{'s' if n != 1 else ''} after their articles changed.",
                        title="Store")
        self.flush_notices()
        self.screen_main().library_loaded(articles, Counter(a.article for a in annotations))
        self._build_index(self.workspace, library)
        self.refresh_echoes()

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _build_index(self, workspace: Workspace, library: Library) -> None:
        from workbench.search import open_index

        worker = get_current_worker()
        try:
            index = open_index(workspace, library, progress=False)
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(self.report, "building the search index", exc)
            return
        if not worker.is_cancelled:
            self.call_from_thread(self._index_ready, index)

    def _index_ready(self, index: SearchIndex) -> None:
        self.search_index = index
        for line in index.notices:  # an unusable cache file was rebuilt
            self.notify(line, title="Search", severity="warning")
        index.notices.clear()
        for screen in list(self.screen_stack):
            screen.post_message(IndexReady(index))

    # -- live: changes by other processes -------------------------------------------------

    def _change_key(self) -> object:
        store = self.store
        if store is None:
            return None
        try:
            return store.change_key()
        except OSError:
            return None

    def poll_store(self) -> None:
        """Twice a second: if another process changed the store, re-read the panes."""
        if not self.loaded or self.store is None:
            return
        key = self._change_key()
        if key != self._store_key:
            self._store_key = key
            self.screen_main().refresh_from_store()

    def store_seen(self) -> None:
        """The app has just re-read the store itself: no need to refresh again for it."""
        self._store_key = self._change_key()

    def on_app_focus(self) -> None:
        """Back from another terminal: check at once rather than at the next poll."""
        self.poll_store()

    # -- core access ----------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        """A loaded article by exact id (no directory scan), else the library's prefix lookup."""
        loaded = self.library.load() if self.loaded else {}
        return loaded.get(article_id) or self.library.get(article_id)

    def title_of(self, article_id: str) -> str:
        """An article's title for messages (the id only if it is gone)."""
        loaded = self.library.load() if self.loaded else {}
        article = loaded.get(article_id)
        return article.title if article is not None else article_id

    def require_store(self) -> AnnotationStore | None:
        """The store, or None after telling the user why highlights are unavailable."""
        if self.store is None:
            self.notify("Highlights are unavailable: the annotation store could not be opened "
                        "(see the earlier error); use Reload after fixing it.", severity="warning")
        return self.store

    def all_annotations(self) -> list[Annotation]:
        return list(self.store.all()) if self.store is not None else []

    # -- errors --------------------------------------------------------------------------

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Messages quote user text (titles, quotes, paths): plain text unless asked otherwise.

        Confirmations ("Highlighted …") leave quickly so they do not cover the text for long.
        """
        if kwargs.get("severity", "information") == "information":
            kwargs.setdefault("timeout", 3)
        self.messages.append(message)
        super().notify(message, markup=markup, **kwargs)

    def guard(self, what: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call the core; on failure notify and return FAILED. Store notices are shown too."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 — turned into a notification (and, for bugs, reported)
            self.report(what, exc)
            return FAILED
        finally:
            self.flush_notices()

    def report(self, what: str, exc: BaseException) -> None:
        self.notify(guards.describe(what, exc), title="Error", severity="error", timeout=8)
        if not guards.is_expected(exc):
            guards.internal_error(what, exc)

    def flush_notices(self) -> None:
        store = self.store
        if store is not None and getattr(store, "notices", None):
            notices, store.notices[:] = list(store.notices), []
            for line in notices:
                self.notify(line, title="Store", severity="warning", timeout=10)

    # -- app-wide actions ----------------------------------------------------------------

    def screen_main(self) -> MainScreen:
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

    def action_help_quit(self) -> None:
        """ctrl+c: say how to quit (Textual's own message is markup, and ours are plain)."""
        self.notify("Press q (or ctrl+q in a text box) to quit.", title="Quit?")

    def action_help(self) -> None:
        from workbench.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from workbench.tui.keys import palette_commands

        main = None
        try:
            main = self.screen_main()
        except LookupError:
            pass
        if main is not None:
            for title, help_text, action in palette_commands():
                yield SystemCommand(title, help_text, lambda a=action: self.run_action(a, main))
        yield from self.research_commands()
        yield SystemCommand("Help: keys", "Every key binding (? or F1)", self.action_help)
        yield from super().get_system_commands(screen)

    def import_paths(self, paths: list[str]) -> None:
        self._import(self.workspace, paths)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _import(self, workspace: Workspace, paths: list[str]) -> None:
        from workbench.library.ingest import import_paths
        from workbench.store import open_store

        try:
            # its own library and store objects: this thread must not share ours with the UI
            library = Library(workspace)
            report = import_paths(workspace, [Path(p) for p in paths], library=library)
            if report.imported:
                report.reanchored = list(open_store(workspace).sync(library))
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(self.report, "import", exc)
            return
        self.call_from_thread(self._imported, report)

    def _imported(self, report) -> None:
        severity = "warning" if report.failed else "information"
        self.notify(report.summary(), title="Import", severity=severity)
        for failed in report.failed[:3]:
            self.notify(failed.error, title="Import failed", severity="error")
        self.load_workspace()  # the index is rebuilt after it; searches use the old one till then
