"""Redo: what undo took back comes back (any process), until a new change is made."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.library import Library
from workbench.store import open_store
from workbench.workspace import Workspace


@pytest.fixture
def ws(workspace):
    return Workspace(workspace)


@pytest.fixture
def article(ws):
    return Library(ws).get("000")


def test_undo_then_redo_restores_each_change_in_order_across_processes(ws, article):
    store = open_store(ws)
    ann = store.add_highlight(article, 0, 12)
    store.update(ann.id, note="first note", tags=["a"])
    store.delete(ann.id)
    assert open_store(ws).all() == []
    for _ in range(3):
        open_store(ws).undo()
    assert open_store(ws).all() == []  # back before the highlight
    assert "highlight" in open_store(ws).redo()
    assert [a.id for a in open_store(ws).all()] == [ann.id]
    assert "edit" in open_store(ws).redo()
    assert open_store(ws).get(ann.id).note == "first note"
    assert "delete" in open_store(ws).redo()
    assert open_store(ws).all() == []
    with pytest.raises(WorkbenchError, match="nothing to redo"):
        open_store(ws).redo()
    assert "delete" in open_store(ws).undo()  # a redo is itself undoable
    assert open_store(ws).get(ann.id).note == "first note"


def test_a_new_change_drops_what_was_undone(ws, article):
    store = open_store(ws)
    first = store.add_highlight(article, 0, 12)
    store.undo()
    store.add_highlight(article, 20, 30)
    with pytest.raises(WorkbenchError, match="nothing to redo"):
        store.redo()
    assert first.id not in {a.id for a in store.all()}


def test_change_key_moves_when_another_process_changes_the_store(ws, article):
    store = open_store(ws)
    before = store.change_key()
    assert store.change_key() == before
    open_store(ws).add_highlight(article, 0, 12)
    assert store.change_key() != before
