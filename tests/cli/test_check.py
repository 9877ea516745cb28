"""`workbench check DRAFT` as a user runs it: exit codes, one-line errors (real subprocess)."""

from __future__ import annotations

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
