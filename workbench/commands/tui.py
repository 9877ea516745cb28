"""`workbench tui` (also what `workbench` with no subcommand runs): the Textual app."""

from __future__ import annotations

import argparse

from workbench.commands import Context


def register(subparsers) -> None:
    parser = subparsers.add_parser("tui", help="open the terminal app (the default command)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from workbench.tui import run as run_tui

    run_tui(ctx.workspace)
    return 0
