"""Each kind of misquote issue 18 names, pinned with hand-written articles and queries.

The articles are short news-like texts written for these tests; every query is how a
person might misremember one of their sentences (or, for the absent ones, a sentence that
is in none of them).
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from workbench.library.model import ArticleDraft
from workbench.search import open_index
from workbench.search.tokens import terms
from workbench.textnorm import sentence_spans
from workbench.workspace import Workspace

ARTICLES = {
    "council": [
        "Council budget under strain",
        "The council spent £264m on the tram scheme, and running costs rose 30% in a single year. "
        "Officials blamed thirty-five separate contracts signed before the election.",
        "Opposition members walked out and ended the meeting early, accusing the leader of hiding the figures.",
        "The next morning, officials released a summary that few residents were able to read.",
        "Selling a product is difficult, but altering behaviour is much more difficult, the researcher said. "
        "She has studied transport habits in the region for a decade.",
    ],
    "music": [
        "Music industry turns to file-sharing",
        "Record labels once sued every file-sharing network they could find. Now several run a "
        "filesharing service of their own, with a monthly fee and a catalogue of old recordings.",
        "The orchestra's conductor kept the players at his beck and call through the whole tour.",
        "Trump's transactional approach to cultural funding alarmed the museums, who depend on grants.",
    ],
    "alliances": [
        "Allies rethink their plans",
        "Critics say the approach Trump takes to Nato is deeply transactional, and diplomats in Brussels agree.",
        "The minister said the programme would start next year, once the treaty was ratified by parliament.",
        "Negotiators went back to the capital with a draft that both delegations had initialled.",
    ],
}


@pytest.fixture(scope="module")
def library():
    articles = []
    for article_id, (title, *paragraphs) in ARTICLES.items():
        draft = ArticleDraft()
        draft.title = title
        draft.add("title", title)
        for p in paragraphs:
            draft.add("paragraph", p)
        articles.append(draft.assemble(article_id=article_id, path=Path(f"{article_id}.txt")))
    return {a.id: a for a in articles}


@pytest.fixture(scope="module")
def index(library, tmp_path_factory):
    ws = Workspace(tmp_path_factory.mktemp("kinds"))
    return open_index(ws, SimpleNamespace(articles=list(library.values())), progress=False)


def span_of(library, article: str, sentence: str) -> tuple[int, int]:
    start = library[article].text.index(sentence)
    return start, start + len(sentence)


def test_quote_across_a_paragraph_break(library, index):
    hits = index.search("and ended the meeting early accusing the leader of hiding the figures the next morning officials "
                        "released a summary")
    start, _ = span_of(library, "council", "ended the meeting early")
    _, end = span_of(library, "council", "released a summary")
    assert hits and hits[0].article == "council"
    assert hits[0].start <= start and hits[0].end == end and "\n\n" in hits[0].text


@pytest.mark.parametrize("query, article, sentence", [
    ("The council spent 264 million on the tram scheme, and running costs rose thirty per cent in a single year",
     "council", "The council spent £264m on the tram scheme, and running costs rose 30% in a single year"),
    ("officials blamed 35 separate contracts signed before the election", "council",
     "Officials blamed thirty-five separate contracts signed before the election"),
])
def test_numbers_written_in_words_or_digits(library, index, query, article, sentence):
    hits = index.search(query)
    assert hits and (hits[0].article, hits[0].start, hits[0].end) == (article, *span_of(library, article, sentence))
    assert hits[0].score >= 90


def test_number_folding_is_symmetric():
    assert terms("£264m") == terms("264 million") == terms("264mn")
    assert terms("30%") == terms("thirty per cent") == terms("30 percent")
    assert terms("thirty-five") == terms("35")
    assert terms("1999") == ["1999"]


@pytest.mark.parametrize("query, sentence", [
    ("Record labels once sued every filesharing network they could find",
     "Record labels once sued every file-sharing network they could find"),
    ("now several run a file sharing service of their own", "several run a filesharing service of their own"),
])
def test_compounds_with_and_without_hyphens(library, index, query, sentence):
    hits = index.search(query)
    start, end = span_of(library, "music", sentence)
    assert hits and hits[0].article == "music"
    assert hits[0].start <= start + 4 and end <= hits[0].end + 1 and hits[0].score >= 85


def test_reordered_quote_gets_its_whole_sentence_and_stops_there(library, index):
    hits = index.search("but altering behavior is much more difficult, the researcher said, selling a product is difficult")
    sentence = "Selling a product is difficult, but altering behaviour is much more difficult, the researcher said."
    start, end = span_of(library, "council", sentence)
    assert hits and (hits[0].start, hits[0].end) in {(start, end), (start, end - 1)}
    assert "She has" not in hits[0].text


def test_typo_that_is_itself_a_rare_word(library, index):
    # "beck" is a real (rare) word of the library; here it is a slip for "back".
    hits = index.search("negotiators went beck to the capital with a draft that both delegations had initialed")
    start, end = span_of(library, "alliances", "Negotiators went back to the capital")
    assert hits and hits[0].article == "alliances" and hits[0].start == start and hits[0].end > end


def test_paraphrase_that_keeps_the_rare_words(library, index):
    hits = index.search("the minister stated the program would begin next year once the treaty was ratified by parliament")
    start, end = span_of(library, "alliances", "The minister said the programme would start next year")
    assert hits and hits[0].article == "alliances" and hits[0].start == start and hits[0].end > end


def test_keyword_query_returns_every_sentence_that_holds_the_words(library, index):
    hits = index.search("trump transactional approach", limit=10)
    assert [h.article for h in hits] == ["music", "alliances"]  # the exact phrase first
    assert hits[0].text == "Trump's transactional approach" and hits[0].score == 100
    assert "match" not in hits[0].to_dict()
    assert hits[1].text == "approach Trump takes to Nato is deeply transactional"
    assert hits[1].to_dict()["match"] == "keywords" and 70 <= hits[1].score < hits[0].score
    assert index.search("transactional nato brussels", limit=10)[0].article == "alliances"
    assert index.search("transactional orchestra", limit=10) == []  # never in one sentence or passage
    assert index.search("transactional qzxwvk", limit=10) == []  # a word found nowhere: no keyword hit


@pytest.mark.parametrize("query", [
    "The council spent its reserves on a new library, and visitor numbers rose in a single year.",
    "Diplomats in Brussels say the treaty will never be ratified by the national parliament.",
    "The museums depend on grants from the record labels and the orchestra.",
])
def test_absent_sentences_with_familiar_words_find_nothing(index, query):
    assert index.search(query, limit=10) == []


def test_sentence_ends_skip_abbreviations_and_stop_at_paragraph_breaks():
    text = "VISIT the show, Oct. 11, in Harrisburg, PA. The U.S. team met Mr. Aliyev etc. and left! Next\n\nTwo"
    got = [text[s:e] for s, e in sentence_spans(text)]
    assert got == ["VISIT the show, Oct. 11, in Harrisburg, PA.", "The U.S. team met Mr. Aliyev etc. and left!",
                   "Next", "Two"]
