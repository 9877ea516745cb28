"""`workbench check DRAFT` as a user runs it: exit codes, one-line errors (real subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.test_quotecheck import ARTICLE


def test_check_command_exit_codes(cli, tmp_path: Path):
    root = tmp_path / "cli-ws"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text("> Critics called the tax a gamble on tourism that the town cannot afford to lose.\n")
    bad = tmp_path / "bad.md"
    bad.write_text("He wrote “critics called the tax a gamble on tourists that the town can't afford”.\n")
    ok = cli("check", str(good), "--json", workspace=root)
    assert ok.returncode == 0, ok.stderr
    assert '"status": "exact"' in ok.stdout
    wrong = cli("check", str(bad), workspace=root)
    assert wrong.returncode == 1
    assert "close" in wrong.stdout
    missing = cli("check", str(tmp_path / "nope.md"), workspace=root)
    assert missing.returncode == 2
    assert missing.stderr.startswith("error:") and missing.stderr.count("\n") == 1
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"\x00\x01\x02 binary")
    assert cli("check", str(binary), workspace=root).returncode == 2


def test_check_quote_ending_in_a_full_stop_where_the_source_has_a_comma_is_exact(cli, tmp_path: Path):
    """A quoted clause the draft closes with "." while the source runs on with ',"' is quoted
    exactly (found in QA: every such quotation was reported "close" with 'us.' → 'us')."""
    root = tmp_path / "cli-ws"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "sea.txt").write_text(
        "The Seagrass Counters\n\n"
        "\u201cWe used to think the sea was too big to notice us,\u201d Lago said, pulling the frame "
        "back on board. \u201cNow we know the meadows are the first thing to go.\u201d\n\n"
        "Researchers agree. \u201cNo research vessel could afford that kind of repetition,\u201d "
        "said Dr. Ana Porto, who leads the programme.\n", encoding="utf-8")
    draft = tmp_path / "draft.md"
    draft.write_text(
        "One fisherman put it simply: \u201cWe used to think the sea was too big to notice us.\u201d\n\n"
        "> No research vessel could afford that kind of repetition.\n\n"
        "He asked: \"Was the sea too big to notice us?\"\n", encoding="utf-8")
    done = cli("check", str(draft), "--json", workspace=root)
    statuses = [c["status"] for c in json.loads(done.stdout)]
    assert statuses == ["exact", "exact", "close"], done.stdout
    assert done.returncode == 1


def test_check_a_pdf_or_epub_draft_is_one_clear_error(cli, tmp_path: Path):
    """A PDF given as the draft was read as empty text: "no quotations found", exit 0."""
    from fpdf import FPDF

    root = tmp_path / "cli-ws"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "harbour.txt").write_text(ARTICLE, encoding="utf-8")
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.text(20, 30, "He wrote \"critics called the tax a gamble on tourism that the town cannot afford\".")
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(bytes(pdf.output()))
    done = cli("check", str(draft), workspace=root)
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("error:") and done.stderr.count("\n") == 1
    assert "draft.pdf" in done.stderr and "text" in done.stderr
