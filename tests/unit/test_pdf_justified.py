"""Justified text in narrow columns: wide word spaces are not gutters (found in QA: a word
alone between two wide gaps was split off as a line of its own and dropped as a menu entry)."""

from __future__ import annotations

from pathlib import Path

from workbench.library import build_article

LONG_WORDS = ("municipal infrastructure maintenance interruptions neighbourhoods recommended "
              "corroded households engineers committee schedules unexpected").split()


def justified_two_columns(path: Path) -> tuple[Path, list[str]]:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Water Pipes and Public Patience")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 9, "Water Pipes and Public Patience", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    paragraphs = []
    for p in range(6):
        # long words only: many lines of a narrow justified column hold three or four words
        words = [LONG_WORDS[(p * 7 + i * 5) % len(LONG_WORDS)] for i in range(60)]
        paragraphs.append(" ".join(words).capitalize() + ".")
    with pdf.text_columns(ncols=2, gutter=6, text_align="J") as cols:
        for paragraph in paragraphs:
            cols.write(paragraph)
            cols.ln()
            cols.ln()
    pdf.output(str(path))
    return path, paragraphs


def test_every_word_of_justified_columns_is_kept(tmp_path):
    path, paragraphs = justified_two_columns(tmp_path / "justified.pdf")
    article = build_article(path)
    assert article.text.split() == ["Water", "Pipes", "and", "Public", "Patience"] + " ".join(paragraphs).split()
    assert not [item for item in article.removed if item.kind != "page_furniture"]
