"""PDF footnotes become end notes (pdf_notes): real PDFs written with fpdf2, a superscript mark
in the text and the note in small type at the page's foot."""

from __future__ import annotations

from fpdf import FPDF

from workbench.library import build_article

LEFT, LINE = 25, 6


def _marked(pdf: FPDF, y: float, before: str, mark: str, after: str) -> None:
    """A body line with a raised, small note mark after `before`."""
    pdf.set_font("Helvetica", size=11)
    pdf.text(LEFT, y, before)
    x = LEFT + pdf.get_string_width(before)
    pdf.set_font("Helvetica", size=7)
    pdf.text(x, y - 1.4, mark)
    x += pdf.get_string_width(mark)
    pdf.set_font("Helvetica", size=11)
    pdf.text(x, y, after)


def _foot(pdf: FPDF, notes: list[tuple[str, list[str]]], y: float = 262) -> None:
    """Notes in 8 pt at the page's foot: the mark raised, then the note's lines."""
    for mark, lines in notes:
        pdf.set_font("Helvetica", size=5)
        pdf.text(LEFT, y - 1.0, mark)
        pdf.set_font("Helvetica", size=8)
        for line in lines:
            pdf.text(LEFT + 3, y, line)
            y += 4


def notes_pdf(path, *, marks: bool = True):
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("The Weir Report")
    pdf.add_page()
    y = 30.0
    lines = ["The river authority opened the northern sluices on Tuesday morning",
             "after three days of rain had raised the water level above the mark."]
    for line in lines:
        pdf.set_font("Helvetica", size=11)
        pdf.text(LEFT, y, line)
        y += LINE
    y += LINE
    _marked(pdf, y, "Engineers read the gauges at the weir every hour", "1" if marks else "", " through the")
    y += LINE
    pdf.text(LEFT, y, "night, and the readings showed a faster rise than the models had")
    y += LINE
    _marked(pdf, y, "predicted, so the council", "2" if marks else "", " decided")
    _foot(pdf, [("1", ["The gauge readings are published by the water board every morning", "on its website."]),
                ("2", ["Councillors met in the grain hall, as the town hall was flooded."])])
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(LEFT, 30, "to close the lower road until the water had fallen.")
    pdf.text(LEFT, 36, "The mayor thanked the volunteers who filled sandbags through the night.")
    path.write_bytes(bytes(pdf.output()))
    return path


def test_footnotes_go_to_the_end_and_the_marks_read_in_brackets(tmp_path):
    article = build_article(notes_pdf(tmp_path / "weir.pdf"))
    text = article.text
    assert "so the council[2] decided to close the lower road until the water had fallen." in text
    assert "every hour[1] through the night" in text
    notes_at = text.index("\n\nNotes\n\n")
    assert text.index("[1] The gauge readings are published by the water board every morning on its website.") \
        > notes_at
    assert text.index("[2] Councillors met in the grain hall") > notes_at
    assert text.index("The mayor thanked") < notes_at
    heading = next(b for b in article.blocks if article.text[b.start:b.end] == "Notes")
    assert heading.kind == "heading"


def test_small_lines_at_a_foot_that_nothing_refers_to_stay(tmp_path):
    article = build_article(notes_pdf(tmp_path / "plain.pdf", marks=False))
    assert "Notes" not in [article.text[b.start:b.end] for b in article.blocks]
    assert "Councillors met in the grain hall" in article.text


def test_notes_marked_with_superscript_characters(tmp_path):
    """A word processor's own ¹ ² glyphs (same size, not raised type) mark notes too: the note
    at the foot went into the paragraph above it ("… age.¹ ¹ The survey …") before."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Bridges Nobody Needs")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    body = ["Across the region there are more than four hundred bridges that no longer",
            "carry a road. The answers we got were consistent: the bridges are kept",
            "because demolishing them costs more than watching them age.\u00b9",
            "",
            "Maintenance budgets tell the same story. A disused bridge costs its owner",
            "about eleven thousand kroner a year, mostly inspection.\u00b2 Demolition of a",
            "mid-sized span starts near two million kroner once permits are counted."]
    y = 30.0
    for line in body:
        pdf.text(LEFT, y, line)
        y += LINE
    pdf.set_font("Helvetica", size=8)
    pdf.text(LEFT, 262, "\u00b9 The survey protocol is described in Appendix B of the full report.")
    pdf.text(LEFT, 266, "\u00b2 Figures for 2019, before the inspection rules changed.")
    path = tmp_path / "bridges.pdf"
    path.write_bytes(bytes(pdf.output()))
    text = build_article(path).text
    assert "watching them age.[1]\n\nMaintenance budgets" in text
    assert "mostly inspection.[2] Demolition" in text
    notes_at = text.index("\n\nNotes\n\n")
    assert text.index("[1] The survey protocol is described in Appendix B of the full report.") > notes_at
    assert text.index("[2] Figures for 2019") > notes_at
    assert "\u00b9" not in text and "\u00b2" not in text
