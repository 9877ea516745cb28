"""`references.bib` (BibTeX/BibLaTeX) and `references.json` (CSL-JSON) for pandoc citations.

One entry per article, keyed by its cite key (`workbench.library.citation`), in key order,
so the files are deterministic. Every value is article metadata — untrusted text — and is
escaped for its format: TeX specials in BibTeX values (braces always balanced), JSON via
the json module. An article with an outlet is an `@article` / `article-newspaper`; without
one an `@online` / `webpage`.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from workbench.export.markdown_safety import plain
from workbench.library.citation import split_name

if TYPE_CHECKING:
    from workbench.library.model import Article

BIB_FILE = "references.bib"
CSL_FILE = "references.json"
_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
        "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_TEX_RE = re.compile(r"[\\{}%&$#_^~]")
_URL_BAD = re.compile(r"[\s{}\\\"]")


def tex(text: str | None) -> str:
    return _TEX_RE.sub(lambda m: _TEX[m.group(0)], plain(text))


def _url(url: str | None) -> str | None:
    """A URL for a verbatim BibTeX field: characters that would end or break it percent-encoded."""
    value = plain(url)
    if not value:
        return None
    return _URL_BAD.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), value)


def _bib_name(name: str) -> str:
    given, family = split_name(plain(name))
    if not given:
        return "{" + tex(family) + "}"  # one word or an organisation: never split
    if re.search(r"\band\b", family + " " + given, re.IGNORECASE):
        return "{" + tex(f"{given} {family}") + "}"  # 'and' inside one name would split it
    return f"{tex(family)}, {tex(given)}"


def bibtex_entry(article: Article, meta) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + tex(article.title) + "}")]
    authors = [a for a in article.authors if plain(a)]
    if authors:
        fields.append(("author", " and ".join(_bib_name(a) for a in authors)))
    if plain(article.outlet):
        fields.append(("journaltitle", tex(article.outlet)))
        fields.append(("journal", tex(article.outlet)))
    if article.date:
        fields += [("date", tex(article.date)), ("year", tex(article.date[:4]))]
    url = _url(meta.url)
    if url:
        fields.append(("url", url))
    if meta.accessed:
        fields.append(("urldate", tex(meta.accessed)))
    kind = "article" if plain(article.outlet) else "online"
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{meta.citekey},\n{body}\n}}\n"


def _date_parts(iso: str | None) -> dict | None:
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", iso or "")
    return {"date-parts": [[int(g) for g in match.groups()]]} if match else None


def csl_item(article: Article, meta) -> dict:
    item: dict = {"id": meta.citekey, "type": "article-newspaper" if plain(article.outlet) else "webpage",
                  "title": plain(article.title)}
    authors = []
    for name in article.authors:
        given, family = split_name(plain(name))
        if family:
            authors.append({"family": family, "given": given} if given else {"literal": family})
    if authors:
        item["author"] = authors
    if plain(article.outlet):
        item["container-title"] = plain(article.outlet)
    if _date_parts(article.date):
        item["issued"] = _date_parts(article.date)
    if plain(meta.url):
        item["URL"] = plain(meta.url)
    if _date_parts(meta.accessed):
        item["accessed"] = _date_parts(meta.accessed)
    return item


def files(articles, meta: dict) -> dict[str, str]:
    """{file name: text} for references.bib and references.json."""
    ordered = sorted((a for a in articles if a.id in meta), key=lambda a: meta[a.id].citekey)
    bib = "\n".join(bibtex_entry(a, meta[a.id]) for a in ordered)
    csl = json.dumps([csl_item(a, meta[a.id]) for a in ordered], ensure_ascii=False, indent=2) + "\n"
    return {BIB_FILE: bib, CSL_FILE: csl}
