"""`workbench echoes`: passages that appear, exactly or nearly, in two or more articles.

    workbench echoes [--min-words N] [--article ID] [--json]

JSON: an array of groups `{text, words, members: [{article, title, start, end, text}]}`,
largest first (most members, then most words); `start`/`end` are offsets into each
article's clean text. Without --json, a Rich table of Text objects (never markup).
"""

from __future__ import annotations

import argparse

from workbench.commands import Context, print_json, warn
from workbench.errors import UsageError, printable
from workbench.textnorm import strip_control

PREVIEW = 160


def register(subparsers) -> None:
    from workbench.echoes import DEFAULT_MIN_WORDS

    p = subparsers.add_parser(
        "echoes", help="passages repeated across articles (syndicated copy, talking points)",
        description="Passages of at least N words that appear, exactly or nearly (a word changed, "
                    "punctuation, quote marks, dashes), in two or more different articles. Repeats "
                    "inside one article and lines recurring in most articles of one outlet are not echoes.")
    p.add_argument("--min-words", type=int, default=DEFAULT_MIN_WORDS, metavar="N",
                   help=f"shortest passage, in words (default {DEFAULT_MIN_WORDS})")
    p.add_argument("--article", metavar="ID", help="only groups with a member in this article (id or unique prefix)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.echoes import LOWEST_MIN_WORDS, find_echoes

    if args.min_words < LOWEST_MIN_WORDS:
        raise UsageError(f"--min-words must be at least {LOWEST_MIN_WORDS}")
    library = ctx.library
    # get(), not resolve_id(): a seed that failed to load raises its reason (binary, empty, …)
    article = library.get(args.article).id if args.article else None
    articles = library.articles
    for problem in library.problems:
        warn(problem)
    groups = find_echoes(ctx.workspace, articles, min_words=args.min_words)
    if article is not None:
        groups = [g for g in groups if any(m.article == article for m in g.members)]
    if args.json:
        print_json([g.to_dict() for g in groups])
    else:
        _print_groups(ctx.console, groups, len(articles))
    return 0


def _preview(text: str) -> str:
    flat = " ".join(strip_control(text).split())
    return flat if len(flat) <= PREVIEW else flat[:PREVIEW - 1].rstrip() + "…"


def _print_groups(console, groups: list, article_count: int) -> None:
    from rich.table import Table
    from rich.text import Text

    if not groups:
        console.print(Text(f"no echoes among {article_count} article{'s' * (article_count != 1)}"))
        return
    table = Table(title=Text(f"{len(groups)} echo group{'s' * (len(groups) != 1)}"), title_justify="left",
                  show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("passage", ratio=3)
    table.add_column("words", justify="right", no_wrap=True)
    table.add_column("in", ratio=2)
    for number, group in enumerate(groups, start=1):
        where = Text()
        for i, member in enumerate(group.members):
            if i:
                where.append("\n")
            where.append(printable(member.article), style="cyan")
            where.append(f" {member.start}-{member.end} ", style="dim")
            where.append(printable(member.title))
        table.add_row(str(number), Text(_preview(group.text)), str(group.words), where)
    console.print(table)
