"""Found in QA as a new user: tables in an 80-column terminal, a saved web page's share row,
newsletter box and "Published … · Updated …" line."""

from __future__ import annotations

from pathlib import Path

PAGE = """Skip to main content
Home | World | Business | Tech | Science | Opinion | Sign in

The Quiet Collapse of the Neighbourhood Repair Shop

By Marta Oyelaran
Published March 3, 2024 · Updated March 4, 2024

Share on Facebook  Share on Twitter  Share on LinkedIn  Email  Copy link

For thirty years, Ilse Brandauer fixed toasters, radios and the occasional lawnmower in a narrow shop on Kettle Street. Last spring she turned the sign around for the final time.

Repair cafés and right-to-repair laws were supposed to reverse that trend. Instead, the number of independent repair businesses in the region fell by a third between 2015 and 2023.

SIGN UP FOR OUR NEWSLETTER
Get the best stories delivered to your inbox every morning.
Enter your email  Subscribe
By signing up you agree to our Terms of Service and Privacy Policy.

Still, there are signs of a revival. Apprenticeships in electronics repair have doubled since 2021, and a municipal voucher scheme now covers half the cost of repairing a household appliance.
"""


def _workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    (root / "notes").mkdir()
    (root / "seeds" / "repair-shop.txt").write_text(PAGE, encoding="utf-8")
    return root


def test_saved_page_loses_share_row_newsletter_box_and_keeps_the_date(cli, tmp_path):
    ws = _workspace(tmp_path)
    shown = cli("show", "repair", workspace=ws)
    assert shown.returncode == 0, shown.stderr
    for junk in ("Share on Facebook", "Enter your email", "By signing up", "Published March"):
        assert junk not in shown.stdout
    assert "Still, there are signs of a revival." in shown.stdout
    listed = cli("list", "--json", workspace=ws)
    assert '"date": "2024-03-03"' in listed.stdout
    # the menu above the headline is neither the title nor an outlet ("Sign in")
    assert '"title": "The Quiet Collapse of the Neighbourhood Repair Shop"' in listed.stdout
    assert '"authors": [\n      "Marta Oyelaran"\n    ]' in listed.stdout
    assert "Sign in" not in listed.stdout


def test_list_at_80_columns_shows_titles(cli, tmp_path):
    ws = _workspace(tmp_path)
    out = cli("list", workspace=ws, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    # the long id used to squeeze the title and author columns to nothing
    assert "Quiet" in out.stdout and "Neighbourhood" in out.stdout
    assert "Oyelaran" in out.stdout


def test_annotations_at_80_columns_keep_the_quote_readable(cli, tmp_path):
    ws = _workspace(tmp_path)
    made = cli("highlight", "repair", "Repair cafés and right-to-repair laws", "--tag", "repair/design",
               workspace=ws)
    assert made.returncode == 0, made.stderr
    out = cli("annotations", workspace=ws, env={"COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    assert "Repair cafés" in out.stdout  # two words on one line, not one per line
    assert "anchored" in out.stdout  # the last column is not cut off
    assert all(len(line) <= 80 for line in out.stdout.splitlines())


def test_tags_indent_only_under_a_listed_parent(cli, tmp_path):
    ws = _workspace(tmp_path)
    assert cli("highlight", "repair", "Repair cafés", "--tag", "repair/design", workspace=ws).returncode == 0
    out = cli("tags", workspace=ws)
    assert "│ repair/design" in out.stdout  # no parent row: not indented
    assert cli("highlight", "repair", "fixed toasters", "--tag", "repair", workspace=ws).returncode == 0
    out = cli("tags", workspace=ws)
    assert "│   repair/design" in out.stdout


def test_import_of_a_pdf_does_not_say_decoded(cli, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Harbour Notes")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "The harbour authority voted on Tuesday to approve the new terminal for the "
                         "assembly of offshore wind turbines, ending a long dispute.")
    source = tmp_path / "harbour.pdf"
    pdf.output(str(source))
    ws = _workspace(tmp_path)
    out = cli("import", str(source), workspace=ws)
    assert out.returncode == 0, out.stderr
    assert "imported" in out.stdout and "decoded as" not in out.stdout
