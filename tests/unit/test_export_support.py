"""Shared checks for exported notes: parse with a YAML loader and markdown-it-py.

Used by the unit and CLI export tests; the tests at the bottom check the checker itself
(it must reject the structures it is meant to catch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

BEGIN, END = "<!-- workbench:begin -->", "<!-- workbench:end -->"
MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")


@dataclass
class Parsed:
    meta: dict
    body: str
    tokens: list

    def of(self, kind: str) -> list:
        return [t for t in self.tokens if t.type == kind]

    def headings(self) -> list[tuple[str, str]]:
        return [(t.tag, inline_text(self.tokens[i + 1])) for i, t in enumerate(self.tokens) if t.type == "heading_open"]

    def blockquotes(self) -> list[str]:
        """Plain text of each top-level blockquote (paragraphs joined by newlines)."""
        out, depth, parts = [], 0, []
        for t in self.tokens:
            if t.type == "blockquote_open" and (depth or t.level == 0):
                depth += 1
                if depth == 1:
                    parts = []
            elif t.type == "blockquote_close" and depth:
                depth -= 1
                if depth == 0:
                    out.append("\n".join(parts))
            elif t.type == "inline" and depth:
                parts.append(inline_text(t))
        return out

    def list_items(self) -> list[list[str]]:
        """Paragraph texts of each list item."""
        items, current = [], None
        for t in self.tokens:
            if t.type == "list_item_open":
                current = []
            elif t.type == "list_item_close":
                items.append(current)
                current = None
            elif t.type == "inline" and current is not None:
                current.append(inline_text(t))
        return items

    def paragraphs(self) -> list[str]:
        return [inline_text(self.tokens[i + 1]) for i, t in enumerate(self.tokens)
                if t.type == "paragraph_open" and t.level == 0]


def inline_text(token) -> str:
    out = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type in ("text", "text_special", "code_inline"):
            out.append(child.content)
    return "".join(out)


def logseq_properties(text: str) -> tuple[dict, str]:
    """Page properties as Logseq reads them: the leading `key:: value` lines (tags and alias
    are comma-separated lists), and the rest. Written here from Logseq's rules, independent
    of workbench's own reader."""
    meta: dict = {}
    lines = text.split("\n")
    n = 0
    while n < len(lines) and re.match(r"^[A-Za-z0-9_][A-Za-z0-9_-]*:: ?", lines[n]):
        key, value = lines[n].split("::", 1)
        value = value.strip()
        meta[key] = [v.strip() for v in value.split(",") if v.strip()] if key in ("tags", "alias") else value
        n += 1
    return meta, "\n".join(lines[n:])


def parse(text: str) -> Parsed:
    if not text.startswith("---\n"):
        meta, body = logseq_properties(text)
        assert meta, "front matter or page properties must be first"
        return Parsed(meta, body, MD.parse(body))
    end = text.index("\n---\n", 3)
    meta = yaml.safe_load(text[4:end + 1])
    assert isinstance(meta, dict)
    body = text[end + 5:]
    return Parsed(meta, body, MD.parse(body))


ANCHOR = re.compile(r'^<a id="h-[0-9a-z-]+">$')
# The user's Markdown may nest these inside the list item holding the note, never at the top.
NESTED_ONLY = {"hr", "fence", "code_block", "table_open", "s_open", "html_inline"}


def check_structure(parsed: Parsed) -> None:
    """Only the structure workbench writes: markers as the only HTML blocks, no rules, code or
    tables at the top level (a note may hold them inside its list item), inline HTML only
    as CommonMark anchors."""
    html = [t.content.strip() for t in parsed.of("html_block")]
    assert html == [BEGIN, END], html
    for t in parsed.tokens:
        if t.type in NESTED_ONLY:
            assert t.level >= 2, (t.type, t.level)
        if t.type == "heading_open":
            assert t.level == 0
        for child in t.children or []:
            if child.type == "html_inline":
                assert ANCHOR.match(child.content) or child.content == "</a>", child.content
            if child.type == "text":
                assert "\x1b" not in child.content
    lines = parsed.body.split("\n")
    assert lines.count(BEGIN) == 1 and lines.count(END) == 1


def anchors(parsed: Parsed) -> set[str]:
    """Link targets a file defines: CommonMark `<a id>` anchors, Obsidian `^id` lines, Logseq `id::`."""
    found = set()
    for t in parsed.tokens:
        for child in t.children or []:
            if child.type == "html_inline" and ANCHOR.match(child.content):
                found.add(child.content.split('"')[1])
    found |= {"^" + p[1:] for p in parsed.paragraphs() if re.fullmatch(r"\^[0-9a-z-]+", p)}
    found |= set(re.findall(r"^\s*id:: ([0-9a-f-]{36})$", parsed.body, re.MULTILINE))
    return found


def links(parsed: Parsed) -> list[str]:
    return [child.attrs["href"] for t in parsed.tokens for child in t.children or [] if child.type == "link_open"]


def note_sections(text: str) -> list[str]:
    """The raw lines under each `- Note:` item (indentation removed), as written in the file."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if stripped.rstrip() != "- Note:":
            continue
        indent = len(line) - len(stripped) + 2
        body = []
        for nxt in lines[i + 1:]:
            if nxt.strip() and (len(nxt) - len(nxt.lstrip(" ")) < indent):
                break
            body.append(nxt[indent:])
        while body and not body[-1].strip():
            body.pop()
        while body and not body[0].strip():
            body.pop(0)
        out.append("\n".join(body))
    return out


def read_all(out: Path) -> dict[str, Parsed]:
    """Every exported Markdown file below `out` (relative posix path → Parsed)."""
    return {p.relative_to(out).as_posix(): parse(p.read_text("utf-8")) for p in sorted(out.rglob("*.md"))}


def squash(text: str) -> str:
    return " ".join(text.split())


def test_checker_rejects_stray_structure():
    for hostile in ("# heading", "---", "title\n---", "<script>x</script>", "```\ncode\n```", "a | b\n--|--",
                    "- Note:\n\n  x\n  ---", "- Note:\n\n  # h", "- Note:\n\n  a <b>x</b>"):
        parsed = parse(f"---\ntitle: x\n---\n{BEGIN}\n{hostile}\n{END}\n")
        try:
            check_structure(parsed)
            assert parsed.headings() == []
        except AssertionError:
            continue
        raise AssertionError(f"checker accepted {hostile!r}")


def test_checker_reads_blockquotes_and_list_items():
    parsed = parse("---\na: 1\n---\n> one\n> two\n\n- Note:\n\n  text \\# here\n")
    assert parsed.meta == {"a": 1}
    assert parsed.blockquotes() == ["one\ntwo"]
    assert parsed.list_items() == [["Note:", "text # here"]]
