"""Save latency of the annotation store at 0, 1k and 10k stored annotations.

    .venv/bin/python benchmarks/store_bench.py [--saves 300] [--articles 500] [--dir PATH]

The three stores are measured in interleaved rounds in the same run, so drift of the disk
or the machine hits them alike; figures are reported as ratios against the empty store
(goal: ≤ 1.3× at 10k, p95 ≤ 20 ms). Each save is a real `add_highlight`: lock, fresh read
of that article's file, atomic write with fsync of file and folder, backup, undo entry.
Extra rows: a save into one article that already holds 1k annotations (the partition
scheme's worst case), and what a command pays to read everything (cold `all()`).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.library.model import Article  # noqa: E402
from workbench.store import open_store  # noqa: E402
from workbench.workspace import Workspace  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def make_articles(count: int) -> list[Article]:
    base = " ".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    size = 4000
    out = []
    for i in range(count):
        offset = (i * 997) % (len(base) - size)
        text = base[offset:offset + size]
        out.append(Article(id=f"{i:04d}_bench", path=Path(f"{i:04d}.txt"), title=f"a{i}",
                           title_is_derived=True, text=text, blocks=[]))
    return out


def record(article: Article, rng: random.Random) -> dict:
    start = rng.randrange(0, len(article.text) - 80)
    end = start + rng.randrange(20, 80)
    return {"id": str(uuid.uuid4()), "article": article.id, "start": start, "end": end,
            "quote": article.text[start:end], "prefix": "", "suffix": "", "color": "yellow",
            "note": "bench note", "tags": ["bench/topic"], "created": "2026-01-01T00:00:00+00:00",
            "updated": "2026-01-01T00:00:00+00:00", "status": "anchored"}


def populate(root: Path, articles: list[Article], count: int, rng: random.Random, *, one_article: bool = False):
    store = open_store(Workspace(root))
    records = [record(articles[0] if one_article else rng.choice(articles), rng) for _ in range(count)]
    for i in range(0, len(records), 2000):
        store.import_records(records[i:i + 2000])
    return store


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=300, help="saves measured per store size")
    parser.add_argument("--articles", type=int, default=500, help="articles the annotations are spread over")
    parser.add_argument("--dir", help="folder to build the stores in (default: system temp)")
    args = parser.parse_args()
    rng = random.Random(7)
    articles = make_articles(args.articles)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        t0 = time.perf_counter()
        stores = {
            "0": populate(Path(tmp) / "s0", articles, 0, rng),
            "1k": populate(Path(tmp) / "s1k", articles, 1_000, rng),
            "10k": populate(Path(tmp) / "s10k", articles, 10_000, rng),
            "1k in one article": populate(Path(tmp) / "one", articles, 1_000, rng, one_article=True),
        }
        setup = time.perf_counter() - t0
        timings: dict[str, list[float]] = {name: [] for name in stores}
        for _round in range(args.saves):  # one save per store per round: load bursts hit all alike
            for name, store in stores.items():
                for _ in range(1):
                    article = articles[0] if name == "1k in one article" else rng.choice(articles)
                    start = rng.randrange(0, len(article.text) - 60)
                    t = time.perf_counter()
                    store.add_highlight(article, start, start + 40, tags=["bench"], note="n")
                    timings[name].append((time.perf_counter() - t) * 1000)
        loads = {}
        for name in stores:
            t = time.perf_counter()
            count = len(open_store(Workspace(Path(tmp) / {"0": "s0", "1k": "s1k", "10k": "s10k",
                                                         "1k in one article": "one"}[name])).all())
            loads[name] = ((time.perf_counter() - t) * 1000, count)

    base50 = statistics.median(timings["0"])
    base95 = percentile(timings["0"], 0.95)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"store save benchmark: {len(timings['0'])} saves per size, {args.articles} articles, "
          f"setup {setup:.1f}s, python {sys.version.split()[0]}, load average {load:.1f} on {os.cpu_count()} CPUs")
    print(f"{'stored before':<20} {'p50 ms':>8} {'p95 ms':>8} {'p50 ×':>7} {'p95 ×':>7} {'cold all() ms':>14}")
    for name, values in timings.items():
        p50, p95 = statistics.median(values), percentile(values, 0.95)
        load_ms, count = loads[name]
        print(f"{name:<20} {p50:8.2f} {p95:8.2f} {p50 / base50:7.2f} {p95 / base95:7.2f} "
              f"{load_ms:9.1f} ({count})")
    ratio = percentile(timings["10k"], 0.95) / base95
    verdict = "OK" if ratio <= 1.3 and percentile(timings["10k"], 0.95) <= 20 else "OVER TARGET"
    print(f"10k vs empty p95 ratio {ratio:.2f} (target ≤ 1.30, p95 ≤ 20 ms): {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
