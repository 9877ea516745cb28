"""`workbench search` as a real subprocess: JSON contract, batch mode, errors, note hits."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.library import Library
from workbench.search.passages import sentence_spans
from workbench.workspace import Workspace

NONSENSE = "qwzx plorb vrenk"


def _sentences(root: Path, count: int) -> list[tuple[str, int, int, str]]:
    """Mid-paragraph sentences of the loaded seeds: (article, start, end, text)."""
    out = []
    for article in Library(Workspace(root)).articles:
        for block in article.blocks_of("paragraph"):
            spans = sentence_spans(article.text, block.start, block.end)
            for s, e in spans[1:-1]:
                text = article.text[s:e]
                if 12 <= len(text.split()) <= 30 and "[" not in text:
                    out.append((article.id, s, e, text))
                    break
    assert len(out) >= count
    return out[:: max(1, len(out) // count)][:count]


def _misquote(text: str) -> str:
    words = text.lower().replace("\u2019", "'").split()
    del words[len(words) // 2]
    return " ".join(words).rstrip(".")


def test_search_json_returns_the_span_and_its_source(cli, workspace):
    article, start, end, text = _sentences(workspace, 1)[0]
    result = cli("search", _misquote(text), "--json", "--limit", "3", workspace=workspace)
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 3
    top = hits[0]
    assert set(top) >= {"kind", "article", "title", "score", "start", "end", "text", "context"}
    assert top["kind"] == "article" and top["article"] == article
    assert abs(top["start"] - start) <= 2 and end - 3 <= top["end"] <= end
    assert top["text"] in text and top["text"] in top["context"]
    assert 0 < top["score"] <= 100
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_human_output_and_nothing_found(cli, workspace):
    _, _, _, text = _sentences(workspace, 1)[0]
    shown = cli("search", _misquote(text), workspace=workspace)
    assert shown.returncode == 0 and text.split()[2] in shown.stdout
    none = cli("search", NONSENSE, workspace=workspace)
    assert none.returncode == 0 and "no matches" in none.stdout
    assert json.loads(cli("search", NONSENSE, "--json", workspace=workspace).stdout) == []


def test_queries_file_prints_results_in_order(cli, workspace, tmp_path):
    sentences = _sentences(workspace, 3)
    queries = [_misquote(s[3]) for s in sentences]
    qfile = tmp_path / "queries.txt"
    qfile.write_text("\n".join([queries[0], NONSENSE, "", queries[1], queries[2]]) + "\n", encoding="utf-8")
    result = cli("search", "--queries-file", str(qfile), "--json", "--limit", "2", workspace=workspace)
    assert result.returncode == 0, result.stderr
    batch = json.loads(result.stdout)
    assert [b["query"] for b in batch] == [queries[0], NONSENSE, queries[1], queries[2]]
    assert batch[1]["hits"] == []
    for entry, (article, *_rest) in zip([batch[0], batch[2], batch[3]], sentences):
        assert 1 <= len(entry["hits"]) <= 2 and entry["hits"][0]["article"] == article


def test_bad_input_is_a_one_line_error(cli, workspace, tmp_path):
    for args, code in [(["search", ""], 2), (["search", "   "], 2), (["search"], 2),
                       (["search", "Baku", "--article", "no-such-id"], 2), (["search", "Baku", "--limit", "0"], 2),
                       (["search", "--queries-file", str(tmp_path / "missing.txt")], 2)]:
        result = cli(*args, workspace=workspace)
        assert result.returncode == code, (args, result.stderr)
        assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr and result.stdout == ""


def test_article_filter(cli, workspace):
    article, _, _, text = _sentences(workspace, 1)[0]
    other = next(a.id for a in Library(Workspace(workspace)).articles if a.id != article)
    mine = json.loads(cli("search", _misquote(text), "--article", article[:5], "--json", workspace=workspace).stdout)
    assert mine and all(h["article"] == article for h in mine)
    theirs = json.loads(cli("search", _misquote(text), "--article", other, "--json", workspace=workspace).stdout)
    assert all(h["article"] == other for h in theirs) and not any(h["text"] in text and len(h["text"]) > 40 for h in theirs)


def test_notes_and_tags_are_searched(cli, workspace):
    from workbench.store import open_store

    ws = Workspace(workspace)
    article, start, end, _ = _sentences(workspace, 1)[0]
    library = Library(ws)
    ann = open_store(ws).add_highlight(library.get(article), start, end, tags=["sovereignty-lens"],
                                       note="Compare with the Kyrgyz water treaty dispute of 2021.")
    result = cli("search", "kyrgyz water treaty dispute", "--json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    notes = [h for h in json.loads(result.stdout) if h["kind"] == "note"]
    assert len(notes) == 1
    hit = notes[0]
    assert hit["annotation"] == ann.id and hit["article"] == article
    assert (hit["start"], hit["end"]) == (ann.start, ann.end)
    assert hit["text"] == "Kyrgyz water treaty dispute"
    tagged = json.loads(cli("search", "sovereignty-lens", "--json", workspace=workspace).stdout)
    assert any(h["kind"] == "note" and h["annotation"] == ann.id for h in tagged)


def test_human_output_shows_queries_notes_and_titles_as_text_not_markup(cli, workspace, tmp_path):
    from workbench.store import open_store

    ws = Workspace(workspace)
    article, start, end, _ = _sentences(workspace, 1)[0]
    open_store(ws).add_highlight(Library(ws).get(article), start, end,
                                 note="Compare [/] the Kyrgyz [link=http://evil.example]water[/link] treaty dispute")
    qfile = tmp_path / "queries.txt"
    qfile.write_text("kyrgyz water treaty dispute\n[/] broken\n\x1b[31mred query\n[link=http://evil.example]x[/link]\n",
                     encoding="utf-8")
    result = cli("search", "--queries-file", str(qfile), workspace=workspace)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "\x1b" not in result.stdout
    for shown in ("[/] broken", "\\x1b[31mred query", "[link=http://evil.example]x[/link]",
                  "example]water[/link"):  # the last: part of the note hit, shown as typed
        assert shown in result.stdout, (shown, result.stdout)
    single = cli("search", "[/] kyrgyz water treaty dispute", workspace=workspace)
    assert single.returncode == 0 and "water[/link] treaty" in single.stdout, single.stderr


def test_queries_files_that_are_too_large_are_refused(cli, workspace, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("grid policy\n" * 100_000, encoding="utf-8")  # 1.2 MB
    many = tmp_path / "many.txt"
    many.write_text("q\n" * 10_001, encoding="utf-8")  # small, but too many queries
    for path, needle in ((big, "too large"), (many, "10001 queries")):
        result = cli("search", "--queries-file", str(path), "--json", workspace=workspace)
        assert result.returncode == 2 and result.stdout == "", result.stderr
        assert result.stderr.startswith("error: ") and needle in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_article_that_failed_to_load_says_why(cli, workspace):
    (workspace / "seeds" / "zbin.txt").write_bytes(bytes(range(256)) * 40)
    result = cli("search", "grid", "--article", "zbin", workspace=workspace)
    assert result.returncode == 1 and result.stdout == "", result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "zbin.txt" in line and "binary file" in line, line
