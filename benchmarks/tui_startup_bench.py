"""TUI start-up vs a bare Textual app, on a workspace of N articles (default 1,000).

Each run is a fresh `python` process in headless mode, so imports count. Reported (median):
  first frame   process start → first screen painted (what the user waits for)
  list filled   → library + store loaded and the article list shown (thread worker)
  index ready   → search index loaded/built (second worker)
and the time per keystroke when filtering the article list (Pilot, in-process).
The workspace is built once (copies of the seeds, cleaned into the library cache) in
$TMPDIR/wb-bench-N and reused, so runs measure a warm start like an ordinary day.

    .venv/bin/python benchmarks/tui_startup_bench.py [--articles 1000] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE = r"""
import time, json, sys
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Header, Footer, OptionList
class Bare(App):
    def compose(self):
        yield Header(); yield OptionList(*[f"item {i}" for i in range(50)]); yield Footer()
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        self.exit(time.perf_counter() - t0)
print(json.dumps({"first_frame": Bare().run(headless=True, size=(160, 48))}))
"""

WORKBENCH = r"""
import time, json, sys
t0 = time.perf_counter()
sys.path.insert(0, REPO)
from workbench.tui.app import WorkbenchApp
from workbench.workspace import resolve_workspace
marks = {}
class Timed(WorkbenchApp):
    def on_mount(self):
        self.call_after_refresh(lambda: marks.setdefault("first_frame", time.perf_counter() - t0))
        super().on_mount()
        self.set_interval(0.005, self.check)
    def check(self):
        if self.loaded and "list_filled" not in marks:
            marks["list_filled"] = time.perf_counter() - t0
        if self.search_index is not None:
            marks["index_ready"] = time.perf_counter() - t0
            self.exit()
Timed(resolve_workspace(WS)).run(headless=True, size=(160, 48))
print(json.dumps(marks))
"""


def build_workspace(n: int) -> Path:
    root = Path(tempfile.gettempdir()) / f"wb-bench-v2-{n}"
    marker = root / ".built"
    if marker.exists():
        return root
    shutil.rmtree(root, ignore_errors=True)
    seeds = sorted((REPO / "seeds").iterdir())
    (root / "seeds").mkdir(parents=True)
    (root / "notes").mkdir()
    for i in range(n):
        src = seeds[i % len(seeds)]
        text = src.read_text(encoding="utf-8")
        # a distinct last line per copy so every article has its own text hash
        (root / "seeds" / f"{i:04d}_{src.stem}{src.suffix}").write_text(f"{text}\n\nCopy {i}.\n", encoding="utf-8")
    print(f"cleaning {n} articles once into the library cache …", file=sys.stderr)
    sys.path.insert(0, str(REPO))
    from workbench.library import Library
    from workbench.workspace import resolve_workspace

    library = Library(resolve_workspace(root))
    library.load()
    marker.write_text("ok")
    return root


def run(script: str) -> dict:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300, cwd=REPO)
    if out.returncode != 0:
        raise SystemExit(out.stderr[-2000:])
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    marks = json.loads(line)
    marks["process"] = time.perf_counter() - start
    return marks


FILTER = r"""
import asyncio, json, sys, time
sys.path.insert(0, REPO)
from workbench.tui.app import WorkbenchApp
from workbench.workspace import resolve_workspace

async def main():
    app = WorkbenchApp(resolve_workspace(WS))
    async with app.run_test(size=(160, 48)) as pilot:
        while not app.loaded:
            await pilot.pause(0.01)
        await pilot.pause()
        times = []
        for key in "azerbaijan" + "\b" * 10:
            start = time.perf_counter()
            await pilot.press("backspace" if key == "\b" else key)
            times.append(time.perf_counter() - start)
        times.sort()
        print(json.dumps({"filter_key_median": times[len(times) // 2], "filter_key_max": times[-1]}))
asyncio.run(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ws = build_workspace(args.articles)
    workbench = WORKBENCH.replace("REPO", repr(str(REPO))).replace("WS", repr(str(ws)))
    run(workbench)  # warm the search index cache and the OS file cache
    filtering = FILTER.replace("REPO", repr(str(REPO))).replace("WS", repr(str(ws)))
    results = {"bare textual": [run(BARE) for _ in range(args.runs)],
               f"workbench ({args.articles} articles)": [run(workbench) for _ in range(args.runs)]}
    print(f"median of {args.runs} runs (seconds from process start)")
    for name, runs in results.items():
        keys = [k for k in ("first_frame", "list_filled", "index_ready") if k in runs[0]]
        cells = "  ".join(f"{k.replace('_', ' ')} {statistics.median(r[k] for r in runs):6.3f}" for k in keys)
        print(f"  {name:28s} {cells}")
    keys = run(filtering)
    print(f"  filter keystroke (Pilot press → list updated): median {keys['filter_key_median'] * 1000:.0f} ms, "
          f"max {keys['filter_key_max'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
