"""A sentence that ends in a note mark (¹, †) still ends: the next paragraph is not run into it."""

from __future__ import annotations

import pytest

from workbench.library.clean import clean_plain_text
from workbench.library.clean.lines import ends_sentence

LEAD = "Intro paragraph one is here and it is long enough to count as a real paragraph of the body.\n\n"


@pytest.mark.parametrize("mark", ["\u00b9", "\u00b2\u00b3", "\u2020", "*"])
def test_a_paragraph_ending_in_a_note_mark_is_finished(mark):
    text = (f"A Title Here For Testing\n\n{LEAD}"
            f"The bridges are kept because demolishing them costs more than watching them age.{mark}\n\n"
            f"{mark} The survey protocol is described in Appendix B of the full report.\n\n"
            "Maintenance budgets tell the same story, year after year, in every county.\n")
    paragraphs = [text for kind, text in clean_plain_text(text).pieces if kind == "paragraph"]
    assert f"The bridges are kept because demolishing them costs more than watching them age.{mark}" \
        in paragraphs
    assert ends_sentence(f"watching them age.{mark}")


def test_a_mark_without_a_sentence_end_does_not_end_one():
    assert not ends_sentence("the bridges are kept because\u00b9")
    assert not ends_sentence("watching them age\u2020")
