"""The code stays as we want to live in it: linted, the package strictly typed, and the
unit tests apart from the browser ones."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, check=False,
                          capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing_in_the_hook_the_package_the_scripts_and_the_tests() -> None:
    result = run("ruff", "check", "--no-cache", "hooks", "scripts", "tests")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_type_checks_under_mypy_strict() -> None:
    result = run("mypy", "--no-incremental")  # files and strictness come from pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def _imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_the_unit_tests_never_import_playwright() -> None:
    """`pytest -m "not browser"` must run on a machine without a browser."""
    for path in [*ROOT.glob("tests/*.py"), *ROOT.glob("tests/cases/*.py")]:
        assert not any(name.split(".")[0] == "playwright" for name in _imported(path)), path.name


def test_every_browser_test_module_carries_the_browser_marker() -> None:
    for path in ROOT.glob("tests/browser*/test_*.py"):
        text = path.read_text(encoding="utf-8")
        assert "\npytestmark = pytest.mark.browser\n" in text, path.relative_to(ROOT)
