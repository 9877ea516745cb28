"""A blog's page: the site's name in <h1>, the post's headline in <h2>, and a <title> naming both
("Headline – Site"). trafilatura took the site's name for the title (QA, round 2)."""

from __future__ import annotations

from workbench.library.html_source import parse_html

BODY = ("<p>For eleven years I kept my bird counts in a spreadsheet. Every spring I added a column, "
        "every autumn a sheet, and every winter a weekend went on working out why the totals did not "
        "match.</p><p>Last year I moved everything into a small database. It took three evenings, and "
        "the totals now match for the first time since I began.</p>")


def _page(title_element: str, headline: str = "Why I Stopped Using Spreadsheets for Bird Counts") -> str:
    return (f"<html><head><title>{title_element}</title></head><body>"
            "<header><h1 class='site-title'>Field Notes Blog</h1><ul><li>Home</li><li>About</li></ul></header>"
            f"<div class='post'><h2 class='entry-title'>{headline}</h2>"
            "<div class='entry-meta'>Posted on February 11, 2019 by Greta Lindqvist</div>"
            f"<div class='entry-content'>{BODY}</div></div></body></html>")


def test_the_posts_headline_is_the_title_and_the_site_the_outlet():
    draft = parse_html(_page("Why I Stopped Using Spreadsheets for Bird Counts &#8211; Field Notes Blog"))
    assert draft.title == "Why I Stopped Using Spreadsheets for Bird Counts"
    assert draft.outlet == "Field Notes Blog"
    assert draft.pieces[0] == ("title", "Why I Stopped Using Spreadsheets for Bird Counts")
    assert sum(kind == "title" for kind, _ in draft.pieces) == 1


def test_any_separator_and_order_of_the_title_element():
    draft = parse_html(_page("Field Notes Blog | Counting Waders at Dawn", headline="Counting Waders at Dawn"))
    assert (draft.title, draft.outlet) == ("Counting Waders at Dawn", "Field Notes Blog")


def test_a_title_element_that_does_not_name_the_heading_changes_nothing():
    """Without the <title> naming both, nothing says which is the site: the title stays."""
    draft = parse_html(_page("Field Notes Blog", headline="Counting Waders at Dawn"))
    assert draft.title == "Field Notes Blog"
