"""Search over the seeds: misquotes find the right span, nonsense finds nothing."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from workbench.errors import UsageError
from workbench.library import Library
from workbench.search import open_index
from workbench.search.passages import sentence_spans
from workbench.textnorm import find_all
from workbench.workspace import Workspace

# Misquotes written by hand of sentences from the middle of seed paragraphs: (original, misquote).
MISQUOTES = [
    ("For Baku, the logic is simple: if an organization cannot fulfill its mandate",
     "for baku the logic is simple, if an organisation can not fulfil its mandate"),
    ("The core of this shared skepticism lies in the perceived paralysis of international law.",
     "The core of this shared scepticism lies in the percieved paralysis of international law"),
    ("These actors often view Azerbaijan as a small, pliable country that can be easily coerced into actions against its will.",
     "these actors often view Azerbaijan as a small pliable country that can easily be coerced into actions against its will"),
    ("Collectively, these actions represent one of the most significant foreign policy failures of the administration\u2019s tenure.",
     "Collectively these actions represent one of the most signficant foreign-policy failures of the administrations tenure"),
    ("Azerbaijan had suspended USAID operations in mid-2024, accusing the agency of meddling in Government affairs.",
     "Azerbaijan suspended USAID operations in mid 2024, accusing the agency of meddling in government affairs"),
    ("The recent reset in U.S.-Azerbaijan relations is not accidental.",
     "the recent reset in US-Azerbaijan relations isn't accidental"),
    ("This isn't a new playbook for President Ilham Aliyev.",
     "This is not a new playbook for president Ilham Aliev"),
    ("Yet, battered but not extinguished, Azerbaijan began to recover, banking on two initial strengths",
     "battered but not extinguished, Azerbaijan began to recover banking on two initial strenghts"),
]
OFF_TOPIC = [
    "The chef folded the whipped cream into the chocolate mousse and chilled it overnight.",
    "Our striker curled a free kick into the top corner during the second half of extra time.",
    "She knitted a woollen scarf for her grandson while the kettle whistled on the stove.",
]
NONSENSE = ["qwzx plorb vrenk", "zzzz yyyy xxxx", "blorptang fizzwop snoofle grumblewhisk"]


@pytest.fixture
def library(workspace: Path) -> Library:
    return Library(Workspace(workspace))


@pytest.fixture
def index(workspace: Path, library: Library):
    return open_index(Workspace(workspace), library, progress=False)


def locate(library: Library, sentence: str) -> tuple[str, int, int]:
    found = [(a.id, s, e) for a in library.articles for s, e in find_all(a.text, sentence)]
    assert len(found) == 1, f"seed sentence not found exactly once: {sentence!r}"
    return found[0]


def covers(hit, target, slack: float = 0.8) -> bool:
    article, s, e = target
    overlap = min(hit.end, e) - max(hit.start, s)
    return hit.article == article and overlap >= slack * (e - s) and hit.end - hit.start <= 1.5 * (e - s) + 10


def test_hand_written_misquotes_find_their_sentence(library, index):
    for original, misquote in MISQUOTES:
        hits = index.search(misquote, limit=5)
        assert hits, misquote
        assert covers(hits[0], locate(library, original)), (misquote, hits[0].text)
        assert 70 <= hits[0].score <= 100


def _damaged(sentence: str, rng: random.Random) -> str:
    words = sentence.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 6]
    i = rng.choice(long_words)
    k = rng.randrange(1, len(words[i]) - 2)
    words[i] = words[i][:k] + words[i][k + 1] + words[i][k] + words[i][k + 2:]  # transposed letters
    del words[rng.choice([j for j in range(1, len(words) - 1) if j != i])]  # a dropped word
    q = " ".join(words).lower()
    return q.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')


def test_programmatically_damaged_sentences_are_found(library, index):
    """Sentences taken from the loaded text (whatever the cleaner makes of it), then damaged."""
    rng = random.Random(5)
    targets = []
    for article in library.articles:
        for block in article.blocks_of("paragraph"):
            for s, e in sentence_spans(article.text, block.start, block.end):
                words = article.text[s:e].split()
                if 10 <= len(words) <= 35 and not re.search(r"[\[\]#(){}|*_]", article.text[s:e]):
                    targets.append((article.id, s, e))
    assert len(targets) >= 30
    sample = rng.sample(targets, 30)
    found = 0
    for article_id, s, e in sample:
        text = library.get(article_id).text
        hits = index.search(_damaged(text[s:e], rng), limit=3)
        found += bool(hits) and covers(hits[0], (article_id, s, e))
    assert found >= 28, f"recall@1 {found}/30"


def test_hit_spans_are_exact_word_aligned_slices(library, index):
    for _, misquote in MISQUOTES:
        for hit in index.search(misquote, limit=5):
            text = library.get(hit.article).text
            assert hit.text == text[hit.start:hit.end]
            assert hit.start == 0 or not text[hit.start - 1].isalnum()
            assert hit.end == len(text) or not text[hit.end].isalnum()
            assert hit.text[0].isalnum() and hit.text[-1].isalnum()
            assert hit.context_start <= hit.start and hit.end <= hit.context_start + len(hit.context)
            assert text[hit.context_start:hit.context_start + len(hit.context)] == hit.context
            record = hit.to_dict()
            assert set(record) >= {"kind", "article", "title", "score", "start", "end", "text", "context"}
            assert record["kind"] == "article"


@pytest.mark.parametrize("query", OFF_TOPIC + NONSENSE)
def test_nonsense_and_off_topic_queries_return_nothing(index, query):
    assert index.search(query, limit=10) == []


def test_short_query_is_word_search(library, index):
    hits = index.search("Caspian", limit=50)
    expected = sum(len(re.findall(r"\bCaspian\b", a.text)) for a in library.articles)
    assert expected >= 1 and len(hits) == expected
    assert all(h.text == "Caspian" and h.score == 100 for h in hits)
    typo = index.search("Caspain", limit=50)
    assert [(h.article, h.start) for h in typo] == [(h.article, h.start) for h in hits]
    assert all(h.score < 100 for h in typo)
    assert index.search("Caspia", limit=5)[0].text == "Caspian"  # part of a word: still snapped to it
    ansi = index.search("\x1b[31mCaspian\x1b[0m", limit=50)  # pasted terminal colours are ignored
    assert [(h.article, h.start) for h in ansi] == [(h.article, h.start) for h in hits]


def test_article_filter_limit_and_empty_query(library, index):
    original, misquote = MISQUOTES[0]
    article_id = locate(library, original)[0]
    other = next(a.id for a in library.articles if a.id != article_id)
    assert index.search(misquote, article=article_id)[0].article == article_id
    assert index.search(misquote, article=other) == []
    assert all(h.article == other for h in index.search("Azerbaijan", article=other, limit=20))
    assert len(index.search("Azerbaijan", limit=3)) == 3
    with pytest.raises(UsageError):
        index.search("   ")
    with pytest.raises(UsageError):
        index.search("Baku", article="no-such-article")


def test_cancelled_search_returns_nothing(index):
    assert index.search(MISQUOTES[1][1], cancelled=lambda: True) == []
    assert index.search(MISQUOTES[1][1], cancelled=lambda: False)
