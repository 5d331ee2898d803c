"""The catalogue as open data and as numbers: laureats.json, laureats.csv, and the facets
(theme, year, region, kind, size) that the listing filters and the key figures page share.

The JSON keeps each laureate's file as it is (`record`, valid against
docs/schema/laureat.schema.json), beside its page address and the official facts about
its territory. The CSV flattens the same data for spreadsheets, one line per laureate,
with French headers that the data page documents.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from .catalog import Catalog, Laureate
from .models import UNKNOWN_YEAR
from .territories import load_territories

JSON_FILE = "laureats.json"
CSV_FILE = "laureats.csv"
SCHEMA_FILE = "schema/laureat.schema.json"
FORMAT_VERSION = 1


# --- Facets: how visitors narrow the list, and what the key figures count --------------------


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    slugs: tuple[str, ...] = ()  # the laureates it keeps


@dataclass(frozen=True)
class Facet:
    """One way to divide the laureates. `param` names it in the listing's address
    (`?theme=…`), `attribute` is the card's data attribute that holds its values
    (`data-themes`, space-separated when `several`)."""

    param: str
    attribute: str
    label: str
    all_label: str
    options: tuple[Option, ...]
    several: bool = False  # a laureate may have several values (its themes)


UNKNOWN_YEAR_LABEL = "Année non communiquée"


def facets(catalog: Catalog, kind_labels: dict[str, str]) -> list[Facet]:
    """The facets in the order the filters show them; options with at least one laureate."""
    laureates = catalog.laureates
    regions = {region.code: region.name for region in catalog.regions()}
    departments = {d.code: f"{d.name} ({d.code})" for d in catalog.departments()}
    sizes = {size.slug: size.label for size in catalog.size_classes()}
    years = [str(y) for y in catalog.years()] + [UNKNOWN_YEAR]
    year_labels = {UNKNOWN_YEAR: UNKNOWN_YEAR_LABEL}
    return [
        _facet(laureates, "theme", "themes", "Thème", "Tous les thèmes",
               {slug: t.label for slug, t in catalog.themes.items()}, lambda l: l.record.theme,
               several=True),
        _facet(laureates, "annee", "year", "Année", "Toutes les années",
               {y: year_labels.get(y, y) for y in years}, lambda l: [_year_value(l)]),
        _facet(laureates, "region", "region", "Région", "Toutes les régions",
               regions, lambda l: [l.territory.region.code]),
        _facet(laureates, "type", "kind", "Type de collectivité", "Tous les types",
               kind_labels, lambda l: [l.record.kind]),
        _facet(laureates, "taille", "size", "Taille", "Toutes les tailles",
               sizes, lambda l: [l.territory.size.slug]),
        _facet(laureates, "departement", "department", "Département", "Tous les départements",
               departments, lambda l: [l.department.code]),
    ]


def _facet(laureates: Iterable[Laureate], param: str, attribute: str, label: str,
           all_label: str, labels: dict[str, str],
           values: Callable[[Laureate], list[str]], *, several: bool = False) -> Facet:
    members: dict[str, list[str]] = {}
    for laureate in laureates:
        for value in values(laureate):
            members.setdefault(value, []).append(laureate.slug)
    options = tuple(Option(value, text, len(members[value]), tuple(members[value]))
                    for value, text in labels.items() if members.get(value))
    return Facet(param, attribute, label, all_label, options, several)


def narrowing(facets: Iterable[Facet], total: int) -> list[Facet]:
    """The facets worth a filter on the listing: those with an option that keeps more than
    one laureate but not all of them (seven departments "(1)" narrow nothing a visitor
    would not see at a glance), and that do not divide the laureates exactly as an
    earlier facet does (the same groups under other names)."""
    kept: list[Facet] = []
    seen: set[frozenset[frozenset[str]]] = set()
    for facet in facets:
        groups = frozenset(frozenset(option.slugs) for option in facet.options)
        if groups in seen or not any(1 < option.count < total for option in facet.options):
            continue
        seen.add(groups)
        kept.append(facet)
    return kept


def _year_value(laureate: Laureate) -> str:
    return str(laureate.record.year) if laureate.record.year else UNKNOWN_YEAR


# --- JSON -------------------------------------------------------------------------------------


def laureate_export(laureate: Laureate, catalog: Catalog, site_url: str) -> dict[str, Any]:
    """One laureate as published in laureats.json."""
    record = laureate.record.model_dump(mode="json", exclude_none=True)
    record["year"] = laureate.record.year or UNKNOWN_YEAR  # as a file says it
    territory = laureate.territory
    return {
        "slug": laureate.slug,
        "url": absolute_url(site_url, _page_path(laureate)),
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


def export_json(catalog: Catalog, site_url: str) -> str:
    data = {
        "title": "Lauréats du Fonds MNT",
        "version": FORMAT_VERSION,
        "home_page": site_url or None,
        "record_schema": absolute_url(site_url, SCHEMA_FILE),
        "territory_source": load_territories().credit,
        "count": len(catalog.laureates),
        "laureates": [laureate_export(l, catalog, site_url) for l in catalog.laureates],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- CSV --------------------------------------------------------------------------------------


CSV_HEADERS = (
    "identifiant", "page", "collectivite", "type", "nom_officiel", "code_territoire", "departement_code",
    "departement", "region_code", "region", "population", "taille", "annee", "themes", "titre",
    "resume", "recit", "accompagnement", "temoignages", "photo", "photo_description", "video",
    "video_titre", "liens",
)


def csv_row(laureate: Laureate, catalog: Catalog, site_url: str) -> dict[str, str]:
    r, territory = laureate.record, laureate.territory
    return {
        "identifiant": laureate.slug,
        "page": absolute_url(site_url, _page_path(laureate)),
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


def export_csv(catalog: Catalog, site_url: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_HEADERS, lineterminator="\r\n")
    writer.writeheader()
    for laureate in catalog.laureates:
        writer.writerow({name: spreadsheet_safe(value)
                         for name, value in csv_row(laureate, catalog, site_url).items()})
    return out.getvalue()


# A cell starting with one of these is a formula for a spreadsheet (`=HYPERLINK(…)` runs
# when the file is opened): OWASP's rule is to prefix it with an apostrophe, which the
# spreadsheet shows as text. The data page says so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def spreadsheet_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


# --- Files ------------------------------------------------------------------------------------


def write_exports(site_dir: Path, catalog: Catalog, site_url: str) -> None:
    """laureats.json and laureats.csv at the root of the built site, in UTF-8."""
    Path(site_dir, JSON_FILE).write_text(export_json(catalog, site_url), encoding="utf-8")
    Path(site_dir, CSV_FILE).write_text(export_csv(catalog, site_url), encoding="utf-8", newline="")


def absolute_url(site_url: str, path: str) -> str:
    """`path` on the published site; left relative when no site_url is configured."""
    return urljoin(site_url, path) if site_url else path


def _page_path(laureate: Laureate) -> str:
    return laureate.uri.removesuffix(".md") + "/"
