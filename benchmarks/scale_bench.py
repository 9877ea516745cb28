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
    .venv/bin/python benchmarks/scale_bench.py --articles 100000 --search-only
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
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    runs = args.runs
    t = time.perf_counter()
    ws = generate(args.articles)
    mb = seeds_mb(ws)
    print(f"{args.articles:,} articles, {mb:.1f} MB of sources in {ws} (generated/reused in "
          f"{time.perf_counter() - t:.1f} s)")
    version, _ = median_of(runs, lambda: cli(None, "--version")[:2])
    v_cpu = LAST_CPU[0]
    print(f"baseline `workbench --version`: {version * 1000:.0f} ms wall, {v_cpu * 1000:.0f} ms CPU (median of {runs})")
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
