"""Shared fixtures: the real project, copies of it to break, and one real strict build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the project needs to build: the data, the pages, the hook, the theme.
PROJECT_PARTS = ("mkdocs.yml", "projects", "docs", "hooks", "overrides")


def build_env(**extra: str) -> dict[str, str]:
    """The environment of a build: the package on the path, no MkDocs 2 banner, fixed dates."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "hooks"))
    env.setdefault("SOURCE_DATE_EPOCH", "1764374400")
    env.update(extra)
    return env


def run_mkdocs(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs ARGS` in `project`, as a user runs it (never with -q: it hides --strict failures)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], check=False, cwd=project, env=build_env(**env),
                          capture_output=True, text=True, timeout=300)


def run_cli(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m showcase ARGS` in `project`."""
    return subprocess.run([sys.executable, "-m", "showcase", *args], check=False, cwd=project,
                          env=build_env(**env), capture_output=True, text=True, timeout=120)


def _not_copied(directory: str, names: list[str]) -> set[str]:
    # The editor's bundle (make admin, 11 MB) is of no use to a copy that is broken on purpose.
    bundle = {"cms"} if Path(directory) == ROOT / "docs" / "admin" else set()
    return bundle | {name for name in names if name == "__pycache__"}


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=_not_copied)
        elif source.exists():
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the real project, free to be broken by a test."""
    return copy_project(tmp_path / "project")


@pytest.fixture
def write_laureate(project: Path) -> Callable[[str, str], Path]:
    """Writes `projects/<name>` in the project copy."""
    def write(name: str, text: str) -> Path:
        path = project / "projects" / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session by a real `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def as_typed(text: str) -> str:
    """French typography undone (tests/test_typography.py checks it), to compare a page's
    text with what the YAML or a template says: the no-break spaces before : ; ! ? » and
    after « become ordinary ones, ’ becomes ', … becomes ... (thousands keep their space)."""
    text = text.replace("’", "'").replace("…", "...")
    return re.sub("\u202f(?=[;!?»])|(?<=«)\u202f|\u00a0(?=:)", " ", text)


def laureate_files() -> list[Path]:
    return sorted(p for p in (ROOT / "projects").glob("*.yml") if not p.name.startswith("_"))
