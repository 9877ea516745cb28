"""Page sections around the article (clean/boilerplate.py): a blog's comment section of any
length when its posts carry time stamps, list headers ending in an ellipsis ("You may also
like…") or a bare "More:", and a photo gallery's block ("Image 1 of 8" … "Back to Gallery").
Small handmade texts; do-no-harm cases too."""

from __future__ import annotations

from tests.unit.clean_helpers import removed
from workbench.library.clean import clean_plain_text

PROSE = ("The council approved the new budget on Monday after a debate that lasted well into the night, "
         "and the mayor said the cuts to the library service would be reviewed in the spring.")


def _article(paragraphs: int = 6) -> str:
    return "Council passes budget\n\n" + "\n\n".join(f"{PROSE} Point {n}." for n in range(paragraphs))


def _posts(count: int) -> str:
    posts = []
    for n in range(count):
        posts.append(f"Reader Number{n}\nAugust {n + 1}, 2018 at {n % 12 + 1}:15 pm\n\n"
                     "I read this twice and I think the library cuts are a mistake, honestly.\n"
                     "Thanks for writing it all up so clearly.\n\nReply")
    return "\n\n".join(posts)


def test_counted_comment_header_with_stamped_posts_goes_whatever_its_length():
    # 9 posts: 45 lines, more than the 40 an unstamped comment section may have (in the page's
    # second half, as tail sections are).
    text = _article(50) + "\n\n4 thoughts on “Council passes budget”\n\n" + _posts(9)
    draft = clean_plain_text(text)
    body = "\n".join(t for _, t in draft.pieces)
    assert "library cuts are a mistake" not in body
    assert "4 thoughts on “Council passes budget”" in removed(draft, "navigation")
    assert len(removed(draft, "comment")) >= 9 * 4
    assert body.count("Point") == 50  # the article stays whole


def test_comment_header_without_stamps_keeps_a_long_section():
    # No post stamps: nothing says these are comments, so a long section after the header stays.
    rest = "\n\n".join(f"{PROSE} Part {n}." for n in range(45))
    draft = clean_plain_text(_article(50) + "\n\n3 responses to the plan\n\n" + rest)
    body = "\n".join(t for _, t in draft.pieces)
    assert "Part 44." in body and not removed(draft, "comment")


def test_stamps_far_below_the_header_do_not_open_a_comment_section():
    # A sentence-like "12 comments on …" line in the text, stamps only much later: not a comment header.
    middle = "\n\n".join(f"{PROSE} Part {n}." for n in range(10))
    text = (_article(30) + "\n\n12 comments on the plan were filed by residents\n\n" + middle
            + "\n\nMarch 3, 2019 at 4:00 pm\n\nMarch 4, 2019 at 5:00 pm\n\n" + PROSE)
    draft = clean_plain_text(text)
    assert "Part 9." in "\n".join(t for _, t in draft.pieces) and not removed(draft, "comment")


def test_list_header_with_ellipsis_and_bare_more_colon_go_with_their_headlines():
    for header in ("You may also like...", "Related stories…", "More:"):
        text = _article() + f"\n\n{header}\n\nMayor opens new bridge\n\nSchool roof repairs delayed again"
        draft = clean_plain_text(text)
        body = "\n".join(t for _, t in draft.pieces)
        assert "Mayor opens new bridge" not in body and header in removed(draft, "navigation"), header
        assert body.count("Point") == 6


def test_more_inside_a_sentence_is_no_header():
    draft = clean_plain_text(_article() + "\n\nMore: the council will meet again next week to vote on it.")
    assert "the council will meet again next week" in "\n".join(t for _, t in draft.pieces)


def test_gallery_counter_block_goes_as_captions():
    gallery = ("Image 1 of 8\nThe mayor cuts a ribbon at the new library in the town centre on Monday. less\n"
               "The mayor cuts a ribbon at the new library ... more\nPhoto: Jane Doe, AP\n"
               "Mayor opens library\n1  /  8\nBack to Gallery")
    draft = clean_plain_text(_article() + "\n\n" + gallery + "\n\n" + PROSE + " After the gallery.")
    body = "\n".join(t for _, t in draft.pieces)
    assert "cuts a ribbon" not in body and "Back to Gallery" in removed(draft, "caption")
    assert "After the gallery." in body and body.count("Point") == 6  # the blank line ends the gallery


def test_image_counter_inside_a_sentence_is_no_gallery():
    draft = clean_plain_text(_article() + "\n\nThe report shows image 1 of 8 from the archive.\n" + PROSE)
    assert "image 1 of 8 from the archive" in "\n".join(t for _, t in draft.pieces)
