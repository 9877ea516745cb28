"""`workbench export` through real subprocess runs, real store files and real seeds.

Golden files: tests/golden/export/expected/ is the export of the handmade article
tests/golden/export/handmade.txt with the highlights in highlights.json. After an intended
change of the format, regenerate with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/cli/test_export.py -k golden

and review the diff. Offsets are computed at test time from the cleaned article.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.unit.test_export_support import (
    anchors,
    check_structure,
    links,
    parse,
    read_all,
    squash,
)
from workbench.library import Library
from workbench.workspace import Workspace

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "export"
HOSTILE = "---\n# heading\nline\n---\n<script>x</script> [[wiki]] \x1b[31mred\x1b[0m\n```\ncode"


def export_json(cli, workspace: Path, *args: str) -> dict:
    proc = cli("export", *args, "--json", workspace=workspace)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def first_words(article, n: int = 0, words: int = 5) -> str:
    block = article.blocks_of("paragraph")[n]
    return " ".join(article.text[block.start:block.end].split()[:words])


def test_export_via_cli_is_valid_inert_and_idempotent(cli, workspace):
    articles = Library(Workspace(workspace)).articles
    a, b = articles[0], articles[1]
    for article, n, extra in ((a, 0, ["--note", HOSTILE, "--tag", "Policy/Energy"]), (a, 1, ["--tag", "x y"]),
                              (b, 0, ["--color", "blue"])):
        proc = cli("highlight", article.id, first_words(article, n), *extra, "--json", workspace=workspace)
        assert proc.returncode == 0, proc.stderr
    first = export_json(cli, workspace)
    notes = workspace / "notes"
    assert sorted(first["written"]) == sorted(read_all(notes)) and first["unchanged"] == []
    for name, parsed in read_all(notes).items():
        check_structure(parsed)
        if name not in ("index.md",) and not name.startswith("tags/"):
            assert [tag for tag, _ in parsed.headings()] == ["h1"]
            article = a if parsed.meta["source"] == a.id else b
            assert parsed.meta["title"] == " ".join(article.title.split())
            assert len(parsed.blockquotes()) == parsed.meta["highlights"]
    note_a = next(p for p in read_all(notes).values() if p.meta.get("source") == a.id)
    assert any(squash(" ".join(item[1:])) == squash(HOSTILE.replace("\x1b[31m", "").replace("\x1b[0m", ""))
               for item in note_a.list_items() if item[0] == "Note:")
    mtimes = {p: p.stat().st_mtime_ns for p in notes.rglob("*.md")}
    second = export_json(cli, workspace)
    assert second["written"] == [] and sorted(second["unchanged"]) == sorted(first["written"])
    assert {p: p.stat().st_mtime_ns for p in notes.rglob("*.md")} == mtimes


def test_plain_output_out_dir_and_errors(cli, workspace, tmp_path):
    article = Library(Workspace(workspace)).articles[2]
    assert cli("highlight", article.id, first_words(article), workspace=workspace).returncode == 0
    out = tmp_path / "vault" / "research"
    proc = cli("export", "--out", str(out), workspace=workspace)
    assert proc.returncode == 0 and "2 written" in proc.stdout and (out / "index.md").is_file()
    for args, code, words in ((["--article", "nope"], 2, "unknown article"), (["--tag", "missing"], 2, "no highlight"),
                              (["--out", str(out / "index.md")], 2, "not a folder"),
                              (["--out", str(workspace / "seeds" / "x")], 2, "cannot export into seeds")):
        proc = cli("export", *args, workspace=workspace)
        assert proc.returncode == code and proc.stderr.startswith("error: ") and words in proc.stderr
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_export_folder_name_with_escape_codes_is_shown_not_sent(cli, workspace, tmp_path):
    article = Library(Workspace(workspace)).articles[2]
    assert cli("highlight", article.id, first_words(article), "--tag", "t", workspace=workspace).returncode == 0
    proc = cli("export", "--out", str(tmp_path / "ex\x1b[31mport"), workspace=workspace)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stdout + proc.stderr and "ex\\x1b[31mport" in proc.stdout


def test_a_file_where_a_folder_must_be_fails_before_anything_is_written(cli, workspace):
    article = Library(Workspace(workspace)).articles[2]
    assert cli("highlight", article.id, first_words(article), "--tag", "t", workspace=workspace).returncode == 0
    notes = workspace / "notes"
    (notes / "tags").write_text("mine", encoding="utf-8")
    proc = cli("export", workspace=workspace)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("error: cannot write ") and "notes/tags is a file, not a folder" in line, line
    assert sorted(p.name for p in notes.iterdir()) == ["tags"]  # no note, no index.md, no manifest
    assert (notes / "tags").read_text(encoding="utf-8") == "mine"
    (notes / "tags").unlink()
    (notes / "index.md").mkdir()
    line = cli("export", workspace=workspace).stderr.strip()
    assert "notes/index.md is a folder, not a file" in line and sorted(p.name for p in notes.iterdir()) == ["index.md"]


def test_empty_export_writes_index_and_exits_zero(cli, empty_workspace):
    result = export_json(cli, empty_workspace)
    assert result["written"] == ["index.md"]
    assert "No highlights yet" in parse((empty_workspace / "notes" / "index.md").read_text()).body


def test_hostile_title_front_matter_is_valid(cli, empty_workspace):
    title = 'Evil: "title" --- # [[x]] <script>'
    (empty_workspace / "seeds" / "evil.txt").write_text(f"{title}\n\nBody text comes here and says something.\n")
    article = Library(Workspace(empty_workspace)).get("evil")
    assert cli("highlight", "evil", first_words(article, 0, 3), workspace=empty_workspace).returncode == 0
    export_json(cli, empty_workspace)
    for _name, parsed in read_all(empty_workspace / "notes").items():
        check_structure(parsed)
        if parsed.meta.get("source") == "evil":
            assert parsed.meta["title"] == " ".join(article.title.split())
            assert parsed.headings() == [("h1", " ".join(article.title.split()))]


@pytest.mark.parametrize("flavour", ["obsidian", "commonmark", "logseq"])
def test_golden_export_per_flavour(cli, empty_workspace, tmp_path, flavour):
    for source in ("handmade.txt", "cited.md"):
        shutil.copy(GOLDEN / source, empty_workspace / "seeds" / source)
    library = Library(Workspace(empty_workspace))
    records = []
    for spec in json.loads((GOLDEN / "highlights.json").read_text()):
        spec = {"article": "handmade", **spec}
        article = library.get(spec["article"])
        start = article.text.index(spec["quote"])
        end = start + len(spec["quote"])
        records.append({**spec, "start": start, "end": end,
                        "prefix": article.text[max(0, start - 32):start], "suffix": article.text[end:end + 32],
                        "created": "2026-01-01T00:00:00+00:00", "updated": "2026-01-01T00:00:00+00:00"})
    records_file = tmp_path / "records.json"
    records_file.write_text(json.dumps(records))
    proc = cli("annotations", "import", str(records_file), "--json", workspace=empty_workspace)
    assert proc.returncode == 0 and json.loads(proc.stdout)["imported"] == 4, proc.stdout + proc.stderr
    assert export_json(cli, empty_workspace, "--format", flavour, "--bib")["format"] == flavour
    notes = empty_workspace / "notes"
    got = {p.relative_to(notes).as_posix(): p.read_text() for p in sorted(notes.rglob("*")) if p.is_file()}
    expected_dir = GOLDEN / "expected" / flavour
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for name, text in got.items():
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / name).write_text(text)
    expected = {p.relative_to(expected_dir).as_posix(): p.read_text()
                for p in sorted(expected_dir.rglob("*")) if p.is_file()}
    assert got == expected
    files = read_all(notes)
    for parsed in files.values():
        check_structure(parsed)
    # every link between exported files resolves, down to the highlight it points at
    targets = {name: anchors(parsed) for name, parsed in files.items()}
    refs = set().union(*targets.values())
    for name, parsed in files.items():
        for href in links(parsed):
            if href.startswith(("http://", "https://")):
                continue
            path, _, fragment = unquote(href).partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
            assert resolved in files, (name, href)
            assert not fragment or fragment in targets[resolved], (name, href)
        for uuid in re.findall(r"\(\(([0-9a-f-]{36})\)\)", parsed.body):
            assert uuid in refs, (name, uuid)
    note = next(p for p in files.values() if p.meta.get("source") == "cited")
    assert note.meta["url"] == "https://example.org/grid/a_b_c?x=1&y=%20"
    assert note.meta["citekey"] == "huseynov2025today"
    assert sorted(note.meta["tags"]) == ["storage", "y2024"]
    if flavour == "logseq":
        assert "((d4c3b2a1-0f9e-4d8c-8b7a-444444444444))" in files["tags/2024.md"].body
    else:
        assert "**Key number.** See [[Battery prices]] and https://example.org/a_b_c" in note.body
