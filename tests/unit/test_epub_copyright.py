"""A book's copyright (imprint) page is not its text: it goes to `removed` (QA, round 2: the
"All rights reserved … ISBN …" page opened every book whose file was not typed copyright-page)."""

from __future__ import annotations

from ebooklib import epub

from workbench.library import build_article

RIGHTS = ("<p>Copyright © 2015 by Tomás Ferreira</p><p>All rights reserved. No part of this publication "
          "may be reproduced without the prior permission in writing of the publisher.</p>"
          "<p>ISBN 978-0-00-000000-0</p><p>Printed in Portugal</p>")
ONE = ("<h1>The Pans</h1><p>The salt pans of Aveiro were once worked by four hundred families. Today there "
       "are nine.</p>")
LAW = ("<h1>Who Owns the Salt</h1><p>In 1911 the salt makers went to court over the copyright of a song about "
       "the pans; the judge ruled that all rights reserved by the guild had lapsed.</p>")


def _book(path):
    book = epub.EpubBook()
    book.set_identifier("qa2-salt")
    book.set_title("Salt and Stone")
    book.set_language("en")
    book.add_author("Tomás Ferreira")
    pages = []
    for name, body in (("imprint.xhtml", RIGHTS), ("dedication.xhtml", "<p><i>For my grandmother.</i></p>"),
                       ("ch01.xhtml", ONE), ("ch02.xhtml", LAW)):
        page = epub.EpubHtml(title=name, file_name=name, lang="en")
        page.content = f"<html><body>{body}</body></html>"
        book.add_item(page)
        pages.append(page)
    book.toc = (epub.Link("ch01.xhtml", "The Pans", "c1"), epub.Link("ch02.xhtml", "Who Owns the Salt", "c2"))
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *pages]
    epub.write_epub(str(path), book)
    return path


def test_the_copyright_page_goes_to_removed_and_the_text_stays(tmp_path):
    article = build_article(_book(tmp_path / "salt.epub"))
    assert "All rights reserved. No part" not in article.text
    assert "ISBN" not in article.text and "Printed in Portugal" not in article.text
    removed = {r.text: r.kind for r in article.removed}
    assert removed["ISBN 978-0-00-000000-0"] == "copyright"
    assert "For my grandmother." in article.text  # front matter that is the author's stays
    assert "the copyright of a song about the pans" in article.text  # a chapter in the contents stays
    assert article.text.index("For my grandmother.") < article.text.index("The salt pans of Aveiro")
