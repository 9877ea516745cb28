"""Symbolic links and stray files planted in a workspace: writes and deletes never follow a
link out of it, and undo is not confused by files it did not write."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.store.partitions import file_name

A1 = "001_f3ee0fb6159397b6"


def _ok(proc) -> str:
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def _one_error(proc) -> str:
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


def _outside(tmp_path: Path) -> Path:
    victim = tmp_path / "victim"
    victim.mkdir()
    for i in range(12):
        (victim / f"{i:020d}.json").write_text("precious", encoding="utf-8")
    (victim / "keep.md").write_text("precious", encoding="utf-8")
    return victim


def _untouched(victim: Path) -> None:
    names = sorted(p.name for p in victim.iterdir())
    assert names == sorted([f"{i:020d}.json" for i in range(12)] + ["keep.md"]), names
    assert all(p.read_text(encoding="utf-8") == "precious" for p in victim.iterdir())


def test_a_backup_folder_linked_out_is_never_written_or_rotated(cli, workspace, tmp_path):
    victim = _outside(tmp_path)
    _ok(cli("highlight", "001", "Captive to None", workspace=workspace))
    backups = workspace / ".workbench" / "store" / "backups" / file_name(A1)[:-5]
    for old in backups.iterdir():
        old.unlink()
    backups.rmdir()
    backups.symlink_to(victim)
    for quote in ("Friends with All", "Azerbaijan"):
        _ok(cli("highlight", "001", quote, "--occurrence", "1", workspace=workspace))
    _untouched(victim)
    assert len(json.loads(_ok(cli("annotations", "--json", workspace=workspace)))) == 3


def test_export_never_writes_through_a_linked_tags_folder(cli, workspace, tmp_path):
    victim = _outside(tmp_path)
    _ok(cli("highlight", "001", "Captive to None", "--tag", "policy", workspace=workspace))
    (workspace / "notes" / "tags").symlink_to(victim)
    line = _one_error(cli("export", workspace=workspace))
    assert "symbolic link" in line
    _untouched(victim)


def test_a_linked_journal_is_never_written_or_cleaned(cli, workspace, tmp_path):
    victim = _outside(tmp_path)
    (victim / ".x.123.tmp").write_text("precious", encoding="utf-8")
    _ok(cli("highlight", "001", "Captive to None", workspace=workspace))
    journal = workspace / ".workbench" / "store" / "journal"
    for entry in journal.iterdir():
        entry.unlink()
    journal.rmdir()
    journal.symlink_to(victim)
    line = _one_error(cli("highlight", "001", "Friends with All", workspace=workspace))
    assert "symbolic link" in line
    (victim / ".x.123.tmp").unlink()
    _untouched(victim)
    # nothing was saved without its undo entry
    assert len(json.loads(_ok(cli("annotations", "--json", workspace=workspace)))) == 1


def test_stray_files_in_the_journal_are_ignored(cli, workspace):
    first = json.loads(_ok(cli("highlight", "001", "Captive to None", "--json", workspace=workspace)))
    journal = workspace / ".workbench" / "store" / "journal"
    (journal / "README.json").write_text("{}", encoding="utf-8")
    (journal / "zzz.json").write_text("not json", encoding="utf-8")
    (journal / "notes.txt").write_text("hello", encoding="utf-8")
    (journal / "999.json.bak").write_text("{}", encoding="utf-8")
    (journal / "folder.json").mkdir()
    second = json.loads(_ok(cli("highlight", "001", "Friends with All", "--json", workspace=workspace)))
    assert "undid highlight" in _ok(cli("undo", workspace=workspace))
    left = [a["id"] for a in json.loads(_ok(cli("annotations", "--json", workspace=workspace)))]
    assert left == [first["id"]] and second["id"] not in left
    assert "undid highlight" in _ok(cli("undo", workspace=workspace))
    assert json.loads(_ok(cli("annotations", "--json", workspace=workspace))) == []


def test_an_entry_whose_change_never_landed_is_skipped(cli, workspace):
    """A journal entry written ahead of a change that then failed (crash, full disk)."""
    first = json.loads(_ok(cli("highlight", "001", "Captive to None", "--json", workspace=workspace)))
    journal = workspace / ".workbench" / "store" / "journal"
    newest = sorted(journal.iterdir())[-1]
    entry = json.loads(newest.read_text(encoding="utf-8"))
    ghost = dict(entry["changes"][0]["after"], id="0" * 32, note="never saved")
    entry.update(seq=entry["seq"] + 1, changes=[{"article": A1, "id": ghost["id"], "before": None, "after": ghost}])
    (journal / f"{entry['seq']:012d}.json").write_text(json.dumps(entry), encoding="utf-8")
    out = _ok(cli("undo", workspace=workspace))
    assert "undid highlight" in out
    assert json.loads(_ok(cli("annotations", "--json", workspace=workspace))) == []
    assert first["id"]
