"""Whole saved pages (clean/page.py): each shallow feature on small handmade blocks, the context
rules, title choice, and do-no-harm on articles without furniture."""

from __future__ import annotations

from tests.unit.clean_helpers import pieces, removed
from workbench.library.clean import clean_plain_text
from workbench.library.clean.lines import Line, split_lines
from workbench.library.clean.blocks import (
    BAD,
    GOOD,
    NEAR,
    SHORT,
    Block,
    classify,
    densest_region,
    in_context,
    is_item,
    split_blocks,
    widget_share,
)
from workbench.library.clean.page import choose_title, find_article, head_candidates, line_key
from workbench.library.model import ArticleDraft

PROSE = ("The council approved the new budget on Monday after a debate that lasted well into the night, "
         "and the mayor said the cuts to the library service would be reviewed in the spring. ")


def block(*texts: str, indent: bool = False) -> Block:
    return classify(Block([Line(t, 0, indent) for t in texts]))


# --- features, one at a time -------------------------------------------------------------


def test_list_and_link_lines_are_items():
    assert is_item("• Home") and is_item("□ Scoreboard") and is_item("* Skip to content") and is_item("1. Entertainment")
    assert is_item("[Search]") and is_item("[logo-sm] Sportsnet")
    assert not is_item("The council approved the budget.") and not is_item("2019 was a hard year")


def test_bracketed_widgets_are_measured_by_their_share_of_the_line():
    assert widget_share("[                    ] [Search]") > 0.9
    assert widget_share("The report [1] found a rise in cases across the region.") < 0.2


def test_a_menu_is_bad_and_named_menu():
    menu = block("• Home", "• World", "• Business", "• Sport", "• Culture")
    assert (menu.kind, menu.reason) == (BAD, "menu")
    assert menu.item_share == 1.0 and menu.words_per_line < 2


def test_a_list_of_sentences_is_not_a_menu():
    items = block("• The depot is built first, before any track is laid in the streets.",
                  "• Shops stay open during works, with temporary entrances and signs for customers.")
    assert items.kind != BAD


def test_prose_with_stop_words_and_sentence_ends_is_good():
    prose = block(PROSE + PROSE)
    assert prose.kind == GOOD
    assert prose.stop_density > 0.2 and prose.sentence_ends == 2


def test_prose_without_english_stop_words_is_good_by_its_sentences():
    german = block("Die elektronische Patientenakte kommt. Viele Ärzte zögern noch immer damit. "
                   "Kassen werben seit Monaten dafür, Versicherte bleiben skeptisch und fragen nach Datenschutz. "
                   "Ministerium verspricht Besserung bis Jahresende.")
    assert german.kind == GOOD


def test_a_short_sentence_is_near_and_a_label_is_short():
    assert block("The mayor said the review would begin in the spring.").kind == NEAR
    assert block("Related topics").kind in (SHORT, BAD)
    assert block("Doobie Brothers to reunite").kind == SHORT


def test_an_indented_truncated_blurb_is_a_teaser():
    teaser = block("DELHI: Home Minister Amit Shah on Wednesday said in Rajya Sabha that the",
                   "government will restore Internet connection in Kashmir as soon as it is...", indent=True)
    assert (teaser.kind, teaser.reason) == (BAD, "teaser")


def test_known_furniture_phrases_are_bad_with_their_kind():
    cookie = block("We use cookies to improve your experience. Accept all cookies")
    assert (cookie.kind, cookie.reason) == (BAD, "cookie")


def test_blocks_split_at_blank_lines_and_where_a_list_starts_or_ends():
    lines = split_lines("Intro line\n• Home\n• News\nAfter the list\n\nNext block\n")
    assert [[line.text for line in b.lines] for b in split_blocks(lines)] == [
        ["Intro line"], ["• Home", "• News"], ["After the list"], ["Next block"]]


# --- context ------------------------------------------------------------------------------


def _blocks(kinds_words):
    out = []
    for kind, n in kinds_words:
        b = Block([Line("x")])
        b.kind, b.n_words = kind, n
        out.append(b)
    return out


def test_the_main_text_is_the_densest_region():
    blocks = _blocks([(BAD, 40), (SHORT, 3), (GOOD, 60), (SHORT, 4), (GOOD, 50), (BAD, 30), (GOOD, 20), (BAD, 80)])
    assert densest_region(blocks) == (2, 5)


def test_short_blocks_between_good_ones_stay_in_the_region():
    blocks = _blocks([(GOOD, 50), (SHORT, 2), (SHORT, 5), (GOOD, 40)])
    assert densest_region(blocks) == (0, 4)


def _page(head: str, body: str, tail: str) -> str:
    menu = "\n".join(f"  • {w}" for w in ["Home", "World", "Business", "Sport", "Culture", "Travel", "Video", "Podcasts"])
    return f"{menu}\n\n{head}\n\n{body}\n\n{tail}\n"


BODY = "\n\n".join([
    "The harbour authority approved a plan on Tuesday to deepen the main channel, a project that has been "
    "debated for more than a decade and that shipping lines say is overdue.",
    "Dredging will begin in the autumn and last two years. The authority said the work would be paid for by "
    "a levy on the largest vessels, which the port's smaller operators had long demanded.",
    "Yes.",
    "Environmental groups said they would study the plan before deciding whether to challenge it in court, "
    "pointing to the channel's seagrass beds and the birds that feed on them in winter.",
])


def test_a_page_keeps_its_article_and_drops_head_and_tail_runs():
    tail = "More from Harbour News\n\n• Port strike ends\n• New ferry route\n• Crane collapse inquiry\n\n© 2024 Harbour News"
    draft = clean_plain_text(_page("Sign In\n\nHarbour authority approves deeper channel\n\nBy Ana Lima", BODY, tail))
    assert draft.title == "Harbour authority approves deeper channel"
    assert draft.authors == ["Ana Lima"]
    body = pieces(draft, "paragraph")
    assert body[0].startswith("The harbour authority") and body[-1].startswith("Environmental groups")
    assert "Yes." in body  # a short block between good ones stays
    assert "• Home" in removed(draft, "menu")
    assert "Sign In" in [r.text for r in draft.removed]
    assert not any("Port strike" in p for p in body)


def test_the_title_is_never_a_menu_item_or_bullet():
    head = "• Harbour authority approves deeper channel\n\nSkip to content"
    draft = clean_plain_text(_page(head, BODY, ""))
    assert draft.title != "• Harbour authority approves deeper channel"
    assert not draft.title.startswith(("•", "Skip"))


def _title_of(head: str, seen: dict[str, int] | None = None) -> str | None:
    blocks = [classify(b) for b in split_blocks(split_lines(head))]
    chosen = choose_title(head_candidates(blocks, "The harbour authority approved a plan on Tuesday."), seen or {})
    return chosen.text if chosen else None


def test_a_title_the_page_repeats_beats_a_nearer_label():
    head = "Harbour authority approves deeper channel\n\nShare this story on social media now\n\n" \
           "Listen to the weekly harbour podcast"
    assert _title_of(head) == "Listen to the weekly harbour podcast"  # nearest, all else equal
    assert _title_of(head, {line_key("Harbour authority approves deeper channel"): 2}) == \
        "Harbour authority approves deeper channel"


def test_a_headline_over_a_byline_beats_a_headline_without_one():
    head = "Crane collapse inquiry opens at the port\n\nHarbour authority approves deeper channel\n\n" \
           "By Ana Lima\n\nPhoto of the channel at dawn"
    assert _title_of(head) == "Harbour authority approves deeper channel"


def test_a_long_headline_wrapped_onto_two_lines_is_one_title():
    head = "Harbour authority approves a deeper channel after a decade of debate over the\ncost and the seagrass\n\n" \
           "By Ana Lima"
    assert _title_of(head) == ("Harbour authority approves a deeper channel after a decade of debate over the "
                               "cost and the seagrass")


def test_a_headline_in_a_list_of_other_stories_is_no_title():
    teasers = "\n".join(f"[thumb]\nOther story number {n} about the port" for n in range(4))
    head = f"{teasers}\n\nHarbour authority approves deeper channel\n\nAna Lima\n3 hours ago"
    assert _title_of(head) == "Harbour authority approves deeper channel"
    assert _title_of(teasers) is None


def test_dates_bylines_and_timestamps_are_no_titles():
    for line in ("Posted on October 27, 2015 by Admin", "November 19, 2019 | 4:20am", "By Ana Lima and Joe Park",
                 "Updated 5:27 am CST, Wednesday"):
        assert _title_of(line) is None, line


# --- do no harm ---------------------------------------------------------------------------


def test_an_article_without_furniture_passes_through_untouched():
    lines = split_lines("Harbour authority approves deeper channel\n\n" + BODY)
    draft = ArticleDraft()
    kept, title = find_article(lines, draft)
    assert kept == lines and title is None and draft.removed == []


def test_an_article_with_its_own_short_list_is_no_page():
    text = ("Three lessons from the tram revival\n\n" + BODY + "\n\n- Build the depot first\n- Keep shops open\n"
            "- Publish the costs\n\nEach lesson cost money, and each was learned the hard way by the city.\n")
    draft = clean_plain_text(text)
    assert draft.title == "Three lessons from the tram revival"
    assert "- Keep shops open" in pieces(draft, "paragraph")


def test_short_blocks_between_furniture_are_furniture_and_next_to_text_they_stay():
    blocks = _blocks([(BAD, 10), (SHORT, 3), (BAD, 5), (SHORT, 2), (GOOD, 40), (SHORT, 2), (BAD, 9), (SHORT, 4)])
    in_context(blocks)
    assert [b.kind for b in blocks] == [BAD, BAD, BAD, SHORT, GOOD, SHORT, BAD, BAD]
    assert blocks[1].reason == "page_snippet"


def test_a_headline_quoting_a_sentence_is_still_a_title():
    head = "News > Nation\n\n‘Meth. We’re on it.’: Ad agencies split on a state’s viral campaign\n\n" \
           "UPDATED: Tue., Nov. 19, 2019"
    assert _title_of(head) == "‘Meth. We’re on it.’: Ad agencies split on a state’s viral campaign"
