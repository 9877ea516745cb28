"""Pilot tests of the main flows, on the real app, store and search index on disk."""

from __future__ import annotations

from tests.tui.conftest import (
    articles_by_title,
    highlight_first_words,
    notifications,
    opened_app,
    wait_for,
)
from workbench.tui.textual_compat import input_suggestion



def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The store keeps a selection without its surrounding whitespace."""
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def end_of_words(text: str, start: int, n: int) -> int:
    """Offset just after the first `n` space-separated words from `start` (punctuation trimmed)."""
    words = " ".join(text[start:].split(" ")[:n]).rstrip(",.;:!?”\"'")
    return start + len(words)


async def test_opens_with_header_count_and_opens_another_article(make_app, core):
    articles = articles_by_title(core.library)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        assert app.title == "ws" and app.sub_title == "5 articles"
        assert main.article.id == articles[0].id  # first by title on a fresh workspace
        assert main.reader.text == articles[0].text
        await pilot.press("down", "enter")
        await pilot.pause()
        assert main.article.id == articles[1].id
        assert main.reader.text == articles[1].text
        assert main.reader.has_focus


async def test_keyboard_selection_and_h_store_exact_offsets(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        article = main.article
        await pilot.press("tab")
        assert main.reader.has_focus
        await pilot.press("right_curly_bracket")  # } → start of the second block
        start = article.blocks[1].start
        assert main.reader.cursor_offset == start
        await pilot.press("v", "w", "w", "w", "h")
        await pilot.pause()
        end = end_of_words(article.text, start, 3)
        [ann] = core.store.all(article=article.id)
        assert (ann.start, ann.end) == (start, end)
        assert ann.quote == article.text[start:end]
        assert main.reader.selection_offsets() is None  # selection cleared after h
        # a selection across lines: v then } selects the third block and the blank line after
        await pilot.press("right_curly_bracket", "v", "right_curly_bracket")
        assert main.reader.selection_offsets() == (article.blocks[2].start, article.blocks[3].start)
        await pilot.press("h")
        await pilot.pause()
        spans = {(a.start, a.end) for a in core.store.all(article=article.id)}
        assert (article.blocks[2].start, article.blocks[2].end) in spans  # stored trimmed
        assert len(main.notes.annotations) == 2


async def test_mouse_drag_and_h(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        reader, article = main.reader, main.article
        # row 2 of the view is the first line of the second block (title, blank, paragraph)
        lines = article.text.split("\n")
        row = 2
        line_start = sum(len(line) + 1 for line in lines[:row])
        x0, y = 3 + 0, 1 + row  # border 1 + padding 2; border 1
        await pilot.mouse_down(reader, offset=(x0 + 4, y))
        await pilot.hover(reader, offset=(x0 + 20, y))
        await pilot.mouse_up(reader, offset=(x0 + 20, y))
        await pilot.pause()
        assert reader.selection_offsets() == (line_start + 4, line_start + 20)
        await pilot.press("h")
        await pilot.pause()
        [ann] = core.store.all(article=article.id)
        start, end = trimmed(article.text, line_start + 4, line_start + 20)
        assert (ann.start, ann.end) == (start, end)
        assert ann.quote == article.text[start:end]


async def test_tag_edit_with_autocomplete(make_app, core):
    library = core.library
    other = library.articles[-1]
    core.store.add_highlight(other, other.blocks[-1].start, other.blocks[-1].start + 5, tags=["geopolitics"])
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot)
        ann_id = main.reader.current
        assert ann_id is not None  # the new highlight is under the cursor
        await pilot.press("t")
        await pilot.pause()
        assert type(app.screen).__name__ == "TagEditor"
        await pilot.press("g", "e", "o")
        await wait_for(pilot, lambda: input_suggestion(app.screen.query_one("#tag-input")) == "geopolitics",
                       what="tag suggestion")
        await pilot.press("tab", *", Energy Mix", "enter")
        await pilot.pause()
        assert core.store.get(ann_id).tags == ["geopolitics", "energy-mix"]
        assert "#geopolitics #energy-mix" in str(main.notes.options.get_option_at_index(0).prompt)


async def test_a_refused_tag_is_named_as_typed_not_read_as_markup(make_app, core):
    """"bad[tag]" was refused as "tag 'bad' has '[]'": the modal's notify read the message as
    Rich markup and "[tag]" vanished (QA, round 2)."""
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"bad[tag]", "enter")
        await pilot.pause()
        shown = [n for n in app._notifications if n.title == "Tags not saved"]
        assert shown and "bad[tag]" in shown[-1].message and not shown[-1].markup


async def test_a_refused_tag_keeps_the_dialog_and_the_typing(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot)
        ann_id = main.reader.current
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"policy, c++", "enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "TagEditor"  # still open, nothing lost
        assert app.screen.query_one("#tag-input").value == "policy, c++"
        assert core.store.get(ann_id).tags == []
        await pilot.press("backspace", "backspace", "backspace", "backspace", "enter")
        await pilot.pause()
        assert core.store.get(ann_id).tags == ["policy"]


async def test_note_edit_multiline(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot)
        ann_id = main.reader.current
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"First line", "enter", *"second: q h d", "ctrl+s")
        await pilot.pause()
        assert core.store.get(ann_id).note == "First line\nsecond: q h d"
        assert app.is_running and len(core.store.all()) == 1  # q/h/d typed, not acted on


async def test_delete_and_undo(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot)
        [ann] = core.store.all()
        await pilot.press("d")
        await pilot.pause()
        assert core.store.all() == []
        assert main.reader.spans == [] and main.notes.annotations == []
        await pilot.press("u")
        await pilot.pause()
        [back] = core.store.all()
        assert (back.id, back.start, back.end) == (ann.id, ann.start, ann.end)
        assert [s.id for s in main.reader.spans] == [ann.id]
        assert any(m.lower().startswith("undid") for m in notifications(app))


async def test_colour_cycle_from_the_annotation_pane(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot, pause=False)
        await pilot.press("tab")  # reader → highlights pane
        await pilot.pause()
        assert main.notes.options.has_focus
        await pilot.press("c")
        await pilot.pause()
        [ann] = core.store.all()
        assert ann.color == "green"
        assert main.reader.spans[0].color == "green"


async def test_export_writes_markdown(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot)
        [ann] = core.store.all()
        await pilot.press("e")
        await pilot.pause()
        files = list(core.ws.notes.rglob("*.md"))
        assert files, "no Markdown written"
        assert any(ann.quote in f.read_text(encoding="utf-8") for f in files)
        assert any(m.startswith("Exported notes") for m in notifications(app))
        # a note written in the exported file comes back into the store on the next export
        note_file = next(f for f in files if ann.quote in f.read_text(encoding="utf-8"))
        text = note_file.read_text(encoding="utf-8")
        assert "- Note:\n" in text
        note_file.write_text(text.replace("- Note:\n", "- Note:\n\n  written **in the vault**\n", 1),
                             encoding="utf-8")
        await pilot.press("e")
        await pilot.pause()
        assert core.store.get(ann.id).note == "written **in the vault**"
        assert any("read back from edited notes" in m for m in notifications(app))


async def test_highlight_paint_follows_the_theme(make_app, core):
    article = articles_by_title(core.library)[0]
    block = article.blocks[1]
    core.store.add_highlight(article, block.start, block.start + 10, color="green")

    def painted(reader) -> set[str]:
        row = article.text[:block.start].count("\n")
        return {str(span.style.bgcolor.name) for span in reader.get_line(row).spans
                if span.style.bgcolor is not None}
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, _main):
        reader = app.screen_main().reader
        assert "#1f5c2e" in painted(reader)  # dark theme: a dark green
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.pause()
        assert "#c6f1cf" in painted(reader)  # light theme: a pale green


async def test_reader_motions_g_G_and_v_mode_extend(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        reader, text = main.reader, main.article.text
        await pilot.press("tab", "G")
        assert reader.cursor_offset == len(text) and reader.scroll_y > 0
        await pilot.press("g")
        assert reader.cursor_offset == 0
        await pilot.press("v", "G")  # selects the whole article
        assert reader.selection_offsets() == (0, len(text))
        await pilot.press("escape")
        assert reader.selection_offsets() is None and not reader.selecting


async def test_tag_picked_from_the_list_of_existing_tags(make_app, core):
    other = core.library.articles[-1]
    for tag in ("energy", "europe/eu"):
        core.store.add_highlight(other, other.blocks[-1].start, other.blocks[-1].start + 5, tags=[tag],
                                 allow_duplicate=True)
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await highlight_first_words(pilot)
        ann_id = main.reader.current
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("e", "u")  # only europe/eu contains "eu"
        await pilot.pause()
        known = app.screen.query_one("#tag-known")
        assert [known.get_option_at_index(i).id for i in range(known.option_count)] == ["europe/eu"]
        await pilot.press("down", "enter")  # take it, keep typing
        await pilot.pause()
        await pilot.press(*"new", "enter")
        await pilot.pause()
        assert core.store.get(ann_id).tags == ["europe/eu", "new"]


async def test_y_copies_the_quote_of_the_highlight_at_the_cursor(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await highlight_first_words(pilot)
        [ann] = core.store.all()
        await pilot.press("y")
        assert app.clipboard == f"“{ann.quote}” — {main.article.title}"


async def test_every_action_says_what_it_did(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await highlight_first_words(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert notifications(app)[-1].startswith("Colour: green")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"energy", "enter")
        await pilot.pause()
        assert notifications(app)[-1] == "Tags saved: #energy"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"why it matters", "ctrl+s")
        await pilot.pause()
        assert notifications(app)[-1] == "Note saved."


async def test_escape_in_the_note_editor_keeps_the_draft(make_app, core):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await highlight_first_words(pilot)
        [ann] = core.store.all()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"half a thought", "escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"
        assert core.store.get(ann.id).note == ""  # not saved …
        assert "draft is kept" in notifications(app)[-1]
        await pilot.press("n")  # … but not lost either
        await pilot.pause()
        area = app.screen.query_one("#note-input")
        assert area.text == "half a thought"
        await pilot.press(*" finished", "ctrl+s")
        await pilot.pause()
        assert core.store.get(ann.id).note == "half a thought finished"
        await pilot.press("n")  # saved: the draft is gone, the editor shows the note
        await pilot.pause()
        assert app.screen.query_one("#note-input").text == "half a thought finished"
        await pilot.press("escape")  # unchanged: nothing to keep, nothing said
        await pilot.pause()
        assert "draft" not in notifications(app)[-1]
