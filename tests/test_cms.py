"""The form at /admin/ is configured from the content model, never by hand: the committed
configuration is the generated one, every field of the model is in it with a French label
and help, and its rules are the model's own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from conftest import ROOT, run_cli
from showcase import models, photos
from showcase.catalog import load_catalog
from showcase.cms import CMS_CONFIG_FILE, FILE_FORMAT, cms_config_text, repository_settings
from showcase.territories import department_code_pattern

COMMITTED = ROOT / CMS_CONFIG_FILE
SVELTIA_SCHEMA = ROOT / "scripts/admin/node_modules/@sveltia/cms/schema/sveltia-cms.json"


def _config() -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))
    return config


def _fields(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {field["name"]: field for field in fields}


def test_the_committed_configuration_is_the_one_generated_from_the_model() -> None:
    repo, site_url = repository_settings(ROOT)
    generated = cms_config_text(load_catalog(ROOT).catalog.themes, repo=repo, site_url=site_url)
    assert COMMITTED.read_text(encoding="utf-8") == generated, "lancez make cms"


def test_the_cms_command_rewrites_the_same_file(project: Path) -> None:
    (project / CMS_CONFIG_FILE).unlink()
    result = run_cli(project, "cms")
    assert result.returncode == 0, result.stderr
    assert (project / CMS_CONFIG_FILE).read_text(encoding="utf-8") == COMMITTED.read_text(
        encoding="utf-8")


def test_the_cms_command_refuses_a_theme_list_cut_short_by_a_broken_themes_file(
        project: Path) -> None:
    themes = project / "projects" / "_themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "sport: [\n", encoding="utf-8")
    result = run_cli(project, "cms")
    assert result.returncode == 1
    assert "projects/_themes.yml:" in result.stderr and "Traceback" not in result.stderr


def test_the_configuration_is_valid_for_the_pinned_sveltia_cms() -> None:
    assert SVELTIA_SCHEMA.is_file(), "lancez make admin (installe le paquet npm épinglé)"
    schema = json.loads(SVELTIA_SCHEMA.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}"
              for e in jsonschema.Draft7Validator(schema).iter_errors(_config())]
    assert errors == []


def test_changes_go_through_a_pull_request_signed_in_with_a_token() -> None:
    config = _config()
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github"
    assert config["backend"]["auth_methods"] == ["token"]
    assert config["backend"]["repo"] == "fonds-mnt/laureats"


def test_every_field_of_the_model_is_in_the_form_with_a_french_label_and_help() -> None:
    (collection,) = _config()["collections"]
    assert collection["folder"] == "projects" and collection["format"] == FILE_FORMAT
    parts = {"LaureateRecord": collection["fields"]}
    top = _fields(collection["fields"])
    parts |= {"Testimonial": top["testimonials"]["fields"], "Image": top["image"]["fields"],
              "Video": top["video"]["fields"], "Link": top["links"]["fields"]}
    for name, fields in parts.items():
        model = getattr(models, name)
        by_name = _fields(fields)
        assert list(by_name) == list(model.model_fields), name
        for key, info in model.model_fields.items():
            field = by_name[key]
            assert field["label"] and field["hint"], f"{name}.{key}"
            assert field["label"] != key, f"{name}.{key}: a French label, not the key"
            assert field["required"] is info.is_required(), f"{name}.{key}"


def test_the_form_applies_the_model_s_own_rules() -> None:
    (collection,) = _config()["collections"]
    fields = _fields(collection["fields"])
    assert fields["department"]["pattern"][0] == department_code_pattern()
    assert "département" in fields["department"]["pattern"][1]
    assert (fields["summary"]["minlength"], fields["summary"]["maxlength"]) == (40, 280)
    assert (fields["title"]["minlength"], fields["title"]["maxlength"]) == (3, 120)
    assert [o["value"] for o in fields["kind"]["options"]] == [
        "commune", "departement", "intercommunalite", "region"]
    years = [o["value"] for o in fields["year"]["options"]]
    assert years[0] == models.FIRST_YEAR and years[-1] == models.UNKNOWN_YEAR
    image = _fields(fields["image"]["fields"])["src"]
    assert image["widget"] == "image"
    assert image["media_libraries"]["default"]["config"]["max_file_size"] == photos.MAX_BYTES
    assert set(image["accept"].split(",")) == {"image/jpeg", "image/png", "image/webp", "image/avif"}
    assert collection["media_folder"] == collection["public_folder"] == "images"
    assert _config()["media_libraries"] == {"stock_assets": False}  # no stock photo site
    assert "youtube" in _fields(fields["video"]["fields"])["url"]["pattern"][0]
    story = fields["story"]
    assert story["widget"] == "markdown" and "code" not in story["buttons"]
    assert story["editor_components"] == []
    for key in ("testimonials", "links"):
        assert fields[key]["widget"] == "list"


def test_theme_options_come_from_the_themes_catalogue() -> None:
    (collection,) = _config()["collections"]
    theme = _fields(collection["fields"])["theme"]
    themes = load_catalog(ROOT).catalog.themes
    assert theme["multiple"] is True and theme["min"] == 1
    assert theme["options"] == [{"label": t.label, "value": slug} for slug, t in themes.items()]


def test_only_laureate_files_are_entries_and_their_names_follow_the_file_name_rule() -> None:
    (collection,) = _config()["collections"]
    assert collection["filter"]["field"] == "commune"  # _themes.yml has none
    assert collection["slug"] == "{{commune}}"
    assert _config()["slug"] == {"encoding": "ascii", "clean_accents": True,
                                 "sanitize_replacement": "-"}
