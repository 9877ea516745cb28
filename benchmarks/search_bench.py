"""Search benchmark: recall and latency on a synthetic library, against naive rapidfuzz.

    .venv/bin/python benchmarks/search_bench.py --articles 1000
    .venv/bin/python benchmarks/search_bench.py --articles 10000 --naive-queries 5

Generates N articles (~1,500 words each, benchmarks/synthlib.py), picks real sentences,
damages them two ways (light "realistic misquotes" and heavy damage), and reports in one
run: recall@1, latency p50/p95 of `SearchIndex.search` vs naive
`process.extract(query, passages, scorer=fuzz.partial_ratio)` over the same passages,
false hits on off-topic and nonsense queries, cold build, warm load and a one-article
rebuild. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rapidfuzz import fuzz, process
from search_queries import QueryMaker, real_articles, typo
from synthlib import NONSENSE, OFF_TOPIC, generate_articles

from workbench.search import open_index
from workbench.search.passages import sentence_spans, split_passages
from workbench.workspace import Workspace

CONTRACTIONS = [("don\u2019t", "do not"), ("It\u2019s", "It is"), ("didn\u2019t", "did not"),
                ("won\u2019t", "will not"), ("couldn\u2019t", "could not"), ("wouldn\u2019t", "would not")]
AMERICAN = [(r"is(ed|ing|e)\b", r"iz\1"), (r"ys(ed|e)\b", r"yz\1"), (r"our\b", "or"), (r"tre\b", "ter"),
            (r"ence\b", "ense"), (r"ourhood\b", "orhood"), (r"programme\b", "program")]


def _words_op(words: list[str], rng: random.Random, op: str) -> list[str]:
    long_idx = [i for i, w in enumerate(words) if len(w) >= 5]
    if op == "typo" and long_idx:
        i = rng.choice(long_idx)
        words[i] = typo(words[i], rng)
    elif op == "drop" and len(words) > 6:
        del words[rng.randrange(1, len(words))]
    elif op == "swap" and len(words) > 4:
        i = rng.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
    return words


def misquote(sentence: str, rng: random.Random) -> str:
    """A realistic misremembering: one or two light changes."""
    q = sentence
    ops = rng.sample(["contraction", "american", "straight", "drop", "typo", "swap", "case"], rng.choice((1, 2)))
    for op in ops:
        if op == "contraction":
            for a, b in CONTRACTIONS:
                q = q.replace(a, b)
        elif op == "american":
            for pat, rep in AMERICAN:
                q = re.sub(pat, rep, q)
        elif op == "straight":
            q = q.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
        elif op == "case":
            q = q.lower()
        else:
            q = " ".join(_words_op(q.split(), rng, op))
    return q


def damage(sentence: str, rng: random.Random) -> str:
    """Heavy damage: case, punctuation, two typos, a dropped and a swapped word."""
    q = re.sub(r"[^\w\s\u2019']", "", sentence.lower())
    words = q.split()
    for op in ("typo", "typo", "drop", "swap"):
        words = _words_op(words, rng, op)
    return " ".join(words)


def pick_targets(articles, n: int, rng: random.Random) -> list[tuple[str, int, int, str]]:
    """(article id, start, end, text) of `n` real sentences (8–40 words) or fragments."""
    out = []
    while len(out) < n:
        art = rng.choice(articles)
        block = rng.choice(art.blocks_of("paragraph"))
        spans = [s for s in sentence_spans(art.text, block.start, block.end)
                 if 8 <= art.text.count(" ", *s) + 1 <= 40]
        if not spans:
            continue
        s, e = rng.choice(spans)
        words = [m.span() for m in re.finditer(r"\S+", art.text[s:e])]
        if len(words) >= 14 and rng.random() < 0.3:  # a remembered fragment of a long sentence
            a = rng.randrange(0, len(words) - 10)
            b = rng.randrange(a + 10, len(words) + 1)
            s, e = s + words[a][0], s + words[b - 1][1]
        out.append((art.id, s, e, art.text[s:e]))
    return out


def covers(hit, target) -> bool:
    art, s, e, _ = target
    if hit is None or hit.article != art:
        return False
    overlap = min(hit.end, e) - max(hit.start, s)
    return overlap >= 0.8 * (e - s) and (hit.end - hit.start) <= 1.5 * (e - s) + 10


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))] if values else float("nan")


HELD_OUT = 12  # real articles kept out of the library: 6 calibrate the cutoff, 6 test it
HARDER = ("across_break", "rare_typo", "numbers", "compound", "reordered", "paraphrase", "damaged")


def _words_in(text: str, s: int, e: int) -> set[int]:
    return {m.start() for m in re.finditer(r"\w+", text[s:e])}


def coverage_spill(hit, target, text: str) -> tuple[float, float]:
    """Share of the target's words inside the hit, and share of the hit's words outside the target."""
    _, s, e = target
    want = {s + k for k in _words_in(text, s, e)}
    got = {hit.start + k for k in _words_in(text, hit.start, hit.end)} if hit.article == target[0] else set()
    return len(want & got) / max(1, len(want)), len(got - want) / max(1, len(got))


def hits_target(hit, target) -> bool:
    art, s, e = target
    if hit.article != art:
        return False
    overlap = min(hit.end, e) - max(hit.start, s)
    return overlap >= 0.8 * (e - s) and (hit.end - hit.start) <= 1.5 * (e - s) + 10


def run_kinds(index, articles, real, held_out, rng, args) -> None:
    """Recall, coverage and latency per kind of query, on the real news articles and synthetic text."""
    maker = QueryMaker(articles, rng)
    synthetic = [a for a in articles if a not in real]
    n = args.kind_queries
    sets = {
        "misquote": maker.misquotes(real, n) + maker.misquotes(synthetic, n // 2),
        "across_break": maker.across_breaks(real, n) + maker.across_breaks(synthetic, n // 2),
        "rare_typo": maker.rare_typos(real, n) + maker.rare_typos(synthetic, n // 2),
        "numbers": maker.numbers(real, n) + maker.numbers(synthetic, n // 2),
        "compound": maker.compounds(real, n),
        "reordered": maker.reordered(real, n) + maker.reordered(synthetic, n // 2),
        "paraphrase": maker.paraphrases(real, n) + maker.paraphrases(synthetic, n // 2),
        "keyword": maker.keywords(real, n),
    }
    texts = {a.id: a.text for a in articles}
    texts_of = {a.id: a for a in articles}
    real_ids = {a.id for a in real}
    heavy = maker.misquotes(real, n, "damaged") + maker.misquotes(synthetic, n // 2, "damaged")
    for q in heavy:  # two typos, a dropped and a swapped word, no case or punctuation
        art, s, e = q.targets[0]
        q.text = damage(texts[art][s:e], rng)
    sets["damaged"] = heavy
    calib_docs, test_docs = held_out[: HELD_OUT // 2], held_out[HELD_OUT // 2:]
    calibration = QueryMaker.absent(calib_docs, 4 * n, random.Random(args.seed + 1))
    absent = QueryMaker.absent(test_docs, 4 * n, random.Random(args.seed + 2))
    for queries in sets.values():  # a passage repeated word for word (in any real article) is right too
        for q in queries:
            art, s, e = q.targets[0]
            want = texts[art][s:e]
            for other in real if art in real_ids else [texts_of[art]]:
                pos = other.text.find(want)
                while pos >= 0:
                    if (other.id, pos, pos + e - s) not in q.targets:
                        q.targets.append((other.id, pos, pos + e - s))
                    pos = other.text.find(want, pos + 1)
    pooled, harder, lat_all, cpu_all, right_scores, kind_scores = [0, 0], [0, 0], [], [], [], []
    print(f"query kinds ({n} real + {n // 2} synthetic each, seed {args.seed}):")
    for kind, queries in sets.items():
        at1 = at5 = 0
        lat, cpu, cov, spill, every, scores = [], [], [], [], [], []
        for q in queries:
            t, c = time.perf_counter(), time.process_time()
            hits = index.search(q.text, limit=20 if kind == "keyword" else 10)
            lat.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            if kind == "keyword":
                first = any(h.article == q.targets[0][0] and h.start < q.targets[0][2] and q.targets[0][1] < h.end
                            for h in hits[:5])
                at1 += first
                at5 += first
                found = sum(any(h.article == a and h.start < e and s < h.end for h in hits) for a, s, e in q.targets)
                every.append(found / len(q.targets))
                ok1 = first
            else:
                ok1 = bool(hits) and any(hits_target(hits[0], t_) for t_ in q.targets)
                ok5 = any(hits_target(h, t_) for h in hits[:5] for t_ in q.targets)
                at1 += ok1
                at5 += ok5
                if ok1:
                    right_scores.append(hits[0].score)
                    scores.append(hits[0].score)
                if kind == "reordered" and hits:
                    c, sp = coverage_spill(hits[0], q.targets[0], texts[q.targets[0][0]])
                    cov.append(c)
                    spill.append(sp)
                pooled[0] += ok1
                pooled[1] += 1
                if kind in HARDER:
                    harder[0] += ok5
                    harder[1] += 1
            if args.show_misses and not ok1:
                t_ = q.targets[0]
                print(f"  MISS {kind}: {q.text!r}\n   want {texts[t_[0]][t_[1]:t_[2]]!r}\n   got  "
                      f"{[(round(h.score, 1), h.article, h.text[:90]) for h in hits[:2]]}")
            lat_all += lat[-1:]
            cpu_all += cpu[-1:]
        kind_scores.append((kind, scores))
        extra = ""
        if cov:
            extra = f"  coverage {statistics.mean(cov):.2f} spill {statistics.mean(spill):.2f}"
        if every:
            extra = f"  every matching sentence found {statistics.mean(every):.2f}"
        label = "recall@1" if kind != "keyword" else "source in top 5"
        print(f"  {kind:12s} {label} {at1 / len(queries):.3f}  recall@5 {at5 / len(queries):.3f}  "
              f"p50 {pct(lat, 50):.1f} ms p95 {pct(lat, 95):.1f} ms (CPU p95 {pct(cpu, 95):.1f} ms){extra}")
    for name, queries in (("calibration", calibration), ("absent", absent)):
        tops, lat, cpu = [], [], []
        for q in queries:
            t, c = time.perf_counter(), time.process_time()
            hits = index.search(q.text, limit=10)
            lat.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
            tops.append(hits[0].score if hits else 0.0)
            if args.show_misses and hits and name == "absent":
                print(f"  FALSE HIT {q.text!r} → {hits[0].score:.1f} {hits[0].text[:90]!r}")
        hit = sum(1 for x in tops if x > 0)
        print(f"  {name:12s} with any hit {hit}/{len(queries)}  top scores max {max(tops):.1f}  "
              f"p50 {pct(lat, 50):.1f} ms p95 {pct(lat, 95):.1f} ms (CPU p95 {pct(cpu, 95):.1f} ms)")
    print(f"  overall recall@1 {pooled[0] / pooled[1]:.3f} ({pooled[0]}/{pooled[1]})  p95 {pct(lat_all, 95):.1f} ms "
          f"(CPU {pct(cpu_all, 95):.1f} ms)  "
          f"right-hit scores min {min(right_scores):.1f} p1 {pct(right_scores, 1):.1f} | harder kinds recall@5 "
          f"{harder[0] / max(1, harder[1]):.3f}")
    if args.calibrate:
        for kind, scores in kind_scores:
            if scores:
                print(f"  right-hit scores {kind:12s} min {min(scores):.1f} p1 {pct(scores, 1):.1f} "
                      f"p5 {pct(scores, 5):.1f}")
        for name, queries in (("calibration", calibration), ("absent", absent)):
            scores = sorted(_raw_top(index, q.text) for q in queries)
            print(f"  {name} raw top scores (no cutoff): p50 {pct(scores, 50):.1f} p95 {pct(scores, 95):.1f} "
                  f"p99 {pct(scores, 99):.1f} max {max(scores or [0]):.1f}")


def _raw_top(index, text: str) -> float:
    hits = index.search(text, limit=1, cutoff=0)
    return hits[0].score if hits else 0.0


def run(args) -> None:
    rng = random.Random(args.seed)
    t = time.perf_counter()
    synthetic = generate_articles(args.articles, seed=args.seed)
    drafts = real_articles()
    rng.shuffle(drafts)
    held_out = [d.assemble(article_id=f"absent{i:03d}", path=Path(f"absent{i:03d}.txt"))
                for i, d in enumerate(drafts[:HELD_OUT])]  # never indexed: their sentences are absent queries
    real = [d.assemble(article_id=f"news{i:03d}", path=Path(f"news{i:03d}.txt"))
            for i, d in enumerate(drafts[HELD_OUT:])]
    articles = synthetic + real
    mb = sum(len(a.text.encode()) for a in articles) / 1e6
    print(f"library: {len(articles)} articles, {mb:.1f} MB clean text (generated in {time.perf_counter() - t:.1f}s)")
    root = Path(tempfile.mkdtemp(prefix="wb-bench-"))
    try:
        ws = Workspace(root)
        lib = SimpleNamespace(articles=articles)
        t, c = time.perf_counter(), time.process_time()
        index = open_index(ws, lib, progress=False)
        cold, cold_cpu = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        index = open_index(ws, lib, progress=False)
        warm, warm_cpu = time.perf_counter() - t, time.process_time() - c
        assert index.stats.loaded_merged
        t = time.perf_counter()
        for a in articles:  # same-run yardstick: the cheapest possible tokenising pass
            re.findall(r"\w+", a.text.casefold())
        floor = time.perf_counter() - t
        edited = list(articles)
        first = edited[0]
        from dataclasses import replace
        edited[0] = replace(first, text=first.text + " An added closing sentence.")
        t, c = time.perf_counter(), time.process_time()
        inc = open_index(ws, SimpleNamespace(articles=edited), progress=False)
        incremental, inc_cpu = time.perf_counter() - t, time.process_time() - c
        print(f"index: {index.data.passage_count} passages, {len(index.data.postings)} terms")
        print(f"cold build {cold:.2f}s wall / {cold_cpu:.2f}s CPU ({cold / mb * 10:.2f}s wall, "
              f"{cold_cpu / mb * 10:.2f}s CPU per 10 MB; {cold / floor:.1f}x a bare re.findall pass "
              f"of {floor:.2f}s) | warm load {warm:.3f}s wall / {warm_cpu:.3f}s CPU | one article changed "
              f"{incremental:.2f}s wall / {inc_cpu:.2f}s CPU (re-tokenised {len(inc.stats.built)}, "
              f"reused {inc.stats.reused}, patched={inc.stats.patched})")

        targets = pick_targets(synthetic, args.queries, rng)
        sets = {"misquotes": [(misquote(t[3], rng), t) for t in targets],
                "damaged": [(damage(t[3], rng), t) for t in targets]}
        for name, queries in sets.items():
            ok, lat, cpu = 0, [], []
            for q, target in queries:
                t, c = time.perf_counter(), time.process_time()
                hits = index.search(q, limit=10)
                lat.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
                ok += covers(hits[0] if hits else None, target)
            print(f"{name:10s} recall@1 {ok / len(queries):.3f} ({ok}/{len(queries)})  "
                  f"p50 {pct(lat, 50):.1f} ms  p95 {pct(lat, 95):.1f} ms  max {max(lat):.1f} ms wall | "
                  f"CPU p50 {pct(cpu, 50):.1f} ms p95 {pct(cpu, 95):.1f} ms")
            if args.show_misses:
                for q, target in queries:
                    hits = index.search(q, limit=3)
                    if not covers(hits[0] if hits else None, target):
                        print("  MISS", repr(q), "\n   want", repr(target[3]),
                              "\n   got ", [(h.score, h.article, h.text[:80]) for h in hits[:2]])
        run_kinds(index, articles, real, held_out, rng, args)
        if args.quick:
            return
        typing = []
        for _, target in sets["misquotes"][: max(1, args.queries // 10)]:
            words = target[3].split()
            for k in range(1, len(words) + 1):
                t = time.perf_counter()
                index.search(" ".join(words[:k]), limit=10)
                typing.append((time.perf_counter() - t) * 1000)
        print(f"typing (every word prefix of {max(1, args.queries // 10)} sentences): "
              f"p50 {pct(typing, 50):.1f} ms  p95 {pct(typing, 95):.1f} ms  max {max(typing):.1f} ms")
        false = [q for q in OFF_TOPIC + NONSENSE if index.search(q, limit=10)]
        print(f"off-topic/nonsense queries with any hit: {len(false)}/{len(OFF_TOPIC) + len(NONSENSE)} {false}")

        if args.naive_queries:
            passages = [a.text[p.start:p.end] for a in articles for p in split_passages(a.text, a.blocks)]
            owners = [(a.id, p.start, p.end) for a in articles for p in split_passages(a.text, a.blocks)]
            sample = sets["misquotes"][: args.naive_queries]
            naive_lat, ours_lat, naive_ok = [], [], 0
            for q, target in sample:
                t = time.perf_counter()
                res = process.extract(q, passages, scorer=fuzz.partial_ratio, limit=10)
                naive_lat.append((time.perf_counter() - t) * 1000)
                art, s, e = owners[res[0][2]]
                naive_ok += art == target[0] and s <= target[1] and target[2] <= e
                t = time.perf_counter()
                index.search(q, limit=10)
                ours_lat.append((time.perf_counter() - t) * 1000)
            n50, o50 = pct(naive_lat, 50), pct(ours_lat, 50)
            print(f"naive partial_ratio over {len(passages)} passages ({len(sample)} misquotes): "
                  f"p50 {n50:.0f} ms p95 {pct(naive_lat, 95):.0f} ms, passage-level recall@1 "
                  f"{naive_ok / len(sample):.2f} | ours on the same queries p50 {o50:.1f} ms p95 "
                  f"{pct(ours_lat, 95):.1f} ms → {n50 / o50:.0f}× faster (p50), "
                  f"{pct(naive_lat, 95) / pct(ours_lat, 95):.0f}× (p95)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--naive-queries", type=int, default=20, help="queries also run naively (slow); 0 = skip")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--kind-queries", type=int, default=100, help="real-text queries per kind (+ half synthetic)")
    parser.add_argument("--calibrate", action="store_true", help="also print absent sentences' scores without a cutoff")
    parser.add_argument("--quick", action="store_true", help="skip the naive comparison and typing run")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
