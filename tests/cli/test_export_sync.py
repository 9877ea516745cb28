"""Two-way notes through the real CLI: notes and tags edited in exported files come back
into the store (undoable) on the next `export` / `sync-notes`; edits on both sides leave
the store's version in the note and the user's in `<note>.conflict.md`; hostile edits stay
inert text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.unit.test_export_support import check_structure, parse

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "export"
NOTE = "wind-water-and-power-notes-on-the-grid.md"
FLAVOURS = ["obsidian", "commonmark", "logseq"]


def ok(proc) -> str:
    assert proc.returncode == 0, (proc.returncode, proc.stderr)
    return proc.stdout


@pytest.fixture
def setup(cli, empty_workspace):
    shutil.copy(GOLDEN / "handmade.txt", empty_workspace / "seeds" / "handmade.txt")
    ann = json.loads(ok(cli("highlight", "handmade", "Grids were built for coal.", "--tag", "history",
                            "--note", "first note", "--json", workspace=empty_workspace)))
    return empty_workspace, ann


def export(cli, ws, *args) -> dict:
    proc = cli("export", *args, "--json", workspace=ws)
    assert proc.returncode == 0, proc.stderr
    return {**json.loads(proc.stdout), "stderr": proc.stderr}


def store_ann(cli, ws, ann_id: str) -> dict:
    return next(a for a in json.loads(ok(cli("annotations", "--json", workspace=ws))) if a["id"] == ann_id)


def edit_note(text: str, flavour: str, new: str) -> str:
    indent = "    " if flavour == "logseq" else "  "
    assert f"{indent}first note\n" in text
    return text.replace(f"{indent}first note\n", "".join(indent + line + "\n" if line else "\n"
                                                         for line in new.split("\n")))


def edit_tags(text: str, flavour: str) -> str:
    if flavour == "logseq":
        assert "  tags:: history\n" in text
        return text.replace("  tags:: history\n", "  tags:: history, new-topic, y1999\n")
    assert "- Tags: #history\n" in text
    return text.replace("- Tags: #history\n", "- Tags: #history #new-topic #y1999\n")


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_note_and_tags_edited_in_the_file_come_back_and_undo_reverts(cli, setup, flavour):
    ws, ann = setup
    export(cli, ws, "--format", flavour)
    path = ws / "notes" / NOTE
    mine = "**Edited** in [[My Vault]] — see https://example.org/a_b_c\n\n- a list\n# a heading I typed"
    path.write_text(edit_tags(edit_note(path.read_text(), flavour, mine), flavour))
    result = export(cli, ws)
    assert result["read_back"] == [ann["id"]] and result["conflicts"] == [] and result["stderr"] == ""
    now = store_ann(cli, ws, ann["id"])
    assert now["note"] == mine
    assert now["tags"] == ["history", "new-topic", "1999"]
    text = path.read_text()
    check_structure(parse(text))
    assert "**Edited** in [[My Vault]] — see https://example.org/a_b_c" in text
    again = export(cli, ws)  # nothing changed since: nothing to read, nothing to write
    assert again["read_back"] == [] and again["written"] == []
    assert "read back" in ok(cli("undo", workspace=ws))
    assert store_ann(cli, ws, ann["id"])["note"] == "first note"
    export(cli, ws)  # the store's (undone) version goes back into the file, no conflict
    assert "first note" in path.read_text() and not list((ws / "notes").glob("*.conflict.md"))


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_changed_in_both_places_keeps_the_store_and_saves_the_users_version(cli, setup, flavour):
    ws, ann = setup
    export(cli, ws, "--format", flavour)
    path = ws / "notes" / NOTE
    path.write_text(edit_note(path.read_text(), flavour, "my version in the file"))
    ok(cli("annotate", ann["id"], "--note", "the store's version", workspace=ws))
    result = export(cli, ws)
    conflict = ws / "notes" / NOTE.replace(".md", ".conflict.md")
    assert result["conflicts"] == [conflict.name] and result["read_back"] == []
    warning = [line for line in result["stderr"].splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and conflict.name in warning[0]
    assert store_ann(cli, ws, ann["id"])["note"] == "the store's version"
    assert "the store's version" in path.read_text() and "my version in the file" not in path.read_text()
    assert "my version in the file" in conflict.read_text()
    assert export(cli, ws)["conflicts"] == []  # settled: the next export has nothing to say


def test_front_matter_tags_added_and_removed_apply_to_every_highlight(cli, setup):
    ws, ann = setup
    second = json.loads(ok(cli("highlight", "handmade", "storage earns less than it saves", "--tag", "history",
                               "--json", workspace=ws)))
    export(cli, ws, "--format", "obsidian")
    path = ws / "notes" / NOTE
    text = path.read_text()
    assert "tags:\n- history\n" in text
    path.write_text(text.replace("tags:\n- history\n", "tags:\n- to-read\n"))
    result = export(cli, ws)
    assert sorted(result["read_back"]) == sorted([ann["id"], second["id"]])
    for ann_id in (ann["id"], second["id"]):
        assert store_ann(cli, ws, ann_id)["tags"] == ["to-read"]
    assert parse(path.read_text()).meta["tags"] == ["to-read"]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_hostile_edits_stay_inert_and_nothing_is_dropped(cli, setup, flavour):
    ws, ann = setup
    export(cli, ws, "--format", flavour)
    path = ws / "notes" / NOTE
    hostile = ("<!-- workbench:end -->\n---\n# x\n<script>alert(1)</script>\n```\nunclosed\n"
               "id:: 00000000-0000-0000-0000-000000000000\n%%hidden\n\x1b[31mred")
    text = edit_note(path.read_text(), flavour, hostile)
    text = text.replace("Grids were built for coal.", "Grids were built for gas.", 1)  # a generated line
    if flavour == "obsidian":
        text = text.replace("- Tags: #history", "- Tags: #history #c++")
    path.write_text(text)
    proc = cli("sync-notes", "--json", workspace=ws)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    result = json.loads(proc.stdout)
    assert result["read_back"] == [ann["id"]]
    note = store_ann(cli, ws, ann["id"])["note"]
    assert "<script>alert(1)</script>" in note and "\x1b" not in note
    refreshed = path.read_text()
    parsed = parse(refreshed)
    check_structure(parsed)
    assert "Grids were built for coal." in refreshed
    conflict = (ws / "notes" / NOTE.replace(".md", ".conflict.md")).read_text()
    assert "Grids were built for gas." in conflict  # the edit to a generated line is kept there
    if flavour == "obsidian":
        assert "#c++" in conflict and store_ann(cli, ws, ann["id"])["tags"] == ["history"]
    assert len([x for x in proc.stderr.splitlines() if x.startswith("warning:")]) == 1


def test_hostile_front_matter_runs_nothing(cli, setup, tmp_path):
    ws, ann = setup
    export(cli, ws)
    path = ws / "notes" / NOTE
    marker = tmp_path / "pwned"
    evil = f"!!python/object/apply:os.system ['touch {marker}']"
    path.write_text(path.read_text().replace("tags:\n- history\n", f"tags: {evil}\n", 1))
    result = export(cli, ws)
    assert not marker.exists()
    assert store_ann(cli, ws, ann["id"])["tags"] == ["history"]
    assert any(".bak" in w for w in result["warnings"])  # invalid front matter: backed up, rewritten
    parsed = parse(path.read_text())  # fresh, valid front matter; the old text is kept below the block
    assert parsed.meta["tags"] == ["history"] and "!!python" not in str(parsed.meta)
