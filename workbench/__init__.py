"""workbench — a terminal research workbench (core package; Textual lives only in workbench.tui)."""

__version__ = "0.1.0"
