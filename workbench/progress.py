"""The one progress bar of long core steps (cleaning a library, building its index).

A Rich bar on stderr, counted in MB of input, that disappears when done (`transient`), so a
command's stdout stays its output. `show=False` (not a terminal, JSON output, the app) gives
the same `advance` callable that does nothing, so the callers have one code path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def megabytes_bar(label: str, total: int, show: bool) -> Iterator[Callable[[int], None]]:
    """`with megabytes_bar("cleaning", n_bytes, show) as advance: … advance(done_bytes)`."""
    if not show or not total:
        yield lambda _n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), TextColumn("{task.completed:.1f}/{task.total:.1f} MB"),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=max(total / 1e6, 0.01))
        yield lambda n: bar.advance(task, n / 1e6)
