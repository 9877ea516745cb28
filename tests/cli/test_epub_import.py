"""EPUBs through the real CLI: import, chapters in show JSON, the chapter in exports, bad books."""

from __future__ import annotations

import json
import zipfile

from tests.documents import write_epub

CHAPTERS = [
    ("Chapter One: The Coast", "<h1>Chapter One: The Coast</h1><p>The caravans left at dawn with the salt.</p>"),
    ("Chapter Two: Inland", "<p>Inland the road climbed through the thorn country for nine days.</p>"),
]


def test_import_show_highlight_and_export_name_the_chapter(cli, workspace, tmp_path):
    source = write_epub(tmp_path / "salt.epub", CHAPTERS)
    result = cli("import", str(source), "--json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    article_id = json.loads(result.stdout)["imported"][0]["id"]
    shown = json.loads(cli("show", article_id, "--json", workspace=workspace).stdout)
    assert [c["title"] for c in shown["chapters"]] == ["Chapter One: The Coast", "Chapter Two: Inland"]
    assert shown["language"] == "en" and shown["authors"] == ["Mira Okafor"]
    assert cli("highlight", article_id, "thorn country", workspace=workspace).returncode == 0
    out = tmp_path / "notes-out"
    assert cli("export", "--out", str(out), workspace=workspace).returncode == 0
    notes = [p.read_text("utf-8") for p in out.glob("*.md") if "thorn country" in p.read_text("utf-8")]
    assert len(notes) == 1 and "in “Chapter Two: Inland”" in notes[0]


def test_bad_books_are_named_and_the_rest_is_imported(cli, workspace, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    write_epub(folder / "good.epub", CHAPTERS)
    drm = (b'<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
           b'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
           b'<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
           b'</enc:EncryptedData></encryption>')
    write_epub(folder / "locked.epub", CHAPTERS, title="Another Book", extra={"META-INF/encryption.xml": drm})
    with zipfile.ZipFile(folder / "photos.epub", "w") as archive:
        archive.writestr("holiday.txt", "not a book")
    result = cli("import", str(folder), workspace=workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("locked.epub" in e and "DRM" in e for e in errors)
    assert any("photos.epub" in e and "not an EPUB" in e for e in errors)
    assert "1 imported" in result.stdout
