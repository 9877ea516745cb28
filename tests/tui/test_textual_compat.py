"""Pins the one private Textual API the TUI uses (workbench/tui/textual_compat.py).

If a Textual upgrade renames it, this fails here — not as a silent "tab leaves the tag box"."""

from __future__ import annotations

from textual.app import App
from textual.suggester import SuggestFromList
from textual.widgets import Input

from workbench.tui.textual_compat import fast_wrapped_height, input_suggestion


async def test_input_suggestion_reads_what_the_suggester_proposes():
    class One(App):
        def compose(self):
            yield Input(suggester=SuggestFromList(["geopolitics"]))

    app = One()
    async with app.run_test() as pilot:
        box = app.query_one(Input)
        assert input_suggestion(box) == ""
        await pilot.press(*"geo")
        for _ in range(50):
            if input_suggestion(box):
                break
            await pilot.pause(0.02)
        assert input_suggestion(box) == "geopolitics"


def test_fast_wrapped_height_equals_textuals_sum_after_wraps_and_edits():
    """The O(1) height (rows of the wrapped-line table) must equal Textual's own definition,
    the sum over lines of their wrap offsets + 1, after a wrap, a re-wrap and edits."""
    import random

    from textual.document._document import Document
    from textual.document._wrapped_document import WrappedDocument

    def textual_height(wrapped: WrappedDocument) -> int:
        return sum(len(offsets) + 1 for offsets in wrapped._wrap_offsets)

    fast_wrapped_height()
    rng = random.Random(7)
    words = ["a", "lighthouse", "keeper", "wrote", "every", "night,", "extraordinarily", "\t", "—"]
    text = "\n".join(" ".join(rng.choice(words) for _ in range(rng.randint(0, 60))) for _ in range(200))
    document = Document(text)
    wrapped = WrappedDocument(document, width=37)
    assert wrapped.height == textual_height(wrapped) > 200  # lines really wrapped
    wrapped.wrap(13)
    assert wrapped.height == textual_height(wrapped)
    for _ in range(40):  # edits re-wrap a range in place (the note editor is a TextArea too)
        row = rng.randrange(document.line_count)
        start = (row, rng.randint(0, len(document[row])))
        end_row = min(document.line_count - 1, row + rng.randint(0, 2))
        end = (end_row, rng.randint(0, len(document[end_row]))) if end_row > row else start
        insert = rng.choice(["", "x", "several new words here\nand a new line", " ".join(words * 3)])
        result = document.replace_range(start, end, insert)
        wrapped.wrap_range(start, end, result.end_location)
        assert wrapped.height == textual_height(wrapped)
    wrapped._wrap_offsets = None  # type: ignore[assignment]  # the height must not walk every line's offsets
    assert wrapped.height == len(wrapped._offset_to_line_info)
