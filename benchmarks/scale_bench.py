"""A big library through the real CLI: does a command's fixed cost stay flat as the library grows?

Generates N synthetic articles (benchmarks/synthlib.py prose laid out like real sources:
title, byline, dateline, paragraphs; one in ten as Markdown with front matter) into
$TMPDIR/wb-scale-N once, then measures, every figure against a baseline from the same run:

  cold clean     first load of the library, s/MB of source (all cores, and one core on a sample)
  cold index     first search after the library is loaded, s/MB of clean text
  warm list      `list --json`  vs `workbench --version`
  warm search    `search QUERY` vs `--version`, and its peak RSS
  highlight      `highlight` with N_ANN annotations stored vs a five-article workspace with none
  tui            first frame showing the header count vs a bare Textual app's first paint

    .venv/bin/python benchmarks/scale_bench.py --articles 10000 [--runs 5] [--skip cold,tui]
    .venv/bin/python benchmarks/scale_bench.py --articles 100000 --search-only [--queries 50]

`--search-only`: the cold clean and cold index (only if the workspace has none yet; CPU of the
indexing process per MB, since the index is built in one process), warm CLI search against
`--version`, then in this process: the warm load (library + index) and per-query latency
(wall and CPU p50/p95) of light misquotes, heavy damage, 2–3 keywords and absent sentences
(new synthetic prose of the same generator: most take the second candidate route), plus
recall@1 of the misquotes as a check that speed did not cost the right answer; then the
same queries again (their texts read: what a longer session sees).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from synthlib import ProseGenerator  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "120"}
ENV.pop("WORKBENCH_WORKSPACE", None)
# As in an installed workbench, modules are compiled once, not on every run (the bytecode goes
# to a temp folder, so a tree run with PYTHONDONTWRITEBYTECODE stays clean). --no-pyc: every run
# compiles workbench's modules again (what runs measured where that variable is set).
PYCACHE = str(Path(tempfile.gettempdir()) / "wb-bench-pycache")


def bytecode(cached: bool) -> None:
    if cached:
        ENV["PYTHONPYCACHEPREFIX"] = PYCACHE
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    else:
        ENV.pop("PYTHONPYCACHEPREFIX", None)
        ENV["PYTHONDONTWRITEBYTECODE"] = "1"


bytecode(True)


# ----- the generator -----------------------------------------------------------------------

def write_source(gen: ProseGenerator, path: Path, i: int, words: int) -> None:
    r = gen.rng
    draft = gen.article(words)
    title = draft.title
    body = [text for kind, text in draft.pieces if kind == "paragraph"]
    author = r.choice(gen.people)
    date = f"2025-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    if path.suffix == ".md":
        text = (f"---\ntitle: \"{title}\"\nauthor: {author}\ndate: {date}\nsource: The Synthetic Times\n---\n\n"
                + "\n\n".join(body) + "\n")
    else:
        text = f"{title}\n\nBy {author}\n{date}\n\n" + "\n\n".join(body) + f"\n\nFiled {i}.\n"
    path.write_text(text, encoding="utf-8")


def generate(n: int, words: int = 1100, seed: int = 15) -> Path:
    """$TMPDIR/wb-scale-N with N sources in seeds/ (made once, reused)."""
    root = Path(tempfile.gettempdir()) / f"wb-scale-{n}"
    if (root / ".generated").exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    (root / "seeds").mkdir(parents=True)
    (root / "notes").mkdir()
    gen = ProseGenerator(seed)
    for i in range(n):
        suffix = ".md" if i % 10 == 3 else ".txt"
        write_source(gen, root / "seeds" / f"a{i:06d}{suffix}", i, words)
    (root / ".generated").write_text("ok")
    return root


def small_workspace() -> Path:
    root = Path(tempfile.mkdtemp(prefix="wb-scale-five-"))
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "notes").mkdir()
    return root


def seeds_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in (root / "seeds").iterdir()) / 1e6


# ----- running the CLI ---------------------------------------------------------------------

CPU: list[float] = []  # CPU seconds (user + system) of every CLI run, in order


def cli(ws: Path | None, *args: str) -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stdout) of one real CLI run; its CPU time goes to CPU."""
    cmd = [sys.executable, "-m", "workbench"] + (["--workspace", str(ws)] if ws else []) + list(args)
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=ENV, cwd=str(REPO))
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        CPU.append(usage.ru_utime + usage.ru_stime)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-1500:]}")
    return wall, usage.ru_maxrss // 1024, stdout


LAST_CPU = [0.0]  # median CPU seconds of the last median_of (its CLI runs only)


def median_of(runs: int, fn) -> tuple[float, int]:
    """Median wall time and max RSS of `runs` calls; LAST_CPU[0] = median CPU of their timed runs.

    On a shared machine wall time swings with the load; CPU time much less, so both are shown."""
    results, cpus = [], []
    for _ in range(runs):
        before = len(CPU)
        results.append(fn())
        cpus.append(CPU[before] if len(CPU) > before else 0.0)  # the first CLI run of the call is the timed one
    LAST_CPU[0] = statistics.median(cpus)
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


# ----- annotations -------------------------------------------------------------------------

def seed_annotations(ws: Path, count: int) -> None:
    """`count` highlights on real sentences, spread over the library, in one import."""
    marker = ws / f".annotated-{count}"
    if marker.exists():
        return
    from workbench.library import Library
    from workbench.store import open_store
    from workbench.store.model import new_id, now_iso
    from workbench.workspace import Workspace

    library = Library(Workspace(ws))
    per_article = 5  # 10k annotations → 2k article files
    articles = library.articles[: max(1, count // per_article)]
    rng = random.Random(3)
    records = []
    stamp = now_iso()
    for article in articles:
        text = article.text
        for k in range(per_article):
            if len(records) >= count:
                break
            start = rng.randrange(0, max(1, len(text) - 200))
            start = text.find(" ", start) + 1
            end = text.find(".", start + 40) + 1 or start + 60
            records.append({"id": new_id(), "article": article.id, "start": start, "end": end,
                            "quote": text[start:end], "prefix": text[max(0, start - 32):start],
                            "suffix": text[end:end + 32], "color": "yellow", "note": f"note {k}",
                            "tags": [f"topic/{k % 7}"], "created": stamp, "updated": stamp, "status": "anchored"})
    report = open_store(Workspace(ws)).import_records(records)
    print(f"  seeded {report.imported} annotations", file=sys.stderr)
    cli(ws, "annotations", "--json")  # first sync anchors them (untimed)
    marker.write_text("ok")


def a_sentence(ws: Path, rng: random.Random) -> tuple[str, str]:
    """(article id, a sentence of it) taken from the cached clean text."""
    from workbench.library import Library
    from workbench.workspace import Workspace

    library = Library(Workspace(ws))
    paths = library.source_paths()
    while True:
        article = library.get(rng.choice(list(paths)))
        sentences = [s.strip() + "." for s in article.text.split(". ") if 60 < len(s) < 160 and "\n" not in s]
        if sentences:
            return article.id, rng.choice(sentences)


def highlight_once(ws: Path, rng: random.Random) -> tuple[float, int]:
    article, sentence = a_sentence(ws, rng)
    wall, rss, _ = cli(ws, "highlight", article, sentence[:80].rsplit(" ", 1)[0], "--occurrence", "1")
    cli(ws, "undo")  # untimed: the store goes back to what it was
    return wall, rss


# ----- the TUI -----------------------------------------------------------------------------

from tui_startup_bench import BARE  # noqa: E402  (benchmarks/ is on sys.path above)

TUI = r"""
import time, json, sys
t0 = time.perf_counter()
sys.path.insert(0, REPO)
from workbench.tui.app import WorkbenchApp
from workbench.workspace import resolve_workspace
class Timed(WorkbenchApp):
    def on_mount(self):
        super().on_mount()
        self.set_interval(0.002, self.check)
    def check(self):
        if self.sub_title.endswith(" articles"):  # the header shows the count
            self.exit(time.perf_counter() - t0)
print(json.dumps({"first_frame": Timed(resolve_workspace(WS)).run(headless=True, size=(160, 48))}))
"""


def tui_time(script: str) -> tuple[float, int]:
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=REPO,
                         env=ENV)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)["first_frame"], 0


# ----- main --------------------------------------------------------------------------------

QUERY = "the ministry quietly approved a fragile agreement"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--skip", default="", help="comma-separated: cold,list,search,highlight,tui")
    parser.add_argument("--fresh", action="store_true", help="delete the workspace's .workbench first (cold)")
    parser.add_argument("--search-only", action="store_true", help="cold/warm search and in-process latency only")
    parser.add_argument("--queries", type=int, default=50, help="queries per kind in --search-only")
    parser.add_argument("--no-pyc", action="store_true", help="compile every module on every run (no bytecode cache)")
    args = parser.parse_args()
    bytecode(not args.no_pyc)
    if args.search_only:
        search_only(args)
        return
    skip = set(filter(None, args.skip.split(",")))
    runs = args.runs
    t = time.perf_counter()
    ws = generate(args.articles)
    mb = seeds_mb(ws)
    print(f"{args.articles:,} articles, {mb:.1f} MB of sources in {ws} (generated/reused in "
          f"{time.perf_counter() - t:.1f} s)")
    version, _ = median_of(runs, lambda: cli(None, "--version")[:2])
    v_cpu = LAST_CPU[0]
    print(f"baseline `workbench --version`: {version * 1000:.0f} ms wall, {v_cpu * 1000:.0f} ms CPU (median of {runs}; "
          f"{'modules compiled every run' if args.no_pyc else 'bytecode cached'})")
    rows = Rows()

    if "cold" not in skip and (args.fresh or not (ws / ".workbench" / "library.json").exists()):
        shutil.rmtree(ws / ".workbench", ignore_errors=True)
        wall, rss, _ = cli(ws, "list", "--json")
        rows.append(("cold clean (all cores)", f"{wall / mb:.3f} s/MB", f"{wall:.1f} s, {os.cpu_count()} cpus"))
        sample = one_core_sample(ws)
        rows.append(("cold clean (one core, 300-article sample)", f"{sample:.3f} s/MB", ""))
        wall_idx, rss_idx, _ = cli(ws, "search", QUERY, "--json")
        warm, _, _ = cli(ws, "search", QUERY, "--json")
        rows.append(("cold index (first search - warm search)", f"{(wall_idx - warm) / mb:.3f} s/MB",
                     f"{wall_idx:.1f} s, peak {rss_idx} MB"))
    else:
        cli(ws, "list", "--json")
        cli(ws, "search", QUERY, "--json")

    if "list" not in skip:
        t_list, _ = median_of(runs, lambda: cli(ws, "list", "--json")[:2])
        rows.append(("warm list --json", f"{t_list / version:.2f}x --version", f"{t_list * 1000:.0f} ms; CPU "
                     f"{LAST_CPU[0] / v_cpu:.2f}x ({LAST_CPU[0] * 1000:.0f} ms)"))
    if "search" not in skip:
        t_search, rss = median_of(runs, lambda: cli(ws, "search", QUERY, "--json")[:2])
        rows.append(("warm search", f"{t_search / version:.2f}x --version", f"{t_search * 1000:.0f} ms, peak {rss} MB; "
                     f"CPU {LAST_CPU[0] / v_cpu:.2f}x ({LAST_CPU[0] * 1000:.0f} ms)"))
    if "highlight" not in skip:
        seed_annotations(ws, args.annotations)
        five = small_workspace()
        cli(five, "list", "--json")
        rng = random.Random(5)
        t_big, _ = median_of(runs, lambda: highlight_once(ws, rng))
        c_big = LAST_CPU[0]
        t_small, _ = median_of(runs, lambda: highlight_once(five, rng))
        c_small = LAST_CPU[0]
        rows.append((f"highlight ({args.annotations:,} annotations stored)", f"{t_big / t_small:.2f}x five-article",
                     f"{t_big * 1000:.0f} vs {t_small * 1000:.0f} ms; CPU {c_big / c_small:.2f}x "
                     f"({c_big * 1000:.0f} vs {c_small * 1000:.0f} ms)"))
        shutil.rmtree(five, ignore_errors=True)
    if "tui" not in skip:
        bare, _ = median_of(runs, lambda: tui_time(BARE))
        script = TUI.replace("REPO", repr(str(REPO))).replace("WS", repr(str(ws)))
        tui_time(script)
        shown, _ = median_of(runs, lambda: tui_time(script))
        rows.append(("tui: header count shown", f"{shown / bare:.2f}x bare Textual", f"{shown * 1000:.0f} vs "
                     f"{bare * 1000:.0f} ms"))


def search_only(args) -> None:
    """Cold and warm search at scale; in-process latency per kind of query (see the docstring)."""
    t = time.perf_counter()
    ws = generate(args.articles)
    mb = seeds_mb(ws)
    print(f"{args.articles:,} articles, {mb:.1f} MB of sources in {ws} (generated/reused in "
          f"{time.perf_counter() - t:.1f} s)")
    rows = Rows()
    version, _ = median_of(args.runs, lambda: cli(None, "--version")[:2])
    v_cpu = LAST_CPU[0]
    rows.append(("baseline `workbench --version`", f"{version * 1000:.0f} ms", f"CPU {v_cpu * 1000:.0f} ms"))
    if args.fresh:
        shutil.rmtree(ws / ".workbench", ignore_errors=True)
    if not (ws / ".workbench" / "library.json").exists():
        wall, rss, _ = cli(ws, "list", "--json")  # (the pool's workers are not this process: wall only)
        rows.append(("cold clean (all cores)", f"{wall / mb:.3f} s/MB", f"{wall:.1f} s, peak {rss} MB"))
    else:
        cli(ws, "list", "--json")
    if not (ws / ".workbench" / "search" / "index.pack").exists():
        wall_idx, rss_idx, _ = cli(ws, "search", QUERY, "--json")
        cpu_idx = CPU[-1]
        cli(ws, "search", QUERY, "--json")
        cpu_idx -= CPU[-1]  # minus a warm search: the indexing alone
        rows.append(("cold index (first - warm search, CPU)", f"{cpu_idx / mb:.3f} s/MB",
                     f"{wall_idx:.1f} s wall, peak {rss_idx} MB"))
    t_search, rss = median_of(args.runs, lambda: cli(ws, "search", QUERY, "--json")[:2])
    rows.append(("warm CLI search", f"{t_search / version:.2f}x --version",
                 f"{t_search * 1000:.0f} ms, peak {rss} MB; CPU {LAST_CPU[0] / v_cpu:.2f}x ({LAST_CPU[0] * 1000:.0f} ms)"))
    in_process_latency(ws, args.queries, rows)


def in_process_latency(ws: Path, per_kind: int, rows) -> None:
    import resource

    from search_bench import damage, hits_target, misquote, pct, pick_targets
    from synthlib import generate_articles

    from workbench.library import Library
    from workbench.search import open_index
    from workbench.workspace import Workspace

    t, c = time.perf_counter(), time.process_time()
    library = Library(Workspace(ws))
    index = open_index(library.workspace, library, progress=False)
    rows.append(("in-process warm load (library + index)", f"{(time.perf_counter() - t) * 1000:.0f} ms",
                 f"CPU {(time.process_time() - c) * 1000:.0f} ms"))
    rng = random.Random(18)
    articles = library.articles
    targets = pick_targets(articles, 2 * per_kind, rng)  # reads the texts of the articles it picks only
    kinds: dict[str, list[tuple[str, tuple | None]]] = {
        "misquote": [(misquote(text, rng), (a, s, e)) for a, s, e, text in targets[:per_kind]],
        "damaged": [(damage(text, rng), (a, s, e)) for a, s, e, text in targets[per_kind:]],
        "keywords": [(" ".join(rng.sample([w for w in text.split() if len(w) > 3] or text.split(), 2)), None)
                     for _, _, _, text in targets[:per_kind]],
        "absent": [],
    }
    for article in generate_articles(per_kind, seed=9_999, words=300):  # prose of the same kind, in no article
        body = " ".join(article.text[b.start:b.end] for b in article.blocks_of("paragraph"))
        sentence = next((x.strip() + "." for x in body.split(". ") if 8 <= len(x.split()) <= 30), None)
        if sentence:
            kinds["absent"].append((sentence, None))
    index.search("warm up the memo of this process", limit=10)
    every: list[float] = []
    for kind, queries in kinds.items():
        walls, cpus, right, absent_hits = [], [], 0, 0
        for query, target in queries:
            t, c = time.perf_counter(), time.process_time()
            hits = index.search(query, limit=10)
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
            if target is not None and hits and hits_target(hits[0], target):
                right += 1
            absent_hits += bool(hits)
        every += cpus
        extra = (f"recall@1 {right / max(1, len(queries)):.3f}" if kind in ("misquote", "damaged")
                 else f"{absent_hits}/{len(queries)} with a hit")
        rows.append((f"in-process search: {kind} ({len(queries)})", f"CPU p95 {pct(cpus, 95) * 1000:.1f} ms",
                     f"p50 {pct(cpus, 50) * 1000:.1f} ms; wall p50 {pct(walls, 50) * 1000:.1f} / p95 "
                     f"{pct(walls, 95) * 1000:.1f} ms; {extra}"))
    rows.append(("in-process search: all kinds", f"CPU p95 {pct(every, 95) * 1000:.1f} ms",
                 f"p50 {pct(every, 50) * 1000:.1f} ms; peak RSS of this process "
                 f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB"))
    again, walls = [], []  # the same queries again: their texts are read now (a session that went on)
    for queries in kinds.values():
        for query, _ in queries:
            t, c = time.perf_counter(), time.process_time()
            index.search(query, limit=10)
            walls.append(time.perf_counter() - t)
            again.append(time.process_time() - c)
    rows.append(("in-process search: all kinds, repeated", f"CPU p95 {pct(again, 95) * 1000:.1f} ms",
                 f"p50 {pct(again, 50) * 1000:.1f} ms; wall p95 {pct(walls, 95) * 1000:.1f} ms "
                 f"(texts already read, spelling look-ups remembered)"))


class Rows(list):
    """Each figure is printed as soon as it is measured (a long run may be cut short)."""

    def append(self, row: tuple[str, str, str]) -> None:
        super().append(row)
        name, ratio, raw = row
        print(f"  {name:44s}  {ratio:>22s}   {raw}", flush=True)


def one_core_sample(ws: Path, n: int = 300) -> float:
    """s/MB of cleaning `n` sources in this process (no pool, no cache)."""
    from workbench.library import build_article
    from workbench.library.bulk import gc_paused

    paths = sorted((ws / "seeds").iterdir())[:n]
    size = sum(p.stat().st_size for p in paths) / 1e6
    start = time.process_time()
    with gc_paused():
        for p in paths:
            build_article(p)
    return (time.process_time() - start) / size


if __name__ == "__main__":
    main()
