"""`workbench search`: fuzzy quote search over the library (and annotation notes).

    workbench search QUERY [--limit N] [--article ID] [--json]
    workbench search --queries-file FILE [--limit N] --json   # batch: [{query, hits}]
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from workbench import fsutil
from workbench.commands import Context, print_json, warn
from workbench.errors import UsageError, printable
from workbench.fsutil import gc_paused
from workbench.textnorm import strip_control


def register(subparsers) -> None:
    p = subparsers.add_parser("search", help="find a half-remembered passage (typos, dropped words welcome)",
                              description="Fuzzy quote search across every article and annotation note.")
    p.add_argument("query", nargs="?", help="words or a misremembered quote")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="at most N hits (default 10)")
    p.add_argument("--article", metavar="ID", help="search one article (id or unique prefix)")
    p.add_argument("--queries-file", metavar="FILE", help="one query per line; prints [{query, hits}]")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def _annotations(ctx: Context) -> list:
    """Annotations with notes or tags (from the store index), re-anchored like in every command,
    if the store is available (search still works without it)."""
    from workbench.commands import open_synced_store

    try:
        return open_synced_store(ctx).notes()
    except Exception as exc:  # noqa: BLE001 — notes are a bonus; article search must not fail
        warn(f"annotation notes not searched: {exc}")
        return []


MAX_QUERIES_BYTES = 1024 * 1024
MAX_QUERIES = 10_000


def _read_queries(path: str) -> list[str]:
    try:
        if Path(path).stat().st_size > MAX_QUERIES_BYTES:
            raise UsageError(f"queries file {path} is too large (over {MAX_QUERIES_BYTES // 2**20} MB)")
        text = fsutil.read_limited(path, MAX_QUERIES_BYTES).decode("utf-8-sig")  # st_size is 0 for /dev/zero
    except fsutil.TooLarge:
        raise UsageError(f"queries file {path} is too large (over {MAX_QUERIES_BYTES // 2**20} MB)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read queries file {path}: {getattr(exc, 'strerror', None) or exc}") from None
    queries = [line.strip() for line in text.splitlines() if line.strip()]
    if not queries:
        raise UsageError(f"queries file is empty: {path}")
    if len(queries) > MAX_QUERIES:
        raise UsageError(f"queries file {path} has {len(queries)} queries (at most {MAX_QUERIES:,})")
    return queries


def run(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.search import open_index

    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    if args.queries_file and args.query:
        raise UsageError("give either QUERY or --queries-file, not both")
    if args.queries_file:
        queries = _read_queries(args.queries_file)
    else:
        if not (args.query or "").strip():
            raise UsageError("empty query")
        queries = [args.query]
    library = ctx.library
    with gc_paused():  # at 100k articles the library, index and notes are a few million small objects
        # get(), not resolve_id(): a seed that failed to load raises its reason (binary, empty, …)
        article = library.get(args.article).id if args.article else None
        index = open_index(ctx.workspace, library)
        annotations = _annotations(ctx)
    gc.freeze()  # they live until this command exits: no later collection walks them again
    results = []
    for query in queries:
        try:
            hits = index.search(query, limit=args.limit, article=article, annotations=annotations)
        except UsageError:
            if not args.queries_file:
                raise
            hits = []  # an empty line inside a batch is skipped, not fatal
        results.append((query, hits))
    for line in index.notices:
        warn(line)
    if args.queries_file:
        if not args.json:
            from rich.text import Text

            for query, hits in results:
                ctx.console.print(Text(printable(query), style="bold"))  # user text: never markup
                _print_hits(ctx, hits)
            return 0
        print_json([{"query": q, "hits": [h.to_dict() for h in hits]} for q, hits in results])
        return 0
    hits = results[0][1]
    if args.json:
        print_json([h.to_dict() for h in hits])
    else:
        _print_hits(ctx, hits)
    return 0


def _print_hits(ctx: Context, hits) -> None:
    """Hits as Rich Text objects: titles, passages and notes are shown, never parsed as markup."""
    from rich.text import Text

    if not hits:
        ctx.console.print("no matches")
        return
    for hit in hits:
        where = f"{hit.article} {hit.start}-{hit.end}"
        label = "note" if hit.kind == "note" else ""
        line = Text()
        line.append(f"{hit.score:5.1f}", style="bold")
        line.append("  ")
        line.append(printable(where), style="cyan")
        line.append(f" {label} ")
        line.append(printable(hit.title), style="dim")
        ctx.console.print(line)
        if hit.kind == "article":
            a, b = hit.start - hit.context_start, hit.end - hit.context_start
            c = hit.context
            body = Text()
            body.append(strip_control(c[:a]))
            body.append(strip_control(c[a:b]), style="reverse")
            body.append(strip_control(c[b:]))
            _indented(ctx.console, body)
        else:
            _indented(ctx.console, Text(strip_control(hit.text)))


INDENT = 7


def _indented(console, text) -> None:
    """`text` wrapped to the console, every line under the first one's indent (no trailing spaces)."""
    for line in text.wrap(console, max(20, console.width - INDENT)):
        line.rstrip()
        console.print(" " * INDENT, line, sep="", soft_wrap=True)
