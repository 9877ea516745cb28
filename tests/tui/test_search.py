"""The search modal: as-you-type results from the real index, Enter opens and selects the hit."""

from __future__ import annotations

from tests.tui.conftest import ready, run, wait_for


def _query_from_other_article(core):
    library = core.library
    first = sorted(library.articles, key=lambda a: a.title.casefold())[0]
    target = max((a for a in library.articles if a.id != first.id), key=lambda a: len(a.text))
    # a paragraph two thirds down the longest other article: off the first screen
    block = next(b for b in target.blocks[len(target.blocks) * 2 // 3:]
                 if b.kind == "paragraph" and len(target.text[b.start:b.end].split()) >= 12)
    return target, " ".join(target.text[block.start:block.end].split()[3:8])


def test_search_enter_then_h_stores_exact_hit_span(make_app, core):
    target, query = _query_from_other_article(core)

    async def scenario():
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
            await pilot.press("enter")
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

    run(scenario())


def test_enter_before_results_arrive_opens_the_best_hit(make_app, core):
    target, query = _query_from_other_article(core)

    async def scenario():
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

    run(scenario())


def test_note_hits_are_found_and_escape_closes(make_app, core):
    article = core.library.articles[0]
    core.store.add_highlight(article, article.blocks[1].start, article.blocks[1].start + 12,
                             note="Zanzibar marmalade theory of diplomacy")

    async def scenario():
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await ready(pilot, index=True)
            await pilot.press("slash")
            await pilot.pause()
            await pilot.press(*"zanzibar marmalade")
            screen = app.screen
            await wait_for(pilot, lambda: bool(screen.hits), what="note hit")
            assert screen.hits[0].kind == "note"
            await pilot.press("escape")
            await pilot.pause()
            assert type(app.screen).__name__ == "MainScreen"

    run(scenario())


def test_ctrl_t_limits_the_search_to_the_open_article(make_app, core):
    async def scenario():
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

    run(scenario())
