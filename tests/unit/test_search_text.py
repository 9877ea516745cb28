"""Search text handling: folded words (contractions, spelling, quotes) and passages."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.library import Library
from workbench.search.passages import MAX_WORDS, sentence_spans, split_passages
from workbench.search.tokens import Folded, fold_token, terms
from workbench.workspace import Workspace


@pytest.mark.parametrize("a, b", [
    ("don\u2019t", "do not"), ("can't", "cannot"), ("It\u2019s", "it is"), ("won't", "will not"),
    ("colour", "color"), ("organisations", "organizations"), ("analysed", "analyzed"),
    ("centre", "center"), ("defence", "defense"), ("travelled", "traveled"), ("catalogue", "catalog"),
    ("programme", "program"), ("They\u2019re", "they are"),
])
def test_variants_fold_to_the_same_terms(a, b):
    assert terms(a) == terms(b)


def test_distinct_words_stay_distinct():
    assert terms("hour our your four") == ["hour", "our", "your", "4"]  # numbers fold to digits
    assert terms("form from") == ["form", "from"]
    assert fold_token("Trump\u2019s") == ("trump",)


def test_punctuation_and_case_do_not_matter():
    assert terms('"Sovereignty First" -- diplomacy!') == terms("sovereignty first diplomacy")


def test_folded_words_map_back_to_original_offsets():
    text = "Well,  I don\u2019t  know\u2014really."
    f = Folded(text, offset=100)
    assert f.loose == "well i do not know really"
    # both terms of "don't" point at the original word
    i = f.loose.split().index("do")
    assert (f.starts[i], f.ends[i]) == (f.starts[i + 1], f.ends[i + 1])
    assert text[f.starts[i] - 100:f.ends[i] - 100] == "don\u2019t"
    a, b = f.words_in(f.loose.index("know"), len(f.loose))
    assert text[f.starts[a] - 100:f.ends[b - 1] - 100] == "know\u2014really"


def test_sentences_do_not_split_after_initials_or_titles():
    text = 'The U.S. President met Mr. Aliyev in Baku. He said \u201cno.\u201d Then he left!'
    got = [text[s:e] for s, e in sentence_spans(text, 0, len(text))]
    assert got == ["The U.S. President met Mr. Aliyev in Baku.", "He said \u201cno.\u201d", "Then he left!"]


def test_passages_cover_every_word_of_every_block_and_stay_inside_it(workspace: Path):
    library = Library(Workspace(workspace))
    for article in library.articles:
        passages = split_passages(article.text, article.blocks)
        assert passages
        covered = set()
        for p in passages:
            block = article.block_at(p.start)
            assert block.start <= p.start < p.end <= block.end
            assert (p.block_start, p.block_end) == (block.start, block.end)
            assert article.text[p.start:p.end] == article.text[p.start:p.end].strip()
            assert len(article.text[p.start:p.end].split()) <= MAX_WORDS
            covered.update(range(p.start, p.end))
        for block in article.blocks:
            for k, ch in enumerate(article.text[block.start:block.end]):
                if not ch.isspace():
                    assert block.start + k in covered, (article.id, block)


def test_alignment_snaps_to_whole_words_and_scores_the_span():
    from workbench.search.align import align

    text = "Well, you don\u2019t go there often, said the colourful neighbour."
    query = Folded("you do not go there").loose
    match = align(query, Folded(text))
    assert text[match.start:match.end] == "you don\u2019t go there" and match.score == 100
    partial = align(Folded("colorful neighbor").loose, Folded(text))
    assert text[partial.start:partial.end] == "colourful neighbour"
    typo = align(Folded("the colourfull neigbour").loose, Folded(text))
    assert text[typo.start:typo.end] == "the colourful neighbour" and 85 <= typo.score < 100
    assert align(Folded("quantum chromodynamics lattice").loose, Folded(text), score_cutoff=70) is None
