"""CLI output found wanting in QA round 2 (real subprocess runs)."""

from __future__ import annotations

import json
from pathlib import Path


def test_search_passage_lines_stay_indented_and_cut_between_words(cli, tmp_path: Path):
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    words = ["structure", "keeper", "harbour", "municipality", "engineers", "winter", "stone", "budget"]
    sentence = " ".join(words[(i * 3) % len(words)] for i in range(300)).capitalize() + "."
    (root / "seeds" / "long.txt").write_text(f"A Long Report\n\n{sentence}\n\nA short closing line here.\n")
    query = " ".join(sentence.split()[150:157])
    done = cli("search", query, "--limit", "1", workspace=root,
               env={"COLUMNS": "70"})
    assert done.returncode == 0, done.stderr
    header, *passage = done.stdout.rstrip("\n").split("\n")
    assert "long" in header and len(passage) > 3
    assert all(line.startswith(" " * 7) and line[7] != " " for line in passage), passage
    assert all(not line.endswith(" ") for line in passage)
    shown = " ".join(line.strip() for line in passage).split()
    assert all(word.strip(".").lower() in words for word in shown), shown  # no cut word


def test_front_matter_tags_are_shown(cli, tmp_path: Path):
    """A Markdown note's front-matter tags were read and kept, but shown nowhere."""
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "garden.md").write_text(
        "---\ntitle: Notes on No-Dig Gardening\ntags: [garden, soil/health]\n---\n\n"
        "Compost goes on top and is never dug in, so the fungal networks stay unbroken.\n")
    shown = cli("show", "garden", "--json", workspace=root)
    assert json.loads(shown.stdout)["tags"] == ["garden", "soil/health"]
    text = cli("show", "garden", workspace=root)
    assert "#garden #soil/health" in text.stdout


def test_front_matter_hashtags_lose_their_sign(cli, tmp_path: Path):
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "list.md").write_text(
        "---\ntitle: Reading list\ntags: \"#reading, #to-do, plain\"\n---\n\n"
        "Three books to read before the spring, all of them about the coast.\n")
    shown = json.loads(cli("show", "list", "--json", workspace=root).stdout)
    assert shown["tags"] == ["reading", "to-do", "plain"]


def test_undo_redo_and_tags_rename_take_json_like_every_command(cli, workspace: Path):
    """README: every command takes --json; undo, redo and tags rename refused it (exit 2)."""
    listed = json.loads(cli("list", "--json", workspace=workspace).stdout)
    article = listed[0]["id"]
    text = json.loads(cli("show", article, "--json", workspace=workspace).stdout)["text"]
    quote = " ".join(text.split("\n\n")[1].split()[:4])
    made = cli("highlight", article, quote, "--tag", "river", workspace=workspace)
    assert made.returncode == 0, made.stderr
    renamed = cli("tags", "rename", "river", "water/river", "--json", workspace=workspace)
    assert renamed.returncode == 0, renamed.stderr
    assert json.loads(renamed.stdout) == {"old": "river", "new": "water/river", "count": 1}
    undone = cli("undo", "--json", workspace=workspace)
    assert undone.returncode == 0, undone.stderr
    assert json.loads(undone.stdout)["action"] == "undo"
    redone = cli("redo", "--json", workspace=workspace)
    assert json.loads(redone.stdout)["action"] == "redo" and "water/river" in cli("tags", workspace=workspace).stdout
    nothing = cli("redo", "--json", workspace=workspace)
    assert nothing.returncode == 1 and nothing.stdout == "" and nothing.stderr.count("\n") == 1
