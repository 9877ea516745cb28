"""What a citation needs: the source's URL, when it was accessed, and a stable cite key.

`url` comes from the article (canonical link, og:url, front matter, a PDF's link);
`accessed` is the day the source was imported (the import record in .workbench/imports.json;
None for a file put into seeds/ by hand). The cite key follows Better BibTeX's classic
pattern — first author's family name, year, first significant title word, all lower-case
ASCII (`huseynov2025today`) — and is unique in the workspace: a clash gets `a`, `b`, … in
the order the articles were imported (then by id), so a key never changes when a newer
article arrives. Pure functions of the library + import records: no state of their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter

from workbench.library.provenance import Provenance

# Words Better BibTeX skips when it picks the title word (English function words).
_SKIP = frozenset("""a an the and or but nor for so yet of on in at to by from with into onto upon as
is are was were be been this that these those its it his her their our your my we you they how
why what when where who which whom than then there here not no""".split())
_PARTICLES = frozenset("von van der den de del della di da du le la ter ten".split())


@dataclass(frozen=True)
class SourceMeta:
    url: str | None
    accessed: str | None  # YYYY-MM-DD
    citekey: str

    def to_dict(self) -> dict:
        return {"url": self.url, "accessed": self.accessed, "citekey": self.citekey}


_NOT_KEY = re.compile(r"[^a-z0-9]")
_WORD_SPLIT = re.compile(r"[\W_]+")
_LETTER_FIRST = re.compile(r"[a-z]")


@lru_cache(maxsize=65536)  # `list` computes every key: names and title words repeat across a library
def ascii_word(text: str) -> str:
    """`Hüseynov` → `huseynov`: accents folded, anything but a-z0-9 dropped."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_KEY.sub("", folded.lower())


def split_name(name: str) -> tuple[str, str]:
    """(given, family) for `Ada Lovelace`, `Lovelace, Ada`, `Ludwig van Beethoven`; a single
    word (an organisation, a pen name) is all family."""
    name = " ".join(name.split())
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return given, family
    words = name.split(" ")
    if len(words) == 1:
        return "", name
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


@lru_cache(maxsize=65536)
def _family_key(name: str) -> str:
    family = split_name(name)[1]
    words = [w for w in family.split() if w.lower() not in _PARTICLES] or family.split()
    return ascii_word("".join(words))


def base_key(article) -> str:
    """The cite key before disambiguation (never empty)."""
    return _base_key(article.id, article.title, article.authors, article.date)


def _base_key(article_id: str, title: str | None, authors, date: str | None) -> str:
    author = next(filter(None, map(_family_key, authors)), "")
    year = date[:4] if date and date[:4].isdigit() else ""
    word = ""
    for raw in _WORD_SPLIT.split(title or ""):
        candidate = ascii_word(raw)
        if candidate and candidate not in _SKIP:
            word = candidate
            break
    key = author + year + word
    return key if _LETTER_FIRST.match(key) else ("ref" + key if key else "ref" + (ascii_word(article_id) or "x"))


def _suffix(n: int) -> str:
    """1 → a, 26 → z, 27 → aa, …"""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(97 + rest) + out
    return out


def assign_keys(articles, accessed: dict[str, str | None]) -> dict[str, str]:
    """Article id → unique cite key (see the module docstring for the order of suffixes)."""
    return _assign_keys([(a.id, a.title, a.authors, a.date) for a in articles], accessed)


def _assign_keys(rows: list[tuple], accessed: dict[str, str | None]) -> dict[str, str]:
    """`assign_keys` of (id, title, authors, date) rows."""
    if any(accessed.values()):
        order = sorted(rows, key=lambda row: (accessed.get(row[0]) or "", row[0]))
    else:  # nothing imported: the order is the ids' (the same as above, without a tuple per row)
        order = sorted(rows, key=itemgetter(0))
    taken: set[str] = set()
    keys: dict[str, str] = {}
    tried: dict[str, int] = {}  # base → last suffix number taken: n clashes cost n steps, not n²
    for row in order:
        base = _base_key(*row)
        n = tried.get(base, 0)
        key = base if n == 0 else base + _suffix(n)
        while key in taken:
            n += 1
            key = base + _suffix(n)
        taken.add(key)
        tried[base] = n
        keys[row[0]] = key
    return keys


def source_meta(library, articles=None) -> dict[str, SourceMeta]:
    """Article id → SourceMeta for every article in the library (or for `articles`: any objects
    with id, title, authors, date, url — `list` passes its summaries, so no article is built)."""
    articles = library.articles if articles is None else articles
    records = Provenance(library.workspace).records
    # the full timestamp orders imports; the day is what a citation shows
    stamps = {a.id: (records[a.id].imported if a.id in records else None) for a in articles}
    keys = assign_keys(articles, stamps)
    return {a.id: SourceMeta(url=a.url, accessed=_day(stamps[a.id]), citekey=keys[a.id]) for a in articles}


def _day(stamp: str | None) -> str | None:
    if stamp and re.match(r"^\d{4}-\d{2}-\d{2}", stamp):
        return stamp[:10]
    return None
