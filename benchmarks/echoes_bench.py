"""Echoes benchmark: planted echo groups in a synthetic library — recall, purity, speed.

    .venv/bin/python benchmarks/echoes_bench.py --articles 1000
    .venv/bin/python benchmarks/echoes_bench.py --articles 10000 --skip-warm

Generates N articles (benchmarks/synthlib.py, ~1,000 words each), then plants N/10 echo
groups: a fresh paragraph copied into 2–6 different articles, each copy with 1–3 small
edits (a word changed, dropped or added, quotes/dashes restyled, a word's case, a comma),
at least 8 words apart. A tenth of the articles also repeat one of their own paragraphs
(a pull quote), which must not be reported. Reports in one run:
- recall: planted groups whose copies all land in one reported group (and partly found);
- purity: the lowest word similarity (difflib ratio on textnorm words) of a member to its
  group's text, how many members fall below 0.8, and the lowest between two members; groups with no planted copy
  (coincidences of the synthetic grammar) are counted and shown;
- time (wall and CPU): cold (empty cache), warm (cached result), warm without the cached
  result (words cached, matching redone), after adding one article; against a baseline
  measured in the same run: one pass of textnorm words over the library, or with --naive a
  Python dict of every 12-word shingle (the naive exact index; slow at 10k).
"""

from __future__ import annotations

import argparse
import difflib
import random
import shutil
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthlib import ProseGenerator

from workbench.echoes import EchoStats, find_echoes
from workbench.library.model import ArticleDraft
from workbench.textnorm import WORD_RE, word_key
from workbench.workspace import Workspace

RESTYLE = [("\u201c", '"'), ("\u201d", '"'), ("\u2019", "'"), (" - ", " \u2014 "), (",", ";")]


def edit_copy(text: str, rng: random.Random, gen: ProseGenerator) -> str:
    """1–3 small edits, at least 8 words apart, plus maybe a style change."""
    words = text.split(" ")
    spots = sorted(rng.sample(range(1, len(words) - 1, 8), min(rng.randint(1, 3), (len(words) - 2) // 8 or 1)))
    for at in reversed(spots):
        kind = rng.choice(["change", "drop", "add", "case"])
        if kind == "change":
            words[at] = gen._noun()
        elif kind == "drop":
            del words[at]
        elif kind == "add":
            words.insert(at, rng.choice(["also", "now", "reportedly", "still"]))
        else:
            words[at] = words[at].upper()
    out = " ".join(words)
    if rng.random() < 0.5:
        a, b = rng.choice(RESTYLE)
        out = out.replace(a, b)
    return out


def build(n: int, words: int, seed: int):
    rng = random.Random(seed)
    gen = ProseGenerator(seed)
    drafts: list[ArticleDraft] = [gen.article(words) for _ in range(n)]
    planted: list[list[tuple[int, str]]] = []  # per group: (article index, copy text)
    extra: dict[int, list[str]] = {i: [] for i in range(n)}
    for _ in range(max(1, n // 10)):
        passage = " ".join(gen.sentence() for _ in range(rng.randint(2, 5)))
        hosts = rng.sample(range(n), rng.randint(2, 6))
        group = []
        for h in hosts:
            copy = passage if len(group) == 0 and rng.random() < 0.5 else edit_copy(passage, rng, gen)
            extra[h].append(copy)
            group.append((h, copy))
        planted.append(group)
    pulls: list[tuple[int, str]] = []
    for i in rng.sample(range(n), n // 10):
        body = [t for k, t in drafts[i].pieces if k == "paragraph"]
        pull = rng.choice(body)
        extra[i].append(pull)
        pulls.append((i, pull))
    articles = []
    for i, draft in enumerate(drafts):
        pieces = list(draft.pieces)
        for text in extra[i]:
            pos = rng.randint(2, len(pieces))
            pieces.insert(pos, ("paragraph", text))
        draft.pieces = pieces
        articles.append(draft.assemble(article_id=f"art{i:05d}", path=Path(f"synthetic/art{i:05d}.txt")))
    spans = []  # planted copies as (article id, start, end)
    for group in planted:
        spans.append([(articles[h].id, articles[h].text.index(copy), articles[h].text.index(copy) + len(copy))
                      for h, copy in group])
    return articles, spans, pulls


def keys(text: str) -> list[str]:
    return [word_key(w) for w in WORD_RE.findall(text)]


def touching_repeats(groups, articles, pulls) -> int:
    """Reported groups with a member on a within-article repeat (a pull quote): should be 0."""
    texts = {i: articles[i].text for i, _ in pulls}
    spans = {}
    for i, pull in pulls:
        first = texts[i].index(pull)
        second = texts[i].index(pull, first + 1)
        spans.setdefault(articles[i].id, []).extend([(first, first + len(pull)), (second, second + len(pull))])
    return sum(any(min(m.end, e) - max(m.start, s) > 0.5 * (e - s)
                   for m in g.members for s, e in spans.get(m.article, ())) for g in groups)


def evaluate(groups, planted) -> dict:
    def overlaps(member, span):
        art, s, e = span
        return member.article == art and min(member.end, e) - max(member.start, s) >= 0.5 * (e - s)

    found = partly = 0
    planted_groups = set()
    missed = []
    for spans in planted:
        holders = [{gi for gi, g in enumerate(groups) if any(overlaps(m, sp) for m in g.members)} for sp in spans]
        common = set.intersection(*holders)
        if common:
            found += 1
        elif any(holders):
            partly += 1
            missed.append(spans)
        else:
            missed.append(spans)
        planted_groups |= set.union(*holders)
    worst, below, same_article, worst_pair = 1.0, 0, 0, 1.0

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, keys(a), keys(b), autojunk=False).ratio()

    for g in groups:
        if len({m.article for m in g.members}) != len(g.members):
            same_article += 1
        for m in g.members:  # every member against the group's text
            r = ratio(m.text, g.text)
            worst = min(worst, r)
            below += r < 0.8
        for a, b in combinations(g.members[:12], 2):
            worst_pair = min(worst_pair, ratio(a.text, b.text))
    unplanted = [g for gi, g in enumerate(groups) if gi not in planted_groups]
    return {"found": found, "partly": partly, "missed": missed, "worst": worst, "below": below, "worst_pair": worst_pair,
            "unplanted": unplanted, "same_article": same_article}


class Clock:
    """Wall and CPU seconds (the dev box is shared: CPU time is the steadier figure)."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def stop(self) -> Clock:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        return self

    def __str__(self) -> str:
        return f"{self.wall:.2f} s wall / {self.cpu:.2f} s CPU"


def baseline(articles, naive: bool) -> Clock:
    """One pass of textnorm words over the library (the floor of any method), or with
    `naive` a Python dict of every 12-word shingle (the naive exact index)."""
    clock = Clock()
    index: dict = {}
    for a in articles:
        ws = keys(a.text)
        if naive:
            for i in range(len(ws) - 11):
                index.setdefault(" ".join(ws[i:i + 12]), []).append((a.id, i))
    return clock.stop()


def timed(ws, articles, **kw):
    stats = EchoStats()
    clock = Clock()
    groups = find_echoes(ws, articles, stats=stats, **kw)
    return groups, clock.stop(), stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--skip-warm", action="store_true")
    ap.add_argument("--naive", action="store_true", help="baseline: a dict of every 12-word shingle")
    args = ap.parse_args()
    t0 = time.perf_counter()
    articles, planted, pulls = build(args.articles, args.words, args.seed)
    size = sum(len(a.text.encode()) for a in articles)
    print(f"{len(articles)} articles, {size / 1e6:.1f} MB, {len(planted)} planted groups "
          f"({sum(map(len, planted))} copies), {len(pulls)} within-article repeats "
          f"(generated in {time.perf_counter() - t0:.1f} s)")
    base = baseline(articles, args.naive)
    what = "a dict of every 12-word shingle" if args.naive else "one pass of textnorm words over the library"
    print(f"baseline ({what}): {base}")
    root = Path(tempfile.mkdtemp(prefix="echoes-bench-"))
    try:
        ws = Workspace(root)
        groups, cold, stats = timed(ws, articles)
        print(f"cold: {cold} ({cold.cpu / base.cpu:.2f}× baseline CPU); {stats.shingles:,} shingles, "
              f"{stats.seeds:,} seeds, {stats.pairs_aligned:,} pairs aligned, {len(stats.built)} tokenised")
        result = evaluate(groups, planted)
        total = len(planted)
        print(f"groups reported: {len(groups)}; planted found whole: {result['found']}/{total} "
              f"({100 * result['found'] / total:.1f}%), partly: {result['partly']}")
        print(f"purity: lowest similarity of a member to its group's text {result['worst']:.3f}; members below "
              f"0.8: {result['below']}; lowest between two members {result['worst_pair']:.3f}; "
              f"groups with two members in one article: {result['same_article']}")
        print(f"groups on a within-article repeat: {touching_repeats(groups, articles, pulls)}")
        print(f"groups with no planted copy (grammar coincidences): {len(result['unplanted'])}")
        for g in result["unplanted"][:3]:
            print("   ", [" ".join(m.text.split()) for m in g.members][:2])
        for spans in result["missed"][:3]:
            print("   missed:", spans)
        if not args.skip_warm:
            again, warm, stats = timed(ws, articles)
            assert [g.to_dict() for g in again] == [g.to_dict() for g in groups]
            print(f"warm (cached result): {warm} (from cache: {stats.from_cache})")
            (root / ".workbench" / "echoes" / "groups-12.json").unlink()
            again, rematch, stats = timed(ws, articles)
            assert [g.to_dict() for g in again] == [g.to_dict() for g in groups]
            print(f"warm, words cached, matching redone: {rematch} ({len(stats.built)} tokenised)")
            gen = ProseGenerator(args.seed + 1)
            new = gen.article(args.words).assemble(article_id="zz-new", path=Path("synthetic/zz-new.txt"))
            _g, added, stats = timed(ws, articles + [new])
            print(f"one article added: {added} ({len(stats.built)} tokenised: {stats.built})")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
