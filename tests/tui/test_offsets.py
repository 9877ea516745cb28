"""The one offset converter agrees with Textual's own Document, for any text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.document._document import Document

from workbench.tui.offsets import OffsetMap, display_text

TEXT = st.text(alphabet=st.sampled_from(list("ab é\n\t\u2028\u2029\x0c\x85\r—“")), max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_offsets_round_trip_and_match_the_textarea_document(text):
    shown = display_text(text)
    assert len(shown) == len(text)
    document = Document(shown)
    omap = OffsetMap(text)
    assert len(omap.line_starts) == document.line_count
    for offset in range(len(text) + 1):
        row, column = omap.to_location(offset)
        assert omap.to_offset((row, column)) == offset
        # the character at the location in the TextArea is the character at the offset
        line = document.get_line(row)
        if offset < len(text) and text[offset] != "\n":
            assert line[column] == shown[offset]
        assert document.get_text_range((0, 0), (row, column)) == shown[:offset]


def test_out_of_range_locations_are_clamped():
    omap = OffsetMap("ab\ncd")
    assert omap.to_offset((0, 99)) == 2
    assert omap.to_offset((99, 0)) == 3
    assert omap.to_location(-5) == (0, 0)
    assert omap.to_location(99) == (1, 2)
