"""A newcomer needs two commands from the README; CI runs the same test command."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Démarrage"):]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the README's Démarrage section has no sh block"
    return [line.split("#")[0].strip() for line in block[1].splitlines() if line.strip()]


def test_readme_gives_exactly_two_setup_commands_one_to_see_the_site_one_to_test() -> None:
    assert readme_setup_commands() == ["make serve", "make test"]


def test_ci_runs_the_readmes_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith("#")]
    assert "set -euo pipefail" in commands
    assert readme_setup_commands()[1] in commands


def test_makefile_targets_set_up_the_environment_before_running() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "build", "check", "test"):
        rule = re.search(rf"^{target}: (.*)$", makefile, re.MULTILINE)
        assert rule, target
        assert "STAMP" in rule[1], f"make {target} must install the pinned dependencies first"
    assert re.search(r"^\s+\$\(BIN\)/mkdocs build --strict\s*$", makefile, re.MULTILINE)
    assert "--livereload" in makefile


def test_dependencies_are_pinned_and_mkdocs_stays_below_2() -> None:
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[\w.]+", line), f"{name}: {line}"
    pins = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^mkdocs==1\.", pins, re.MULTILINE)
    click = re.search(r"^click==(\d+)\.(\d+)\.(\d+)", pins, re.MULTILINE)
    assert click and not ((8, 3, 0) <= tuple(map(int, click.groups())) <= (8, 3, 3))
