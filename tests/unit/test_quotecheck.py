"""The quote checker on a handmade library: exact, close (with the source words), missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.library import Library
from workbench.quotecheck import check_draft, extract_quotations
from workbench.search import open_index
from workbench.workspace import Workspace

ARTICLE = """The Harbour Question

By Mara Olsen

The city council voted on Tuesday to rebuild the northern harbour wall before the winter storms arrive. Engineers had warned for a decade that the old stones would not survive another season of floods.

Fishermen welcomed the decision but asked who would pay for it. The mayor said the national government had promised half of the money, and the rest would come from a new tax on cruise ships.

Critics called the tax a gamble on tourism that the town cannot afford to lose.
"""


@pytest.fixture
def index(tmp_path: Path):
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    workspace = Workspace(root)
    return open_index(workspace, Library(workspace), progress=False)


def test_extracts_blockquotes_and_long_inline_quotes_only():
    draft = (
        "Intro with \"scare quotes\" and a “real quotation of several words here”.\n"
        "> first line of a block\n> quotation that continues\n\n"
        "```\n\"a quoted string inside a code fence is ignored\"\n```\n"
    )
    quotes = extract_quotations(draft)
    assert [q.text for q in quotes] == [
        "real quotation of several words here",
        "first line of a block quotation that continues",
    ]
    assert [q.line for q in quotes] == [1, 2]


def test_exact_close_and_missing(index):
    draft = (
        "The engineers said “the old stones would not survive another season of floods”.\n"
        "Later: \"the national goverment had promised half the money\".\n"
        "> The moon landing was filmed in a studio by a famous director.\n"
    )
    exact, close, missing = check_draft(draft, index)
    assert exact.status == "exact" and exact.article == "harbour"
    text = index.articles["harbour"].text
    assert text[exact.start:exact.end] == "the old stones would not survive another season of floods"
    assert close.status == "close"
    assert "the national government had promised half of the money" in close.source_text
    assert any("goverment" in d for d in close.differences)
    assert missing.status == "missing" and missing.article is None


def test_ellipsis_marks_an_omission_within_one_source(index):
    draft = "“Fishermen welcomed the decision … the rest would come from a new tax on cruise ships.”"
    (check,) = check_draft(draft, index)
    assert check.status == "exact"
    assert check.source_text.startswith("Fishermen welcomed the decision")
    assert check.source_text.endswith("a new tax on cruise ships.")


def test_guillemets_and_low_high_quotes_are_quotations(index):
    draft = (
        "Le maire a dit « the national government had promised half of the money » hier.\n"
        "Er schrieb: „Critics called the tax a gamble on tourism“ und ging.\n"
        "Elle note ‹ the old stones would not survive another season › ici.\n"
        "Nested: «he said ‹no› twice» is too short, and «quotes that close nowhere\n"
    )
    quotes = extract_quotations(draft)
    assert [q.text for q in quotes] == [
        "the national government had promised half of the money",
        "Critics called the tax a gamble on tourism",
        "the old stones would not survive another season",
    ]
    assert [q.line for q in quotes] == [1, 2, 3]
    assert [c.status for c in check_draft(draft, index)] == ["exact", "exact", "exact"]


def test_short_quotation_whose_words_are_only_scattered_is_missing(index):
    # Search finds "council … northern … winter storms" as keywords of one sentence; a quotation needs the phrase.
    assert index.search("storms council winter northern")[0].keywords
    (check,) = check_draft("> the harbour ... storms council winter northern\n", index)
    assert check.status == "missing"
