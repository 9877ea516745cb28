"""`workbench list` and `workbench show`, run as real subprocesses on a copy of the seeds."""

from __future__ import annotations

import json
import re
from pathlib import Path

from workbench.library.model import BLOCK_KINDS

LIST_KEYS = {"id", "title", "title_is_derived", "subtitle", "authors", "outlet", "date", "url", "path", "words",
             "accessed", "citekey"}


def test_list_json_contract(cli, workspace):
    result = cli("list", "--json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    records = json.loads(result.stdout)
    assert [r["id"] for r in records] == sorted(p.stem for p in (workspace / "seeds").glob("*.txt"))
    for record in records:
        assert set(record) == LIST_KEYS
        assert isinstance(record["authors"], list)
        assert record["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
        assert Path(record["path"]).is_file() and Path(record["path"]).stem == record["id"]
        assert record["words"] > 100
        assert 3 <= len(record["title"].split()) <= 20
        assert not record["title"].startswith("BAKU")  # the dateline is not part of a title
        assert "Melania" not in record["title"]  # a photo caption is not a title
    by_id = {r["id"][:3]: r for r in records}
    assert by_id["001"]["title"] == "Friends with All, Captive to None" and not by_id["001"]["title_is_derived"]
    assert by_id["000"]["title_is_derived"] and by_id["002"]["title_is_derived"]
    assert by_id["002"]["authors"] == ["Vasif Huseynov"] and by_id["002"]["outlet"] == "Astro AWANI"


def test_list_table_and_load_problems(cli, workspace):
    (workspace / "seeds" / "999_empty.txt").write_text("")
    (workspace / "seeds" / "998_binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = cli("list", workspace=workspace)
    assert result.returncode == 0
    for title in ("Friends with All, Captive to None", "U.S.-Azerbaijan Relations"):
        assert title in result.stdout
    assert "001_f3ee0fb6159397b6" in result.stdout and "Astro AWANI" in result.stdout
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == 2 and all(w.startswith("warning: ") for w in warnings)
    assert any("999_empty.txt" in w and "empty" in w for w in warnings)
    assert any("998_binary.txt" in w and "binary" in w for w in warnings)
    assert "Traceback" not in result.stderr
    broken = cli("show", "999", workspace=workspace)
    assert broken.returncode == 1 and broken.stdout == ""
    assert broken.stderr.count("\n") == 1 and broken.stderr.startswith("error:") and "empty" in broken.stderr


def test_list_empty_workspace(cli, empty_workspace):
    result = cli("list", "--json", workspace=empty_workspace)
    assert result.returncode == 0 and json.loads(result.stdout) == []
    result = cli("list", workspace=empty_workspace)
    assert result.returncode == 0 and "No articles" in result.stdout


def test_show_json_contract(cli, workspace):
    result = cli("show", "001", "--json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert set(record) == LIST_KEYS | {"text", "blocks", "removed", "pages", "chapters", "language", "tags"}
    assert record["pages"] == [] and record["chapters"] == []  # only PDFs have pages, EPUBs chapters
    assert record["id"] == "001_f3ee0fb6159397b6"
    text, blocks = record["text"], record["blocks"]
    assert [b["kind"] for b in blocks[:2]] == ["title", "subtitle"]
    assert text[blocks[0]["start"]:blocks[0]["end"]] == record["title"]
    previous_end = 0
    for block in blocks:
        assert block["kind"] in BLOCK_KINDS
        assert previous_end <= block["start"] < block["end"] <= len(text)
        previous_end = block["end"]
    assert {r["kind"] for r in record["removed"]} >= {"bio", "pull_quote"}
    assert all(set(r) == {"kind", "text"} and r["text"] for r in record["removed"])


def test_show_renders_title_byline_and_headings(cli, workspace):
    result = cli("show", "004", workspace=workspace)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("U.S.-Azerbaijan Relations Enter a New Phase") < out.index("By Azerbaijan.US Editorial Board")
    assert "In a world increasingly defined" in out
    assert "spot_img" not in out and "Stay Ahead" not in out
    assert max(len(line) for line in out.splitlines()) <= 100  # wrapped for reading
    headings = cli("show", "003_88", workspace=workspace)
    assert headings.returncode == 0
    assert "Opportunities and Risks" in headings.stdout
    derived = cli("show", "000", workspace=workspace)
    assert "derived" in derived.stdout and "BAKU, Azerbaijan, January 8." in derived.stdout


def test_show_prints_article_text_literally(cli, workspace):
    (workspace / "seeds" / "010_markup.txt").write_text(
        "A Title About Markup\n\nThe string [bold red]not styled[/bold red] and [link=x]y[/link] stay as written.\n",
        encoding="utf-8")
    result = cli("show", "010", workspace=workspace)
    assert result.returncode == 0, result.stderr
    assert "[bold red]not styled[/bold red]" in result.stdout


def test_show_unknown_and_ambiguous_ids(cli, workspace):
    for bad, word in (("nope", "unknown"), ("00", "ambiguous")):
        result = cli("show", bad, workspace=workspace)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:") and word in lines[0]
    missing = cli("show", workspace=workspace)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_show_removed_lists_each_removed_item_with_its_reason(cli, workspace):
    menu = "\n".join(f"  • {w}" for w in "Home World Business Sport Culture Travel Video Podcasts".split())
    sentences = ["The harbour authority approved a plan on Tuesday to deepen the main channel, a project debated "
                 "for a decade that shipping lines say is overdue [bold]now[/bold].",
                 "Dredging will begin in the autumn and last two years, paid for by a levy on the largest vessels.",
                 "Environmental groups said they would study the plan before deciding whether to go to court.",
                 "The port's smaller operators welcomed the levy, which they had demanded for many years."]
    body = "\n\n".join(sentences[:2])
    more = "\n\n".join(sentences[2:])
    page = f"{menu}\n\nSign In\n\nHarbour authority approves deeper channel\n\n{body}\n\n- Advertisement -\n\n" \
           f"{more}\n\nMore from Harbour News\n\n• Port strike ends\n• New ferry route\n• Crane inquiry\n"
    (workspace / "seeds" / "777_page.txt").write_text(page, encoding="utf-8")
    result = cli("show", "777", "--removed", workspace=workspace)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"\d+ item\(s\) removed from 777_page:", lines[0])
    assert any(re.fullmatch(r"\s*menu  • Home", line) for line in lines)
    assert any(line.strip() == "advert  - Advertisement -" for line in lines)
    assert any(line.strip().endswith("• Port strike ends") for line in lines)
    assert not any("harbour authority" in line.lower() for line in lines)  # the article itself stays
    shown = cli("show", "777", workspace=workspace)
    assert "Harbour authority approves deeper channel" in shown.stdout and "[bold]now[/bold]" in shown.stdout
    assert "show 777_page --removed" in shown.stdout
    clean = cli("show", "001", "--removed", workspace=workspace)
    assert clean.returncode == 0 and "removed from 001_" in clean.stdout
