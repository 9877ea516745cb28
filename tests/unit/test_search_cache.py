"""The search index cache: warm loads, per-article invalidation, corrupt files."""

from __future__ import annotations

from pathlib import Path

from workbench.library import Library
from workbench.search import open_index
from workbench.workspace import Workspace

NEW_SENTENCE = "Quokkas on Rottnest Island reportedly photobomb every visiting delegation of economists."


def _open(root: Path):
    ws = Workspace(root)
    library = Library(ws)
    return library, open_index(ws, library, progress=False)


def test_second_open_loads_the_cache_without_rebuilding(workspace: Path):
    library, first = _open(workspace)
    assert sorted(first.stats.built) == sorted(a.id for a in library.articles)
    assert (workspace / ".workbench" / "search" / "index.pack").is_file()
    _, second = _open(workspace)
    assert second.stats.loaded_merged and second.stats.built == []
    query = library.articles[0].text.split("\n\n")[-1][:120]
    assert [h.to_dict() for h in first.search(query)] == [h.to_dict() for h in second.search(query)]


def test_changing_one_article_rebuilds_only_that_article(workspace: Path):
    library, _ = _open(workspace)
    seed = sorted((workspace / "seeds").iterdir())[2]
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\n" + NEW_SENTENCE + "\n", encoding="utf-8")
    library2, index = _open(workspace)
    assert index.stats.built == [seed.stem]
    assert index.stats.reused == len(library2.articles) - 1 and index.stats.patched
    hits = index.search("quokkas on rottnest island reportedly photobomb every visiting delegation")
    assert hits and hits[0].article == seed.stem
    assert hits[0].text.startswith("Quokkas on Rottnest Island")
    seed.unlink()  # a removed article disappears from results
    _, index3 = _open(workspace)
    assert index3.stats.built == []
    assert index3.search("quokkas on rottnest island reportedly photobomb every visiting delegation") == []


def test_corrupt_cache_files_are_rebuilt_not_fatal(workspace: Path):
    library, _ = _open(workspace)
    cache = workspace / ".workbench" / "search"
    files = [cache / "index.pack", *sorted((cache / "segments").glob("*.pack"))]
    assert len(files) >= 2
    for i, path in enumerate(files):
        path.write_bytes(b"\x80\x05garbage" if i % 2 else b"")
    _, index = _open(workspace)
    assert sorted(index.stats.built) == sorted(a.id for a in library.articles)
    article = library.articles[0]
    block = max(article.blocks, key=lambda b: b.end - b.start)
    assert index.search(article.text[block.start:block.end][:100])[0].article == article.id
    _, again = _open(workspace)
    assert again.stats.loaded_merged


def _results(index, queries):
    return [[h.to_dict() for h in index.search(q, limit=5)] for q in queries]


def test_patched_index_answers_like_a_fresh_one(workspace: Path):
    import shutil

    library, _ = _open(workspace)
    seeds = sorted((workspace / "seeds").iterdir())
    queries = []
    for article in library.articles:
        block = max(article.blocks, key=lambda b: b.end - b.start)
        queries.append(article.text[block.start:block.end][:90])
    queries += ["Azerbaijan", "sovereignty", NEW_SENTENCE.lower()]
    for count, seed in enumerate(seeds[:3], start=1):  # one edit patches; more re-merge
        # (each seed gets its own month: a line recurring in 3 sources would be furniture to the cleaner)
        added = NEW_SENTENCE[:-1] + f" in {['March', 'April', 'May'][count - 1]}."
        seed.write_text(seed.read_text(encoding="utf-8") + "\n\n" + added + "\n", encoding="utf-8")
        _, patched = _open(workspace)
        assert patched.stats.built == [seed.stem]
        shutil.rmtree(workspace / ".workbench" / "search")
        _, fresh = _open(workspace)
        assert fresh.stats.reused == 0
        assert _results(patched, queries) == _results(fresh, queries)
        assert len({h.article for h in fresh.search(NEW_SENTENCE, limit=10)}) == count
