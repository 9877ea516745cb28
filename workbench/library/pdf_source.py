"""PDF file → ArticleDraft with page locations, via PDFium (pypdfium2).

PDFium reads the characters and their boxes (pdf_layout rebuilds lines, columns, running
heads and paragraphs from them); the paragraphs then go through the same plain-text cleaner
as `.txt` sources, so site menus, newsletter boxes and credits of a browser-printed page are
treated exactly like those of a saved text copy. Title, author and date come from the PDF's
metadata when it is meaningful. Every piece of the cleaned text is traced back to the page it
came from (`pdf_pages`), giving `Article.pages`.

Damaged, encrypted and image-only PDFs fail with one line each (SourceError).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable

from workbench.errors import SourceError
from workbench.library.metadata import authors_list, clean_line, normalise_date
from workbench.library.model import ArticleDraft
from workbench.textnorm import strip_control
from workbench.library.pdf_layout import (
    GAP_SPLIT_EM,
    JUSTIFIED_GAP_EM,
    Line,
    Page,
    paragraphs,
    remove_running_lines,
)
from workbench.library import pdf_webpage as web
from workbench.library.pdf_asides import mark_asides
from workbench.library.pdf_notes import NOTES_HEADING, take_footnotes
from workbench.library.pdf_pages import align, mark_pages

PageProgress = Callable[[int, int], None]  # (pages done, pages in all)
NO_TEXT = "no text layer (scanned?): run OCR first"


def _open(data: bytes, label: str):
    import pypdfium2 as pdfium
    from pypdfium2 import raw

    if not data.lstrip()[:1024].count(b"%PDF"):
        raise SourceError(f"{label}: not a PDF file (no %PDF header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise SourceError(f"{label}: the PDF is encrypted (password protected); "
                              f"save an unlocked copy and import that") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise SourceError(f"{label}: the PDF uses an unsupported security handler (encrypted)") from None
        raise SourceError(f"{label}: damaged or truncated PDF, cannot be read") from None


def _page_lines(textpage, number: int) -> list[Line]:
    """PDFium's characters → lines, split at wide gaps (columns, left/right running heads)."""
    from pypdfium2 import raw

    handle = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    lines: list[Line] = []
    chars: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]  # x0, x1, baseline, top
    sizes: list[float] = []
    bases: list[float] = []  # each character's baseline (with `sizes`: superscript note marks)
    at: list[int] = []  # ... and its place in `chars`
    last_right = 0.0
    written_space = False

    def end() -> None:
        text = "".join(chars).strip()
        if text:
            size = sorted(sizes)[len(sizes) // 2] if sizes else 10.0
            line = Line(number, box[0], box[1], box[2], box[3], size, text)
            if min(sizes) <= size * SUP_SIZE:
                line.marks = superscripts(text, size, sizes, bases, at)
            lines.append(line)
        chars.clear()
        sizes.clear()
        bases.clear()
        at.clear()

    for index in range(raw.FPDFText_CountChars(handle)):
        code = raw.FPDFText_GetUnicode(handle, index)
        if code in (10, 13):
            end()
            continue
        if code == 2:  # PDFium's mark for a hyphen at a line end
            code = 0x2D
        if code < 32 or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
            # a space the PDF itself holds (not one PDFium made up for a gap) separates words of
            # one line: justified text in a narrow column spreads them wide without a gutter
            written_space = written_space or raw.FPDFText_IsGenerated(handle, index) == 0
            continue
        raw.FPDFText_GetCharBox(handle, index, left, right, bottom, top)
        raw.FPDFText_GetCharOrigin(handle, index, ox, oy)
        size = raw.FPDFText_GetFontSize(handle, index)
        if size < 2:
            size = max(top.value - bottom.value, 4.0)
        if chars:
            gap = left.value - last_right
            wide = gap > (JUSTIFIED_GAP_EM if written_space else GAP_SPLIT_EM) * size
            if wide or gap < -size * 4 or abs(oy.value - box[2]) > size * 0.6:
                end()
        written_space = False
        if not chars:
            box[:] = [left.value, right.value, oy.value, top.value]
        else:
            box[0] = min(box[0], left.value)
            box[1] = max(box[1], right.value)
            box[3] = max(box[3], top.value)
        at.append(len(chars))
        chars.append(char)
        sizes.append(size)
        bases.append(oy.value)
        last_right = right.value
    end()
    return lines


SUP_SIZE = 0.8  # a character this much smaller than its line's type ...
SUP_RISE = 0.15  # ... set this many font sizes above its baseline is a superscript
_MARK = frozenset("0123456789*†‡§¶")


def superscripts(text: str, size: float, sizes: list[float], bases: list[float],
                 at: list[int]) -> list[tuple[int, int]]:
    """(start, end) in `text` of each run of superscript digits or note symbols: note marks."""
    normal = sorted(base for base, s in zip(bases, sizes, strict=True) if s > size * SUP_SIZE)
    if not normal:
        return []
    baseline = normal[len(normal) // 2]
    runs: list[tuple[int, int]] = []
    for position, s, base in zip(at, sizes, bases, strict=True):
        if s <= size * SUP_SIZE and base >= baseline + size * SUP_RISE and text[position:position + 1] in _MARK:
            if runs and runs[-1][1] == position:
                runs[-1] = (runs[-1][0], position + 1)
            else:
                runs.append((position, position + 1))
    return [(a, b) for a, b in runs if b - a <= 3]


LINK_BAND = 4.0  # points: link rectangles are bucketed by this many points of height
HUGE_LINK = 0.5  # a link rectangle this tall or this much of the page's area is not read
MAX_PAGE_LINKS = 5000  # a page with more link annotations than this is not read for links


def _link_rects(page, width: float, height: float) -> list[tuple[float, float, float, float]]:
    """The page's link annotations as (x0, x1, bottom, top): a printed web page keeps its
    hyperlinks, so menus, teasers and related-story lists show as linked text. A link over
    half the page or more (an overlay, a whole-page link) says nothing about its text."""
    from pypdfium2 import raw

    rects: list[tuple[float, float, float, float]] = []
    position = ctypes.c_int(0)
    link = raw.FPDF_LINK()
    rect = raw.FS_RECTF()
    while len(rects) < MAX_PAGE_LINKS and raw.FPDFLink_Enumerate(page.raw, ctypes.byref(position),
                                                                 ctypes.byref(link)):
        if raw.FPDFLink_GetAnnotRect(link, ctypes.byref(rect)):
            x0, x1 = sorted((rect.left, rect.right))
            y0, y1 = sorted((rect.bottom, rect.top))
            huge = y1 - y0 > height * HUGE_LINK or (x1 - x0) * (y1 - y0) > width * height * HUGE_LINK
            if x1 > x0 and y1 > y0 and not huge:
                rects.append((x0, x1, y0, y1))
    return rects


def mark_links(lines: list[Line], rects: list[tuple[float, float, float, float]]) -> None:
    """Each line's `linked`: the share of its width covered by link rectangles that hold its
    middle height. Rectangles are bucketed by height, so the cost is linear for ordinary pages."""
    if not rects:
        return
    buckets: dict[int, list[tuple[float, float, float, float]]] = {}
    for rect in rects:
        for band in range(int(rect[2] // LINK_BAND), int(rect[3] // LINK_BAND) + 1):
            buckets.setdefault(band, []).append(rect)
    for line in lines:
        middle = line.bottom + (line.top - line.bottom) * 0.4
        spans = sorted((max(x0, line.x0), min(x1, line.x1))
                       for x0, x1, y0, y1 in buckets.get(int(middle // LINK_BAND), ())
                       if y0 <= middle <= y1 and x1 > line.x0 and x0 < line.x1)
        covered, reach = 0.0, line.x0
        for a, b in spans:  # union of the covered intervals
            if b > reach:
                covered += b - max(a, reach)
                reach = b
        line.linked = min(1.0, covered / line.width) if line.width > 0 else 0.0


def read_pages(doc, progress: PageProgress | None = None) -> list[Page]:
    pages: list[Page] = []
    total = len(doc)
    for index in range(total):
        page = doc[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                lines = _page_lines(textpage, index + 1)
            finally:
                textpage.close()
            mark_links(lines, _link_rects(page, width, height))
            pages.append(Page(index + 1, width, height, lines))
        finally:
            page.close()
        if progress is not None:
            progress(index + 1, total)
    return pages


# --- metadata ------------------------------------------------------------------------------

_FILE_NAME = re.compile(r"\.(docx?|pdf|odt|rtf|tex|dvi|indd|ps|qxd|pages|pptx?|xlsx?|txt|html?)$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^(untitled|untitled document|document\d*|title|no title|slide \d+|pdf|"
                          r"microsoft word|presentation\d*)$", re.IGNORECASE)
_SITE_TAIL = re.compile(r"^(?P<head>.+?)\s+(?:[|·•»]|[-–—]{1,2})\s+(?P<tail>[^|·•»]+?)$")
_BROWSER = re.compile(r"chrom|mozilla|firefox|safari|webkit|skia|wkhtmltopdf|electron", re.IGNORECASE)


def meaningful_title(raw: str | None) -> str | None:
    """The metadata title, or None for placeholders and file names; a site tail goes."""
    title = clean_line(raw)
    if not title:
        return None
    title = re.sub(r"^Microsoft (Word|PowerPoint) - ", "", title)
    if _PLACEHOLDER.match(title) or _FILE_NAME.search(title):
        return None
    if " " not in title and (re.search(r"[_\\/]|\d{3,}", title) or re.search(r"\.[a-z]{2,6}$", title, re.I)):
        return None  # a file name without its extension ("paper_v2_final"), a bare domain ("example.com")
    match = _SITE_TAIL.match(title)
    if match and len(match.group("tail").split()) <= 5 and len(match.group("head").split()) >= 2:
        title = match.group("head").strip()
    return title or None


def _pdf_date(raw_value: str | None) -> str | None:
    match = re.match(r"^(?:D:)?(\d{4})(\d{2})(\d{2})", raw_value or "")
    if not match:
        return None
    return normalise_date(f"{match.group(1)}-{match.group(2)}-{match.group(3)}")


def title_from_sizes(sizes: list[tuple[str, float, int]], body_size: float) -> str | None:
    """The first page's largest line near the top, when it stands out from the body text."""
    first = [(text, size) for text, size, page in sizes if page == sizes[0][2]][:40] if sizes else []
    candidates = [(size, -i, text) for i, (text, size) in enumerate(first) if len(text) >= 4 and any(
        c.isalpha() for c in text)]
    if not candidates:
        return None
    size, _, text = max(candidates)
    return text if size >= body_size * 1.15 and len(text.split()) <= 30 else None


MAX_LABEL = 24  # characters of a page label kept


def page_labels(doc) -> dict[int, str]:
    """Page number → the page's printed name, where the PDF labels its pages (front matter in
    roman numerals, a body counted from 1 after it, "A-3") and the label is not the number."""
    labels: dict[int, str] = {}
    for index in range(len(doc)):
        try:
            name = " ".join(strip_control(doc.get_page_label(index)).split())[:MAX_LABEL]
        except Exception:  # noqa: BLE001 — a broken label tree costs the labels, not the text
            return {}
        if name and name != str(index + 1):
            labels[index + 1] = name
    return labels


# --- the draft -----------------------------------------------------------------------------

def parse_pdf(data: bytes, label: str = "pdf", progress: PageProgress | None = None) -> ArticleDraft:
    """A PDF's text as a cleaned ArticleDraft with `page_marks`, or SourceError."""
    from workbench.library.clean import clean_plain_text

    doc = _open(data, label)
    try:
        if len(doc) == 0:
            raise SourceError(f"{label}: the PDF has no pages")
        try:
            meta = doc.get_metadata_dict()
        except Exception:  # noqa: BLE001 — broken metadata is no reason to lose the text
            meta = {}
        try:
            pages = read_pages(doc, progress)
        except Exception as exc:  # noqa: BLE001 — PDFium failing mid-file is a damaged file
            raise SourceError(f"{label}: damaged PDF, cannot read its pages ({type(exc).__name__})") from None
        labels = page_labels(doc)
    finally:
        doc.close()
    if not any(page.lines for page in pages):
        raise SourceError(f"{label}: {NO_TEXT}")
    furniture = remove_running_lines(pages)
    notes = take_footnotes(pages, _body_size(pages))
    layout = paragraphs(pages)
    if not layout.text.strip():
        raise SourceError(f"{label}: {NO_TEXT}")
    printed = _BROWSER.search(f"{meta.get('Creator', '')} {meta.get('Producer', '')}")
    meant = meaningful_title(meta.get("Title"))
    largest = title_from_sizes(layout.sizes, _body_size(pages))
    shown, above = web.cut_above_title(layout, (web.title_candidates(meta.get("Title")) if meant else [])
                                       + ([largest] if largest else []))
    asides = layout.drop_spans(mark_asides(layout)) if printed else []
    tail = web.trim_layout_tail(layout, shown) if printed and above else []
    title = (shown if meant and shown else None) or meant or largest
    draft = clean_plain_text(layout.text)
    alignment = align(layout.text, draft.pieces)
    if printed:
        links = web.piece_links(alignment, layout)
        web.drop_links(draft, alignment, links)
        if above:
            web.trim_tail(draft, alignment, links)
        web.refuse_empty(draft, label)
    for text in tail:
        draft.remove("page_tail", text)
    for text in asides:
        draft.remove("aside", text)
    for text in furniture:
        draft.remove("page_furniture", text)
    for text in above:
        draft.remove("navigation", text)
    if title:
        draft.title, draft.title_is_derived = title, False
    authors = authors_list(clean_line(meta.get("Author")))
    if authors:
        draft.authors = authors
    date = None if printed else _pdf_date(meta.get("CreationDate"))
    if date:
        draft.date = date
    if not any(kind not in ("title", "subtitle", "byline") for kind, _ in draft.pieces):
        raise SourceError(f"{label}: no article text found in the PDF")
    draft.page_marks = mark_pages(alignment, layout.page_starts)
    draft.page_labels = labels
    if notes:  # end notes after the text (they count to the last page's range)
        draft.add("heading", NOTES_HEADING)
        for _, mark, note in notes:
            draft.add("paragraph", f"[{mark}] {note}")
    return draft


def _body_size(pages: list[Page]) -> float:
    """The font size most characters are set in."""
    weight: dict[float, int] = {}
    for page in pages:
        for line in page.lines:
            key = round(line.size, 1)
            weight[key] = weight.get(key, 0) + len(line.text)
    return max(weight, key=weight.__getitem__) if weight else 10.0
