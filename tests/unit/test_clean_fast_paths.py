"""The cleaner's fast paths give the same answers as the plain definitions they replace."""

from __future__ import annotations

from hypothesis import example, given, settings
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


# --- clean4: cheap tests before regexes, shared words, lazy counts ------------------------------

from workbench.library.clean import boilerplate as _bp  # noqa: E402
from workbench.library.clean import bylines as _bylines  # noqa: E402
from workbench.library.clean import dates as _dates  # noqa: E402
from workbench.library.clean import lines as _lines  # noqa: E402
from workbench.library.clean import page as _page  # noqa: E402
from workbench.library.clean import pull_quotes as _pq  # noqa: E402
from workbench.library.clean import captions as _captions  # noqa: E402

_LINE_CHARS = st.sampled_from(list("aZé1 .,;:!?…'’\"”)(-—|•·/[]_*#©") + ["photo", "image", "getty images", "ap", "reuters",
                                                                    "2019", "May", "cookie", "sign", " by ", "Nov 19"])
_LINE = st.lists(_LINE_CHARS, max_size=25).map("".join)


_WORDS_OF_FURNITURE = st.lists(st.sampled_from(
    ["Photo", "photo:", "(Photo", "Image", "AP", "AFP", "Reuters", "Getty", "Images", "Images)", "via", "by", "Jane",
     "Doe", "/", "-", "—", ",", "|", "Nov", "19,", "2019", "19/11/2019", "2019-11-19", "12.03.2025", "May", "4", "We",
     "use", "cookies", "cookie", "policy", "Accept", "Sign", "up", "newsletter", "inbox", "Follow", "us", "on", "X",
     "the", "port", "Shutterstock", "(AP", "Photo)", "EPA"]), max_size=9).map(" ".join)


@settings(max_examples=800, deadline=None)
@given(st.one_of(_LINE, _WORDS_OF_FURNITURE))
@example("Crowds at the port, AP Photo")
@example("Crowds at the port / AFP via Getty Images)")
@example("Image source, Getty Images")
@example("REUTERS/Jane Doe")
@example("The harbour at dawn (Photo: Jane Doe)")
@example("Published 19.11.2019")
@example("\u0130mage: Jane Doe")
@example("Slide 2 of 5, \u017fhutterstock")
@example("\u0130mage 1 of 8")
@example("JANE DOE \t | \t Contributor, Harbour Times")
@example("A name of forty characters exactly here , Senior Fellow, Center for Food Security Studies")
@example("\u017flide 2 of / 5")
def test_gates_never_hide_a_match(text):
    """Each cheap test only skips a regex that could not have matched."""
    if _captions._BODY_CAPTION.search(text):
        assert _captions._may_be_body_caption(text)
    if any(p.search(text) for p in (_dates._ISO, _dates._MDY, _dates._DMY, _dates._NUMERIC)):
        assert _dates._YEAR.search(text)
    if _bylines._INLINE_ROLE.match(text):
        sep = _bylines._ROLE_SEPARATORS.search(text)
        assert len(text[:sep.start()].rstrip()) <= 40 and len(text[sep.end():].lstrip()) <= 60
    if _bp._GALLERY.match(text.strip()):
        assert text.strip()[:1] in _bp._GALLERY_FIRST
    low = text.lower()
    if _bp.boilerplate_kind.__wrapped__(text) in ("cookie", "promo"):
        assert _bp._LONG_HINT.search(low)


@settings(max_examples=150, deadline=None)
@given(st.from_regex(_bp._TAIL_HEADER, fullmatch=True), st.from_regex(_bp._ADVERT, fullmatch=True))
def test_list_headers_and_advert_lines_are_few_words(header, advert):
    """boilerplate_kind asks these two regexes only of lines of up to 17 and 8 words."""
    assert len(_lines.words(header.strip())) <= 17
    assert len(_lines.words(advert.strip())) <= 8


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=5))
def test_joined_words_are_the_words_of_the_joined_text(texts):
    joined, found = _lines.joined_words(texts)
    assert joined == " ".join(texts) and found == tuple(_lines._WORD.findall(joined))


@settings(max_examples=400, deadline=None)
@given(_LINE)
def test_fast_paths_equal_their_definitions(text):
    tail = text[-200:].rstrip()[-40:]
    assert _lines.ends_sentence(text) == (bool(tail) and tail[-1] in _lines.TERMINAL_LAST
                                          and bool(_lines._TERMINAL.search(tail)))
    folded = " ".join(_pq._folded(text).split())
    assert _pq._norm(text) == folded.strip(_pq._edges(folded))


def test_norm_strips_long_punctuation_runs_too():
    for text in ["—" * 100 + "word" + "…" * 100, "!" * 300, "a" + "." * 70]:
        folded = " ".join(_pq._folded(text).split())
        assert _pq._norm(text) == folded.strip(_pq._edges(folded))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["• Home", "Home", "home ", "1. Home", "HOME", "[x] Home", "Harbour news today",
                                 "• harbour news today", "Harbour News Today", "x" * 201]), max_size=12))
def test_repeats_count_as_the_dict_of_every_line(texts):
    lines = [_lines.Line(t) for t in texts]
    counts: dict[str, int] = {}
    for text in texts:
        if len(text) <= 200:
            counts[_page.line_key(text)] = counts.get(_page.line_key(text), 0) + 1
    repeats = _page.Repeats(lines)
    for key in {*counts, "home", "harbour news today", "nothing"}:
        assert repeats.get(key, 0) == counts.get(key, 0)


_ANCHORED = {"end": _bp._END_MARK, "tail": _bp._TAIL_HEADER, "advert": _bp._ADVERT, "nav": _bp._NAVIGATION,
             "social": _bp._SOCIAL, "meta": _bp._META, "read": _bp._READ_MORE}


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_each_line_regex_starts_where_its_first_character_test_says(data):
    """boilerplate_kind asks a line-anchored regex only when the line's first character is one of
    its `_FIRST` (or is no ASCII): every line the regex matches passes that test."""
    for name, regex in _ANCHORED.items():
        line = data.draw(st.from_regex(regex, fullmatch=True)).strip()
        first = line[:1]
        assert not first.isascii() or first.isspace() or not first or name in _bp._MAY_FIRST[first.lower()], (name, line)
    share = data.draw(st.from_regex(_bp._SHARE, fullmatch=True)).strip()
    assert not share[:1].isascii() or share[:1].lower() == "s"


_NAVIGATION_LINES = [
    "must read", "more articles", "latest news", "related posts", "recommended for you", "popular posts", "trending now",
    "you may also like", "share this article on x", "tweet", "print", "email", "comments", "leave a reply", "tags",
    "categories", "previous article", "next article", "skip to main content", "back to top", "follow us on x",
    "click here to read", "top stories", "editor's picks", "read more", "also read", "see also", "most read", "don't miss",
    "print this page", "listen to this article", "subscribe now", "sign in", "login", "continue reading below",
    "story continues below the advertisement", "scroll down to continue with content", "all rights reserved",
    "reading time 5 min", "enter your email address subscribe", "comments (3)", "3 comments", "view comments",
    "show comments", "menu", "search", "home", "close", "open menu", "toggle navigation", "main menu", "sections"]


def test_every_navigation_phrase_passes_its_first_character_test():
    for line in _NAVIGATION_LINES + [line.title() for line in _NAVIGATION_LINES]:
        assert _bp._NAVIGATION.match(line), line
        assert "nav" in _bp._MAY_FIRST[line[:1].lower()], line
        assert _bp.boilerplate_kind(line) == "navigation", line


# --- clean5: two-character gates, split_lines' space test -------------------------------------

_ANCHORED_NAMED = {**_ANCHORED, "share": _bp._SHARE, "comments": _bp._COMMENTS, "count": _bp._COMMENT_COUNT}


_may = _bp._may  # the gate boilerplate_kind and _tail_sections ask


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_each_line_regex_starts_where_its_two_character_test_says(data):
    """Every line a line-anchored regex matches passes the gate before it (first two characters
    when ASCII and the first is a letter, else the first character)."""
    for name, regex in _ANCHORED_NAMED.items():
        line = data.draw(st.from_regex(regex, fullmatch=True)).strip()
        assert name in _may(line), (name, line)
        if line[:1].isascii() and line[:1].isalpha():
            capitalised = line[:1].upper() + line[1:]
            assert not regex.match(capitalised) or name in _may(capitalised), (name, capitalised)


# One line per alternative of the other line-anchored regexes (tail headers, meta, read-more,
# adverts, share buttons): from_regex draws a few of each, these name them all.
_FURNITURE_LINES = [
    "More articles", "More stories", "More from The Harbour Times", "More coverage", "More on this story",
    "More on this topic", "Further reading", "Related", "Related stories", "In other news", "See more", "Tags", "Topics",
    "Categories", "Filed under", "Latest", "Latest news", "Recommended", "Recommended reading", "You may also like",
    "You might also like", "Most read", "Most popular", "Read next", "Read more", "Read also", "Also read", "See also",
    "Top stories", "Editor's picks", "Editors pick", "Popular posts", "Popular stories", "Trending", "Trending now",
    "What to read next", "More:", "Explore more", "Explore more on these topics", "Most viewed",
    "5 min read", "Tags: port", "Filed under: news", "Topics: harbour", "Home > News > Local", "News / Local",
    "Updated 3 hours ago", "Published 2 days ago", "Posted 5 mins ago", "3 hours ago",
    "Read more: the port", "Read also – x", "Also read: x", "See also: x", "Related: x", "Recommended | x", "Watch: clip",
    "Advertisement", "Advertising", "Sponsored", "Sponsored content", "Partner content", "Paid post", "Promoted content",
    "Ad", "spot_img", "- Advertisement -", "Advertisement - story continues below",
    "Share this", "Share on X", "Share via WhatsApp", "Facebook", "Twitter", "X", "x", "XX", "X, Facebook", "x|Facebook",
    "WhatsApp", "Telegram", "LinkedIn", "Reddit", "Pinterest", "Email", "E-mail", "Print", "Copy link", "Messenger",
    "• Advertisement •", "— Advertisement —", "–30–", "—30—", "■", "□□", "◆", "∎", "***", "###", "___",
    "Comments", "3 comments", "Leave a comment", "Join the discussion", "Show all 12 comments", "Comments are closed",
    "6 thoughts on “The port”", "12 comments on The port", "3 responses to “x”",
]


def test_every_navigation_phrase_passes_its_two_character_test():
    for line in _NAVIGATION_LINES + [line.title() for line in _NAVIGATION_LINES] + [line.upper() for line in _NAVIGATION_LINES]:
        assert "nav" in _may(line), line
    for line in _FURNITURE_LINES + [line.upper() for line in _FURNITURE_LINES]:
        kinds = {name for name, regex in _ANCHORED_NAMED.items() if regex.match(line)}
        assert kinds and kinds <= _may(line), (line, kinds)


def test_prose_lines_ask_no_line_regex():
    for line in ["The harbour authority approved the plan on Monday.", "He said the channel would be deeper.",
                 "In 2019 the port handled more cargo than ever.", "Officials declined to comment."]:
        assert not _may(line) - {"tail", "nav", "social", "meta", "read"} and not any(
            regex.match(line) for regex in _ANCHORED_NAMED.values())
    assert _may("The harbour") == frozenset()


def _split_lines_by_definition(text: str) -> list:
    lines, gap = [], 0
    for raw in text.split("\n"):
        clean = _lines.SPACES.sub(" ", raw).strip()
        if not clean:
            gap += 1
            continue
        lines.append(_lines.Line(clean, gap if lines else 0, raw[:2] == "  " or raw[:1] == "\t"))
        gap = 0
    return lines


@settings(max_examples=600, deadline=None)
@given(st.text(st.sampled_from(list("ab. \n\t\u00a0\u2009\u202f\u2007\u3000\r\x0b\u2028—")), max_size=60))
@example("  a  b\n\n\t c\u00a0\u00a0d \n\u2009x\u2007 y")
@example("a\u00a0 b\n\u3000 \u00a0c")
def test_split_lines_is_the_substitution_on_every_line(text):
    assert _lines.split_lines(text) == _split_lines_by_definition(text)


def _split_glued_eagerly(units, draft, finished):
    """_split_glued_pull_quotes as first written: every paragraph's token_norm made up front."""
    normed = [_pq.token_norm(u.text) if u.kind == "paragraph" else "" for u in units]
    candidates = _pq.sharing_runs([text.split() for text in normed])
    for index, unit in enumerate(units):
        if unit.kind != "paragraph" or index not in candidates:
            continue
        around = " | ".join(normed[max(0, index - 1):index] + normed[index + 1:index + 2])
        glued = _pq.split_glued(unit.text, around, finished=finished)
        if glued:
            draft.remove("pull_quote", glued[0])
            unit.text = glued[1]
            normed[index] = _pq.token_norm(unit.text)


_QUOTE_WORDS = ["port", "will", "grow", "harbour", "deeper", "channel", "ships", "cargo", "said", "—", "the", "new",
                "crane", "“quote”", "(d)", "|", "city", "plan", "..."]


def _glued_article(rng) -> list[tuple[str, str]]:
    """Paragraphs of sentences, a few sentences printed again inside one (cut short, with a lead-in)."""
    def sentence() -> str:
        words = [rng.choice(_QUOTE_WORDS) for _ in range(rng.randint(4, 12))]
        return " ".join([words[0].capitalize(), *words[1:]]) + rng.choice([".", ".", "?", ".”"])

    paragraphs = [[sentence() for _ in range(rng.randint(1, 5))] for _ in range(rng.randint(1, 5))]
    for _ in range(rng.randint(0, 3)):
        copy = rng.choice(rng.choice(paragraphs))
        copy = copy.rstrip(".?”") if rng.random() < 0.5 else copy
        copy = "Indeed, " + copy[0].lower() + copy[1:] if rng.random() < 0.3 else copy
        target = rng.choice(paragraphs)
        target.insert(rng.randint(0, len(target)), copy)
    return [(rng.choice(["paragraph"] * 5 + ["heading"]), " ".join(p)) for p in paragraphs]


@settings(max_examples=400, deadline=None)
@given(st.randoms(use_true_random=False), st.booleans())
def test_glued_pull_quotes_lazily_as_eagerly(rng, finished):
    """Norm words for the repeated-run test and neighbours normalised only where a candidate asks:
    the same splits as normalising every paragraph first (the generated articles split often)."""
    from workbench.library.clean.paragraphs import Unit
    from workbench.library.clean.pipeline import _split_glued_pull_quotes
    from workbench.library.model import ArticleDraft

    pieces = _glued_article(rng)
    for text in (t for _, t in pieces):
        assert _pq.norm_words(text) == _pq.token_norm(text).split()
        folded = _pq._folded(text)
        assert _pq._norm_tokens(text) == [token.strip(_pq._edges(folded)) for token in folded.split()]
    lazy, eager = [Unit(k, t) for k, t in pieces], [Unit(k, t) for k, t in pieces]
    lazy_draft, eager_draft = ArticleDraft(), ArticleDraft()
    _split_glued_pull_quotes(lazy, lazy_draft, finished)
    _split_glued_eagerly(eager, eager_draft, finished)
    assert [u.text for u in lazy] == [u.text for u in eager] and lazy_draft.removed == eager_draft.removed


_PQ_WORDS = ["Indeed,", "in", "short,", "but", "still", "the", "port", "will", "grow", "deeper", "—", "Jane", "Doe", "…",
             "...", "“Ships", "wait.”", "channel", "said,", "a", "b"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PQ_WORDS), min_size=0, max_size=16).map(" ".join),
       st.lists(st.lists(st.sampled_from(_PQ_WORDS), max_size=30).map(" ".join), min_size=1, max_size=3),
       st.randoms(use_true_random=False))
def test_pull_quote_probes_never_hide_a_repeat(quote, others, rng):
    """find_pull_quotes makes variants only where a source holds five words of the needle from one
    of its first four words on: a variant is found nowhere else."""
    needle = _pq._norm(quote)
    words = needle.split(" ")
    start = rng.randint(0, 4)
    sources = [_pq._norm(f"{text} {' '.join(words[start:start + rng.randint(3, 16)])} {text}") for text in others]
    if not _pq._may_repeat(needle, sources):
        assert not any(_pq._repeated_once(variant, source) for variant in _pq._variants(needle) for source in sources)


def test_pull_quote_probe_after_a_three_word_lead_in():
    needle = _pq._norm("In the end, the port will grow deeper here")
    source = _pq._norm("Officials said the port will grow deeper here soon, and more.")
    assert any(_pq._repeated_once(variant, source) for variant in _pq._variants(needle))
    assert _pq._may_repeat(needle, [source])


@settings(max_examples=400, deadline=None)
@given(st.one_of(_LINE, st.from_regex(_bp._PAGE_NUMBER, fullmatch=True),
                 st.from_regex(_bp._PAGE_NUMBER, fullmatch=True).map(lambda t: t + "\n")))
def test_page_number_gate_is_the_regex(text):
    assert _bp._page_number(text) == bool(_bp._PAGE_NUMBER.match(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ •“□©━■—–-|‘«▪\u00a0\u3000ſK") + ["Advertisement", "30", " comments"]),
                max_size=8).map("".join))
def test_symbol_gate_never_hides_a_match(text):
    """A line starting with a symbol (•, “, □) asks only the regexes a match of which can start
    with it — every regex that matches it is among them."""
    may = _bp._may(text)
    for name, regex in _ANCHORED_NAMED.items():
        if regex.match(text):
            assert name in may, (name, text)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(_bylines._ABOUT_AUTHOR))
def test_about_the_author_lines_are_short(line):
    """_author_box_at asks _ABOUT_AUTHOR only of lines of up to 19 characters."""
    assert len(line) <= 19
