"""Snapshot tests (pytest-textual-snapshot): the main screen at three sizes, the search modal
with a hit deep in a long sentence, help, and each empty state.

Deterministic by construction: fixed terminal sizes, a fresh temp workspace named "ws", no
clock, focus on the article list (no blinking cursor), offsets computed from the loaded
article. Regenerate after cleaner changes with `pytest tests/tui --snapshot-update` (and
look at the report).
"""

from __future__ import annotations

import pytest

from tests.tui.conftest import ready, wait_for


def _add_highlights(core) -> None:
    """Two highlights in the first article (by title), so the snapshots show paint and pane."""
    article = sorted(core.library.articles, key=lambda a: a.title.casefold())[0]
    store = core.store
    para = article.blocks[1]
    first_words = article.text[para.start:para.end].split(" ")[:4]
    store.add_highlight(article, para.start, para.start + len(" ".join(first_words)),
                        tags=["politics"], note="Opening line.")
    para = article.blocks[2]
    store.add_highlight(article, para.start, min(para.end, para.start + 40), color="blue")


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)], ids=["80x24", "120x36", "200x60"])
def test_main_screen(snap_compare, make_app, core, size):
    _add_highlights(core)
    assert snap_compare(make_app(), terminal_size=size, run_before=ready)


async def _search(pilot, query: str) -> None:
    await ready(pilot, index=True)
    await pilot.press("slash")
    await pilot.pause()
    search_input = pilot.app.screen.query_one("#search-input")
    search_input.cursor_blink = False
    await pilot.press(*query)
    screen = pilot.app.screen
    await wait_for(pilot, lambda: bool(screen.hits), what="search results")
    await pilot.pause()


def test_search_modal_long_sentence_hit(snap_compare, make_app, core):
    filler = ", ".join(f"and then the committee considered item number {i} at length" for i in range(40))
    (core.ws.seeds / "zz_long_sentence.md").write_text(
        f"# Minutes of a long meeting\n\nThe chair opened the session {filler}, until someone said that "
        "the stars are perfectly alligned for azerbaijan to seize the moment, and the meeting ended.\n",
        encoding="utf-8")

    async def run_before(pilot) -> None:
        await _search(pilot, "the stars are perfectly alligned for azerbaijan to seize")

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


def test_help(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)


def test_empty_library(snap_compare, empty_workspace):
    from workbench.tui.app import WorkbenchApp
    from workbench.workspace import resolve_workspace

    async def run_before(pilot) -> None:
        await wait_for(pilot, lambda: pilot.app.loaded, what="load")
        await pilot.pause()

    app = WorkbenchApp(resolve_workspace(empty_workspace))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_empty_filter_result(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press(*"zzz")
        pilot.app.screen.query_one("#filter").cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_empty_highlights_pane(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press("ctrl+n")  # asked for although empty: it says how to fill it
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)
