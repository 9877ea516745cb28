"""Small variants of each kind of mess, one rule at a time, written for rules that must generalise."""

from __future__ import annotations

import re
import textwrap

import pytest

from tests.conftest import SEEDS
from tests.unit.clean_helpers import FIXTURES, fixture_draft, pieces, removed, rewrapped
from workbench.library.clean import clean_plain_text
from workbench.library.clean.boilerplate import boilerplate_kind
from workbench.library.clean.bylines import byline_outlet, parse_byline
from workbench.library.clean.pull_quotes import split_glued

BODY = ("\nThe storm dropped a year of rain in eight hours on the coast south of the city, and the river rose fast.\n\n"
        "Insurers expect record claims this year.\n")


@pytest.mark.parametrize(("lead", "title", "date", "outlet"), [
    ("LONDON (Reuters) - Britain's economy grew faster than expected in the third quarter, data showed.",
     "Britain's economy grew faster than expected in the third quarter, data showed", None, "Reuters"),
    ("WASHINGTON — The Senate passed a stopgap spending bill late on Thursday.",
     "The Senate passed a stopgap spending bill late on Thursday", None, None),
    ("DUBAI, United Arab Emirates (AP) — Oil prices rose on Tuesday after a drone attack on a tanker.",
     "Oil prices rose on Tuesday after a drone attack on a tanker", None, "AP"),
    ("Kyiv, 12 May 2025 – Ukraine's parliament approved a new mobilisation law on Tuesday.",
     "Ukraine's parliament approved a new mobilisation law on Tuesday", "2025-05-12", None),
    ("BAKU, Azerbaijan, January 8. Azerbaijan and Kazakhstan signed a deal to expand rail freight.",
     "Azerbaijan and Kazakhstan signed a deal to expand rail freight", None, None),
])
def test_datelines_are_skipped_in_derived_titles(lead, title, date, outlet):
    draft = clean_plain_text(lead + "\n" + BODY)
    assert draft.title_is_derived and draft.title == title
    assert (draft.date, draft.outlet) == (date, outlet)


@pytest.mark.parametrize("caption", [
    "A man carries sandbags past a flooded shop in Valencia.",  # a finished sentence above title + byline
    "Rescuers (L) and residents look on as water recedes in Valencia",  # a caption's words
    "Residents clear mud from a street in Paiporta, 30 October 2024",  # a date
    "Residents clear mud from a street in Paiporta. Photo: Carmen Vidal/EFE",  # a credit
])
@pytest.mark.parametrize("title", ["Spain Counts the Cost of Another Autumn Flood",
                                   "Spain counts the cost of another autumn flood"])
def test_captions_above_titles(caption, title):
    draft = clean_plain_text(f"{caption}\n{title}\nBy Carmen Vidal\n{BODY}")
    assert draft.title == title and removed(draft, "caption") == [caption]
    assert draft.authors == ["Carmen Vidal"]


def test_head_furniture_date_kicker_caption_between_title_and_standfirst():
    text = ("Published: 4 March 2025\nOPINION\nWhy Tbilisi Is Building a Metro Line | The Caucasus Ledger\n"
            "A commuter waits on a platform at Station Square in Tbilisi. Photo: Giorgi Beridze/Reuters\n"
            "The city's new line will cost more than its entire transport budget.\nBy Nino Kapanadze\n"
            "Senior Correspondent\n" + BODY)
    draft = clean_plain_text(text)
    assert (draft.title, draft.outlet, draft.date) == ("Why Tbilisi Is Building a Metro Line", "The Caucasus Ledger",
                                                       "2025-03-04")
    assert draft.subtitle == "The city's new line will cost more than its entire transport budget."
    assert draft.authors == ["Nino Kapanadze"] and removed(draft, "credit") == ["Senior Correspondent"]
    assert [k for k, _ in draft.pieces] == ["title", "subtitle", "byline", "paragraph", "paragraph"]


@pytest.mark.parametrize(("line", "names", "outlet"), [
    ("By Lena Fischer and Tomás Ortega, Staff Writers", ["Lena Fischer", "Tomás Ortega"], None),
    ("By Marco Bianchi, Transport Correspondent", ["Marco Bianchi"], None),
    ("By Jane Doe, Reuters", ["Jane Doe"], "Reuters"),
    ("By Jane Doe and John Roe, Associated Press", ["Jane Doe", "John Roe"], "Associated Press"),
    ("By Jane Doe | The Harbour Times", ["Jane Doe"], "The Harbour Times"),
    ("By Sofia Marin | Updated April 3, 2025", ["Sofia Marin"], None),
])
def test_bylines_roles_and_outlets(line, names, outlet):
    assert parse_byline(line) == names and byline_outlet(line) == outlet


@pytest.mark.parametrize(("tail", "authors", "outlet", "kind"), [
    ("_Jane Doe is professor of economics at the University of Leeds._", ["Jane Doe"], None, "credit"),
    ("Jane Doe writes about shipping and ports for several magazines.", ["Jane Doe"], None, "credit"),
    ("A version of this article appeared in The Coastal Review.", [], "The Coastal Review", "footer"),
    ("This article first appeared in the Harbour Gazette.", [], "Harbour Gazette", "footer"),  # "the" is no name
    ("This article is republished from The Polar Review under a Creative Commons licence.", [], "The Polar Review",
     "footer"),
    ("The opinions in this article are the author's own and do not reflect the views of Port News Daily.", [],
     "Port News Daily", "footer"),
    ("Copyright 2025 The Capitol Wire. All rights reserved.", [], "The Capitol Wire", "footer"),
    ("Reporting by Dana Whitfield in San Jose and Omar Haddad; Editing by Claire Beaumont", ["Dana Whitfield",
                                                                                          "Omar Haddad"], None, "credit"),
    ("Associated Press writer Daniel Brooks contributed to this report.", [], None, "credit"),
])
def test_footer_credits(tail, authors, outlet, kind):
    draft = clean_plain_text("A Headline About the Harbour Budget\n" + BODY + "\n" + tail + "\n")
    assert (draft.authors, draft.outlet) == (authors, outlet)
    assert len(removed(draft, kind)) == 1 and len(pieces(draft, "paragraph")) == 2


def test_several_insertions_in_one_sentence_are_all_removed():
    text = ("Bridges and the Long Road to Repair\n\nBy Ana Ruiz\n\n"
            "The province has promised to repair every bridge rated unsafe by the end of the decade, a pledge that "
            "engineers say would require the\n\nStay Informed\nGet the latest regional news straight to your inbox."
            "\n\nfastest construction programme in its history. Most of the bridges carry\n\nPROVINCIAL REVIEW | 7"
            "\n\nMARTA GIL\nSenior Fellow\nInstitute for Public Works\n\nMarta Gil is a senior fellow at the Institute"
            " for Public Works and a former chief engineer.\n\nlocal traffic. The ministry has asked other provinces "
            "to lend it engi-\n\nRead more: Why contractors are leaving\n\nneers for two years.\n")
    draft = clean_plain_text(text)
    assert pieces(draft, "paragraph") == [
        "The province has promised to repair every bridge rated unsafe by the end of the decade, a pledge that "
        "engineers say would require the fastest construction programme in its history. Most of the bridges carry "
        "local traffic. The ministry has asked other provinces to lend it engineers for two years."]
    assert draft.authors == ["Ana Ruiz", "Marta Gil"]
    assert [r.kind for r in draft.removed] == ["promo", "promo", "page_furniture", "navigation", "bio"]


def test_attributed_pull_quote():
    text = ("Water Rates Climb Across Arizona\n\nUtilities say the increases replace river water the state lost.\n\n"
            "“Cheap water was never really cheap.” — Marisol Ortega\n\n\"Cheap water was never really cheap,\" said "
            "Marisol Ortega, who runs the water department in Mesa. \"We were just paying for it later.\"\n")
    draft = clean_plain_text(text)
    assert removed(draft, "pull_quote") == ["“Cheap water was never really cheap.” — Marisol Ortega"]


@pytest.mark.parametrize(("line", "kind"), [
    ("Story continues below advertisement", "navigation"), ("Advertisement - Scroll to continue", "advert"),
    ("Read also", "navigation"), ("Most Read", "navigation"), ("Comments (12)", "navigation"),
    ("We use cookies to improve your experience. By continuing you accept our cookie policy.", "cookie"),
    ("Accept all", "cookie"), ("###", "end_mark"), ("—30—", "end_mark"), ("◆", "end_mark"),
    ("Never miss a story: get the Daily Brief delivered to your inbox.", "promo"),
    ("Want more? Sign up for the Morning Brief.", "promo"),
    ("Residents can sign up for the new flood alerts at city hall.", None),
    ("The ministry's newsletter reported a rise in arrests.", None),
    ("Share prices fell sharply on Monday.", None), ("Comments from the minister drew criticism.", None),
    ("The bakery's cookies use butter from local farms.", None), ("This website uses cookies.", "cookie"),
    ("The findings were published in the ministry's weekly newsletter.", None),
    ("The Morning Brief newsletter", "promo"), ("Responses", None),
])
def test_more_boilerplate_kinds(line, kind):
    assert boilerplate_kind(line) == kind


def test_wrapped_cookie_notice_goes_whole_and_wrapped_mention_stays():
    text = ("The Sleep Prescription\n\nWhy doctors are swapping pills for bedtime routines\n\n"
            "We use cookies to improve your experience on our site. By\ncontinuing to browse, you agree to our use "
            "of cookies.\n\nFor two decades the standard response to insomnia was a pill, and\nfamily doctors "
            "now point patients to the free weekly newsletter\nthat the clinic sends to everyone on its list.\n\n"
            "Sedatives were cheap, quick to prescribe and, in the short term,\neffective, but their side effects "
            "were also well documented.\n")
    draft = clean_plain_text(text)
    assert len(removed(draft, "cookie")) == 2
    assert draft.subtitle == "Why doctors are swapping pills for bedtime routines"
    assert any("free weekly newsletter that the clinic sends" in p for p in pieces(draft, "paragraph"))


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seeds_hard_wrapped_keep_their_head_credits_and_headings(path):
    source = path.read_text(encoding="utf-8")
    plain = clean_plain_text(source)
    for blank_lines in (True, False):
        draft = clean_plain_text(rewrapped(source, blank_lines))
        assert (draft.title, draft.subtitle, draft.authors, draft.outlet, draft.date) == (
            plain.title, plain.subtitle, plain.authors, plain.outlet, plain.date)
        if blank_lines:
            assert pieces(draft, "heading") == pieces(plain, "heading")


@pytest.mark.parametrize(("text", "quote"), [
    ("Teenagers, it turns out, are better at rules they helped to write Researchers found one pattern above all. "
     "Teenagers, it turns out, are better at rules they helped to write, and schools that drafted rules did well.",
     "Teenagers, it turns out, are better at rules they helped to write"),
    ("The ministry will publish it next year. Indeed, every year of delay adds to the bill. Engineers are blunt. "
     "Every year of delay adds to the bill, because land near the rivers is being built on.",
     "Indeed, every year of delay adds to the bill."),
    ("It is time to act now. It is time to act now, before the water rises again and the town floods.", None),
    ("The committee met again on Thursday to discuss the plan. The committee met again on Friday.", None),
])
def test_pull_quote_run_into_a_paragraph(text, quote):
    found = split_glued(text)
    assert (found[0] if found else None) == quote
    if found:
        core = quote.lower().strip(" .")[-25:]
        assert found[1].lower().count(core) == 1


def test_pull_quote_run_into_the_next_paragraph_of_wrapped_text():
    text = ("The Harbour Question\n\nThe ports have grown fast since 2015, and their owners are ambitious. Trade\n"
            "through the port has doubled since 2015, officials say, and new berths\nare planned for next year.\n"
            "Trade through the port has doubled since 2015, officials say. The next\nphase will begin in June, when "
            "the council votes on the money for it, and\nthe work on the new berths should be finished within "
            "three years\nof the vote, if the contractors can be found in time for it.\n")
    draft = clean_plain_text(text)
    assert removed(draft, "pull_quote") == ["Trade through the port has doubled since 2015, officials say."]
    assert " ".join(pieces(draft, "paragraph")).count("has doubled since 2015") == 1


@pytest.mark.parametrize("line", ["Jane Doe | Staff Writer", "JANE DOE, Contributor", "Jane Doe — Senior Correspondent"])
def test_bylines_without_by(line):
    draft = clean_plain_text(f"Why Tbilisi Is Building a Metro Line\n{line}\n{BODY}")
    assert draft.authors == ["Jane Doe"] and [k for k, _ in draft.pieces] == ["title", "byline", "paragraph", "paragraph"]


@pytest.mark.parametrize("line", ["Image source, Getty Images", "Image caption, Protesters gathered outside parliament",
                                  "REUTERS/Kevin Lamarque", "Updated 3 hours ago", "Partner content"])
def test_web_copy_credits_and_stamps_in_the_body(line):
    draft = clean_plain_text(f"A Headline About the Flood\n{BODY}\n{line}\n\nThe river fell again on Friday morning.\n")
    assert len(draft.removed) == 1 and len(pieces(draft, "paragraph")) == 3


# --- two more whole articles from tests/fixtures/clean (Markdown blog copy, web health news) --


def test_markdown_blog_copy():
    draft = fixture_draft("heat_pumps")
    assert draft.title == "Why Poland Fell in Love With Heat Pumps, and Then Fell Out"
    assert draft.authors == ["Katarzyna Wójcik", "Tom Ellery"] and draft.date == "2025-02-09"
    assert removed(draft, "advert") == ["**Advertisement**"] and len(pieces(draft, "quote")) == 1
    assert pieces(draft, "heading") == ["What went wrong", "What comes next"]
    assert len(removed(draft, "navigation")) == 3 and removed(draft, "end_mark") == ["---"]
    assert pieces(draft, "paragraph")[-1].endswith("One has already cut a shift.")


def test_section_path_kicker_stamps_and_closing_credits():
    draft = fixture_draft("flu_vaccines")
    assert draft.title == "Pharmacists Take Over Flu Season, and Clinics Feel the Squeeze" and draft.subtitle is None
    assert removed(draft, "kicker") == ["HEALTH | Public policy"]
    assert draft.authors == ["Helen Marsh"] and draft.outlet == "Prairie Health News"
    assert pieces(draft, "heading") == ["DOCTORS' GROUP WANTS A SHARE", "What about children?"]
    assert [r.kind for r in draft.removed].count("navigation") == 3
    assert pieces(draft, "paragraph")[-1].endswith("to 38 percent.")


_LAYOUTS = {
    "no_blank_lines": lambda text: re.sub(r"\n\s*\n+", "\n", text),
    "wide_gaps": lambda text: re.sub(r"\n\s*\n+", "\n\n\n", text),
    "crlf": lambda text: text.replace("\n", "\r\n"),
    "indented": lambda text: "\n".join("    " + line if line.strip() else line for line in text.split("\n")),
}
_ALL = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES).glob("*.txt"))


@pytest.mark.parametrize("layout", sorted(_LAYOUTS))
@pytest.mark.parametrize("path", _ALL, ids=lambda p: p.stem[:14])
def test_same_article_other_layouts(path, layout):
    """Blank lines removed or doubled, CRLF, indentation: same head, credits, headings, pull quotes."""
    source = path.read_text(encoding="utf-8")
    plain, other = clean_plain_text(source), clean_plain_text(_LAYOUTS[layout](source))
    assert (other.title, other.subtitle, other.authors, other.outlet, other.date) == (
        plain.title, plain.subtitle, plain.authors, plain.outlet, plain.date)
    assert pieces(other, "heading") == pieces(plain, "heading")
    assert sorted(removed(other, "pull_quote")) == sorted(removed(plain, "pull_quote"))


def test_wrapped_text_without_blank_lines_splits_where_the_next_word_would_have_fitted():
    first = ("The harbour board approved its budget on Monday after a long debate about dredging costs, "
             "and the fees that ships pay will rise by a tenth from the spring onwards as a result of the "
             "decision taken by the board members at the meeting.")  # last line: 55 of 60 columns
    second = ("A shipping line said it would pass the cost on to customers, and several warned that they "
              "might move some of their services to the ports further along the coast instead.")
    text = "The Harbour Budget\n" + "\n".join(textwrap.wrap(first, 60) + textwrap.wrap(second, 60)) + "\n"
    assert pieces(clean_plain_text(text), "paragraph") == [first, second]


@pytest.mark.parametrize(("line", "date"), [("Updated: 12.03.2025", "2025-03-12"), ("13/03/2025", "2025-03-13"),
                                            ("03/12/2025", None), ("Published on 12 March 2025, 14:05", "2025-03-12")])
def test_numeric_date_lines_leave_the_body(line, date):
    draft = clean_plain_text(f"Trams Return to Twelve Cities\nBy Jane Doe\n{line}\n{BODY}")
    assert draft.date == date and removed(draft, "date") == [line]


def test_pathological_lines_lose_nothing_silently():
    """Repeated lines are furniture or pull quotes here — but every one is kept or in `removed`.
    (Linear work on such inputs is pinned by call counts in test_clean_scaling.py.)"""
    for text, word in ((("A" * 5000 + "\n") * 20, "A" * 5000), (("Word " * 60 + "\n") * 200, "Word")):
        draft = clean_plain_text(text)
        kept = sum(t.count(word) for _kind, t in draft.pieces) + sum(r.text.count(word) for r in draft.removed)
        assert kept >= text.count(word) * 0.99


@pytest.mark.parametrize(("bio", "box"), [
    ("Maria Kowalska is a senior fellow at the Baltic Institute and writes about trade in northern Europe.", True),
    ("Maria Kowalska has run the port authority since 2003 and built most of its new berths herself.", False),
])
def test_name_line_echoed_by_a_bio_is_an_author_box_but_a_profile_section_is_not(bio, box):
    text = ("The Harbour Question\n\nThe ports of the Baltic have grown quickly since 2015, and the governments are "
            f"arguing about the\n\nMaria Kowalska\n\n{bio}\n\nfuture of the trade.\n\nThe next round of talks is in June.\n")
    draft = clean_plain_text(text)
    assert (draft.authors == ["Maria Kowalska"]) == box and bool(removed(draft, "bio")) == box


def test_pull_quote_with_an_ellipsis():
    text = ("The Harbour Question\n\nThe ports have grown fast since 2015, and their owners are ambitious.\n\n"
            "“The port … handles more traffic than any other in the region.”\n\nOfficials say the port now handles "
            "more traffic than any other in the region, and new berths are planned.\n")
    assert removed(clean_plain_text(text), "pull_quote") == ["“The port … handles more traffic than any other in the region.”"]


@pytest.mark.parametrize("kicker", ["World News", "Climate and Environment", "HEALTH | Public policy", "OPINION"])
def test_section_labels_above_the_title(kicker):
    draft = clean_plain_text(f"{kicker}\nTrams Return to Twelve Cities\nBy Jane Doe\n{BODY}")
    assert draft.title == "Trams Return to Twelve Cities" and removed(draft, "kicker") == [kicker]


@pytest.mark.parametrize("gap", ["\n\n\n\n", "\n\nPAGE 7\n\n", "\n\n- Advertisement -\n\n"])
@pytest.mark.parametrize(("name", "after"), [
    ("000_7fe54f432c3a38c8", "in an interview with local"),  # 12+ words, next line in capitals ("TV")
    ("001_f3ee0fb6159397b6", "The current crisis edges"),  # a page-split paragraph split again
    ("council_budget", "Several read letters from children;"),  # lower case after a semicolon
    ("school_phones", "above all. Teenagers, it turns out,"),  # inside the sentence a pull quote repeats
    ("flood_barriers", "because land near the rivers is being built on and"),
    ("003_8870c0dca1d2f764", "largely rhetorical. The State"),  # a sentence end inside the cut line
    ("002_b569d88f487320b0", "and Adjunct Lecturer at Khazar"),  # inside a starred end note
    ("sleep_trial", "family physician in Leeds and"),  # inside an author box's bio
])
def test_a_page_break_anywhere_in_a_sentence_is_undone(name, after, gap):
    folder = SEEDS if name[:3].isdigit() else FIXTURES
    source = (folder / f"{name}.txt").read_text(encoding="utf-8")
    cut = source.index(after) + len(after)
    broken = source[:cut] + gap + source[cut + 1:]
    assert pieces(clean_plain_text(broken), "paragraph") == pieces(clean_plain_text(source), "paragraph")


def test_a_word_broken_across_an_advert_is_joined_without_evidence_from_its_own_halves():
    source = (FIXTURES / "chip_plant.txt").read_text(encoding="utf-8")
    cut = source.index("could make domestic") + len("could make dome")
    broken = source[:cut] + "-\n\n- Advertisement -\n\n" + source[cut:]
    assert "could make domestic plants" in " ".join(pieces(clean_plain_text(broken), "paragraph"))


@pytest.mark.parametrize("caption", [
    "Commuters wait for a delayed train at a station in the capital, 3 March 2025",
    "Protesters gather outside the parliament building. Photo: Anna Berg/Reuters",
    "A farmer inspects his crop near the border (AFP)",
    "Officials (L) and residents look on as the new line opens",
])
def test_a_photo_caption_put_on_top_of_any_titled_article(caption):
    for path in _ALL:
        source = path.read_text(encoding="utf-8").lstrip("\n")
        plain = clean_plain_text(source)
        if plain.title_is_derived or source.startswith("Published"):
            continue
        draft = clean_plain_text(f"{caption}\n{source}")
        assert (draft.title, draft.subtitle, draft.authors) == (plain.title, plain.subtitle, plain.authors), path.name
        assert caption in removed(draft, "caption")
