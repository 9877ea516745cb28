"""A page copied from a browser (select all, copy): no bullets, the author's name alone over a
British time stamp ("Tue 12 Mar 2024 07.00 GMT"), "Explore more on these topics" and "Most viewed"
lists after the text (QA, round 2: name and date stayed as headings, the lists as text)."""

from __future__ import annotations

from workbench.library.clean import clean_plain_text
from workbench.library.clean.dates import is_date_line

BODY = [
    "At dawn the ferry terminal is almost empty. Only the cleaners and a few lorry drivers wait for "
    "the first crossing, as the harbour master checks the tide tables for the second time.",
    "The crossing has run every day since 1952, through storms, strikes and two changes of owner. "
    "Last winter it stopped for nine days, the longest break in its history.",
    "\u201cPeople think of it as a boat,\u201d the harbour master said. \u201cFor the island it is a road.\u201d",
]


def _page(byline: str, stamp: str) -> str:
    lines = ["Menu", "Home", "News", "Sport", "Culture", "", "Travel",
             "The Ferry That Never Stops", "Seventy years on, the island still depends on one boat",
             byline, stamp, ""]
    for paragraph in BODY:
        lines += [paragraph, ""]
    lines += ["Explore more on these topics", "Ferries", "Islands", "Transport", "Reuse this content",
              "Most viewed", "A village that voted to give its river legal rights",
              "Why the causeway floods every spring"]
    return "\n".join(lines) + "\n"


def test_bare_name_over_a_british_time_stamp_is_the_byline_and_the_lists_go():
    draft = clean_plain_text(_page("Ewan MacLeod", "Sat 4 May 2024 06.30 BST"))
    assert draft.title == "The Ferry That Never Stops"
    assert draft.authors == ["Ewan MacLeod"]
    assert draft.date == "2024-05-04"
    kinds = dict((text, kind) for kind, text in draft.pieces)
    assert kinds.get("Ewan MacLeod") == "byline"
    text = "\n".join(text for _, text in draft.pieces)
    for junk in ("Sat 4 May", "Explore more", "Ferries", "Reuse this content", "Most viewed", "causeway floods"):
        assert junk not in text, junk
    for paragraph in BODY:
        assert paragraph in text


def test_two_names_over_a_date():
    draft = clean_plain_text(_page("Ewan MacLeod and Mairi Campbell", "4 May 2024"))
    assert draft.authors == ["Ewan MacLeod", "Mairi Campbell"]


def test_times_with_a_dot():
    assert is_date_line("Tue 12 Mar 2024 07.00 GMT")
    assert is_date_line("7.30pm 3 June 2021")
    assert is_date_line("12.03.2025")  # a numeric date is not taken for a time
    assert not is_date_line("The 12.50 train on 3 June 2021")


def test_a_line_of_names_not_over_a_date_is_no_byline():
    text = _page("Ewan MacLeod", "").replace("Ewan MacLeod\n\n", "Ewan MacLeod\n")
    draft = clean_plain_text(text)
    assert draft.authors == []


def test_names_run_into_an_outlet_in_capitals_are_not_taken_bare():
    draft = clean_plain_text(_page("Ewan MacLeod and Mairi Campbell USA TODAY", "4 May 2024"))
    assert "Mairi Campbell USA TODAY" not in draft.authors
