"""Reading sources: bad input is refused in one line; odd encodings are decoded and named."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from workbench.errors import SourceError
from workbench.library import build_article
from workbench.library.metadata import authors_list, normalise_date, tags_list
from workbench.library.sources import MAX_SOURCE_BYTES, load_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


@pytest.mark.parametrize("name, reason", [
    ("picture.txt", "looks like a binary file"),
    ("empty.md", "file is empty"),
    ("blank.html", "file is empty"),
    ("undecodable.txt", "not valid text in UTF-8 or cp1252"),
])
def test_bad_files_are_refused_with_one_line(name, reason):
    with pytest.raises(SourceError) as info:
        load_source(FIXTURES / "bad" / name)
    assert reason in info.value.message and name in info.value.message
    assert "\n" not in str(info.value)


def test_file_over_20_mb_is_refused(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write(b"word " * (MAX_SOURCE_BYTES // 5 + 1))
    with pytest.raises(SourceError, match=r"too large \(21\.0 MB > 20 MB\)"):
        load_source(path)


def test_cp1252_text_is_decoded_and_named():
    source = load_source(FIXTURES / "windows_note.txt")
    assert source.encoding == "cp1252"
    assert "\u201ca na\u00efve r\u00e9sum\u00e9 of old ideas\u201d \u2014 and" in source.text


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path):
    path = tmp_path / "notepad.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "Title line\r\n\r\nA note saved by Notepad – in UTF-16.\r\n".encode("utf-16-le"))
    article = build_article(path)
    assert article.encoding == "utf-16"
    assert "A note saved by Notepad – in UTF-16." in article.text and "\r" not in article.text


def test_missing_and_folder_paths(tmp_path: Path):
    with pytest.raises(SourceError, match="no such file"):
        load_source(tmp_path / "nope.txt")
    with pytest.raises(SourceError, match="is a folder"):
        load_source(tmp_path)


@pytest.mark.parametrize("value, expected", [
    ("2024-03-05", "2024-03-05"),
    ("2024-03-05T23:10:00+02:00", "2024-03-05"),
    ("March 5, 2024", "2024-03-05"),
    ("5 March 2024", "2024-03-05"),
    (dt.date(2020, 2, 29), "2020-02-29"),
    (dt.datetime(2020, 2, 29, 12, 0), "2020-02-29"),
    ("2024", None),  # a year alone is not a date
    ("March 2024", None),
    ("2023-02-30", None),
    ("soon", None),
    (None, None),
    (["2024-01-01"], None),
])
def test_dates_are_normalised_to_iso_or_none(value, expected):
    assert normalise_date(value) == expected


def test_authors_and_tags_lists():
    assert authors_list("By Ann Lee and Bo Chan") == ["Ann Lee", "Bo Chan"]
    assert authors_list(["Ann Lee", {"name": "Bo Chan"}], "Ann Lee; Cy Dow") == ["Ann Lee", "Bo Chan", "Cy Dow"]
    assert authors_list(None) == []
    assert tags_list("a, b , a") == ["a", "b"] and tags_list(["x", 3]) == ["x", "3"] and tags_list(None) == []
