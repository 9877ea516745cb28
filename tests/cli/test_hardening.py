"""Hardening (issue 14): one bad source never stops the rest, reads are bounded, escape codes
and markup from a workspace never reach the terminal, readers never wait for the lock."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock

QUOTE = "Captive to None"


def _ok(proc) -> str:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    return proc.stdout


def _one_error(proc, code: int | None = None) -> str:
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    assert code is None or proc.returncode == code, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "internal error" not in lines[0], proc.stderr
    return lines[0]


def _page(charset: str) -> str:
    body = "A long enough paragraph of ordinary prose about harbours and the sea, written for this test. " * 3
    return (f'<html><head><meta charset="{charset}"><title>Page {charset}</title></head>'
            f"<body><article><h1>Page {charset}</h1><p>{body}</p></article></body></html>")


BAD_SOURCES = {
    **{f"charset-{cs}.html": _page(cs) for cs in ("base64", "rot13", "zlib", "hex", "bz2", "uu")},
    "huge-number.md": "---\ntitle: Numbers\ndate: " + "9" * 5000 + "\nwords: " + "7" * 5000 + "\n---\n\nBody text.\n",
    "surrogate.md": '---\ntitle: "bad \\ud800 title"\nauthor: "\\udfff"\n---\n\nBody text of the note.\n',
}


def test_bad_sources_are_named_and_listed_and_the_rest_works(cli, workspace):
    seeds = workspace / "seeds"
    for name, text in BAD_SOURCES.items():
        (seeds / name).write_text(text, encoding="utf-8")
    listed = cli("list", "--json", workspace=workspace)
    records = json.loads(_ok(listed))
    good = [r for r in records if r.get("status") != "failed"]
    failed = {r["id"]: r["reason"] for r in records if r.get("status") == "failed"}
    assert {r["id"][:3] for r in good} >= {"000", "001", "002", "003", "004"}
    for article_id, reason in failed.items():
        assert article_id in reason and reason.count("\n") == 0
        assert any(f"warning: {reason}" == line for line in listed.stderr.splitlines())
    assert all(len(line) < 400 for line in listed.stderr.splitlines())
    for command in (["search", QUOTE], ["export"], ["highlight", "001", QUOTE], ["show", "001"]):
        _ok(cli(*command, workspace=workspace))
    for record in good:  # whatever loaded is whole and printable
        shown = _ok(cli("show", record["id"], workspace=workspace))
        assert "\ud800" not in shown and "\x1b" not in shown


def test_a_symlink_loop_in_an_import_folder_fails_alone(cli, workspace, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("A plain note about harbours and the sea, long enough to be an article.\n",
                                  encoding="utf-8")
    os.symlink(src / "loop-b.txt", src / "loop-a.txt")
    os.symlink(src / "loop-a.txt", src / "loop-b.txt")
    os.symlink(src, src / "again")  # a folder link back up: not followed
    proc = cli("import", str(src), "--json", workspace=workspace)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert [Path(i["source"]).name for i in report["imported"]] == ["good.txt"]
    assert sorted(Path(f["path"]).name for f in report["failed"]) == ["loop-a.txt", "loop-b.txt"]
    assert all("symlink loop" in f["error"] for f in report["failed"])


def test_same_stem_different_suffix_are_two_articles(cli, workspace):
    seeds = workspace / "seeds"
    (seeds / "report.md").write_text("# Report in Markdown\n\nThe markdown body of the report.\n", encoding="utf-8")
    (seeds / "report.txt").write_text("Report in plain text\n\nThe plain body of the other report.\n",
                                      encoding="utf-8")
    records = {r["id"]: r for r in json.loads(_ok(cli("list", "--json", workspace=workspace)))}
    assert records["report"]["path"].endswith("report.md")
    assert records["report-txt"]["path"].endswith("report.txt")
    _ok(cli("highlight", "report-txt", "plain body", workspace=workspace))
    hits = json.loads(_ok(cli("search", "markdown body of the report", "--json", workspace=workspace)))
    assert hits[0]["article"] == "report"


@pytest.mark.parametrize("args", [("check", "/dev/zero"), ("annotations", "import", "/dev/zero"),
                                  ("search", "--queries-file", "/dev/zero")])
def test_reads_are_bounded(cli, workspace, args):
    line = _one_error(cli(*args, workspace=workspace, timeout=120))
    assert "too large" in line


def test_check_prints_a_markup_file_name_as_text(cli, workspace):
    seeds = workspace / "seeds"
    evil = seeds / "[link=https:evil.example][reverse]X.txt"
    evil.write_text("Ministers agreed that the harbour wall must be rebuilt before the winter storms arrive.\n",
                    encoding="utf-8")
    draft = workspace / "draft.md"
    draft.write_text('They said "the harbour wall must be rebuilt before the winter storms arrive".\n',
                     encoding="utf-8")
    env = {"TERM": "xterm-256color", "FORCE_COLOR": "1", "NO_COLOR": ""}
    proc = cli("check", str(draft), workspace=workspace, env=env)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert "[link=https:evil.example][reverse]X" in proc.stdout  # shown as text
    assert "\x1b]8;" not in proc.stdout  # no live hyperlink escape


def test_annotation_import_strips_escapes_and_rejects_overlong_ids_per_record(cli, workspace, tmp_path):
    made = json.loads(_ok(cli("highlight", "001", QUOTE, "--json", workspace=workspace)))
    _ok(cli("delete", made["id"], workspace=workspace))
    good = dict(made)
    escaped = dict(made, id="11111111-1111-4111-8111-111111111111", quote="\x1b]0;pwned\x07Captive to",
                   end=made["start"] + len("\x1b]0;pwned\x07Captive to"))
    overlong = dict(made, id="22222222-2222-4222-8222-222222222222", article="x" * 5000)
    prefixed = dict(made, id="33333333-3333-4333-8333-333333333333", prefix="\x1b[2J" + made["prefix"])
    path = tmp_path / "import.json"
    path.write_text(json.dumps([good, escaped, overlong, prefixed]), encoding="utf-8")
    proc = cli("annotations", "import", str(path), workspace=workspace)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    rejected = [line for line in proc.stderr.splitlines() if "rejected record" in line]
    assert len(rejected) == 1 and "too long" in rejected[0] and "\x1b" not in proc.stderr
    listed = json.loads(_ok(cli("annotations", "--json", workspace=workspace)))
    assert sorted(a["id"] for a in listed) == sorted([good["id"], escaped["id"], prefixed["id"]])
    assert all("\x1b" not in a["prefix"] + a["quote"] for a in listed)
    assert next(a for a in listed if a["id"] == escaped["id"])["quote"] == "Captive to"


def test_readers_do_not_wait_for_a_writer(cli, workspace):
    _ok(cli("highlight", "001", QUOTE, workspace=workspace))
    lock = FileLock(str(workspace / ".workbench" / "store" / ".lock"))
    with lock:  # a writer busy for longer than the lock timeout (30 s)
        try:
            listed = cli("annotations", "--json", workspace=workspace, timeout=25)
        except subprocess.TimeoutExpired:
            pytest.fail("a reader waited for the store lock")
    assert len(json.loads(_ok(listed))) == 1


def test_export_into_an_unwritable_spot_is_one_line(cli, workspace):
    made = json.loads(_ok(cli("highlight", "001", QUOTE, "--json", workspace=workspace)))
    _ok(cli("export", workspace=workspace))
    notes = workspace / "notes"
    note = next(p for p in notes.glob("*.md") if p.name != "index.md")
    note.unlink()
    note.mkdir()  # a folder where the note must go: the replace fails like a full or read-only disk
    _ok(cli("annotate", made["id"], "--note", "changed", workspace=workspace))
    line = _one_error(cli("export", workspace=workspace), 1)
    assert "cannot write" in line
    assert not [p for p in notes.rglob(".*.tmp")]


def test_escape_codes_planted_in_the_store_never_reach_the_terminal(cli, workspace):
    made = json.loads(_ok(cli("highlight", "001", QUOTE, "--note", "plain", "--json", workspace=workspace)))
    [path] = [p for p in (workspace / ".workbench" / "store" / "annotations").glob("*.json")]
    data = json.loads(path.read_text(encoding="utf-8"))
    record = data["annotations"][made["id"]]
    record.update(note="\x1b]0;pwned\x07note", tags=["\x1b[31mred"], prefix="\x1b[2J" + record["prefix"])
    path.write_text(json.dumps(data), encoding="utf-8")
    for args in (("annotations",), ("annotations", "--json"), ("tags",), ("search", "note")):
        shown = _ok(cli(*args, workspace=workspace))
        assert "\x1b" not in shown and "\\u001b" not in shown, (args, shown)
    [listed] = json.loads(_ok(cli("annotations", "--json", workspace=workspace)))
    assert listed["note"] == "note" and listed["tags"] == ["red"]
