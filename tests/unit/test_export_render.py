"""Rendering one note: inert user text, valid front matter, locations, block ids.

Articles are built with the real model (`ArticleDraft.assemble`), annotations are real
`workbench.store.Annotation`s; no cleaner involved, so nothing here depends on seeds.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.test_export_support import (
    BEGIN,
    END,
    check_structure,
    links,
    note_sections,
    parse,
)
from workbench.export import frontmatter
from workbench.export.flavours import FORMATS
from workbench.export.flavours import flavour as make_flavour
from workbench.export.markdown_safety import (
    block_lines,
    hashtag,
    inline,
    tag_from_hashtag,
)
from workbench.export.notetext import read_note
from workbench.export.render import (
    NoteLayout,
    block_ids,
    front_matter,
    reading_order,
    render_body,
)
from workbench.export.writer import compose
from workbench.library.model import ArticleDraft
from workbench.store import Annotation
from workbench.store.model import clean_note
from workbench.textnorm import strip_control

HOSTILE_NOTES = [
    "---", "# heading", "Title line\n---", "Title line\n===", "<script>alert(1)</script>",
    "[[Wiki Link]] and ![[embed.png]]", "\x1b[31mred\x1b[0m text\x07", "```\ncode\n```", "~~~\nfence",
    "    indented code", "> quoted", "| a | b |\n|---|---|\n| 1 | 2 |", "1. one\n2) two", "- item\n+ item",
    "* * *", "___", END, BEGIN + "\nx\n" + END, "[ref]: http://example.com", "<div>\nhtml\n</div>",
    "==hl== %%comment%% $x^2$ ~~gone~~", "ends with a block id ^abc123", "&lt;script&gt; &#60;",
    "line\u2028separator", "tab\tin\tline", "*emph* _u_ `code` \\back\\slash", "<http://auto.link>",
    "Setext\n\n\n---\nafter blank", "  #  indented heading", "\r\nwindows\r\nnewlines\r\n",
]


def make_article(title="A Test Article", authors=("Ada Lovelace",), outlet="The Outlet", date="2024-05-01"):
    draft = ArticleDraft(title=title, authors=list(authors), outlet=outlet, date=date)
    draft.add("title", title)
    draft.add("paragraph", "Opening words come first. They set the scene.")
    draft.add("heading", "Storage # matters")
    draft.add("paragraph", "Batteries change the picture at dusk.")
    draft.add("paragraph", "Second paragraph under storage.")
    draft.add("heading", "Policy")
    draft.add("paragraph", "Rules lag behind the market.")
    return draft.assemble(article_id="art_1", path=Path("/ws/seeds/art_1.txt"))


def ann(article, quote, *, note="", tags=(), color="yellow", status="anchored", ann_id=None):
    start = article.text.index(quote)
    return Annotation(id=ann_id or str(uuid.uuid4()), article=article.id, start=start, end=start + len(quote),
                      quote=quote, note=note, tags=list(tags), color=color, status=status)


def note_file(article, annotations, flavour="obsidian") -> str:
    ids = block_ids(annotations)
    chosen = make_flavour(flavour)
    return compose(None, front_matter(article, annotations), render_body(article, annotations, ids, None, chosen),
                   chosen.head).text


def canonical(note: str) -> str:
    """What a note is once cleaned: the store's cleaning, line separators as newlines,
    trailing blanks and blank edges dropped (the only changes export + read-back make)."""
    text = clean_note(note).replace("\u2028", "\n").replace("\u2029", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def read_back(text: str, flavour: str) -> list[str]:
    return [read_note(section.split("\n"), logseq=flavour == "logseq") for section in note_sections(text)]


@pytest.mark.parametrize("flavour", FORMATS)
@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_hostile_note_stays_inside_its_highlight(note, flavour):
    article = make_article()
    a = ann(article, "Batteries change the picture", note=clean_note(note), tags=["policy/energy"])
    text = note_file(article, [a], flavour)
    parsed = parse(text)
    check_structure(parsed)
    assert parsed.headings() == ([] if flavour == "logseq" else [("h1", article.title)])
    if flavour != "logseq":
        assert parsed.blockquotes() == [a.quote]
    assert text.split("\n").count(BEGIN) == 1 and text.split("\n").count(END) == 1
    assert read_back(text, flavour) == [canonical(note)]


@pytest.mark.parametrize("flavour", FORMATS)
def test_markdown_in_notes_is_kept_as_written(flavour):
    article = make_article()
    note = "**bold** and _it_ [[Some Page]] https://example.org/a_b_c `<b>` [x](https://e.org/x_y)"
    a = ann(article, "Rules lag", note=note)
    text = note_file(article, [a], flavour)
    assert note in text
    tokens = parse(text).tokens
    hrefs = links(parse(text))
    assert "https://e.org/x_y" in hrefs
    assert any(c.type == "strong_open" for t in tokens for c in t.children or [])


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80), st.sampled_from(FORMATS))
def test_any_note_text_is_inert_and_reads_back(note, flavour):
    article = make_article()
    try:
        cleaned = clean_note(note)
    except Exception:
        return
    a = ann(article, "Rules lag", note=cleaned)
    text = note_file(article, [a], flavour)
    parsed = parse(text)
    check_structure(parsed)
    if flavour != "logseq":
        assert parsed.headings() == [("h1", article.title)]
        assert len(parsed.blockquotes()) == 1
    [back] = read_back(text, flavour)
    assert back == canonical(note)
    # exporting what was read back gives the same file: read-back is a fixed point
    assert note_file(article, [ann(article, "Rules lag", note=back, ann_id=a.id)], flavour) == text


@pytest.mark.parametrize("title", [
    'Quote "marks": and colons', "---", "# Not a heading", "key: value\n---\nmore", "'single' \"double\"",
    "[[wiki]] <script>x</script>", "yes", "2024-01-01", "null", "Émigrés & ☃ — ünïcode", "@at *star &anchor !tag",
    "\x1b[2Jclear", "%YAML 1.1", "a\u2028b",
])
def test_front_matter_is_valid_yaml_and_title_is_inert(title):
    article = make_article(title=title, authors=("O'Brien, \"Pat\"", "- dash"), outlet="#outlet: x", date="2024-05-01")
    a = ann(article, "Opening words", tags=["x y", "policy/energy"])
    parsed = parse(note_file(article, [a]))
    check_structure(parsed)
    meta = parsed.meta
    assert meta["title"] == " ".join(strip_control(title).replace("\u2028", " ").split())
    assert meta["authors"] == ["O'Brien, \"Pat\"", "- dash"]
    assert meta["outlet"] == "#outlet: x" and meta["date"] == "2024-05-01"
    assert meta["source"] == "art_1" and meta["highlights"] == 1
    assert meta["tags"] == ["policy/energy", "x-y"]
    assert [tag for tag, _ in parsed.headings()] == ["h1"]


def test_locations_headings_paragraph_numbers_and_reading_order():
    article = make_article()
    late = ann(article, "Rules lag behind", ann_id="cccccccc-0000-4000-8000-000000000000")
    early = ann(article, "Opening words", ann_id="bbbbbbbb-0000-4000-8000-000000000000")
    mid = ann(article, "Second paragraph", ann_id="aaaaaaaa-0000-4000-8000-000000000000")
    in_title = ann(article, "Test Article")
    lost = ann(article, "Batteries", status="orphaned")
    layout = NoteLayout(article)
    got = [(layout.locate(a).heading, layout.locate(a).paragraph) for a in (early, mid, late, in_title, lost)]
    assert got == [(None, 1), ("Storage # matters", 3), ("Policy", 4), (None, None), (None, None)]
    assert layout.locate(in_title).kind == "title" and layout.locate(lost).kind is None
    order = reading_order([late, lost, mid, early, in_title])
    assert order == [in_title, early, mid, late, lost]
    parsed = parse(note_file(article, [late, lost, mid, early, in_title]))
    assert parsed.blockquotes() == [a.quote for a in order]
    ids = [p for p in parsed.paragraphs() if p.startswith("^")]
    assert ids == ["^" + a.id.replace("-", "")[:8] for a in order]
    locations = [item[0] for item in parsed.list_items() if item[0].startswith("Location:")]
    assert locations[2] == "Location: under “Storage # matters”, paragraph 3"
    assert locations[4] == "Location: not found in the current text"


def test_block_ids_are_short_and_grow_only_on_clash():
    a = Annotation(id="12345678-aaaa-4000-8000-000000000000", article="x", start=0, end=1, quote="x")
    b = Annotation(id="12345678-bbbb-4000-8000-000000000000", article="x", start=0, end=1, quote="x")
    c = Annotation(id="87654321-bbbb-4000-8000-000000000000", article="x", start=0, end=1, quote="x")
    ids = block_ids([a, b, c])
    assert ids[c.id] == "87654321"
    assert ids[a.id] != ids[b.id] and ids[a.id].startswith("12345678")
    assert block_ids([c]) == {c.id: "87654321"}


def test_tags_become_hashtags_and_inline_text_is_escaped():
    assert hashtag("policy/energy mix") == "#policy/energy-mix"
    assert hashtag("#a.b c") == "#a-b-c"
    assert hashtag("///") == "#tag"
    # Obsidian takes no tag without a letter: 2024 is written #y2024 and read back as 2024
    assert hashtag("2024") == "#y2024" and tag_from_hashtag("#y2024") == "2024"
    assert hashtag("2024/q1") == "#2024/q1" and tag_from_hashtag("#2024/q1") == "2024/q1"
    assert tag_from_hashtag("#policy/energy") == "policy/energy"
    assert inline("[[x]] <b> # *y*\n second") == "\\[\\[x\\]\\] \\<b\\> \\# \\*y\\* second"
    assert block_lines("\n\n a \n\n\n b \n\n") == ("a", "", "b")


def test_front_matter_merge_keeps_user_keys_after_ours():
    text = frontmatter.dump(frontmatter.merge({"title": "New", "tags": []}, {"title": "Old", "aliases": ["x"]}))
    assert yaml.safe_load(text.strip("-\n")) == {"title": "New", "tags": [], "aliases": ["x"]}
    assert text.index("title") < text.index("aliases")
    assert frontmatter.load("a: [unclosed") is None and frontmatter.load("- list") is None


def test_links_between_exported_files_match_relpath():
    import posixpath

    from workbench.export.index import link

    files = ["index.md", "a.md", "tags/x.md", "tags/y.md", "tags/p/e.md", "tags/p/f.md", "tags/q/r/s.md"]
    for here in files:
        for there in files:
            assert link(here, there, "^ab") == posixpath.relpath(there, posixpath.dirname(here) or ".") + "#^ab"
