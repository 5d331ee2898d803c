"""The catalogue as open data: laureats.json and laureats.csv.

The JSON keeps each laureate's file as it is (`record`, valid against
docs/schema/laureat.schema.json), beside its page address and the official facts about
its territory. The CSV flattens the same data for spreadsheets, one line per laureate,
with French headers that the data page documents.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalog import Catalog, Laureate
from .models import UNKNOWN_YEAR, CsvColumn, LaureateRecord, declared
from .resolve import Territory
from .territories import load_territories
from .urls import DIRECTORY_URLS, PAGES, Addresses, absolute_url

JSON_FILE = PAGES.json
CSV_FILE = PAGES.csv
SCHEMA_FILE = PAGES.schema
FORMAT_VERSION = 1


# --- JSON -------------------------------------------------------------------------------------


def laureate_export(laureate: Laureate, catalog: Catalog, site_url: str,
                    addresses: Addresses = DIRECTORY_URLS) -> dict[str, Any]:
    """One laureate as published in laureats.json."""
    record = laureate.record.model_dump(mode="json", exclude_none=True)
    record["year"] = laureate.record.year or UNKNOWN_YEAR  # as a file says it
    territory = laureate.territory
    return {
        "slug": laureate.slug,
        "url": absolute_url(site_url, addresses.page_url(laureate.uri)),
        "record": record,
        "themes": [{"slug": slug, "label": catalog.themes[slug].label} for slug in laureate.record.theme],
        "image_url": absolute_url(site_url, laureate.image_uri) if laureate.image_uri else None,
        "territory": {
            "name": territory.name,
            "code": territory.code,
            "population": territory.population,
            "department_code": territory.department.code,
            "department_name": territory.department.name,
            "region_code": territory.region.code,
            "region_name": territory.region.name,
            "size_class": territory.size.slug,
            "size_class_label": territory.size.label,
        },
    }


def export_json(catalog: Catalog, site_url: str, addresses: Addresses = DIRECTORY_URLS) -> str:
    data = {
        "title": "Lauréats du Fonds MNT",
        "version": FORMAT_VERSION,
        "home_page": site_url or None,
        "record_schema": absolute_url(site_url, SCHEMA_FILE),
        "territory_source": load_territories().credit,
        "count": len(catalog.laureates),
        "laureates": [laureate_export(l, catalog, site_url, addresses)
                      for l in catalog.laureates],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- CSV --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvLine:
    """What a CSV column reads from: one laureate, the catalogue, the site's addresses."""

    laureate: Laureate
    catalog: Catalog
    site_url: str
    addresses: Addresses

    @property
    def record(self) -> LaureateRecord:
        return self.laureate.record

    @property
    def territory(self) -> Territory:
        return self.laureate.territory


@dataclass(frozen=True)
class Column:
    """A column of laureats.csv: its header, its cell for a laureate, and the sentence
    that documents it on the data page (donnees.md.j2), in this order."""

    name: str
    description: str
    value: Callable[[CsvLine], str]


def _testimonials(line: CsvLine) -> str:
    return "\n".join(f"« {t.quote} » — {t.author}" + (f", {t.role}" if t.role else "")
                     + (f" ({t.source})" if t.source else "") for t in line.record.testimonials)


def _field_column(name: str, declared_column: CsvColumn) -> Column:
    """The column of a field as the file writes it (models.py declares it): empty when
    the file has none."""
    def value(line: CsvLine) -> str:
        found = getattr(line.record, name)
        return "" if found is None else str(found)
    return Column(declared_column.header, declared_column.description, value)


# The columns that are not a field as written, before the fields (_FIRST) or each group
# where the field it tells about stands in the file (_COMPUTED).
_FIRST = (
    Column("identifiant", "Identifiant du lauréat : le nom de son fichier, qui donne aussi "
           "l'adresse de sa page.", lambda line: line.laureate.slug),
    Column("page", "Adresse de la page du lauréat sur ce site.",
           lambda line: absolute_url(line.site_url, line.addresses.page_url(line.laureate.uri))),
)
_COMPUTED: dict[str, tuple[Column, ...]] = {
    # the official territory that the name, the type and the department lead to
    "department": (
        Column("nom_officiel", "Nom officiel de la collectivité dans le Code officiel "
               "géographique ou la liste des intercommunalités.",
               lambda line: line.territory.name),
        Column("code_territoire", "Code INSEE de la commune, du département ou de la région ; "
               "numéro SIREN pour une intercommunalité.", lambda line: line.territory.code),
        Column("departement_code", "Numéro du département (« 35 », « 2A », « 974 »).",
               lambda line: line.territory.department.code),
        Column("departement", "Nom du département.", lambda line: line.territory.department.name),
        Column("region_code", "Code INSEE de la région.", lambda line: line.territory.region.code),
        Column("region", "Nom de la région.", lambda line: line.territory.region.name),
        Column("population", "Population municipale de la collectivité (INSEE), en nombre "
               "d'habitants.", lambda line: "" if line.territory.population is None
               else str(line.territory.population)),
        Column("taille", "Classe de taille : pour une commune, sa tranche de population ; "
               "sinon son type.", lambda line: line.territory.size.label),
    ),
    "theme": (
        Column("themes", "Thèmes du projet, séparés par « ; ».",
               lambda line: " ; ".join(line.catalog.themes[slug].label
                                       for slug in line.record.theme)),
    ),
    "testimonials": (
        Column("temoignages", "Les témoignages, un par ligne : « citation » — auteur, "
               "fonction (adresse de la source).", _testimonials),
    ),
    "image": (
        Column("photo", "Adresse de la photo du projet, s'il y en a une.",
               lambda line: absolute_url(line.site_url, line.laureate.image_uri)
               if line.laureate.image_uri else ""),
        Column("photo_description", "Description de la photo pour qui ne la voit pas.",
               lambda line: line.record.image.alt if line.record.image else ""),
    ),
    "video": (
        Column("video", "Adresse de la vidéo du projet, s'il y en a une.",
               lambda line: line.record.video.watch_url if line.record.video else ""),
        Column("video_titre", "Titre de la vidéo.",
               lambda line: line.record.video.title if line.record.video else ""),
    ),
    "links": (
        Column("liens", "Liens pour en savoir plus, un par ligne : texte du lien : adresse.",
               lambda line: "\n".join(f"{link.label} : {link.url}" for link in line.record.links)),
    ),
}


def csv_columns(model: type[LaureateRecord] = LaureateRecord) -> tuple[Column, ...]:
    """The columns in the order of the file's fields: for each, its own column if it
    declares one (`CsvColumn`), then the computed columns that stand at its place."""
    assert _COMPUTED.keys() <= model.model_fields.keys(), "columns placed at no field"
    columns = list(_FIRST)
    for name, info in model.model_fields.items():
        own = declared(info, CsvColumn)
        if own is not None:
            columns.append(_field_column(name, own))
        columns += _COMPUTED.get(name, ())
    return tuple(columns)


CSV_COLUMNS = csv_columns()
CSV_HEADERS = tuple(column.name for column in CSV_COLUMNS)


def csv_row(laureate: Laureate, catalog: Catalog, site_url: str,
            addresses: Addresses = DIRECTORY_URLS) -> dict[str, str]:
    line = CsvLine(laureate, catalog, site_url, addresses)
    return {column.name: column.value(line) for column in CSV_COLUMNS}


def export_csv(catalog: Catalog, site_url: str, addresses: Addresses = DIRECTORY_URLS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_HEADERS, lineterminator="\r\n")
    writer.writeheader()
    for laureate in catalog.laureates:
        writer.writerow({name: spreadsheet_safe(value)
                         for name, value in csv_row(laureate, catalog, site_url, addresses).items()})
    return out.getvalue()


# A cell starting with one of these is a formula for a spreadsheet (`=HYPERLINK(…)` runs
# when the file is opened): OWASP's rule is to prefix it with an apostrophe, which the
# spreadsheet shows as text. The data page says so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


# --- Files ------------------------------------------------------------------------------------


def write_exports(site_dir: Path, catalog: Catalog, site_url: str,
                  addresses: Addresses = DIRECTORY_URLS) -> None:
    """laureats.json and laureats.csv at the root of the built site, in UTF-8."""
    Path(site_dir, JSON_FILE).write_text(export_json(catalog, site_url, addresses), encoding="utf-8")
    Path(site_dir, CSV_FILE).write_text(export_csv(catalog, site_url, addresses), encoding="utf-8",
                                        newline="")
