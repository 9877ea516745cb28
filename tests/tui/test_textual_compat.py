"""Pins the one private Textual API the TUI uses (workbench/tui/textual_compat.py).

If a Textual upgrade renames it, this fails here — not as a silent "tab leaves the tag box"."""

from __future__ import annotations

from textual.app import App
from textual.suggester import SuggestFromList
from textual.widgets import Input

from workbench.tui.textual_compat import input_suggestion


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
