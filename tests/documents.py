"""Real PDF files with known text for tests, written with fpdf2 (a dev dependency).

Lines are placed one by one (`pdf.text(x, y, line)`), so a test decides exactly where every
line, hyphen, running head and column sits — the reader has to rebuild the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from fpdf import FPDF

WIDTH, HEIGHT = 210, 297  # A4 in mm (fpdf2's unit)
LEFT = 25
LINE = 6  # mm between baselines of body lines (11 pt text)


@dataclass
class Row:
    """A line with a look of its own: a link over it (as a browser prints a hyperlink),
    set further right, or in another font size."""

    text: str
    link: bool = False
    indent: float = 0.0  # mm right of the body's left edge
    size: float = 11.0


def _line(pdf: FPDF, line: str | Row, y: float) -> None:
    row = line if isinstance(line, Row) else Row(line)
    pdf.set_font("Helvetica", size=row.size)
    pdf.text(LEFT + row.indent, y, row.text)
    if row.link:
        pdf.link(LEFT + row.indent, y - row.size * 0.3, pdf.get_string_width(row.text), row.size * 0.4,
                 "https://example.org/another-story")
    pdf.set_font("Helvetica", size=11)


@dataclass
class PdfPage:
    paragraphs: list[list[str | Row]] = field(default_factory=list)  # each paragraph: its lines as laid out
    heading: str | None = None  # a bigger line at the top of the body
    columns: tuple[list[str], list[str]] | None = None  # two columns of lines, written row by row


def write_pdf(path: Path, pages: list[PdfPage], *, title: str | None = None, author: str | None = None,
              created: str | None = None, running_head: str | None = None, page_numbers: str | None = None,
              footer_url: str | None = None, print_date: str | None = None, creator: str | None = None,
              before: list[str | Row] | None = None, after: list[str | Row] | None = None,
              bottom_heading: tuple[int, str] | None = None,
              labels: dict[int, tuple[str, int]] | None = None, overlay_link: int | None = None) -> Path:
    """`page_numbers`: a format such as "Page {n} of {total}" or "{n}/{total}" for the foot.
    `before`/`after`: short lines (a site's menu, teasers) above the first page's heading and
    below the last page's text; `creator`: the Creator metadata (a browser for a printed page);
    `bottom_heading`: (page, text) a large heading near that page's bottom edge;
    `labels`: page → (style, first number) where a range of page labels begins ("r": i, ii, …);
    `overlay_link`: a page with one link over all of it (as some sites lay a clickable layer)."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    if title is not None:
        pdf.set_title(title)
    if author is not None:
        pdf.set_author(author)
    if creator is not None:
        pdf.set_creator(creator)
    if created is not None:
        from datetime import datetime

        pdf.set_creation_date(datetime.fromisoformat(created).replace(tzinfo=UTC))
    total = len(pages)
    for n, page in enumerate(pages, 1):
        pdf.add_page()
        if labels and n in labels:
            pdf.set_page_label(labels[n][0], None, labels[n][1])
        if overlay_link == n:
            pdf.link(0, 0, WIDTH, HEIGHT, "https://example.org/")
        pdf.set_font("Helvetica", size=8)
        if print_date:
            pdf.text(10, 8, print_date)
        if running_head:
            pdf.text(WIDTH / 2 - 20, 8, running_head)
        if footer_url:
            pdf.text(10, HEIGHT - 8, footer_url)
        if page_numbers:
            pdf.text(WIDTH - 30, HEIGHT - 8, page_numbers.format(n=n, total=total))
        y = 30.0
        if n == 1 and before:
            for line in before:
                _line(pdf, line, y)
                y += LINE * 1.6
        if page.heading:
            pdf.set_font("Helvetica", style="B", size=20)
            pdf.text(LEFT, y, page.heading)
            y += 14
        pdf.set_font("Helvetica", size=11)
        for paragraph in page.paragraphs:
            for line in paragraph:
                _line(pdf, line, y)
                y += LINE
            y += LINE * 0.8  # space between paragraphs
        if page.columns:
            left, right = page.columns
            for row in range(max(len(left), len(right))):  # content order interleaves the columns
                if row < len(left):
                    pdf.text(LEFT, y, left[row])
                if row < len(right):
                    pdf.text(WIDTH / 2 + 5, y, right[row])
                y += LINE
        if bottom_heading and bottom_heading[0] == n:
            pdf.set_font("Helvetica", style="B", size=20)
            pdf.text(LEFT, HEIGHT - 16, bottom_heading[1])
            pdf.set_font("Helvetica", size=11)
        if n == total and after:
            y += LINE
            for line in after:
                _line(pdf, line, y)
                y += LINE * 1.6
    path.write_bytes(bytes(pdf.output()))
    return path


def sentence_lines(words: str, per_line: int = 11) -> list[str]:
    """Split text into lines of `per_line` words (a narrow, ragged-right setting)."""
    tokens = words.split()
    return [" ".join(tokens[i:i + per_line]) for i in range(0, len(tokens), per_line)]


def write_epub(path: Path, chapters: list[tuple[str, str]], *, title: str | None = "The Salt Roads",
               author: str | None = "Mira Okafor", date: str | None = "2019-04-02", language: str = "en",
               cover: bool = True, extra: dict[str, bytes] | None = None) -> Path:
    """An EPUB 3 (ebooklib) with a cover page, a navigation document, an NCX and `chapters`:
    (table-of-contents label, XHTML body content). `extra`: more zip entries to add afterwards."""
    import zipfile

    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("test-book-1")
    if title is not None:
        book.set_title(title)
    book.set_language(language)
    if author is not None:
        book.add_author(author)
    if date is not None:
        book.add_metadata("DC", "date", date)
    items = []
    if cover:
        page = epub.EpubHtml(title="Cover", file_name="cover.xhtml")
        page.content = f"<html><body><h1>{title or 'Cover'}</h1><p>A novel of the desert trade</p></body></html>"
        book.add_item(page)
    for n, (label, body) in enumerate(chapters, 1):
        item = epub.EpubHtml(title=label, file_name=f"chapter_{n:02}.xhtml", lang=language)
        item.content = f"<html><body>{body}</body></html>"
        book.add_item(item)
        items.append(item)
    book.toc = tuple(items)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = (["cover.xhtml"] if cover else []) + ["nav"] + items
    if cover:
        book.spine[0] = page
    epub.write_epub(str(path), book)
    if extra:
        with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in extra.items():
                archive.writestr(name, data)
    return path
