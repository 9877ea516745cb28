"""`workbench import PATH... [--json] [--replace ID]`: bring new sources into the workspace.

The work happens in `workbench.library.ingest.import_paths` (shared with the TUI); this
module only draws the progress bar (stderr, terminals only) and prints the outcome.
"""

from __future__ import annotations

import argparse
import sys

from workbench.commands import Context, print_json
from workbench.errors import printable

PROGRESS_MIN_FILES = 4


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import .txt/.md/.html/.pdf/.epub files or folders into the workspace",
        description="Copy sources into WORKSPACE/seeds/ (folders are searched recursively). "
                    "Re-importing a changed file updates its article and re-anchors its annotations.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to import")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--replace", metavar="ID",
                        help="the single file given is a new version of article ID (keeps its id and annotations)")
    parser.set_defaults(func=run)


def _count_files(paths: list[str]) -> int:
    """Rough count for deciding whether a progress bar is worth drawing."""
    import os

    total = 0
    for path in paths:
        if os.path.isdir(path):
            for _, _, names in os.walk(path):
                total += len(names)
                if total > PROGRESS_MIN_FILES:
                    return total
        else:
            total += 1
    return total


def run(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.library.ingest import import_paths
    from workbench.library.sources import DOCUMENT_SUFFIXES

    store = ctx.store
    documents = any(str(p).lower().endswith(DOCUMENT_SUFFIXES) for p in args.paths)  # a long PDF takes a while
    show_bar = sys.stderr.isatty() and (documents or _count_files(args.paths) >= PROGRESS_MIN_FILES)
    if show_bar:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), console=ctx.err_console, transient=True) as bar:
            task = bar.add_task("", total=None)

            def progress(done, total, path):
                from rich.markup import escape

                # a file name is neither markup ("[link=…]") nor a place for escape codes
                bar.update(task, completed=done, total=total, description=escape(printable(path.name[:40])))

            report = import_paths(ctx.workspace, args.paths, progress, replace=args.replace,
                                  library=ctx.library)
    else:
        report = import_paths(ctx.workspace, args.paths, replace=args.replace, library=ctx.library)
    if report.imported:
        report.reanchored = list(store.sync(ctx.library))
    for notice in getattr(store, "notices", []):
        print(f"warning: {printable(notice)}", file=sys.stderr)
    if args.json:
        print_json(report.to_dict())
    else:
        _print_report(report)
    return report.exit_code


def _print_report(report) -> None:
    """Paths and titles come from file names and files: their escape codes are shown, not sent."""
    out = []
    for item in report.imported:
        verb = "updated" if item.updated else "imported"
        # a PDF or EPUB is not decoded as text: its "encoding" is its format, nothing to report
        encoding = "" if item.encoding in ("utf-8", "pdf", "epub") else f" (decoded as {item.encoding})"
        out.append(f"{verb} {item.source} → {item.id}: {item.title}{encoding}")
    for item in report.skipped:
        out.append(f"skipped {item.path}: {item.reason}")
    for line in out:
        print(printable(line))
    for item in report.failed:
        print(f"error: {printable(item.error)}", file=sys.stderr)
    print(report.summary())
