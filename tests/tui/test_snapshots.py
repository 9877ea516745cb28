"""Snapshot tests (pytest-textual-snapshot) of the main screen and the search modal.

Deterministic by construction: fixed terminal sizes, a fresh temp workspace named "ws", no
clock, focus on the article list (no blinking cursor), offsets computed from the loaded
article. Regenerate after cleaner changes with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

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


def test_main_screen_80x24(snap_compare, make_app, core):
    _add_highlights(core)
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=ready)


def test_main_screen_160x48(snap_compare, make_app, core):
    _add_highlights(core)
    assert snap_compare(make_app(), terminal_size=(160, 48), run_before=ready)


def test_search_modal(snap_compare, make_app):
    async def run_before(pilot) -> None:
        await ready(pilot, index=True)
        await pilot.press("slash")
        await pilot.pause()
        search_input = pilot.app.screen.query_one("#search-input")
        search_input.cursor_blink = False
        await pilot.press(*"Azerbaijan Israel")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: bool(screen.hits), what="search results")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 36), run_before=run_before)
