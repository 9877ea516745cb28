"""Citing sources and choosing a flavour, through the real CLI: url / accessed / citekey in
`list --json`, `show --json` and the notes; references.bib (parsed with pybtex) and
references.json (CSL-JSON); the remembered format; tags and duplicate highlights refused
with one clear line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pybtex.database import parse_string

from tests.unit.test_export_support import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "export"


def ok(proc) -> str:
    assert proc.returncode == 0, (proc.returncode, proc.stderr)
    return proc.stdout


def one_error(proc, code: int = 2) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in proc.stderr
    return lines[0]


def test_url_accessed_and_citekey_in_list_show_notes_and_references(cli, empty_workspace):
    report = json.loads(ok(cli("import", str(FIXTURES / "saved_page.html"), "--json", workspace=empty_workspace)))
    page_id = report["imported"][0]["id"]
    shutil.copy(GOLDEN / "cited.md", empty_workspace / "seeds" / "cited.md")
    shutil.copy(GOLDEN / "cited.md", empty_workspace / "seeds" / "cited-copy.md")  # same key base: must differ
    listed = {r["id"]: r for r in json.loads(ok(cli("list", "--json", workspace=empty_workspace)))}
    page = listed[page_id]
    assert page["url"] == "https://railroadweekly.example.com/2024/03/night-trains"
    assert page["accessed"] and len(page["accessed"]) == 10  # the import day, YYYY-MM-DD
    assert listed["cited"]["accessed"] is None  # put into seeds/ by hand: no import record
    keys = [r["citekey"] for r in listed.values()]
    assert len(set(keys)) == len(keys)
    assert {listed["cited"]["citekey"], listed["cited-copy"]["citekey"]} == {"huseynov2025today", "huseynov2025todaya"}
    again = {r["id"]: r["citekey"] for r in json.loads(ok(cli("list", "--json", workspace=empty_workspace)))}
    assert again == {i: r["citekey"] for i, r in listed.items()}  # deterministic
    shown = json.loads(ok(cli("show", page_id, "--json", workspace=empty_workspace)))
    assert (shown["url"], shown["accessed"], shown["citekey"]) == (page["url"], page["accessed"], page["citekey"])

    ok(cli("highlight", "cited", "Prices for batteries fell", workspace=empty_workspace))
    ok(cli("export", "--bib", workspace=empty_workspace))
    notes = empty_workspace / "notes"
    note = parse(next(p for p in notes.glob("*.md") if "today" in p.name).read_text())
    assert note.meta["url"] == "https://example.org/grid/a_b_c?x=1&y=%20"
    assert note.meta["citekey"] == listed["cited"]["citekey"]
    bib = parse_string((notes / "references.bib").read_text(), "bibtex")
    assert set(bib.entries) == set(keys)
    entry = bib.entries[listed["cited"]["citekey"]]
    assert entry.fields["title"].strip("{}") == "Today's grid: a\\_b\\_c of storage"
    assert entry.fields["url"] == "https://example.org/grid/a_b_c?x=1&y=%20"
    assert entry.fields["date"] == "2025-03-14" and entry.fields["year"] == "2025"
    assert [str(p) for p in entry.persons["author"]] == ["Hüseynov, Leyla", "van der Berg, Jan"]
    web = bib.entries[page["citekey"]]
    assert web.fields["urldate"] == page["accessed"] and web.fields["url"] == page["url"]
    csl = {item["id"]: item for item in json.loads((notes / "references.json").read_text())}
    item = csl[listed["cited"]["citekey"]]
    assert item["title"] == "Today's grid: a_b_c of storage" and item["URL"] == "https://example.org/grid/a_b_c?x=1&y=%20"
    assert item["issued"] == {"date-parts": [[2025, 3, 14]]}
    assert item["author"][0] == {"family": "Hüseynov", "given": "Leyla"}
    assert csl[page["citekey"]]["accessed"]["date-parts"][0][0] >= 2024


def test_format_is_remembered_and_a_bad_memory_is_one_warning(cli, empty_workspace):
    shutil.copy(GOLDEN / "handmade.txt", empty_workspace / "seeds" / "handmade.txt")
    ok(cli("highlight", "handmade", "Grids were built for coal.", workspace=empty_workspace))
    note = empty_workspace / "notes" / "wind-water-and-power-notes-on-the-grid.md"
    result = json.loads(ok(cli("export", "--format", "logseq", "--json", workspace=empty_workspace)))
    assert result["format"] == "logseq" and note.read_text().startswith("title:: ")
    result = json.loads(ok(cli("export", "--json", workspace=empty_workspace)))
    assert result["format"] == "logseq" and result["written"] == []
    ok(cli("export", "--format", "commonmark", workspace=empty_workspace))
    text = note.read_text()
    assert text.startswith("---\n") and '<a id="h-' in text and "title::" not in text
    (empty_workspace / ".workbench" / "export.json").write_text('{"format": "../../etc/passwd"}')
    proc = cli("export", "--json", workspace=empty_workspace)
    assert proc.returncode == 0 and json.loads(proc.stdout)["format"] == "obsidian"
    assert proc.stderr.count("\n") == 1 and "names no known format" in proc.stderr
    (empty_workspace / ".workbench" / "export.json").write_bytes(b"\xff{not json")
    proc = cli("export", "--json", workspace=empty_workspace)
    assert proc.returncode == 0 and "unreadable" in proc.stderr
    assert "invalid choice" in cli("export", "--format", "roam", workspace=empty_workspace).stderr


def test_odd_tags_are_refused_and_digit_tags_become_valid_hashtags(cli, empty_workspace):
    shutil.copy(GOLDEN / "handmade.txt", empty_workspace / "seeds" / "handmade.txt")
    for tag in ("c++", "c#", "a.b"):
        line = one_error(cli("highlight", "handmade", "Grids were built", "--tag", tag, workspace=empty_workspace))
        assert repr(tag) in line and "letters, digits" in line
    for tag in ("c", "c--", "cpp", "2024"):
        ok(cli("highlight", "handmade", "Grids were built", "--tag", tag, "--allow-duplicate", workspace=empty_workspace))
    tags = [t["tag"] for t in json.loads(ok(cli("tags", "--json", workspace=empty_workspace)))]
    assert sorted(tags) == ["2024", "c", "c--", "cpp"]
    ok(cli("export", workspace=empty_workspace))
    note = parse((empty_workspace / "notes" / "wind-water-and-power-notes-on-the-grid.md").read_text())
    assert sorted(note.meta["tags"]) == ["c", "c--", "cpp", "y2024"]
    assert "#y2024" in note.body and "#2024" not in note.body


def test_highlighting_the_same_span_again_is_refused_naming_the_first(cli, empty_workspace):
    shutil.copy(GOLDEN / "handmade.txt", empty_workspace / "seeds" / "handmade.txt")
    first = json.loads(ok(cli("highlight", "handmade", "Grids were built for coal.", "--json",
                              workspace=empty_workspace)))
    line = one_error(cli("highlight", "handmade", "Grids  were built for coal.", workspace=empty_workspace))
    assert first["id"][:8] in line and "--allow-duplicate" in line
    ok(cli("highlight", "handmade", "Grids were built", workspace=empty_workspace))  # overlapping: fine
    ok(cli("highlight", "handmade", "Grids were built for coal.", "--allow-duplicate", workspace=empty_workspace))
    assert len(json.loads(ok(cli("annotations", "--json", workspace=empty_workspace)))) == 3
