"""Property tests: random edits before, after and inside a quote never mis-attach it.

The safety property: whenever re-anchoring says `anchored` or `moved`, the span is the
real new place of the quote. Close calls may say `needs_review`; nothing is ever dropped.
"""

from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from workbench.store.anchoring import reanchor
from workbench.textnorm import find_all
from tests.conftest import SEEDS

BASE = (SEEDS / "000_7fe54f432c3a38c8.txt").read_text(encoding="utf-8")[:3000]
CONFIDENT = ("anchored", "moved")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
insert_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ,.'\n", min_size=1, max_size=40)


@st.composite
def quote_span(draw, min_len=25, max_len=120):
    start = draw(st.integers(0, len(BASE) - min_len - 1))
    end = draw(st.integers(start + min_len, min(len(BASE), start + max_len)))
    quote = BASE[start:end]
    assume(quote.strip() == quote and len(find_all(BASE, quote)) == 1)
    return start, end


def _anchor(new_text, start, end):
    quote = BASE[start:end]
    return reanchor(new_text, quote, start, end, BASE[max(0, start - 32):start], BASE[end:end + 32])


@SETTINGS
@given(span=quote_span(), data=st.data(), insert=insert_text)
def test_edits_away_from_the_quote_keep_it_exactly(span, data, insert):
    start, end = span
    quote = BASE[start:end]
    before = data.draw(st.booleans())
    if before:
        assume(start > 40)
        pos = data.draw(st.integers(0, start - 40))
    else:
        assume(len(BASE) - end > 40)
        pos = data.draw(st.integers(end + 40, len(BASE)))
    cut = data.draw(st.integers(0, 20))
    cut = min(cut, (start - 40 - pos) if before else len(BASE) - pos)
    new = BASE[:pos] + insert + BASE[pos + max(0, cut):]
    assume(len(find_all(new, quote)) == 1)
    delta = (len(insert) - max(0, cut)) if before else 0
    found = _anchor(new, start, end)
    assert found.status in CONFIDENT, found
    assert (found.start, found.end) == (start + delta, end + delta)
    assert new[found.start:found.end] == quote


@SETTINGS
@given(span=quote_span(), data=st.data(), insert=insert_text)
def test_edits_right_next_to_the_quote_never_misattach(span, data, insert):
    start, end = span
    quote = BASE[start:end]
    before = data.draw(st.booleans())
    cut = data.draw(st.integers(0, 30))
    if before:
        pos = max(0, start - cut - data.draw(st.integers(0, 10)))
        new = BASE[:pos] + insert + BASE[min(start, pos + cut):]
        true_start = len(BASE[:pos] + insert) + (start - min(start, pos + cut))
    else:
        pos = end + data.draw(st.integers(0, 10))
        new = BASE[:pos] + insert + BASE[pos + cut:]
        true_start = start
    assert new[true_start:true_start + len(quote)] == quote
    found = _anchor(new, start, end)
    assert found.status != "orphaned", found
    if found.status in CONFIDENT:
        assert (found.start, found.end) == (true_start, true_start + len(quote)), found


@SETTINGS
@given(span=quote_span(min_len=40), data=st.data())
def test_small_edits_inside_the_quote_are_found_or_flagged(span, data):
    start, end = span
    quote = BASE[start:end]
    n_edits = data.draw(st.integers(1, 2))
    new_quote = quote
    for _ in range(n_edits):
        i = data.draw(st.integers(1, len(new_quote) - 2))
        repl = data.draw(st.sampled_from(["", "x", "zq", " the"]))
        new_quote = new_quote[:i] + repl + new_quote[i + 1:]
    new = BASE[:start] + new_quote + BASE[end:]
    assume(not find_all(new, quote))  # really changed (not an insertion just outside it)
    found = _anchor(new, start, end)
    assert found.status in ("moved", "needs_review"), found
    if found.status == "moved":
        # inside the edited passage, covering most of it (edges may shift where edits touched them)
        new_end = start + len(new_quote)
        assert start - 5 <= found.start and found.end <= new_end + 5, found
        assert min(found.end, new_end) - max(found.start, start) >= 0.6 * len(new_quote), found


@SETTINGS
@given(span=quote_span(min_len=40), filler=st.text(alphabet="0123456789#@%", min_size=0, max_size=50))
def test_a_deleted_passage_is_never_confidently_attached(span, filler):
    start, end = span
    new = BASE[:start] + filler + BASE[end:]
    found = _anchor(new, start, end)
    assert found.status in ("needs_review", "orphaned"), found
    assert 0 <= found.start <= found.end <= len(new)
