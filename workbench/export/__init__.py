"""Export highlights to Markdown notes other tools understand (Obsidian, Logseq, static sites).

`export_notes(library, store, out_dir)` writes one note per highlighted article, `index.md`
and `tags/<tag>.md`. See docs/export.md for the file format and the rules that protect the
user's own writing. Core module: never imports Textual.
"""

from __future__ import annotations

from workbench.export.notes import ExportResult, export_notes

__all__ = ["ExportResult", "export_notes"]
