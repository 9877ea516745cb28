"""The one progress bar of long core steps (workbench/progress.py)."""

from __future__ import annotations

from workbench.progress import megabytes_bar


def test_hidden_bar_writes_nothing_and_advance_is_a_no_op(capsys):
    with megabytes_bar("cleaning", 5_000_000, show=False) as advance:
        advance(1_000_000)
    with megabytes_bar("indexing", 0, show=True) as advance:  # nothing to do: no bar either
        advance(0)
    assert capsys.readouterr() == ("", "")


def test_shown_bar_never_writes_to_stdout(capsys):
    """stdout stays the command's output (`list --json | jq` while a library is cleaned)."""
    with megabytes_bar("cleaning", 3_000_000, show=True) as advance:
        for _ in range(3):
            advance(1_000_000)
        print("the output")
    out, _err = capsys.readouterr()
    assert out == "the output\n"
