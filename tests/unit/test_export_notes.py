"""export_notes end to end on real files: a real Library over a temp workspace and the real
TinyDB annotation store. Offsets and texts are computed from the loaded articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_export_support import BEGIN, END, check_structure, parse, read_all
from workbench.errors import UsageError
from workbench.export import export_notes
from workbench.library import Library
from workbench.store import open_store
from workbench.workspace import Workspace


def span_in(article, n: int, length: int = 30) -> tuple[int, int]:
    """Start/end of the first words of the n-th paragraph (0-based) of an article."""
    block = article.blocks_of("paragraph")[n]
    return block.start, min(block.end, block.start + length)


@pytest.fixture
def env(workspace: Path):
    ws = Workspace(workspace)
    library = Library(ws)
    return ws, library, open_store(ws)


def add(store, article, n, **kw):
    start, end = span_in(article, n)
    return store.add_highlight(article, start, end, **kw)


def snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_export_writes_parsable_notes_index_and_tag_pages(env):
    ws, library, store = env
    a, b = library.articles[:2]
    h1 = add(store, a, 0, tags=["Policy/Energy", "x y"], note="# not a heading\n---")
    h2 = add(store, a, 1, tags=["x y"])
    h3 = add(store, b, 0, note="<script>alert(1)</script>")
    result = export_notes(library, store, ws.notes)
    files = read_all(ws.notes)
    assert sorted(files) == sorted(result.written) and result.unchanged == []
    assert {"index.md", "tags/policy/energy.md", "tags/x-y.md"} <= set(files)
    for parsed in files.values():
        check_structure(parsed)
    note_a = files[result_name(ws, a.id)]
    assert note_a.meta["source"] == a.id and note_a.meta["highlights"] == 2
    assert note_a.meta["tags"] == ["policy/energy", "x-y"]
    assert [t for t, _ in note_a.headings()] == ["h1"]
    assert [" ".join(q.split()) for q in note_a.blockquotes()] == [" ".join(h.quote.split()) for h in (h1, h2)]
    # tag page: quotes that link to the block ids in the article note
    tag_page = files["tags/x-y.md"]
    assert len(tag_page.blockquotes()) == 2
    links = [p for p in tag_page.paragraphs() if p.startswith("— ")]
    body = tag_page.body
    for h in (h1, h2):
        short = h.id.replace("-", "")[:8]
        assert f"](../{result_name(ws, a.id)}#^{short})" in body
        assert f"\n^{short}\n" in note_a.body
    assert len(links) == 2
    index = files["index.md"]
    assert index.meta["highlights"] == 3 and index.meta["articles"] == 2
    assert f"]({result_name(ws, b.id)})" in index.body and "](tags/policy/energy.md)" in index.body
    assert h3.id  # b's note exists with its hostile note inert (checked by check_structure)


def result_name(ws: Workspace, article_id: str) -> str:
    manifest = json.loads((ws.notes / ".workbench-export.json").read_text())
    return manifest["articles"][article_id]


@pytest.mark.parametrize("flavour", ["obsidian", "commonmark", "logseq"])
def test_re_export_is_byte_identical_and_leaves_mtimes(env, flavour):
    ws, library, store = env
    a = library.articles[0]
    add(store, a, 0, tags=["t"], note="**x**\n\n# y\n```\nz")
    add(store, a, 1)
    export_notes(library, store, ws.notes, format=flavour)
    before = snapshot(ws.notes)
    result = export_notes(library, store, ws.notes, format=flavour)
    assert result.written == [] and len(result.unchanged) == 3
    assert snapshot(ws.notes) == before


def test_user_text_survives_re_export(env):
    ws, library, store = env
    a = library.articles[0]
    add(store, a, 0)
    export_notes(library, store, ws.notes)
    path = ws.notes / result_name(ws, a.id)
    text = path.read_text()
    fm_end = text.index("\n---\n") + 5
    edited = (text[:4] + "aliases: [my alias]\n" + text[4:fm_end] + "My intro above.\n"
              + text[fm_end:] + "\n## My thoughts\n\nWritten by me.\n")
    path.write_text(edited)
    add(store, a, 1, note="second")
    result = export_notes(library, store, ws.notes)
    assert result_name(ws, a.id) in result.written
    new = path.read_text()
    assert "My intro above.\n" in new and new.endswith("\n## My thoughts\n\nWritten by me.\n")
    parsed = parse(new)
    assert parsed.meta["aliases"] == ["my alias"] and parsed.meta["highlights"] == 2
    assert new.index("My intro above.") < new.index(BEGIN) < new.index(END) < new.index("My thoughts")
    assert export_notes(library, store, ws.notes).written == []


def test_damaged_markers_keep_user_text_and_a_backup(env):
    ws, library, store = env
    a = library.articles[0]
    add(store, a, 0)
    export_notes(library, store, ws.notes)
    path = ws.notes / result_name(ws, a.id)
    damaged = path.read_text().replace(END + "\n", "") + "\nmy precious words\n"
    path.write_text(damaged)
    result = export_notes(library, store, ws.notes)
    assert any("damaged" in w for w in result.warnings)
    assert (path.parent / (path.name + ".bak")).read_text() == damaged
    new = path.read_text()
    assert "my precious words" in new and new.count(BEGIN) == 1 and new.count(END) == 1
    assert new.index(END) < new.index("my precious words")
    assert export_notes(library, store, ws.notes).written == []


def test_title_change_keeps_file_name(env):
    ws, library, store = env
    a = library.articles[0]
    add(store, a, 0)
    export_notes(library, store, ws.notes)
    name = result_name(ws, a.id)
    a.title = "A Completely Different Title"
    export_notes(library, store, ws.notes)
    assert result_name(ws, a.id) == name
    assert parse((ws.notes / name).read_text()).meta["title"] == "A Completely Different Title"


def test_foreign_files_are_never_touched_and_stale_pages_are_tidied(env):
    ws, library, store = env
    a = library.articles[0]
    h = add(store, a, 0, tags=["old"])
    export_notes(library, store, ws.notes)
    name = result_name(ws, a.id)
    (ws.notes / "mine.md").write_text("# my own\n")
    (ws.notes / "tags" / "mine.md").write_text("mine\n")
    with (ws.notes / name).open("a") as f:
        f.write("\nmy thoughts\n")
    store.delete(h.id)
    result = export_notes(library, store, ws.notes)
    assert result.removed == ["tags/old.md"] and not (ws.notes / "tags" / "old.md").exists()
    assert (ws.notes / "mine.md").read_text() == "# my own\n"
    assert (ws.notes / "tags" / "mine.md").read_text() == "mine\n"
    kept = (ws.notes / name).read_text()
    assert "my thoughts" in kept and "No highlights here any more" in kept
    assert "No highlights yet" in (ws.notes / "index.md").read_text()


def test_slug_never_overwrites_a_file_the_user_owns(env):
    ws, library, store = env
    a = library.articles[0]
    add(store, a, 0)
    export_notes(library, store, ws.notes / "probe")
    slug = result_name_in(ws.notes / "probe", a.id)
    (ws.notes / slug).write_text("user file\n")
    export_notes(library, store, ws.notes)
    assert (ws.notes / slug).read_text() == "user file\n"
    assert result_name(ws, a.id) == slug.removesuffix(".md") + "-2.md"


def result_name_in(out: Path, article_id: str) -> str:
    return json.loads((out / ".workbench-export.json").read_text())["articles"][article_id]


def test_filters_refresh_only_the_named_files(env):
    ws, library, store = env
    a, b = library.articles[:2]
    add(store, a, 0, tags=["policy/energy"])
    add(store, b, 0, tags=["other"])
    result = export_notes(library, store, ws.notes, article=a.id[:5])
    assert sorted(result.written) == sorted([result_name(ws, a.id), "index.md"])
    result = export_notes(library, store, ws.notes, tag="Policy")
    assert "tags/policy/energy.md" in result.written and "tags/other.md" not in result.written + result.unchanged
    with pytest.raises(UsageError):
        export_notes(library, store, ws.notes, tag="nope")
    with pytest.raises(UsageError):
        export_notes(library, store, ws.notes, article=library.articles[4].id)


def test_empty_export_writes_index(empty_workspace: Path):
    ws = Workspace(empty_workspace)
    result = export_notes(Library(ws), open_store(ws), None)
    assert result.written == ["index.md"]
    index = parse((ws.notes / "index.md").read_text())
    assert index.meta["highlights"] == 0 and "No highlights yet" in index.body


def test_stale_page_with_user_properties_is_kept(env):
    ws, library, store = env
    a = library.articles[0]
    h = add(store, a, 0, tags=["gone"])
    export_notes(library, store, ws.notes)
    page = ws.notes / "tags" / "gone.md"
    page.write_text(page.read_text().replace("---\n", "---\naliases: [mine]\n", 1))
    store.delete(h.id)
    result = export_notes(library, store, ws.notes)
    assert "tags/gone.md" not in result.removed
    assert parse(page.read_text()).meta["aliases"] == ["mine"]
    assert result_name(ws, a.id) in result.removed


def test_notes_written_by_the_older_export_are_not_read_as_edits(env):
    """Upgrading: the manifest has no read-back history and notes were fully escaped; an
    unchanged old note is not an edit, an edited one is a conflict (who changed it is unknown)."""
    from workbench.export.markdown_safety import block_lines

    ws, library, store = env
    a = library.articles[0]
    h1 = add(store, a, 0, note="**bold** and [[Page]]")
    h2 = add(store, a, 1, note="plain words")
    export_notes(library, store, ws.notes)
    path = ws.notes / result_name(ws, a.id)
    text = path.read_text()
    old_style = "\n".join("  " + line for line in block_lines(h1.note))
    text = text.replace("  **bold** and [[Page]]", old_style)
    assert "\\*\\*bold\\*\\*" in text
    text = text.replace("  plain words", "  plain words, edited")
    path.write_text(text)
    manifest = ws.notes / ".workbench-export.json"
    data = json.loads(manifest.read_text())
    data.pop("synced"), data.pop("heads")
    manifest.write_text(json.dumps(data))
    result = export_notes(library, store, ws.notes)
    assert result.read_back == []
    assert store.get(h1.id).note == "**bold** and [[Page]]" and store.get(h2.id).note == "plain words"
    conflict = (ws.notes / result.conflicts[0]).read_text()
    assert "plain words, edited" in conflict and "bold" not in conflict
    assert "  **bold** and [[Page]]" in path.read_text()
