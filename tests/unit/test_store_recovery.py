"""Damaged files: set aside (never deleted), newest good backup restored, user told once."""

from __future__ import annotations

import orjson
import pytest
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from workbench.errors import StoreError
from workbench.library import Library
from workbench.store import open_store
from workbench.store.partitions import file_name
from workbench.workspace import Workspace


@pytest.fixture
def ws(workspace):
    return Workspace(workspace)


@pytest.fixture
def article(ws):
    return Library(ws).get("001")


def _store_dir(ws) -> "Path":  # noqa: F821
    return ws.state / "store"


def test_truncated_partition_is_set_aside_and_backup_restored(ws, article):
    store = open_store(ws)
    anns = [store.add_highlight(article, i * 40, i * 40 + 25, note=f"n{i}") for i in range(5)]
    live = _store_dir(ws) / "annotations" / file_name(article.id)
    damaged = live.read_bytes()[: live.stat().st_size // 2]
    live.write_bytes(damaged)  # a torn write by something that is not us

    fresh = open_store(ws)
    restored = fresh.all()
    assert [a.id for a in restored] == [a.id for a in anns]  # the newest backup is the last save
    assert len(fresh.notices) == 1
    notice = fresh.notices[0]
    assert notice.startswith(f"annotations of {article.id} were corrupt") and "restored backup from" in notice
    corrupt = list((_store_dir(ws) / "corrupt").iterdir())
    assert [p.read_bytes() for p in corrupt] == [damaged]  # kept, byte for byte
    assert open_store(ws).all() and open_store(ws).notices == []  # told once


def test_backups_rotate_and_an_older_one_is_used_when_the_newest_is_bad(ws, article):
    store = open_store(ws)
    for i in range(14):
        store.add_highlight(article, i * 40, i * 40 + 25)
    backups = sorted((_store_dir(ws) / "backups" / file_name(article.id)[:-5]).iterdir())
    assert len(backups) == 10
    backups[-1].write_bytes(b"{garbage")
    (_store_dir(ws) / "annotations" / file_name(article.id)).write_bytes(b"")
    fresh = open_store(ws)
    assert len(fresh.all()) == 13  # one save behind: the newest good backup
    assert "restored backup" in fresh.notices[0]


def test_without_a_good_backup_the_article_starts_empty_but_the_file_is_kept(ws, article):
    store = open_store(ws)
    store.add_highlight(article, 0, 10)
    shutil_dir = _store_dir(ws) / "backups"
    for p in shutil_dir.rglob("*.json"):
        p.unlink()
    live = _store_dir(ws) / "annotations" / file_name(article.id)
    live.write_bytes(b'{"annotations": ')
    fresh = open_store(ws)
    assert fresh.all() == []
    assert "no good backup" in fresh.notices[0]
    assert list((_store_dir(ws) / "corrupt").iterdir())
    fresh.add_highlight(article, 0, 10)  # the store is usable again
    assert len(open_store(ws).all()) == 1


def test_garbage_metadata_is_replaced_with_a_notice(ws, article):
    open_store(ws).add_highlight(article, 0, 10)
    (_store_dir(ws) / "meta.json").write_bytes(b"\x00\x01binary")
    store = open_store(ws)
    assert "store metadata was unreadable" in store.notices[0]
    assert len(store.all()) == 1
    assert orjson.loads((_store_dir(ws) / "meta.json").read_bytes())["_meta"]["1"]["schema"] == 1


def test_schema_0_file_is_migrated_and_a_newer_schema_is_refused(ws, article):
    folder = _store_dir(ws) / "annotations"
    folder.mkdir(parents=True)
    record = {"id": "0b0c8f5e-6f6b-4a43-9d0f-7a8b1c2d3e4f", "article": article.id, "start": 0, "end": 7,
              "quote": article.text[:7], "tags": ["old"], "created": "2025-01-01T00:00:00+00:00",
              "updated": "2025-01-01T00:00:00+00:00"}
    with TinyDB(folder / file_name(article.id), storage=JSONStorage) as db:  # plain TinyDB, integer ids
        db.insert(record)
    store = open_store(ws)
    assert [a.id for a in store.all()] == [record["id"]]
    store.update(record["id"], note="migrated")
    data = orjson.loads((folder / file_name(article.id)).read_bytes())
    assert data["_meta"]["1"]["schema"] == 1 and record["id"] in data["annotations"] and "_default" not in data

    (folder / "future.json").write_bytes(orjson.dumps({"_meta": {"1": {"schema": 99}}, "annotations": {}}))
    with pytest.raises(StoreError, match="newer workbench"):
        open_store(ws).all()


def test_unreadable_undo_entry_is_set_aside_and_the_previous_one_undone(ws, article):
    store = open_store(ws)
    first = store.add_highlight(article, 0, 10)
    second = store.add_highlight(article, 20, 30)
    newest = sorted((_store_dir(ws) / "journal").iterdir())[-1]
    newest.write_bytes(b"{torn")
    fresh = open_store(ws)
    message = fresh.undo()
    assert first.short_id in message  # the second highlight's entry was torn: skipped
    assert "unreadable" in fresh.notices[0] and list((_store_dir(ws) / "corrupt").iterdir())
    assert [a.id for a in fresh.all()] == [second.id]


def test_a_file_that_cannot_be_read_is_an_error_not_corruption(ws, article, monkeypatch):
    """Only content that fails to parse is corrupt: a read error leaves the file where it is."""
    from pathlib import Path

    store = open_store(ws)
    store.add_highlight(article, 0, 25)
    store.add_highlight(article, 40, 65)
    live = _store_dir(ws) / "annotations" / file_name(article.id)
    saved = live.read_bytes()
    real_read_bytes = Path.read_bytes

    def denied(path):  # a non-root user without read permission (root ignores chmod)
        if path == live:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(StoreError, match="cannot read .*: permission denied"):
        open_store(ws).all()
    monkeypatch.undo()
    assert live.read_bytes() == saved and not (_store_dir(ws) / "corrupt").exists()
    assert len(open_store(ws).all()) == 2

    live.unlink()
    live.mkdir()  # a folder in the way: also a read error, nothing moved, no backup restored
    with pytest.raises(StoreError, match="cannot read .*: is a directory"):
        open_store(ws).all()
    assert live.is_dir() and not (_store_dir(ws) / "corrupt").exists()
