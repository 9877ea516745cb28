"""The export run: group highlights, pick file names, write changed files, tidy stale pages.

Filters (`article=`, `tag=`) choose which files are refreshed, never what a file holds: a
note always lists every highlight of its article and a tag page every highlight with its
tag, so a partial export can never leave a half-empty file behind. `index.md` is always
refreshed. Stale pages are only touched on a full export, and only if the manifest says
workbench wrote them: a page that is all ours is deleted, one the user wrote in is kept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import fsutil
from workbench.errors import UsageError, WorkbenchError
from workbench.export import bibliography, prefs
from workbench.export.flavours import FORMATS, Flavour, flavour
from workbench.export.index import index_page, stale_page, tag_page
from workbench.export.markdown_safety import hashtag, plain, tag_from_hashtag
from workbench.export.names import INDEX, TAGS_DIR, Names
from workbench.export.readback import read_back, remember
from workbench.export.render import NoteLayout, block_ids, front_matter, render_body
from workbench.export.writer import (
    has_markers,
    read_text,
    update_file,
    user_text,
    write_if_changed,
)
from workbench.library.citation import source_meta
from workbench.store.model import tag_key

if TYPE_CHECKING:
    from workbench.library import Library
    from workbench.store import AnnotationStore
    from workbench.workspace import Workspace


@dataclass
class ExportResult:
    """File paths relative to `out_dir`, with '/' separators, sorted."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    out_dir: Path | None = None
    format: str = "obsidian"
    read_back: list[str] = field(default_factory=list)  # annotation ids updated from edited notes
    conflicts: list[str] = field(default_factory=list)  # <note>.conflict.md files written

    def to_dict(self) -> dict:
        return {"out": str(self.out_dir), "format": self.format, "written": self.written,
                "unchanged": self.unchanged, "removed": self.removed, "warnings": self.warnings,
                "read_back": self.read_back, "conflicts": self.conflicts}


def _out_folder(out_dir: str | Path, workspace: Workspace) -> Path:
    out = Path(out_dir).expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError(f"export folder is not a folder: {out}")
    for private in (workspace.seeds, workspace.state):
        resolved, guarded = out.resolve(), private.resolve()
        if resolved == guarded or guarded in resolved.parents:
            raise UsageError(f"cannot export into {private.name}/: choose another folder")
    try:
        fsutil.mkdir(out)
    except OSError as exc:
        raise WorkbenchError(f"cannot create export folder {out}: {exc.strerror or exc}") from None
    return out.resolve()


class _Run:
    def __init__(self, out: Path, names: Names, result: ExportResult, flavour: Flavour) -> None:
        self.out, self.names, self.result, self.flavour = out, names, result, flavour
        self.done: set[str] = set()

    def write(self, name: str, fm: dict, body: str) -> None:
        written, message = update_file(self.out / name, fm, body, self.flavour.head)
        (self.result.written if written else self.result.unchanged).append(name)
        if message:
            self.result.warnings.append(message)
        self.names.files.add(name)
        self.done.add(name)

    def tidy(self) -> None:
        """Stale pages from earlier exports: delete if all ours, else mark them stale."""
        for name in sorted(self.names.files - self.done):
            path = self.out / name
            try:
                text = read_text(path)
            except WorkbenchError:
                text = None
            if text is None or not has_markers(path):
                self.names.files.discard(name)  # gone, or no longer ours to manage
                continue
            if not user_text(text):
                fsutil.unlink(path)
                self.result.removed.append(name)
                self.names.files.discard(name)
                self._prune(path.parent)
            else:
                self.write(name, {"highlights": 0}, stale_page(self.flavour))

    def _prune(self, folder: Path) -> None:
        tags_root = self.out / TAGS_DIR
        while folder != self.out and tags_root in (folder, *folder.parents):
            try:
                fsutil.rmdir(folder)  # only succeeds when empty
            except OSError:
                return
            folder = folder.parent


def export_notes(library, store, out_dir=None, article: str | None = None, tag: str | None = None,
                 format: str | None = None, bib: bool = False) -> ExportResult:
    """Write notes for highlighted articles, `index.md` and tag pages into `out_dir`.

    Default folder: WORKSPACE/notes. `format`: obsidian, logseq or commonmark (None: the
    one last used in this workspace, else obsidian); it is remembered. `bib`: also write
    references.bib and references.json for every article. Unknown article, tag or format →
    UsageError.
    """
    workspace = library.workspace
    if format is not None and format not in FORMATS:
        raise UsageError(f"unknown export format {plain(format)!r}: choose one of {', '.join(FORMATS)}")
    remembered_format, problem = prefs.remembered(workspace)
    chosen = flavour(format or remembered_format)
    out = _out_folder(out_dir if out_dir is not None else workspace.notes, workspace)
    articles = library.load()
    meta = source_meta(library)
    names = Names(out)
    result = ExportResult(out_dir=out, format=chosen.name)
    if problem and format is None:
        result.warnings.append(problem)
    if names.problem:
        result.warnings.append(names.problem)

    plan = _Plan(store, articles, names)
    notes_wanted, tags_wanted = _select(library, plan.grouped, plan.entries, plan.by_tag, article, tag)
    back = read_back(store, out, names, plan.grouped, notes_wanted)
    result.read_back, result.conflicts = back.updated, back.conflicts
    result.warnings += back.warnings
    if back.updated:  # the store changed: group again
        plan = _Plan(store, articles, names)
        notes_wanted, tags_wanted = _select(library, plan.grouped, plan.entries, plan.by_tag, article, tag)
    if plan.missing:
        shown = ", ".join(sorted(plan.missing)[:3]) + (" …" if len(plan.missing) > 3 else "")
        result.warnings.append(f"{sum(plan.missing.values())} highlight(s) skipped: their articles are not in "
                               f"the library ({shown})")
    entries, ids, layouts, by_tag, tag_files = plan.entries, plan.ids, plan.layouts, plan.by_tag, plan.tag_files
    _check_targets(out, [name for _, name, _ in entries] + list(tag_files.values()) + [INDEX])
    run = _Run(out, names, result, chosen)
    for art, name, anns in entries:
        if notes_wanted is None or art.id in notes_wanted:
            fm = front_matter(art, anns, workspace.root, meta.get(art.id))
            body = render_body(art, anns, ids[art.id], layouts[art.id], chosen)
            run.write(name, fm, body)
            remember(names, name, anns, fm["tags"], body, chosen.logseq)
    for t in sorted(by_tag):
        if tags_wanted is None or t in tags_wanted:
            run.write(tag_files[t], *tag_page(t, tag_files[t], by_tag[t], ids, layouts, chosen))
    counts = {t: sum(len(anns) for _, _, anns in by_tag[t]) for t in by_tag}
    run.write(INDEX, *index_page(entries, tag_files, counts, chosen))
    if article is None and tag is None:
        run.tidy()
        alive = {a.id for anns in plan.grouped.values() for a in anns}
        names.synced = {k: v for k, v in names.synced.items() if k in alive}
        names.heads = {k: v for k, v in names.heads.items() if k in names.files}
    if bib:
        for name, text in bibliography.files(list(articles.values()), meta).items():
            (result.written if write_if_changed(out / name, text) else result.unchanged).append(name)
    names.save()
    for t in by_tag:
        if tag_from_hashtag(hashtag(t)) != t:
            result.warnings.append(f"tag {plain(t)!r} cannot be a hashtag as it is: written as {hashtag(t)}; "
                                   f"rename it (workbench tags rename) so it is not confused with another tag")
    if format is not None:
        prefs.remember(workspace, chosen.name)
    for field_name in ("written", "unchanged", "removed"):
        setattr(result, field_name, sorted(set(getattr(result, field_name))))
    return result


class _Plan:
    """Highlights grouped by article (in index order, with file names) and by tag."""

    def __init__(self, store: AnnotationStore, articles: dict, names: Names) -> None:
        self.grouped: dict[str, list] = {}
        self.missing: Counter = Counter()
        for annotation in store.all():
            if annotation.article in articles:
                self.grouped.setdefault(annotation.article, []).append(annotation)
            else:
                self.missing[annotation.article] += 1
        self.entries = []  # (article, file name, annotations), in index order
        for article_id in sorted(self.grouped, key=lambda i: (plain(articles[i].title).casefold(), i)):
            art = articles[article_id]
            self.entries.append((art, names.article_file(article_id, art.title), self.grouped[article_id]))
        self.ids = {art.id: block_ids(anns) for art, _, anns in self.entries}
        self.layouts = {art.id: NoteLayout(art) for art, _, _ in self.entries}
        self.by_tag: dict[str, list] = {}
        for art, name, anns in self.entries:
            per_tag: dict[str, list] = {}
            for a in anns:
                for t in dict.fromkeys(a.tags):
                    per_tag.setdefault(t, []).append(a)
            for t in sorted(per_tag):
                self.by_tag.setdefault(t, []).append((art, name, per_tag[t]))
        self.tag_files = {t: names.tag_file(t) for t in sorted(self.by_tag)}


def _check_targets(out: Path, names: list[str]) -> None:
    """Fail before writing anything when a file sits where a folder must be (or the reverse)."""
    checked: set[str] = set()
    for name in names:
        parts = name.split("/")
        for depth in range(1, len(parts) + 1):
            rel = "/".join(parts[:depth])
            if rel in checked:
                continue
            checked.add(rel)
            path = out / rel
            is_folder = depth < len(parts)
            if is_folder and path.exists() and not path.is_dir():
                raise WorkbenchError(f"cannot write {out / name}: {out.name}/{rel} is a file, not a folder")
            if not is_folder and path.is_dir():
                raise WorkbenchError(f"cannot write {out / name}: {out.name}/{rel} is a folder, not a file")


def _select(library: Library, grouped: dict[str, list], entries: list, by_tag: dict[str, list], article: str | None,
            tag: str | None) -> tuple[set[str] | None, set[str] | None]:
    """Which notes and tag pages a filtered export refreshes (None = all)."""
    if article is None and tag is None:
        return None, None
    notes: set[str] = set()
    tags: set[str] = set()
    if article is not None:
        article_id = library.resolve_id(article)
        if article_id not in grouped:
            raise UsageError(f"article {article_id} has no highlights to export")
        notes.add(article_id)
    if tag is not None:
        wanted = tag_key(tag) or ""
        tags = {t for t in by_tag if t == wanted or t.startswith(wanted + "/")}
        if not wanted or not tags:
            raise UsageError(f"no highlight carries the tag {plain(tag)!r}")
        notes |= {art.id for t in tags for art, _, _ in by_tag[t]}  # so the links resolve
    return notes, tags
