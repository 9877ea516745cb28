"""A PDF imported from the palette opens in the reader, whose bottom border shows the page."""

from __future__ import annotations

from tests.documents import PdfPage, sentence_lines, write_pdf
from tests.tui.conftest import opened_app, wait_for

PAGES = ["The harbour board met on Monday to discuss the dredging contract and the new quay wall.",
         "Shipping companies asked for a deeper channel so that larger container ships can dock.",
         "Environmental groups warned that dredging would disturb the seagrass meadows in the bay."]


async def test_import_a_pdf_and_the_reader_shows_the_page_under_the_cursor(make_app, tmp_path):
    pages = [PdfPage([sentence_lines(text)]) for text in PAGES]
    source = write_pdf(tmp_path / "harbour.pdf", pages, title="Harbour Board Weighs Dredging Plan")
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Import")
        await pilot.pause()
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PathPrompt", what="the path prompt")
        app.screen.query_one("#path-input").value = str(source)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.sub_title == "6 articles", what="import")
        article = next(a for a in app.library.articles if a.pages)
        assert main.open_article(article.id)
        await pilot.pause()
        assert "p. 1" in str(main.reader.border_subtitle)
        main.reader.move_to(article.text.index("seagrass"))
        await wait_for(pilot, lambda: "p. 3" in str(main.reader.border_subtitle), what="page 3 in the border")
