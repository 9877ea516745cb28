"""The one definition of "same text": folding keeps offsets into the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.textnorm import find_all, normalize, strip_control


def test_folds_quotes_dashes_and_whitespace():
    text = "He said \u201cno\u201d \u2014  it\u2019s\n\tover."
    norm = normalize(text)
    assert norm.text == "He said \"no\" - it's over."


def test_span_maps_back_to_original_offsets():
    text = "A  \u201cquoted\u201d\n word"
    spans = find_all(text, '"quoted" word')
    assert spans == [(3, len(text))]
    assert text[spans[0][0]:spans[0][1]] == "\u201cquoted\u201d\n word"


def test_find_all_lists_every_occurrence_and_can_fold_case():
    text = "Baku said no. Then baku said no again."
    assert len(find_all(text, "said no")) == 2
    assert find_all(text, "BAKU said", casefold=True) == [(0, 9), (19, 28)]
    assert find_all(text, "BAKU said") == []


def test_empty_quote_matches_nothing():
    assert find_all("anything", "   ") == []


def test_strip_control_removes_escape_codes_but_keeps_newlines():
    dirty = "red \x1b[31mALERT\x1b[0m\x07 line\nnext\x1b]0;title\x07 \x00end"
    assert strip_control(dirty) == "red ALERT line\nnext end"


@given(st.text(alphabet=st.sampled_from(list("ab \n\u2019'\u2014-\u201c\"x")), max_size=40))
def test_offsets_always_point_at_source_characters(text):
    norm = normalize(text)
    assert len(norm.offsets) == len(norm.text)
    assert list(norm.offsets) == sorted(norm.offsets)
    for ch, off in zip(norm.text, norm.offsets):
        source = text[off]
        assert ch == " " or source not in " \n", (text, ch, off)
