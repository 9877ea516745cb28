"""`workbench export`: write highlights as Markdown notes (see docs/export.md).

    workbench export [--out DIR] [--article ID] [--tag T] [--format F] [--bib] [--json]
    workbench sync-notes [--out DIR] [--json]

Paths printed (and in --json) are relative to the export folder, with '/' separators.
"""

from __future__ import annotations

import argparse

from workbench.commands import Context, print_json, warn
from workbench.errors import printable

FORMATS = ("obsidian", "logseq", "commonmark")  # workbench.export.flavours.FORMATS (not imported: startup)


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="export highlights as Markdown notes",
                              description="Write one Markdown note per highlighted article, index.md and "
                                          "tags/<tag>.md (default folder: WORKSPACE/notes). Text you write "
                                          "outside the workbench markers is kept; unchanged files are not rewritten.")
    p.add_argument("--out", metavar="DIR", help="export folder (default: WORKSPACE/notes)")
    p.add_argument("--article", metavar="ID", help="only refresh this article's note (and index.md)")
    p.add_argument("--tag", metavar="T", help="only refresh this tag's pages (children included) and the notes they link to")
    p.add_argument("--format", choices=FORMATS, metavar="F",
                   help="obsidian (default), logseq or commonmark; remembered for this workspace")
    p.add_argument("--bib", action="store_true", help="also write references.bib (BibTeX) and references.json (CSL-JSON)")
    p.add_argument("--json", action="store_true", help="print {out, format, written, unchanged, removed, warnings}")
    p.set_defaults(func=run_export)

    p = subparsers.add_parser("sync-notes", help="read notes and tags edited in exported notes back into the store",
                              description="Read the notes and tags you edited in exported notes (and tags added to "
                                          "or removed from their front matter) back into the store — one undoable "
                                          "change — then refresh the notes, in the format last used. Changed on "
                                          "both sides: the store's version stays, yours goes to <note>.conflict.md.")
    p.add_argument("--out", metavar="DIR", help="export folder (default: WORKSPACE/notes)")
    p.add_argument("--json", action="store_true", help="print the export object (read_back, conflicts, …)")
    p.set_defaults(func=run_sync_notes, article=None, tag=None, format=None, bib=False)


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.commands import open_synced_store
    from workbench.export import export_notes

    store = open_synced_store(ctx)
    result = export_notes(ctx.library, store, args.out or ctx.workspace.notes, article=args.article, tag=args.tag,
                          format=args.format, bib=args.bib)
    for problem in ctx.library.problems:
        warn(problem)
    for message in result.warnings:
        warn(message)
    if args.json:
        print_json(result.to_dict())
        return 0
    out = ctx.console
    out.print(f"Exported to {printable(str(result.out_dir))}: {len(result.written)} written, "
              f"{len(result.unchanged)} unchanged" + (f", {len(result.removed)} removed" if result.removed else "")
              + f" ({result.format})", markup=False)
    if result.read_back:
        out.print(f"  read back {len(result.read_back)} highlight(s) edited in the notes (workbench undo reverts it)",
                  markup=False)
    for name in result.written:
        out.print(f"  wrote {printable(name)}", markup=False)
    for name in result.removed:
        out.print(f"  removed {printable(name)}", markup=False)
    return 0


def run_sync_notes(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.commands import open_synced_store
    from workbench.export import export_notes

    store = open_synced_store(ctx)
    result = export_notes(ctx.library, store, args.out or ctx.workspace.notes)
    for message in result.warnings:
        warn(message)
    if args.json:
        print_json(result.to_dict())
        return 0
    ctx.console.print(f"Read back {len(result.read_back)} edited highlight(s) from {printable(str(result.out_dir))}"
                      + (f"; {len(result.conflicts)} conflict file(s)" if result.conflicts else "")
                      + f"; {len(result.written)} file(s) refreshed" + (" (workbench undo reverts the read-back)"
                                                                       if result.read_back else ""), markup=False)
    return 0
