"""Shared fixtures: a temporary workspace holding copies of the seeds, and a real CLI runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Shared, noisy machines: no per-example deadlines; in CI, a fixed seed so a run is repeatable.
settings.register_profile("workbench", deadline=None, suppress_health_check=[HealthCheck.too_slow],
                          derandomize=bool(os.environ.get("CI")))
settings.load_profile("workbench")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A fresh workspace folder with the five seeds copied into seeds/."""
    root = tmp_path / "ws"
    shutil.copytree(SEEDS, root / "seeds")
    (root / "notes").mkdir()
    return root


@pytest.fixture
def empty_workspace(tmp_path: Path) -> Path:
    root = tmp_path / "empty-ws"
    (root / "seeds").mkdir(parents=True)
    (root / "notes").mkdir()
    return root


def run_workbench(*args: str, workspace: Path | None = None, input: str | None = None,
                  env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real console entry point (`python -m workbench`) in a subprocess."""
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "120"}
    full_env.pop("WORKBENCH_WORKSPACE", None)
    full_env.pop("WORKBENCH_DEBUG", None)
    if env:
        full_env.update(env)
    cmd = [sys.executable, "-m", "workbench"]
    if workspace is not None:
        cmd += ["--workspace", str(workspace)]
    cmd += list(args)
    return subprocess.run(cmd, capture_output=True, text=True, input=input, env=full_env,
                          timeout=timeout, cwd=str(workspace or REPO))


@pytest.fixture
def cli():
    """`cli(*args, workspace=...)` → CompletedProcess of a real subprocess run."""
    return run_workbench
