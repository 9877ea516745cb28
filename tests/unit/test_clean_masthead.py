"""A newsletter post copied as text opens with the publication's name over the post's own head
(headline, standfirst, byline): the name is the outlet, not the title (QA, round 2: the title was
"The Slow Archive", the headline became the subtitle and the standfirst a heading)."""

from __future__ import annotations

from workbench.library.clean import clean_plain_text

BODY = ("\n\nThe ferry has crossed the sound four times a day since 1962, and for most of that time the same "
        "family has run the kiosk on its upper deck.\n\n"
        "\u201cWe sell coffee and we listen,\u201d said Ingrid Haugen, who took over from her mother in 1999. "
        "\u201cPeople tell you things on a boat they would not tell you on land.\u201d\n")


def test_masthead_over_headline_standfirst_and_byline():
    text = ("Harbour Letters\nSubscribe\nSign in\n\nThe Kiosk on the Upper Deck\n\n"
            "Sixty years of coffee and confessions on the morning ferry\n\nMarit Solberg\nMar 3, 2025" + BODY)
    draft = clean_plain_text(text)
    assert draft.title == "The Kiosk on the Upper Deck"
    assert draft.subtitle == "Sixty years of coffee and confessions on the morning ferry"
    assert draft.outlet == "Harbour Letters"
    assert draft.authors == ["Marit Solberg"] and draft.date == "2025-03-03"
    assert ("masthead", "Harbour Letters") in [(r.kind, r.text) for r in draft.removed]


def test_a_title_over_a_title_case_subtitle_is_no_masthead():
    text = ("Notes From the Sound\n\nThe Kiosk on the Upper Deck of the Ferry\n\n"
            "Sixty Years of Coffee and Confessions on the Morning Ferry\n\nBy Marit Solberg" + BODY)
    assert clean_plain_text(text).title == "Notes From the Sound"


def test_a_headline_over_its_standfirst_and_byline_keeps_its_title():
    text = ("The Kiosk on the Upper Deck\n\nSixty years of coffee and confessions on the morning ferry\n\n"
            "By Marit Solberg\n\nMar 3, 2025" + BODY)
    draft = clean_plain_text(text)
    assert draft.title == "The Kiosk on the Upper Deck" and draft.outlet is None


def test_a_subscription_box_goes_whole():
    """"Subscribe to Harbour Letters" went, the line of the box under it stayed in the text."""
    text = ("The Kiosk on the Upper Deck\n\nBy Marit Solberg" + BODY +
            "\nSubscribe to Harbour Letters\nThousands of readers get new posts by email. Free, no ads.\n\n"
            "Her mother still rides the first ferry every Sunday, and still pays for her coffee.\n")
    draft = clean_plain_text(text)
    body = "\n".join(text for _, text in draft.pieces)
    assert "Thousands of readers" not in body
    assert "Her mother still rides the first ferry every Sunday" in body


def test_a_paragraph_right_under_a_promo_line_without_a_blank_line_stays_in_unblocked_text():
    lines = ["The Kiosk on the Upper Deck", "By Marit Solberg",
             "The ferry has crossed the sound four times a day since 1962.",
             "Subscribe to Harbour Letters",
             "Her mother still rides the first ferry every Sunday, and pays for her coffee.",
             "The kiosk opens at six and closes when the last passenger has gone ashore."]
    body = "\n".join(text for _, text in clean_plain_text("\n".join(lines) + "\n").pieces)
    assert "Her mother still rides the first ferry every Sunday" in body
