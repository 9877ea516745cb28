"""The Annotation record and the rules for its user-supplied parts (colour, tags, note).

One place validates what may enter the store — from the CLI, the TUI or an import file —
so every path cleans tags and notes the same way and rejects the same bad values.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, UTC

from workbench.errors import UsageError
from workbench.textnorm import strip_control

COLORS = ("yellow", "green", "blue", "pink", "purple")
STATUSES = ("anchored", "moved", "needs_review", "orphaned")
CONTEXT = 32  # characters of prefix/suffix kept to re-find a quote
MAX_NOTE = 100_000
MAX_TAG = 200

PUBLIC_FIELDS = ("id", "article", "start", "end", "quote", "prefix", "suffix", "color", "note",
                 "tags", "created", "updated", "status")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def new_id() -> str:
    return str(uuid.uuid4())


def check_color(color: str) -> str:
    value = strip_control(str(color)).strip().lower()
    if value not in COLORS:
        raise UsageError(f"unknown colour {color!r}: choose one of {', '.join(COLORS)}")
    return value


def check_status(status: str) -> str:
    value = strip_control(str(status)).strip().lower()
    if value not in STATUSES:
        raise UsageError(f"unknown status {status!r}: choose one of {', '.join(STATUSES)}")
    return value


# What a tag may hold once normalised: letters and digits of any script, '_', '-' and '/'
# (levels). Anything else ('c++', 'c#', 'a.b') would have to be mapped to one of these to
# become a hashtag, and then 'c++' and 'c--' (or 'c') would silently be the same tag.
_TAG_OK = re.compile(r"^[\w/-]+$")


def normalize_tag(tag: str, *, strict: bool = True) -> str:
    """`  Policy / Energy Mix ` → `policy/energy-mix`; empty or unusable → UsageError.

    Tags are case-insensitive (lowercased), spaces become '-', '/' separates levels. The one
    definition of a tag key (filters, export, the store). `strict=False` skips the character
    check, so tags stored before it existed can still be found and renamed.
    """
    text = strip_control(str(tag)).strip().lower().lstrip("#")
    parts = [re.sub(r"\s+", "-", p.strip()) for p in text.split("/")]
    value = "/".join(p for p in parts if p)
    if not value:
        raise UsageError(f"empty tag: {tag!r}")
    if len(value) > MAX_TAG:
        raise UsageError(f"tag too long ({len(value)} characters, at most {MAX_TAG})")
    if strict and not _TAG_OK.match(value):
        bad = "".join(dict.fromkeys(ch for ch in value if not (ch.isalnum() or ch in "_-/")))
        raise UsageError(f"tag {value!r} has {bad!r}: a tag may hold only letters, digits, '-', '_' and '/' "
                         f"(spell the sign out, e.g. 'c++' → 'cplusplus', 'c#' → 'csharp')")
    return value


def tag_key(tag: str) -> str | None:
    """`normalize_tag` without the character check, or None when nothing is left (for filters)."""
    try:
        return normalize_tag(tag, strict=False)
    except UsageError:
        return None


def normalize_tags(tags, *, strict: bool = True) -> list[str]:
    out: list[str] = []
    for tag in tags or ():
        value = normalize_tag(tag, strict=strict)
        if value not in out:
            out.append(value)
    return out


def tag_matches(tag: str, wanted: str) -> bool:
    """`policy` matches `policy` and `policy/energy`, not `policyx`."""
    return tag == wanted or tag.startswith(wanted + "/")


def clean_note(note: str) -> str:
    """Notes are Markdown: keep newlines and tabs, drop escape codes and control chars."""
    text = strip_control(str(note)).replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > MAX_NOTE:
        raise UsageError(f"note too long ({len(text)} characters, at most {MAX_NOTE})")
    return text


@dataclass
class Annotation:
    id: str
    article: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    color: str = "yellow"
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    status: str = "anchored"
    text_hash: str | None = None  # hash of the clean text it was anchored against (internal)

    def to_dict(self) -> dict:
        """The JSON contract of `annotations --json` / `highlight --json`."""
        return {name: (list(self.tags) if name == "tags" else getattr(self, name)) for name in PUBLIC_FIELDS}

    def to_record(self) -> dict:
        """What is stored on disk: the public fields plus the anchoring hash."""
        record = asdict(self)
        record["tags"] = list(self.tags)
        return record

    @classmethod
    def from_record(cls, record: dict) -> "Annotation":
        return cls(
            id=str(record["id"]),
            article=str(record["article"]),
            start=int(record["start"]),
            end=int(record["end"]),
            # the store is a file in the workspace: no escape code read from it reaches a screen
            quote=strip_control(str(record["quote"])),
            prefix=strip_control(str(record.get("prefix") or "")),
            suffix=strip_control(str(record.get("suffix") or "")),
            color=str(record.get("color") or "yellow"),
            note=strip_control(str(record.get("note") or "")),
            tags=[strip_control(str(t)) for t in record.get("tags") or []],
            created=str(record.get("created") or ""),
            updated=str(record.get("updated") or ""),
            status=str(record.get("status") or "anchored"),
            text_hash=record.get("text_hash"),
        )

    def copy(self, **changes) -> "Annotation":
        """An independent copy (its own tags list), with `changes` applied.

        Without changes (`store.all()` copies every annotation) the fields are copied
        directly: `dataclasses.replace` re-runs `__init__` with keyword arguments and was
        ~60 % of `all()` at 10k annotations."""
        if changes:
            changes.setdefault("tags", list(self.tags))
            return replace(self, **changes)
        new = object.__new__(type(self))
        fields = self.__dict__.copy()
        fields["tags"] = list(self.tags)
        new.__dict__ = fields
        return new

    @property
    def block_uuid(self) -> str:
        """The UUID tools such as Logseq use to reference this highlight (`id::`, `((uuid))`).

        Every id the store creates or imports is a UUID, kept in the record, so it is the id
        itself; a record written by an older version with another kind of id gets one derived
        from that id (uuid5), the same on every run, so references never break."""
        try:
            return str(uuid.UUID(self.id))
        except ValueError:
            return str(uuid.uuid5(uuid.NAMESPACE_URL, "workbench:annotation:" + self.id))

    @property
    def short_id(self) -> str:
        return self.id[:8]

    def label(self, width: int = 60) -> str:
        """`1a2b3c4d in 001_x: "quote…"` for one-line messages."""
        quote = " ".join(self.quote.split())
        if len(quote) > width:
            quote = quote[: width - 1] + "…"
        return f'{self.short_id} in {self.article}: "{quote}"'
