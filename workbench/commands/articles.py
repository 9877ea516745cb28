"""`workbench list` and `workbench show`: the library at a glance, and one clean article.

    workbench list [--json]
    workbench show ID [--json | --removed]

Rendering uses Rich `Text` objects only, never markup strings, so an article containing
"[bold]" or escape-like text is printed as written.
"""

from __future__ import annotations

import argparse

from workbench.commands import Context, print_json, warn
from workbench.errors import printable
from workbench.fsutil import gc_paused

READING_WIDTH = 96  # columns: long lines are hard to read, even on a wide terminal
REMOVED_PREVIEW = 60


def register(subparsers) -> None:
    p = subparsers.add_parser("list", help="list the articles in the library",
                              description="One row per article in WORKSPACE/seeds/.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run_list)

    p = subparsers.add_parser("show", help="read one clean article",
                              description="The cleaned article: title, byline, headings, paragraphs.")
    p.add_argument("id", metavar="ID", help="article id or any unique prefix (e.g. 001)")
    p.add_argument("--json", action="store_true", help="text, blocks with offsets, and what was removed")
    p.add_argument("--removed", action="store_true",
                   help="what the cleaner took out (menus, adverts, captions, …), each with its reason")
    p.set_defaults(func=run_show)


def _credit(article) -> str:
    """'Authors · Outlet' of an Article or of a summary record."""
    authors, outlet = (article["authors"], article["outlet"]) if isinstance(article, dict) else (article.authors,
                                                                                                article.outlet)
    people = ", ".join(authors)
    if people and outlet:
        return f"{people} · {outlet}"
    return people or outlet or ""


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    with gc_paused():  # a record per article, nothing to collect: at 10k collections cost ~5 % of `list`
        articles = ctx.library.summaries()  # the manifest alone: no article text is read
        for problem in ctx.library.problems:
            warn(problem)
        if args.json:
            from workbench.library.citekeys import summary_meta

            for record, meta in zip(articles, summary_meta(ctx.library, articles)):
                record.update(meta)
            # sources that failed to load are listed too, with their reason (and nothing else)
            print_json(articles + ctx.library.failures())
            return 0
    from rich.text import Text

    # Folder names are the user's: "[draft]" is not Rich markup, an escape code is not sent.
    if not articles:
        ctx.console.print(Text(f"No articles yet: put .txt, .md, .html, .pdf or .epub files in {printable(str(ctx.workspace.seeds))}"))
        return 0
    from rich.table import Table

    table = Table(title=Text(f"{len(articles)} article{'s' * (len(articles) != 1)} in {printable(ctx.workspace.name)}"),
                  title_justify="left", expand=False)
    # An id is long (slug + hash): in a narrow terminal it folds rather than squeezing the
    # title and author columns to nothing, and the date keeps its ten characters.
    table.add_column("id", style="cyan", overflow="fold", min_width=12)
    table.add_column("title", ratio=3, min_width=16)
    table.add_column("by", ratio=2, min_width=8)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("words", justify="right", no_wrap=True)
    for a in articles:
        title = Text(a["title"])
        if a["title_is_derived"]:
            title.stylize("italic")
            title.append(" (derived)", style="dim")
        table.add_row(Text(a["id"]), title, Text(_credit(a)), Text(a["date"] or "—"), f"{a['words']:,}")
    ctx.console.print(table)
    return 0


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    article = ctx.library.get(args.id)
    if args.json:
        from workbench.library.citekeys import summary_meta

        # the cite key is unique across the library: every summary takes part (no text is read),
        # in `list` order so both share the remembered keys
        summaries = ctx.library.summaries()
        at = next((i for i, a in enumerate(summaries) if a["id"] == article.id), len(summaries))
        summaries[at:at + 1] = [article.summary()]
        print_json({**article.to_dict(), **summary_meta(ctx.library, summaries)[at]})
        return 0
    console = ctx.console
    if args.removed:
        for renderable in render_removed(article):
            console.print(renderable, soft_wrap=True)
        return 0
    from rich.console import Group

    width = min(console.width, READING_WIDTH)
    # One print of the whole article: a print per block costs Rich's per-call work 100k times
    # for a book-sized text (a 4.8 MB article took 17 s, now ~3 s); the output is the same.
    console.print(Group(*render_article(article)), width=width)
    return 0


def render_article(article) -> list:
    """Rich renderables for the article, in reading order, with a header and a footer."""
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    styles = {
        "title": "bold underline", "subtitle": "italic", "byline": "dim", "heading": "bold cyan",
        "caption": "dim italic", "paragraph": "", "quote": "italic",
    }
    head: list = []
    body: list = []
    if article.title_is_derived:
        head += [Text.assemble((article.title, "bold"), ("  (title derived from the lead)", "dim italic")), Text("")]
    for block in article.blocks:
        text = Text(article.text[block.start:block.end], style=styles.get(block.kind, ""))
        target = head if block.kind in ("title", "subtitle", "byline") and not body else body
        if block.kind == "heading":
            target.append(Text(""))
        target.append(Padding(text, (0, 0, 0, 4), expand=False) if block.kind == "quote" else text)
        target.append(Text(""))
    tags = " ".join(f"#{tag}" for tag in article.tags)  # the source's own (front matter)
    meta = " · ".join(p for p in (_credit(article), article.date or "", tags, f"{article.words:,} words", article.id)
                      if p)
    out = [*head, Rule(Text(meta, style="dim"), align="left", style="dim"), Text(""), *body]
    if article.removed:
        kinds = sorted({r.kind for r in article.removed})
        out.append(Rule(style="dim"))
        out.append(Text(f"Cleaner removed {len(article.removed)} item(s): {', '.join(kinds)} "
                        f"(see `workbench show {article.id} --removed`)", style="dim"))
    return out


def render_removed(article) -> list:
    """One line per removed item, in the order the cleaner took them out: reason, then the text."""
    from rich.text import Text

    if not article.removed:
        return [Text(f"The cleaner removed nothing from {printable(article.id)}.")]
    width = max(len(r.kind) for r in article.removed)
    out = [Text(f"{len(article.removed)} item(s) removed from {printable(article.id)}:", style="bold")]
    for item in article.removed:
        out.append(Text.assemble((f"{item.kind:>{width}}  ", "dim"), printable(item.text)))
    return out
