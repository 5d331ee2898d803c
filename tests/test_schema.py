"""One schema, three uses: the pydantic models validate, the JSON Schema generated from
them drives the editor (autocompletion, underlining, French help on hover), and the
site publishes it. The editor must agree with `check`: it never underlines a valid
file, and underlines what it can see of an invalid one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cases import corpus
from conftest import ROOT, laureate_files, run_cli
from showcase import models
from showcase.catalog import load_catalog
from showcase.schema import SCHEMA_FILE, SCHEMA_LINE, schema_text
from showcase.source import read_document
from showcase.template import new_laureate_text
from showcase.territories import load_territories

COMMITTED = ROOT / SCHEMA_FILE


def _validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _data(text: str, tmp_path: Path) -> Any:
    """A file's data as our loader reads it (the way the editor reads YAML 1.2)."""
    path = tmp_path / "cas.yml"
    path.write_text(text, encoding="utf-8")
    document, problems = read_document(path, "cas.yml")
    assert document is not None and not problems
    return document.data


def test_the_committed_schema_is_the_one_generated_from_the_models() -> None:
    generated = schema_text(load_catalog(ROOT).catalog.themes)
    assert COMMITTED.read_text(encoding="utf-8") == generated, "lancez make schema"


def test_the_schema_command_rewrites_the_same_file(project: Path) -> None:
    (project / SCHEMA_FILE).unlink()
    result = run_cli(project, "schema")
    assert result.returncode == 0, result.stderr
    assert (project / SCHEMA_FILE).read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_the_schema_command_refuses_a_theme_list_cut_short_by_a_broken_themes_file(
        project: Path) -> None:
    themes = project / "projects" / "_themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "sport: [\n", encoding="utf-8")
    result = run_cli(project, "schema")
    assert result.returncode == 1
    assert "projects/_themes.yml:" in result.stderr
    assert (project / SCHEMA_FILE).read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_every_field_and_part_is_described_in_french_for_the_editor() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["title"] == "Lauréat du Fonds MNT"
    parts = {"LaureateRecord": schema, **schema["$defs"]}
    assert parts.keys() == {"LaureateRecord", "Testimonial", "Image", "Video", "Link"}
    for name, part in parts.items():
        model = getattr(models, name)
        # the models' docstrings are English, for developers: the editor shows French
        assert part["description"] and part["description"] != model.__doc__, name
        assert set(part["properties"]) == set(model.model_fields), name
        for key, field in part["properties"].items():
            assert field.get("description"), f"{name}.{key}"
            assert "title" not in field, f"{name}.{key}: pydantic's English title"


def test_theme_slugs_come_from_the_themes_catalogue() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    slug, listed = schema["properties"]["theme"]["anyOf"]
    themes = load_catalog(ROOT).catalog.themes
    assert slug["enum"] == listed["items"]["enum"] == list(themes)
    assert len(slug["markdownEnumDescriptions"]) == len(themes)


@pytest.mark.parametrize("path", laureate_files(), ids=lambda p: p.name)
def test_the_editor_underlines_nothing_in_a_real_laureate_file(path: Path) -> None:
    document, problems = read_document(path, path.name)
    assert document is not None and not problems
    errors = [error.message for error in _validator().iter_errors(document.data)]
    assert errors == []


def test_every_real_laureate_file_starts_with_the_schema_line() -> None:
    for path in laureate_files():
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE, path.name
    assert new_laureate_text("ma-commune").splitlines()[0] == SCHEMA_LINE


@pytest.mark.parametrize("case", corpus.load("valid"), ids=lambda c: c.name)
def test_the_editor_accepts_what_check_understands(case: corpus.Case, tmp_path: Path) -> None:
    data = _data(case.content.decode("utf-8-sig"), tmp_path)
    assert [error.message for error in _validator().iter_errors(data)] == []


# Mistakes the schema can see as the editor types (others need the files or the official
# data: a missing photo, a commune in the wrong department).
SEEN_BY_THE_EDITOR = [
    "champ-obligatoire-manquant", "champ-inconnu-temoignages", "champ-inconnu-dans-un-temoignage",
    "theme-inconnu-proche", "type-de-collectivite-inconnu", "departement-corse-en-chiffres",
    "departement-avec-zero-de-trop", "annee-trop-ancienne", "annee-en-lettres", "resume-trop-court",
    "titre-trop-long", "titre-nombre", "recit-avec-html", "lien-javascript", "source-data",
    "lien-sans-https", "video-hebergeur-inconnu", "image-chemin-qui-remonte", "image-chemin-absolu",
    "image-adresse-web", "image-format-refuse", "image-sans-description", "temoignage-vide",
    "temoignage-auteur-vide", "temoignages-pas-une-liste",
]


@pytest.mark.parametrize("case", [c for c in corpus.load("invalid") if c.name in SEEN_BY_THE_EDITOR],
                         ids=lambda c: c.name)
def test_the_editor_underlines_a_mistake_it_can_see(case: corpus.Case, tmp_path: Path) -> None:
    data = _data(case.content.decode("utf-8"), tmp_path)
    assert list(_validator().iter_errors(data)), case.description


def test_the_schema_is_published_with_the_site(built_site: Path) -> None:
    published = built_site / "schema" / "laureat.schema.json"
    assert published.read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8")


def test_department_numbers_are_those_of_the_territory_data_in_the_model_and_the_schema() -> None:
    known = {department.code for department in load_territories().departments()}
    assert "975" not in known and "20" not in known  # Saint-Pierre-et-Miquelon; Corsica is 2A/2B
    typed = [*known, *(code.lower() for code in known), *(int(c) for c in known if c.isdigit())]
    for value in typed:
        assert _department_errors(value) == [], value
        assert models._check_department(models._department_code(value)) in known
    for wrong in ["975", 975, "20", 20, "96", 96, "977", "00", 0, "2C"]:
        assert _department_errors(wrong), wrong
        with pytest.raises(ValueError, match="département"):
            models._check_department(models._department_code(wrong))


def _department_errors(value: object) -> list[str]:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    department = jsonschema.Draft202012Validator(schema["properties"]["department"])
    return [error.message for error in department.iter_errors(value)]
