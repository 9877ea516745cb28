"""The pages that tie notes together: `index.md` and one `tags/<tag>.md` per tag.

Links are standard relative Markdown links (`../note.md#^blockid`), which Obsidian, most
static-site generators and GitHub follow; no wiki-links.
"""

from __future__ import annotations

from workbench.export.flavours import Flavour
from workbench.export.markdown_safety import hashtag, inline, plain
from workbench.export.render import OBSIDIAN, NoteLayout, quote_block, reading_order


def link(from_file: str, to_file: str, fragment: str = "") -> str:
    """Relative link destination from one exported file to another (both relative to the
    export folder, '/'-separated, no '..'; plain string work: posixpath.relpath is slow)."""
    here, there = from_file.split("/")[:-1], to_file.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    target = "/".join([".."] * (len(here) - common) + there[common:])
    return target + (f"#{fragment}" if fragment else "")


def _count(n: int, word: str = "highlight") -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def index_page(entries, tag_files: dict[str, str], tag_counts: dict[str, int],
               flavour: Flavour = OBSIDIAN) -> tuple[dict, str]:
    """entries: (article, file name, annotations) for every exported article."""
    total = sum(len(anns) for _, _, anns in entries)
    fm = {"title": "Workbench notes", "articles": len(entries), "highlights": total}
    logseq = flavour.logseq
    out = [] if logseq else ["# Workbench notes", ""]
    if not entries:
        out += [("- " if logseq else "") + "No highlights yet. Highlight a passage (`workbench highlight ID QUOTE`) "
                "and export again.", ""]
        return fm, "\n".join(out)
    item = "  - " if logseq else "- "
    out += [f"- {_count(total)} in {_count(len(entries), 'article')}.", "- Articles"] if logseq else \
        [f"{_count(total)} in {_count(len(entries), 'article')}.", "", "## Articles", ""]
    for article, name, anns in sorted(entries, key=lambda e: (plain(e[0].title).casefold(), e[0].id)):
        tags = sorted({hashtag(t) for a in anns for t in a.tags})
        extra = (" · " + " ".join(tags)) if tags else ""
        out.append(f"{item}[{inline(article.title) or inline(article.id)}]({link('index.md', name)}) — "
                   f"{_count(len(anns))}{extra}")
    if tag_files:
        out += ["- Tags"] if logseq else ["", "## Tags", ""]
        for tag in sorted(tag_files):
            out.append(f"{item}[{hashtag(tag)}]({link('index.md', tag_files[tag])}) — {_count(tag_counts[tag])}")
    out.append("")
    return fm, "\n".join(out)


def tag_page(tag: str, page: str, entries, ids: dict[str, dict[str, str]],
             layouts: dict[str, NoteLayout] | None = None, flavour: Flavour = OBSIDIAN) -> tuple[dict, str]:
    """Every highlight carrying `tag`, quoted, each linking to its block in the article note
    (Logseq: a `((uuid))` block reference, which shows the highlight itself).

    entries: (article, note file name, annotations with this tag) in index order.
    ids: article id → (annotation id → block id); layouts: article id → NoteLayout (reused).
    """
    count = sum(len(anns) for _, _, anns in entries)
    fm = {"tag": hashtag(tag)[1:], "highlights": count}
    back = f"{_count(count)}. Back to [the index]({link(page, 'index.md')})."
    out = [f"- {back}"] if flavour.logseq else [f"# Highlights tagged {hashtag(tag)}", "", back, ""]
    for article, name, anns in entries:
        layout = (layouts or {}).get(article.id) or NoteLayout(article)
        title = inline(article.title) or inline(article.id)
        for annotation in reading_order(anns):
            if flavour.logseq:
                out.append(f"- (({annotation.block_uuid})) — [{title}]({link(page, name)}), {layout.where(annotation)}")
                continue
            target = link(page, name, flavour.fragment(annotation, ids[article.id][annotation.id]))
            out += [quote_block(annotation.quote), "", f"— [{title}]({target}), {layout.where(annotation)}", ""]
    return fm, "\n".join(out)


def stale_page(flavour: Flavour = OBSIDIAN) -> str:
    """Managed block for a page whose highlights are gone but the user wrote in it."""
    text = "*No highlights here any more; workbench keeps this page because you wrote in it.*\n"
    return ("- " + text) if flavour.logseq else text
