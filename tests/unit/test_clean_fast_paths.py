"""The cleaner's fast paths give the same answers as the plain definitions they replace."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.library.clean.hyphenation import _BROKEN, Vocabulary, drop_broken

# Letters of several scripts, digits that are and are not decimal, hyphens, dashes, spaces, newlines.
_CHARS = st.sampled_from(list("abZéß²1_---  \t\n\n\r—'٣Ⅻ"))


@settings(max_examples=800, deadline=None)
@given(st.text(_CHARS, max_size=40))
def test_drop_broken_is_the_regex_substitution(text):
    assert drop_broken(text) == _BROKEN.sub(" ", text)


def test_drop_broken_on_chained_and_unbroken_hyphens():
    for text in ["a-\nb-\nc-\nd", "govern-\n  ment and pro-\n\nWestern", "2014-\n2015", " -\nx", "word-", "co-op\n"]:
        assert drop_broken(text) == _BROKEN.sub(" ", text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(st.sampled_from(list("abcdefgé-")), min_size=1, max_size=9), max_size=30),
       st.text(st.sampled_from(list("abcdefgé")), min_size=0, max_size=12))
def test_stem_lookup_matches_the_set_of_every_prefix(vocabulary, word):
    vocab = Vocabulary(" ".join(vocabulary))
    prefixes = {w[:k] for w in vocab.words if "-" not in w for k in range(5, len(w) + 1)}
    expected = len(word) >= 6 and word.lower()[: max(5, len(word) - 3)] in prefixes
    assert vocab.has_stem_of(word) == expected
