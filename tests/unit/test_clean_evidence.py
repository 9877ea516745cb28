"""Library evidence: lines recurring across several articles are furniture (clean/recurring.py,
library/evidence.py), on a real workspace through the real Library and CLI."""

from __future__ import annotations

import json
import os

from workbench.library import Library
from workbench.library.clean import clean_plain_text
from workbench.library.clean.recurring import MIN_ARTICLES, count_articles, furniture_for, line_hash, line_hashes
from workbench.workspace import Workspace

BOX = ["Get the Harbour Gazette morning briefing", "Harbour Gazette, 1 Quay Street, Porthaven",
       "Tips and letters: desk at harbourgazette example"]
TOPICS = ["ferry timetable", "fish market", "lighthouse repairs", "school roof", "tram depot"]


TOP = "Harbour Gazette online edition"


def _article(n: int, box: bool = True, top: bool = False) -> str:
    topic = TOPICS[n]
    body = "\n\n".join([
        f"The council said on Monday that the {topic} plan would go ahead after months of argument, "
        f"and that residents would be asked for their views in the spring.",
        f"Officials estimated the cost of the {topic} work at a little under two million pounds, most of it "
        f"to be paid from reserves rather than from a new levy on local businesses.",
        f"Opponents of the {topic} scheme said they would keep campaigning.",
    ])
    head = f"{TOP}\n\n" if top else ""
    return f"{head}Council backs the {topic} plan\n\n{body}\n\n" + ("\n\n".join(BOX) + "\n" if box else "")


def test_line_keys_fold_case_and_spaces_and_skip_long_lines():
    assert line_hash("Harbour  Gazette ") == line_hash("harbour gazette")
    assert line_hashes("a\n\n" + "x" * 400 + "\nb") == {line_hash("a"), line_hash("b")}


def test_a_line_is_furniture_from_the_third_article_on():
    sets = [line_hashes(_article(n)) for n in range(MIN_ARTICLES)]
    counts = count_articles(sets[:-1])
    assert furniture_for(sets[0], counts) == frozenset()
    counts = count_articles(sets)
    assert furniture_for(sets[0], counts) == {line_hash(line) for line in BOX}


def test_recurring_boxes_go_and_the_article_keeps_every_word():
    furniture = frozenset(line_hash(line) for line in BOX)
    draft = clean_plain_text(_article(0), furniture=furniture)
    assert [r.text for r in draft.removed if r.kind == "recurring"] == BOX
    plain = clean_plain_text(_article(0, box=False))
    assert draft.pieces == plain.pieces and draft.title == "Council backs the ferry timetable plan"


def test_good_prose_and_a_mostly_recurring_article_are_never_furniture_by_evidence():
    text = _article(0)
    everything = frozenset(line_hashes(text))  # the same article saved several times
    assert clean_plain_text(text, furniture=everything).pieces == clean_plain_text(text).pieces


def _library(root) -> Library:
    return Library(Workspace(root))


def test_library_evidence_is_cached_and_new_evidence_recleans(empty_workspace, cli):
    seeds = empty_workspace / "seeds"
    for n in range(2):
        (seeds / f"art{n}.txt").write_text(_article(n), encoding="utf-8")
    first = _library(empty_workspace).get("art0")
    assert BOX[0] in first.text  # two articles are not yet evidence
    (seeds / "art2.txt").write_text(_article(2), encoding="utf-8")
    (seeds / "other.txt").write_text(_article(3, box=False), encoding="utf-8")
    library = _library(empty_workspace)
    articles = library.load()
    for n in range(3):
        article = articles[f"art{n}"]
        assert not any(line in article.text for line in BOX)
        assert [r.text for r in article.removed if r.kind == "recurring"] == BOX
    assert (empty_workspace / ".workbench" / "evidence.json").is_file()
    assert articles["other"].removed == []
    # The CLI (a fresh process, from the caches) shows the same text as the library.
    shown = json.loads(cli("show", "art1", "--json", workspace=empty_workspace).stdout)
    assert shown["text"] == articles["art1"].text
    # Evidence is deterministic: loading again gives the same text.
    assert _library(empty_workspace).get("art0").text == articles["art0"].text


def test_new_evidence_reanchors_highlights_like_an_edit(empty_workspace, cli):
    seeds = empty_workspace / "seeds"
    for n in range(2):
        (seeds / f"art{n}.txt").write_text(_article(n, top=True), encoding="utf-8")
    quote = "residents would be asked for their views"
    made = json.loads(cli("highlight", "art0", quote, "--json", workspace=empty_workspace).stdout)
    before = _library(empty_workspace).get("art0")
    assert TOP in before.text and before.text[made["start"]:made["end"]] == quote
    (seeds / "art2.txt").write_text(_article(2, top=True), encoding="utf-8")  # now TOP and BOX recur 3 times
    [ann] = json.loads(cli("annotations", "--article", "art0", "--json", workspace=empty_workspace).stdout)
    after = _library(empty_workspace).get("art0")
    assert TOP not in after.text and after.title == "Council backs the ferry timetable plan"
    assert ann["status"] == "moved" and ann["quote"] == quote  # re-anchored, as after an edit
    assert after.text[ann["start"]:ann["end"]] == quote and ann["start"] < made["start"]


def test_pool_workers_clean_with_the_same_evidence(tmp_path):
    from workbench.library.bulk import clean_many
    from workbench.library.manifest import signature_of

    paths = []
    for n in range(4):
        path = tmp_path / f"a{n}.txt"
        path.write_text(_article(n), encoding="utf-8")
        paths.append(path)
    jobs = [(p.stem, p, signature_of(p.stat())) for p in paths]
    furniture = frozenset(line_hash(line) for line in BOX)
    for workers, folder in ((1, "one"), (2, "pool")):
        list(clean_many(jobs, tmp_path / folder, "v", workers=workers, furniture=lambda _path: furniture))
    for path in paths:
        one = json.loads((tmp_path / "one" / f"{path.stem}.json").read_bytes())
        pool = json.loads((tmp_path / "pool" / f"{path.stem}.json").read_bytes())
        assert one == pool and one["evidence"]
        assert [r["text"] for r in one["article"]["removed"] if r["kind"] == "recurring"] == BOX


def _age(seeds, seconds: float) -> None:
    """Sources last modified `seconds` ago (no racy stamp), each a nanosecond apart."""
    past = os.stat(seeds).st_mtime_ns - int(seconds * 1e9)
    for n, path in enumerate(sorted(seeds.iterdir())):
        os.utime(path, ns=(past + n, past + n))


def test_one_article_reads_only_the_settled_digests_until_any_source_changes(empty_workspace):
    seeds = empty_workspace / "seeds"
    for n in range(3):
        (seeds / f"art{n}.txt").write_text(_article(n), encoding="utf-8")
    (seeds / "other.txt").write_text(_article(3, box=False), encoding="utf-8")
    _age(seeds, 60)
    full = _library(empty_workspace).load()  # gathers the evidence, writes the digests
    assert (empty_workspace / ".workbench" / "evidence-digests.json").is_file()
    library = _library(empty_workspace)
    article = library.get("art0")
    assert library._evidence is None  # no key list read, nothing counted: the digests held
    assert article.text == full["art0"].text and BOX[0] not in article.text
    # Another source changes (same size, new bytes): art0's evidence changes with it.
    for n in (1, 2):
        path = seeds / f"art{n}.txt"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Harbour Gazette", "Harbour Gazettf").replace("harbourgazette", "harbourgazettf"),
                        encoding="utf-8")
    _age(seeds, 30)
    library = _library(empty_workspace)
    again = library.get("art0")
    assert library._evidence is not None  # the stamps differ: evidence gathered again
    assert BOX[0] in again.text  # the box now recurs in one article only: not furniture
    library = _library(empty_workspace)
    assert library.get("art0").text == again.text and library._evidence is None  # the rewritten digests
    # A source gone: the digests no longer describe the library either.
    (seeds / "art1.txt").unlink()
    library = _library(empty_workspace)
    library.get("art0")
    assert library._evidence is not None
