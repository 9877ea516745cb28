"""Writing notes without destroying what the user wrote.

A file is: front matter (generated, always first) + anything the user wrote before the
begin marker + the managed block between `<!-- workbench:begin -->` and
`<!-- workbench:end -->` + anything after it. Re-export regenerates only the front matter
(keeping keys the user added) and the managed block. A file whose markers were damaged is
copied to `<name>.bak` and gets a fresh block with the user's old text appended below it.
Files are replaced atomically and only when their bytes change, so mtimes stay put.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from workbench import fsutil
from workbench.errors import WorkbenchError
from workbench.export import frontmatter, properties

BEGIN = "<!-- workbench:begin -->"
END = "<!-- workbench:end -->"
_MARKER_LINE = re.compile(r"^(?:" + re.escape(BEGIN) + "|" + re.escape(END) + r")[ \t]*\n?", re.MULTILINE)


def marker_lines(text: str, marker: str) -> list[tuple[int, int]]:
    """(start, end) of every line that is exactly `marker` (trailing blanks allowed).

    str.find is far faster than a MULTILINE regex over megabytes of notes.
    """
    spans, pos = [], text.find(marker)
    while pos >= 0:
        end = pos + len(marker)
        while end < len(text) and text[end] in " \t":
            end += 1
        if (pos == 0 or text[pos - 1] == "\n") and (end == len(text) or text[end] == "\n"):
            spans.append((pos, end))
        pos = text.find(marker, pos + 1)
    return spans


@dataclass(frozen=True)
class Composed:
    text: str
    damaged: bool = False  # markers or front matter were broken: keep a .bak of the old file


def managed(body: str) -> str:
    return f"{BEGIN}\n{body.rstrip()}\n{END}\n"


def read_head(text: str) -> tuple[str | None, dict | None, str, str]:
    """(head text as written or None, parsed head or None when invalid, the rest, kind).

    A head is YAML front matter (`---` … `---`) or Logseq page properties (`key:: value`
    lines); either is read whatever flavour is being written, so switching flavours keeps
    the user's own keys."""
    fm_text, rest = frontmatter.split(text)
    if fm_text is not None:
        return f"---\n{fm_text}---\n", frontmatter.load(fm_text), rest, "yaml"
    props, rest = properties.split(text)
    if props is not None:
        return props, properties.load(props), rest, "properties"
    return None, None, text, ""


def compose(existing: str | None, fm: dict, body: str, head=frontmatter) -> Composed:
    """The new file content given the old one (None when there is no file yet).

    `head`: `frontmatter` (YAML, Obsidian and CommonMark) or `properties` (Logseq)."""
    block = managed(body)
    ours = head.dump(fm)
    if existing is None:
        return Composed(ours + "\n" + block)
    old_text, old_fm, rest, _kind = read_head(existing)
    if old_text == ours:  # unchanged head (the usual re-export): no need to parse it
        old_fm = {}
    begins, ends = marker_lines(rest, BEGIN), marker_lines(rest, END)
    intact = (old_text is None or old_fm is not None) and len(begins) == 1 and len(ends) == 1 \
        and begins[0][0] < ends[0][0]
    if intact:
        before = rest[:begins[0][0]]
        after = rest[ends[0][1]:]
        after = after[1:] if after.startswith("\n") else after
        top = ours if not old_fm else head.dump(frontmatter.merge(fm, old_fm))
        return Composed(top + before + block + after)
    if old_text is not None and old_fm is not None:  # head fine: regenerate it
        fm, existing = frontmatter.merge(fm, old_fm), rest
    leftover = _MARKER_LINE.sub("", existing).strip("\n")
    tail = f"\n{leftover}\n" if leftover else ""
    return Composed(head.dump(fm) + "\n" + block + tail, damaged=True)


# Every head key workbench writes (notes, tag pages, index, stale pages).
GENERATED_KEYS = frozenset({"title", "authors", "outlet", "date", "url", "accessed", "citekey", "source", "path",
                            "tags", "highlights", "tag", "articles"})


def user_text(existing: str) -> str:
    """What the user wrote outside the managed block ('' when the file is all ours).

    Head keys the user added count as their writing too."""
    old_text, meta, rest, _kind = read_head(existing)
    if old_text is not None and meta is None:
        return old_text.strip() or "?"
    extra = " ".join(str(k) for k in (meta or {}) if k not in GENERATED_KEYS)
    begins, ends = marker_lines(rest, BEGIN), marker_lines(rest, END)
    if len(begins) != 1 or len(ends) != 1 or begins[0][0] > ends[0][0]:
        return rest.strip() or "?"
    return (extra + rest[:begins[0][0]] + rest[ends[0][1]:]).strip()


def has_markers(path: Path) -> bool:
    try:
        text = read_text(path)
    except WorkbenchError:
        return False
    return text is not None and bool(marker_lines(text, BEGIN)) and bool(marker_lines(text, END))


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise WorkbenchError(f"cannot write note {path}: a folder is in the way") from None
    except OSError as exc:
        raise WorkbenchError(f"cannot read {path}: {exc.strerror or exc}") from None


def _decode(path: Path, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Undecodable(path) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str | None:
    """File content with '\\n' newlines; None if missing; undecodable → WorkbenchError."""
    data = _read_bytes(path)
    return None if data is None else _decode(path, data)


class _Undecodable(WorkbenchError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: not UTF-8 text")
        self.path = path


_UNKNOWN = object()


def write_if_changed(path: Path, text: str, old=_UNKNOWN) -> bool:
    """Atomically replace `path` with `text` unless it already holds exactly these bytes.

    `old`: the file's current bytes (None = no file) when the caller has just read them."""
    data = text.encode("utf-8")
    if old is _UNKNOWN:
        old = _read_bytes(path)
    if old == data:
        return False
    try:
        fsutil.atomic_write(path, data, durable=False)  # the temp file is gone even if this fails
    except OSError as exc:
        raise WorkbenchError(f"cannot write {path}: {exc.strerror or exc}") from None
    return True


def backup(path: Path) -> Path:
    """Copy `path` to `<name>.bak` (or `.bak.N` if an older, different backup exists)."""
    data = path.read_bytes()
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        if candidate.read_bytes() == data:
            return candidate
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    try:
        fsutil.atomic_write(candidate, data, durable=False)
    except OSError as exc:
        raise WorkbenchError(f"cannot write {candidate}: {exc.strerror or exc}") from None
    return candidate


def update_file(path: Path, fm: dict, body: str, head=frontmatter) -> tuple[bool, str | None]:
    """Regenerate one note. Returns (written?, one-line message when the file was damaged)."""
    raw = _read_bytes(path)
    try:
        existing = None if raw is None else _decode(path, raw)
    except _Undecodable:
        saved = backup(path)
        write_if_changed(path, compose(None, fm, body, head).text, raw)
        return True, f"{path.name} was not UTF-8 text: moved it to {saved.name} and wrote a fresh note"
    composed = compose(existing, fm, body, head)
    message = None
    if composed.damaged and existing is not None:
        saved = backup(path)
        message = (f"{path.name}: workbench markers or front matter were damaged; your text is kept "
                   f"below the generated block (original in {saved.name})")
    return write_if_changed(path, composed.text, raw), message
