"""Markdown importer: front matter → metadata, markdown-it body → typed blocks of plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import SourceError
from workbench.library import build_article
from workbench.library.markdown_source import parse_markdown, split_front_matter

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def blocks(article):
    return [(b.kind, article.text[b.start:b.end]) for b in article.blocks]


def test_field_notes_metadata_from_front_matter():
    article = build_article(FIXTURES / "field_notes.md")
    assert article.title == "Soil, Seeds and Patience: Notes from a Seed Library"
    assert not article.title_is_derived
    assert article.authors == ["Ana Lima", "Joe Park"]
    assert article.date == "2024-03-05"  # "March 5, 2024" normalised
    assert article.url == "https://example.org/blog/seed-library"  # `source:` holding a URL
    assert article.tags == ["agriculture", "commons", "libraries"]


def test_field_notes_body_structure_and_plain_text():
    article = build_article(FIXTURES / "field_notes.md")
    kinds = [k for k, _ in blocks(article)]
    # the H1 repeating the front-matter title is the title block, not a second heading
    assert kinds[0] == "title" and kinds.count("title") == 1
    assert [t for k, t in blocks(article) if k == "heading"] == ["How the collection grew", "What borrowers learn"]
    quotes = [t for k, t in blocks(article) if k == "quote"]
    assert quotes == ["Every packet that comes back is a little better suited to this place than the one "
                      "that went out."]
    text = article.text
    for markup in ("**", "*best", "](", "`", "<div", "---", "title:"):
        assert markup not in text
    assert "on Saturday mornings. Members borrow a packet" in text  # soft break → one space
    assert "take a whole season to repay" in text  # link text kept, URL dropped
    assert "Subscribe to our newsletter!" not in text
    assert [r.text for r in article.removed] == ["Subscribe to our newsletter!"]
    assert "• squash seeds are grown in trays on a south-facing windowsill" in text


def test_offsets_cover_exact_block_text():
    article = build_article(FIXTURES / "field_notes.md")
    for block in article.blocks:
        piece = article.text[block.start:block.end]
        assert piece == piece.strip() and piece
    joined = "\n\n".join(article.text[b.start:b.end] for b in article.blocks)
    assert joined == article.text


def test_bom_front_matter_is_still_front_matter():
    article = build_article(FIXTURES / "bom_letter.md")
    assert article.encoding == "utf-8-sig"
    assert article.title == "A Letter from the Archive"
    assert article.authors == ["R. Okafor"] and article.date == "2023-11-02"
    assert blocks(article)[0] == ("title", "A Letter from the Archive")  # title opens the text
    assert blocks(article)[-1] == ("quote", "Dear sister, the river froze again this winter.")


def test_title_from_first_heading_when_no_front_matter():
    draft = parse_markdown("# The Long Winter\n\nSnow fell for *forty* days.\n\n## After\n\nThen spring.\n")
    assert draft.title == "The Long Winter" and not draft.title_is_derived
    assert draft.pieces == [("title", "The Long Winter"), ("paragraph", "Snow fell for forty days."),
                            ("heading", "After"), ("paragraph", "Then spring.")]


def test_title_derived_from_first_line_when_none_given():
    draft = parse_markdown("![a harbour at dusk](h.png)\n\nBoats came home late that night.\n\n# Later\n")
    assert draft.title_is_derived and draft.title == "Boats came home late that night."
    assert ("caption", "a harbour at dusk") in draft.pieces
    assert ("heading", "Later") in draft.pieces


def test_front_matter_title_not_in_body_opens_the_text_with_subtitle():
    draft = parse_markdown("---\ntitle: Tides\nsubtitle: A field guide\nauthor: Ann Lee and Bo Chan\n"
                           "tags: coast, maps\ndate: 2021-07-09T10:00:00Z\nsource: The Coastal Review\n---\n"
                           "First paragraph.\n")
    assert draft.pieces == [("title", "Tides"), ("subtitle", "A field guide"), ("paragraph", "First paragraph.")]
    assert draft.authors == ["Ann Lee", "Bo Chan"] and draft.tags == ["coast", "maps"]
    assert draft.date == "2021-07-09" and draft.outlet == "The Coastal Review" and draft.url is None


def test_lists_tables_code_and_breaks():
    draft = parse_markdown("# T\n\n3. three\n4. four\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                           "```\nx = 1\n  y\n```\n\nline one  \nline two\n")
    body = draft.pieces[1:]
    assert body == [("paragraph", "3. three"), ("paragraph", "4. four"), ("paragraph", "a | b\n1 | 2"),
                    ("paragraph", "x = 1\n  y"), ("paragraph", "line one\nline two")]


def test_thematic_break_at_start_is_not_front_matter():
    meta, body = split_front_matter("---\n\nJust prose here, not YAML.\n\n---\nMore prose.\n")
    assert meta == {} and body.startswith("---")


def test_invalid_yaml_front_matter_is_a_one_line_source_error():
    with pytest.raises(SourceError) as info:
        build_article(FIXTURES / "bad" / "broken_front_matter.md")
    assert "front matter is not valid YAML" in info.value.message
    assert "\n" not in str(info.value)


def test_front_matter_without_body_is_rejected():
    with pytest.raises(SourceError, match="no article text"):
        parse_markdown("---\ntitle: Only metadata\n---\n\n<!-- nothing -->\n")


def test_byline_under_the_title_is_a_byline_not_a_paragraph():
    draft = parse_markdown("---\ntitle: Tides\nauthor: Ann Lee\n---\n# Tides\n\n*By Ann Lee*\n\n"
                           "By the harbour wall the water rose all night.\n")
    assert draft.pieces == [("title", "Tides"), ("byline", "By Ann Lee"),
                            ("paragraph", "By the harbour wall the water rose all night.")]


def test_footnotes_keep_their_marks_and_become_paragraphs():
    draft = parse_markdown("# Sources\n\nThe ferry first sailed in 1911.[^1]\n\n[^1]: Harbour board minutes, 1911.\n"
                           "[^map]: The old chart, folio 3.\n")
    assert draft.pieces[1:] == [("paragraph", "The ferry first sailed in 1911.[1]"),
                                ("paragraph", "[1] Harbour board minutes, 1911."),
                                ("paragraph", "[map] The old chart, folio 3.")]
