"""`workbench echoes`, run as a real subprocess on a copy of the seeds plus articles that reprint
a seed's paragraph."""

from __future__ import annotations

import json

GROUP_KEYS = {"text", "words", "members"}
MEMBER_KEYS = {"article", "title", "start", "end", "text"}


def _paragraph(cli, workspace, prefix: str) -> str:
    record = json.loads(cli("show", prefix, "--json", workspace=workspace).stdout)
    paragraphs = [record["text"][b["start"]:b["end"]] for b in record["blocks"] if b["kind"] == "paragraph"]
    return max(paragraphs, key=len)


def _reprint(workspace, name: str, title: str, body: str) -> None:
    (workspace / "seeds" / f"{name}.md").write_text(
        f"---\ntitle: \"{title}\"\n---\n\nA short introduction written for this site alone, about "
        f"nothing in particular.\n\n{body}\n\nAnd a closing line that no other page has ever printed.\n",
        encoding="utf-8")


def test_json_contract_members_point_into_clean_text(cli, workspace):
    original = _paragraph(cli, workspace, "001")
    words = original.split()
    edited = " ".join(words[:10] + ["[bold]reportedly[/bold]"] + words[10:])  # one word added
    _reprint(workspace, "zz_reprint", "A [red]reprint[/red]", edited.replace("\u2019", "'"))
    _reprint(workspace, "zz_second", "Second copy", original)
    result = cli("echoes", "--json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    groups = json.loads(result.stdout)
    assert len(groups) >= 1
    sizes = [(len(g["members"]), g["words"]) for g in groups]
    assert sizes == sorted(sizes, reverse=True)  # largest first
    for group in groups:
        assert set(group) == GROUP_KEYS and isinstance(group["words"], int)
        assert len({m["article"] for m in group["members"]}) == len(group["members"]) >= 2
        for member in group["members"]:
            assert set(member) == MEMBER_KEYS
            shown = json.loads(cli("show", member["article"], "--json", workspace=workspace).stdout)
            assert shown["text"][member["start"]:member["end"]] == member["text"]
            assert member["title"] == shown["title"]
    top = groups[0]
    assert sorted(m["article"][:3] for m in top["members"]) == ["001", "zz_", "zz_"]
    assert top["words"] >= len(words) - 2  # grown to the whole paragraph, not a fragment


def test_article_filter_table_and_bad_options(cli, workspace):
    original = _paragraph(cli, workspace, "003")
    _reprint(workspace, "zz_copy", "Copy of [b]three[/b]", original)
    only = cli("echoes", "--article", "zz_copy", "--json", workspace=workspace)
    assert only.returncode == 0, only.stderr
    groups = json.loads(only.stdout)
    assert groups and all(any(m["article"] == "zz_copy" for m in g["members"]) for g in groups)
    none = json.loads(cli("echoes", "--article", "004", "--json", workspace=workspace).stdout)
    assert none == []
    table = cli("echoes", workspace=workspace)
    assert table.returncode == 0, table.stderr
    assert "Copy of [b]three[/b]" in table.stdout  # titles are text, never Rich markup
    assert "1 echo group" in table.stdout
    for args in (["--min-words", "2"], ["--article", "nope"]):
        bad = cli("echoes", *args, workspace=workspace)
        assert bad.returncode == 2 and bad.stderr.startswith("error: ") and "Traceback" not in bad.stderr


def test_no_echoes_among_the_seeds(cli, workspace):
    result = cli("echoes", workspace=workspace)
    assert result.returncode == 0 and "no echoes among 5 articles" in result.stdout
