"""Shared helpers for the cleaner tests: read a draft's pieces, re-lay out an article."""

from __future__ import annotations

import textwrap
from pathlib import Path

from workbench.library.clean import clean_plain_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "clean"


def pieces(draft, kind=None):
    """Texts of the draft's blocks (of one kind, or all)."""
    return [t for k, t in draft.pieces if kind is None or k == kind]


def removed(draft, kind):
    """Texts the cleaner took out as `kind`."""
    return [r.text for r in draft.removed if r.kind == kind]


def fixture_draft(name: str):
    """One handmade article of tests/fixtures/clean, cleaned."""
    return clean_plain_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def rewrapped(text: str, blank_lines: bool) -> str:
    """The article hard-wrapped at 66 columns, with or without blank lines between paragraphs."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            out.extend(textwrap.wrap(line, 66) if len(line) > 66 else [line])
        elif blank_lines:
            out.append("")
    return "\n".join(out)
