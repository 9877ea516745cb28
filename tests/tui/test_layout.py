"""Layout, navigation and app-wide keys: 80×24, panes, filter, help, palette, quitting."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tests.tui.conftest import articles_by_title, opened_app, wait_for
from workbench.tui.keys import palette_commands
from workbench.tui.widgets.footer import FittingFooter


def _highlight_first_article(core, **kwargs):
    article = articles_by_title(core.library)[0]
    return core.store.add_highlight(article, article.blocks[1].start, article.blocks[1].start + 12, **kwargs)


def measure(main) -> int:
    """Columns of text in the reader (its content region: border and padding excluded)."""
    return main.reader.content_region.width


async def test_80x24_layout_collapses_and_toggles_panes(make_app, core):
    _highlight_first_article(core)
    async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
        assert main.narrow
        assert main.article_list.display and not main.notes.display  # one side pane: the list
        assert measure(main) >= 45  # the reader keeps most of the screen
        assert main.article_list.region.right <= main.reader.region.x
        assert main.reader.region.right <= 80
        await pilot.press("ctrl+n")  # notes replace the list at this width
        await pilot.pause()
        assert main.notes.display and not main.article_list.display
        assert main.notes.options.has_focus
        await pilot.press("ctrl+b")  # and the list comes back in their place
        await pilot.pause()
        assert main.article_list.display and not main.notes.display
        await pilot.press("ctrl+b", "ctrl+n")  # both hidden: the reader takes the whole width
        await pilot.pause()
        assert not main.article_list.display and not main.notes.display
        assert main.reader.has_focus and main.reader.region.width == 80


async def test_the_reader_gets_a_good_measure_centred_at_every_size(make_app, core):
    _highlight_first_article(core)
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        assert 66 <= measure(main) <= 88  # 120 columns: one side pane, the reader gets the room
        assert main.article_list.display and not main.notes.display
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert main.article_list.display and main.notes.display  # room for both
        assert measure(main) == 88  # never wider than a comfortable line …
        column = main.query_one("#reader-column").region
        left, right = main.reader.region.x - column.x, column.right - main.reader.region.right
        assert abs(left - right) <= 1  # … and centred in the space between the panes
        await pilot.press("ctrl+b", "ctrl+n")
        await pilot.pause()
        assert measure(main) == 88 and abs(main.reader.region.x - (200 - main.reader.region.right)) <= 1


async def test_an_empty_highlights_pane_hides_until_asked_for(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        assert not main.notes.display  # nothing to list for this article
        assert measure(main) == 88
        await pilot.press("ctrl+n")  # asked for: shown, even empty (with a word saying why)
        await pilot.pause()
        assert main.notes.display and main.notes.options.has_focus
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not main.notes.display and main.reader.has_focus


async def test_tab_cycles_panes_at_full_size(make_app, core):
    _highlight_first_article(core)
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


async def test_typing_in_the_list_filters_and_q_is_text_in_the_filter(make_app, core):
    baku = [a for a in core.library.articles if "baku" in a.title.casefold()]
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


async def test_sort_key_cycles_and_is_remembered(make_app, core):
    by_date = sorted(core.library.articles, key=lambda a: (a.date or "", a.title.casefold()), reverse=True)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        assert main.article_list.sort == "title"
        await pilot.press("ctrl+o")  # s would be a letter of the filter
        await pilot.pause()
        assert main.article_list.sort == "date"
        assert main.article_list.options.row_ids() == [a.id for a in by_date]
        await pilot.press("ctrl+q")
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        assert main.article_list.sort == "date"


async def test_reading_position_is_remembered_across_restarts(make_app):
    async with opened_app(make_app, size=(100, 30)) as (app, pilot, main):
        await pilot.press("down", "enter")  # open the second article, reader focused
        await pilot.pause()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        article, top = main.article.id, main.reader.top_offset()
        assert top > 0
        await pilot.press("q")
    assert not app.is_running
    async with opened_app(make_app, size=(100, 30)) as (app, pilot, main):
        await pilot.pause()
        assert main.article.id == article  # the last article reopens
        assert main.reader.top_offset() == top
        assert main.reader.scroll_y > 0


async def test_help_and_command_palette(make_app, core):
    _highlight_first_article(core)
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


def _palette_choice(app) -> str:
    """The command the palette would run on Enter ("" while it is still searching)."""
    from textual.command import CommandList

    options = app.screen.query(CommandList)
    option = options.first().highlighted_option if options else None
    return str(option.prompt) if option is not None else ""


async def test_every_palette_action_runs_without_crashing(make_app, core):
    _highlight_first_article(core, tags=["x"])
    async with opened_app(make_app, size=(120, 36), index=True) as (app, pilot, main):
        titles = [c.title for c in app.get_system_commands(main)]
        assert {"Search", "Export notes", "Undo", "Redo", "Import…", "Help: keys"} <= set(titles)
        for _title, _help, action in palette_commands():
            await app.run_action(action, main)
            await pilot.pause()
            while app.screen is not main:  # a modal or the tag chooser: close it
                await pilot.press("escape")
                await pilot.pause()
            assert app.is_running, action
        await wait_for(pilot, lambda: app.loaded, what="reload")


async def test_click_on_a_list_row_opens_the_article(make_app, core):
    articles = articles_by_title(core.library)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        rows = main.article_list.options
        await pilot.click(rows, offset=(5, 2 * 2))  # third row (two lines per row)
        await pilot.pause()
        assert main.article.id == articles[2].id
        assert main.reader.text == articles[2].text


async def test_import_from_the_palette_adds_an_article(make_app):
    fixture = REPO / "tests" / "fixtures" / "import" / "field_notes.md"
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


async def test_200x60_shows_all_panes_roomy(make_app, core):
    _highlight_first_article(core)
    async with opened_app(make_app, size=(200, 60)) as (app, pilot, main):
        assert main.has_class("wide") and not main.narrow
        assert main.article_list.display and main.notes.display
        assert main.article_list.region.width == 36 and main.notes.region.width == 44
        assert measure(main) == 88
        assert main.notes.region.right == 200


async def test_resizing_collapses_and_restores_the_side_panes(make_app, core):
    _highlight_first_article(core)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        assert main.notes.display and main.article_list.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert main.narrow and not main.notes.display and main.article_list.display
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert not main.narrow and main.notes.display and main.article_list.display


async def test_ctrl_f_reaches_the_filter_from_the_reader_for_a_q_word(make_app):
    async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
        await pilot.press("ctrl+n", "tab")  # narrow: the highlights pane replaced the list
        assert not main.article_list.display
        await pilot.press("ctrl+f", *"qu")
        assert main.article_list.display and main.article_list.filter_input.value == "qu"
        assert app.is_running


async def test_filter_matches_are_emphasised_and_an_empty_filter_result_says_so(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await pilot.press(*"baku")
        await pilot.pause()
        rows = main.article_list.options
        title, _meta = main.article_list._prompt(rows.rows[0], 60)
        marked = [title.plain[s.start:s.end] for s in title.spans if "underline" in str(s.style)]
        assert marked and all(m.casefold() == "baku" for m in marked)
        await pilot.press(*"zzzq")
        await pilot.pause()
        assert rows.row_count == 0 and "No article matches “bakuzzzq”" in rows.empty_text
        assert "No article matches" in "".join(s.text for s in rows.render_line(0))


async def test_derived_titles_are_marked(make_app, core):
    derived = [a for a in core.library.articles if a.title_is_derived]
    assert derived, "the seeds have an article without a title"
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        title, _meta = main.article_list._prompt(derived[0], 80)
        assert title.plain.startswith("~ ")
        main.open_article(derived[0].id)
        await pilot.pause()
        assert "no title in the source" in str(main.reader.border_title)


async def test_tag_filter_offers_parent_tags_and_keeps_the_choice_across_m(make_app, core):
    articles = articles_by_title(core.library)
    store = core.store
    a = store.add_highlight(articles[0], articles[0].blocks[1].start, articles[0].blocks[1].start + 9,
                            tags=["policy/energy"])
    b = store.add_highlight(articles[1], articles[1].blocks[1].start, articles[1].blocks[1].start + 9,
                            tags=["policy/defence"])
    store.add_highlight(articles[1], articles[1].blocks[2].start, articles[1].blocks[2].start + 9, tags=["other"])
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        from textual.widgets import Select

        await pilot.press("tab", "tab", "m")
        await pilot.pause()
        select = main.notes.query_one(Select)
        values = [value for _label, value in select._options if value is not Select.NULL]
        assert "policy" in values  # the parent, though no highlight has exactly that tag
        select.value = "policy"
        await pilot.pause()
        assert {x.id for x in main.notes.annotations} == {a.id, b.id}
        await pilot.press("m", "m")  # to the article and back: the choice is kept
        await pilot.pause()
        assert select.value == "policy" and {x.id for x in main.notes.annotations} == {a.id, b.id}


async def test_a_short_article_rewraps_when_the_side_panes_come_and_go(make_app, core):
    shortest = min(core.library.articles, key=lambda a: len(a.text))

    def fits(main) -> bool:
        width = main.reader.content_region.width
        return all(len(section) <= width for line in main.reader.wrapped_document.lines for section in line)

    async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
        main.open_article(shortest.id)
        await pilot.pause()
        assert fits(main)
        await pilot.press("ctrl+b")  # wider …
        await pilot.pause()
        assert main.reader.content_region.width > 60 and fits(main)
        await pilot.press("ctrl+b")  # … and narrower again: no words cut at the border
        await pilot.pause()
        assert fits(main)


def _footer_keys(screen) -> list:
    from textual.widgets._footer import FooterKey

    footer = screen.query_one(FittingFooter)
    return [key for key in footer.query(FooterKey) if key.display]


async def test_the_footer_shows_only_keys_that_fit_whole(make_app, core):
    """At 80 columns with the highlights pane, Textual's footer cut the last key mid-word
    ("u Und▏^p palette"); keys that do not fit whole are left out (`?` lists them all)."""
    _highlight_first_article(core)
    async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.pause()
        keys = _footer_keys(main)
        palette = [k for k in keys if k.has_class("-command-palette")]
        others = [k for k in keys if not k.has_class("-command-palette")]
        assert palette and others
        assert [k.key_display for k in others[:3]] == ["?", "q", "/"]  # help, quit, search stay
        assert all(k.region.right <= palette[0].region.x for k in others)  # none under the palette key
        assert all(k.region.width >= len(k.key_display) + len(k.description) + 1 for k in others)
        shown_at_80 = len(others)
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.pause()
        wide = [k for k in _footer_keys(main) if not k.has_class("-command-palette")]
        assert len(wide) > shown_at_80  # the keys left out come back when there is room
        assert "Tag filter" in [k.description for k in wide]
