"""Layout, navigation and app-wide keys: 80×24, panes, filter, help, palette, quitting."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tests.tui.conftest import articles_by_title, opened_app, run, wait_for


def test_80x24_layout_collapses_and_toggles_panes(make_app):
    async def scenario():
        async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
            assert main.narrow
            assert main.article_list.display and not main.notes.display
            assert main.reader.region.width >= 45  # the reader keeps most of the screen
            assert main.article_list.region.right <= main.reader.region.x
            assert main.reader.region.right <= 80
            await pilot.press("ctrl+n")  # notes replace the list at this width
            await pilot.pause()
            assert main.notes.display and not main.article_list.display
            assert main.notes.options.has_focus
            await pilot.press("ctrl+b")
            await pilot.pause()
            assert main.article_list.display and not main.notes.display
            await pilot.press("ctrl+b")  # hide both side panes: the reader takes it all
            await pilot.pause()
            assert not main.article_list.display and main.reader.has_focus
            assert main.reader.region.width == 80

    run(scenario())


def test_tab_cycles_panes_at_full_size(make_app):
    async def scenario():
        async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
            assert main.article_list.options.has_focus
            await pilot.press("tab")
            assert main.reader.has_focus
            await pilot.press("tab")
            assert main.notes.options.has_focus
            await pilot.press("tab")
            assert main.article_list.options.has_focus
            await pilot.press("shift+tab")
            assert main.notes.options.has_focus

    run(scenario())


def test_typing_in_the_list_filters_and_q_is_text_in_the_filter(make_app, core):
    baku = [a for a in core.library.articles if "baku" in a.title.casefold()]

    async def scenario():
        async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
            await pilot.press("b", "a", "k", "u")
            await pilot.pause()
            assert main.article_list.filter_input.has_focus
            assert main.article_list.filter_input.value == "baku"
            assert main.article_list.options.row_count == len(baku) >= 1
            await pilot.press("q")  # in the filter box q is a letter, not quit
            assert app.is_running and main.article_list.filter_input.value == "bakuq"
            await pilot.press("escape")  # clears the filter, back to the list
            await pilot.pause()
            assert main.article_list.options.has_focus and main.article_list.options.row_count == 5
            await pilot.press(*"baku's")  # a straight apostrophe finds the curly one in the title
            await pilot.pause()
            expected = [a.id for a in baku if re.search(r"baku[’']s", a.title, re.IGNORECASE)]
            assert expected and main.article_list.options.row_ids() == expected

    run(scenario())


def test_sort_key_cycles_and_is_remembered(make_app, core):
    by_date = sorted(core.library.articles, key=lambda a: (a.date or "", a.title.casefold()), reverse=True)

    async def scenario(expect_sort: str):
        async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
            assert main.article_list.sort == expect_sort
            if expect_sort == "title":
                await pilot.press("s")
                await pilot.pause()
                assert main.article_list.sort == "date"
                ids = main.article_list.options.row_ids()
                assert ids == [a.id for a in by_date]
                await pilot.press("q")

    run(scenario("title"))
    run(scenario("date"))


def test_reading_position_is_remembered_across_restarts(make_app):
    saved = {}

    async def first():
        async with opened_app(make_app, size=(100, 30)) as (app, pilot, main):
            await pilot.press("down", "enter")  # open the second article, reader focused
            await pilot.pause()
            await pilot.press("pagedown", "pagedown")
            await pilot.pause()
            saved["article"], saved["top"] = main.article.id, main.reader.top_offset()
            assert saved["top"] > 0
            await pilot.press("q")
        assert not app.is_running

    async def second():
        async with opened_app(make_app, size=(100, 30)) as (app, pilot, main):
            await pilot.pause()
            assert main.article.id == saved["article"]  # the last article reopens
            assert main.reader.top_offset() == saved["top"]
            assert main.reader.scroll_y > 0

    run(first())
    run(second())


def test_help_and_command_palette(make_app, core):
    async def scenario():
        async with opened_app(make_app, size=(160, 48)) as (app, pilot, _main):
            await pilot.press("question_mark")
            await pilot.pause()
            assert type(app.screen).__name__ == "HelpScreen"
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "MainScreen"
            # the palette runs the same actions: toggle the highlights pane off
            main = app.screen_main()
            assert main.notes.display
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"toggle high")
            await wait_for(pilot, lambda: _palette_choice(app).startswith("Toggle highlights pane"),
                           what="the palette to find the command")
            await pilot.press("enter")
            await pilot.pause(0.2)
            assert not main.notes.display

    run(scenario())


def _palette_choice(app) -> str:
    """The command the palette would run on Enter ("" while it is still searching)."""
    from textual.command import CommandList

    options = app.screen.query(CommandList)
    option = options.first().highlighted_option if options else None
    return str(option.prompt) if option is not None else ""


def test_every_palette_action_runs_without_crashing(make_app, core):
    article = articles_by_title(core.library)[0]
    core.store.add_highlight(article, article.blocks[1].start, article.blocks[1].start + 12, tags=["x"])

    async def scenario():
        async with opened_app(make_app, size=(120, 36), index=True) as (app, pilot, main):
            titles = [c.title for c in app.get_system_commands(main)]
            assert {"Search", "Export notes", "Undo", "Import…", "Help: keys"} <= set(titles)
            for _title, _help, action in main.COMMANDS_LIST:
                await app.run_action(action, main)
                await pilot.pause()
                while app.screen is not main:  # a modal or the tag chooser: close it
                    await pilot.press("escape")
                    await pilot.pause()
                assert app.is_running, action
            await wait_for(pilot, lambda: app.loaded, what="reload")

    run(scenario())


def test_click_on_a_list_row_opens_the_article(make_app, core):
    articles = articles_by_title(core.library)

    async def scenario():
        async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
            rows = main.article_list.options
            await pilot.click(rows, offset=(5, 2 * 2))  # third row (two lines per row)
            await pilot.pause()
            assert main.article.id == articles[2].id
            assert main.reader.text == articles[2].text

    run(scenario())


def test_import_from_the_palette_adds_an_article(make_app):
    fixture = REPO / "tests" / "fixtures" / "import" / "field_notes.md"

    async def scenario():
        async with opened_app(make_app, size=(160, 48)) as (app, pilot, _main):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Import")
            await wait_for(pilot, lambda: _palette_choice(app).startswith("Import…"), what="Import… in the palette")
            await pilot.press("enter")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "PathPrompt", what="the path prompt")
            app.screen.query_one("#path-input").value = str(fixture)  # typing a long path only costs time
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.sub_title == "6 articles", what="import")
            main = app.screen_main()
            assert len(main.article_list.options.row_ids()) == 6

    run(scenario())


def test_200x60_shows_all_panes_roomy(make_app):
    async def scenario():
        async with opened_app(make_app, size=(200, 60)) as (app, pilot, main):
            assert main.has_class("wide") and not main.narrow
            assert main.article_list.display and main.notes.display
            assert main.article_list.region.width == 42 and main.notes.region.width == 52
            assert main.reader.region.width >= 100
            assert main.notes.region.right == 200

    run(scenario())


def test_resizing_collapses_and_restores_the_side_panes(make_app):
    async def scenario():
        async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
            assert main.notes.display and main.article_list.display
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
            assert main.narrow and not main.notes.display and main.article_list.display
            await pilot.resize_terminal(160, 48)
            await pilot.pause()
            assert not main.narrow and main.notes.display and main.article_list.display

    run(scenario())


def test_ctrl_f_reaches_the_filter_from_the_reader_for_a_q_word(make_app):
    async def scenario():
        async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
            await pilot.press("ctrl+n", "tab")  # narrow: the highlights pane replaced the list
            assert not main.article_list.display
            await pilot.press("ctrl+f", *"qu")
            assert main.article_list.display and main.article_list.filter_input.value == "qu"
            assert app.is_running

    run(scenario())
