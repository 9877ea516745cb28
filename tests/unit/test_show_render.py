"""`workbench show` prints an article in one go: Rich's per-print work is paid once, not once
per block (a book-sized text of 100k blocks took 17 s printed block by block)."""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.console import Console

from tests.conftest import SEEDS
from workbench.cli import main


def test_show_prints_the_article_once_whatever_its_length(tmp_path: Path, monkeypatch, capsys):
    root = tmp_path / "ws"
    (root / "seeds").mkdir(parents=True)
    paragraphs = [f"Paragraph {n} says something about the river, the bridge and the keeper."
                  for n in range(400)]
    (root / "seeds" / "long.txt").write_text("A Long Account of Rivers\n\n" + "\n\n".join(paragraphs) + "\n")
    shutil.copy(next(SEEDS.glob("*.txt")), root / "seeds")
    calls = []
    real = Console.print

    def counting(self, *args, **kwargs):
        calls.append(args)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Console, "print", counting)
    assert main(["--workspace", str(root), "show", "long"]) == 0
    out = capsys.readouterr().out
    assert "Paragraph 0 says" in out and "Paragraph 399 says something about the river" in out
    assert len(calls) <= 2, len(calls)
