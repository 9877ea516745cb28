"""Echoes: near-identical passages shared by different articles (not repeats inside one)."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from workbench.echoes import EchoStats, find_echoes
from workbench.library.model import ArticleDraft
from workbench.textnorm import WORD_RE
from workbench.workspace import Workspace

SHARED = ("The ministry said on Tuesday that the new pipeline would carry gas from the Caspian "
          "coast to the Black Sea by the end of next year, doubling the region\u2019s export capacity.")
# The same paragraph as another outlet ran it: straight quotes, one word changed, a dash restyled.
SHARED_EDITED = ("The Ministry said on Tuesday that the planned pipeline would carry gas from the Caspian "
                 "coast to the Black Sea by the end of next year \u2014 doubling the region's export capacity.")
FILLER = [
    "Farmers in the valley planted barley early this spring because the snow melted in March.",
    "A small orchestra from Tartu played two concerts in the old cathedral over the weekend.",
    "Local historians have catalogued more than four hundred letters written during the blockade.",
    "The football club announced that its youth academy would move to a larger training ground.",
    "Several bakeries reported shortages of rye flour after a fire damaged the regional mill.",
    "Volunteers cleaned the riverbank and collected nearly two tonnes of plastic in one afternoon.",
    "The city library extended its opening hours to ten in the evening during the exam season.",
    "A retired pilot restored a wooden seaplane and flew it across the lake for the first time.",
    "Researchers counted the migrating cranes from a tower near the marsh every morning in autumn.",
    "The theatre staged a new translation of a forgotten comedy about a travelling salesman.",
    "Shopkeepers on the main street complained that the roadworks had driven customers away.",
    "An amateur astronomer photographed the comet from her balcony using a homemade mount.",
]


def article(article_id: str, paragraphs: list[str], outlet: str | None = None, quote: str | None = None):
    draft = ArticleDraft(title=f"Title of {article_id}", outlet=outlet)
    draft.add("title", f"Title of {article_id}")
    for i, text in enumerate(paragraphs):
        draft.add("paragraph", text)
        if quote and i == 0:
            draft.add("quote", quote)
    return draft.assemble(article_id=article_id, path=Path(f"{article_id}.md"))


def members(groups):
    return [sorted((m.article, m.text) for m in g.members) for g in groups]


def test_a_paragraph_shared_with_small_edits_is_one_group_spanning_the_whole_paragraph():
    a = article("a", [FILLER[0], SHARED, FILLER[1]])
    b = article("b", [FILLER[2], FILLER[3], SHARED_EDITED, FILLER[4]])
    c = article("c", [FILLER[5], FILLER[6]])
    groups = find_echoes(None, [a, b, c])
    assert members(groups) == [[("a", SHARED), ("b", SHARED_EDITED)]]
    group = groups[0]
    for member in group.members:
        text = {"a": a, "b": b}[member.article].text
        assert text[member.start:member.end] == member.text  # offsets into the clean text
        assert member.title == f"Title of {member.article}"
    assert group.words == len(WORD_RE.findall(group.text))
    assert group.text in (SHARED, SHARED_EDITED)


def test_a_changed_last_word_ends_the_shared_run():
    a = article("a", [FILLER[0], SHARED, FILLER[1]])
    b = article("b", [FILLER[2], SHARED.replace("capacity.", "volume."), FILLER[4]])
    groups = find_echoes(None, [a, b])
    assert [m.text for m in groups[0].members] == [SHARED.removesuffix(" capacity.")] * 2


def test_a_pull_quote_repeated_inside_one_article_is_not_an_echo():
    pull = FILLER[1]
    a = article("a", [FILLER[0], pull, FILLER[2]], quote=pull)
    b = article("b", [FILLER[3], FILLER[4]])
    assert find_echoes(None, [a, b]) == []


def test_one_member_per_article_even_when_the_passage_repeats_inside_it():
    a = article("a", [SHARED, FILLER[0], FILLER[1]], quote=SHARED)  # twice in a
    b = article("b", [FILLER[2], SHARED_EDITED])
    groups = find_echoes(None, [a, b])
    assert len(groups) == 1
    assert sorted(m.article for m in groups[0].members) == ["a", "b"]


def test_largest_group_first_and_min_words():
    second = FILLER[6] + " " + FILLER[7]
    a = article("a", [SHARED, FILLER[0], second])
    b = article("b", [FILLER[1], SHARED_EDITED, FILLER[2]])
    c = article("c", [SHARED, FILLER[3]])
    d = article("d", [FILLER[4], second])
    groups = find_echoes(None, [a, b, c, d])
    assert [sorted(m.article for m in g.members) for g in groups] == [["a", "b", "c"], ["a", "d"]]
    longest = len(WORD_RE.findall(second))
    assert find_echoes(None, [a, d], min_words=longest + 1) == []
    assert len(find_echoes(None, [a, d], min_words=longest)) == 1


def test_short_or_loose_resemblances_are_not_echoes():
    a = article("a", [FILLER[0], "The ministry said on Tuesday that the harvest was late this year.", FILLER[1]])
    b = article("b", [FILLER[2], "The ministry said on Tuesday that the border would reopen soon.", FILLER[3]])
    # the same twenty words, but every fourth one different: similar topic, not a copy
    words = SHARED.split()
    loose = " ".join(w if i % 4 else "banana" for i, w in enumerate(words))
    c = article("c", [FILLER[4], SHARED, FILLER[5]])
    d = article("d", [FILLER[6], loose, FILLER[7]])
    assert find_echoes(None, [a, b, c, d]) == []


def test_lines_in_most_articles_of_one_outlet_are_furniture():
    footer = ("Sign up for our morning newsletter and get the day’s most important stories "
              "delivered straight to your inbox before breakfast.")
    daily = [article(f"daily{i}", [FILLER[i], FILLER[i + 4], footer], outlet="The Daily Courier") for i in range(4)]
    other = article("other", [FILLER[9], SHARED])
    reprint = article("reprint", [FILLER[10], SHARED_EDITED], outlet="The Daily Courier")
    groups = find_echoes(None, daily + [other, reprint])
    assert members(groups) == [[("other", SHARED), ("reprint", SHARED_EDITED)]]


def _ws(tmp_path: Path) -> Workspace:
    (tmp_path / "ws").mkdir()
    return Workspace(tmp_path / "ws")


def test_cache_reuses_words_per_article_and_the_last_result(tmp_path):
    ws = _ws(tmp_path)
    arts = [article("a", [FILLER[0], SHARED]), article("b", [SHARED_EDITED, FILLER[1]]),
            article("c", [FILLER[2], FILLER[3]])]
    first = EchoStats()
    groups = find_echoes(ws, arts, stats=first)
    assert sorted(first.built) == ["a", "b", "c"] and not first.from_cache
    again = EchoStats()
    assert find_echoes(ws, arts, stats=again) == groups and again.from_cache
    find_echoes(ws, arts, min_words=20)  # another setting keeps its own result …
    again = EchoStats()
    assert find_echoes(ws, arts, stats=again) == groups and again.from_cache  # … and this one stays
    added = article("d", [FILLER[4], SHARED])
    third = EchoStats()
    grown = find_echoes(ws, arts + [added], stats=third)
    assert third.built == ["d"] and third.reused == 3  # only the new article is tokenised
    assert sorted(m.article for m in grown[0].members) == ["a", "b", "d"]
    stored = list((ws.state / "echoes").rglob("*"))
    assert not [p for p in stored if p.suffix == ".pkl"]


def test_a_damaged_cache_is_rebuilt_not_trusted(tmp_path):
    ws = _ws(tmp_path)
    arts = [article("a", [FILLER[0], SHARED]), article("b", [SHARED_EDITED, FILLER[1]])]
    groups = find_echoes(ws, arts)
    folder = ws.state / "echoes"
    for path in (folder / "words").iterdir():
        path.write_bytes(path.read_bytes()[:-5])  # truncated
    (folder / "groups-12.json").write_text('{"key": "x", "groups": [[1, 2]]}')
    stats = EchoStats()
    assert find_echoes(ws, arts, stats=stats) == groups
    assert sorted(stats.built) == ["a", "b"]
    key = orjson.loads((folder / "groups-12.json").read_bytes())["key"]
    bad = {"key": key, "groups": [{"rep": 0, "words": 3, "members": [["a", 0, 99999], ["b", 0, 5]]}]}
    (folder / "groups-12.json").write_bytes(orjson.dumps(bad))
    assert find_echoes(ws, arts) == groups  # offsets that do not fit the text: recomputed


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlinked_cache_folder_is_never_written_through(tmp_path):
    ws = _ws(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    ws.state.mkdir()
    (ws.state / "echoes").symlink_to(outside, target_is_directory=True)
    arts = [article("a", [FILLER[0], SHARED]), article("b", [SHARED_EDITED, FILLER[1]])]
    assert len(find_echoes(ws, arts)) == 1
    assert list(outside.iterdir()) == []
