"""The search modal: as-you-type results from the real index, Enter opens and selects the hit."""

from __future__ import annotations

from tests.tui.conftest import opened_app, ready, wait_for


def _query_from_other_article(core):
    library = core.library
    first = sorted(library.articles, key=lambda a: a.title.casefold())[0]
    target = max((a for a in library.articles if a.id != first.id), key=lambda a: len(a.text))
    # a paragraph two thirds down the longest other article: off the first screen
    block = next(b for b in target.blocks[len(target.blocks) * 2 // 3:]
                 if b.kind == "paragraph" and len(target.text[b.start:b.end].split()) >= 12)
    return target, " ".join(target.text[block.start:block.end].split()[3:8])


async def test_search_enter_then_h_stores_exact_hit_span(make_app, core):
    target, query = _query_from_other_article(core)
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await ready(pilot, index=True)
        hit = app.search_index.search(query, limit=30, annotations=[])[0]
        main = app.screen_main()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*query)
        screen = app.screen
        await wait_for(pilot, lambda: bool(getattr(screen, "hits", None)), what="search results")
        await pilot.press("enter")  # (results of a prefix may be on show: Enter waits for the query's)
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MainScreen", what="modal closed")
        await pilot.pause()
        assert main.article.id == hit.article == target.id
        assert main.reader.selection_offsets() == (hit.start, hit.end)
        await pilot.pause()
        assert main.reader.scroll_y > 0  # the hit is deep in the article …
        assert main.reader.region.contains_point(main.reader.cursor_screen_offset)  # … and on screen
        await pilot.press("h")
        await pilot.pause()
        [ann] = core.store.all(article=target.id)
        assert (ann.start, ann.end) == (hit.start, hit.end)
        assert ann.quote == target.text[hit.start:hit.end]


async def test_enter_before_results_arrive_opens_the_best_hit(make_app, core):
    target, query = _query_from_other_article(core)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)  # the index may still be building: Enter must not be lost
        main = app.screen_main()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*query, "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "MainScreen", what="modal closed")
        await pilot.pause()
        hit = app.search_index.search(query, limit=30, annotations=[])[0]
        assert main.article.id == hit.article == target.id
        assert main.reader.selection_offsets() == (hit.start, hit.end)


async def _search_the_note(pilot, app):
    """Open search, type the note's words, wait for the hit: the search screen, a note hit first."""
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*"zanzibar marmalade")
    screen = app.screen
    await wait_for(pilot, lambda: bool(screen.hits), what="note hit")
    assert screen.hits[0].kind == "note"
    return screen


async def test_note_hits_are_found_and_escape_closes(make_app, core):
    article = core.library.articles[0]
    core.store.add_highlight(article, article.blocks[1].start, article.blocks[1].start + 12,
                             note="Zanzibar marmalade theory of diplomacy")
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot, index=True)
        await _search_the_note(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "MainScreen"


async def test_ctrl_t_limits_the_search_to_the_open_article(make_app, core):
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot, index=True)
        main = app.screen_main()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"azerbaijan")
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.hits), what="results")
        assert {h.article for h in screen.hits} - {main.article.id}  # other articles too
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: bool(screen.hits) and {h.article for h in screen.hits} == {main.article.id},
                       what="results from the open article only")


def _long_sentence_seed(core) -> str:
    """A seed whose one paragraph is a very long sentence with the match near its end."""
    filler = ", ".join(f"and then the committee considered item number {i} at length" for i in range(40))
    text = (f"# Minutes of a long meeting\n\nThe chair opened the session {filler}, until someone said that "
            "the stars are perfectly alligned for azerbaijan to seize the moment, and the meeting ended.\n")
    (core.ws.seeds / "zz_long_sentence.md").write_text(text, encoding="utf-8")
    return "the stars are perfectly alligned for azerbaijan to seize"


async def test_a_hit_deep_in_a_long_sentence_shows_the_matched_words(make_app, core):
    query = _long_sentence_seed(core)
    async with opened_app(make_app, size=(120, 36), index=True) as (app, pilot, main):
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*query)
        screen = app.screen
        await wait_for(pilot, lambda: bool(screen.hits), what="results")
        best = screen.hits[0]
        assert best.article == "zz_long_sentence"
        prompt = screen.query_one("#search-results").get_option_at_index(0).prompt
        lines = prompt.plain.split("\n")
        assert "the stars are perfectly alligned for azerbaijan to seize" in " ".join(lines[1:])
        underlined = {prompt.plain[s.start:s.end].casefold() for s in prompt.spans if "underline" in str(s.style)}
        assert {"stars", "azerbaijan"} <= underlined  # the query's words inside the matched span


async def test_a_note_hit_shows_the_note_and_its_passage(make_app, core):
    article = core.library.articles[0]
    block = article.blocks[1]
    ann = core.store.add_highlight(article, block.start, block.start + 30, note="Zanzibar marmalade theory")
    async with opened_app(make_app, size=(120, 36), index=True) as (app, pilot, main):
        screen = await _search_the_note(pilot, app)
        prompt = screen.query_one("#search-results").get_option_at_index(0).prompt.plain
        assert "Zanzibar marmalade theory" in prompt
        assert " ".join(ann.quote.split()) in prompt  # the passage the note is about


async def test_the_last_query_comes_back_and_up_down_walk_the_history(make_app, core):
    async with opened_app(make_app, size=(120, 36), index=True) as (app, pilot, main):
        for query in ("azerbaijan", "israel"):
            await pilot.press("slash")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one("#search-input")
        assert box.value == "israel"  # the last query, selected …
        await pilot.press(*"baku")  # … so typing replaces it
        assert box.value == "baku"
        await pilot.press("up")
        assert box.value == "israel"
        await pilot.press("up")
        assert box.value == "azerbaijan"
        await pilot.press("down")
        assert box.value == "israel"
        await pilot.press("escape")
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):  # kept across runs
        assert app.state.searches[-2:] == ["azerbaijan", "israel"]


async def test_results_of_an_older_query_are_never_shown_or_opened(make_app, core):
    """Under load a search for a prefix of the query could finish after the query's own search
    started; its hits were shown and Enter opened one of them."""
    target, query = _query_from_other_article(core)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot, index=True)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*query)
        screen = app.screen
        await wait_for(pilot, lambda: bool(getattr(screen, "hits", None)), what="search results")
        await pilot.pause(0.3)
        hits = list(screen.hits)
        screen._show([], "No matches.", screen._asked - 1)  # a stale worker delivers late
        assert screen.hits == hits and "No matches" not in str(screen.query_one("#search-status").render())
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen_main().article.id == hits[0].article
