"""Project rules: seeds untouched, core free of Textual, the package runs as a module."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import subprocess
import sys
import textwrap

from tests.conftest import REPO, SEEDS

SEED_SHA256 = {
    "000_7fe54f432c3a38c8.txt": "0d089279f8bc39b10dbc3d5a2d245daae6f1a5e83c7fd90d963a37635a08ad0c",
    "001_f3ee0fb6159397b6.txt": "8ffde0aa7aeffdf296e2183cb062ba3814816f3cb5b563bf0bc01a616b2a625a",
    "002_b569d88f487320b0.txt": "48c4f290dbfde46c08b5f5497114df12e7d2a3605fc0d0bfc10cda1ddb96a11e",
    "003_8870c0dca1d2f764.txt": "2e4946a75449f87acc2e7b35eb7c784cffe0960af92e17bf15adda851dc0e405",
    "004_e3342630c77daeed.txt": "7218b342922d5bad029ae6187df9cbed40ed3f713ec6f0a18bbfcaa1bbbbe364",
}


def test_seeds_are_byte_identical_to_the_originals():
    names = sorted(p.name for p in SEEDS.iterdir() if p.is_file())
    assert names == sorted(SEED_SHA256)
    for name, digest in SEED_SHA256.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == digest, name
    shared = REPO.parent / "shared" / "seeds"
    if shared.is_dir():
        for original in shared.iterdir():
            assert (SEEDS / original.name).read_bytes() == original.read_bytes()


def _core_modules() -> list[str]:
    import workbench

    names = []
    for info in pkgutil.walk_packages(workbench.__path__, "workbench."):
        if info.name.startswith("workbench.tui"):
            continue
        names.append(info.name)
    return names


def test_core_imports_no_textual():
    """Import every core module in a fresh interpreter where `textual` cannot be imported."""
    modules = _core_modules()
    assert "workbench.cli" in modules and "workbench.library" in modules
    script = textwrap.dedent(
        f"""
        import importlib, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "textual" or name.startswith("textual."):
                    raise ImportError("textual is blocked in core modules: " + name)
                return None
        sys.meta_path.insert(0, Block())
        for name in {modules!r}:
            if name == "workbench.__main__":
                continue
            importlib.import_module(name)
        assert not any(m == "textual" or m.startswith("textual.") for m in sys.modules)
        print("ok")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=str(REPO))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_python_dash_m_runs(cli):
    result = cli("--help")
    assert result.returncode == 0
    assert "workbench" in result.stdout


def test_every_core_module_imports():
    for name in _core_modules():
        if name != "workbench.__main__":
            importlib.import_module(name)
