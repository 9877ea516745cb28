"""The article list says "Loading articles…" until the library has been listed: setting the sort
on mount said "No articles yet" while a big library was still loading (QA, round 2)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from workbench.tui.widgets.article_list import ArticleList


class _Host(App):
    def compose(self) -> ComposeResult:
        yield ArticleList()


async def test_loading_until_listed_then_empty_library():
    app = _Host()
    async with app.run_test(size=(60, 20)) as pilot:
        articles = app.query_one(ArticleList)
        articles.set_sort("date")
        await pilot.pause()
        assert articles.options.empty_text == "Loading articles…"
        articles.set_articles([], {}, {})
        await pilot.pause()
        assert articles.options.empty_text.startswith("No articles yet")
