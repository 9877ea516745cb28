"""Whole handmade articles through the cleaner: the rules working together on unseen text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.unit.clean_helpers import pieces, removed
from workbench.library.clean import clean_plain_text
from workbench.library.model import BLOCK_KINDS


WRAPPED = """Ports, Pipelines and the New Grid

How small states learned to bargain with large ones

By Jane Doe and John Roe | March 3, 2024

The government of the small coastal state has spent a decade building
ports and pipelines. Its decision-making is centralised, and its
officials prefer quiet deals to public promises. The govern-
ment says the strategy works.

## The Long Game

Critics argue that decision-
making in the capital is opaque. Officials reply that the results
speak for themselves: trade has doubled since 2015 and the port now

- Advertisement -

handles more traffic than any other in the region.
"""


def test_hard_wrapped_article_with_full_header():
    draft = clean_plain_text(WRAPPED)
    assert draft.title == "Ports, Pipelines and the New Grid" and not draft.title_is_derived
    assert draft.subtitle == "How small states learned to bargain with large ones"
    assert draft.authors == ["Jane Doe", "John Roe"]
    assert draft.date == "2024-03-03"
    assert [k for k, _ in draft.pieces] == ["title", "subtitle", "byline", "paragraph", "heading", "paragraph"]
    first, second = pieces(draft, "paragraph")
    assert first.endswith("quiet deals to public promises. The government says the strategy works.")
    assert "Critics argue that decision-making in the capital" in second
    assert "the port now handles more traffic" in second  # advert dropped mid-sentence, sentence rejoined
    assert removed(draft, "advert") == ["- Advertisement -"]


LINE_PER_PARAGRAPH = """LONDON, United Kingdom, March 4, 2024. Ministers met on Tuesday to discuss the budget. The talks lasted until midnight.
Share this article
The finance minister said the plan would "restore confidence" in public finances and cut the deficit by half within
Read more: Budget talks stall again
three years, a target economists called ambitious.
Follow us on Twitter
Opposition leaders rejected the plan as unrealistic and called for a vote.
"""


def test_line_per_paragraph_article_without_title():
    draft = clean_plain_text(LINE_PER_PARAGRAPH)
    assert draft.title_is_derived
    assert draft.title == "Ministers met on Tuesday to discuss the budget"
    assert draft.date == "2024-03-04"  # the dateline carries a year
    assert not pieces(draft, "title")
    paragraphs = pieces(draft, "paragraph")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("LONDON, United Kingdom, March 4, 2024. Ministers")
    assert "cut the deficit by half within three years, a target" in paragraphs[1]
    assert len(removed(draft, "navigation")) == 3


AUTHOR_BOX = """Why Cities Are Betting on Trams Again

Transport planners in a dozen mid-sized cities have returned to an old idea. The tram, once torn out to make room for cars, is back on the drawing board in the First

MARIA KOWALSKA
Senior Fellow

Maria Kowalska is a senior fellow at the Institute for Urban Studies, where she leads research on transport policy and public finance in European cities.

Wave of urban renewal since the 1970s, and officials say the economics finally work.

Trams are cheaper to run than buses over a long life.

In short, trams are cheaper to run than buses over a long life, though they cost more to build. Cities borrow for them.

What comes next

Councils will vote on the plans in June. Construction could start within two years.

** This piece was written by Prof. Ana de la Cruz, an urban economist.
** The views expressed do not necessarily reflect the position of City Weekly.
"""


def test_author_box_pull_quote_and_footer_credits():
    draft = clean_plain_text(AUTHOR_BOX)
    assert draft.authors == ["Maria Kowalska", "Ana de la Cruz"]
    assert draft.outlet == "City Weekly"
    paragraphs = pieces(draft, "paragraph")
    assert "back on the drawing board in the First Wave of urban renewal since the 1970s" in paragraphs[0]
    assert not any("Senior Fellow" in p or "Institute for Urban Studies" in p for p in pieces(draft))
    assert removed(draft, "pull_quote") == ["Trams are cheaper to run than buses over a long life."]
    assert paragraphs[1].startswith("In short, trams are cheaper")
    assert pieces(draft, "heading") == ["What comes next"]  # sentence case, but standing alone
    assert len(removed(draft, "bio")) == 1 and len(removed(draft, "credit")) == 1
    assert len(removed(draft, "footer")) == 1


CAPTIONED = """OPINION
Presidents and their spouses at the summit in the capital, June 2019
The Quiet Diplomacy of Small States
Small states rarely make headlines, yet their diplomats broker many of the deals that hold.
> Quiet diplomacy is still diplomacy.
Their influence rests on patience and on being useful to larger powers.
Photo: Reuters
Jane Roe is a research fellow at the Centre for Small States.
"""


def test_kicker_caption_quote_and_closing_bio():
    draft = clean_plain_text(CAPTIONED)
    assert draft.title == "The Quiet Diplomacy of Small States"
    assert removed(draft, "kicker") == ["OPINION"]
    assert removed(draft, "caption") == ["Presidents and their spouses at the summit in the capital, June 2019",
                                         "Photo: Reuters"]
    assert draft.date is None  # a month and year is not a date
    assert pieces(draft, "quote") == ["Quiet diplomacy is still diplomacy."]
    assert draft.authors == ["Jane Roe"]
    assert [k for k, _ in draft.pieces] == ["title", "paragraph", "quote", "paragraph"]


def test_sentence_tail_is_not_a_heading_and_real_headings_are():
    text = ("A Title For The Test\n"
            "The first paragraph is long enough to be a paragraph and it ends properly here.\n"
            "What Changed in the Budget\n"
            "The implications of the new rules for the long-term future of this region\n"
            "are fraught with unknowns.\n"
            "Another paragraph closes the article with a full sentence of its own.\n")
    draft = clean_plain_text(text)
    assert pieces(draft, "heading") == ["What Changed in the Budget"]
    assert ("The implications of the new rules for the long-term future of this region are fraught with unknowns."
            in pieces(draft, "paragraph"))


def test_markup_is_removed_in_paragraphs_and_titles():
    draft = clean_plain_text("A *Bold* Title\n\nSee [the report](https://x.org/r) and **this**, said *The Times*. ■\n")
    assert draft.title == "A Bold Title"
    assert pieces(draft, "paragraph") == ["See the report and this, said The Times."]


def test_markup_in_text_is_plain_text_not_rich_markup():
    draft = clean_plain_text("Title of the Piece\n\nThe tag [bold] is shown as written, not styled.\n")
    assert pieces(draft, "paragraph") == ["The tag [bold] is shown as written, not styled."]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "- Advertisement -\nMore articles\n", "x", "Just one line",
                                  "\u00a0\u200b\n\t\n", "****\n[]()\n■", "By\n", "**\n** \n", "-\n-\n-"])
def test_odd_input_never_raises(text):
    draft = clean_plain_text(text)
    for kind, piece in draft.pieces:
        assert kind in BLOCK_KINDS and piece == piece.strip() and piece
    draft.assemble(article_id="x", path=Path("x.txt"))


def test_random_line_soup_never_raises_and_keeps_the_words():
    rng = random.Random(20240308)
    vocabulary = ["the", "Baku", "said", "policy", "In", "short,", "By", "Jane", "Doe", "-", "govern-", "ment",
                  "**", "*x*", "[a](#)", "■", "Advertisement", "2024", "March", "4,", "?", ".", "“", "”", "and"]
    for _ in range(150):
        lines = [" ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 14))) for _ in range(rng.randint(1, 12))]
        text = rng.choice(["\n", "\n\n"]).join(lines)
        draft = clean_plain_text(text)
        article = draft.assemble(article_id="x", path=Path("x.txt"))
        assert all(b.start < b.end for b in article.blocks)


def test_large_article_keeps_every_paragraph():
    # (Its speed is measured by benchmarks/clean_bench.py; test_clean_scaling.py checks the work is linear.)
    paragraph = ("The committee met again on Thursday to discuss the long-delayed infrastructure plan, which "
                 "would connect the northern ports to the rail network. ")
    text = "A Long Report\n\n" + "\n\n".join(f"Section {i} opens. " + paragraph * 3 for i in range(1500))
    draft = clean_plain_text(text)
    assert len(pieces(draft, "paragraph")) == 1500


def test_lists_stay_items_and_about_the_author_notes_go():
    text = ("The Three Lessons of the Tram Revival\n\n"
            "Planners drew three lessons from the first wave of projects:\n\n"
            "- Build the depot first\n- Keep the shops open during works\n- Publish the costs\n\n"
            "Each lesson was learned the hard way, and each cost money.\n\n"
            "* The author is a transport economist based in Lyon.\n")
    draft = clean_plain_text(text)
    assert pieces(draft, "heading") == []
    assert pieces(draft, "paragraph")[1:4] == ["- Build the depot first", "- Keep the shops open during works",
                                               "- Publish the costs"]
    assert removed(draft, "bio") == ["* The author is a transport economist based in Lyon."]


def test_copyright_line_names_the_outlet():
    text = ("A Headline for the Copyright Test\n\nThe body of the article is one sentence long and ends here.\n\n"
            "© 2024 Harbour Gazette. All rights reserved.\n")
    draft = clean_plain_text(text)
    assert draft.outlet == "Harbour Gazette"
    assert pieces(draft, "paragraph") == ["The body of the article is one sentence long and ends here."]


def test_kicker_below_title_social_promos_and_sentence_case_title():
    text = ("Armenia and Azerbaijan: the long road to a peace treaty\n\nAnalysis\n\n"
            "The negotiations have stalled twice this year. Both sides blame each other for the delay.\n\n"
            "Follow Trend on Telegram channel. Only operational and important news\n\n"
            "Mediators are losing patience with the slow pace of the talks.\n\nJoin us on Telegram\n\n"
            "*Jane Smith is a senior analyst at the Caucasus Policy Institute.*\n")
    draft = clean_plain_text(text)
    assert draft.title == "Armenia and Azerbaijan: the long road to a peace treaty"
    assert draft.subtitle is None and removed(draft, "kicker") == ["Analysis"]
    assert len(removed(draft, "promo")) == 2 and pieces(draft, "heading") == []
    assert draft.authors == ["Jane Smith"]
    assert [k for k, _ in draft.pieces] == ["title", "paragraph", "paragraph"]


def test_byline_date_line_and_closing_bio():
    text = ("Central Asia’s Water Dilemma: Cooperation or Conflict?\n\nBy Aziz Karimov\nJanuary 12, 2025\n\n"
            "Water has always shaped the politics of Central Asia. As glaciers retreat, choices get harder.\n\n"
            "Dr. Aziz Karimov is a research fellow at the Institute for Regional Studies in Tashkent.\n")
    draft = clean_plain_text(text)
    assert draft.title.endswith("Cooperation or Conflict?")
    assert draft.authors == ["Aziz Karimov"] and draft.date == "2025-01-12"
    assert [k for k, _ in draft.pieces] == ["title", "byline", "paragraph"]
    assert removed(draft, "date") == ["January 12, 2025"]


def test_markdown_title_title_with_full_stop_and_dash_at_a_page_break():
    draft = clean_plain_text("# Small States, Big Corridors\n\nThe corridor links three ports—\n\n"
                             "and two railways—across the region.\n")
    assert draft.title == "Small States, Big Corridors"
    assert pieces(draft, "paragraph") == ["The corridor links three ports—and two railways—across the region."]
    draft = clean_plain_text("Azerbaijan Turns East.\n\nThe government signed new deals with China this week.\n")
    assert draft.title == "Azerbaijan Turns East." and not draft.title_is_derived
    draft = clean_plain_text("It rained.\n\nThe government signed new deals with China this week.\n")
    assert draft.title_is_derived


WRAPPED_BOX = """The Quiet Return of the Tram to European Cities

Transport planners in a dozen mid-sized European cities have returned
to an old idea that was abandoned during the long boom of the car. It
suffered its worst decline in the decades after the Second

PETRA NOVAK
Contributor

Petra Novak is an urban historian and writer based in Prague. She has
written three books on public transport and teaches at a university in
Vienna.

World War, when most networks were closed and their rails paved over.

Today the economics look different, and councils are listening again.
"""


def test_wrapped_author_box_is_removed_whole_and_the_sentence_rejoined():
    draft = clean_plain_text(WRAPPED_BOX)
    assert draft.authors == ["Petra Novak"]
    first = pieces(draft, "paragraph")[0]
    assert "after the Second World War, when most networks were closed" in first
    assert not any("Vienna" in p or "urban historian" in p for p in pieces(draft))
    (bio,) = removed(draft, "bio")
    assert bio.startswith("PETRA NOVAK") and bio.endswith("Vienna.")


def test_sentence_case_heading_of_eleven_words_is_not_glued_to_its_section():
    text = ("The Caucasus After the War\n\n"
            "The region has changed more in five years than in the previous thirty, and few saw it coming.\n\n"
            "Why the old alliances no longer hold in the South Caucasus\n\n"
            "Russia is distracted, Turkey is assertive, and the United States is back as a broker.\n")
    draft = clean_plain_text(text)
    assert pieces(draft, "heading") == ["Why the old alliances no longer hold in the South Caucasus"]
    assert len(pieces(draft, "paragraph")) == 2


def test_print_copy_page_furniture_and_title_case_author_box():
    text = ("Ports and Power on the Caspian Sea\n\n"
            "The Caspian ports have grown fast since the war ended, and their owners are ambitious about the\n\n"
            "CASPIAN QUARTERLY | 14\n\n"
            "Nino Beridze\nColumnist\n\n"
            "Nino Beridze writes about trade and transport in the Caucasus and has covered the region since 2010.\n\n"
            "future of the trade that passes through them on its way to Europe.\n\n"
            "CASPIAN QUARTERLY | 15\n\n"
            "New berths were added in two ports last year.\n\n16\n\n"
            "CASPIAN QUARTERLY | 16\n\nThe next phase will double capacity again by the end of the decade.\n")
    draft = clean_plain_text(text)
    assert draft.authors == ["Nino Beridze"]
    paragraphs = pieces(draft, "paragraph")
    assert paragraphs[0].endswith("ambitious about the future of the trade that passes through them on its way to Europe.")
    assert len(paragraphs) == 3
    assert len(removed(draft, "page_furniture")) == 4


def test_indented_paragraphs_in_wrapped_text_without_blank_lines():
    text = ("The Slow Return of the Tram\n"
            "  Transport planners in a dozen mid-sized European cities have returned to\n"
            "an old idea. The tram, once torn out to make room for cars, is back on the\n"
            "drawing board, and officials say the economics of it finally work out well.\n"
            "  Critics are less sure. They point to cost overruns in three cities and to\n"
            "the long disruption that construction brings to the busy shopping streets.\n"
            "  Still, the plans are moving ahead in most of the cities that were studied.\n")
    draft = clean_plain_text(text)
    paragraphs = pieces(draft, "paragraph")
    assert [p.split()[0] for p in paragraphs] == ["Transport", "Critics", "Still,"]
