"""A warm search reads what its query needs: the postings of its words, the texts it aligns.

A big library must not cost every search a read of every posting list or a stat of every
source, so these tests make everything else unreadable and check the answers do not change.
"""

from __future__ import annotations

import os
import random
from array import array
from pathlib import Path

from workbench.library import Library, LazyArticle
from workbench.search import open_index
from workbench.search.candidates import Candidates
from workbench.search.index import IndexData, build_segment
from workbench.search import packfile
from workbench.search.packfile import decode_pack, encode_pack
from workbench.workspace import Workspace


def _open(root: Path):
    ws = Workspace(root)
    library = Library(ws)
    return library, open_index(ws, library, progress=False)


def _two_words(library) -> str:
    """Two neighbouring long words of the first article (a short, keyword-style query)."""
    words = [w for w in library.articles[0].text.split() if w.isalpha() and len(w) > 6]
    return f"{words[0]} {words[1]}"


def _damage_postings(path: Path, keep: set[str]) -> None:
    """Every term's ids but `keep`'s out of range (as a crafted file could have them), rewritten."""
    meta, blobs = decode_pack(path.read_bytes())
    typed = {name: (view.format, bytes(view.cast("B"))) for name, view in blobs.items()}
    terms = typed["terms"][1].decode("utf-8").split("\n")
    counts, ids = array("I"), array("I")
    counts.frombytes(typed["counts"][1])
    ids.frombytes(typed["ids"][1])
    pos = 0
    for term, n in zip(terms, counts):
        if term not in keep:
            ids[pos:pos + n] = array("I", [0xFFFFFFF0] * n)
        pos += n
    typed["ids"] = ("I", ids.tobytes())
    path.write_bytes(encode_pack(meta, typed))


def test_a_warm_search_reads_the_postings_of_its_words_only(workspace: Path, monkeypatch):
    library, _ = _open(workspace)
    query = _two_words(library)
    expected = [h.to_dict() for h in _open(workspace)[1].search(query)]
    assert expected
    path = workspace / ".workbench" / "search" / "index.pack"
    keep = set(query.lower().split()) | {query.lower().replace(" ", "")}
    _damage_postings(path, keep)
    read: list[int] = []

    def counted(fd: int, size: int, offset: int) -> bytes:
        data = real(fd, size, offset)
        read.append(len(data))
        return data

    real = packfile._pread
    monkeypatch.setattr(packfile, "_pread", counted)
    _, index = _open(workspace)
    assert index.stats.loaded_merged
    assert [h.to_dict() for h in index.search(query)] == expected
    assert index.notices == []  # no damaged posting was read
    ids_bytes = len(decode_pack(path.read_bytes())[1]["ids"]) * 4
    assert sum(read) < path.stat().st_size - ids_bytes // 2  # most of the postings stayed on disk
    article = library.articles[0]  # a query needing the damaged postings: rebuilt once, same answer
    long_query = article.text[article.blocks[-1].start:article.blocks[-1].end][:120]
    hits = index.search(long_query)
    assert hits and hits[0].article == article.id
    assert len(index.notices) == 1 and "rebuilt" in index.notices[0]


def test_an_index_file_replaced_while_open_keeps_answering(workspace: Path):
    """The open index reads its own file: a cache another process rewrites is a new file."""
    library, _ = _open(workspace)
    _, index = _open(workspace)
    query = _two_words(library)
    path = workspace / ".workbench" / "search" / "index.pack"
    spare = path.with_name("spare")
    spare.write_bytes(b"WBPACK1\n" + b"\xff" * 64)
    os.replace(spare, path)  # what atomic_write does
    hits = index.search(query)
    assert hits and index.notices == []


def test_an_index_file_cut_short_while_open_is_rebuilt_not_fatal(workspace: Path):
    library, _ = _open(workspace)
    query = _two_words(library)
    _, index = _open(workspace)
    expected = [h.to_dict() for h in _open(workspace)[1].search(query)]
    path = workspace / ".workbench" / "search" / "index.pack"
    with open(path, "r+b") as fh:  # the same file, truncated: its postings are gone
        fh.truncate(4096)
    assert [h.to_dict() for h in index.search(query)] == expected
    assert len(index.notices) == 1 and "rebuilt" in index.notices[0]


def test_reading_a_lazy_text_gathers_no_library_evidence(workspace: Path):
    Library(Workspace(workspace)).load()  # caches and manifest written
    library = Library(Workspace(workspace))
    article = library.articles[0]
    assert isinstance(article, LazyArticle) and not article.loaded
    text = article.text
    assert library._evidence is None  # one text read: no stat of every source
    assert "blocks" not in article.__dict__  # the text alone was read (what search needs) …
    fresh = Library(Workspace(workspace)).get(article.id)
    assert text == fresh.text
    assert article.blocks == fresh.blocks and article.text == fresh.text  # … the rest when asked


def test_one_edit_neighbours_by_lookup_equal_a_scan_of_the_vocabulary():
    """Dictionary look-ups of every one-edit variant find what scanning the vocabulary finds."""
    rng = random.Random(7)
    letters = "abcdefghijklmnopqrstuvwxyzéüß"
    vocabulary = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(4000)}
    vocabulary |= {"café", "cafe", "naïve", "resume", "résumé"}
    words = sorted(vocabulary)

    class _Article:
        id, title, text_hash = "a", "a", "0" * 64

        def __init__(self, text: str) -> None:
            self.text = text
            self.blocks = [type("B", (), {"start": 0, "end": len(text)})()]

    data = IndexData()
    text = ". ".join(" ".join(words[i:i + 20]) for i in range(0, len(words), 20))
    data.add_segments([("a", build_segment(_Article(text)))])
    candidates = Candidates(data, lambda pid: (0, pid))
    typos = ["cafe", "cafè", "naive", "resumé", "rsume"]
    for word in rng.sample(words, 300):
        i = rng.randrange(len(word))
        typos += [word[:i] + word[i + 1:], word[:i] + rng.choice(letters) + word[i:],
                  word[:i] + rng.choice(letters) + word[i + 1:], word[:i] + word[i + 1:i + 2] + word[i] + word[i + 2:]]
    for typo in typos:
        for limit in (3, 4):
            assert candidates._looked_up(typo, limit) == candidates._scan(typo, 1, limit), typo
    assert ("café", 0.8) in candidates.neighbours("cafè", 1)


def test_seed_counts_in_arrays_rank_like_the_counter():
    """Counting a big query's seeds with numpy picks the same passages, in the same order."""
    from bisect import bisect_left
    from collections import Counter

    from workbench.search.seedcounts import ArrayCounts, CounterCounts, holding

    rng = random.Random(5)
    for _ in range(150):
        n = rng.randrange(40, 2000)
        owner = array("I", sorted(rng.randrange(8) for _ in range(n)))
        seeds = [memoryview(array("I", sorted(rng.sample(range(n), rng.randrange(1, n)))))
                 for _ in range(rng.randrange(1, 6))]
        slot = rng.choice([None, None, 3])
        counter: Counter = Counter()
        for post in seeds:
            counter.update(post)
        if slot is not None:
            counter = Counter({pid: c for pid, c in counter.items() if owner[pid] == slot})
        arrays = ArrayCounts.of(seeds, n, owner, slot, lambda: False)
        assert arrays is not None and bool(arrays) == bool(counter)
        if not counter:
            continue
        assert arrays.max() == max(counter.values())
        for k in (1, 5, 50, 250, 1000):
            need = rng.randrange(1, arrays.max() + 1)
            drop = (set(rng.sample(range(n), rng.randrange(0, 30))), set())
            assert arrays.top(k, need, drop) == CounterCounts(Counter(counter)).top(k, need, drop)
        assert all(arrays.get(pid) == counter.get(pid, 0) for pid in range(n))
        members = rng.sample(range(n), 30)
        post = seeds[0]
        assert holding(members, post) == [m for m in members
                                          if (i := bisect_left(post, m)) < len(post) and post[i] == m]


def test_a_warm_search_makes_only_the_articles_it_reads(workspace: Path):
    """Compared by text hashes: the library's articles are not all made for a search."""
    library, first = _open(workspace)
    query = _two_words(library)
    expected = [h.to_dict() for h in first.search(query)]
    fresh = Library(Workspace(workspace))
    index = open_index(fresh.workspace, fresh, progress=False)
    assert index.stats.loaded_merged
    assert [h.to_dict() for h in index.search(query)] == expected
    assert not fresh.loaded  # no article object per source …
    assert fresh.load()[expected[0]["article"]] is index.articles[expected[0]["article"]]  # … and one each


def test_short_query_and_in_arrays_finds_what_the_bisect_walk_finds():
    from bisect import bisect_left

    from workbench.search.seedcounts import holding_all

    def has(post, pid):
        k = bisect_left(post, pid)
        return k < len(post) and post[k] == pid

    rng = random.Random(9)
    for _ in range(100):
        n = rng.randrange(50, 20_000)
        owner = array("I", sorted(rng.randrange(9) for _ in range(n)))
        driver = _posting(rng, n)
        rest = [[_posting(rng, n) for _ in range(rng.randrange(1, 3))] for _ in range(rng.randrange(1, 4))]
        dead = set(rng.sample(range(n), rng.randrange(0, 50)))
        slot = rng.choice([None, 4])
        want = rng.choice([5, 800])
        walk = [pid for pid in driver if pid not in dead and (slot is None or owner[pid] == slot)
                and all(any(has(p, pid) for p in posts) for posts in rest)][:want]
        assert holding_all(driver, rest, dead, owner, slot, want, block=rng.choice([64, 4096])) == walk


def _posting(rng: random.Random, n: int) -> memoryview:
    return memoryview(array("I", sorted(rng.sample(range(n), rng.randrange(1, n)))))
