"""Page titles (clean/page.py): a banner head without menus, a byline under a headline, and
widget lines that are no distance — each on small handmade pages, with do-no-harm cases."""

from __future__ import annotations

from tests.unit.clean_helpers import pieces, removed
from workbench.library.clean import clean_plain_text
from workbench.library.clean.blocks import classify, split_blocks
from workbench.library.clean.lines import split_lines
from workbench.library.clean.page import banner_head, choose_title, head_candidates
from workbench.library.model import ArticleDraft

BODY = "\n\n".join([
    "The harbour authority approved a plan on Tuesday to deepen the main channel, a project that has been "
    "debated for more than a decade and that shipping lines say is overdue.",
    "Dredging will begin in the autumn and last two years. The authority said the work would be paid for by "
    "a levy on the largest vessels, which the port's smaller operators had long demanded.",
    "Environmental groups said they would study the plan before deciding whether to challenge it in court, "
    "and a hearing is expected early next year.",
])
BANNER = "Welcome to the Harbour Network's reader experience\n\nLearn More\n[logo-harb]\n\n"


# --- a banner head: no menus, a welcome line and a logo above the headline --------------------


def test_a_banner_head_gives_way_to_the_headline_with_a_byline_under_it():
    text = BANNER + "Harbour authority approves a deeper channel after a decade of debate over the\n" \
        "cost and the seagrass\n\nAna Lima and Joe Park Harbour Times\nPublished 7:07 PM EST Nov 19, 2019\n\n" + BODY
    draft = clean_plain_text(text)
    assert draft.title == ("Harbour authority approves a deeper channel after a decade of debate over the "
                           "cost and the seagrass")
    assert draft.date == "2019-11-19"
    assert {"Welcome to the Harbour Network's reader experience", "Learn More", "[logo-harb]"} <= \
        set(removed(draft, "page_head"))
    assert pieces(draft, "paragraph")[0].startswith("The harbour authority approved")


def test_a_lower_case_by_line_and_a_date_under_the_headline_count():
    text = "The Harbour Review\n\n[INS::INS]\n\nHarbour authority approves deeper channel\n\nby Ana Lima\n" \
        "Monday, November 18, 2019\n\n" + BODY
    lines, title = banner_head(split_lines(text), ArticleDraft())
    assert title == "Harbour authority approves deeper channel"
    assert lines[0].text == "by Ana Lima" and lines[0].gap == 0


def test_no_widget_line_no_banner_head():
    text = "Welcome to the Harbour Network's reader experience\n\nLearn More\n\n" \
        "Harbour authority approves deeper channel\n\nBy Ana Lima\n\n" + BODY
    lines = split_lines(text)
    draft = ArticleDraft()
    assert banner_head(lines, draft) == (lines, None) and draft.removed == []


def test_a_widget_but_no_dated_headline_is_no_banner_head():
    text = "Harbour authority approves deeper channel\n\n[map of the channel]\n\n" + BODY
    lines = split_lines(text)
    assert banner_head(lines, ArticleDraft()) == (lines, None)


def test_the_headline_must_stand_above_the_prose():
    # a dated line further down, inside the article, is no headline
    text = "[logo-harb]\n\n" + BODY + "\n\nCrane collapse inquiry opens\n\nBy Ana Lima\n\n" + BODY
    lines = split_lines(text)
    assert banner_head(lines, ArticleDraft()) == (lines, None)


# --- a byline under a headline; widget lines are no distance -----------------------------------


def _title_of(head: str, first_body_line: str = "The harbour authority approved a plan on Tuesday.") -> str | None:
    blocks = [classify(b) for b in split_blocks(split_lines(head))]
    chosen = choose_title(head_candidates(blocks, first_body_line), {})
    return chosen.text if chosen else None


def test_a_byline_under_a_far_headline_beats_a_near_list_entry():
    fillers = "\n\n".join(f"Other story number {n} about the port and its cranes" for n in range(25))
    head = f"Harbour authority approves deeper channel\n\nBy Ana Lima\n\n{fillers}"
    assert _title_of(head) == "Harbour authority approves deeper channel"
    # with a date only, the nearest candidate still wins (lists of other stories carry dates)
    dated = f"Harbour authority approves deeper channel\n\nNovember 19, 2019\n\n{fillers}"
    assert _title_of(dated) == "Other story number 24 about the port and its cranes"


def test_empty_form_fields_are_no_distance_between_headline_and_text():
    fields = "\n".join(["[                    ]"] * 60)
    head = f"Harbour authority approves deeper channel\n\nBy Ana Lima\n\n{fields}\n\nLeave a comment below please"
    assert _title_of(head) == "Harbour authority approves deeper channel"
    menu = "\n".join(f"  • {w}" for w in ["Home", "World", "Business", "Sport", "Culture", "Travel", "Video", "Podcasts"])
    draft = clean_plain_text(f"{menu}\n\n{head}\n\n{BODY}\n")
    assert draft.title == "Harbour authority approves deeper channel"
    assert draft.authors == ["Ana Lima"]
