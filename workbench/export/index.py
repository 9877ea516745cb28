"""The pages that tie notes together: `index.md` and one `tags/<tag>.md` per tag.

Links are standard relative Markdown links (`../note.md#^blockid`), which Obsidian, most
static-site generators and GitHub follow; no wiki-links.
"""

from __future__ import annotations

import posixpath

from workbench.export.markdown_safety import block_lines, hashtag, inline, plain
from workbench.export.render import Layout, reading_order


def link(from_file: str, to_file: str, fragment: str = "") -> str:
    """Relative link destination from one exported file to another."""
    target = posixpath.relpath(to_file, posixpath.dirname(from_file) or ".")
    return target + (f"#{fragment}" if fragment else "")


def _count(n: int, word: str = "highlight") -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def index_page(entries, tag_files: dict[str, str], tag_counts: dict[str, int]) -> tuple[dict, str]:
    """entries: (article, file name, annotations) for every exported article."""
    total = sum(len(anns) for _, _, anns in entries)
    fm = {"title": "Workbench notes", "articles": len(entries), "highlights": total}
    out = ["# Workbench notes", ""]
    if not entries:
        out += ["No highlights yet. Highlight a passage (`workbench highlight ID QUOTE`) and export again.", ""]
        return fm, "\n".join(out)
    out += [f"{_count(total)} in {_count(len(entries), 'article')}.", "", "## Articles", ""]
    for article, name, anns in sorted(entries, key=lambda e: (plain(e[0].title).casefold(), e[0].id)):
        tags = sorted({hashtag(t) for a in anns for t in a.tags})
        extra = (" · " + " ".join(tags)) if tags else ""
        out.append(f"- [{inline(article.title) or inline(article.id)}]({link('index.md', name)}) — {_count(len(anns))}{extra}")
    if tag_files:
        out += ["", "## Tags", ""]
        for tag in sorted(tag_files):
            out.append(f"- [{hashtag(tag)}]({link('index.md', tag_files[tag])}) — {_count(tag_counts[tag])}")
    out.append("")
    return fm, "\n".join(out)


def tag_page(tag: str, page: str, entries, ids: dict[str, dict[str, str]]) -> tuple[dict, str]:
    """Every highlight carrying `tag`, quoted, each linking to its block in the article note.

    entries: (article, note file name, annotations with this tag) in index order.
    ids: article id → (annotation id → block id).
    """
    count = sum(len(anns) for _, _, anns in entries)
    fm = {"tag": hashtag(tag)[1:], "highlights": count}
    out = [f"# Highlights tagged {hashtag(tag)}", "", f"{_count(count)}. Back to [the index]({link(page, 'index.md')}).", ""]
    for article, name, anns in entries:
        layout = Layout(article)
        title = inline(article.title) or inline(article.id)
        for annotation in reading_order(anns):
            out += [("> " + line) if line else ">" for line in block_lines(annotation.quote)] or ["> …"]
            where = layout.locate(annotation).describe()
            target = link(page, name, "^" + ids[article.id][annotation.id])
            out += ["", f"— [{title}]({target}), {where}", ""]
    return fm, "\n".join(out)


def stale_page() -> str:
    """Managed block for a page whose highlights are gone but the user wrote in it."""
    return "*No highlights here any more; workbench keeps this page because you wrote in it.*\n"
