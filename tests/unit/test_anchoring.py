"""Re-anchoring: exact, exact elsewhere by context, fuzzy with a minimum and an ambiguity check."""

from __future__ import annotations

from workbench.store.anchoring import closest_passage, reanchor, snippet
from tests.conftest import SEEDS

TEXT = (SEEDS / "000_7fe54f432c3a38c8.txt").read_text(encoding="utf-8")


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def _ctx(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - 32):start], text[end:end + 32]


def test_unchanged_text_stays_anchored():
    quote = "a new paradigm of \"Sovereignty First\" diplomacy"
    s, e = _span(TEXT, quote)
    found = reanchor(TEXT, quote, s, e, *_ctx(TEXT, s, e))
    assert (found.start, found.end, found.status) == (s, e, "anchored")


def test_text_inserted_before_moves_the_annotation():
    quote = "casting international organizations not as essential arbiters"
    s, e = _span(TEXT, quote)
    new = "EDITOR'S NOTE: updated.\n\n" + TEXT
    found = reanchor(new, quote, s, e, *_ctx(TEXT, s, e))
    assert found.status == "moved"
    assert new[found.start:found.end] == quote and found.start == s + 25


def test_curly_quotes_and_whitespace_changes_are_the_same_text():
    text = 'He said "it\'s fine" and   left the\nroom quietly.'
    quote = "\"it's fine\" and   left the\nroom"
    s, e = _span(text, quote)
    new = "He said \u201cit\u2019s fine\u201d and left the room quietly."
    found = reanchor(new, quote, s, e, *_ctx(text, s, e))
    assert found.status in ("anchored", "moved")
    assert new[found.start:found.end] == "\u201cit\u2019s fine\u201d and left the room"


def test_duplicate_passage_is_chosen_by_context():
    para = "The ministers agreed on a framework for energy cooperation."
    text = f"In January, in Baku. {para} Later, in Paris, things changed. {para} The end came in May."
    second = text.index(para, text.index(para) + 1)
    s, e = second, second + len(para)
    new = "PREFACE. " + text
    found = reanchor(new, para, s, e, *_ctx(text, s, e))
    assert found.status == "moved" and found.start == s + 9


def test_duplicates_with_identical_context_need_review():
    para = "The ministers agreed on a framework for energy cooperation."
    text = f"Intro here. {para} Middle part. {para} Outro."
    s = text.index(para)
    prefix, suffix = _ctx(text, s, s + len(para))
    # the text is rewritten so both copies sit in identical surroundings
    block = f"Same words around it. {para} Same words around it."
    new = f"{block}\n{block}"
    found = reanchor(new, para, s, s + len(para), prefix, suffix)
    assert found.status == "needs_review"


def test_small_edit_inside_the_quote_is_found_fuzzily():
    quote = "Baku is adopting a similar transactional approach"
    s, e = _span(TEXT, quote)
    new = TEXT.replace(quote, "Baku is adopting a very similar transactional approach", 1)
    found = reanchor(new, quote, s, e, *_ctx(TEXT, s, e))
    assert found.status == "moved"
    assert new[found.start:found.end] == "Baku is adopting a very similar transactional approach"


def test_weak_match_needs_review_and_no_match_is_orphaned():
    quote = "Baku is adopting a similar transactional approach"
    s, e = _span(TEXT, quote)
    weak = TEXT.replace(quote, "Baku now adopts some kind of transactional stance", 1)
    found = reanchor(weak, quote, s, e, *_ctx(TEXT, s, e))
    assert found.status in ("needs_review", "orphaned")
    gone = TEXT.replace(quote, "zzzz qqqq 1234 ", 1)
    found = reanchor(gone[:200], quote, s, e, *_ctx(TEXT, s, e))
    assert found.status == "orphaned"
    assert 0 <= found.start <= found.end <= 200


def test_two_equally_good_fuzzy_matches_need_review():
    quote = "the council approved the pipeline budget"
    text = f"Alpha. {quote} Omega."
    s, e = _span(text, quote)
    new = "Alpha. the council approved the pipeline budgets Omega. Alpha. the council approved the pipeline budgets Omega."
    found = reanchor(new, quote, s, e, *_ctx(text, s, e))
    assert found.status == "needs_review"


def test_closest_passage_points_at_the_nearest_text():
    s, e, score = closest_passage(TEXT, "Baku is adopting a simlar transactional aproach")
    assert "transactional" in TEXT[s:e] and score > 80


def test_long_quotes_are_suggested_and_reanchored_with_bounded_alignments(monkeypatch):
    """partial_ratio_alignment grows ~quadratically with the quote: only bounded pieces go to it."""
    from workbench.store import anchoring

    aligned: list[int] = []
    real = anchoring.fuzz.partial_ratio_alignment

    def recording(quote, *args, **kwargs):
        aligned.append(len(quote))
        return real(quote, *args, **kwargs)

    monkeypatch.setattr(anchoring.fuzz, "partial_ratio_alignment", recording)
    for quote in ("x" * 10_000, "word " * 2_000):
        closest_passage(TEXT, quote)
        assert reanchor(TEXT, quote, 100, 100 + len(quote)).status == "orphaned"
    s, e = TEXT.index("casting international"), 4_400  # a 4,000-character highlight, words inserted inside
    while TEXT[e - 1].isspace():
        e -= 1
    quote = TEXT[s:e]
    new = "EDITOR'S NOTE: updated.\n\n" + TEXT[:s + 2_000] + " inserted words here" + TEXT[s + 2_000:]
    found = reanchor(new, quote, s, e, *_ctx(TEXT, s, e))
    assert aligned and max(aligned) <= max(anchoring.HINT_QUOTE, anchoring.LONG_QUOTE, 2 * anchoring.EDGE)
    assert (found.status, found.start, found.end) == ("moved", s + 25, e + 25 + 20), found


def test_message_snippets_show_whole_words():
    """The closest-passage hint once began "…onstruction is expected": cut mid-word."""
    text = ("The harbour reconstruction is expected to begin next spring, officials said, "
            "after years of delays and three failed tenders for the dredging contract.")
    start = text.index("expected")
    shown = snippet(text, start, start + len("expected to begin"), 40)
    words = set(text.replace(",", " ").replace(".", " ").split())
    assert "expected to begin" in shown and shown.startswith("…") and shown.endswith("…")
    assert all(w in words for w in shown.strip("…").replace(",", " ").split())
    assert snippet(text, 70, 73, 400) == text  # room for the whole text: nothing cut
    long_word = "x" * 90
    assert snippet(long_word, 40, 50, 40).startswith("…")  # no spaces at all: cut anyway, still bounded
    assert len(snippet(long_word, 40, 50, 40)) <= 42
