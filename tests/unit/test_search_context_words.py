"""A hit's context trimmed out of a very long sentence starts and ends between words (QA, round 2:
"ructure keeper steel …" / "… inspected harbou")."""

from __future__ import annotations

from workbench.search.hits import CONTEXT_MAX, context_of


def test_a_trimmed_context_is_cut_between_words():
    words = ["structure", "keeper", "harbour", "municipality", "engineers", "winter", "stone"]
    text = " ".join(words[i % len(words)] for i in range(400)) + "."
    for start in range(1000, 1400, 37):
        end = text.index(" ", start + 40)
        start = text.rindex(" ", 0, start) + 1
        c_start, context = context_of(text, start, end, 0, len(text))
        assert c_start <= start and c_start + len(context) >= end
        assert len(context) <= CONTEXT_MAX + (end - start)
        assert text[c_start - 1] == " " and context[0] != " ", context[:20]
        c_end = c_start + len(context)
        assert text[c_end] == " " and context[-1] != " ", context[-20:]
