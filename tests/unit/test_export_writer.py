"""The managed-block writer: the user's text around the block survives any re-export."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.export.writer import BEGIN, END, backup, compose, update_file, user_text, write_if_changed

FM = {"title": "T", "highlights": 1}
# User text: any characters, but never a line that is exactly one of our markers.
user = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=200) \
    .filter(lambda t: BEGIN not in t and END not in t)


@settings(max_examples=200, deadline=None)
@given(before=user, after=user, body1=st.text(max_size=50).filter(lambda t: BEGIN not in t and END not in t))
def test_text_around_the_block_is_kept_byte_for_byte(before, after, body1):
    first = compose(None, FM, body1).text
    head, rest = first.split(BEGIN, 1)
    edited = head + before.lstrip("\n") + ("\n" if before and not before.endswith("\n") else "") \
        + BEGIN + rest + after
    again = compose(edited, {**FM, "highlights": 2}, "new body")
    assert not again.damaged
    assert again.text.endswith(END + "\n" + after) or (not after and again.text.endswith(END + "\n"))
    assert (before.lstrip("\n") + ("\n" if before and not before.endswith("\n") else "")) + BEGIN in again.text
    assert compose(again.text, {**FM, "highlights": 2}, "new body").text == again.text


def test_damaged_markers_are_repaired_once_and_then_stable():
    first = compose(None, FM, "body").text + "mine\n"
    for damage in (first.replace(END + "\n", ""), first.replace(BEGIN + "\n", ""),
                   first + BEGIN + "\n", first.replace("---\ntitle", "---\n: [broken\ntitle")):
        repaired = compose(damage, FM, "body")
        assert repaired.damaged and "mine" in repaired.text
        assert repaired.text.count(BEGIN) == 1 and repaired.text.count(END) == 1
        settled = compose(repaired.text, FM, "body")
        assert not settled.damaged and settled.text == repaired.text
        assert user_text(settled.text)  # the user's words are recognised as theirs


def test_write_if_changed_keeps_mtime_and_backups_never_overwrite(tmp_path):
    path = tmp_path / "n.md"
    assert write_if_changed(path, "a\n") is True
    os.utime(path, ns=(1, 1))
    assert write_if_changed(path, "a\n") is False and path.stat().st_mtime_ns == 1
    assert backup(path).name == "n.md.bak" and backup(path).name == "n.md.bak"
    path.write_text("b\n")
    assert backup(path).name == "n.md.bak.1"
    assert (tmp_path / "n.md.bak").read_text() == "a\n"


def test_non_utf8_file_is_moved_aside(tmp_path):
    path = tmp_path / "n.md"
    path.write_bytes(b"\xff\xfe old bytes")
    written, message = update_file(path, FM, "body")
    assert written and "not UTF-8" in message
    assert (tmp_path / "n.md.bak").read_bytes() == b"\xff\xfe old bytes"
    assert BEGIN in path.read_text()
