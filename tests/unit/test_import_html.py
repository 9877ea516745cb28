"""Web-page importer: trafilatura main text and metadata, structure kept, page furniture gone."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import SourceError
from workbench.library import build_article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"

FURNITURE = ["cookies", "Accept all", "Subscribe today", "Sign in", "Advertisement", "GetawayDeals",
             "Most read", "Ten scenic railways", "newsletter", "All rights reserved", "Privacy policy",
             "Rail & Road Weekly Media"]


def test_saved_page_metadata():
    article = build_article(FIXTURES / "saved_page.html")
    assert article.title == "The Quiet Return of the Night Train"
    assert article.authors == ["Marta Kowalczyk"]
    assert article.date == "2024-03-14"
    assert article.url == "https://railroadweekly.example.com/2024/03/night-trains"
    assert article.outlet == "Rail & Road Weekly"


def test_saved_page_body_has_no_navigation_ads_cookies_or_footer():
    article = build_article(FIXTURES / "saved_page.html")
    for junk in FURNITURE:
        assert junk not in article.text, junk
    assert "For two decades the sleeper carriage looked like a relic." in article.text
    assert article.text.rstrip().endswith("provided track access charges fall.")


def test_saved_page_keeps_headings_and_quotes():
    article = build_article(FIXTURES / "saved_page.html")
    kinds = [(b.kind, article.text[b.start:b.end]) for b in article.blocks]
    assert kinds[0] == ("title", "The Quiet Return of the Night Train")
    assert [t for k, t in kinds if k == "heading"] == ["Why travellers are coming back", "The cost of a berth"]
    assert [t for k, t in kinds if k == "quote"] == [
        "You lose an evening and gain a morning. I would not go back to the 6 a.m. flight."]
    assert sum(1 for k, _ in kinds if k == "paragraph") == 6


def test_cp1252_page_declaring_windows_1252_without_semantic_markup():
    article = build_article(FIXTURES / "village_bakery.htm")
    assert article.encoding == "cp1252"
    assert article.title == "Why Our Village Bakery Still Uses a Wood Oven"
    assert article.authors == ["Tomás Ruiz"]
    assert "\u201cThe bread tastes of the wood,\u201d she says" in article.text
    for junk in ("Cheap flights", "Categories", "Share on Facebook", "Lovely story", "Copyright 2022",
                 "uses cookies", "Archive"):
        assert junk not in article.text, junk
    assert ("heading", "The arithmetic of a wood oven") in [(b.kind, article.text[b.start:b.end]) for b in article.blocks]


def test_declared_charset_other_than_utf8_or_cp1252(tmp_path: Path):
    page = ("<html><head><meta charset=\"koi8-r\"><title>Вести</title></head><body><article>"
            "<h1>Вести</h1><p>" + "Сегодня в городе открылась новая библиотека для детей и взрослых. " * 4 +
            "</p></article></body></html>")
    path = tmp_path / "vesti.html"
    path.write_bytes(page.encode("koi8-r"))
    article = build_article(path)
    assert article.encoding == "koi8-r"
    assert "новая библиотека" in article.text


def test_page_with_only_chrome_has_no_main_text():
    with pytest.raises(SourceError, match="no main text found"):
        build_article(FIXTURES / "bad" / "only_chrome.html")


def test_blank_page_is_empty():
    with pytest.raises(SourceError, match="file is empty"):
        build_article(FIXTURES / "bad" / "blank.html")


@pytest.mark.parametrize("paragraph, kept", [
    ("We cannot accept all of these claims, the minister said.", True),
    ("Advertisement spending rose by a third last year.", True),
    ("Grandma's cookie recipe uses butter and a pinch of salt.", True),
    ("We use cookies to improve your experience. Accept all", False),
    ("Sign up for our newsletter.", False),
    ("Advertisement", False),
])
def test_furniture_filter_spares_article_sentences(tmp_path: Path, paragraph, kept):
    body = "".join(f"<p>{s}</p>" for s in [
        "The harbour council met on Tuesday evening to discuss the future of the ferry service.",
        paragraph,
        "After three hours of debate the members voted to keep the service running through winter."])
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Ferry vote</title></head><body><article><h1>Ferry vote</h1>{body}"
                    "</article></body></html>")
    article = build_article(path)
    assert (paragraph in article.text) is kept
    assert (paragraph in [r.text for r in article.removed]) is not kept


def test_byline_and_dateline_near_the_top_are_bylines(tmp_path: Path):
    path = tmp_path / "vote.html"
    path.write_text("""<html><head><title>Ferry vote | Coast News</title><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-05-03"></head><body><article><h1>Ferry vote</h1>
<p>By Jane Doe, Staff Writer</p><p>Updated 3 May 2024</p>
<p>The harbour council met on Tuesday evening to discuss the future of the ferry service.</p>
<p>By the end, they voted to keep it.</p>
</article></body></html>""")
    article = build_article(path)
    kinds = [(b.kind, article.text[b.start:b.end]) for b in article.blocks]
    assert kinds == [("title", "Ferry vote"), ("byline", "By Jane Doe, Staff Writer"), ("byline", "Updated 3 May 2024"),
                     ("paragraph", "The harbour council met on Tuesday evening to discuss the future of the ferry service."),
                     ("paragraph", "By the end, they voted to keep it.")]
    assert article.authors == ["Jane Doe"] and article.date == "2024-05-03"
