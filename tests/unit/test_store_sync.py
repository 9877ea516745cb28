"""store.sync on real files: edit a real source, reload the real Library, re-anchor.

Oracle independent of the cleaner: an annotation whose quote still sits between its old
prefix and suffix exactly once in the new clean text must be found exactly there; every
annotation survives; confident statuses always point at the quote's words.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from workbench.library import Library
from workbench.store import STATUSES, open_store
from workbench.textnorm import normalize_query
from workbench.workspace import Workspace
from tests.conftest import SEEDS

SOURCE = SEEDS / "000_7fe54f432c3a38c8.txt"
RAW = SOURCE.read_text(encoding="utf-8")
edit = st.tuples(st.integers(0, len(RAW)), st.integers(0, 40),
                 st.text(alphabet="abcdefghij klmnop,.\n'", max_size=60))


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=st.lists(edit, min_size=1, max_size=4), picks=st.lists(st.integers(0, 10_000), min_size=6, max_size=6))
def test_sync_never_drops_or_misattaches(edits, picks):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "seeds").mkdir()
        path = root / "seeds" / SOURCE.name
        shutil.copyfile(SOURCE, path)
        ws = Workspace(root)
        article = Library(ws).get("000")
        store = open_store(ws)
        anns = []
        for pick in picks:
            start = pick % (len(article.text) - 80)
            while start < len(article.text) and article.text[start].isspace():
                start += 1
            anns.append(store.add_highlight(article, start, start + 30 + pick % 50, allow_duplicate=True))
        text = RAW
        for pos, cut, insert in edits:
            pos = min(pos, len(text))
            text = text[:pos] + insert + text[pos + cut:]
        path.write_text(text, encoding="utf-8")
        new_text = Library(ws).get("000").text
        store.sync(Library(ws))
        after = {a.id: a for a in open_store(ws).all()}
        assert set(after) == {a.id for a in anns}  # nothing dropped
        for old in anns:
            new = after[old.id]
            assert new.status in STATUSES and 0 <= new.start <= new.end <= len(new_text)
            whole = old.prefix + old.quote + old.suffix
            if new_text.count(whole) == 1:
                where = new_text.index(whole) + len(old.prefix)
                assert (new.start, new.end) == (where, where + len(old.quote))
                assert new.status in ("anchored", "moved"), new
            if new.status in ("anchored", "moved"):
                got = normalize_query(new_text[new.start:new.end])
                assert got == normalize_query(old.quote) or fuzz.ratio(got, normalize_query(old.quote)) >= 85


def test_undo_after_reanchoring_restores_the_note_but_keeps_the_new_position(workspace):
    ws = Workspace(workspace)
    store = open_store(ws)
    article = Library(ws).get("000")
    ann = store.highlight_quote(article, "casting international organizations not as essential arbiters")
    store.update(ann.id, note="my thought")
    path = next((workspace / "seeds").glob("000_*"))
    path.chmod(0o644)
    path.write_text("A new first paragraph.\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    library = Library(ws)
    [moved] = store.sync(library)
    assert moved.status == "moved" and moved.start > ann.start
    assert "edit" in open_store(ws).undo()
    back = open_store(ws).get(ann.id)
    assert back.note == "" and (back.start, back.end, back.status) == (moved.start, moved.end, "moved")
    assert open_store(ws).sync(library) == []
    assert library.get("000").text[back.start:back.end] == ann.quote
