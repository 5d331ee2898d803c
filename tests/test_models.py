"""Specification of a field's declaration: a field declared once in models.py gets its
label in the form and in the editor, its line in a new file's skeleton, and (if it
declares one) its CSV column, documented on the data page; no other module names it.

The test extends the laureate model with one field, declared as models.py declares its
own, and reads each of these from what the modules derive from the extended model."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Annotated

import pytest
from pydantic import BaseModel, Field

from conftest import ROOT
from showcase import models, render
from showcase.catalog import Catalog, load_catalog
from showcase.cms import cms_config
from showcase.exports import CSV_COLUMNS, Column, csv_columns
from showcase.models import CsvColumn, LaureateRecord, PlainText, Skeleton
from showcase.render import html_text, render_pages
from showcase.schema import laureate_schema
from showcase.template import new_laureate_text


class WithPartner(LaureateRecord):
    """A laureate file with one more field than today's."""

    partner: Annotated[
        PlainText | None,
        Skeleton("Nom du partenaire", comment="Le partenaire qui a mené le projet avec vous."),
        CsvColumn("partenaire", "Partenaire qui a mené le projet avec la collectivité."),
    ] = Field(
        title="Partenaire", default=None, max_length=120,
        description="Le partenaire (association, entreprise) qui a mené le projet.",
    )


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT).catalog


def test_the_form_labels_the_new_field_with_its_declared_title(catalog: Catalog) -> None:
    form = cms_config(catalog.themes, repo="fonds-mnt/laureats", site_url="https://x.fr/",
                      model=WithPartner)
    fields = {field["name"]: field for field in form["collections"][0]["fields"]}
    assert fields["partner"]["label"] == "Partenaire"
    assert fields["partner"]["hint"] == WithPartner.model_fields["partner"].description
    assert fields["partner"]["required"] is False


def test_the_editor_heads_the_new_fields_hover_with_its_declared_title(catalog: Catalog) -> None:
    schema = laureate_schema(catalog.themes, model=WithPartner)
    partner = schema["properties"]["partner"]
    assert partner["title"] == "Partenaire"
    assert partner["description"] == WithPartner.model_fields["partner"].description
    assert "partner" in schema["propertyNames"]["pattern"]  # a known key, not a typo


def test_a_new_file_writes_the_new_field_after_the_others_under_its_comment() -> None:
    today = new_laureate_text("ma-commune", 2021)
    extended = new_laureate_text("ma-commune", 2021, model=WithPartner)
    assert extended == today + "# Le partenaire qui a mené le projet avec vous.\n" \
        "partner: Nom du partenaire\n"


def test_the_new_field_is_a_csv_column_documented_on_the_data_page(
        catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    columns = csv_columns(WithPartner)
    assert [column.name for column in columns] == [*(c.name for c in CSV_COLUMNS), "partenaire"]
    record = WithPartner.model_validate({
        "commune": "Renac", "department": "35", "year": 2021, "theme": "accueil-des-usagers",
        "title": "Un guichet unique", "partner": "Association Relais",
        "summary": "Une phrase assez longue pour passer la règle des quarante caractères."})
    cell = columns[-1].value
    assert cell(SimpleNamespace(record=record)) == "Association Relais"
    no_partner = record.model_copy(update={"partner": None})
    assert cell(SimpleNamespace(record=no_partner)) == ""

    monkeypatch.setattr(render, "CSV_COLUMNS", columns)  # the data page lists what it is given
    page = next(p for p in render_pages(catalog) if p.uri == "donnees.md").markdown
    documented = html_text("Partenaire qui a mené le projet avec la collectivité.")
    assert f'<tr><th scope="row"><code>partenaire</code></th><td>{documented}</td></tr>' in page


def test_a_field_that_declares_no_column_and_no_skeleton_is_in_neither() -> None:
    class WithNote(LaureateRecord):
        note: str | None = Field(default=None, title="Note", description="Une note interne.")

    def documented(columns: tuple[Column, ...]) -> list[tuple[str, str]]:
        return [(column.name, column.description) for column in columns]

    assert documented(csv_columns(WithNote)) == documented(CSV_COLUMNS)
    assert new_laureate_text("x", 2021, model=WithNote) == new_laureate_text("x", 2021)


def test_every_field_of_a_laureate_file_declares_its_french_label() -> None:
    """Without one, pydantic would title it in English (`Commune`), and the form would
    show no label."""
    parts: list[type[BaseModel]] = [LaureateRecord, models.Testimonial, models.Image,
                                    models.Video, models.Link]
    for model in parts:
        for name, info in model.model_fields.items():
            assert info.title and info.title != name.title(), f"{model.__name__}.{name}"
