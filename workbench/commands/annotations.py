"""Highlights, notes and tags from the command line.

    workbench highlight ID QUOTE [--occurrence N] [--tag T]... [--note TEXT] [--color C] [--allow-duplicate] [--json]
    workbench annotations [--article ID] [--tag T] [--status S] [--json]
    workbench annotations import FILE [--json]
    workbench annotate ANN_ID [--note TEXT] [--add-tag T]... [--remove-tag T]... [--color C] [--json]
    workbench delete ANN_ID [--json]
    workbench undo
    workbench redo
    workbench tags [--json]
    workbench tags rename OLD NEW

Every command first re-anchors annotations of articles whose text changed (`store.sync`),
so what it shows or edits matches the current clean text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import orjson

from workbench import fsutil
from workbench.commands import Context, flush_notices, open_synced_store, print_json, warn
from workbench.errors import UsageError, WorkbenchError, printable
from workbench.textnorm import strip_control

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def register(subparsers) -> None:
    p = subparsers.add_parser("highlight", help="highlight a quote in an article",
                              description="Find QUOTE in the clean text (ignoring whitespace, curly quotes "
                                          "and dash differences) and save it as a highlight.")
    p.add_argument("id", metavar="ID", help="article id or unique prefix")
    p.add_argument("quote", metavar="QUOTE", help="the exact passage to highlight")
    p.add_argument("--occurrence", type=int, metavar="N", help="which occurrence (1-based) when QUOTE occurs more than once")
    p.add_argument("--tag", action="append", default=[], metavar="T", help="tag (repeatable; hierarchical with '/')")
    p.add_argument("--note", default="", metavar="TEXT", help="a Markdown note")
    p.add_argument("--color", default="yellow", metavar="C", help="yellow, green, blue, pink or purple")
    p.add_argument("--allow-duplicate", action="store_true",
                   help="highlight the passage even if exactly this span is already highlighted")
    p.add_argument("--json", action="store_true", help="print the annotation as JSON")
    p.set_defaults(func=run_highlight)

    p = subparsers.add_parser("annotations", help="list annotations (or import them)",
                              description="List highlights and notes; `annotations import FILE` restores a JSON export.")
    p.add_argument("--article", metavar="ID", help="only this article (id or unique prefix)")
    p.add_argument("--tag", metavar="T", help="only this tag and its children (policy matches policy/energy)")
    p.add_argument("--status", metavar="S", help="anchored, moved, needs_review or orphaned")
    p.add_argument("--json", action="store_true", help="JSON array of annotation objects")
    p.set_defaults(func=run_annotations)
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    imp = sub.add_parser("import", help="import annotations from `annotations --json` output",
                         description="Idempotent by id; bad records are rejected with a reason, the rest imported.")
    imp.add_argument("file", metavar="FILE", help="JSON file written by `workbench annotations --json`")
    imp.add_argument("--json", action="store_true", help="print the import report as JSON")
    imp.set_defaults(func=run_import)

    p = subparsers.add_parser("annotate", help="edit an annotation's note, tags or colour")
    p.add_argument("ann_id", metavar="ANN_ID", help="annotation id or unique prefix")
    p.add_argument("--note", metavar="TEXT", help="replace the note ('' clears it)")
    p.add_argument("--add-tag", action="append", default=[], metavar="T")
    p.add_argument("--remove-tag", action="append", default=[], metavar="T")
    p.add_argument("--color", metavar="C", help="yellow, green, blue, pink or purple")
    p.add_argument("--quote", metavar="QUOTE",
                   help="move the highlight onto QUOTE in its article (fixes needs_review/orphaned)")
    p.add_argument("--occurrence", type=int, metavar="N", help="with --quote: which occurrence (1-based)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_annotate)

    p = subparsers.add_parser("delete", help="delete an annotation (undo brings it back)")
    p.add_argument("ann_id", metavar="ANN_ID", help="annotation id or unique prefix")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_delete)

    p = subparsers.add_parser("undo", help="undo the last change to annotations")
    p.add_argument("--json", action="store_true", help='{"action": "undo", "message"}')
    p.set_defaults(func=run_undo)

    p = subparsers.add_parser("redo", help="redo what the last undo took back (until a new change)")
    p.add_argument("--json", action="store_true", help='{"action": "redo", "message"}')
    p.set_defaults(func=run_redo)

    p = subparsers.add_parser("tags", help="list tags with counts (or rename one)")
    p.add_argument("--json", action="store_true", help="[{tag, count}]")
    p.set_defaults(func=run_tags)
    sub = p.add_subparsers(dest="action", metavar="ACTION")
    ren = sub.add_parser("rename", help="rename a tag and its children, merging into NEW if it exists")
    ren.add_argument("old", metavar="OLD")
    ren.add_argument("new", metavar="NEW")
    ren.add_argument("--json", action="store_true", help='{"old", "new", "count"}')
    ren.set_defaults(func=run_tags_rename)


TITLE_SHOWN = 60  # characters of an article's title in one-line messages (ids: `list`, `--json`)


def _show(ctx: Context, ann, verb: str, article=None) -> None:
    """What was done, to which highlight, in which article: by title, as the app says it, last
    on the line so a narrow terminal cuts the title, not the facts before it."""
    from rich.text import Text

    article = article if article is not None else _article_if_any(ctx, ann.article)
    title = " ".join(printable(article.title).split()) if article is not None else ""
    if len(title) > TITLE_SHOWN:
        title = title[: TITLE_SHOWN - 1].rstrip() + "…"
    line = Text(f"{verb} ")
    line.append(ann.short_id, style="cyan")
    line.append(f" [{ann.start}:{ann.end}] ")
    line.append(ann.color, style=ann.color if ann.color != "purple" else "magenta")
    if ann.status != "anchored":
        line.append(f" ({ann.status})", style="bold red")
    line.append(f" in “{title}”" if title else f" in {printable(ann.article)}")
    ctx.console.print(line, no_wrap=True, overflow="ellipsis")
    ctx.console.print(Text("  “" + printable(" ".join(ann.quote.split())) + "”", style="italic"))
    if ann.tags:
        ctx.console.print(Text("  tags: " + printable(", ".join(ann.tags)), style="dim"))
    if ann.note:
        ctx.console.print(Text("  note: " + strip_control(ann.note).replace("\n", "\n        ")))


def _record(ctx: Context, ann) -> dict:
    """`Annotation.to_dict()` plus `page`: the source page (PDFs) where the highlight starts."""
    record = ann.to_dict()
    page = None
    if ann.status in ("anchored", "moved", "needs_review"):
        article = _article_if_any(ctx, ann.article)
        page = article.page_at(ann.start) if article is not None else None
    record["page"] = page
    return record


def _article_if_any(ctx: Context, article_id: str):
    """The article (None if it is not in the library): one lookup when the library is not loaded."""
    library = ctx.library
    if library.loaded:
        return library.load().get(article_id)
    try:
        return library.get(article_id)
    except WorkbenchError:
        return None


def run_highlight(args: argparse.Namespace, ctx: Context) -> int:
    article = ctx.library.get(args.id)
    store = open_synced_store(ctx, only=[article])
    ann = store.highlight_quote(article, args.quote, occurrence=args.occurrence, tags=args.tag,
                                note=args.note, color=args.color, allow_duplicate=args.allow_duplicate)
    flush_notices(store)
    if args.json:
        print_json(_record(ctx, ann))
    else:
        _show(ctx, ann, "highlighted", article)
    return 0


def _article_filter(ctx: Context, store, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return ctx.library.resolve_id(value)
    except UsageError:
        if store.all(article=value):  # annotations of an article whose source is gone
            return value
        raise


def run_annotations(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.store.model import check_status, normalize_tag

    status = check_status(args.status) if args.status is not None else None
    tag = normalize_tag(args.tag, strict=False) if args.tag is not None else None
    store = open_synced_store(ctx)
    anns = store.all(article=_article_filter(ctx, store, args.article), tag=tag, status=status)
    if args.json:
        print_json([_record(ctx, a) for a in anns])
        return 0
    if not anns:
        ctx.console.print("No annotations" + (" match" if (args.article or tag or status) else " yet: "
                          "try `workbench highlight ID \"some quote\"`"))
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(anns)} annotation{'s' * (len(anns) != 1)}", title_justify="left", expand=True)
    table.add_column("id", style="cyan", no_wrap=True)
    # the quote is what the reader looks for: in a narrow terminal the article id is cut short
    # (its prefix still names it) rather than the quote squeezed to one word per line
    table.add_column("article", overflow="ellipsis", ratio=2, max_width=24)
    table.add_column("colour", no_wrap=True)
    table.add_column("quote", overflow="fold", ratio=5)
    table.add_column("tags", ratio=2)
    table.add_column("note", ratio=3)
    table.add_column("status", no_wrap=True)
    for a in anns:  # imported records may hold any text: shown, never sent to the terminal
        quote = printable(" ".join(a.quote.split()))
        note = strip_control(a.note)
        table.add_row(Text(a.short_id), Text(printable(a.article[:24])), Text(a.color),
                      Text(quote if len(quote) <= 160 else quote[:159] + "…"), Text(printable(", ".join(a.tags))),
                      Text(note if len(note) <= 120 else note[:119] + "…"),
                      Text(a.status, style="" if a.status == "anchored" else "bold red"))
    ctx.console.print(table)
    return 0


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.file).expanduser()
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise WorkbenchError(f"{path} is too large to import (over {MAX_IMPORT_BYTES // 2**20} MB)")
        raw = fsutil.read_limited(path, MAX_IMPORT_BYTES)  # st_size is 0 for /dev/zero
    except fsutil.TooLarge:
        raise WorkbenchError(f"{path} is too large to import (over {MAX_IMPORT_BYTES // 2**20} MB)") from None
    except OSError as exc:
        raise WorkbenchError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        records = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        from workbench.library.sources import looks_binary

        if looks_binary(raw):
            raise WorkbenchError(f"{path}: looks like a binary file, not JSON") from None
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            raise WorkbenchError(f"{path}: not UTF-8 JSON (`annotations --json` writes UTF-8)") from None
        raise WorkbenchError(f"{path} is not valid JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(records, list):
        raise WorkbenchError(f"{path} must hold a JSON array of annotations (as written by `annotations --json`)")
    store = open_synced_store(ctx)
    report = store.import_records(records)
    store.sync(ctx.library)  # imported annotations are checked against the current text now
    flush_notices(store)
    if args.json:
        print_json(report.to_dict())
    else:
        ctx.console.print(f"imported {report.imported}, updated {report.updated}, unchanged {report.unchanged}, "
                          f"rejected {len(report.rejected)}")
    known = set(ctx.library.source_paths())
    bad = {key for key, _reason in report.rejected}
    elsewhere = sorted({r["article"] for i, r in enumerate(records) if isinstance(r, dict) and i not in bad
                        and r.get("id") not in bad and isinstance(r.get("article"), str) and r["article"] not in known})
    if elsewhere:
        warn(f"{len(elsewhere)} article(s) in {path.name} are not in this library (kept, not re-anchored): "
             + ", ".join(elsewhere[:3]) + (" …" if len(elsewhere) > 3 else ""))
    for key, reason in report.rejected:
        label = f"record {key}" if isinstance(key, int) else f"record {str(key)[:36]}"
        warn(f"rejected {label}: {reason}")
    return 1 if report.rejected else 0


def run_annotate(args: argparse.Namespace, ctx: Context) -> int:
    if args.note is None and not args.add_tag and not args.remove_tag and args.color is None and args.quote is None:
        raise UsageError("nothing to change: pass --note, --add-tag, --remove-tag, --color or --quote")
    if args.occurrence is not None and args.quote is None:
        raise UsageError("--occurrence goes with --quote")
    store = open_synced_store(ctx)
    before = store.get(args.ann_id)
    if args.quote is not None:
        store.reattach_quote(before.id, ctx.library.get(before.article), args.quote, occurrence=args.occurrence)
    from workbench.store.model import normalize_tags

    missing = [t for t in normalize_tags(args.remove_tag, strict=False) if t not in before.tags]
    ann = store.update(before.id, note=args.note, add_tags=args.add_tag, remove_tags=args.remove_tag, color=args.color)
    for tag in missing:
        warn(f"{ann.short_id} had no tag {tag!r}")
    if args.json:
        print_json(_record(ctx, ann))
    else:
        _show(ctx, ann, "updated" if ann != before else "unchanged")
    return 0


def run_delete(args: argparse.Namespace, ctx: Context) -> int:
    store = open_synced_store(ctx)
    ann = store.delete(args.ann_id)
    if args.json:
        print_json(_record(ctx, ann))
    else:
        _show(ctx, ann, "deleted")
        ctx.console.print("  (`workbench undo` brings it back)", style="dim")
    return 0


def run_undo(args: argparse.Namespace, ctx: Context) -> int:
    return _take_back(ctx, "undo", args.json)


def run_redo(args: argparse.Namespace, ctx: Context) -> int:
    return _take_back(ctx, "redo", args.json)


def _take_back(ctx: Context, which: str, as_json: bool = False) -> int:
    """`undo` or `redo`: the store's own history (the same one the app's u and U use)."""
    store = open_synced_store(ctx)
    message = store.undo() if which == "undo" else store.redo()
    flush_notices(store)
    if as_json:
        print_json({"action": which, "message": message})
        return 0
    from rich.text import Text

    ctx.console.print(Text(printable(message)))
    return 0


def run_tags(args: argparse.Namespace, ctx: Context) -> int:
    store = open_synced_store(ctx)
    tags = store.tags()
    if args.json:
        print_json([{"tag": tag, "count": count} for tag, count in tags])
        return 0
    if not tags:
        ctx.console.print("No tags yet: add some with `workbench annotate ANN_ID --add-tag T`")
        return 0
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(tags)} tag{'s' * (len(tags) != 1)}", title_justify="left")
    table.add_column("tag")
    table.add_column("count", justify="right")
    listed = {tag for tag, _ in tags}
    for tag, count in tags:
        # a child is indented under each ancestor that has a row of its own; "a/b" alone is
        # not indented under a parent the table does not show
        parts = tag.split("/")
        depth = sum("/".join(parts[:i]) in listed for i in range(1, len(parts)))
        table.add_row(Text("  " * depth + printable(tag)), str(count))
    ctx.console.print(table)
    return 0


def run_tags_rename(args: argparse.Namespace, ctx: Context) -> int:
    store = open_synced_store(ctx)
    count = store.rename_tag(args.old, args.new)
    from rich.text import Text

    from workbench.store.model import normalize_tag

    if getattr(args, "json", False):
        print_json({"old": normalize_tag(args.old, strict=False), "new": normalize_tag(args.new), "count": count})
        return 0
    ctx.console.print(Text(printable(f"renamed {normalize_tag(args.old, strict=False)!r} to {normalize_tag(args.new)!r} "
                                     f"on {count} annotation(s)")))
    return 0
