"""Two-way notes: edits made in exported notes come back into the store before a rewrite.

For every note about to be rewritten, the highlights' notes and tags as they stand in the
file are compared with what workbench last wrote there (hashes in the export manifest,
`Names.synced` / `Names.heads`) and with the store:

* changed in the file only → the store takes the file's version (one undoable change);
* changed in the store only → nothing to read; the rewrite brings the file up to date;
* changed in both → the store's version stays and goes into the file, the user's is saved
  to `<note>.conflict.md` and one warning line names it.

Tags added to or removed from the front matter's `tags:` (Logseq `tags::`) are added to or
removed from every highlight of the article. Whatever cannot be read back — a tag the store
refuses, a note too long, edits to generated lines — is saved to the conflict file too,
so nothing the user wrote is dropped silently. No history (a note written by an older
version): a note that differs from both renderings of the store's version is treated as
changed on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import UsageError, WorkbenchError
from workbench.export.markdown_safety import block_lines, hashtag, tag_from_hashtag
from workbench.export.noteparse import ParsedNote, Section, block_of, digest, parse_note, skeleton_of
from workbench.export.notetext import note_lines, read_note
from workbench.export.render import id_chars
from workbench.export.writer import managed, read_head, read_text, write_if_changed
from workbench.store.model import clean_note, normalize_tag

if TYPE_CHECKING:
    from workbench.store import AnnotationStore


@dataclass
class ReadBack:
    updated: list[str] = field(default_factory=list)  # annotation ids changed in the store
    conflicts: list[str] = field(default_factory=list)  # conflict files written (relative paths)
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def canonical(note: str, logseq: bool) -> str:
    """A note as it reads back from a file it was exported into."""
    return read_note(list(note_lines(note, logseq)), logseq)


def tags_written(annotation) -> list[str]:
    return [hashtag(t)[1:] for t in annotation.tags]


def remember(names, name: str, annotations, fm_tags: list[str], body: str, logseq: bool) -> None:
    """Record what a note file now says, for the next read-back."""
    for annotation in annotations:
        names.synced[annotation.id] = {"n": digest(canonical(annotation.note, logseq)), "t": tags_written(annotation)}
    block = digest(block_of(managed(body)) or "")
    old = names.heads.get(name) or {}
    skeleton = old["s"] if old.get("b") == block else skeleton_of(managed(body))  # parse only a new block
    names.heads[name] = {"t": list(fm_tags), "s": skeleton, "b": block}


def _untouched(text: str, head: dict | None) -> bool:
    """The file's block is exactly what was last written and its head's tags too: nothing to
    read (the common case, decided without parsing the block)."""
    if head is None or head.get("b") != digest(block_of(text) or ""):
        return False
    meta = read_head(text)[1]
    tags = meta.get("tags") if isinstance(meta, dict) else None
    return isinstance(tags, list) and [str(t).strip().lstrip("#") for t in tags if t is not None] == head["t"] \
        or (tags is None and not head["t"])


def conflict_name(name: str) -> str:
    return name[:-3] + ".conflict.md" if name.endswith(".md") else name + ".conflict.md"


class _Note:
    """Read-back of one note file."""

    def __init__(self, name: str, parsed: ParsedNote, annotations: list, names) -> None:
        self.name, self.parsed, self.names = name, parsed, names
        self.anns = {a.id: a for a in annotations}
        self.changes: dict[str, dict] = {}
        self.saved: list[str] = []  # conflict file entries (Markdown)
        self.reasons: list[str] = []

    def find(self, section: Section):
        kind, value = section.key
        if kind == "uuid":
            return next((a for a in self.anns.values() if a.block_uuid == value), None)
        hits = [a for a in self.anns.values() if id_chars(a.id).startswith(value)]
        return hits[0] if len(hits) == 1 else None

    def run(self) -> None:
        for section in self.parsed.sections:
            ann = self.find(section)
            if ann is not None:
                self.note(ann, section)
                self.tags(ann, section)
        self.head_tags()
        head = self.names.heads.get(self.name)
        if head is not None and self.parsed.skeleton != head["s"]:
            self.saved.append("Edits inside the workbench markers outside notes and tags (not read back; "
                              "the whole block as you left it):\n\n" + _fenced(self.parsed.block or ""))
            self.reasons.append("edits outside notes and tags")

    def note(self, ann, section: Section) -> None:
        if section.note is None:
            return
        mine = read_note(section.note, section.logseq)
        ours = canonical(ann.note, section.logseq)
        if mine == ours:
            return
        state = self.names.synced.get(ann.id)
        if state is None:
            if section.note == list(block_lines(ann.note)):  # written by the older, all-escaping export
                return
            store_changed = True
        else:
            if digest(mine) == state["n"]:
                return  # the user did not touch it; the store changed
            store_changed = digest(ours) != state["n"]
        try:
            value = clean_note(mine)
        except UsageError as exc:
            self._save(ann, f"note (not read back: {exc.message})", mine)
            return
        if store_changed:
            self._save(ann, "note (changed in workbench too; workbench's version is in the note)", mine)
        else:
            self.changes.setdefault(ann.id, {})["note"] = value

    def tags(self, ann, section: Section) -> None:
        if section.tags is None:
            return
        mine, ours = section.tags, tags_written(ann)
        if set(mine) == set(ours):
            return
        state = self.names.synced.get(ann.id)
        if state is not None and set(mine) == set(state["t"]):
            return
        if state is None or set(ours) != set(state["t"]):
            self._save(ann, "tags (changed in workbench too; workbench's tags are in the note)",
                       " ".join("#" + t for t in mine))
            return
        new = self._tags_from(ann, mine)
        if new is not None:
            self.changes.setdefault(ann.id, {})["tags"] = new

    def _tags_from(self, ann, written: list[str]) -> list[str] | None:
        known = {hashtag(t)[1:]: t for t in ann.tags}
        out: list[str] = []
        for h in written:
            try:
                tag = known.get(h) or normalize_tag(tag_from_hashtag(h))
            except UsageError as exc:
                self._save(ann, f"tag #{h} (not read back: {exc.message})", "#" + h)
                return None
            if tag not in out:
                out.append(tag)
        return out

    def head_tags(self) -> None:
        head = self.names.heads.get(self.name)
        meta = self.parsed.meta
        if head is None or not isinstance(meta, dict) or not isinstance(meta.get("tags"), list):
            return
        mine = [str(t).strip().lstrip("#") for t in meta["tags"] if t is not None and str(t).strip()]
        added = [t for t in mine if t not in head["t"]]
        removed = {t for t in head["t"] if t not in mine}
        if not added and not removed:
            return
        for ann in self.anns.values():
            current = self.changes.get(ann.id, {}).get("tags", list(ann.tags))
            kept = [t for t in current if hashtag(t)[1:] not in removed]
            extra = self._tags_from(ann, added)
            if extra is None:
                return
            new = kept + [t for t in extra if t not in kept]
            if new != list(ann.tags):
                self.changes.setdefault(ann.id, {})["tags"] = new

    def _save(self, ann, what: str, text: str) -> None:
        self.saved.append(f"{what} of {ann.short_id} (“{_one_line(ann.quote)}”):\n\n" + _fenced(text))
        if what.split(" ")[0] not in self.reasons:
            self.reasons.append(what.split(" ")[0])


def _one_line(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _fenced(text: str) -> str:
    """The text in a code fence longer than any backtick run at its line starts: inert."""
    longest = max((len(line.lstrip()) - len(line.lstrip().lstrip("`")) for line in text.split("\n")), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}\n"


def read_back(store: AnnotationStore, out: Path, names, grouped: dict[str, list], wanted: set[str] | None) -> ReadBack:
    """Read edits from the notes about to be rewritten (`wanted` article ids; None = all)."""
    result = ReadBack()
    changes: dict[str, dict] = {}
    for article_id, name in sorted(names.articles.items()):
        if article_id not in grouped or (wanted is not None and article_id not in wanted):
            continue
        try:
            text = read_text(out / name)
        except WorkbenchError:
            continue
        if text is None or _untouched(text, names.heads.get(name)):
            continue
        note = _Note(name, parse_note(text), grouped[article_id], names)
        note.run()
        changes.update(note.changes)
        if note.saved:
            target = conflict_name(name)
            _append(out / target, name, note.saved)
            result.conflicts.append(target)
            result.warnings.append(f"{name}: {', '.join(note.reasons)} could not be read back as they were; "
                                   f"your version is saved in {target}")
    if changes:
        result.updated = [a.id for a in store.update_many(changes, "read back edits from exported notes")]
    return result


def _append(path: Path, name: str, entries: list[str]) -> None:
    try:
        old = read_text(path) or ""
    except WorkbenchError:
        old = ""
    head = old or (f"# Your versions from {name}\n\nWorkbench kept its own version in {name}; "
                   "here is what the note said, to merge by hand.\n")
    write_if_changed(path, head.rstrip("\n") + "\n\n" + "\n".join(entries))
