"""Keys without traps: letters type in text boxes and the list, `/` works everywhere, the
footer keeps `?` and `q`, j/k move, redo follows undo, and one table drives it all."""

from __future__ import annotations

import re

from textual.widgets import Footer

from tests.conftest import REPO
from tests.tui.conftest import articles_by_title, highlight_first_words, notifications, opened_app
from workbench.tui import keys


def footer_keys(app) -> list[str]:
    """The keys the footer shows, left to right, as drawn (only the ones that fit)."""
    from textual.widgets._footer import FooterKey

    footer = app.screen.query_one(Footer)
    shown = [k for k in footer.query(FooterKey) if k.region.width and k.region.right <= footer.region.right]
    return [k.key_display or k.key for k in sorted(shown, key=lambda k: k.region.x)]


async def test_every_letter_filters_the_list_q_and_s_included(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await pilot.press(*"quest")
        await pilot.pause()
        box = main.article_list.filter_input
        assert app.is_running and box.has_focus and box.value == "quest"
        assert main.article_list.sort == "title"  # s did not sort
        await pilot.press("escape", "s", "q")  # from the list itself, not only in the box
        await pilot.pause()
        assert app.is_running and box.value == "sq"


async def test_slash_opens_search_from_the_filter_box_and_the_panes(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await pilot.press("b", "a")
        assert main.article_list.filter_input.has_focus
        await pilot.press("slash")
        await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"
        assert main.article_list.filter_input.value == "ba"  # not typed into the filter
        await pilot.press("escape", "tab")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert type(app.screen).__name__ == "SearchScreen"


async def test_letters_never_act_while_a_text_box_has_focus(make_app, core):
    async with opened_app(make_app, size=(120, 36), index=True) as (app, pilot, main):
        await highlight_first_words(pilot)
        [ann] = core.store.all()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"quiet hedge u d e")  # q, h, u, d, e would quit, highlight, undo, delete, export
        await pilot.pause()
        assert app.is_running and type(app.screen).__name__ == "SearchScreen"
        assert app.screen.query_one("#search-input").value == "quiet hedge u d e"
        await pilot.press("escape")
        await pilot.pause()
        assert [a.id for a in core.store.all()] == [ann.id] and not list(core.ws.notes.rglob("*.md"))


async def test_footer_keeps_help_and_quit_visible_at_80_columns(make_app, core):
    async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
        await pilot.press("tab")  # the reader
        await pilot.pause()
        shown = footer_keys(app)
        assert shown[:2] == ["?", "q"], shown
        await pilot.press("shift+tab")  # the list: q is a letter there, so the footer does not offer it
        await pilot.pause()
        shown = footer_keys(app)
        assert "q" not in shown and "?" in shown and "^o" in shown, shown  # sort: ctrl+o


async def test_ctrl_c_says_how_to_quit_in_plain_words(make_app):
    async with opened_app(make_app, size=(80, 24)) as (app, pilot, main):
        await pilot.press("ctrl+c")
        await pilot.pause()
        [said] = [m for m in notifications(app) if "quit" in m]
        assert "[" not in said and "q" in said


async def test_j_and_k_move_in_the_reader_and_the_highlights_pane(make_app, core):
    article = articles_by_title(core.library)[0]
    first = core.store.add_highlight(article, article.blocks[1].start, article.blocks[1].start + 10)
    second = core.store.add_highlight(article, article.blocks[2].start, article.blocks[2].start + 10)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await pilot.press("tab")
        row = main.reader.cursor_location[0]
        await pilot.press("j", "j")
        assert main.reader.cursor_location[0] > row
        await pilot.press("k")
        assert main.reader.cursor_location[0] > row
        await pilot.press("tab")
        assert main.notes.options.has_focus and main.notes.selected.id == first.id
        await pilot.press("j")
        assert main.notes.selected.id == second.id
        await pilot.press("k")
        assert main.notes.selected.id == first.id


async def test_redo_with_U_and_ctrl_r_and_plain_messages(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await highlight_first_words(pilot)
        [ann] = core.store.all()
        await pilot.press("d", "u")
        await pilot.pause()
        assert [a.id for a in core.store.all()] == [ann.id]
        undid = notifications(app)[-1]
        assert undid.startswith("Undid the delete of “") and f"in “{main.article.title}”" in undid, undid
        assert ann.id[:8] not in undid and ann.article not in undid  # titles, not ids
        await pilot.press("U")  # redo the delete
        await pilot.pause()
        assert core.store.all() == [] and notifications(app)[-1].startswith("Redid the delete")
        await pilot.press("u", "u")  # undo the delete, then the highlight
        await pilot.pause()
        assert core.store.all() == []
        await pilot.press("ctrl+r")  # the highlight again
        await pilot.pause()
        assert [a.id for a in core.store.all()] == [ann.id]
        assert [s.id for s in main.reader.spans] == [ann.id]


def test_docs_key_table_is_the_generated_one():
    text = (REPO / "docs" / "tui.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- keys:start.*?-->\n(.*?)\n<!-- keys:end -->", text, re.S)
    assert found, "docs/tui.md lacks the <!-- keys:start --> … <!-- keys:end --> table"
    assert found.group(1).strip() == keys.markdown_table().strip(), (
        "docs/tui.md's key table differs from workbench/tui/keys.py: paste `python -c 'from workbench.tui.keys "
        "import markdown_table; print(markdown_table())'` between the markers")


def test_one_key_table_feeds_bindings_help_and_palette():
    from workbench.tui.screens.help import HelpScreen  # noqa: F401 — renders help_sections()
    from workbench.tui.screens.main import MainScreen
    from workbench.tui.widgets.reader import Reader

    reader_keys = {b.key for b in Reader.BINDINGS}
    assert {"v", "h", "j", "k", "t", "n", "c", "d", "u", "U,ctrl+r", "x"} <= reader_keys
    for title, _help, action in keys.palette_commands():
        assert hasattr(MainScreen, f"action_{action.split('(')[0]}"), title
    documented = {key for _section, rows in keys.help_sections() for key, _text in rows}
    assert {"? / F1", "/", "ctrl+o", "U / ctrl+r", "j", "k"} <= documented
