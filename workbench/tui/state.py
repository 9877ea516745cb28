"""The TUI's own memory between runs: reading position per article, sort key, last article.

Also the last search queries. Kept in WORKSPACE/.workbench/tui_state.json and written atomically (temp file + rename), so
a crash mid-write never loses the previous state. A missing or corrupt file means defaults.
"""

from __future__ import annotations

import time
from pathlib import Path

import orjson

from workbench.fsutil import atomic_write
from workbench.textnorm import strip_control
from workbench.workspace import Workspace

FILENAME = "tui_state.json"
SEARCHES = 20  # queries kept for ↑/↓ in the search box


class TuiState:
    def __init__(self, workspace: Workspace) -> None:
        self.path: Path = workspace.state / FILENAME
        self.positions: dict[str, int] = {}
        self.opened: dict[str, float] = {}
        self.sort = "title"
        self.last_article: str | None = None
        self.searches: list[str] = []  # recent search queries, newest last
        self._load()

    def _load(self) -> None:
        try:
            data = orjson.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return
        if not isinstance(data, dict):
            return
        positions = data.get("positions")
        if isinstance(positions, dict):
            self.positions = {str(k): int(v) for k, v in positions.items() if isinstance(v, int)}
        opened = data.get("opened")
        if isinstance(opened, dict):
            self.opened = {str(k): float(v) for k, v in opened.items() if isinstance(v, (int, float))}
        if data.get("sort") in ("title", "date", "recent"):
            self.sort = data["sort"]
        if isinstance(data.get("last_article"), str):
            self.last_article = data["last_article"]
        searches = data.get("searches")
        if isinstance(searches, list):
            self.searches = [strip_control(q)[:200] for q in searches if isinstance(q, str)][-SEARCHES:]

    def remember(self, article_id: str, offset: int) -> None:
        self.positions[article_id] = int(offset)

    def mark_opened(self, article_id: str) -> None:
        self.opened[article_id] = time.time()
        self.last_article = article_id

    def remember_search(self, query: str) -> None:
        query = " ".join(strip_control(query).split())[:200]
        if query:
            self.searches = [q for q in self.searches if q != query][-(SEARCHES - 1):] + [query]

    def save(self) -> None:
        """Atomic write; raises OSError for the caller to report."""
        data = orjson.dumps(
            {"positions": self.positions, "opened": self.opened, "sort": self.sort, "last_article": self.last_article,
             "searches": self.searches}
        )
        atomic_write(self.path, data)
