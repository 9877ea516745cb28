"""Crash-point sweep: kill a command at every file operation, then check what is left.

Each command (`highlight`, `delete`, `annotate`, `import`, `export`) is run in a forked
child (the real CLI entry point, `workbench.cli.main`) that dies with `os._exit` — like a
power cut or SIGKILL — at its N-th file operation (`fsutil`'s crash hook), for N = 1, 2, …
until it completes. After every crash:

- the store opens and holds either the state before the command or the state after it;
- `undo` takes back exactly the last change that is in the store (this command's change if
  it landed, else the highlight made before it);
- no half-written file: seeds copies and exported notes are the old or the new bytes;
- the next start removes the temp files left behind; re-running the command finishes it,
  and a re-import keeps the edited-copy protection (provenance recorded per file).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from workbench import fsutil
from workbench.library import Library
from workbench.store import open_store
from workbench.workspace import Workspace, resolve_workspace

pytestmark = pytest.mark.slow

EXTRA = ("Night trains are returning to European timetables after two decades of decline.\n\n"
         "Operators say sleeper demand has doubled since the pandemic, and new routes link "
         "Vienna, Berlin and Paris overnight.\n")


def _run_crashing(root: Path, args: list[str], crash_at: int) -> int:
    """Run the CLI in a forked child that dies at file operation `crash_at` (0 = never)."""
    pid = os.fork()
    if pid == 0:  # child
        code = 70
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            fsutil._crash_at, fsutil._ops = crash_at, 0
            from workbench.cli import main

            code = main(["--workspace", str(root), *args])
        except BaseException:  # noqa: BLE001
            code = 71
        finally:
            os._exit(code or 0)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


KNOWN: set[str] = set()  # ids made by the template; a highlight made by the command is "new"


def _state(root: Path) -> dict:
    store = open_store(Workspace(root))
    assert not [n for n in store.notices if "corrupt" in n], store.notices
    return {(a.id if a.id in KNOWN else "new"): (a.quote, a.note, a.color, tuple(a.tags)) for a in store.all()}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> dict:
    """A workspace with two highlights (A, then B), a warm article cache and an export made before B."""
    from tests.conftest import SEEDS

    root = tmp_path_factory.mktemp("crash") / "ws"
    shutil.copytree(SEEDS, root / "seeds")
    (root / "notes").mkdir()
    ws = Workspace(root)
    library = Library(ws)
    store = open_store(ws)
    articles = library.articles
    a = store.highlight_quote(articles[1], "Captive to None", tags=["policy"])
    assert _run_crashing(root, ["export"], 0) == 0  # before B: the swept export has files to write
    b = store.highlight_quote(articles[0], "Sovereignty First", note="first note", tags=["later"])
    KNOWN.update((a.id, b.id))
    extra = root.parent / "night-trains.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    return {"root": root, "a": a.id, "b": b.id, "extra": extra, "third": articles[2].id}


def _commands(t: dict) -> dict[str, list[str]]:
    return {
        "delete": ["delete", t["a"]],
        "annotate": ["annotate", t["a"], "--note", "changed note", "--add-tag", "later"],
        "import": ["import", str(t["extra"])],
        "export": ["export"],
    }


def _fresh(template: dict, where: Path) -> Path:
    if where.exists():
        shutil.rmtree(where)
    shutil.copytree(template["root"], where, symlinks=True)
    return where


@pytest.mark.parametrize("command", ["highlight", "delete", "annotate", "import", "export"])
def test_kill_at_every_file_operation(template, tmp_path, command):
    args = _commands(template).get(command)
    if command == "highlight":  # a quote that occurs in the third article
        library = Library(Workspace(template["root"]))
        words = library.get(template["third"]).text.split("\n\n")[-1].split()[:6]
        args = ["highlight", template["third"], " ".join(words), "--occurrence", "1"]
    before = _state(template["root"])
    only_a = {template["a"]: before[template["a"]]}
    done = _fresh(template, tmp_path / "done")
    assert _run_crashing(done, args, 0) == 0
    after = _state(done)
    after_notes = _files(done / "notes")
    crash_points = 0
    for n in range(1, 400):
        root = _fresh(template, tmp_path / "ws")
        old_notes = _files(root / "notes")
        code = _run_crashing(root, args, n)
        if code != fsutil.CRASH_EXIT:
            assert code == 0, f"{command} exited {code} at crash point {n}"
            assert _state(root) == after
            break
        crash_points += 1
        state = _state(root)
        assert state in (before, after), f"{command}, crash at op {n}: store is neither before nor after"
        # no half-written copies or notes
        for name, data in _files(root / "notes").items():
            if not name.startswith(".") and "/." not in name:
                assert data in (old_notes.get(name), after_notes.get(name)), (command, n, name)
        for seed in (root / "seeds").iterdir():
            if not seed.name.startswith(".") and seed.name not in {p.name for p in (template["root"] / "seeds").iterdir()}:
                assert seed.read_bytes() == EXTRA.encode("utf-8"), (command, n)
        # the next start clears temp files of the dead writer
        resolve_workspace(root)
        for folder in ("seeds", "notes"):
            assert not [p for p in (root / folder).iterdir() if p.name.endswith(".tmp")], (command, n)
        # undo takes back exactly the last change that is in the store
        message = open_store(Workspace(root)).undo()
        assert message.startswith("undid "), message
        expected = before if (state == after and state != before) else only_a
        assert _state(root) == expected, f"{command}, crash at op {n}: undo took back the wrong change"
        if command == "import":  # re-running finishes the job and keeps the edited-copy protection
            assert _run_crashing(root, args, 0) == 0
            copy = next(p for p in (root / "seeds").glob("night-trains*"))
            copy.write_text(EXTRA + "\nMy own addition.\n", encoding="utf-8")
            assert _run_crashing(root, args, 0) == 0
            assert copy.read_text(encoding="utf-8").endswith("My own addition.\n"), f"edited copy lost (op {n})"
    else:
        pytest.fail(f"{command} never completed")
    assert crash_points >= 5, f"{command}: only {crash_points} file operations seen"
    print(f"{command}: {crash_points} crash points", file=sys.stderr)
