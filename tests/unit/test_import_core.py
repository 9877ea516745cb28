"""import_paths: copies into seeds/, duplicates, folders, bad files, new versions + re-anchoring."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from workbench.errors import UsageError
from workbench.library import Library
from workbench.library.ingest import import_paths, path_key, slugify
from workbench.store import open_store
from workbench.workspace import Workspace

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
GOOD = ["field_notes.md", "saved_page.html", "harbour_report.txt", "windows_note.txt", "bom_letter.md",
        "village_bakery.htm"]


@pytest.fixture
def ws(empty_workspace: Path) -> Workspace:
    return Workspace(empty_workspace)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "incoming"
    shutil.copytree(FIXTURES, folder)
    return folder


def seed_names(ws: Workspace) -> list[str]:
    return sorted(p.name for p in ws.seeds.iterdir())


def test_single_file_is_copied_byte_identical_under_a_stable_name(ws, sources):
    original = sources / "field_notes.md"
    report = import_paths(ws, [original])
    assert report.exit_code == 0 and not report.failed and not report.skipped
    [item] = report.imported
    copy = Path(item.path)
    assert copy.parent == ws.seeds.resolve()
    assert copy.name == f"soil-seeds-and-patience-notes-from-a_{path_key(original.resolve())}.md"
    assert copy.read_bytes() == original.read_bytes()
    article = Library(ws).get(item.id)
    assert article.path == copy and article.title == item.title and article.tags == ["agriculture", "commons", "libraries"]


def test_folder_import_recurses_and_reports_bad_files_without_stopping(ws, sources):
    (sources / "nested" / "deeper").mkdir(parents=True)
    shutil.copy(FIXTURES / "harbour_report.txt", sources / "nested" / "deeper" / "harbour_copy.txt")
    (sources / "nested" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    (sources / ".hidden.md").write_text("# Hidden\n\nShould not be imported.\n")
    report = import_paths(ws, [sources])
    assert sorted(Path(i.source).name for i in report.imported) == sorted(GOOD)
    assert [(Path(s.path).name, s.reason.split(" ")[0]) for s in report.skipped] == [("harbour_copy.txt", "same")]
    failed = sorted(Path(f.path).name for f in report.failed)
    assert failed == sorted(["blank.html", "broken_front_matter.md", "empty.md", "only_chrome.html",
                             "picture.txt", "undecodable.txt"])
    assert [Path(p).name for p in report.ignored] == ["photo.jpg"]
    assert report.exit_code == 1
    assert len(seed_names(ws)) == len(GOOD)  # nothing half-imported, no temp files left
    assert not any(name.startswith(".") for name in os.listdir(ws.seeds))
    encodings = {Path(i.source).name: i.encoding for i in report.imported}
    assert encodings["windows_note.txt"] == "cp1252" and encodings["bom_letter.md"] == "utf-8-sig"
    assert {a.title for a in Library(ws).articles} >= {"The Quiet Return of the Night Train",
                                                        "Why Our Village Bakery Still Uses a Wood Oven"}


def test_same_content_under_another_name_is_not_added_twice(ws, sources, tmp_path):
    first = import_paths(ws, [sources / "saved_page.html"])
    other = tmp_path / "elsewhere" / "Night trains (1).html"
    other.parent.mkdir()
    shutil.copy(sources / "saved_page.html", other)
    second = import_paths(ws, [other])
    assert not second.imported and second.exit_code == 0
    [skip] = second.skipped
    assert skip.id == first.imported[0].id and "not added twice" in skip.reason
    assert len(seed_names(ws)) == 1


def test_reimporting_an_unchanged_file_is_skipped(ws, sources):
    first = import_paths(ws, [sources / "harbour_report.txt"])
    again = import_paths(ws, [sources / "harbour_report.txt"])
    assert not again.imported and again.skipped[0].reason.startswith("unchanged")
    assert again.skipped[0].id == first.imported[0].id


def test_files_already_in_seeds_are_skipped(workspace):
    ws = Workspace(workspace)
    before = {p.name: p.read_bytes() for p in ws.seeds.iterdir()}
    report = import_paths(ws, [ws.seeds])
    assert not report.imported and not report.failed
    assert {s.reason for s in report.skipped} == {"already in the workspace"}
    assert sorted(s.id for s in report.skipped) == sorted(Path(n).stem for n in before)
    assert {p.name: p.read_bytes() for p in ws.seeds.iterdir()} == before


def test_unreadable_paths_fail_alone(ws, sources, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    link = tmp_path / "dangling.md"
    link.symlink_to(tmp_path / "gone.md")
    report = import_paths(ws, [tmp_path / "missing.txt", fifo, link, sources / "harbour_report.txt"])
    assert [i.title for i in report.imported] == ["Harbour Town Votes to Keep Its Ferry"]
    errors = [f.error for f in report.failed]
    assert errors == [f"{tmp_path / 'missing.txt'}: no such file or folder", f"{fifo}: not a regular file",
                      f"{link}: broken link"]


def test_unsupported_file_named_explicitly_fails(ws, tmp_path):
    doc = tmp_path / "report.docx"
    doc.write_bytes(b"PK\x03\x04 a word document")
    report = import_paths(ws, [doc])
    assert report.failed and "unsupported file type .docx" in report.failed[0].error
    assert seed_names(ws) == []


def test_nothing_to_import_is_a_usage_error(ws):
    with pytest.raises(UsageError):
        import_paths(ws, [])


def test_progress_is_reported_per_file(ws, sources):
    calls = []
    import_paths(ws, [sources / n for n in GOOD], lambda done, total, path: calls.append((done, total, path.name)))
    assert calls == [(i, len(GOOD), name) for i, name in enumerate(GOOD, 1)]


def test_slugify():
    assert slugify("Café Society: A “Naïve” Review!") == "cafe-society-a-naive-review"
    assert slugify("日本語") == "article"
    assert len(slugify("word " * 30)) <= 40


NOTE_V1 = """---
title: Winter Ferry Log
---

The ferry left the quay at seven in grey light.

Passengers said the crossing felt calmer than last week, and the captain agreed.

The island school reopened after the storm.
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_new_version_of_a_file_keeps_the_id_and_reanchors_highlights(ws, tmp_path):
    source = tmp_path / "notes" / "ferry.md"
    source.parent.mkdir()
    source.write_text(NOTE_V1)
    [item] = import_paths(ws, [source]).imported
    library = Library(ws)
    article = library.get(item.id)
    store = open_store(ws)
    ann = store.highlight_quote(article, "felt calmer than last week")
    gone = store.highlight_quote(article, "The island school reopened after the storm.")
    start = ann.start

    _edit(source, "The ferry left", "After a long delay, the old ferry finally left")  # before the quote
    _edit(source, "The island school reopened after the storm.", "Nothing else happened.")
    library = Library(ws)
    report = import_paths(ws, [source], library=library)
    [update] = report.imported
    report.reanchored = list(store.sync(library))
    assert {a.id for a in report.reanchored} >= {ann.id}
    assert update.updated and update.id == item.id
    assert seed_names(ws) == [Path(item.path).name]
    moved = store.get(ann.id)
    text = Library(ws).get(item.id).text
    shift = len("After a long delay, the old ferry finally left") - len("The ferry left")
    assert (moved.start, moved.end) == (start + shift, start + shift + len("felt calmer than last week"))
    assert text[moved.start:moved.end] == "felt calmer than last week" and moved.status == "moved"
    lost = store.get(gone.id)  # kept and flagged, never dropped
    assert lost.status in ("orphaned", "needs_review") and lost.quote == gone.quote


def test_replace_maps_a_file_from_elsewhere_onto_an_existing_article(ws, sources, tmp_path):
    [item] = import_paths(ws, [sources / "harbour_report.txt"]).imported
    newer = tmp_path / "download" / "ferry-story.md"
    newer.parent.mkdir()
    newer.write_text("# Harbour Town Votes to Keep Its Ferry\n\nThe council voted on Tuesday to keep the ferry.\n")
    report = import_paths(ws, [newer], replace=item.id[:10])
    assert report.imported[0].updated and report.imported[0].id == item.id
    assert seed_names(ws) == [item.id + ".md"]  # the old .txt copy is gone, the id stays
    with pytest.raises(UsageError):
        import_paths(ws, [newer, sources / "field_notes.md"], replace=item.id)


def test_importing_the_workspace_root_passes_over_seeds_and_notes(workspace):
    ws = Workspace(workspace)
    (ws.notes / "index.md").write_text("# Notes index\n\nExported notes live here, not sources.\n")
    report = import_paths(ws, [ws.root])
    assert report.imported == [] and report.failed == []
    reasons = {s.reason for s in report.skipped}
    assert reasons == {"already in the workspace", "the workspace's notes folder (exports) is not a source"}


def test_a_copy_edited_in_seeds_is_never_overwritten_silently(ws, tmp_path):
    source = tmp_path / "ferry.md"
    source.write_text(NOTE_V1)
    [item] = import_paths(ws, [source]).imported
    copy = Path(item.path)
    _edit(copy, "grey light", "grey, cold light")  # the researcher fixes the copy by hand
    edited = copy.read_bytes()

    again = import_paths(ws, [source])  # original unchanged: the hand edit is kept
    assert not again.imported and not again.failed and "edited in seeds/ and is kept" in again.skipped[0].reason
    _edit(source, "grey light", "pale light")  # now both changed: a conflict, reported, nothing lost
    clash = import_paths(ws, [source])
    assert clash.exit_code == 1 and "was edited in seeds/ since it was imported" in clash.failed[0].error
    assert f"--replace {item.id}" in clash.failed[0].error
    assert copy.read_bytes() == edited
    forced = import_paths(ws, [source], replace=item.id)
    assert forced.imported[0].updated and "pale light" in copy.read_text()


def test_replace_is_remembered_for_the_next_import_of_the_new_file(ws, sources, tmp_path):
    [item] = import_paths(ws, [sources / "harbour_report.txt"]).imported
    newer = tmp_path / "dl" / "ferry.txt"
    newer.parent.mkdir()
    newer.write_text("Harbour Town Votes to Keep Its Ferry\n\nThe council voted on Tuesday to keep the ferry.\n")
    import_paths(ws, [newer], replace=item.id)
    newer.write_text("Harbour Town Votes to Keep Its Ferry\n\nThe council voted on Tuesday to keep the ferry, again.\n")
    report = import_paths(ws, [newer])
    assert [(i.id, i.updated) for i in report.imported] == [(item.id, True)]
    assert seed_names(ws) == [item.id + ".txt"]


def test_suffixes_are_matched_case_insensitively_and_kept_lower_case(ws, sources, tmp_path):
    upper = tmp_path / "Saved Page.HTML"
    shutil.copy(sources / "saved_page.html", upper)
    long_md = tmp_path / "Field Notes.markdown"
    shutil.copy(sources / "field_notes.md", long_md)
    report = import_paths(ws, [upper, long_md])
    assert [Path(i.path).suffix for i in report.imported] == [".html", ".markdown"]
    assert {a.title for a in Library(ws).articles} == {"The Quiet Return of the Night Train",
                                                       "Soil, Seeds and Patience: Notes from a Seed Library"}
