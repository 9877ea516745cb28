"""Search snippets: the match is in the middle, whole, emphasised — whatever the sentence length."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.tui.snippets import MATCH_STYLE, snippet


def styled(text, style: str) -> str:
    return "".join(text.plain[s.start:s.end] for s in text.spans if str(s.style) == style)


def test_a_match_deep_in_a_long_sentence_is_shown_with_a_line_each_side():
    words = [f"w{i}" for i in range(400)]
    text = " ".join(words[:300]) + " the stars are perfectly alligned for azerbaijan to seize " + " ".join(words[300:])
    start = text.index("the stars")
    end = text.index(" to seize") + len(" to seize")
    out = snippet(text, start, end, width=80, query="stars aligned azerbaijan seize")
    assert styled(out, MATCH_STYLE) == "the stars are perfectly alligned for azerbaijan to seize"
    before, after = out.plain.split("the stars")[0], out.plain.split("to seize")[1]
    assert 60 <= len(before) <= 82 and 60 <= len(after) <= 82  # about one line of context each side
    assert before.startswith("…") and after.endswith("…")
    underlined = [out.plain[s.start:s.end] for s in out.spans if "underline" in str(s.style)]
    assert sorted(underlined) == ["azerbaijan", "seize", "stars"]


def test_short_text_is_shown_whole_without_ellipses():
    text = "One. The match is here. Two."
    out = snippet(text, text.index("The"), text.index(" Two"), width=80)
    assert out.plain == text and "…" not in out.plain


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n—’.")), min_size=1, max_size=400), st.data())
def test_the_whole_short_match_is_always_in_the_snippet(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, min(len(text), start + 60)))
    out = snippet(text, start, end, width=40)
    assert styled(out, MATCH_STYLE) == " ".join(text[start:end].split())
