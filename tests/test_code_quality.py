"""The code stays as we want to live in it: linted, and the package strictly typed."""

from __future__ import annotations

import subprocess
import sys

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
