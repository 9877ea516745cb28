"""`workbench check DRAFT` — verify every quotation in a draft against the library."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands import Context, print_json, warn
from workbench.errors import SourceError, UsageError, printable


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="check the quotations in a draft against the sources",
        description="Find every quotation in a draft (blockquotes, and quoted runs of 5+ words) "
                    "and say whether a source has it exactly, closely, or not at all. "
                    "Exit 0 when every quotation is exact, 1 otherwise.")
    parser.add_argument("draft", help="the draft file (Markdown or plain text)")
    parser.add_argument("--json", action="store_true", help="print the checks as JSON")
    parser.set_defaults(func=run_check)


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.library.sources import load_source
    from workbench.quotecheck import check_draft
    from workbench.search import open_index

    try:
        source = load_source(Path(args.draft))
    except SourceError as exc:
        raise UsageError(exc.message) from None
    if source.data is not None:  # a PDF or EPUB passes through undecoded: no draft text to check
        raise UsageError(f"{printable(args.draft)}: a draft is read as text (Markdown or plain text), "
                         f"not as {source.encoding.upper()}; save or export it as .md or .txt")
    draft = source.text
    index = open_index(ctx.workspace, ctx.library)
    checks = check_draft(draft, index)
    for line in index.notices:
        warn(line)
    if args.json:
        print_json([c.to_dict() for c in checks])
    else:
        _print_checks(ctx.console, checks)
    return 0 if all(c.status == "exact" for c in checks) else 1


def _print_checks(console, checks) -> None:
    from rich.markup import escape

    if not checks:
        console.print("no quotations found in the draft")
        return
    marks = {"exact": "[green]✓ exact[/]", "close": "[yellow]≈ close[/]", "missing": "[red]✗ not found[/]"}
    for check in checks:
        quote = check.quote if len(check.quote) <= 90 else check.quote[:87] + "…"
        console.print(f"line {check.line}: {marks[check.status]}  “{escape(quote)}”")
        if check.article:
            console.print(f"    {escape(check.title or '')} ({escape(check.article)} {check.start}-{check.end})")
        if check.status == "close":
            console.print(f"    source: “{escape(check.source_text or '')}”")
            for diff in check.differences[:6]:
                console.print(f"    - {escape(diff)}")
    counts = {s: sum(c.status == s for c in checks) for s in ("exact", "close", "missing")}
    console.print(f"{len(checks)} quotations: {counts['exact']} exact, {counts['close']} close, {counts['missing']} not found")
