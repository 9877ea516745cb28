"""Export benchmark: `workbench export` of 10k annotations, against process start.

    .venv/bin/python benchmarks/export_bench.py [--annotations 10000] [--articles 200] [--rounds 5]

Builds a real workspace on disk (synthetic articles from benchmarks/synthlib.py written as
.txt seeds, cleaned by the real library, annotations imported into the real TinyDB store
with tags and Markdown-hostile notes), then measures in interleaved rounds, each a fresh
subprocess:

  start      `workbench --workspace W --version` (interpreter + imports + parser): baseline
  cold       `workbench export --json` into an empty notes/ (every file written)
  warm       `workbench export --json` again (nothing changed, nothing rewritten)

and reports medians, time beyond process start (goal ≤ 1 s for 10k) and ratios against
the baseline. An in-process breakdown follows (library load, store.all(), export_notes),
with export_notes also as a ratio against plainly writing the same bytes to the same
number of files. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from synthlib import generate_articles  # noqa: E402
from workbench.export import export_notes  # noqa: E402
from workbench.library import Library  # noqa: E402
from workbench.store import open_store  # noqa: E402
from workbench.workspace import Workspace  # noqa: E402

TAGS = [f"{a}/{b}" for a in ("policy", "energy", "method", "people") for b in ("core", "grid", "trade", "law")] + \
       ["to read", "quote", "dispute", "follow-up", "data", "history"]
NOTES = ["", "", "Check the figure against the annual report.", "# not a heading\n---\n<script>x</script> [[link]]",
         "A longer thought that runs over\nseveral lines, with *stars* and _underscores_ and a | pipe.\n\nAnd a second paragraph."]


def text_of(article) -> str:
    """The synthetic article as a plain .txt source (title, blank line, paragraphs)."""
    parts = [article.text[b.start:b.end] for b in article.blocks]
    return "\n\n".join(parts) + "\n"


def build(root: Path, n_articles: int, n_annotations: int) -> None:
    ws = Workspace(root)
    ws.seeds.mkdir(parents=True, exist_ok=True)
    ws.notes.mkdir(parents=True, exist_ok=True)
    for art in generate_articles(n_articles, words=1200):
        (ws.seeds / f"{art.id}.txt").write_text(text_of(art))
    library = Library(ws)
    articles = [a for a in library.articles if a.blocks_of("paragraph")]
    rng = random.Random(11)
    records = []
    stamp = "2026-01-01T00:00:00+00:00"
    for i in range(n_annotations):
        art = articles[i % len(articles)]
        block = rng.choice(art.blocks_of("paragraph"))
        start = rng.randrange(block.start, max(block.start + 1, block.end - 80))
        end = min(block.end, start + rng.randint(20, 200))
        records.append({
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "article": art.id, "start": start, "end": end,
            "quote": art.text[start:end], "prefix": art.text[max(0, start - 32):start], "suffix": art.text[end:end + 32],
            "color": rng.choice(["yellow", "green", "blue", "pink"]), "tags": rng.sample(TAGS, rng.randint(0, 3)),
            "note": rng.choice(NOTES), "created": stamp, "updated": stamp,
        })
    report = open_store(ws).import_records(records)
    assert report.imported == n_annotations, report.to_dict()
    open_store(ws).sync(library)  # anchor hashes once, as any earlier command would have


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(root: Path, *args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one real CLI run; CPU is robust on a busy machine."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cpu0, t0 = _child_cpu(), time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "workbench", "--workspace", str(root), *args],
                          capture_output=True, text=True, env=env)
    elapsed, cpu = time.perf_counter() - t0, _child_cpu() - cpu0
    if proc.returncode != 0:
        raise SystemExit(f"command failed: {args}: {proc.stderr.strip()}")
    return elapsed, cpu


def in_process(root: Path) -> None:
    ws = Workspace(root)
    t0 = time.perf_counter()
    library = Library(ws)
    library.load()
    t1 = time.perf_counter()
    store = open_store(ws)
    annotations = store.all()
    t2 = time.perf_counter()
    out = Path(tempfile.mkdtemp(prefix="export-bench-out-"))
    result = export_notes(library, store, out)
    t3 = time.perf_counter()
    again = export_notes(library, store, out)
    t4 = time.perf_counter()
    files = [p for p in out.rglob("*") if p.is_file()]
    payload = [(p.relative_to(out), p.read_bytes()) for p in files]
    plain = Path(tempfile.mkdtemp(prefix="export-bench-plain-"))
    t5 = time.perf_counter()
    for rel, data in payload:
        (plain / rel).parent.mkdir(parents=True, exist_ok=True)
        (plain / rel).write_bytes(data)
    t6 = time.perf_counter()
    size = sum(len(d) for _, d in payload)
    print(f"\nin process ({len(annotations)} annotations, {len(files)} files, {size / 1e6:.1f} MB):")
    print(f"  library load (warm cache)   {t1 - t0:7.3f} s")
    print(f"  store.all()                 {t2 - t1:7.3f} s")
    print(f"  export_notes, fresh folder  {t3 - t2:7.3f} s   ({len(result.written)} written)"
          f"   = {(t3 - t2) / (t6 - t5):.1f}x plain writes of the same bytes ({t6 - t5:.3f} s)")
    print(f"  export_notes, unchanged     {t4 - t3:7.3f} s   ({len(again.written)} written, {len(again.unchanged)} unchanged)")
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(plain, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, help="keep the workspace here (default: a temp folder)")
    args = parser.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="export-bench-"))
    t0 = time.perf_counter()
    build(root, args.articles, args.annotations)
    print(f"workspace {root}: {args.articles} articles, {args.annotations} annotations (built in {time.perf_counter() - t0:.1f} s)")
    run(root, "list", "--json")  # warm the article cache
    times: dict[str, list[tuple[float, float]]] = {"start": [], "cold": [], "warm": []}
    for _ in range(args.rounds):
        times["start"].append(run(root, "--version"))
        shutil.rmtree(root / "notes", ignore_errors=True)
        times["cold"].append(run(root, "export", "--json"))
        times["warm"].append(run(root, "export", "--json"))
    print(f"\nsubprocess medians over {args.rounds} interleaved rounds (wall | CPU):")
    med = {}
    for which, col in (("wall", 0), ("cpu", 1)):
        med[which] = {k: statistics.median(t[col] for t in v) for k, v in times.items()}
    for key, label in (("start", "process start (baseline)"), ("cold", "export, empty notes/"), ("warm", "export, nothing changed")):
        row = f"  {label:28s}"
        for which in ("wall", "cpu"):
            m = med[which]
            row += f" {which} {m[key]:6.3f} s"
            if key != "start":
                row += f" (+{m[key] - m['start']:.3f} s beyond start, {m[key] / m['start']:.2f}x baseline)"
        print(row)
    for which in ("wall", "cpu"):
        goal = med[which]["cold"] - med[which]["start"]
        print(f"goal ({which}): {args.annotations} annotations exported ≤ 1 s beyond process start -> "
              f"{goal:.3f} s ({'met' if goal <= 1.0 else 'NOT met'})")
    in_process(root)
    if args.dir is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
