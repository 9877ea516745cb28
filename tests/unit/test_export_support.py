"""Shared checks for exported notes: parse with a YAML loader and markdown-it-py.

Used by the unit and CLI export tests; the tests at the bottom check the checker itself
(it must reject the structures it is meant to catch).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

BEGIN, END = "<!-- workbench:begin -->", "<!-- workbench:end -->"
MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
FORBIDDEN = {"hr", "fence", "code_block", "html_inline", "table_open", "s_open"}


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
            if t.type == "blockquote_open":
                depth += 1
                if depth == 1:
                    parts = []
            elif t.type == "blockquote_close":
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


def parse(text: str) -> Parsed:
    assert text.startswith("---\n"), "front matter must be first"
    end = text.index("\n---\n", 3)
    meta = yaml.safe_load(text[4:end + 1])
    assert isinstance(meta, dict)
    body = text[end + 5:]
    return Parsed(meta, body, MD.parse(body))


def check_structure(parsed: Parsed) -> None:
    """Only the structure workbench writes: markers as the only HTML, no hr/code/tables."""
    html = [t.content.strip() for t in parsed.of("html_block")]
    assert html == [BEGIN, END], html
    for t in parsed.tokens:
        assert t.type not in FORBIDDEN, t.type
        for child in t.children or []:
            assert child.type not in FORBIDDEN, child.type
            if child.type == "text":
                assert "\x1b" not in child.content
    assert parsed.body.count(BEGIN) == 1 and parsed.body.count(END) == 1


def read_all(out: Path) -> dict[str, Parsed]:
    """Every exported Markdown file below `out` (relative posix path → Parsed)."""
    return {p.relative_to(out).as_posix(): parse(p.read_text("utf-8")) for p in sorted(out.rglob("*.md"))}


def squash(text: str) -> str:
    return " ".join(text.split())


def test_checker_rejects_stray_structure():
    for hostile in ("# heading", "---", "title\n---", "<script>x</script>", "```\ncode\n```", "a | b\n--|--"):
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
