"""Workspace resolution and the CLI's error contract, through real subprocess runs."""

from __future__ import annotations

from pathlib import Path


def test_workspace_flag_env_and_cwd(cli, workspace: Path, tmp_path: Path):
    by_flag = cli("list", "--json", workspace=workspace)
    assert by_flag.returncode == 0, by_flag.stderr
    by_env = cli("list", "--json", env={"WORKBENCH_WORKSPACE": str(workspace)})
    assert by_env.returncode == 0, by_env.stderr
    assert by_env.stdout == by_flag.stdout


def test_unknown_and_ambiguous_ids_exit_2_with_one_line(cli, workspace: Path):
    unknown = cli("show", "zzz", workspace=workspace)
    assert unknown.returncode == 2
    assert unknown.stderr.strip().count("\n") == 0
    assert unknown.stderr.startswith("error: unknown article id")
    ambiguous = cli("show", "00", workspace=workspace)
    assert ambiguous.returncode == 2
    assert "ambiguous" in ambiguous.stderr and "Traceback" not in ambiguous.stderr


def test_unique_prefix_resolves(cli, workspace: Path):
    result = cli("show", "001", "--json", workspace=workspace)
    assert result.returncode == 0, result.stderr
    assert '"id": "001_f3ee0fb6159397b6"' in result.stdout


def test_workspace_that_is_a_file_is_a_one_line_error(cli, tmp_path: Path):
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("x")
    result = cli("--workspace", str(not_a_dir), "list")
    assert result.returncode == 2
    assert result.stderr.startswith("error: workspace is not a folder")
    assert "Traceback" not in result.stderr
