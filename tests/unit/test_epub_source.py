"""EPUB sources: books written with ebooklib (and hand-made zips for the bad ones)."""

from __future__ import annotations

import zipfile

import pytest

from tests.documents import write_epub
from workbench.errors import SourceError
from workbench.library import build_article

ONE = ("<h1>Chapter One: The Coast</h1>"
       "<p>The caravans left at dawn, when the salt was still damp.<a epub:type=\"noteref\" href=\"#n1\">1</a>"
       " Nobody spoke.</p>"
       "<aside epub:type=\"footnote\" id=\"n1\"><p>Salt was measured in bars, not by weight.</p></aside>"
       "<h2>The Market</h2><p>At the market the traders weighed every bar twice &amp; argued about the rest.</p>")
TWO = ("<p>Inland the road climbed through the thorn country for nine days.</p>"
       "<blockquote><p>Water first, then salt.</p></blockquote>"
       "<ul><li>camels</li><li>water skins</li></ul>")
THREE = "<h1>Chapter Three: Timbuktu</h1><p>The city rose out of the sand like a ship.</p>"


def book(tmp_path, **kwargs):
    chapters = [("Chapter One: The Coast", ONE), ("Chapter Two: Inland", TWO), ("Chapter Three: Timbuktu", THREE)]
    return write_epub(tmp_path / "salt.epub", chapters, **kwargs)


def kinds_and_texts(article):
    return [(b.kind, article.text[b.start:b.end]) for b in article.blocks]


def test_chapters_in_spine_order_with_metadata(tmp_path):
    article = build_article(book(tmp_path))
    assert (article.title, article.authors, article.date, article.language) == (
        "The Salt Roads", ["Mira Okafor"], "2019-04-02", "en")
    blocks = kinds_and_texts(article)
    assert blocks[0] == ("title", "The Salt Roads")
    headings = [text for kind, text in blocks if kind == "heading"]
    assert headings == ["Chapter One: The Coast", "The Market", "Chapter Two: Inland", "Chapter Three: Timbuktu",
                        "Notes"]
    assert ("quote", "Water first, then salt.") in blocks
    assert ("paragraph", "• camels") in blocks
    assert "weighed every bar twice & argued" in article.text


def test_cover_and_navigation_are_not_body_text(tmp_path):
    article = build_article(book(tmp_path))
    assert "A novel of the desert trade" not in article.text
    assert article.text.count("Chapter Two: Inland") == 1  # not once more from the table of contents


def test_footnotes_become_end_notes(tmp_path):
    article = build_article(book(tmp_path))
    assert "still damp.[1] Nobody spoke." in article.text
    assert article.text.rstrip().endswith("[1] Salt was measured in bars, not by weight.")
    assert article.text.index("Salt was measured") > article.text.index("The city rose")


def test_chapters_cover_their_text_and_name_it(tmp_path):
    article = build_article(book(tmp_path))
    titles = [c.title for c in article.chapters]
    assert titles == ["Chapter One: The Coast", "Chapter Two: Inland", "Chapter Three: Timbuktu", "Notes"]
    assert article.chapter_at(article.text.index("traders weighed")) == "Chapter One: The Coast"
    assert article.chapter_at(article.text.index("thorn country")) == "Chapter Two: Inland"
    assert article.to_dict()["chapters"][1]["title"] == "Chapter Two: Inland"


def test_no_metadata_title_is_derived(tmp_path):
    article = build_article(book(tmp_path, title=None, cover=False))
    assert article.title_is_derived


def test_font_obfuscation_is_not_drm(tmp_path):
    fonts = (b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
             b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
             b'<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
             b'<enc:CipherData><enc:CipherReference URI="EPUB/fonts/a.otf"/></enc:CipherData>'
             b'</enc:EncryptedData></encryption>')
    article = build_article(book(tmp_path, extra={"META-INF/encryption.xml": fonts}))
    assert "thorn country" in article.text


def drm_book(tmp_path):
    drm = (b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
           b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
           b'<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
           b'<enc:CipherData><enc:CipherReference URI="EPUB/chapter_01.xhtml"/></enc:CipherData>'
           b'</enc:EncryptedData></encryption>')
    return book(tmp_path, extra={"META-INF/encryption.xml": drm})


def test_bad_books_fail_with_one_line(tmp_path):
    cases = {}
    cases["drm"] = (drm_book(tmp_path), "protected by DRM")
    plain = tmp_path / "photos.epub"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("holiday.txt", "not a book")
    cases["zip"] = (plain, "a zip file but not an EPUB")
    notzip = tmp_path / "notes.epub"
    notzip.write_text("just text pretending to be a book\n")
    cases["text"] = (notzip, "not an EPUB")
    for name, (path, message) in cases.items():
        with pytest.raises(SourceError, match=message) as info:
            build_article(path)
        assert "\n" not in info.value.message and str(path) in info.value.message, name


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_zip_bomb_entry_is_refused_before_it_is_inflated(tmp_path):
    path = book(tmp_path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("EPUB/chapter_02.xhtml", b"<html><body><p>" + b" " * (20 * 1024 * 1024) + b"</p></body></html>")
    with pytest.raises(SourceError, match="zip bomb"):
        build_article(path)


def replace_entry(path, name, content: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    entries[name] = content
    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)


def test_content_without_an_xml_declaration_is_read_as_utf8(tmp_path):
    path = write_epub(tmp_path / "x.epub", [("Café", "<h1>Café</h1><p>placeholder</p>")])
    replace_entry(path, "EPUB/chapter_01.xhtml",
                  "<html><body><h1>Café Society</h1><p>“Naïve,” she said — twice.</p></body></html>".encode())
    article = build_article(path)
    assert "“Naïve,” she said — twice." in article.text and "Café Society" in article.text


def test_entities_are_not_expanded(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY ext SYSTEM "file:///etc/passwd">]>')
    chapter = "<h1>Laughter</h1><p>&b;&b;&b; and &ext; end.</p>"
    path = write_epub(tmp_path / "x.epub", [("Laughter", chapter)])
    data = path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    entries["EPUB/chapter_01.xhtml"] = (laughs + "<html><body>" + chapter + "</body></html>").encode()
    path.unlink()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    assert data  # the original was a real book
    article = build_article(path)
    assert "root:" not in article.text
    assert "hahaha" not in article.text
