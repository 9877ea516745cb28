"""The store index: a command reads only the annotation files it needs, and the index follows
changes made by other processes (counted reads, real files, real library)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.library import Library
from workbench.store import open_store
from workbench.workspace import Workspace


@pytest.fixture
def ws(workspace: Path) -> Workspace:
    return Workspace(workspace)


def counting(store) -> list[str]:
    """Record which article files the store parses from now on."""
    reads: list[str] = []
    for name in ("read_partition", "read_raw"):  # unlocked reads and reads inside a transaction
        original = getattr(store.files, name)

        def counted(article: str, original=original):
            reads.append(article)
            return original(article)

        setattr(store.files, name, counted)
    return reads


def highlight_everywhere(ws: Workspace) -> dict:
    store = open_store(ws)
    anns = {}
    for article in Library(ws).articles:
        anns[article.id] = store.add_highlight(article, 0, 20)
    return anns


def test_sync_reads_only_the_edited_articles_file(ws):
    anns = highlight_everywhere(ws)
    assert len(anns) >= 3
    open_store(ws).sync(Library(ws))  # builds the index
    edited = sorted(anns)[1]
    path = Library(ws).source_paths()[edited]
    path.write_text("A new first line.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    store = open_store(ws)
    reads = counting(store)
    changed = store.sync(Library(ws))
    assert {a.article for a in changed} == {edited}
    assert set(reads) == {edited}
    assert not counting(store) and not store.sync(Library(ws))  # nothing stale any more


def test_sync_only_one_article_touches_no_other(ws):
    anns = highlight_everywhere(ws)
    for path in Library(ws).source_paths().values():  # every article changed
        path.write_text("Lead line, added later.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    target = sorted(anns)[0]
    store = open_store(ws)
    reads = counting(store)
    store.sync(Library(ws), only=[Library(ws).get(target)])
    assert set(reads) <= {target}
    after = {a.id: a for a in open_store(ws).all()}
    assert all(after[a.id].text_hash == a.text_hash for a in anns.values() if a.article != target)  # left for later
    fresh = Library(ws)
    assert after[anns[target].id].text_hash == fresh.get(target).text_hash
    open_store(ws).sync(Library(ws))
    assert all(a.text_hash == fresh.get(a.article).text_hash for a in open_store(ws).all())


def test_resolving_an_id_reads_one_file_and_sees_other_processes(ws):
    anns = highlight_everywhere(ws)
    store = open_store(ws)
    store.sync(Library(ws))
    target = anns[sorted(anns)[2]]
    reads = counting(store)
    assert store.get(target.id[:8]).id == target.id
    assert set(reads) <= {target.article}
    # another process adds a highlight: the index notices the file changed
    article = Library(ws).get(target.article)
    added = open_store(ws).add_highlight(article, 30, 60)
    assert store.get(added.id).id == added.id
    deleted = open_store(ws).delete(target.id)
    with pytest.raises(Exception, match="unknown annotation id"):
        store.get(deleted.id)


def test_damaged_index_is_rebuilt(ws):
    anns = highlight_everywhere(ws)
    store = open_store(ws)
    store.sync(Library(ws))
    (store.files.root / "index.json").write_bytes(b'{"version": 1, "files": {"x.json": [[1], 5, null]}}')
    again = open_store(ws)
    some = next(iter(anns.values()))
    assert again.get(some.id).id == some.id
    assert len(again.all()) == len(anns)


def test_notes_come_from_the_index_and_follow_edits(ws):
    anns = highlight_everywhere(ws)
    store = open_store(ws)
    some = sorted(anns.values(), key=lambda a: a.article)
    store.update(some[0].id, note="a note about tariffs", add_tags=["trade"])
    store.update(some[1].id, add_tags=["energy/grid"])
    reader = open_store(ws)
    assert {(n.id, n.note, tuple(n.tags)) for n in reader.notes()} == {
        (some[0].id, "a note about tariffs", ("trade",)), (some[1].id, "", ("energy/grid",))}
    reads = counting(reader)
    reader.notes()
    assert reads == []  # nothing changed: no annotation file parsed
    open_store(ws).update(some[0].id, note="changed by another process")
    [changed] = [n for n in reader.notes() if n.id == some[0].id]
    assert changed.note == "changed by another process" and reads == [some[0].article]
