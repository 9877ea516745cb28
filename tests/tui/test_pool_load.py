"""A library big enough to be cleaned by the process pool loads in the real TUI.

Under Textual sys.stderr is a capture whose fileno() is -1; multiprocessing handed that to its
resource tracker and the load died with "bad value(s) in fds_to_keep". This runs the real app
in its own process (the tracker is per process: an earlier test must not have started it)."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.library.bulk import POOL_MIN_BYTES, POOL_MIN_FILES, cpu_count

REPO = Path(__file__).resolve().parents[2]

APP = r"""
import json, sys
from workbench.tui import guard
from workbench.tui.app import WorkbenchApp
from workbench.workspace import resolve_workspace
errors = []
guard.listen(lambda what, exc: errors.append(f"{what}: {exc!r}"))
class Loaded(WorkbenchApp):
    def on_mount(self):
        super().on_mount()
        self.set_interval(0.05, self.check)
    def check(self):
        if self.loaded or errors:
            self.exit({"sub_title": self.sub_title, "errors": errors, "problems": self.library.problems})
print(json.dumps(Loaded(resolve_workspace(sys.argv[1])).run(headless=True, size=(120, 40))))
"""


@pytest.mark.slow
@pytest.mark.skipif(cpu_count() < 2, reason="one CPU: the library is cleaned in-process")
def test_a_library_cleaned_by_the_pool_loads_in_the_tui(workspace: Path):
    seeds = workspace / "seeds"
    words = " ".join(p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))).split()
    n = max(POOL_MIN_FILES, 16)
    rng = random.Random(15)
    for i in range(n):  # distinct prose (shuffled words), so nothing else has much to find in it
        paragraphs = []
        while sum(map(len, paragraphs)) < POOL_MIN_BYTES // n + 1000:
            sentences = [" ".join(rng.sample(words, 12)).capitalize() + "." for _ in range(5)]
            paragraphs.append(" ".join(sentences))
        (seeds / f"bulk{i:02d}.txt").write_text(f"Report number {i}\n\n" + "\n\n".join(paragraphs) + "\n",
                                               encoding="utf-8")
    assert sum(p.stat().st_size for p in seeds.iterdir()) >= POOL_MIN_BYTES
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, "-c", APP, str(workspace)], capture_output=True, text=True, timeout=300,
                         cwd=REPO, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["errors"] == [] and result["problems"] == []
    assert result["sub_title"] == f"{len(list(seeds.iterdir()))} articles"
