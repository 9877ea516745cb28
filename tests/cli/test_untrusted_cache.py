"""A workspace is untrusted: nothing in its caches may run code or reach the terminal.

Each test crafts what an attacker could leave in `.workbench/` and runs the real CLI.
"""

from __future__ import annotations

import pickle
from array import array
from pathlib import Path

import orjson

from workbench.search.packfile import decode_pack, encode_pack

QUERY = "exactly where the new climate money is going"


class _Boom:
    """Pickles to a call of os.system: what a crafted index.pkl would carry."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        import os

        return (os.system, (f"touch {self.marker}",))


def _first_hit(cli, workspace: Path, query: str):
    result = cli("search", query, "--json", "--limit", "1", workspace=workspace)
    assert result.returncode == 0, result.stderr
    return orjson.loads(result.stdout), result.stderr


def _a_query(workspace: Path) -> str:
    from workbench.library import Library
    from workbench.workspace import Workspace

    article = Library(Workspace(workspace)).articles[0]
    block = max(article.blocks, key=lambda b: b.end - b.start)
    return article.text[block.start:block.end][:100]


def test_a_pickle_in_the_search_cache_is_never_loaded(cli, workspace: Path, tmp_path: Path):
    marker = tmp_path / "pwned"
    cache = workspace / ".workbench" / "search"
    (cache / "segments").mkdir(parents=True)
    payload = pickle.dumps(_Boom(marker))
    (cache / "index.pkl").write_bytes(payload)
    (cache / "segments" / "shard-00.pkl").write_bytes(payload)
    (cache / "index.pack").write_bytes(payload)  # a pickle under the new name is no better
    query = _a_query(workspace)
    for command in (["search", query], ["check", str(workspace / "seeds" / sorted(
            p.name for p in (workspace / "seeds").iterdir())[0])]):
        result = cli(*command, workspace=workspace)
        assert result.returncode in (0, 1), result.stderr
        assert "Traceback" not in result.stderr
    assert not marker.exists()
    assert not (cache / "index.pkl").exists() and not (cache / "segments" / "shard-00.pkl").exists()


def _rewrite_pack(path: Path, change) -> None:
    meta, blobs = decode_pack(path.read_bytes())
    typed = {name: (view.format, bytes(view.cast("B"))) for name, view in blobs.items()}
    change(meta, typed)
    path.write_bytes(encode_pack(meta, typed))


def _out_of_range_ids(meta, blobs):
    ids = array("I")
    ids.frombytes(blobs["ids"][1])
    ids[:] = array("I", [0xFFFFFFF0] * len(ids))
    blobs["ids"] = ("I", ids.tobytes())


def _bad_id_before_a_good_last_one(meta, blobs):
    ids, counts = array("I"), array("I")
    ids.frombytes(blobs["ids"][1])
    counts.frombytes(blobs["counts"][1])
    pos = 0
    for n in counts:  # the first id of every term out of range, its last (largest) one fine
        if n >= 2:
            ids[pos] = 0xFFFFFFF0
        pos += n
    blobs["ids"] = ("I", ids.tobytes())


def _passages_past_the_text(meta, blobs):
    ends = array("I")
    ends.frombytes(blobs["p_end"][1])
    ends[:] = array("I", [10_000_000] * len(ends))  # checked when a search reads a passage
    blobs["p_end"] = ("I", ends.tobytes())


def _manifest_of_strings(meta, blobs):
    meta["ids"] = [5] * len(meta["ids"])


def _slot_past_the_passages(meta, blobs):
    his = array("I")
    his.frombytes(blobs["slot_hi"][1])
    his[-1] = 10_000_000
    blobs["slot_hi"] = ("I", his.tobytes())


def _owner_out_of_range(meta, blobs):
    owners = array("I")
    owners.frombytes(blobs["p_article"][1])
    owners[:] = array("I", [99_999] * len(owners))  # checked where a search reads a passage's owner
    blobs["p_article"] = ("I", owners.tobytes())


def _escape_in_terms(meta, blobs):
    text = blobs["terms"][1].decode("utf-8").split("\n")
    text[0] = "\x1b]0;pwned\x07"
    blobs["terms"] = ("B", "\n".join(text).encode("utf-8"))


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def test_crafted_index_files_are_rebuilt_with_one_notice(cli, workspace: Path):
    query = _a_query(workspace)
    expected, stderr = _first_hit(cli, workspace, query)
    assert expected and stderr == ""
    index = workspace / ".workbench" / "search" / "index.pack"
    for damage in (_out_of_range_ids, _passages_past_the_text, _manifest_of_strings, _slot_past_the_passages,
                   _owner_out_of_range, _escape_in_terms, _truncated):
        if damage is _truncated:
            damage(index)
        else:
            _rewrite_pack(index, damage)
        hits, stderr = _first_hit(cli, workspace, query)
        assert hits == expected, damage.__name__
        notices = [line for line in stderr.splitlines() if line]
        assert len(notices) == 1 and notices[0].startswith("warning: search cache"), (damage.__name__, stderr)
        again, stderr = _first_hit(cli, workspace, query)  # rebuilt: quiet again
        assert again == expected and stderr == "", damage.__name__


def test_a_bad_id_inside_a_posting_list_never_breaks_a_search(cli, workspace: Path):
    """Only each term's last id is checked up front; a bad one before it is ignored by the
    engine or, where it would be used, makes the cache rebuild once — never a crash."""
    query = _a_query(workspace)
    expected, _ = _first_hit(cli, workspace, query)
    _rewrite_pack(workspace / ".workbench" / "search" / "index.pack", _bad_id_before_a_good_last_one)
    for q in (query, "Azerbaijan", "sovereignty of the state", "the"):
        result = cli("search", q, "--json", workspace=workspace)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert all(line.startswith("warning: search cache") for line in result.stderr.splitlines())
    assert _first_hit(cli, workspace, query)[0] == expected


def test_crafted_shards_are_rebuilt_not_trusted(cli, workspace: Path):
    query = _a_query(workspace)
    expected, _ = _first_hit(cli, workspace, query)
    cache = workspace / ".workbench" / "search"
    for shard in (cache / "segments").glob("*.pack"):
        def bad(meta, blobs):
            ids = array("I")
            ids.frombytes(blobs["ids"][1])
            if len(ids):
                ids[0] = 0xFFFFFFF0
            blobs["ids"] = ("I", ids.tobytes())
        _rewrite_pack(shard, bad)
    (cache / "index.pack").unlink()  # the merged index must now come from the shards
    hits, stderr = _first_hit(cli, workspace, query)
    assert hits == expected
    assert len(stderr.splitlines()) == 1 and "search cache" in stderr


def test_escape_codes_in_the_article_cache_never_reach_the_terminal(cli, workspace: Path):
    assert cli("list", workspace=workspace).returncode == 0
    cache = workspace / ".workbench" / "cache" / "articles"
    files = sorted(cache.glob("*.json"))
    assert files
    for path in files:
        record = orjson.loads(path.read_bytes())
        record["article"]["title"] = "\x1b]0;pwned\x07\x1b[31mRED"
        record["article"]["text"] = "\x1b[2J" + record["article"]["text"]
        path.write_bytes(orjson.dumps(record))
    result = cli("list", workspace=workspace)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "pwned" not in result.stdout
    shown = cli("show", files[0].stem, workspace=workspace)
    assert "\x1b" not in shown.stdout


def test_out_of_range_blocks_in_the_article_cache_are_recleaned(cli, workspace: Path):
    assert cli("list", workspace=workspace).returncode == 0
    path = sorted((workspace / ".workbench" / "cache" / "articles").glob("*.json"))[0]
    record = orjson.loads(path.read_bytes())
    good = cli("show", path.stem, "--json", workspace=workspace).stdout
    for blocks in ([{"kind": "paragraph", "start": 0, "end": 10 ** 9}], [{"kind": "evil", "start": 0, "end": 1}],
                   [{"kind": "paragraph", "start": "0", "end": 1}], "nope"):
        record["article"]["blocks"] = blocks
        path.write_bytes(orjson.dumps(record))
        shown = cli("show", path.stem, "--json", workspace=workspace)
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout == good
