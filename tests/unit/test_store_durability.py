"""Real processes: SIGKILL a writer at random moments; run writers side by side.

Every save a writer acknowledged (printed after `add_highlight` returned) must be in the
store afterwards, and the store must open without any corruption notice.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.store import open_store
from workbench.workspace import Workspace
from tests.conftest import REPO, SEEDS

WRITER = r"""
import sys
from pathlib import Path
from workbench.library.model import Article
from workbench.store import open_store
from workbench.workspace import Workspace

root, tag, count, ids, text_file = sys.argv[1:6]
count = int(count)
text = Path(text_file).read_text(encoding="utf-8")
articles = [Article(id=i, path=Path(i), title=i, title_is_derived=True, text=text, blocks=[]) for i in ids.split(",")]
store = open_store(Workspace(Path(root)))
mine = []
i = 0
while count < 0 or i < count:
    start = (i * 37) % (len(text) - 60)
    ann = store.add_highlight(articles[i % len(articles)], start, start + 40, tags=[tag], note=f"{tag}:{i}",
                              allow_duplicate=True)  # spans recur on purpose: every save counts
    mine.append(ann.id)
    print("A", ann.id, ann.note, flush=True)
    if i % 3 == 2:
        target = mine[i // 2]
        store.update(target, note=f"{tag}:{i}:u")
        print("U", target, f"{tag}:{i}:u", flush=True)
    i += 1
"""

READER = r"""
import sys, os
from pathlib import Path
from workbench.store import open_store
from workbench.workspace import Workspace

root, stop = sys.argv[1:3]
reads = problems = 0
store = open_store(Workspace(Path(root)))
while not os.path.exists(stop):
    try:
        store.all()
        open_store(Workspace(Path(root))).all()
        problems += len(store.notices)
        store.notices.clear()
    except Exception as exc:
        problems += 1
        print("ERR", type(exc).__name__, exc, flush=True)
    reads += 1
print("READS", reads, problems, flush=True)
"""

TEXT = SEEDS / "000_7fe54f432c3a38c8.txt"


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def _spawn(root: Path, tag: str, count: int, articles: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(root), tag, str(count), articles, str(TEXT)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())


def _acks(stdout: str) -> tuple[dict[str, str], dict[str, str]]:
    """(added id → note, updated id → last acknowledged note) from complete lines only."""
    added: dict[str, str] = {}
    updated: dict[str, str] = {}
    for line in stdout.splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        kind, ann_id, note = line.split()
        (added if kind == "A" else updated)[ann_id] = note
    return added, updated


def _counter(note: str) -> tuple[int, int]:
    parts = note.split(":")
    return int(parts[1]), len(parts)


def test_sigkill_at_random_moments_loses_no_acknowledged_save(tmp_path):
    root = tmp_path / "ws"
    ws = Workspace(root)
    rng = random.Random(int(os.environ.get("WORKBENCH_CRASH_SEED", "20261124")))
    acked: dict[str, str] = {}
    last_note: dict[str, str] = {}
    kills, mid_write = 25, 0
    for round_no in range(kills):
        proc = _spawn(root, f"r{round_no}", -1, "alpha,beta,gamma")
        first = ""
        if round_no % 3:  # two rounds in three: kill mid-stream, after the first acknowledged save
            first = proc.stdout.readline()
            time.sleep(rng.uniform(0.0, 0.3))
        else:  # every third: at any moment, including while the store is being opened
            time.sleep(rng.uniform(0.05, 0.5))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=30)
        out = first + out
        assert proc.returncode == -signal.SIGKILL, err
        added, updated = _acks(out)
        acked.update(added)
        last_note.update(updated)
        folder = root / ".workbench" / "store" / "annotations"
        mid_write += any(p.name.endswith(".tmp") for p in folder.iterdir()) if folder.exists() else 0
        store = open_store(ws)  # a new process's view: must open cleanly
        assert store.notices == []
        stored = {a.id: a for a in store.all()}
        missing = set(acked) - set(stored)
        assert not missing, f"round {round_no}: {len(missing)} acknowledged saves lost"
        for ann_id, note in last_note.items():
            # an update may have landed without its acknowledgement, never the reverse
            assert _counter(stored[ann_id].note) >= _counter(note), (ann_id, stored[ann_id].note, note)
        assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]  # stale temp files cleaned
    assert len(acked) > kills  # the writers really wrote
    print(f"\n{kills} SIGKILLs, {len(acked)} acknowledged saves, all present; "
          f"{mid_write} kills left a half-written temp file")


@pytest.mark.parametrize("writers", [3])
def test_concurrent_writers_lose_nothing_and_readers_never_see_half_files(tmp_path, writers):
    root = tmp_path / "ws"
    ws = Workspace(root)
    open_store(ws)
    stop = tmp_path / "stop"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(root), str(stop)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=_env())
    procs = [_spawn(root, f"w{n}", 30, "shared,shared,own" + str(n)) for n in range(writers)]
    results = [p.communicate(timeout=120) for p in procs]
    stop.write_text("stop")
    reader_out, reader_err = reader.communicate(timeout=60)
    expected: dict[str, str] = {}
    for proc, (out, err) in zip(procs, results):
        assert proc.returncode == 0, err
        added, updated = _acks(out)
        assert len(added) == 30
        expected.update(added)
        expected.update(updated)
    stored = {a.id: a for a in open_store(ws).all()}
    assert len(stored) == writers * 30
    assert {i: a.note for i, a in stored.items()} == expected
    assert len(open_store(ws).all(article="shared")) == writers * 20
    assert reader.returncode == 0, reader_err
    reads, problems = reader_out.split("READS")[1].split()
    assert "ERR" not in reader_out and int(problems) == 0, reader_out
    assert int(reads) > 0
