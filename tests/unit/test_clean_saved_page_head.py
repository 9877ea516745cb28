"""A whole web page saved as text (QA, round 2): a short menu whose entries read as a promo
("Podcasts", "Newsletters") and a cookie notice still make it a page; a headline over its
standfirst and byline is the title, the standfirst its subtitle."""

from __future__ import annotations

from workbench.library.clean import clean_plain_text
from workbench.library.clean.lines import Line
from workbench.library.clean.page import Candidate, _title_score, standfirst_under

MENU = ["World", "Climate", "Culture", "Food", "Podcasts", "Newsletters", "Games"]
BODY = [
    "When the ferry stopped running in 2016, the island's school lost half of its pupils within two "
    "years. Families with children moved to the mainland, and the ones who stayed began to drive "
    "their children across the causeway at dawn.",
    "The new boat, paid for by a cooperative of two hundred residents, carries twelve cars and "
    "makes six crossings a day. \u201cWe did not wait for the ministry any more,\u201d said the "
    "cooperative's chair, Rosa Almeida. \u201cWe waited for nine years and got nothing.\u201d",
    "The school now has forty pupils again. Its head teacher says the difference is not the boat "
    "itself but what it says about the island: that people here intend to stay.",
]


def _page(headline: str, standfirst: str, byline: str) -> str:
    lines = ["Skip to main content", "The Island Post", "Menu", *[f"  \u2022 {item}" for item in MENU],
             "Search", "Sign in   Subscribe", "",
             "We use cookies to give you the best experience. By continuing you accept our use of cookies.",
             "Accept all   Manage settings", "", "CULTURE", "", headline, "", standfirst, "",
             byline, "March 2, 2024", "4 min read", "", "Share   Email   Print", ""]
    for paragraph in BODY:
        lines += [paragraph, ""]
    lines += ["More from The Island Post", "  \u2022 The lighthouse that became a library",
              "  \u2022 Why the causeway floods every spring", "",
              "About us   Contact   Privacy policy   Cookie settings",
              "\u00a9 2024 The Island Post. All rights reserved."]
    return "\n".join(lines) + "\n"


def test_short_menu_and_cookie_notice_make_a_page_and_the_headline_is_the_title():
    draft = clean_plain_text(_page("The Islanders Who Bought Their Own Ferry",
                                   "How a cooperative of two hundred residents brought a school back to life",
                                   "By Ana Costa and Luís Pereira"))
    assert draft.title == "The Islanders Who Bought Their Own Ferry"
    assert draft.subtitle == "How a cooperative of two hundred residents brought a school back to life"
    assert draft.authors == ["Ana Costa", "Luís Pereira"]
    assert draft.date == "2024-03-02"
    text = "\n".join(text for _, text in draft.pieces)
    for junk in ("Podcasts", "Newsletters", "Accept all", "Sign in", "CULTURE", "Share", "lighthouse"):
        assert junk not in text, junk
    for paragraph in BODY:
        assert paragraph in text


def test_only_a_longer_sentence_case_line_under_a_title_case_headline_is_its_standfirst():
    def candidate(text: str, below: str) -> Candidate:
        return Candidate([Line(text)], 3, below, False)

    headline, standfirst = "The Islanders Who Bought Their Own Ferry", \
        "How a cooperative of two hundred residents brought a school back to life"
    assert standfirst_under(candidate(headline, standfirst), candidate(standfirst, "By Ana Costa"))
    label = "Island Ferry Cooperative Annual Report For The Year"
    assert not standfirst_under(candidate(headline, label), candidate(label, "By Ana Costa"))
    short = "How islanders bought a ferry"
    assert not standfirst_under(candidate(headline, short), candidate(short, "By Ana Costa"))
    assert not standfirst_under(candidate(headline, "something else"), candidate(standfirst, "By Ana Costa"))


def test_a_title_case_headline_with_function_words_is_no_list_of_names():
    """"The Islanders Who Bought Their Own Ferry" is a headline; "Kevin Johnson and Kevin McCoy"
    stays a line of names (scored low)."""
    assert _title_score(Line("The Islanders Who Bought Their Own Ferry"), 0, 2, {}) > \
        _title_score(Line("Kevin Johnson and Kevin McCoy"), 0, 2, {}) + 1.5
