"""The `workbench` console script: parse arguments, call the core, map errors to exit codes.

Subcommands live in `workbench/commands/` (one module per group, discovered here). No
subcommand opens the TUI. A WorkbenchError becomes `error: <one line>` on stderr and its
exit code; anything else is reported in one line too (set WORKBENCH_DEBUG=1 for the trace).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from typing import NoReturn

from workbench import __version__
from workbench.errors import UsageError, WorkbenchError, printable

# Arguments that name files: kept as the OS gave them (any bytes are a valid file name).
PATH_ARGS = frozenset({"workspace", "paths", "file", "draft", "out", "queries_file"})


# Command groups in the order `workbench --help` lists them (reading comes first).
HELP_ORDER = ["articles", "ingest", "search", "check", "annotations", "export", "tui"]


class _Parser(argparse.ArgumentParser):
    """argparse with the CLI's error contract: one line on stderr, exit 2 (no usage block)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {printable(message)} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    import workbench.commands as commands

    parser = _Parser(
        prog="workbench",
        description="A terminal research workbench: read, highlight, tag, search and export articles.",
    )
    parser.add_argument("--workspace", metavar="DIR", help="workspace folder (default: $WORKBENCH_WORKSPACE, ./ if it has seeds/, else a per-user folder)")
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = sorted(info.name for info in pkgutil.iter_modules(commands.__path__))
    names.sort(key=lambda name: HELP_ORDER.index(name) if name in HELP_ORDER else len(HELP_ORDER))
    for name in names:
        module = importlib.import_module(f"workbench.commands.{name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def _tolerant_stdout() -> None:
    """A terminal that is not UTF-8 (LANG=en_US.ISO-8859-1, PYTHONIOENCODING=ascii) gets '?' for
    the characters it cannot show, instead of the command dying half-way with UnicodeEncodeError."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    if stream is None or encoding in ("utf8", "utf8sig") or getattr(stream, "errors", "") not in ("strict", "surrogateescape"):
        return
    try:
        stream.reconfigure(errors="replace")  # type: ignore[union-attr]  # AttributeError caught below
    except (AttributeError, ValueError, OSError):
        pass


def _text_arg(value: str) -> str:
    """An argument that is text (quote, note, tag, id, query) must be UTF-8: undecodable bytes
    arrive as surrogates, which nothing downstream can store or print."""
    if not any("\ud800" <= ch <= "\udfff" for ch in value):
        return value
    try:  # UTF-8 typed under a locale Python took for ASCII (LC_ALL=C): the bytes are fine
        return os.fsencode(value).decode("utf-8")
    except (UnicodeError, ValueError):
        raise UsageError(f"argument '{printable(value)}' is not valid UTF-8 text (check the terminal's encoding)") from None


def _check_text_args(args: argparse.Namespace) -> None:
    for name, value in vars(args).items():
        if name in PATH_ARGS:
            continue
        if isinstance(value, str):
            setattr(args, name, _text_arg(value))
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            setattr(args, name, [_text_arg(v) for v in value])


CREATING_COMMANDS = {None, "tui", "import"}  # may start a new workspace at a --workspace path


def main(argv: list[str] | None = None) -> int:
    from workbench.commands import Context
    from workbench.workspace import resolve_workspace

    _tolerant_stdout()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _check_text_args(args)
        command = getattr(args, "command", None)
        ctx = Context(resolve_workspace(args.workspace, create=command in CREATING_COMMANDS))
        if not getattr(args, "func", None):
            args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "tui"])
            if not getattr(args, "func", None):
                parser.print_help()
                return 0
        if args.command == "tui" and not (sys.stdin is not None and sys.stdin.isatty()):
            # Textual would wait forever for keys that cannot come (`workbench < file`, cron, CI)
            raise UsageError("the app needs a terminal to read keys from (stdin is not one); "
                             "use a command instead, see `workbench --help`")
        return int(args.func(args, ctx) or 0)
    except WorkbenchError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 — silence the flush at exit
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 — the one place that turns a bug into one line
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        first = printable(str(exc).splitlines()[0]) if str(exc).strip() else ""
        print(f"error: internal error ({type(exc).__name__}: {first}); set WORKBENCH_DEBUG=1 for details", file=sys.stderr)
        return 70


if __name__ == "__main__":
    raise SystemExit(main())
