"""AnnotationStore behaviour on real TinyDB files: CRUD, undo across instances, tags, import."""

from __future__ import annotations

import orjson
import pytest

from workbench.errors import UsageError, WorkbenchError
from workbench.library import Library
from workbench.store import COLORS, AnnotationStore, open_store
from workbench.workspace import Workspace


@pytest.fixture
def ws(workspace):
    return Workspace(workspace)


@pytest.fixture
def lib(ws):
    return Library(ws)


@pytest.fixture
def article(lib):
    return lib.get("000")


def reopen(ws) -> AnnotationStore:
    """A fresh store object: what another process (or the next command) sees."""
    return open_store(ws)


def test_add_highlight_takes_quote_and_context_from_the_text(ws, article):
    store = open_store(ws)
    start = article.text.index("Sovereignty First")
    ann = store.add_highlight(article, start, start + 17, tags=[" Policy / Energy Mix ", "policy/energy mix"],
                              note="a \x1b[31mred\x1b[0m note\x07", color="green")
    assert ann.quote == "Sovereignty First"
    assert ann.prefix == article.text[start - 32:start] and ann.suffix == article.text[start + 17:start + 49]
    assert ann.tags == ["policy/energy-mix"] and ann.note == "a red note" and ann.color == "green"
    assert ann.status == "anchored" and ann.created == ann.updated
    assert list(ann.to_dict()) == ["id", "article", "start", "end", "quote", "prefix", "suffix", "color",
                                   "note", "tags", "created", "updated", "status"]
    assert reopen(ws).get(ann.id[:8]).to_dict() == ann.to_dict()


def test_bad_input_is_a_one_line_usage_error(ws, article):
    store = open_store(ws)
    with pytest.raises(UsageError, match="unknown colour"):
        store.add_highlight(article, 0, 5, color="red")
    with pytest.raises(UsageError, match="empty tag"):
        store.add_highlight(article, 0, 5, tags=[" / "])
    with pytest.raises(UsageError, match="bad span"):
        store.add_highlight(article, 10, 5)
    with pytest.raises(UsageError, match="unknown annotation id"):
        store.get("ffffffff")
    with pytest.raises(UsageError, match="unknown status"):
        store.all(status="lost")
    assert store.all() == []


def test_highlight_quote_ignores_whitespace_quotes_and_dashes(ws, lib):
    store = open_store(ws)
    article = lib.get("002")
    target = "Aliyev\u2019s reaction is a testament"
    assert target in article.text
    ann = store.highlight_quote(article, "Aliyev's   reaction is a\ntestament")
    assert ann.quote == target


def test_highlight_quote_not_found_and_ambiguous(ws, article):
    store = open_store(ws)
    with pytest.raises(WorkbenchError, match=r'quote not found in 000_\w+; closest passage: ".*transactional'):
        store.highlight_quote(article, "Baku is adopting a simlar transactionel approach")
    with pytest.raises(WorkbenchError, match=r"quote occurs \d+ times .* pass --occurrence N \(1: "):
        store.highlight_quote(article, "Azerbaijan")
    with pytest.raises(UsageError, match="--occurrence must be between 1 and"):
        store.highlight_quote(article, "Azerbaijan", occurrence=999)
    second = store.highlight_quote(article, "Azerbaijan", occurrence=2)
    spans = [i for i in range(len(article.text)) if article.text.startswith("Azerbaijan", i)]
    assert second.start == spans[1]


def test_update_cycle_delete_and_undo_work_across_processes(ws, article):
    store = open_store(ws)
    ann = store.add_highlight(article, 0, 20, tags=["a"])
    reopen(ws).update(ann.id[:6], note="first", add_tags=["b"], remove_tags=["a"])
    assert reopen(ws).get(ann.id).tags == ["b"]
    assert reopen(ws).cycle_color(ann.id).color == COLORS[1]
    reopen(ws).delete(ann.id)
    assert reopen(ws).all() == []
    assert "delete" in reopen(ws).undo()
    assert reopen(ws).get(ann.id).color == COLORS[1]
    assert "edit" in reopen(ws).undo()  # the colour change
    assert reopen(ws).get(ann.id).color == "yellow"
    assert "edit" in reopen(ws).undo()  # note and tags
    assert reopen(ws).get(ann.id).tags == ["a"] and reopen(ws).get(ann.id).note == ""
    assert "highlight" in reopen(ws).undo()
    assert reopen(ws).all() == []
    with pytest.raises(WorkbenchError, match="nothing to undo"):
        reopen(ws).undo()


def test_filters_tags_and_rename_with_merge(ws, lib):
    store = open_store(ws)
    a0, a1 = lib.get("000"), lib.get("001")
    x = store.add_highlight(a1, 100, 120, tags=["policy/energy", "gas"])
    y = store.add_highlight(a0, 50, 60, tags=["policy"])
    z = store.add_highlight(a0, 10, 20, tags=["foreign-policy/energy", "policyx"])
    assert [a.id for a in store.all()] == [z.id, y.id, x.id]  # by article, then start
    assert {a.id for a in store.all(tag="policy")} == {x.id, y.id}
    assert [a.id for a in store.all(article=a1.id)] == [x.id]
    assert dict(store.tags()) == {"policy/energy": 1, "gas": 1, "policy": 1, "foreign-policy/energy": 1, "policyx": 1}
    assert store.rename_tag("policy", "foreign policy") == 2
    tags = dict(reopen(ws).tags())
    assert tags == {"foreign-policy/energy": 2, "gas": 1, "foreign-policy": 1, "policyx": 1}
    with pytest.raises(WorkbenchError, match="no annotation is tagged"):
        store.rename_tag("nothing", "else")
    assert "rename" in store.undo()
    assert dict(store.tags())["policy/energy"] == 1


def test_import_is_idempotent_validates_and_reports(ws, lib, tmp_path):
    source = open_store(ws)
    a = lib.get("001")
    anns = [source.add_highlight(a, i * 50, i * 50 + 30, tags=["t"]) for i in range(3)]
    exported = orjson.loads(orjson.dumps([x.to_dict() for x in source.all()]))

    other_ws = Workspace(tmp_path / "other")
    other = open_store(other_ws)
    bad = [
        {**exported[0], "id": "not-a-uuid"},
        {**exported[1], "color": "red"},
        {**exported[1], "start": 40, "end": 10},
        {**exported[2], "quote": "wrong length"},
        {**exported[2], "article": "../escape"},
        "just a string",
        {**exported[2], "created": "yesterday"},
    ]
    report = other.import_records(exported + bad + [exported[0]])
    assert (report.imported, report.updated, report.unchanged) == (3, 0, 0)
    reasons = [reason for _key, reason in report.rejected]
    assert len(reasons) == 8 and "duplicate id" in reasons[-1]
    assert any("uuid" in r for r in reasons) and any("colour" in r for r in reasons)
    assert [x.to_dict() for x in other.all()] == exported
    again = reopen(other_ws).import_records(exported)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 3)
    newer = {**exported[0], "note": "changed later", "updated": "2999-01-01T00:00:00+00:00"}
    assert reopen(other_ws).import_records([newer]).updated == 1
    assert reopen(other_ws).get(anns[0].id).note == "changed later"
    assert not list((other_ws.state / "store" / "annotations").glob("*escape*"))


def test_sync_reanchors_after_the_source_changes(ws, lib, workspace):
    store = open_store(ws)
    article = lib.get("000")
    keep = store.highlight_quote(article, "casting international organizations not as essential arbiters")
    gone = store.highlight_quote(article, "Baku is adopting a similar transactional approach")
    assert store.sync(lib) == []
    path = next((workspace / "seeds").glob("000_*"))
    text = path.read_text(encoding="utf-8")
    text = "A brand new opening paragraph was added here.\n\n" + text.replace(
        "Baku is adopting a similar transactional approach", "Baku takes its own road", 1)
    path.chmod(0o644)
    path.write_text(text, encoding="utf-8")
    fresh = Library(ws)
    changed = {a.id: a for a in reopen(ws).sync(fresh)}
    new_article = fresh.get("000")
    moved = reopen(ws).get(keep.id)
    assert moved.status == "moved" and new_article.text[moved.start:moved.end] == keep.quote
    assert changed[gone.id].status in ("needs_review", "orphaned")
    assert reopen(ws).get(gone.id).quote == gone.quote  # the original words are kept for review
    assert reopen(ws).sync(fresh) == []  # recorded: not re-done on every command


def test_reattach_resolves_a_review_and_undo_reverts_it(ws, lib):
    store = open_store(ws)
    article = lib.get("000")
    ann = store.add_highlight(article, 0, 30)
    start = article.text.index("Sovereignty First")
    moved = store.reattach(ann.id, article, start - 2, start + 19)  # whitespace edges are trimmed
    assert (moved.quote, moved.status) == ('"Sovereignty First"', "anchored")
    assert reopen(ws).get(ann.id).start == start - 1
    with pytest.raises(UsageError, match="belongs to"):
        store.reattach(ann.id, lib.get("001"), 0, 5)
    assert "re-attachment" in store.undo()
    assert reopen(ws).get(ann.id).quote == ann.quote


def test_annotation_copy_is_independent():
    from workbench.store.model import Annotation

    anns = [Annotation(id=f"id-{i}", article="a", start=i, end=i + 5, quote="quote", note="n" * 50,
                       tags=["x", "y/z"], text_hash="h") for i in range(5_000)]
    first = anns[0].copy()
    assert first == anns[0] and first is not anns[0] and first.tags is not anns[0].tags
    first.tags.append("new")
    first.note = "changed"
    assert anns[0].tags == ["x", "y/z"] and anns[0].note == "n" * 50
    moved = anns[0].copy(start=7, end=9)
    assert (moved.start, moved.end, moved.tags) == (7, 9, ["x", "y/z"]) and moved.tags is not anns[0].tags
    with pytest.raises(TypeError):
        anns[0].copy(bogus=1)
