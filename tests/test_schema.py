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
from showcase.messages import example
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
        assert part.get("title") in (None, "Lauréat du Fonds MNT"), f"{name}: pydantic's English title"
        assert set(part["properties"]) == set(model.model_fields), name
        for key, field in part["properties"].items():
            assert field.get("description"), f"{name}.{key}"
            # the hover's heading: the field's French label, not pydantic's English title
            assert field["title"] == model.model_fields[key].title, f"{name}.{key}"


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


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return schema


def test_the_editor_offers_every_department_of_the_territory_data_with_its_name() -> None:
    offered = _schema()["properties"]["department"]["anyOf"][0]
    departments = {d.code: d.name for d in load_territories().departments()}
    assert sorted(offered["enum"]) == sorted(departments)
    assert dict(zip(offered["enum"], offered["markdownEnumDescriptions"], strict=True)) == departments
    assert offered["enum"][:3] == ["01", "02", "03"] and "2A" in offered["enum"]


_RECORD = {"commune": "Renac", "department": "35", "theme": "accueil-des-usagers",
           "title": "Un pôle culturel", "summary": "Une phrase assez longue pour être un résumé valable."}


@pytest.mark.parametrize("year", [2021, "2021", " 2023 ", "inconnue", "Inconnue", "deux mille", "20 21",
                                  2019, "2019x", 2021.5, True, None, [2021]])
def test_the_editor_reads_a_year_as_check_does(year: object) -> None:
    """`year: "2023"` is understood: the editor must not say a number is expected."""
    try:
        models.LaureateRecord.model_validate({**_RECORD, "year": year})
        accepted = True
    except ValueError:
        accepted = False
    errors = [e.message for e in _validator().iter_errors({**_RECORD, "year": year})]
    assert (errors == []) == accepted, errors


def test_every_message_of_the_schema_is_french_and_has_its_fix() -> None:
    messages: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            messages.extend(str(node[key]) for key in ("errorMessage", "patternErrorMessage")
                            if key in node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(_schema())
    assert len(messages) > 40
    for message in messages:
        assert " → " in message, message
        assert not any(word in message for word in ("Expected", "Property", "String", "Value")), message


@pytest.mark.parametrize("name", ["image", "video", "testimonials", "links"])
def test_completing_a_block_inserts_the_templates_examples_not_null(name: str) -> None:
    field = _schema()["properties"][name]
    (snippet,) = field["defaultSnippets"]
    body = snippet["body"][0] if field["type"] == "array" else snippet["body"]
    part = {"image": models.Image, "video": models.Video, "testimonials": models.Testimonial,
            "links": models.Link}[name]
    assert list(body) == [key for key, info in part.model_fields.items() if info.is_required()]
    for number, (key, value) in enumerate(body.items(), start=1):
        assert value == f"${{{number}:{example((name, key))}}}", key
