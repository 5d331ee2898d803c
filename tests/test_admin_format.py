"""The form writes our files: the YAML writer registered with the CMS keeps the text of
every value that did not change, and writes what changed as the team does. It runs here in
Node.js, on the real laureate files; tests/browser/test_admin.py runs it inside the CMS."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, laureate_files, run_cli
from showcase.models import LaureateRecord
from showcase.schema import SCHEMA_LINE

NODE = Path(sys.executable).parent / "node"  # requirements.txt installs it in the venv


ORDER = list(LaureateRecord.model_fields)  # the form's fields, in the model's order


def write(*cases: dict[str, Any]) -> list[str]:
    node = str(NODE) if NODE.exists() else shutil.which("node")
    assert node, "Node.js manque : lancez make admin"
    assert (ROOT / "scripts/admin/node_modules/yaml").is_dir(), "lancez make admin"
    result = subprocess.run([node, str(ROOT / "tests/admin_format.mjs")], input=json.dumps([{"order": ORDER, **case} for case in cases]),
                            capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    written: list[str] = json.loads(result.stdout)
    return written


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="",
                                                  n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_saving_an_unchanged_file_gives_the_same_bytes() -> None:
    texts = [path.read_text(encoding="utf-8") for path in laureate_files()]
    assert write(*({"text": text} for text in texts)) == texts


def test_changing_one_title_changes_one_line() -> None:
    text = (ROOT / "projects/renac.yml").read_text(encoding="utf-8")
    (after,) = write({"text": text, "changes": {"title": "Un pôle culturel pensé avec les habitants"}})
    assert changed_lines(text, after) == [
        "-title: Un pôle culturel au cœur du bourg, imaginé avec les habitants",
        "+title: Un pôle culturel pensé avec les habitants"]


def test_changing_one_testimonial_rewrites_it_alone_and_keeps_the_comments() -> None:
    path = ROOT / "projects/renac.yml"
    text = path.read_text(encoding="utf-8")
    testimonials = [dict(t) for t in _data(text)["testimonials"]]
    testimonials[1]["role"] = "adjoint au maire"
    (after,) = write({"text": text, "changes": {"testimonials": testimonials}})
    diff = changed_lines(text, after)
    assert "+    role: adjoint au maire" in diff
    assert all("Guillas" not in line and "Chauvel" not in line for line in diff)
    assert "  # Citation reprise d'un article de presse dont seule une copie a été" in after
    assert after.splitlines()[0] == SCHEMA_LINE


def test_department_theme_story_and_long_texts_are_written_the_project_s_way() -> None:
    text = (ROOT / "projects/renac.yml").read_text(encoding="utf-8")
    (after,) = write({"text": text, "changes": {
        "department": "35", "theme": ["conditions-de-travail", "accueil-des-usagers"],
        "summary": "Une phrase assez longue pour tenir sur plusieurs lignes du fichier, "
                   "comme les résumés que l'équipe écrit à la main dans les fiches.",
        "story": "### Un intertitre\n\nUn paragraphe.\n\n- un point ;\n- un autre."}})
    assert 'department: "35"' in after
    assert "theme: [conditions-de-travail, accueil-des-usagers]" in after
    assert "summary: >-\n  Une phrase assez longue" in after
    assert "story: |\n  ### Un intertitre\n\n  Un paragraphe.\n\n  - un point ;\n" in after


def test_a_value_the_form_clears_is_removed_and_a_new_one_takes_its_place_in_order() -> None:
    text = (ROOT / "projects/renac.yml").read_text(encoding="utf-8")
    (after,) = write({"text": text, "remove": ["support"],
                      "changes": {"kind": "commune", "support": ""}})
    diff = changed_lines(text, after)
    assert diff == ["+kind: commune", ("-support: Cinq mois d'accompagnement, de janvier à mai "
                    "2022, par les équipes du Fonds MNT.")]
    assert after.index("kind: commune") < after.index("department:")


def test_a_new_file_looks_like_the_readme_example_and_passes_check(project: Path) -> None:
    (text,) = write({"text": None, "changes": {
        "commune": "Renac", "kind": "commune", "department": "35", "year": 2021,
        "theme": ["accueil-des-usagers", "conditions-de-travail"],
        "title": "Un pôle culturel au cœur du bourg",
        "summary": "Dans ce village d'Ille-et-Vilaine, un pôle culturel conçu avec la population.",
        "story": "### Redonner vie au centre-bourg\n\nUn paragraphe.", "support": "",
        "testimonials": [{"quote": "Une citation.", "author": "Anne Patault", "role": ""}],
        "image": {"src": "", "alt": ""},
        "links": [{"label": "Un article", "url": "https://www.exemple.fr/"}]}})
    lines = text.splitlines()
    assert lines[:5] == [SCHEMA_LINE, "commune: Renac", "kind: commune", 'department: "35"',
                         "year: 2021"]
    assert "image" not in text and "support" not in text and "role" not in text
    (project / "projects/renac.yml").unlink()
    (project / "projects/bourg-de-renac.yml").write_text(text, encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("broken", ["title: [\n", "- a\n- b\n"])
def test_a_file_the_cms_cannot_read_as_a_laureate_is_not_rewritten(broken: str) -> None:
    # A syntax error or a list: fromFile refuses it (the CMS reports it), or reads no entry.
    node = str(NODE) if NODE.exists() else shutil.which("node")
    assert node
    result = subprocess.run([node, str(ROOT / "tests/admin_format.mjs")],
                            input=json.dumps([{"text": broken}]), capture_output=True, text=True,
                            check=False, timeout=60)
    if broken.startswith("title"):
        assert result.returncode != 0
    else:
        assert json.loads(result.stdout) == [f"{SCHEMA_LINE}\n"]


def _data(text: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def test_a_file_with_windows_line_endings_keeps_them() -> None:
    # A file saved on Windows (CRLF): kept as it is, and what the form writes takes its endings.
    text = (ROOT / "projects/renac.yml").read_text(encoding="utf-8").replace("\n", "\r\n")
    testimonials = [dict(t) for t in _data(text)["testimonials"]]
    testimonials[1]["role"] = "adjoint au maire"
    unchanged, title, testimonial, added = write(
        {"text": text}, {"text": text, "changes": {"title": "Un pôle culturel pensé avec les habitants"}},
        {"text": text, "changes": {"testimonials": testimonials}},
        {"text": text, "changes": {"kind": "commune", "story": "### Un intertitre\n\n- un point."}})
    assert unchanged == text
    for after in (title, testimonial, added):
        assert "\n" not in after.replace("\r\n", ""), "a bare LF in a CRLF file"
    assert changed_lines(text, title) == [
        "-title: Un pôle culturel au cœur du bourg, imaginé avec les habitants",
        "+title: Un pôle culturel pensé avec les habitants"]
    assert "+    role: adjoint au maire" in changed_lines(text, testimonial)
