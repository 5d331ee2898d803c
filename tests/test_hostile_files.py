"""What a hostile projects/ folder holds besides YAML text: a directory named like a
laureate, a named pipe, symbolic links (to /dev/zero, to a file outside the
repository); pages that would take a listing's address; cells a spreadsheet would run;
markup hidden in the search index. Each is a French problem, or safe output.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pytest

from conftest import copy_project, run_cli, run_mkdocs
from showcase import load_catalog
from showcase.exports import export_csv, spreadsheet_safe
from showcase.story import story_html

VALID = """commune: Renac
department: "35"
year: 2021
theme: accueil-des-usagers
title: Un pôle culturel imaginé avec les habitants
summary: >-
  La médiathèque, la salle polyvalente et un café associatif réunis en un pôle
  culturel conçu avec la population.
"""


@pytest.fixture
def special_project(tmp_path: Path) -> Path:
    """The real project plus a directory, a FIFO and three symbolic links in projects/."""
    project = copy_project(tmp_path / "project")
    projects = project / "projects"
    (projects / "dossier.yml").mkdir()
    os.mkfifo(projects / "tube.yml")
    os.symlink("/dev/zero", projects / "zero.yml")
    outside = tmp_path / "ailleurs.yml"
    outside.write_text(VALID, encoding="utf-8")
    os.symlink(outside, projects / "lien-dehors.yml")
    os.symlink(projects / "renac.yml", projects / "lien-dedans.yml")
    return project


EXPECTED = [
    "projects/dossier.yml:1:1: c'est un dossier, pas un fichier",
    "    → renommez le dossier : seuls les fichiers .yml décrivent des lauréats",
    "projects/lien-dedans.yml:1:1: lien symbolique refusé",
    "    → remplacez le lien par le fichier lui-même",
    "projects/lien-dehors.yml:1:1: lien symbolique refusé",
    "    → remplacez le lien par le fichier lui-même",
    "projects/tube.yml:1:1: fichier spécial (tube, périphérique) refusé",
    "    → supprimez-le : seuls les fichiers ordinaires sont lus",
    "projects/zero.yml:1:1: lien symbolique refusé",
    "    → remplacez le lien par le fichier lui-même",
    "5 problèmes dans 5 fichiers",
]


def test_check_refuses_directories_pipes_and_links_without_blocking_or_reading_them(
        special_project: Path) -> None:
    result = run_cli(special_project, "check", "--format", "human")  # a blocked read times out
    assert result.stdout.splitlines() == EXPECTED
    assert result.returncode == 1 and result.stderr == ""


def test_a_strict_build_fails_on_them_with_the_same_report_and_no_traceback(
        special_project: Path, tmp_path: Path) -> None:
    result = run_mkdocs(special_project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    errors = [line.removeprefix("ERROR   -  ") for line in output.splitlines() if line.startswith("ERROR")]
    assert errors[:-1] == EXPECTED[:-1]
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_file_over_one_megabyte_is_refused_before_it_is_parsed(project: Path) -> None:
    (project / "projects" / "gros.yml").write_bytes(VALID.encode() + b"#" * 1_000_001)
    result = run_cli(project, "check", "--format", "human")
    assert result.stdout.splitlines()[:2] == [
        "projects/gros.yml:1:1: fichier trop volumineux (plus de 1000 Ko)",
        "    → un lauréat tient en quelques dizaines de Ko : raccourcissez les textes"]


def test_a_photo_that_is_a_link_is_refused_even_when_it_points_inside_projects(project: Path) -> None:
    images = project / "projects" / "images"
    images.mkdir()
    os.symlink("/etc/hostname", images / "lien.jpg")
    (project / "projects" / "photo-lien.yml").write_text(
        VALID + "image: {src: images/lien.jpg, alt: Une photo}\n", encoding="utf-8")
    problems = load_catalog(project).problems
    assert [(p.file, p.field, p.message) for p in problems] == [
        ("projects/photo-lien.yml", "image.src", "photo introuvable : projects/images/lien.jpg")]


# --- Addresses of generated pages --------------------------------------------------------


def test_a_theme_named_index_is_refused_instead_of_replacing_the_themes_listing(project: Path) -> None:
    themes = project / "projects" / "_themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8")
                      + "index:\n  label: Index\n  description: Un thème piège.\n", encoding="utf-8")
    problems = load_catalog(project).problems
    assert [(p.file, p.field, p.message) for p in problems] == [(
        "projects/_themes.yml", "index",
        "identifiant de thème réservé « index » : c'est l'adresse de la liste des thèmes")]


def test_the_build_fails_when_a_hand_written_page_has_the_address_of_a_generated_one(
        project: Path, tmp_path: Path) -> None:
    (project / "docs" / "laureats.md").write_text("# Une page écrite à la main\n", encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert ("deux pages à la même adresse /laureats/ : laureats.md et la page générée "
            "laureats/index.md ; renommez l'un des deux fichiers") in output


# --- Spreadsheets ------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ['=HYPERLINK("https://evil.example","clic")', "+33 1 23", "-2+3",
                                  "@SUM(A1)", "\tcaché", "\rcaché", "＝1+1"])
def test_a_cell_that_a_spreadsheet_would_run_starts_with_an_apostrophe(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Renac", "", "2021", "L'accueil", "a=b", "« = »"])
def test_other_cells_are_left_as_they_are(cell: str) -> None:
    assert spreadsheet_safe(cell) == cell


def test_the_csv_neutralises_formulas_typed_in_a_laureate_file(project: Path) -> None:
    (project / "projects" / "formule.yml").write_text(VALID.replace(
        "title: Un pôle culturel imaginé avec les habitants",
        "title: '=HYPERLINK(\"https://evil.example\",\"Renac\")'")
        + "support: '@SUM(1+1)'\n", encoding="utf-8")
    result = load_catalog(project)
    assert not result.problems
    rows = {row["identifiant"]: row for row in csv.DictReader(io.StringIO(export_csv(result.catalog, "")))}
    assert rows["formule"]["titre"] == "'=HYPERLINK(\"https://evil.example\",\"Renac\")"
    assert rows["formule"]["accompagnement"] == "'@SUM(1+1)"
    assert not rows["renac"]["titre"].startswith("'")  # an ordinary title is left as it is


# --- Story ---------------------------------------------------------------


def test_a_story_keeps_fenced_code_autolinks_and_comparisons() -> None:
    html = story_html("Si a < b, voir <https://www.renac.fr/>.\n\n```\nhoraires = 9 h\n```\n")
    assert "a &lt; b" in html
    assert '<a href="https://www.renac.fr/" rel="noopener noreferrer">https://www.renac.fr/</a>' in html
    assert "<pre><code>horaires = 9 h\n</code></pre>" in html
