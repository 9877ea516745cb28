"""The library manifest on real files: it notices edits, renames, deletions and new files,
lazy articles return the same texts as a fresh clean, and a tampered manifest is data, not trust."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import orjson
import pytest

from workbench.library import Library, LazyArticle, build_article
from workbench.library.manifest import FILENAME, RACY_NS
from workbench.workspace import Workspace


@pytest.fixture
def ws(workspace: Path) -> Workspace:
    return Workspace(workspace)


def age_sources(ws: Workspace, seconds: float = 10) -> None:
    """Sources last modified a while ago (no racy signature), as on any ordinary day."""
    past = (os.stat(ws.seeds).st_mtime_ns - int(seconds * 1e9))
    for path in ws.seeds.iterdir():
        os.utime(path, ns=(past, past))


def warm(ws: Workspace) -> dict:
    """Load twice: the second load trusts the manifest written by the first."""
    age_sources(ws)
    Library(ws).load()
    return Library(ws).load()


def manifest(ws: Workspace) -> dict:
    """The manifest file with its columns turned into one dict per article (as `articles`)."""
    data = orjson.loads((ws.state / FILENAME).read_bytes())
    columns = data["columns"]
    data["articles"] = [dict(zip(columns, row)) for row in zip(*columns.values())]
    return data


def write_rows(ws: Workspace, data: dict) -> None:
    """Write `data["articles"]` back as columns."""
    rows = data.pop("articles")
    data["columns"] = {name: [row[name] for row in rows] for name in data["columns"]}
    (ws.state / FILENAME).write_bytes(orjson.dumps(data))


def test_warm_load_reads_no_text_and_matches_a_fresh_clean(ws):
    articles = warm(ws)
    assert articles and all(isinstance(a, LazyArticle) and not a.loaded for a in articles.values())
    summaries = [a.summary() for a in articles.values()]  # what `list --json` prints
    assert not any(a.loaded for a in articles.values())
    for article, summary in zip(articles.values(), summaries):
        fresh = build_article(article.path, article.id)
        assert summary == fresh.summary()
        assert article.text_hash == fresh.text_hash
        assert article.text == fresh.text and article.blocks == fresh.blocks and article.removed == fresh.removed


def test_edit_same_size_is_noticed(ws):
    articles = warm(ws)
    article = next(iter(articles.values()))
    data = article.path.read_bytes()
    word = article.title.split()[0].encode()
    assert word in data
    edited = data.replace(word, word.swapcase(), 1)  # same size
    assert len(edited) == len(data) and edited != data
    st = os.stat(article.path)
    article.path.write_bytes(edited)
    os.utime(article.path, ns=(st.st_atime_ns, st.st_mtime_ns))  # even with the old mtime
    reloaded = Library(ws).load()[article.id]
    assert reloaded.title != article.title
    assert reloaded.text_hash == build_article(article.path, article.id).text_hash


def test_rename_delete_and_new_file_are_noticed(ws, tmp_path):
    articles = warm(ws)
    ids = list(articles)
    renamed, deleted = articles[ids[0]], articles[ids[1]]
    new_path = ws.seeds / ("zz_renamed" + renamed.path.suffix)
    os.rename(renamed.path, new_path)
    deleted.path.unlink()
    shutil.copy(Path(__file__).parent.parent / "fixtures" / "import" / "field_notes.md", ws.seeds / "added.md")
    library = Library(ws)
    now = library.load()
    assert renamed.id not in now and deleted.id not in now
    assert now["zz_renamed"].text == renamed.text and now["zz_renamed"].path == new_path
    assert now["added"].title == "Soil, Seeds and Patience: Notes from a Seed Library"
    assert {e["id"] for e in manifest(ws)["articles"]} == set(now)
    assert Library(ws).summaries() == [a.summary() for a in now.values()]
    again = Library(ws).load()
    assert {i: a.text_hash for i, a in again.items()} == {i: a.text_hash for i, a in now.items()}


def test_racy_entries_are_hashed_until_old_enough(ws):
    for path in ws.seeds.iterdir():
        os.utime(path)  # modified just now: signatures too recent to trust
    Library(ws).load()
    data = manifest(ws)
    assert all(e["mtime_ns"] + RACY_NS >= data["written_ns"] for e in data["articles"])
    article = next(iter(Library(ws).load().values()))
    text = article.path.read_text(encoding="utf-8")
    article.path.write_text(text.replace(article.title, article.title[::-1], 1), encoding="utf-8")
    assert Library(ws).load()[article.id].title == article.title[::-1]


def test_failed_source_keeps_its_reason_without_retrying(ws):
    (ws.seeds / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    first = Library(ws)
    first.load()
    age_sources(ws)
    Library(ws).load()
    again = Library(ws)
    again.load()
    assert any("broken.txt" in p for p in first.problems)
    assert again.problems == first.problems
    entry = next(e for e in manifest(ws)["articles"] if e["id"] == "broken")
    assert entry["status"] == "failed" and "broken.txt" in entry["reason"]


def test_tampered_manifest_is_data_not_trust(ws):
    articles = warm(ws)
    data = manifest(ws)
    first, second = data["articles"][0], data["articles"][1]
    first["title"] = "\x1b[31mRed\x1b]0;owned\x07 title\u009b"
    first["authors"] = ["A\x07uthor"]
    second["words"] = "many"  # wrong type: the entry is dropped and its source re-checked
    write_rows(ws, data)
    now = Library(ws).load()
    assert now[first["id"]].title == "Red title"
    assert now[first["id"]].authors == ["Author"]
    assert now[second["id"]].words == articles[second["id"]].words
    assert now[second["id"]].summary() == build_article(now[second["id"]].path, second["id"]).summary()


@pytest.mark.parametrize("garbage", [b"", b"{", b"[]", b'{"version": 2, "columns": 5}', b"\xff\xfe",
                                     b'{"version": 2, "cleaner_version": "x", "written_ns": 1, "columns": {}}'])
def test_unreadable_manifest_is_rebuilt(ws, garbage):
    articles = warm(ws)
    (ws.state / FILENAME).write_bytes(garbage)
    again = Library(ws).load()
    assert {i: a.text_hash for i, a in again.items()} == {i: a.text_hash for i, a in articles.items()}
    assert manifest(ws)["articles"]


def test_lazy_article_rebuilt_when_its_cache_file_is_gone(ws):
    articles = warm(ws)
    article = next(iter(articles.values()))
    (ws.state / "cache" / "articles" / f"{article.id}.json").unlink()
    assert article.text == build_article(article.path, article.id).text


def test_list_json_reads_only_the_manifest(ws, cli):
    warm(ws)
    shutil.rmtree(ws.state / "cache")  # no article cache at all: list must not need it
    out = cli("list", "--json", workspace=ws.root)
    assert out.returncode == 0, out.stderr
    listed = orjson.loads(out.stdout)
    assert [a["id"] for a in listed] == sorted(p.stem for p in ws.seeds.iterdir())
    assert not (ws.state / "cache").exists()


def test_pool_cleans_like_one_process(ws, tmp_path):
    """Workers write the same cache files and entries as an in-process clean; a bad source is one failure."""
    from workbench.library import CLEANER_VERSION
    from workbench.library.bulk import clean_many
    from workbench.library.manifest import signature_of

    (ws.seeds / "broken.txt").write_bytes(b"")
    jobs = [(p.stem, p, signature_of(p.stat())) for p in sorted(ws.seeds.iterdir())]
    one = {e.id: (e, a) for e, a in clean_many(jobs, tmp_path / "one", CLEANER_VERSION, workers=1)}
    pool = {e.id: (e, a) for e, a in clean_many(jobs, tmp_path / "pool", CLEANER_VERSION, workers=2)}
    assert {i: e for i, (e, _) in one.items()} == {i: e for i, (e, _) in pool.items()}
    assert all(a is None for _, a in pool.values())
    assert not one["broken"][0].ok and "broken.txt" in one["broken"][0].reason
    for article_id, (entry, article) in one.items():
        if entry.ok:
            name = f"{article_id}.json"
            assert orjson.loads((tmp_path / "pool" / name).read_bytes()) == orjson.loads((tmp_path / "one" / name).read_bytes())
            assert entry.text_hash == article.text_hash
