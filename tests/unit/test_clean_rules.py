"""Each cleaning rule on its own, on small inputs written for the test."""

from __future__ import annotations

import pytest

from workbench.library.clean.boilerplate import boilerplate_kind
from workbench.library.clean.bylines import parse_byline
from workbench.library.clean.dates import dateline_date, find_date, is_date_line, split_dateline
from workbench.library.clean.hyphenation import Vocabulary, join_broken, keep_hyphen
from workbench.library.clean.lines import ends_sentence, heading_like, is_heading, split_lines
from workbench.library.clean.markup import markdown_heading, markdown_quote, strip_inline
from workbench.library.clean.pull_quotes import find_pull_quotes, repeated_in
from workbench.library.clean.captions import caption_like
from workbench.library.clean.titles import derive_title, split_sentences

# --- hyphenation ---------------------------------------------------------------------------

DOC = """The government spoke of cooperation and a well-known plan.
Local govern-
ment officials praised the coop-
eration. The decision-
making was slow. A well-
known critic objected, and the self-
styled experts left. Pro-
Western voices were loud. Its economic life-
line is oil."""


@pytest.mark.parametrize(
    ("head", "tail", "keep"),
    [
        ("govern", "ment", False),   # "government" occurs elsewhere
        ("coop", "eration", False),  # "cooperation" occurs elsewhere
        ("well", "known", True),     # "well-known" occurs elsewhere
        ("decision", "making", True),  # two real words, neither form attested
        ("instrumental", "ized", False),  # "ized" is no word: a break
    ],
)
def test_keep_hyphen_uses_document_vocabulary(head, tail, keep):
    vocab = Vocabulary.of(DOC + " The decision was made, and making it took time.")
    assert keep_hyphen(head, tail, vocab) is keep


def test_vocabulary_ignores_the_broken_words_themselves():
    vocab = Vocabulary.of("It was instrumental-\nized for years.")
    assert "instrumental" not in vocab and "ized" not in vocab
    assert "years" in vocab


def test_join_broken_only_when_the_next_line_continues_in_lower_case():
    vocab = Vocabulary.of(DOC)
    assert join_broken("Local govern-", "ment officials", vocab) == "Local government officials"
    assert join_broken("Its economic life-", "line is oil.", vocab) == "Its economic lifeline is oil."  # no evidence: join
    assert join_broken("the self-", "styled experts", vocab) == "the self-styled experts"
    assert join_broken("Voices were pro-", "Western and loud.", vocab) == "Voices were pro-Western and loud."
    assert join_broken("in 2014-", "2015 it closed", vocab) == "in 2014-2015 it closed"
    assert join_broken("Baku -", "a city", vocab) is None  # a dash, not a hyphen
    assert join_broken("no hyphen here", "next line", vocab) is None


def test_cleaner_rejoins_broken_words_in_context():
    from workbench.library.clean import clean_plain_text

    draft = clean_plain_text("Title Here\n\n" + DOC)
    text = " ".join(t for _, t in draft.pieces)
    assert "Local government officials praised the cooperation." in text
    assert "A well-known critic" in text
    assert "Pro-Western voices" in text
    assert "the self-styled experts" in text
    assert "economic lifeline is oil" in text


# --- pull quotes ---------------------------------------------------------------------------

BODY = ("Still, the tram network has doubled in size since 2010 and now carries more riders than "
        "the buses. Officials expect further growth.")


@pytest.mark.parametrize(
    "quote",
    [
        "The tram network has doubled in size since 2010 and now carries more riders than the buses.",
        "“The tram network has doubled in size since 2010 and now carries more riders.”",  # cut short
        "Officials expect further growth, and the tram network has doubled.",  # mid-paragraph? no: see below
    ][:2],
)
def test_repeated_sentence_is_a_pull_quote(quote):
    assert repeated_in(quote, BODY)


def test_different_sentences_are_not_pull_quotes():
    assert not repeated_in("The bus network has shrunk since 2010 and carries fewer riders than trams.", BODY)
    assert not repeated_in("Officials expect growth.", BODY)  # too short to judge
    assert not repeated_in(BODY, BODY[:60])  # the longer text is never the copy


def test_pull_quote_found_before_or_after_its_paragraph_but_not_far_away():
    quote = "The tram network has doubled in size since 2010 and now carries more riders than the buses."
    a, b, c = (f"An unrelated paragraph number {n} about the weather, which was mild and caused no delays."
               for n in ("one", "two", "three"))
    kinds = ["paragraph"] * 5
    assert find_pull_quotes([quote, BODY, a, b, c], kinds) == {0}
    assert find_pull_quotes([a, BODY, quote, b, c], kinds) == {2}
    assert find_pull_quotes([quote, a, b, c, BODY], kinds) == set()


def test_identical_neighbours_keep_one_copy():
    assert find_pull_quotes([BODY, BODY], ["paragraph", "paragraph"]) == {0}


# --- bylines -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe | March 3, 2024", ["Jane Doe", "John Roe"]),
        ("BY JANE DOE, JOHN ROE & ANA DE LA CRUZ", ["JANE DOE", "JOHN ROE", "ANA DE LA CRUZ"]),
        ("By Dr. Jane Doe, staff writer", ["Jane Doe"]),
        ("Author: Ana Silva", ["Ana Silva"]),
        ("By\u00a0Azerbaijan.US\u00a0Editorial\u00a0Board".replace("\u00a0", " "), ["Azerbaijan.US Editorial Board"]),
    ],
)
def test_parse_byline(line, names):
    assert parse_byline(line) == names


@pytest.mark.parametrize("line", ["By the end of the year, prices had doubled.", "by Jane Doe", "Bystanders fled.",
                                  "By Monday, Azerbaijan had doubled its exports to Europe."])
def test_sentences_are_not_bylines(line):
    assert parse_byline(line) is None


# --- boilerplate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("- Advertisement -", "advert"),
        ("- Advertisement -spot_img", "advert"),
        ("ADVERTISEMENT", "advert"),
        ("Must read", "navigation"),
        ("More articles", "navigation"),
        ("Latest article", "navigation"),
        ("Share this article", "navigation"),
        ("Read more: Budget talks stall again", "navigation"),
        ("Sign up for our newsletter", "promo"),
        ("Get the best stories — straight to your inbox.", "promo"),
        ("Facebook Twitter WhatsApp", "navigation"),
        ("Home > News > Politics", "navigation"),
        ("Tags: energy, diplomacy", "navigation"),
        ("5 min read", "navigation"),
        ("Twitter said on Monday that it would close the office.", None),
        ("The minister said the advertisement was misleading.", None),
        ("Readers must read the fine print before signing any contract with the company.", None),
    ],
)
def test_boilerplate_kind(line, kind):
    assert boilerplate_kind(line) == kind


# --- markup --------------------------------------------------------------------------------


def test_strip_inline_markup():
    assert strip_inline("Israel's [closest partner](#) and [the EU](https://e.eu/a_(b))") == \
        "Israel's closest partner and the EU"
    assert strip_inline("in a recent *Al Arabiya* interview, **bold** and ***both***") == \
        "in a recent Al Arabiya interview, bold and both"
    assert strip_inline("“*Wherever a soldier has set foot.*”") == "“Wherever a soldier has set foot.”"
    assert strip_inline("an unsettled world ■") == "an unsettled world"
    assert strip_inline("2 * 3 * 4 = 24 and snake_case_name") == "2 * 3 * 4 = 24 and snake_case_name"
    assert strip_inline("** The article is written by X") == "** The article is written by X"
    assert markdown_heading("## The Long Game") == "The Long Game"
    assert markdown_heading("#hashtag") is None
    assert markdown_quote("> quoted words") == "quoted words"


# --- lines, headings, titles, dates --------------------------------------------------------


def test_split_lines_records_blank_lines():
    lines = split_lines("a\n\n\nb\nc\u00a0 d")
    assert [(l.text, l.gap) for l in lines] == [("a", 0), ("b", 2), ("c d", 0)]


@pytest.mark.parametrize("text", ["Opportunities and Risks", "A New Chapter for US-Azerbaijan Relations?",
                                  "Azerbaijan - Russia: Emancipation from the Evil Stepmother", "Enter Syria"])
def test_heading_like(text):
    assert heading_like(text) and is_heading(text)


@pytest.mark.parametrize("text", ["are fraught with unknowns.", "press for the release of",
                                  "It was a long day.", "A draft peace deal announced in March, but Azerbaijan set new"])
def test_not_heading_like(text):
    assert not heading_like(text)


def test_sentence_case_heading_accepted_once_isolated():
    assert is_heading("What the deal means for Europe")
    assert not is_heading("and then the talks collapsed,")


def test_ends_sentence_with_closing_quotes():
    assert ends_sentence("he said “no.”") and ends_sentence("organization”.") and ends_sentence("Why?")
    assert not ends_sentence("a “criminal") and not ends_sentence("this presidency")


def test_caption_like():
    assert caption_like("Leaders meet in the capital with their spouses, September 2017", "A Real Title Here")
    assert caption_like("Photo: Reuters", None)
    assert caption_like("the minister and his wife at the summit", "Why Cities Are Betting on Trams Again")
    assert not caption_like("Why Cities Are Betting on Trams Again", "How small states bargain")
    assert caption_like("The two leaders at the summit, 8 September 2017", None)
    assert not caption_like("Azerbaijan in Review, 2024", "What the Year Brought")


def test_derive_title_skips_dateline_and_quoted_speech():
    lead = ['PARIS, France, May 2. The summit opened with a warning about trade. Leaders then met.']
    assert derive_title(lead) == "The summit opened with a warning about trade"
    quoted = ['The paper noted, “This is a testament to change.” It went on.',
              'Today, the country is markedly different from what it was before the war.']
    assert derive_title(quoted) == "Today, the country is markedly different from what it was before the war"
    long = ["One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four."]
    assert derive_title(long).endswith("…") and len(derive_title(long).split()) == 16
    assert derive_title([]) is None


def test_split_sentences_respects_abbreviations():
    assert split_sentences("As U.S. President Trump said. Dr. Roe agreed. It ended.") == [
        "As U.S. President Trump said.", "Dr. Roe agreed.", "It ended."]


def test_dates_only_when_complete():
    assert find_date("Published March 4, 2024") == "2024-03-04"
    assert find_date("on 4 March 2024") == "2024-03-04"
    assert find_date("2024-03-04T10:00") == "2024-03-04"
    assert find_date("in September 2017") is None and find_date("on April 9, in Baku") is None
    assert find_date("February 30, 2024") is None
    assert is_date_line("Updated: Tuesday, 4 March 2024, 10:30 GMT")
    assert not is_date_line("The meeting on March 4, 2024 went well")


def test_datelines():
    assert split_dateline("BAKU, Azerbaijan, January 8. The era") == ("BAKU, Azerbaijan, January 8. ", "The era")
    assert split_dateline("WASHINGTON (Reuters) — The US said")[1] == "The US said"
    assert split_dateline("Baku is a city. It grew.") == ("", "Baku is a city. It grew.")
    assert split_dateline("Baku, Jan. 8 (AZERTAC) - The era")[1] == "The era"
    assert split_dateline("London (Reuters) - The pound fell")[1] == "The pound fell"
    assert split_dateline("In Baku, on March 4, the talks began.")[0] == ""
    assert split_dateline("The Council (EU) - said")[0] == ""
    assert dateline_date("BAKU, Azerbaijan, January 8. The era") is None
    assert dateline_date("LONDON, UK, March 4, 2024. Ministers met") == "2024-03-04"


def test_similar_paragraphs_of_equal_length_are_both_kept():
    base = "The committee met again on Thursday to discuss the long-delayed plan for the northern ports."
    texts = [base + " Section one ends here.", base + " Section two ends here."]
    assert find_pull_quotes(texts, ["paragraph", "paragraph"]) == set()


def test_house_bylines_name_the_outlet():
    from workbench.library.clean.bylines import outlet_of_house_byline

    assert outlet_of_house_byline("Harbour Gazette Staff") == "Harbour Gazette"
    assert outlet_of_house_byline("The Caspian Post Editorial Board") == "The Caspian Post"
    assert outlet_of_house_byline("Jane Doe") is None
