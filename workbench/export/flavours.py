"""The three Markdown flavours: where a highlight's id goes and how others point at it.

* `obsidian` — YAML front matter, a `^blockid` line after each quote, links `note.md#^id`.
* `commonmark` — YAML front matter, an explicit anchor `<a id="h-0c7a4e2b"></a>` before each
  quote, links `note.md#h-0c7a4e2b`: works on static sites (mkdocs, pandoc, GitHub).
* `logseq` — page properties (`title::`, `tags::`, …) instead of front matter; each highlight
  is a block with `id:: <uuid>` (the annotation's UUID), so `((uuid))` references work.

Each flavour renders the same editable parts — `Tags` and `Note` — in a fixed shape, so
`readback` can find what the user changed there. Core module (no Textual).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.export import frontmatter, properties
from workbench.export.markdown_safety import hashtag, inline
from workbench.export.notetext import note_lines

FORMATS = ("obsidian", "logseq", "commonmark")
DEFAULT_FORMAT = "obsidian"
NOTE_LABEL = "Note:"
TAGS_LABEL = "Tags:"
INDENT = "  "


@dataclass(frozen=True)
class Flavour:
    name: str

    @property
    def logseq(self) -> bool:
        return self.name == "logseq"

    @property
    def head(self):
        """The module writing/reading the file head (`frontmatter` or `properties`)."""
        return properties if self.logseq else frontmatter

    def fragment(self, annotation, short: str) -> str:
        """The `#…` part of a link to a highlight ('' for Logseq: it uses ((uuid)))."""
        if self.name == "commonmark":
            return f"h-{short}"
        return "" if self.logseq else f"^{short}"

    def anchor_line(self, short: str) -> str:
        return f'<a id="h-{short}"></a>' if self.name == "commonmark" else f"^{short}"

    def highlight(self, annotation, short: str, where: str, quote: str) -> list[str]:
        """Lines for one highlight; `quote` is the quote as blockquote lines."""
        if self.logseq:
            return self._logseq_highlight(annotation, where)
        lines = []
        if self.name == "commonmark":
            lines += [self.anchor_line(short), ""]
        lines += [quote, ""]
        if self.name == "obsidian":
            lines += [self.anchor_line(short), ""]
        lines.append(f"- Colour: {inline(annotation.color) or 'yellow'}")
        lines.append(f"- Location: {where}")
        if annotation.status != "anchored":
            lines.append(f"- Status: {inline(annotation.status.replace('_', ' '))}")
        lines.append(f"- {TAGS_LABEL} " + " ".join(hashtag(t) for t in annotation.tags) if annotation.tags
                     else f"- {TAGS_LABEL}")
        lines.append(f"- {NOTE_LABEL}")
        note = note_lines(annotation.note)
        if note:
            lines.append("")
            lines += [(INDENT + line) if line else "" for line in note]
        return lines

    def _logseq_highlight(self, annotation, where: str) -> list[str]:
        # Logseq's block: one title line, then properties, then the body (children here).
        lines = [f"- > {inline(annotation.quote) or '…'}", f"  id:: {annotation.block_uuid}",
                 f"  colour:: {inline(annotation.color) or 'yellow'}", f"  location:: {where}"]
        if annotation.status != "anchored":
            lines.append(f"  status:: {inline(annotation.status.replace('_', ' '))}")
        if annotation.tags:
            lines.append("  tags:: " + ", ".join(hashtag(t)[1:] for t in annotation.tags))
        lines.append(f"  - {NOTE_LABEL}")
        lines += [(INDENT * 2 + line) if line else "" for line in note_lines(annotation.note, True)]
        return lines


def flavour(name: str | None) -> Flavour:
    return Flavour(name if name in FORMATS else DEFAULT_FORMAT)
