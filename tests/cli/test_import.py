"""`workbench import` through the real CLI, and re-anchoring after a source is edited."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "import"


def run_json(cli, *args, workspace, code=0):
    result = cli(*args, "--json", workspace=workspace)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_import_files_then_list_points_at_the_copies(cli, empty_workspace):
    paths = [str(FIXTURES / n) for n in ("field_notes.md", "saved_page.html", "windows_note.txt")]
    report = run_json(cli, "import", *paths, workspace=empty_workspace)
    assert [Path(i["source"]).name for i in report["imported"]] == ["field_notes.md", "saved_page.html",
                                                                    "windows_note.txt"]
    assert report["skipped"] == [] and report["failed"] == []
    assert [i["encoding"] for i in report["imported"]] == ["utf-8", "utf-8", "cp1252"]
    listed = {a["id"]: a for a in run_json(cli, "list", workspace=empty_workspace)}
    for item in report["imported"]:
        copy = Path(listed[item["id"]]["path"])
        assert copy.parent == (empty_workspace / "seeds").resolve() and copy.is_file()
        assert copy.read_bytes() == Path(item["source"]).read_bytes()
        assert copy.name.startswith(item["id"]) and copy.suffix == Path(item["source"]).suffix
    page = next(i for i in report["imported"] if i["source"].endswith(".html"))
    shown = run_json(cli, "show", page["id"], workspace=empty_workspace)
    assert shown["title"] == "The Quiet Return of the Night Train" and shown["date"] == "2024-03-14"
    assert "cookies" not in shown["text"] and "All rights reserved" not in shown["text"]
    assert [b["kind"] for b in shown["blocks"]].count("heading") == 2


def test_plain_output_summary_and_encoding(cli, empty_workspace):
    result = cli("import", str(FIXTURES / "windows_note.txt"), str(FIXTURES / "harbour_report.txt"),
                 workspace=empty_workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 imported, 0 skipped, 0 failed"
    assert any("windows_note.txt" in line and "(decoded as cp1252)" in line for line in lines)
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_duplicate_is_reported_in_one_line_and_exit_zero(cli, empty_workspace, tmp_path):
    twin = tmp_path / "copy of notes.md"
    shutil.copy(FIXTURES / "field_notes.md", twin)
    assert cli("import", str(FIXTURES / "field_notes.md"), workspace=empty_workspace).returncode == 0
    result = cli("import", str(twin), workspace=empty_workspace)
    assert result.returncode == 0
    [line] = [l for l in result.stdout.splitlines() if l.startswith("skipped")]
    assert "not added twice" in line and str(twin) in line
    assert len(list((empty_workspace / "seeds").iterdir())) == 1


BAD = {
    "picture.txt": "looks like a binary file",
    "empty.md": "file is empty",
    "blank.html": "file is empty",
    "undecodable.txt": "not valid text in UTF-8 or cp1252",
    "broken_front_matter.md": "front matter is not valid YAML",
    "only_chrome.html": "no main text found",
}


def test_each_bad_file_fails_alone_in_one_line(cli, empty_workspace):
    names = list(BAD)
    result = cli("import", *(str(FIXTURES / "bad" / n) for n in names[:3]), str(FIXTURES / "harbour_report.txt"),
                 *(str(FIXTURES / "bad" / n) for n in names[3:]), workspace=empty_workspace)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == len(BAD)
    for line, name in zip(errors, names):
        assert line.startswith("error: ") and name in line and BAD[name] in line, line
    assert result.stdout.splitlines()[-1] == "1 imported, 0 skipped, 6 failed"
    assert [p.suffix for p in (empty_workspace / "seeds").iterdir()] == [".txt"]  # nothing half-imported


def test_oversized_and_missing_files(cli, empty_workspace, tmp_path):
    huge = tmp_path / "huge.md"
    huge.write_bytes(b"# Big\n\n" + b"lorem ipsum " * 1_800_000)
    report = run_json(cli, "import", str(huge), str(tmp_path / "nowhere"), workspace=empty_workspace, code=1)
    assert [f["error"] for f in report["failed"]] == [f"{huge}: file is too large (21.6 MB > 20 MB)",
                                                      f"{tmp_path / 'nowhere'}: no such file or folder"]
    assert list((empty_workspace / "seeds").iterdir()) == []


def test_folder_import_and_reimport_of_the_workspace_seeds(cli, workspace, tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(FIXTURES, folder)
    report = run_json(cli, "import", str(folder), workspace=workspace, code=1)
    assert len(report["imported"]) == 6 and len(report["failed"]) == 6
    again = run_json(cli, "import", str(workspace / "seeds"), workspace=workspace)
    assert again["imported"] == [] and len(again["skipped"]) == 11
    assert {s["reason"] for s in again["skipped"]} == {"already in the workspace"}


def test_progress_bar_on_a_terminal(empty_workspace, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(6):
        (folder / f"note{i}.md").write_text(f"# Note number {i}\n\nA distinct body for note {i} of six.\n")
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    proc = subprocess.run([sys.executable, "-m", "workbench", "--workspace", str(empty_workspace), "import",
                           str(folder)], stdout=subprocess.PIPE, stderr=slave, env=env, timeout=60)
    os.close(slave)
    drawn = b""
    try:
        while chunk := os.read(master, 65536):
            drawn += chunk
    except OSError:
        pass
    os.close(master)
    assert proc.returncode == 0
    assert b"importing" in drawn and b"6/6" in drawn
    assert proc.stdout.decode().splitlines()[-1] == "6 imported, 0 skipped, 0 failed"


ARTICLE = """---
title: Harbour Ferry Diary
author: Ines Duarte
date: 2024-02-01
---

The morning boat was late again, and the quay filled with commuters holding coffee.

The captain said the crossing felt calmer than last week, although the wind had not dropped.

In the afternoon the island school sent its pupils home early because of the storm.
"""
QUOTE = "felt calmer than last week"


@pytest.fixture
def highlighted(cli, empty_workspace, tmp_path):
    """An imported Markdown article with one highlight; returns (workspace, copy, annotation)."""
    source = tmp_path / "diary.md"
    source.write_text(ARTICLE)
    [item] = run_json(cli, "import", str(source), workspace=empty_workspace)["imported"]
    ann = run_json(cli, "highlight", item["id"], QUOTE, workspace=empty_workspace)
    text = run_json(cli, "show", item["id"], workspace=empty_workspace)["text"]
    assert text[ann["start"]:ann["end"]] == QUOTE
    return empty_workspace, Path(item["path"]), ann, source


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def annotations(cli, workspace):
    return run_json(cli, "annotations", workspace=workspace)


def test_edit_before_the_quote_moves_the_highlight(cli, highlighted):
    workspace, copy, ann, _ = highlighted
    edit(copy, "The morning boat was late again", "The small morning boat from the mainland was late again")
    [now] = annotations(cli, workspace)
    shift = len("The small morning boat from the mainland") - len("The morning boat")
    assert (now["start"], now["end"]) == (ann["start"] + shift, ann["end"] + shift)
    assert now["status"] == "moved" and now["quote"] == QUOTE
    text = run_json(cli, "show", ann["article"], workspace=workspace)["text"]
    assert text[now["start"]:now["end"]] == QUOTE
    hits = run_json(cli, "search", "small morning boat from the mainland", workspace=workspace)
    assert hits and hits[0]["article"] == ann["article"]  # the search index saw the edit too


def test_edit_after_the_quote_keeps_the_highlight_in_place(cli, highlighted):
    workspace, copy, ann, _ = highlighted
    edit(copy, "because of the storm.", "because of the storm, which closed the harbour for two days.")
    [now] = annotations(cli, workspace)
    assert (now["start"], now["end"], now["status"], now["quote"]) == (ann["start"], ann["end"], "anchored", QUOTE)


def test_edit_inside_the_quote_is_kept_and_flagged(cli, highlighted):
    workspace, copy, ann, _ = highlighted
    edit(copy, "felt calmer than last week", "felt much calmer than last week")
    [now] = annotations(cli, workspace)
    assert now["id"] == ann["id"] and now["status"] in ("moved", "needs_review")
    text = run_json(cli, "show", ann["article"], workspace=workspace)["text"]
    edited = text.index("felt much calmer than last week")
    # the highlight now sits on the edited passage (fuzzy match), not somewhere else
    assert edited <= now["start"] < now["end"] <= edited + len("felt much calmer than last week")
    assert "calmer than last week" in text[now["start"]:now["end"]]
    assert now["quote"] == text[now["start"]:now["end"]]


def test_quote_deleted_is_kept_as_orphan(cli, highlighted):
    workspace, copy, ann, _ = highlighted
    edit(copy, "The captain said the crossing felt calmer than last week, although the wind had not dropped.",
         "Nobody spoke on the crossing.")
    [now] = annotations(cli, workspace)
    assert now["id"] == ann["id"] and now["quote"] == QUOTE and now["status"] in ("orphaned", "needs_review")


def test_reimporting_a_new_version_keeps_id_and_reanchors(cli, highlighted):
    workspace, copy, ann, source = highlighted
    edit(source, "The morning boat was late again", "The boat was late")
    report = run_json(cli, "import", str(source), workspace=workspace)
    [item] = report["imported"]
    assert item["updated"] and item["id"] == ann["article"] and Path(item["path"]) == copy
    assert [(r["id"], r["status"]) for r in report["reanchored"]] == [(ann["id"], "moved")]
    [now] = annotations(cli, workspace)
    delta = len("The boat was late") - len("The morning boat was late again")
    assert (now["start"], now["end"]) == (ann["start"] + delta, ann["end"] + delta)
    hits = run_json(cli, "search", "The boat was late", workspace=workspace)
    assert hits and hits[0]["article"] == ann["article"]


def test_usage_errors_exit_2_in_one_line(cli, empty_workspace):
    result = cli("import", str(FIXTURES / "harbour_report.txt"), "--replace", "no-such-article", workspace=empty_workspace)
    assert result.returncode == 2 and result.stderr.startswith("error: unknown article id")
    assert len(result.stderr.strip().splitlines()) == 1
    assert list((empty_workspace / "seeds").iterdir()) == []
