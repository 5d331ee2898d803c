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
from pathlib import Path
from typing import Any

from .catalog import Catalog, Laureate
from .models import UNKNOWN_YEAR
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


CSV_HEADERS = (
    "identifiant", "page", "collectivite", "type", "nom_officiel", "code_territoire", "departement_code",
    "departement", "region_code", "region", "population", "taille", "annee", "themes", "titre",
    "resume", "recit", "accompagnement", "temoignages", "photo", "photo_description", "video",
    "video_titre", "liens",
)


def csv_row(laureate: Laureate, catalog: Catalog, site_url: str,
            addresses: Addresses = DIRECTORY_URLS) -> dict[str, str]:
    r, territory = laureate.record, laureate.territory
    return {
        "identifiant": laureate.slug,
        "page": absolute_url(site_url, addresses.page_url(laureate.uri)),
        "collectivite": r.commune,
        "type": r.kind,
        "nom_officiel": territory.name,
        "code_territoire": territory.code,
        "departement_code": territory.department.code,
        "departement": territory.department.name,
        "region_code": territory.region.code,
        "region": territory.region.name,
        "population": "" if territory.population is None else str(territory.population),
        "taille": territory.size.label,
        "annee": str(r.year or ""),
        "themes": " ; ".join(catalog.themes[slug].label for slug in r.theme),
        "titre": r.title,
        "resume": r.summary,
        "recit": r.story or "",
        "accompagnement": r.support or "",
        "temoignages": "\n".join(
            f"« {t.quote} » — {t.author}" + (f", {t.role}" if t.role else "")
            + (f" ({t.source})" if t.source else "") for t in r.testimonials),
        "photo": absolute_url(site_url, laureate.image_uri) if laureate.image_uri else "",
        "photo_description": r.image.alt if r.image else "",
        "video": r.video.watch_url if r.video else "",
        "video_titre": r.video.title if r.video else "",
        "liens": "\n".join(f"{link.label} : {link.url}" for link in r.links),
    }


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
