"""Hostile input through the real CLI: one clear line and the right exit code, never a traceback,
never an escape code sent to the terminal, never lost data.

Every run is a real subprocess (`cli` from tests/conftest.py) against a temp copy of the seeds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import REPO

A1 = "001_f3ee0fb6159397b6"
ESC = "\x1b"


def ok(proc) -> str:
    assert proc.returncode == 0, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc.stdout


def fails(proc, code: int) -> str:
    """The one `error: …` line of a run that must fail with `code`."""
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    assert ESC not in proc.stderr and "\x07" not in proc.stderr
    return lines[0]


def no_escapes(proc) -> None:
    assert ESC not in proc.stdout and ESC not in proc.stderr, (proc.stdout[-300:], proc.stderr)
    assert "\x07" not in proc.stdout and "\x07" not in proc.stderr


def annotations(cli, workspace) -> list[dict]:
    return json.loads(ok(cli("annotations", "--json", workspace=workspace)))


def _env() -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("WORKBENCH_WORKSPACE", None)
    env.pop("WORKBENCH_DEBUG", None)
    return env


def _cmd(workspace: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "workbench", "--workspace", str(workspace), *args]


# --- files where files are expected ------------------------------------------------------------

@pytest.fixture
def bad_files(tmp_path: Path) -> dict[str, Path]:
    d = tmp_path / "bad"
    d.mkdir()
    files = {
        "empty": d / "empty.txt",
        "binary": d / "binary.txt",
        "undecodable": d / "undecodable.html",
        "huge": d / "huge.txt",
        "folder": d / "folder.txt",
        "missing": d / "missing.txt",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 40)
    # not UTF-8, and a declared charset that cannot decode it either: no decoding is left
    files["undecodable"].write_bytes(b'<meta charset="utf-16"><p>caf\xe9 \x81\x8d\x8f\x90\x9d text</p>')
    with open(files["huge"], "wb") as handle:  # sparse: > 20 MB on paper, nothing on disk
        handle.truncate(21 * 1024 * 1024)
    files["folder"].mkdir()
    return files


REASONS = {
    "empty": "file is empty",
    "binary": "binary file",
    "undecodable": "not valid",
    "huge": "too large",
    "folder": "folder",
    "missing": "no such file",
}


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_check_refuses_a_bad_draft_in_one_line(cli, workspace, bad_files, kind):
    line = fails(cli("check", str(bad_files[kind]), workspace=workspace), 2)
    assert REASONS[kind] in line and bad_files[kind].name in line


def test_import_of_bad_files_fails_each_in_one_line_and_writes_nothing(cli, workspace, bad_files):
    before = sorted(p.name for p in (workspace / "seeds").iterdir())
    proc = cli("import", *(str(p) for p in bad_files.values()), workspace=workspace)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    errors = proc.stderr.strip().splitlines()
    # the folder is searched (nothing inside): every other file is one error line naming it
    assert len(errors) == 5 and all(line.startswith("error: ") for line in errors), proc.stderr
    for kind in ("empty", "binary", "undecodable", "huge", "missing"):
        assert any(bad_files[kind].name in line and REASONS[kind] in line for line in errors), (kind, errors)
    assert proc.stdout.strip().endswith("0 imported, 0 skipped, 5 failed")
    assert sorted(p.name for p in (workspace / "seeds").iterdir()) == before


@pytest.mark.parametrize("kind", ["binary", "folder"])
def test_bad_annotation_and_query_files_are_one_line_errors(cli, workspace, bad_files, kind):
    fails(cli("annotations", "import", str(bad_files[kind]), workspace=workspace), 1)
    fails(cli("search", "--queries-file", str(bad_files[kind]), workspace=workspace), 2)


def test_annotations_import_file_that_is_not_an_array(cli, workspace, tmp_path):
    not_array = tmp_path / "object.json"
    not_array.write_text('{"id": 1}', encoding="utf-8")
    assert "JSON array" in fails(cli("annotations", "import", str(not_array), workspace=workspace), 1)


# --- ids --------------------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("highlight", "{id}", "Friends with All"),
    ("annotations", "--article", "{id}"),
    ("search", "grid", "--article", "{id}"),
    ("export", "--article", "{id}"),
])
def test_unknown_and_ambiguous_article_ids_exit_2(cli, workspace, args):
    unknown = fails(cli(*(a.format(id="zz\x1b[31m") for a in args), workspace=workspace), 2)
    assert "unknown article id" in unknown and "\\x1b" in unknown  # shown, not sent
    ambiguous = fails(cli(*(a.format(id="00") for a in args), workspace=workspace), 2)
    assert "ambiguous article id '00'" in ambiguous


@pytest.mark.parametrize("args", [("annotate", "{id}", "--note", "x"), ("delete", "{id}")])
def test_unknown_and_empty_annotation_ids_exit_2(cli, workspace, args):
    assert "unknown annotation id" in fails(cli(*(a.format(id="deadbeef") for a in args), workspace=workspace), 2)
    fails(cli(*(a.format(id="") for a in args), workspace=workspace), 2)


# --- quotes -----------------------------------------------------------------------------------

@pytest.mark.parametrize("quote,code,needle", [
    ("   \n\t ", 2, "empty quote"),
    ("\x1b[31m\x07", 2, "empty quote"),                 # only an escape code: nothing left
    ("?!?!?! ;;; ???", 1, "closest passage"),
    ("x" * 1_000, 1, "closest passage"),  # (10k characters take 10-25 s: reported, not pinned)
], ids=["whitespace", "escape-code", "punctuation", "1k-chars"])
def test_weird_quotes_fail_in_one_line_and_save_nothing(cli, workspace, quote, code, needle):
    line = fails(cli("highlight", "001", quote, workspace=workspace), code)
    assert needle in line and len(line) < 600  # a long quote is not echoed whole


def test_occurrences_out_of_range_and_ambiguous(cli, workspace):
    for bad in ("0", "99999999999999999999"):
        assert "--occurrence" in fails(cli("highlight", "001", "Donald Trump", "--occurrence", bad,
                                           workspace=workspace), 2)
    line = fails(cli("highlight", "001", "Donald Trump", workspace=workspace), 1)
    assert "occurs 3 times" in line and '1: "' in line and '3: "' in line
    assert annotations(cli, workspace) == []


def test_argument_errors_are_one_line_not_a_usage_block(cli, workspace):
    line = fails(cli("highlight", "001", "Oval Office", "--occurrence", "abc", workspace=workspace), 2)
    assert "invalid int value: 'abc'" in line and "--help" in line
    assert "required: QUOTE" in fails(cli("highlight", "001", workspace=workspace), 2)
    assert "invalid choice" in fails(cli("bogus", workspace=workspace), 2)


# --- notes and tags ---------------------------------------------------------------------------

def test_escape_codes_and_control_characters_in_notes_and_tags_never_reach_the_terminal(cli, workspace):
    note = "evil \x1b[2J\x1b]0;title\x07 note\x08\r\n---\n<script>alert(1)</script>\x9b31m end"
    ann = json.loads(ok(cli("highlight", "001", "Oval Office", "--json", "--note", note,
                            "--tag", "\x1b[31mred", "--tag", "a\nb", "--tag=---",
                            workspace=workspace)))
    assert ann["note"] == "evil  note\n---\n<script>alert(1)</script>31m end"  # newlines kept, controls gone
    assert ann["tags"] == ["red", "a-b", "---"]
    refused = fails(cli("highlight", "001", "Oval Office", "--tag", "<script>", "--allow-duplicate", workspace=workspace), 2)
    assert "'<script>'" in refused and "letters, digits" in refused
    for args in (("annotations",), ("tags",), ("search", "alert script"), ("export",)):
        no_escapes(cli(*args, workspace=workspace))
    for path in (workspace / "notes").rglob("*.md"):
        assert ESC not in path.read_text(encoding="utf-8")


def test_too_long_notes_and_tags_are_refused(cli, workspace):
    assert "note too long" in fails(cli("highlight", "001", "Oval Office", "--note", "n" * 100_001,
                                        workspace=workspace), 2)
    assert "tag too long" in fails(cli("highlight", "001", "Oval Office", "--tag", "t" * 5_000,
                                       workspace=workspace), 2)
    assert annotations(cli, workspace) == []


def test_arguments_that_are_not_utf8_are_a_usage_error_not_an_internal_error(cli, workspace):
    # b"\xff" arrives as the surrogate "\udcff" (subprocess encodes it back to the raw byte)
    line = fails(cli("highlight", "001", "Oval Office", "--note", "bad \udcff byte", workspace=workspace), 2)
    assert "not valid UTF-8" in line and "\\xff" in line
    fails(cli("tags", "rename", "red", "r\udce9d", workspace=workspace), 2)
    assert annotations(cli, workspace) == []


def test_utf8_arguments_under_a_c_locale_without_utf8_mode(cli, workspace):
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    ann = json.loads(ok(cli("highlight", "003", "Baku’s Tightrope", "--note", "café", "--json",
                            workspace=workspace, env=env)))
    assert (ann["quote"], ann["note"]) == ("Baku’s Tightrope", "café")


# --- searching --------------------------------------------------------------------------------

@pytest.mark.parametrize("args,needle", [
    (("search", ""), "empty query"),
    (("search", "grid", "--limit", "-5"), "--limit"),
])
def test_search_usage_errors(cli, workspace, args, needle):
    assert needle in fails(cli(*args, workspace=workspace), 2)


# --- the terminal -----------------------------------------------------------------------------

@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "latin-1"},
                                 {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}])
def test_a_terminal_that_is_not_utf8_gets_output_not_a_crash(workspace, env):
    proc = subprocess.run(_cmd(workspace, "show", "001"), capture_output=True, env={**_env(), **env}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"Friends with All" in proc.stdout and proc.stderr == b""


@pytest.mark.parametrize("args", [("show", "001"), ("list", "--json")])
def test_a_reader_that_stops_early_is_a_quiet_exit_0(workspace, args):
    proc = subprocess.Popen(_cmd(workspace, *args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_env(), cwd=str(workspace))
    proc.stdout.read(20)
    proc.stdout.close()  # like `| head -c 20`
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 0, err
    assert err == ""


def test_stdout_closed_from_the_start(workspace):
    script = " ".join(f"'{part}'" for part in _cmd(workspace, "list", "--json")) + " >&-"
    proc = subprocess.run(["sh", "-c", script], capture_output=True, text=True, env=_env(), timeout=60)
    assert proc.returncode == 0 and "internal error" not in proc.stderr, proc.stderr


# --- hostile file names -----------------------------------------------------------------------

def test_seed_file_names_with_escape_codes_or_latin1_bytes_are_skipped_with_a_warning(cli, workspace):
    seeds = workspace / "seeds"
    source = seeds / "004_e3342630c77daeed.txt"
    evil = seeds / "\x1b[31mevil\x1b]0;pwn\x07.txt"
    shutil.copy(source, evil)
    latin1 = Path(os.fsdecode(bytes(seeds) + b"/caf\xe9.txt"))
    shutil.copy(source, latin1)
    listed = cli("list", "--json", workspace=workspace)
    assert [a["id"][:3] for a in json.loads(ok(listed))] == ["000", "001", "002", "003", "004"]
    warnings = listed.stderr.strip().splitlines()
    assert len(warnings) == 2 and all("rename it" in w for w in warnings), warnings
    assert any("\\x1b[31mevil" in w for w in warnings) and any("caf\\xe9.txt" in w for w in warnings)
    no_escapes(listed)
    proc = cli("search", "Pragmatism", workspace=workspace)
    ok(proc)
    no_escapes(proc)
    assert evil.exists() and latin1.exists()  # left alone, not deleted


def test_import_shows_escape_codes_in_file_names_instead_of_sending_them(cli, workspace, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(REPO / "tests/fixtures/import/harbour_report.txt", src / "\x1b[31mred\x1b]0;pwn\x07.txt")
    (src / "\x1b[32mbin.txt").write_bytes(bytes(range(256)) * 10)
    proc = cli("import", str(src), workspace=workspace)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    no_escapes(proc)
    assert "\\x1b[31mred" in proc.stdout and "\\x1b[32mbin.txt: looks like a binary file" in proc.stderr


def test_import_of_a_file_whose_name_is_not_utf8(cli, workspace, tmp_path):
    src = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    shutil.copy(REPO / "tests/fixtures/import/harbour_report.txt", src)
    report = json.loads(ok(cli("import", str(src), "--json", workspace=workspace)))
    assert len(report["imported"]) == 1 and report["imported"][0]["source"].endswith("caf\\xe9.txt")
    new_id = report["imported"][0]["id"]
    assert new_id in [a["id"] for a in json.loads(ok(cli("list", "--json", workspace=workspace)))]
    again = ok(cli("import", str(src), workspace=workspace))  # the import record was kept
    assert f"unchanged, already imported as {new_id}" in again


# --- a damaged workspace ----------------------------------------------------------------------

def test_seeds_or_notes_that_are_files(cli, tmp_path):
    for name in ("seeds", "notes"):
        root = tmp_path / name
        root.mkdir()
        (root / name).write_text("not a folder", encoding="utf-8")
        line = fails(cli("list", workspace=root), 2)
        assert f"{name} is a file, not a folder" in line


def test_workbench_state_that_is_a_file(cli, workspace):
    (workspace / ".workbench").write_text("garbage", encoding="utf-8")
    assert len(json.loads(ok(cli("list", "--json", workspace=workspace)))) == 5
    assert "annotation store" in fails(cli("annotations", workspace=workspace), 1)
    assert (workspace / ".workbench").read_text(encoding="utf-8") == "garbage"


def test_garbage_in_the_state_folder_loses_no_annotation(cli, workspace):
    ok(cli("highlight", "001", "Oval Office", "--note", "keep me", workspace=workspace))
    state = workspace / ".workbench"
    for path in (state / "cache").rglob("*.json"):
        path.write_text("{{{ garbage", encoding="utf-8")
    for path in (state / "search").rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x80garbage")
    (state / "imports.json").write_text("[1, 2", encoding="utf-8")
    [ann] = annotations(cli, workspace)
    assert ann["note"] == "keep me"
    hits = json.loads(ok(cli("search", "Oval Office", "--json", workspace=workspace)))
    assert hits and hits[0]["article"] == A1


def test_a_truncated_annotation_file_is_restored_from_its_backup(cli, workspace):
    ok(cli("highlight", "001", "Oval Office", "--note", "keep me", workspace=workspace))
    files = list((workspace / ".workbench" / "store" / "annotations").glob("*.json"))
    assert len(files) == 1
    files[0].write_bytes(files[0].read_bytes()[:40])
    proc = cli("annotations", "--json", workspace=workspace)
    [ann] = json.loads(ok(proc))
    assert ann["note"] == "keep me"
    assert proc.stderr.count("warning:") == 1 and "corrupt" in proc.stderr
    assert list((workspace / ".workbench" / "store" / "corrupt").iterdir())  # kept, not deleted


# --- several at once --------------------------------------------------------------------------

def test_concurrent_highlights_are_all_saved(cli, workspace):
    words = ["Beijing", "Israel", "Pakistan", "Ukraine", "Oval Office", "Non-Aligned"]

    def run(word):
        return cli("highlight", "001", word, "--occurrence", "1", "--tag", "race", workspace=workspace)

    with ThreadPoolExecutor(len(words)) as pool:
        results = list(pool.map(run, words))
    for proc in results:
        ok(proc)
    assert sorted(a["quote"] for a in annotations(cli, workspace)) == sorted(words)


def test_escape_codes_hidden_in_yaml_and_html_references_are_stripped(cli, workspace, tmp_path):
    note = tmp_path / "note.md"
    note.write_text('---\ntitle: "\\e[31mRed YAML title\\a"\nauthor: "\\e[2JBad Author"\n---\n\n'
                    "Body text of the note with enough words to count as an article paragraph here.\n",
                    encoding="utf-8")
    page = tmp_path / "page.html"
    paragraph = ("The harbour authority met on Tuesday to discuss the new breakwater, which has been delayed "
                 "for three years by funding disputes and a long argument about the outer wall.")
    page.write_text(f"<html><head><title>&#27;[31mRed Page</title></head><body><article><h1>Harbour</h1>"
                    f"<p>&#27;]0;pwned&#7;{paragraph}</p><p>&#x1b;[2J{paragraph} Fishermen&#150;and others.</p>"
                    f"<p>{paragraph}</p></article></body></html>", encoding="utf-8")
    report = json.loads(ok(cli("import", str(note), str(page), "--json", workspace=workspace)))
    assert len(report["imported"]) == 2, report["failed"]
    articles = json.loads(ok(cli("list", "--json", workspace=workspace)))
    md = next(a for a in articles if a["title"].startswith("Red YAML"))
    assert (md["title"], md["authors"]) == ("Red YAML title", ["Bad Author"])
    for article in report["imported"]:
        shown = cli("show", article["id"], workspace=workspace)
        ok(shown)
        no_escapes(shown)
        assert "\x9b" not in shown.stdout
    html = json.loads(ok(cli("show", report["imported"][1]["id"], "--json", workspace=workspace)))
    assert "Fishermen–and others" in html["text"]  # &#150; read as windows-1252, like browsers


def test_workspace_folder_names_are_text_not_markup(cli, tmp_path):
    empty = tmp_path / "c[" / "]d"  # the path reads "c[/]d": a Rich closing tag
    empty.mkdir(parents=True)
    assert "c[/]d" in ok(cli("list", workspace=empty))
    named = tmp_path / "[draft]"
    shutil.copytree(REPO / "seeds", named / "seeds")
    assert ok(cli("list", workspace=named)).startswith("5 articles in [draft]")


@pytest.mark.parametrize("args", [(), ("tui",)])
def test_the_app_without_a_terminal_is_an_error_not_a_hang(cli, workspace, args):
    assert "needs a terminal" in fails(cli(*args, workspace=workspace, input="", timeout=30), 2)


def test_a_mistyped_workspace_is_an_error_not_a_new_empty_one(cli, tmp_path):
    """`--workspace` naming a folder that does not exist: commands that read say so in one line
    and create nothing; `import` (and the app) may start a new workspace there."""
    typo = tmp_path / "reserch"
    for args in (["list"], ["search", "anything"], ["annotations", "--json"], ["export"]):
        run = cli("--workspace", str(typo), *args)
        assert run.returncode == 2 and run.stdout == ""
        assert run.stderr.strip().splitlines() == [run.stderr.strip()]  # one line
        assert run.stderr.startswith(f"error: no workspace at {typo}") and "Traceback" not in run.stderr
        assert not typo.exists()
    source = tmp_path / "note.md"
    source.write_text("# A note\n\nOne paragraph of text, long enough to be an article body.\n", encoding="utf-8")
    run = cli("--workspace", str(typo), "import", str(source))
    assert run.returncode == 0, run.stderr
    assert [p.suffix for p in (typo / "seeds").iterdir()] == [".md"]
    assert "A note" in cli("--workspace", str(typo), "list").stdout
