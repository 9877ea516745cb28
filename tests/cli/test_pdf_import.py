"""PDFs through the real CLI: import, pages in show/annotations JSON, "p. N" in exports, bad files."""

from __future__ import annotations

import json

from fpdf import FPDF

from tests.documents import PdfPage, sentence_lines, write_pdf

PAGES = [
    "The harbour board met on Monday to discuss the dredging contract and the new quay wall.",
    "Shipping companies asked for a deeper channel so that larger container ships can dock.",
    "Environmental groups warned that dredging would disturb the seagrass meadows in the bay.",
    "The board will publish its decision after a public consultation that runs until June.",
]


def harbour_pdf(folder):
    pages = [PdfPage([sentence_lines(text)]) for text in PAGES]
    pages[0].heading = "Harbour Board Weighs Dredging Plan"
    return write_pdf(folder / "harbour.pdf", pages, title="Harbour Board Weighs Dredging Plan - Port News",
                     author="Lena Berg", page_numbers="{n}/{total}", running_head="Port News")


def test_import_show_highlight_and_export_report_pages(cli, workspace, tmp_path):
    source = harbour_pdf(tmp_path)
    result = cli("import", str(source), "--json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    imported = json.loads(result.stdout)["imported"]
    assert [i["title"] for i in imported] == ["Harbour Board Weighs Dredging Plan"]
    article_id = imported[0]["id"]
    assert (workspace / "seeds" / f"{article_id}.pdf").read_bytes() == source.read_bytes()

    shown = json.loads(cli("show", article_id, "--json", workspace=workspace).stdout)
    assert [p["number"] for p in shown["pages"]] == [1, 2, 3, 4]
    assert shown["pages"][0]["start"] == 0 and shown["pages"][-1]["end"] == len(shown["text"])
    assert "1/4" not in shown["text"] and "Port News" not in shown["text"]
    assert shown["authors"] == ["Lena Berg"]

    done = cli("highlight", article_id, "disturb the seagrass meadows", "--json", workspace=workspace)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["page"] == 3
    listed = json.loads(cli("annotations", "--json", workspace=workspace).stdout)
    assert [a["page"] for a in listed if a["article"] == article_id] == [3]

    out = tmp_path / "notes-out"
    assert cli("export", "--out", str(out), workspace=workspace).returncode == 0
    notes = [path.read_text("utf-8") for path in out.glob("*.md") if "seagrass" in path.read_text("utf-8")]
    assert len(notes) == 1 and "p. 3," in notes[0]


def test_a_pdf_dropped_into_seeds_is_an_article(cli, workspace, tmp_path):
    harbour_pdf(workspace / "seeds")
    listed = json.loads(cli("list", "--json", workspace=workspace).stdout)
    assert "Harbour Board Weighs Dredging Plan" in [a["title"] for a in listed]


def test_bad_pdfs_are_named_in_one_line_each_and_the_rest_is_imported(cli, workspace, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    good = harbour_pdf(folder)
    data = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="user")
    locked.add_page()
    locked.set_font("Helvetica", size=11)
    locked.cell(0, 10, "secret")
    (folder / "locked.pdf").write_bytes(bytes(locked.output()))
    scan = FPDF()
    scan.add_page()
    scan.rect(20, 20, 150, 200, style="F")
    (folder / "scan.pdf").write_bytes(bytes(scan.output()))
    result = cli("import", str(folder), workspace=workspace)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = (result.stdout + result.stderr).splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 3
    assert any("truncated.pdf" in e and "damaged or truncated PDF" in e for e in errors)
    assert any("locked.pdf" in e and "encrypted" in e for e in errors)
    assert any("scan.pdf" in e and "no text layer (scanned?): run OCR first" in e for e in errors)
    assert "1 imported, 0 skipped, 3 failed" in result.stdout


def test_a_damaged_pdf_in_seeds_is_one_problem_not_a_crash(cli, workspace, tmp_path):
    (workspace / "seeds" / "broken.pdf").write_bytes(b"%PDF-1.7\n" + b"\x00" * 500)
    result = cli("list", workspace=workspace)
    assert "Traceback" not in result.stderr
    assert "broken.pdf: damaged or truncated PDF" in result.stderr


def test_page_labels_name_the_pages_in_show_and_export(cli, workspace, tmp_path):
    """Front matter in roman numerals, the body counted from 1 after it: exports cite the printed
    page ("p. 1"), JSON keeps the physical page number and gives the label beside it."""
    pages = [PdfPage([sentence_lines(text)]) for text in PAGES]
    pages[0].heading = "Harbour Board Weighs Dredging Plan"
    source = write_pdf(tmp_path / "labelled.pdf", pages, title="Harbour Board Weighs Dredging Plan",
                       labels={1: ("r", 1), 3: ("D", 1)})
    imported = json.loads(cli("import", str(source), "--json", workspace=workspace).stdout)["imported"]
    article_id = imported[0]["id"]
    shown = json.loads(cli("show", article_id, "--json", workspace=workspace).stdout)
    assert [(p["number"], p.get("label")) for p in shown["pages"]] == [(1, "i"), (2, "ii"), (3, "1"), (4, "2")]
    done = cli("highlight", article_id, "disturb the seagrass meadows", "--json", workspace=workspace)
    assert json.loads(done.stdout)["page"] == 3
    out = tmp_path / "notes-out"
    assert cli("export", "--out", str(out), workspace=workspace).returncode == 0
    notes = [path.read_text("utf-8") for path in out.glob("*.md") if "seagrass" in path.read_text("utf-8")]
    assert len(notes) == 1 and "p. 1," in notes[0] and "p. 3," not in notes[0]
