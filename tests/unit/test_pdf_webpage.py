"""Web pages printed by a browser: what the PDF's links and geometry tell apart (pdf_webpage).

Real PDFs written with fpdf2 (`tests.documents`), with link annotations where a browser
prints a hyperlink, read back through the whole PDF pipeline.
"""

from __future__ import annotations

import pytest

from tests.documents import PdfPage, Row, sentence_lines, write_pdf
from tests.unit.test_pdf_source import ENGINEERS, FARMERS, MAYOR, RIVER, body
from workbench.errors import SourceError
from workbench.library import build_article

BROWSER = "Mozilla/5.0 HeadlessChrome/120"
TITLE = "Flood Waters Recede in the Valley"
MENU = ["Home", "World news and politics", "Business and markets", "Science and climate"]
LINKED_SENTENCE = "The council approved a new budget for the flood barrier after a long night of talks."
SHELTER = ("The shelter in the grain hall stayed open for a second week, and the volunteers who ran it "
           "asked the council for more blankets and a second kitchen before the cold weeks arrive.")
PUMPS = ("Two pumping stations near the harbour ran through the night, and the water board said the "
         "pumps would stay on until the river had fallen below the summer mark again.")


def printed(tmp_path, pages, name="printed.pdf", **kwargs):
    options = dict(title=f"{TITLE} - Valley Times", creator=BROWSER, before=MENU,
                   print_date="12/6/26, 3:08 AM", page_numbers="{n}/{total}",
                   footer_url="https://valley.example/2024/flood")
    options.update(kwargs)
    return build_article(write_pdf(tmp_path / name, pages, **options))


def test_a_linked_sentence_inside_the_article_goes_and_the_article_stays(tmp_path):
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS), [Row(LINKED_SENTENCE, link=True)],
                      sentence_lines(ENGINEERS), sentence_lines(MAYOR)], heading=TITLE)]
    article = printed(tmp_path, pages)
    text = body(article)
    assert LINKED_SENTENCE not in text
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))
    assert any(r.kind == "links" and "flood barrier" in r.text for r in article.removed)


def test_the_same_sentence_without_a_link_is_kept(tmp_path):
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS), [LINKED_SENTENCE],
                      sentence_lines(ENGINEERS), sentence_lines(MAYOR)], heading=TITLE)]
    assert LINKED_SENTENCE in body(printed(tmp_path, pages))


def test_links_count_only_on_pages_a_browser_printed(tmp_path):
    """A report's table of contents or reference list is linked too: only printed web pages
    lose linked text."""
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS), [Row(LINKED_SENTENCE, link=True)],
                      sentence_lines(ENGINEERS)], heading=TITLE)]
    article = build_article(write_pdf(tmp_path / "report.pdf", pages, title=TITLE))
    assert LINKED_SENTENCE in body(article)


def teaser_card(headline: str, blurb: str) -> list[list[str | Row]]:
    """Another story as a site lists it under an article: linked headline and author, a date,
    a blurb of running text, all set in a column of its own."""
    return [[Row(headline, link=True, indent=20)], [Row("Jane Doe", link=True, indent=20)],
            [Row("Tuesday November 19, 2019", indent=20)],
            [Row(line, indent=20) for line in sentence_lines(blurb, per_line=9)]]


def test_blurbs_of_other_stories_between_linked_headlines_go(tmp_path):
    cards = [*teaser_card("Pumps run through the night at the harbour", PUMPS),
             *teaser_card("The grain hall shelter stays open", SHELTER),
             *teaser_card("Engineers review the barrier", ENGINEERS)]
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS)], heading=TITLE),
             PdfPage([sentence_lines(MAYOR), ["More from the Valley Times"], *cards])]
    text = body(printed(tmp_path, pages))
    assert RIVER in text and FARMERS in text and MAYOR in text
    for blurb in (PUMPS, SHELTER, ENGINEERS):
        assert blurb not in text


def test_a_list_with_linked_names_in_the_article_column_keeps_its_text(tmp_path):
    """A gift guide: each product's name is a link, its paragraph stands in the article's column."""
    items = [("Harbour pump", PUMPS), ("Grain hall shelter", SHELTER), ("Weir gauges", ENGINEERS)]
    paragraphs: list[list[str | Row]] = [sentence_lines(RIVER)]
    for name, text in items:
        paragraphs += [[Row(name, link=True, size=14)], sentence_lines(text)]
    text = body(printed(tmp_path, [PdfPage(paragraphs, heading=TITLE)]))
    assert all(paragraph in text for paragraph in (RIVER, PUMPS, SHELTER, ENGINEERS))


COMPLAINTS = ("Our journalists strive for accuracy but on occasion we make mistakes, and for further details "
              "of our complaints policy and to make a complaint please use the form on our help pages. The "
              "website is regulated by the independent press standards organisation of the country.")
SHORT_NEWS = ["A flood warning for the valley ended on Friday.", "The river fell by a metre overnight.",
              "Schools in the lower town will open again on Monday.", "The ferry is running to its timetable.",
              "Farmers are counting the cost of the lost hay.", "The council will meet on Tuesday evening."]
SITE_LINKS = ["Sign up", "About us", "Editorial complaints", "Clarifications and corrections", "News licensing",
              "Advertising", "Contact us", "Commissioning terms", "Help hub", "Topics A to Z", "Cookie settings",
              "Contact preferences", "Site map", "Press pack"]


def test_a_footer_in_running_text_does_not_become_the_article(tmp_path):
    """One sentence a paragraph (as news sites set it), then the site's long list of links, then
    a legal footer in running text, longer than any paragraph of the article (the cleaner alone
    would take it for the article): the cleaner gets the article."""
    pages = [PdfPage([[s] for s in SHORT_NEWS], heading=TITLE),
             PdfPage([[Row(entry, link=True) for entry in SITE_LINKS]]),
             PdfPage([sentence_lines(COMPLAINTS)])]
    article = printed(tmp_path, pages)
    text = body(article)
    assert all(sentence in text for sentence in SHORT_NEWS)
    assert "complaints policy" not in text
    assert article.title == TITLE
    assert any(r.kind == "page_tail" and "complaints policy" in r.text for r in article.removed)


ERROR_LINES = ["Reload", "This site can't be reached", "valley.example took too long to respond.",
               "ERR_CONNECTION_TIMED_OUT"]


def test_a_printed_browser_error_page_is_no_article(tmp_path):
    path = write_pdf(tmp_path / "error.pdf", [PdfPage([[line] for line in ERROR_LINES])], title="valley.example",
                     creator=BROWSER, print_date="12/6/26, 3:08 AM", page_numbers="{n}/{total}",
                     footer_url="https://valley.example/2024/flood")
    with pytest.raises(SourceError, match="holds no article") as info:
        build_article(path)
    assert "\n" not in info.value.message


def test_a_short_pdf_that_no_browser_made_is_still_read(tmp_path):
    path = write_pdf(tmp_path / "note.pdf", [PdfPage([[line] for line in ERROR_LINES])], title="A Note")
    assert "took too long to respond" in build_article(path).text


def test_a_headline_near_the_page_edge_is_no_running_head(tmp_path):
    """The running head repeats the page's title in small type on every page; the headline
    itself, in large type, may stand near a page's edge and must not go with them."""
    pages = [PdfPage([sentence_lines(RIVER)] * 4 + [[Row("Page one ends here with a short line.")]]),
             PdfPage([sentence_lines(FARMERS), sentence_lines(ENGINEERS)]),
             PdfPage([sentence_lines(MAYOR)])]
    path = write_pdf(tmp_path / "edge.pdf", pages, title=TITLE, running_head=TITLE, bottom_heading=(1, TITLE))
    article = build_article(path)
    gone = [r.text for r in article.removed if r.kind == "page_furniture" and r.text == TITLE]
    assert len(gone) == 3  # the three running heads, not the headline


CAPTION = ("Volunteers carry sandbags along the river wall in the lower town on Tuesday evening, "
           "as the water reached the top step of the old ferry landing.")


def test_a_gallery_caption_said_again_and_again_goes_and_the_page_numbers_follow(tmp_path):
    """A photo gallery prints its caption beside the photo, in the lightbox and in the list: the
    copies stand off the article's column (or are said three times). Pages stay right."""
    caption = [Row(line, indent=20) for line in sentence_lines(CAPTION, per_line=9)]
    in_column = sentence_lines(CAPTION)
    pages = [PdfPage([caption, [Row("Photo: Ana Ruiz", indent=20)], caption, in_column,
                      sentence_lines(RIVER), sentence_lines(FARMERS)], heading=TITLE),
             PdfPage([sentence_lines(ENGINEERS), sentence_lines(MAYOR)])]
    article = printed(tmp_path, pages)
    text = body(article)
    assert "sandbags along the river wall" not in text
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))
    assert any(r.kind == "aside" and "ferry landing" in r.text for r in article.removed)
    assert article.page_at(article.text.index("regional council")) == 1
    assert article.page_at(article.text.index("Engineers say")) == 2
    assert article.pages[-1].end == len(article.text)


def test_a_pull_quote_set_beside_the_text_keeps_its_body_copy(tmp_path):
    quote = "Engineers say the new barrier held as designed, although the gauges at the weir"  # opens a paragraph
    pages = [PdfPage([sentence_lines(RIVER), [Row(line, indent=25, size=14) for line in sentence_lines(quote, 6)],
                      sentence_lines(ENGINEERS), sentence_lines(FARMERS), sentence_lines(MAYOR)], heading=TITLE)]
    text = body(printed(tmp_path, pages))
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))


LEGAL = ("This service is provided under the standard terms and conditions of the Valley Times Group "
         "Limited, registered in England, in accordance with our privacy policy. To inquire about a "
         "licence to reproduce material, visit our syndication site or write to the rights desk.")
RELATED = ["Storm season outlook for the valley", "New ferry timetable from May", "Harbour works delayed",
           "Council election results", "The grain hall turns one hundred", "Bridge inspection findings"]


def test_running_text_past_a_long_list_of_links_is_a_footer(tmp_path):
    """Past the site's long list of links (ten or more), running text counts a quarter: a legal
    footer longer than that list's weight goes."""
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS), sentence_lines(ENGINEERS),
                      sentence_lines(MAYOR)], heading=TITLE),
             PdfPage([[Row(entry, link=True) for entry in SITE_LINKS], sentence_lines(LEGAL),
                      sentence_lines(COMPLAINTS)])]
    article = printed(tmp_path, pages)
    text = body(article)
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))
    assert "syndication site" not in text and "complaints policy" not in text


def test_an_article_going_on_after_a_box_of_related_links_keeps_its_end(tmp_path):
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS),
                      [Row(entry, link=True) for entry in RELATED]], heading=TITLE),
             PdfPage([sentence_lines(ENGINEERS), sentence_lines(MAYOR)])]
    text = body(printed(tmp_path, pages))
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))
    assert not any(entry in text for entry in RELATED)


COMMENT = ("What a week it has been for everyone down by the river, and thanks to all the volunteers who "
           "came out with their shovels and their sandbags when we needed them most.")


def test_comments_under_a_line_about_the_article_go(tmp_path):
    """WordPress and friends head the comments with the article's own title ("2 thoughts on
    “…”"): after the article's running text, such a line ends the article."""
    comments = [[f"2 thoughts on \"{TITLE}\""], [Row("Mary Ann Jones", link=True)], sentence_lines(COMMENT),
                [Row("Pat Smith", link=True)], sentence_lines(SHELTER)]
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS)], heading=TITLE),
             PdfPage([sentence_lines(ENGINEERS), sentence_lines(MAYOR), *comments])]
    article = printed(tmp_path, pages)
    text = body(article)
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))
    assert "volunteers who came out with their shovels" not in text and SHELTER not in text


def test_a_sentence_naming_the_article_inside_it_is_no_comment_heading(tmp_path):
    series = f"Our series {TITLE} goes on next week with a look at the new barrier, the pumps and the weir gauges."
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS), sentence_lines(series),
                      sentence_lines(ENGINEERS), sentence_lines(MAYOR)], heading=TITLE)]
    text = body(printed(tmp_path, pages))
    assert all(sentence in text for sentence in (RIVER, FARMERS, series, ENGINEERS, MAYOR))


def test_dropping_every_row_keeps_the_text():
    from workbench.library.pdf_layout import Layout, Span

    layout = Layout("one\n\ntwo", [(0, 1)], [], spans=[Span(0, 3, 1, 0.0, 10.0, 20.0, True),
                                                        Span(5, 8, 1, 0.0, 10.0, 20.0, True)])
    assert layout.drop_spans([True, True]) == [] and layout.text == "one\n\ntwo"
    assert layout.drop_spans([True, False]) == ["one"]
    assert (layout.text, layout.page_starts, [(s.start, s.end) for s in layout.spans]) == ("two", [(0, 1)], [(0, 3)])


def test_a_link_laid_over_the_whole_page_says_nothing_about_its_text(tmp_path):
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS), sentence_lines(ENGINEERS)], heading=TITLE),
             PdfPage([sentence_lines(MAYOR)])]
    text = body(printed(tmp_path, pages, overlay_link=2))
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))


def test_a_page_whose_every_paragraph_is_a_link_keeps_its_text(tmp_path):
    """Do no harm: when the linked pieces hold more running text than the rest, none go."""
    linked = [[Row(line, link=True) for line in sentence_lines(text)] for text in (RIVER, FARMERS, ENGINEERS)]
    pages = [PdfPage([*linked, sentence_lines(MAYOR)], heading=TITLE)]
    text = body(printed(tmp_path, pages))
    assert all(sentence in text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))
