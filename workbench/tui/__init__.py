"""The Textual workbench (the only package that imports Textual). Entry: `run(workspace)`."""

from __future__ import annotations


def run(workspace) -> None:
    from workbench.tui.app import WorkbenchApp

    WorkbenchApp(workspace).run()
