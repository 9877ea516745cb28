"""Do no harm and linear time.

* Property: an article without furniture (a title line, then paragraphs of sentences), laid out
  one line per paragraph or hard-wrapped, keeps every word, and its first line is its title.
* Pathological inputs (long lines of `*`, `_` and `[`, no sentence ends, a 1 MB single line,
  hyphens at every line end, repeats) give the expected output, and the work done grows in
  proportion to the input: the number of Python function calls at 4× the size is at most ~4.5×
  (a quadratic step would make it 16×). Regex backtracking happens inside C and is not counted,
  so the 1 MB cases also run under a generous alarm (`slow`), which a quadratic regex would hit.
"""

from __future__ import annotations

import cProfile
import pstats
import signal
import textwrap
from collections import Counter

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbench.library.clean import clean_plain_text

WORDS = ["harbour", "council", "budget", "river", "bridge", "teacher", "village", "market", "winter", "report", "station", "farmer", "museum", "engineer", "railway", "tunnel", "ferry", "garden", "clinic", "doctor", "student", "library", "mayor", "minister", "plan", "season", "price", "water", "energy", "school", "studio", "office", "factory", "worker", "harvest", "coast", "island", "forest", "valley", "road", "street", "tower", "painter", "writer", "singer", "record", "season", "decade", "morning", "evening"]
VERBS = ["approved", "opened", "closed", "built", "studied", "visited", "reviewed", "praised", "delayed", "funded"]
LINKS = ["the", "a", "this", "every", "their"]


@st.composite
def sentence(draw):
    n = draw(st.integers(min_value=5, max_value=18))
    tokens = [draw(st.sampled_from(WORDS + VERBS + LINKS)) for _ in range(n)]
    return tokens[0].capitalize() + " " + " ".join(tokens[1:]) + draw(st.sampled_from([".", ".", "!", "?"]))


@st.composite
def article(draw):
    title = " ".join(w.capitalize() for w in draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=9)))
    paragraphs = draw(st.lists(st.lists(sentence(), min_size=1, max_size=5).map(" ".join), min_size=2, max_size=8))
    return title, paragraphs


def _tokens(text: str) -> Counter:
    return Counter(w.strip(".!?,").lower() for w in text.split())


def _repeats_a_run(paragraphs: list[str], size: int = 6) -> bool:
    """A run of six words said twice: a pull quote's signature, so no longer furniture-free."""
    tokens = " ".join(paragraphs).lower().replace(".", "").replace("!", "").replace("?", "").split()
    runs = [tuple(tokens[k:k + size]) for k in range(len(tokens) - size + 1)]
    return len(runs) != len(set(runs))


@settings(max_examples=60)
@given(article(), st.sampled_from(["lines", "wrapped", "wrapped-tight"]))
def test_an_article_without_furniture_keeps_every_word(art, layout):
    title, paragraphs = art
    assume(not _repeats_a_run(paragraphs))
    if layout == "lines":
        body = "\n\n".join(paragraphs)
    else:
        sep = "\n\n" if layout == "wrapped" else "\n"
        body = sep.join("\n".join(textwrap.wrap(p, 72)) for p in paragraphs)
    text = f"{title}\n\n{body}\n"
    lines = [line.strip().lower() for line in text.splitlines() if line.strip()]
    assume(len(lines) == len(set(lines)))  # a line said again and again is a running head: furniture
    draft = clean_plain_text(text)
    article = draft.assemble(article_id="x", path=__import__("pathlib").Path("x.txt"))
    assert draft.title == title and not draft.title_is_derived
    assert _tokens(article.text) == _tokens(text), draft.removed


def _calls(text: str) -> int:
    profile = cProfile.Profile()
    profile.enable()
    clean_plain_text(text)
    profile.disable()
    return sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # primitive + recursive calls


PATHOLOGICAL = {
    "stars": lambda n: "A Title\n\n" + "word * " * n,
    "star runs": lambda n: "A Title\n\n" + "**a " * n,
    "underscores": lambda n: "A Title\n\n" + "_x " * n,
    "brackets": lambda n: "A Title\n\n" + "a [b " * n,
    "links": lambda n: "A Title\n\n" + "[a](b " * n,
    "no sentence end": lambda n: "A Title\n\n" + "and the word " * n,
    "wrapped, no sentence end": lambda n: "A Title\n\n" + "\n".join(textwrap.wrap("and the word " * n, 72)),
    "single line": lambda n: "The ministry said the plan works. " * n,
    # each line its own (a line repeated all through a text is a running head, rightly dropped)
    "hyphen at every line end": lambda n: "A Title\n\n" + "".join(f"text {i} here con-\nnected{i} words\n" for i in range(n)),
    "short lines": lambda n: "\n".join(f"Item {i}" for i in range(n)),
    "menu": lambda n: "\n".join(f"• Menu {i}" for i in range(n)),
    "repeated paragraph": lambda n: "A Title\n\n" + "\n\n".join(["The council approved the budget on Monday."] * n),
    "repeated sentence": lambda n: "A Title\n\n" + " ".join(["The council approved the budget on Monday."] * n),
}


@pytest.mark.parametrize("name", list(PATHOLOGICAL))
def test_work_grows_linearly_with_the_input(name):
    make = PATHOLOGICAL[name]
    small, large = _calls(make(1000)), _calls(make(4000))
    assert large <= 4.5 * small + 2000, (small, large)


class _Alarm(Exception):
    pass


def _with_alarm(seconds: int, fn, *args):
    def ring(signum, frame):
        raise _Alarm(f"still running after {seconds} s: not linear")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        return fn(*args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["stars", "brackets", "wrapped, no sentence end", "single line",
                                  "hyphen at every line end"])
def test_a_megabyte_of_pathological_text_is_cleaned(name):
    text = PATHOLOGICAL[name](1)
    text = PATHOLOGICAL[name](1_000_000 // len(text) + 1)
    draft = _with_alarm(120, clean_plain_text, text)  # ~1–3 s at the time of writing; minutes when quadratic
    body = " ".join(t for k, t in draft.pieces)
    joined = text.replace("-\n", "")  # a word broken at a line end is one word
    assert len(body.split()) >= 0.9 * len(joined.split()) - 10  # nothing of it is furniture
