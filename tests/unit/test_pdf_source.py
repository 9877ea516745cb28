"""PDF sources: real PDFs written with fpdf2, read back through the whole PDF pipeline."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from tests.documents import PdfPage, sentence_lines, write_pdf
from workbench.errors import SourceError
from workbench.library import build_article
from workbench.library.pdf_layout import furniture_shape, signature
from workbench.library.pdf_source import meaningful_title

RIVER = ("The river authority opened the northern sluices on Tuesday morning after three days of "
         "steady rain had raised the water level above the spring mark.")
FARMERS = ("Farmers along the lower valley moved their cattle to higher ground, and the regional "
           "council set up a shelter in the old grain hall for families who had to leave.")
ENGINEERS = ("Engineers say the new barrier held as designed, although the gauges at the weir showed "
             "a faster rise than the models had predicted for a storm of this size.")
MAYOR = ("The mayor thanked the volunteers who filled sandbags through the night and promised a full "
         "review of the warning system before the autumn season begins.")


def body(article) -> str:
    return "\n\n".join(article.text[b.start:b.end] for b in article.blocks if b.kind in ("paragraph", "heading"))


def four_pages(tmp_path: Path, **kwargs) -> Path:
    pages = [PdfPage([sentence_lines(text)]) for text in (RIVER, FARMERS, ENGINEERS, MAYOR)]
    pages[0].heading = "Flood Waters Recede in the Valley"
    return write_pdf(tmp_path / "flood.pdf", pages, **kwargs)


def test_running_heads_feet_and_page_numbers_are_removed(tmp_path):
    path = four_pages(tmp_path, title="Flood Waters Recede in the Valley - Valley Times",
                      running_head="Valley Times Weekly Edition", page_numbers="Page {n} of {total}",
                      footer_url="https://valley.example/news/flood-waters", print_date="12/6/26, 3:08 AM")
    article = build_article(path)
    text = article.text
    for furniture in ("Valley Times Weekly", "Page 2 of 4", "valley.example", "3:08 AM"):
        assert furniture not in text
    for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR):
        assert sentence in text
    assert any(r.kind == "page_furniture" and "Page 3 of 4" in r.text for r in article.removed)


def test_counter_n_of_total_and_url_lines_are_furniture_by_shape():
    for line in ("3/12", "Page 4", "- 7 -", "https://example.org/a/b 2/5", "12/6/26, 3:08 AM", "iv"):
        assert furniture_shape(line), line
    for line in ("The vote was 3/12 against", "Results in 2024 were better"):
        assert not furniture_shape(line), line
    assert signature("Chapter 3 — page 14") == signature("Chapter 3 — page 15")


def test_hyphenation_across_lines_and_pages_is_joined(tmp_path):
    pages = [
        PdfPage([["The committee published a compre-", "hensive report on the state of the harbour",
                  "and its future, which the city will dis-"]]),
        PdfPage([["cuss at its next meeting in the spring. A comprehensive plan follows later."]]),
    ]
    article = build_article(write_pdf(tmp_path / "h.pdf", pages, title="Harbour Report"))
    assert "a comprehensive report on the state of the harbour" in article.text
    assert "the city will discuss at its next meeting" in article.text


def test_two_columns_are_read_column_by_column(tmp_path):
    left = sentence_lines("Left column opens the story: the bridge closed at dawn while inspectors "
                          "checked the cables and the ferry took the morning commuters across the bay. "
                          "The inspection found loose bolts on the eastern span.", per_line=5)
    right = sentence_lines("Right column continues with the reopening: by noon the bridge was open "
                           "again, and traffic returned to normal before the evening rush began in the "
                           "city centre. Officials will report next week.", per_line=5)
    page = PdfPage(columns=(left, right), heading="Bridge Closed for Inspection")
    article = build_article(write_pdf(tmp_path / "cols.pdf", [page], title="Bridge Closed for Inspection"))
    text = article.text
    assert "checked the cables and the ferry took the morning commuters across the bay" in text
    assert "by noon the bridge was open again, and traffic returned" in text
    assert text.index("eastern span") < text.index("Right column continues")


def test_paragraphs_come_from_line_geometry(tmp_path):
    page = PdfPage([sentence_lines(RIVER + " " + FARMERS), sentence_lines(ENGINEERS)])
    article = build_article(write_pdf(tmp_path / "p.pdf", [page], title="Flood Report"))
    paragraphs = [article.text[b.start:b.end] for b in article.blocks if b.kind == "paragraph"]
    assert paragraphs == [RIVER + " " + FARMERS, ENGINEERS]


def test_pages_are_ascending_and_cover_the_text(tmp_path):
    article = build_article(four_pages(tmp_path, title="Flood Waters Recede in the Valley"))
    pages = article.pages
    assert [p.number for p in pages] == [1, 2, 3, 4]
    assert pages[0].start == 0 and pages[-1].end == len(article.text)
    assert all(a.end == b.start for a, b in itertools.pairwise(pages))
    for number, sentence in enumerate((RIVER, FARMERS, ENGINEERS, MAYOR), 1):
        at = article.text.index(sentence)
        assert article.page_at(at) == number
        assert article.page_at(at + len(sentence) - 1) == number
    assert article.to_dict()["pages"] == [p.to_dict() for p in pages]


def test_a_paragraph_running_over_a_page_break_is_split_between_the_pages(tmp_path):
    pages = [PdfPage([sentence_lines(RIVER), ["Farmers along the lower valley moved their cattle to higher"]]),
             PdfPage([["ground, and the council opened a shelter in the grain hall."]])]
    article = build_article(write_pdf(tmp_path / "split.pdf", pages, title="Valley Floods"))
    assert "moved their cattle to higher ground, and the council" in article.text
    assert article.page_at(article.text.index("cattle")) == 1
    assert article.page_at(article.text.index("shelter")) == 2


def test_metadata_title_author_date(tmp_path):
    article = build_article(four_pages(tmp_path, title="Flood Waters Recede in the Valley | Valley Times",
                                       author="Ana Ruiz", created="2024-05-06T10:00:00"))
    assert article.title == "Flood Waters Recede in the Valley"
    assert not article.title_is_derived
    assert article.authors == ["Ana Ruiz"]
    assert article.date == "2024-05-06"


def test_placeholder_metadata_title_falls_back_to_the_largest_line(tmp_path):
    article = build_article(four_pages(tmp_path, title="Microsoft Word - draft_v3.doc"))
    assert article.title == "Flood Waters Recede in the Valley"
    assert not article.title_is_derived


def test_meaningful_title_rules():
    assert meaningful_title("Untitled") is None
    assert meaningful_title("report_final_v2") is None
    assert meaningful_title("scan0001.pdf") is None
    assert meaningful_title("Microsoft Word - Budget Notes.docx") is None
    assert meaningful_title("Night Trains Return to Europe - The Guardian") == "Night Trains Return to Europe"
    assert meaningful_title("Night Trains Return | Rail News") == "Night Trains Return"
    assert meaningful_title("Night Trains Return to Europe") == "Night Trains Return to Europe"


def test_no_title_anywhere_is_derived(tmp_path):
    article = build_article(write_pdf(tmp_path / "plain.pdf", [PdfPage([sentence_lines(RIVER)])]))
    assert article.title_is_derived


@pytest.mark.parametrize("name, make, message", [
    ("truncated", lambda good: good[: len(good) // 2], "damaged or truncated PDF"),
    ("garbage", lambda good: b"%PDF-1.7\n" + b"\x00garbage" * 100, "damaged or truncated PDF"),
    ("notpdf", lambda good: b"just some words, not a PDF at all\n" * 5, "not a PDF file"),
])
def test_damaged_files_fail_with_one_line(tmp_path, name, make, message):
    good = four_pages(tmp_path).read_bytes()
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(make(good))
    with pytest.raises(SourceError, match=message) as info:
        build_article(path)
    assert "\n" not in info.value.message and str(path) in info.value.message


def test_encrypted_and_image_only_pdfs_fail_with_one_line(tmp_path):
    from fpdf import FPDF

    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="user")
    locked.add_page()
    locked.set_font("Helvetica", size=11)
    locked.cell(0, 10, "secret text")
    (tmp_path / "locked.pdf").write_bytes(bytes(locked.output()))
    with pytest.raises(SourceError, match="encrypted"):
        build_article(tmp_path / "locked.pdf")
    scan = FPDF()
    scan.add_page()
    scan.rect(20, 20, 150, 200, style="F")  # a page with marks but no text, like a scan
    (tmp_path / "scan.pdf").write_bytes(bytes(scan.output()))
    with pytest.raises(SourceError, match=r"no text layer \(scanned\?\): run OCR first"):
        build_article(tmp_path / "scan.pdf")


def test_import_reports_progress_through_the_pages_of_a_pdf(tmp_path, empty_workspace):
    from workbench.library.ingest import import_paths
    from workbench.workspace import Workspace

    source = four_pages(tmp_path, title="Flood Waters Recede in the Valley")
    calls = []
    report = import_paths(Workspace(empty_workspace), [source], lambda done, total, path: calls.append((done, total)))
    assert [i.title for i in report.imported] == ["Flood Waters Recede in the Valley"]
    assert calls == [(0.25, 1), (0.5, 1), (0.75, 1), (1.0, 1), (1, 1)]  # per page, then the file is done


def test_every_page_of_a_longer_pdf_is_read_and_marked():
    """Ten times the pages, ten times the blocks and page marks (seconds: benchmarks/pdf_bench.py --scale)."""
    from benchmarks.pdf_bench import generated_pdf
    from workbench.library.pdf_source import parse_pdf

    small, big = parse_pdf(generated_pdf(5), "small"), parse_pdf(generated_pdf(50), "big")
    assert len(big.page_marks) == 10 * len(small.page_marks) == 50
    assert len(big.pieces) == 10 * len(small.pieces)


MENU = ["World news and politics", "Business and markets", "Science and climate"]  # too few to be a menu
TEASERS = ["Ten night trains across Europe that you can still book this winter",
           "Why the island ferry has been running late again all through the summer",
           "The quiet return of the village bakery in the northern hills"]


def printed_page(tmp_path, title="Flood Waters Recede in the Valley - Valley Times - Local News"):
    pages = [PdfPage([sentence_lines(RIVER + " " + FARMERS)], heading="Flood Waters Recede in the Valley"),
             PdfPage([sentence_lines(ENGINEERS + " " + MAYOR)])]
    return write_pdf(tmp_path / "printed.pdf", pages, title=title, creator="Mozilla/5.0 HeadlessChrome/120",
                     before=MENU, after=TEASERS, print_date="12/6/26, 3:08 AM", page_numbers="{n}/{total}",
                     footer_url="https://valley.example/2024/flood")


def test_a_printed_web_page_loses_the_menus_above_its_headline_and_the_teasers_below(tmp_path):
    article = build_article(printed_page(tmp_path))
    assert article.title == "Flood Waters Recede in the Valley"
    text = body(article)
    for line in MENU + TEASERS:
        assert line not in text, line
    assert RIVER in text and MAYOR in text
    removed = " ".join(r.text for r in article.removed)
    assert "Business and markets" in removed and "village bakery" in removed
    assert article.pages[0].start == 0 and article.page_at(article.text.index("mayor")) == 2


def test_text_above_a_headline_is_kept_when_it_is_most_of_the_running_text(tmp_path):
    pages = [PdfPage([sentence_lines(RIVER), sentence_lines(FARMERS), sentence_lines(ENGINEERS)]),
             PdfPage([sentence_lines(MAYOR)], heading="A Note on the Warning System")]
    path = write_pdf(tmp_path / "report.pdf", pages, title="A Note on the Warning System")
    article = build_article(path)
    assert all(sentence in article.text for sentence in (RIVER, FARMERS, ENGINEERS, MAYOR))


def test_title_candidates_cut_at_each_separator():
    from workbench.library.pdf_webpage import title_candidates

    assert title_candidates("Remake of a Cartoon - Remember 80/90 - Memorabilia") == [
        "Remake of a Cartoon - Remember 80/90 - Memorabilia", "Remake of a Cartoon - Remember 80/90",
        "Remake of a Cartoon"]


def test_page_labels_survive_the_article_cache_and_bad_ones_are_refused(tmp_path):
    from workbench.library.model import Article

    path = write_pdf(tmp_path / "front.pdf", [PdfPage([sentence_lines(t)]) for t in (RIVER, FARMERS, ENGINEERS)],
                     title="Flood Report", labels={1: ("r", 1), 2: ("D", 1)})
    article = build_article(path)
    assert [(p.number, p.label) for p in article.pages] == [(1, "i"), (2, "1"), (3, "2")]
    assert article.page_name_at(article.text.index("Engineers")) == "2"
    assert article.page_at(article.text.index("Engineers")) == 3
    record = article.to_cache()
    assert Article.from_cache(record).pages == article.pages
    record["pages"][0]["label"] = "\x1b[31mi"
    with pytest.raises(ValueError):
        Article.from_cache(record)
