"""The highlights pane: follows the reader, jumps to a highlight, lists the library by tag."""

from __future__ import annotations

import asyncio

from textual.widgets import Select

from tests.tui.conftest import articles_by_title, highlight_first_words, notifications, opened_app, wait_for


def _seed_annotations(core):
    articles = articles_by_title(core.library)
    first, other = articles[0], articles[1]
    store = core.store
    a1 = store.add_highlight(first, first.blocks[1].start, first.blocks[1].start + 15, tags=["politics"])
    a2 = store.add_highlight(first, first.blocks[-1].start, first.blocks[-1].start + 20, tags=["energy"])
    a3 = store.add_highlight(other, other.blocks[-2].start, other.blocks[-2].start + 25, tags=["politics/eu"])
    return first, other, a1, a2, a3


async def test_choosing_a_highlight_moves_the_reader(make_app, core):
    first, _other, a1, a2, _a3 = _seed_annotations(core)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        assert [a.id for a in main.notes.annotations] == [a1.id, a2.id]
        await pilot.press("tab", "tab")  # list → reader → pane
        assert main.notes.options.has_focus
        await pilot.press("down", "enter")  # the second highlight, far down the article
        await pilot.pause()
        assert main.reader.has_focus
        assert main.reader.cursor_offset == a2.start
        assert main.reader.current == a2.id
        assert main.reader.scroll_y > 0  # scrolled to it


async def test_library_mode_filters_by_tag_and_opens_other_articles(make_app, core):
    _first, other, a1, _a2, a3 = _seed_annotations(core)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await pilot.press("tab", "tab", "m")
        await pilot.pause()
        assert main.notes.mode == "library"
        assert len(main.notes.annotations) == 3
        main.notes.query_one(Select).value = "politics"  # parent tag: politics/eu matches too
        await pilot.pause()
        assert {a.id for a in main.notes.annotations} == {a1.id, a3.id}
        main.set_focus(main.notes.options)
        ids = [a.id for a in main.notes.annotations]
        main.notes.options.highlighted = ids.index(a3.id)
        await pilot.press("enter")
        await pilot.pause()
        assert main.article.id == other.id
        assert main.reader.cursor_offset == a3.start
        await pilot.press("m")  # m only applies in the pane: the reader ignores it
        assert main.notes.mode == "library"


async def test_f_chooses_a_tag_with_the_keyboard(make_app, core):
    _first, _other, _a1, a2, _a3 = _seed_annotations(core)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await pilot.press("tab", "tab", "f")
        await pilot.pause()
        select = main.notes.query_one(Select)
        assert main.notes.mode == "library" and select.expanded
        await pilot.press("down", "down")  # past "All tags" to the first tag
        await pilot.pause()
        await pilot.press("enter")  # "energy"
        await pilot.pause()
        assert select.value == "energy"
        assert [a.id for a in main.notes.annotations] == [a2.id]


async def test_the_highlight_under_the_cursor_is_marked_and_followed(make_app, core):
    first, _other, a1, a2, _a3 = _seed_annotations(core)

    def underlined(reader, ann) -> bool:
        row = first.text[:ann.start].count("\n")
        return any(span.style.underline for span in reader.get_line(row).spans)
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        reader = main.reader
        assert reader.current is None and not underlined(reader, a1)
        await pilot.press("tab", "right_curly_bracket", "right")  # into the first highlight
        await pilot.pause()
        assert reader.current == a1.id and underlined(reader, a1)
        assert main.notes.selected.id == a1.id  # the pane follows the cursor
        await pilot.press("up")  # the blank line above: out of it again
        await pilot.pause()
        assert reader.current is None and not underlined(reader, a1)


async def test_changes_made_by_the_cli_show_up_live(make_app, core, cli, workspace):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        article = main.article
        assert main.notes.annotations == []
        quote = " ".join(article.text[article.blocks[1].start:article.blocks[1].end].split()[:3])
        # another process, while the app runs and nobody touches it
        done = await asyncio.to_thread(cli, "highlight", article.id, quote, "--note", "from the CLI",
                                       workspace=workspace)
        assert done.returncode == 0, done.stderr
        await wait_for(pilot, lambda: len(main.notes.annotations) == 1, timeout=10, what="the live refresh")
        [ann] = core.store.all()
        assert [a.id for a in main.notes.annotations] == [ann.id]
        assert [s.id for s in main.reader.spans] == [ann.id]
        assert main.article_list.counts[article.id] == 1
        assert main.notes.display  # the pane, hidden while empty, shows up with it
        done = await asyncio.to_thread(cli, "undo", workspace=workspace)
        assert done.returncode == 0, done.stderr
        await wait_for(pilot, lambda: main.notes.annotations == [], timeout=10, what="the live refresh of undo")
        assert main.reader.spans == []


async def test_a_highlight_whose_text_vanished_is_flagged_not_painted(make_app, core):
    article = articles_by_title(core.library)[0]
    source = article.path
    raw = source.read_text(encoding="utf-8")
    block = article.blocks[2]
    words = article.text[block.start:block.end].split()
    # three words in a row that the source file also has verbatim (sources may be hard-wrapped)
    quote = next(" ".join(words[i:i + 3]) for i in range(len(words) - 2) if " ".join(words[i:i + 3]) in raw)
    start = article.text.index(quote, block.start)
    core.store.add_highlight(article, start, start + len(quote))
    source.write_text(raw.replace(quote, "zqx vbn"), encoding="utf-8")
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        assert any("re-anchored" in m.lower() for m in notifications(app))
        [ann] = main.notes.annotations
        assert ann.status not in ("anchored", "moved")
        assert main.reader.spans == []  # nothing painted at a place that no longer holds it
        await pilot.press("tab", "tab", "enter")
        await pilot.pause()
        said = [m for m in notifications(app) if "press a to re-attach" in m]
        assert said and ("needs review:" in said[-1] or "is orphaned:" in said[-1]), said  # plain grammar
        assert "is needs" not in said[-1] and "_" not in said[-1]


async def test_a_re_attaches_a_highlight_needing_review_to_the_selection(make_app, core):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        article = main.article
        await highlight_first_words(pilot, 3)
        [ann] = core.store.all(article=article.id)
        core.store.update(ann.id, note="keep this note", tags=["kept"])
        raw = article.path.read_text(encoding="utf-8")
        assert raw.count(ann.quote) == 1
        article.path.write_text(raw.replace(ann.quote, "Qzx wvb"), encoding="utf-8")
        await app.run_action("reload", main)
        await wait_for(pilot, lambda: [a.status for a in main.notes.annotations] in (["needs_review"], ["orphaned"]),
                       what="the highlight flagged after the reload")
        assert main.reader.spans == []
        text = main.article.text
        assert text != article.text

        await pilot.press("tab", "enter")  # choose the ⚠ highlight in the pane → the reader
        await pilot.pause()
        assert main.reader.has_focus
        await pilot.press("a")  # no selection yet: told what to do, nothing changes
        await pilot.pause()
        assert any("Select the passage first" in m for m in notifications(app))
        assert core.store.get(ann.id).status in ("needs_review", "orphaned")

        await pilot.press("g", "right_curly_bracket", "v", "w", "w")  # the new words, by keyboard
        await pilot.pause()
        selected = main.reader.selection_offsets()
        assert selected is not None and text[selected[0]:selected[1]].strip() == "Qzx wvb"
        await pilot.press("a")
        await pilot.pause()
        fixed = core.store.get(ann.id)
        assert fixed.status == "anchored"
        start, end = selected
        while text[start].isspace():  # the store keeps the selection without surrounding whitespace
            start += 1
        while text[end - 1].isspace():
            end -= 1
        assert (fixed.start, fixed.end) == (start, end)
        assert fixed.quote == "Qzx wvb"
        assert fixed.note == "keep this note" and fixed.tags == ["kept"]
        assert any(m.startswith("Re-attached") for m in notifications(app))
        assert [s.id for s in main.reader.spans] == [ann.id]  # painted again
        assert main.reader.selection_offsets() is None

        await pilot.press("ctrl+f", "a")  # a text box has focus: `a` is typed, not re-attaching
        await pilot.pause()
        assert main.article_list.filter_input.value == "a"
        assert core.store.get(ann.id) == fixed
