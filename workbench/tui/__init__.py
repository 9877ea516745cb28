"""The Textual workbench (the only package that imports Textual). Entry: `run(workspace)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.workspace import Workspace


def run(workspace: Workspace) -> None:
    from workbench.tui.app import WorkbenchApp

    WorkbenchApp(workspace).run()
