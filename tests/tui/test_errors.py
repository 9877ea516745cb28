"""The app never dies with a traceback: user errors and failed saves become notifications."""

from __future__ import annotations

import html
import shutil

from tests.tui.conftest import highlight_first_words, notifications, opened_app, ready, wait_for


async def test_failed_save_is_a_notification(make_app, core):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        folder = core.ws.state / "store" / "annotations"
        shutil.rmtree(folder, ignore_errors=True)
        folder.write_text("not a folder")  # every write into the store now fails
        await pilot.press("tab", "right_curly_bracket", "v", "w", "h")
        await pilot.pause()
        assert app.is_running
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors, notifications(app)
        assert app.screen_main().reader.spans == []


async def test_corrupt_store_is_restored_and_reported(make_app, core):
    article = sorted(core.library.articles, key=lambda a: a.title.casefold())[0]
    core.store.add_highlight(article, article.blocks[1].start, article.blocks[1].start + 10)
    [partition] = (core.ws.state / "store" / "annotations").glob("*.json")
    partition.write_bytes(b"{ this is not json")
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        assert app.is_running
        messages = notifications(app)
        assert any("corrupt" in m for m in messages), messages


async def test_user_errors_are_notifications(make_app, core):
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot)
        main = app.screen_main()
        await pilot.press("tab", "t")  # no highlight under the cursor
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
        assert any("cursor on a highlight" in m for m in notifications(app))
        await pilot.press("h")  # nothing selected
        assert any("Select text first" in m for m in notifications(app))
        # select only the blank line between two blocks: the store refuses whitespace
        await pilot.press("right_curly_bracket", "v", "left", "left")
        blocks = main.article.blocks
        assert main.reader.selection_offsets() == (blocks[0].end, blocks[1].start)
        await pilot.press("h")
        await pilot.pause()
        assert any("whitespace" in m for m in notifications(app)), notifications(app)
        await pilot.press("u")  # nothing to undo
        await pilot.pause()
        assert any("nothing to undo" in m for m in notifications(app))
        assert app.is_running and core.store.all() == []


async def test_empty_workspace_every_key_is_safe(empty_workspace):
    from workbench.tui.app import WorkbenchApp
    from workbench.workspace import resolve_workspace
    app = WorkbenchApp(resolve_workspace(empty_workspace))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.loaded, what="load")
        assert app.sub_title == "0 articles"
        main = app.screen_main()
        assert main.reader.text.startswith("No articles yet.")  # an empty state, not a blank pane
        assert "No articles yet" in main.article_list.options.empty_text
        await pilot.press("tab", "v", "h", "t", "n", "c", "d", "u", "e", "m", "ctrl+n", "ctrl+b")
        await pilot.press("slash")
        await pilot.press(*"anything", "enter", "escape")
        await pilot.pause()
        assert app.is_running



async def test_square_brackets_in_titles_quotes_and_messages_are_text_not_markup(make_app, core):
    seed = core.ws.seeds / "zz_brackets.md"
    seed.write_text("---\ntitle: \"[Opinion] The [/] odd [b]title\"\n---\n\n"
                    "A paragraph with [red]markup-like[/red] text and a [/] stray tag in it.\n", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        main = app.screen_main()
        assert main.open_article("zz_brackets")
        await pilot.pause()
        screen = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "[Opinion] The [/] odd [b]title" in screen  # painted as typed
        text = main.article.text
        start = text.index("[red]")
        main.reader.select_offsets(start, text.index("stray") + 5)
        await pilot.press("tab", "tab", "tab")  # back to the reader, selection kept
        main.set_focus(main.reader)
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("n")  # the note editor shows the quote
        await pilot.pause()
        await pilot.press(*"[b]x[/]", "ctrl+s")
        await pilot.pause()
        await pilot.press("d", "u")  # the undo message quotes the highlight
        await pilot.pause()
        assert app.is_running
        [ann] = core.store.all(article="zz_brackets")
        assert ann.note == "[b]x[/]"


async def test_without_a_store_articles_still_open_and_highlight_keys_explain(make_app, core):
    core.ws.state.mkdir(parents=True, exist_ok=True)
    (core.ws.state / "store").write_text("not a folder")  # the store cannot be opened
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        main = app.screen_main()
        assert app.store is None and app.sub_title == "5 articles"
        assert main.reader.text == main.article.text  # reading works
        assert any(n.severity == "error" for n in app._notifications)
        await pilot.press("tab", "v", "w", "h", "e", "u")
        await pilot.pause()
        assert app.is_running
        assert any("Highlights are unavailable" in m for m in notifications(app))


async def test_a_bug_in_an_action_is_shown_to_the_user_and_fails_the_test(make_app, core, fail_on_internal_errors):
    """guard keeps the app alive on a bug, but the suite hears of it (conftest fails the test)."""

    class Broken(Exception):
        pass

    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await highlight_first_words(pilot)

        def broken_cycle(_ann_id):
            raise Broken("a bug in the store")

        app.store.cycle_color = broken_cycle  # a store with a bug in it
        await pilot.press("c")
        await pilot.pause()
        assert app.is_running
        assert any("internal error (Broken: a bug in the store)" in m for m in notifications(app))
    assert [type(exc) for _what, exc in fail_on_internal_errors] == [Broken]
    fail_on_internal_errors.clear()  # provoked on purpose: this test passes


async def test_the_index_arriving_after_the_search_closed_is_harmless(make_app, core):
    async with opened_app(make_app, size=(120, 36), index=True) as (app, pilot, main):
        index, app.search_index = app.search_index, None  # as while the index is being (re)built
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"azerbaijan")
        await wait_for(pilot, lambda: "Indexing" in str(app.screen.query_one("#search-status").render()),
                       what="the indexing notice")
        await pilot.press("escape")
        await pilot.pause()
        app._index_ready(index)  # what the index worker does when it finishes
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "MainScreen"
        await pilot.press("slash")  # and a new search uses it straight away
        await pilot.pause()
        await pilot.press(*"azerbaijan")
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.hits), what="results")
