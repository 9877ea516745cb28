"""The annotation commands, run as real subprocesses against a temp copy of the seeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.store.partitions import file_name

A1 = "001_f3ee0fb6159397b6"


def ok(proc) -> str:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def fails(proc, code: int) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


def test_highlight_contract_and_errors(cli, workspace):
    ann = json.loads(ok(cli("highlight", "001", "Friends  with\nAll", "--tag", "Policy/Energy", "--note",
                            "see \x1b[31mthis\x1b[0m\x07", "--color", "green", "--json", workspace=workspace)))
    assert list(ann) == ["id", "article", "start", "end", "quote", "prefix", "suffix", "color", "note", "tags",
                         "created", "updated", "status", "page"]
    assert (ann["article"], ann["quote"], ann["color"], ann["note"], ann["tags"], ann["status"]) == (
        A1, "Friends with All", "green", "see this", ["policy/energy"], "anchored")
    human = ok(cli("highlight", "001", "Captive to None", workspace=workspace))
    assert human.startswith("highlighted ") and "Captive to None" in human
    first_line = human.splitlines()[0]  # the article named by its title, as in the app; one line
    assert first_line.endswith("yellow in “Friends with All, Captive to None”") and A1 not in first_line

    line = fails(cli("highlight", "001", "Friends with Everyone and Nobody", workspace=workspace), 1)
    assert line.startswith(f"error: quote not found in {A1}; closest passage: \"") and "Friends" in line
    line = fails(cli("highlight", "001", "Azerbaijan", workspace=workspace), 1)
    assert "times in" in line and "pass --occurrence N (1: " in line and "2: " in line
    fails(cli("highlight", "001", "Azerbaijan", "--occurrence", "9999", workspace=workspace), 2)
    fails(cli("highlight", "001", "Captive", "--color", "red", workspace=workspace), 2)
    fails(cli("highlight", "nope", "Captive", workspace=workspace), 2)
    listed = json.loads(ok(cli("annotations", "--json", workspace=workspace)))
    assert [a["quote"] for a in listed] == ["Friends with All", "Captive to None"]


def test_annotate_delete_undo_and_filters(cli, workspace):
    first = json.loads(ok(cli("highlight", "001", "Captive to None", "--tag", "policy/energy", "--json",
                              workspace=workspace)))
    ok(cli("highlight", "000", "Sovereignty First", "--tag", "policyx", workspace=workspace))
    short = first["id"][:8]
    ok(cli("annotate", short, "--note", "line one\nline \x1b]0;title\x07two", "--add-tag", "Gas Supply",
           "--remove-tag", "policy/energy", "--color", "blue", workspace=workspace))
    [got] = json.loads(ok(cli("annotations", "--article", "001", "--json", workspace=workspace)))
    assert (got["note"], got["tags"], got["color"]) == ("line one\nline two", ["gas-supply"], "blue")
    assert got["updated"] >= got["created"]
    fails(cli("annotate", short, workspace=workspace), 2)
    fails(cli("annotate", "ffffffff", "--note", "x", workspace=workspace), 2)
    fails(cli("annotations", "--status", "lost", workspace=workspace), 2)

    table = ok(cli("annotations", workspace=workspace))
    assert short in table and "Sovereignty" in table
    ok(cli("delete", short, workspace=workspace))
    assert [a["quote"] for a in json.loads(ok(cli("annotations", "--json", workspace=workspace)))] == ["Sovereignty First"]
    assert "undid delete" in ok(cli("undo", workspace=workspace))
    assert "undid edit" in ok(cli("undo", workspace=workspace))
    [back] = json.loads(ok(cli("annotations", "--tag", "policy", "--json", workspace=workspace)))
    assert back["id"] == first["id"] and back["tags"] == ["policy/energy"]  # policyx is not a child of policy


def test_redo_takes_back_an_undo_until_a_new_change(cli, workspace):
    first = json.loads(ok(cli("highlight", "001", "Captive to None", "--json", workspace=workspace)))
    fails(cli("redo", workspace=workspace), 1)  # nothing undone yet
    ok(cli("delete", first["id"], workspace=workspace))
    ok(cli("undo", workspace=workspace))
    assert len(json.loads(ok(cli("annotations", "--json", workspace=workspace)))) == 1
    assert "redid delete" in ok(cli("redo", workspace=workspace))
    assert json.loads(ok(cli("annotations", "--json", workspace=workspace))) == []
    assert "undid delete" in ok(cli("undo", workspace=workspace))  # the redo is undoable too
    ok(cli("highlight", "000", "Sovereignty First", workspace=workspace))  # a new change …
    ok(cli("undo", workspace=workspace))
    ok(cli("highlight", "000", "Sovereignty First", workspace=workspace))  # … ends what redo can bring back
    fails(cli("redo", workspace=workspace), 1)


def test_tags_list_and_rename_merges(cli, workspace):
    ok(cli("highlight", "001", "Friends with All", "--tag", "policy/energy", "--tag", "foreign-policy/energy",
           workspace=workspace))
    ok(cli("highlight", "001", "Captive to None", "--tag", "policy", workspace=workspace))
    ok(cli("highlight", "000", "Sovereignty First", "--tag", "Foreign Policy", workspace=workspace))
    tags = json.loads(ok(cli("tags", "--json", workspace=workspace)))
    assert tags == [{"tag": "foreign-policy", "count": 1}, {"tag": "foreign-policy/energy", "count": 1},
                    {"tag": "policy", "count": 1}, {"tag": "policy/energy", "count": 1}]
    assert "2 annotation" in ok(cli("tags", "rename", "policy", "foreign-policy", workspace=workspace))
    tags = json.loads(ok(cli("tags", "--json", workspace=workspace)))
    assert tags == [{"tag": "foreign-policy", "count": 2}, {"tag": "foreign-policy/energy", "count": 1}]
    fails(cli("tags", "rename", "nothing", "else", workspace=workspace), 1)
    assert "foreign-policy" in ok(cli("tags", workspace=workspace))


def test_export_import_round_trip_is_idempotent_and_rejects_bad_records(cli, workspace, tmp_path):
    ok(cli("highlight", "001", "Friends with All", "--tag", "a", "--note", "n1", workspace=workspace))
    ok(cli("highlight", "002", "testament", "--color", "pink", workspace=workspace))
    exported = ok(cli("annotations", "--json", workspace=workspace))
    records = json.loads(exported)
    dump = tmp_path / "export.json"
    dump.write_text(exported, encoding="utf-8")

    other = tmp_path / "other"
    (other / "seeds").mkdir(parents=True)
    for p in (workspace / "seeds").iterdir():
        (other / "seeds" / p.name).write_bytes(p.read_bytes())
    out = ok(cli("annotations", "import", str(dump), workspace=other))
    assert "imported 2, updated 0, unchanged 0, rejected 0" in out
    assert json.loads(ok(cli("annotations", "--json", workspace=other))) == records
    assert "imported 0, updated 0, unchanged 2" in ok(cli("annotations", "import", str(dump), workspace=other))

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{**records[0], "id": "x"}, {**records[1], "color": "red"},
                               {**records[1], "id": "6f1e3c2a-1b2c-4d3e-8f9a-0b1c2d3e4f5a"}]), encoding="utf-8")
    proc = cli("annotations", "import", str(bad), "--json", workspace=other)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["imported"] == 1 and [r["record"] for r in report["rejected"]] == ["x", records[1]["id"]]
    assert "rejected record x: id is not a uuid" in proc.stderr
    assert len(json.loads(ok(cli("annotations", "--json", workspace=other)))) == 3

    (tmp_path / "broken.json").write_text("[{", encoding="utf-8")
    assert "not valid JSON" in fails(cli("annotations", "import", str(tmp_path / "broken.json"), workspace=other), 1)
    assert "cannot read" in fails(cli("annotations", "import", str(tmp_path / "missing.json"), workspace=other), 1)


def test_edited_source_is_reanchored_on_the_next_command(cli, workspace):
    keep = json.loads(ok(cli("highlight", "000", "casting international organizations not as essential arbiters",
                             "--json", workspace=workspace)))
    lost = json.loads(ok(cli("highlight", "000", "Baku is adopting a similar transactional approach", "--json",
                             workspace=workspace)))
    source = next((workspace / "seeds").glob("000_*"))
    text = source.read_text(encoding="utf-8")
    source.chmod(0o644)
    source.write_text("An editor's note was added at the top of this article.\n\n"
                      + text.replace("Baku is adopting a similar transactional approach", "Baku goes its own way", 1),
                      encoding="utf-8")
    proc = cli("annotations", "--json", workspace=workspace)
    anns = {a["id"]: a for a in json.loads(ok(proc))}
    assert "re-anchored" in proc.stderr
    assert anns[keep["id"]]["status"] == "moved" and anns[keep["id"]]["start"] > keep["start"]
    assert anns[lost["id"]]["status"] in ("needs_review", "orphaned")
    assert anns[lost["id"]]["quote"] == lost["quote"]
    review = json.loads(ok(cli("annotations", "--status", anns[lost["id"]]["status"], "--json", workspace=workspace)))
    assert [a["id"] for a in review] == [lost["id"]]


def test_truncated_database_is_set_aside_restored_and_reported(cli, workspace):
    for quote in ("Friends with All", "Captive to None"):
        ok(cli("highlight", "001", quote, workspace=workspace))
    live = workspace / ".workbench" / "store" / "annotations" / file_name(A1)
    live.write_bytes(live.read_bytes()[:40])
    proc = cli("annotations", "--json", workspace=workspace)
    assert [a["quote"] for a in json.loads(ok(proc))] == ["Friends with All", "Captive to None"]
    [warning] = proc.stderr.strip().splitlines()
    assert warning.startswith(f"warning: annotations of {A1} were corrupt") and "restored backup" in warning
    assert list((workspace / ".workbench" / "store" / "corrupt").iterdir())


@pytest.mark.parametrize("args", [("undo",), ("delete", "abc"), ("tags",), ("annotations",)])
def test_commands_on_an_empty_store(cli, empty_workspace, args):
    proc = cli(*args, workspace=empty_workspace)
    assert "Traceback" not in proc.stderr
    if args[0] in ("undo", "delete"):
        fails(proc, 1 if args[0] == "undo" else 2)
    else:
        assert proc.returncode == 0 and proc.stdout.startswith("No ")


def test_import_into_a_library_without_the_article_keeps_it_and_says_so(cli, workspace, empty_workspace, tmp_path):
    ok(cli("highlight", "001", "Friends with All", workspace=workspace))
    dump = tmp_path / "one.json"
    dump.write_text(ok(cli("annotations", "--json", workspace=workspace)), encoding="utf-8")
    proc = cli("annotations", "import", str(dump), workspace=empty_workspace)
    assert "imported 1" in ok(proc)
    assert f"not in this library (kept, not re-anchored): {A1}" in proc.stderr
    [kept] = json.loads(ok(cli("annotations", "--json", workspace=empty_workspace)))
    assert kept["quote"] == "Friends with All" and kept["article"] == A1


def test_tags_and_imported_quotes_are_shown_as_text_not_markup_or_escape_codes(cli, workspace, tmp_path):
    ann = json.loads(ok(cli("highlight", "001", "Oval Office", "--tag", "x", "--json", workspace=workspace)))
    # new tags hold only letters, digits, -, _ and /; "[/]" (a Rich closing tag) can only come
    # from an import of older data, which keeps tags as they were
    refused = cli("tags", "rename", "x", "[/]", workspace=workspace)
    assert refused.returncode == 2 and "letters, digits" in refused.stderr
    foreign = {**ann, "id": "0b9e3b8e-8d0f-4c8a-9a52-6a3c4f1e2d7b", "article": "gone_article",
               "quote": "\x1b[31mOval\x1b[0m", "end": ann["start"] + 13, "tags": ["[bold]x", "[/]"]}
    imports = tmp_path / "foreign.json"
    imports.write_text(json.dumps([foreign]), encoding="utf-8")
    ok(cli("annotations", "import", str(imports), workspace=workspace))
    for args in (("annotations",), ("tags",), ("delete", foreign["id"])):
        proc = cli(*args, workspace=workspace)
        shown = ok(proc)
        assert "\x1b" not in shown and "\x1b" not in proc.stderr, (args, shown)
        assert "[bold]x" in shown and "[/]" in shown, (args, shown)
    undone = ok(cli("undo", workspace=workspace))
    assert "\x1b" not in undone and "Oval" in undone  # stripped when imported


@pytest.mark.parametrize("quote", ["x" * 10_000, "word " * 2_000])
def test_a_long_quote_that_is_not_found_fails_quickly(cli, workspace, quote):
    line = fails(cli("highlight", "001", quote, workspace=workspace, timeout=60), 1)  # took 11-25 s once
    assert "closest passage" in line and len(line) < 600


def test_read_only_commands_work_on_a_read_only_store(cli, tmp_path):
    """chmod -R a-w .workbench: reading, listing, exporting and re-anchoring (in memory) still work."""
    import os
    import shutil
    import stat
    import subprocess
    import sys
    import tempfile

    from tests.conftest import REPO, SEEDS

    as_root = os.geteuid() == 0  # root ignores permissions: run the reads as `nobody`
    root = Path(tempfile.mkdtemp(prefix="wb-readonly-")) if as_root else tmp_path / "ws"
    try:
        os.chmod(root.parent if not as_root else root, 0o755)
        shutil.copytree(SEEDS, root / "seeds")
        ann = json.loads(ok(cli("highlight", "001", "Oval Office", "--tag", "t", "--json", workspace=root)))
        seed = root / "seeds" / f"{A1}.txt"
        seed.write_text("EDITOR'S NOTE: updated.\n\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
        for path in [root, *root.rglob("*")]:
            mode = path.stat().st_mode | stat.S_IROTH | (stat.S_IXOTH if path.is_dir() else 0)
            os.chmod(path, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) if ".workbench" in path.parts
                     else mode)
        out = Path(tempfile.mkdtemp(prefix="wb-readonly-out-"))
        os.chmod(out, 0o777)
        env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "120"}
        env.pop("WORKBENCH_WORKSPACE", None)

        setpriv = shutil.which("setpriv")
        if as_root and not setpriv:
            pytest.skip("running as root without setpriv: cannot drop privileges")
        drop = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] if as_root else []

        def run(*args):
            return subprocess.run([*drop, sys.executable, "-m", "workbench", "--workspace", str(root), *args],
                                  capture_output=True, text=True, env=env, timeout=120, cwd="/")

        probe = run("list")
        if probe.returncode != 0:
            pytest.skip(f"cannot run the CLI as an unprivileged user here: {probe.stderr[-200:]}")
        listed = run("annotations", "--json")
        [shown] = json.loads(ok(listed))
        assert shown["id"] == ann["id"] and shown["status"] == "moved" and shown["start"] == ann["start"] + 25
        assert "read-only" in listed.stderr and "re-anchored in memory only" in listed.stderr
        assert [t["tag"] for t in json.loads(ok(run("tags", "--json")))] == ["t"]
        ok(run("export", "--out", str(out)))
        assert (out / "index.md").is_file()
        refused = run("annotate", ann["id"], "--note", "x")  # a change still fails, after the sync warnings
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert refused.stderr.strip().splitlines()[-1] == "error: cannot lock the annotation store: Permission denied"
        stored = json.loads((root / ".workbench" / "store" / "annotations" / f"{A1}.json").read_text("utf-8"))
        assert stored["annotations"][ann["id"]]["start"] == ann["start"]  # nothing written
    finally:
        for path in [root, *root.rglob("*")]:
            if not path.is_symlink():
                os.chmod(path, path.stat().st_mode | stat.S_IWUSR)
        if as_root:
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)


def test_undo_says_when_the_whole_undo_history_was_damaged(cli, workspace):
    ok(cli("highlight", "001", "Oval Office", workspace=workspace))
    ok(cli("highlight", "001", "Captive to None", workspace=workspace))
    journal = workspace / ".workbench" / "store" / "journal"
    for entry in journal.iterdir():
        entry.write_bytes(b"\x00garbage{")
    line = fails(cli("undo", workspace=workspace), 1)
    assert "nothing to undo" in line and "damaged" in line and "skipped 2 unreadable undo journal entries" in line
    assert len(list((workspace / ".workbench" / "store" / "corrupt").iterdir())) == 2  # kept, not deleted
    assert "nothing to undo" in fails(cli("undo", workspace=workspace), 1)
    assert len(annotations_of(cli, workspace)) == 2


def annotations_of(cli, workspace) -> list[dict]:
    return json.loads(ok(cli("annotations", "--json", workspace=workspace)))


def test_import_of_binary_or_latin1_files_says_so_in_one_line(cli, workspace, tmp_path):
    binary = tmp_path / "dump.bin"
    binary.write_bytes(bytes(range(256)) * 40)
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('[{"note": "café"}]'.encode("latin-1"))
    assert fails(cli("annotations", "import", str(binary), workspace=workspace), 1) == \
        f"error: {binary}: looks like a binary file, not JSON"
    line = fails(cli("annotations", "import", str(latin1), workspace=workspace), 1)
    assert line.startswith(f"error: {latin1}: not UTF-8 JSON") and "surrogates" not in line
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": ', encoding="utf-8")
    assert "is not valid JSON" in fails(cli("annotations", "import", str(broken), workspace=workspace), 1)


def test_a_lost_highlight_is_reattached_by_hand_with_annotate_quote(cli, workspace):
    lost = json.loads(ok(cli("highlight", "000", "Baku is adopting a similar transactional approach",
                             "--note", "mine", "--json", workspace=workspace)))
    source = next((workspace / "seeds").glob("000_*"))
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Baku is adopting a similar transactional approach",
                                   "Baku now follows its own transactional course", 1), encoding="utf-8")
    flagged = json.loads(ok(cli("annotations", "--json", workspace=workspace)))[0]
    assert flagged["status"] in ("needs_review", "orphaned")
    fails(cli("annotate", lost["id"][:8], "--occurrence", "1", workspace=workspace), 2)
    fails(cli("annotate", lost["id"][:8], "--quote", "words that are nowhere in it", workspace=workspace), 1)
    fixed = json.loads(ok(cli("annotate", lost["id"][:8], "--quote", "Baku now follows its own transactional course",
                              "--json", workspace=workspace)))
    clean = json.loads(ok(cli("show", "000", "--json", workspace=workspace)))["text"]
    assert fixed["status"] == "anchored" and fixed["note"] == "mine"
    assert clean[fixed["start"]:fixed["end"]] == "Baku now follows its own transactional course"
    ok(cli("undo", workspace=workspace))
    back = json.loads(ok(cli("annotations", "--json", workspace=workspace)))[0]
    assert back["status"] == flagged["status"] and back["quote"] == lost["quote"]
