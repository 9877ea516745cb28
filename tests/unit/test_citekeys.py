"""Remembered cite keys (library/citekeys.py) are the keys citation.py computes: the same on an
unchanged library, recomputed when a title, an author, a date or an import record changes, and a
tampered file is data, not trust."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import orjson
import pytest

from workbench.library import Library
from workbench.library.citation import source_meta
from workbench.library.citekeys import summary_meta
from workbench.workspace import Workspace

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "export"


@pytest.fixture
def ws(workspace: Path) -> Workspace:
    shutil.copy(GOLDEN / "cited.md", workspace / "seeds" / "cited.md")
    shutil.copy(GOLDEN / "cited.md", workspace / "seeds" / "cited-copy.md")  # same key base: a suffix
    return Workspace(workspace)


def computed(ws: Workspace) -> list[dict]:
    """What citation.py says, from scratch, in `list` order."""
    library = Library(ws)
    summaries = library.summaries()
    meta = source_meta(library, [library.get(a["id"]) for a in summaries])
    return [meta[a["id"]].to_dict() for a in summaries]


def remembered(ws: Workspace) -> list[dict]:
    library = Library(ws)
    return summary_meta(library, library.summaries())


def cache(ws: Workspace) -> Path:
    return ws.state / "citekeys.json"


def test_remembered_keys_are_the_computed_ones(ws):
    first = remembered(ws)
    assert cache(ws).exists()
    assert first == computed(ws)
    assert {m["citekey"] for m in first} >= {"huseynov2025today", "huseynov2025todaya"}
    stamp = cache(ws).stat().st_mtime_ns
    assert remembered(ws) == first
    assert cache(ws).stat().st_mtime_ns == stamp  # read back, not written again


def test_a_changed_title_or_import_record_computes_them_again(ws):
    remembered(ws)
    source = ws.seeds / "cited-copy.md"
    source.write_text(source.read_text().replace("Today's grid", "Tomorrow's grid"))
    after_edit = remembered(ws)
    assert after_edit == computed(ws)
    assert {m["citekey"] for m in after_edit} >= {"huseynov2025today", "huseynov2025tomorrow"}
    # an import record for cited-copy: it was imported, so it is ordered after the hand-placed
    # one and gets an access day
    log = {"id": "cited", "source": "/elsewhere/cited.md", "sha256": "0" * 64, "imported": "2025-05-01T10:00:00+00:00"}
    (ws.state / "imports.log").write_text(json.dumps(log) + "\n")
    after_import = remembered(ws)
    assert after_import == computed(ws)
    assert [m["accessed"] for m in after_import if m["accessed"]] == ["2025-05-01"]


@pytest.mark.parametrize("tamper", [
    lambda keys: ["x"] * len(keys),  # not unique
    lambda keys: ["\x1b[31mred"] + keys[1:],  # an escape code
    lambda keys: keys[:-1],  # one short
    lambda keys: [1] + keys[1:],  # not text
])
def test_a_tampered_cache_is_computed_again(ws, tamper):
    good = remembered(ws)
    record = orjson.loads(cache(ws).read_bytes())
    record["keys"] = tamper(record["keys"])
    cache(ws).write_bytes(orjson.dumps(record))
    assert remembered(ws) == good
    assert orjson.loads(cache(ws).read_bytes())["keys"] == [m["citekey"] for m in good]


def test_a_damaged_cache_is_computed_again(ws):
    good = remembered(ws)
    cache(ws).write_bytes(b"{not json")
    assert remembered(ws) == good
