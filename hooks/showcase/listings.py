"""Every way of dividing the laureates, declared once (Hugo's `taxonomies`).

A row of `LISTINGS` says how a laureate falls into a listing (its values), what the
listing's terms are and how they read, and where its pages are. From that table come:
the catalogue's groups (`Catalog.in_listing`), the term pages and the listing's own page
(`render.render_pages`), the cards' `data-*` attributes, the listing page's filters and
the key figures (`facets`). Adding a listing is one row here, plus its two templates,
or none: `listing.md.j2` and `term.md.j2` serve a row that names no template.

The order of the table is the order of the filters and of the key figures.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .models import UNKNOWN_YEAR, year_text
from .urls import PAGES, department_uri, edition_uri, region_uri, size_uri, theme_uri

if TYPE_CHECKING:
    from .catalog import Catalog, Laureate

KIND_LABELS = {
    "commune": "Commune",
    "departement": "Département",
    "intercommunalite": "Intercommunalité",
    "region": "Région",
}


# The generic templates of a listing that names none.
LISTING_TEMPLATE = "listing.md.j2"
TERM_TEMPLATE = "term.md.j2"


@dataclass(frozen=True)
class Term:
    """One value of a listing: `value` as in the address and the card (`35`), `label` as
    visitors read it (`Ille-et-Vilaine (35)`), `subject` what its page is about (the
    Department), None when the term has no page (the unknown year)."""

    value: str
    label: str
    subject: object = None


@dataclass(frozen=True)
class Listing:
    """One way of dividing the laureates.

    `name` is also the name its term page template knows its subject by (`theme`,
    `region`); `param` names it in the listing's address (`?theme=…`); `attribute` is
    the card's data attribute holding a laureate's values, space-separated when a
    laureate may have `several`. `values` gives a laureate's values, `terms` every
    term in the order visitors read them. `page` gives the path of a term's page
    (None: no term pages), `index` the listing's own page, `figures` the heading of its
    table on the key figures page (None: not there)."""

    name: str
    param: str
    attribute: str
    label: str
    all_label: str
    values: Callable[[Laureate], Sequence[str]]
    terms: Callable[[Catalog], Sequence[Term]]
    several: bool = False
    page: Callable[[Any], str] | None = None
    index: str | None = None
    index_template: str = LISTING_TEMPLATE
    term_template: str = TERM_TEMPLATE
    figures: str | None = None


def _year_value(laureate: Laureate) -> str:
    return str(laureate.record.year) if laureate.record.year else UNKNOWN_YEAR


def _year_terms(catalog: Catalog) -> list[Term]:
    return [Term(str(year), str(year), year) for year in catalog.years()] + \
        [Term(UNKNOWN_YEAR, year_text(None, capital=True))]


LISTINGS: tuple[Listing, ...] = (
    Listing("theme", "theme", "themes", "Thème", "Tous les thèmes",
            lambda l: l.record.theme,
            lambda c: [Term(slug, theme.label, theme) for slug, theme in c.themes.items()],
            several=True, page=lambda theme: theme_uri(theme.slug),
            index=PAGES.themes, index_template="themes.md.j2", term_template="theme.md.j2",
            figures="Par thème"),
    Listing("year", "annee", "year", "Année", "Toutes les années",
            lambda l: [_year_value(l)], _year_terms,
            page=edition_uri, index=PAGES.editions, index_template="editions.md.j2",
            term_template="edition.md.j2", figures="Par année"),
    Listing("region", "region", "region", "Région", "Toutes les régions",
            lambda l: [l.territory.region.code],
            lambda c: [Term(region.code, region.name, region) for region in c.regions()],
            page=region_uri, index=PAGES.territories, index_template="map.md.j2",
            term_template="region.md.j2", figures="Par région"),
    Listing("kind", "type", "kind", "Type de collectivité", "Tous les types",
            lambda l: [l.record.kind],
            lambda c: [Term(kind, label) for kind, label in KIND_LABELS.items()],
            figures="Par type de collectivité"),
    Listing("size", "taille", "size", "Taille", "Toutes les tailles",
            lambda l: [l.territory.size.slug],
            lambda c: [Term(size.slug, size.label, size) for size in c.size_classes()],
            page=size_uri, index=PAGES.territories, index_template="map.md.j2",
            term_template="size.md.j2", figures="Par taille de collectivité"),
    Listing("department", "departement", "department", "Département", "Tous les départements",
            lambda l: [l.department.code],
            lambda c: [Term(d.code, f"{d.name} ({d.code})", d) for d in c.departments()],
            page=department_uri, index=PAGES.territories, index_template="map.md.j2",
            term_template="department.md.j2"),
)


# --- What the table gives ---------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """A listing as the filters and the key figures show it: its terms that have at
    least one laureate, with their counts."""

    listing: Listing
    options: tuple[Option, ...]

    @property
    def param(self) -> str:
        return self.listing.param

    @property
    def attribute(self) -> str:
        return self.listing.attribute

    @property
    def label(self) -> str:
        return self.listing.label

    @property
    def all_label(self) -> str:
        return self.listing.all_label

    @property
    def several(self) -> bool:
        return self.listing.several

    @property
    def figures(self) -> str | None:
        return self.listing.figures


def facets(catalog: Catalog) -> list[Facet]:
    """The catalogue's listings in the order the filters show them; options with at least
    one laureate."""
    found = []
    for listing in catalog.listings:
        options = tuple(Option(term.value, term.label, count) for term in listing.terms(catalog)
                        if (count := len(catalog.in_listing(listing.name, term.value))))
        found.append(Facet(listing, options))
    return found


def groups(listings: Sequence[Listing],
           laureates: Sequence[Laureate]) -> dict[str, dict[str, list[Laureate]]]:
    """Laureates in catalogue order, by listing name then by value."""
    found: dict[str, dict[str, list[Laureate]]] = {listing.name: {} for listing in listings}
    for laureate in laureates:
        for listing in listings:
            group = found[listing.name]
            for value in dict.fromkeys(listing.values(laureate)):
                group.setdefault(value, []).append(laureate)
    return found


def card_attributes(listings: Sequence[Listing], laureate: Laureate) -> str:
    """The card's data attributes, one per listing: ` data-themes="a b" data-year="2024"…`."""
    return "".join(f' data-{listing.attribute}="{html.escape(" ".join(listing.values(laureate)))}"'
                   for listing in listings)


def narrowing(found: Sequence[Facet], catalog: Catalog) -> list[Facet]:
    """The facets worth a filter on the listing: those with an option that keeps more than
    one laureate but not all of them (seven departments "(1)" narrow nothing a visitor
    would not see at a glance), and that do not divide the laureates exactly as an
    earlier facet does (the same groups under other names)."""
    total = len(catalog.laureates)
    kept: list[Facet] = []
    seen: set[frozenset[frozenset[str]]] = set()
    for facet in found:
        grouping = frozenset(
            frozenset(laureate.slug for laureate in catalog.in_listing(facet.listing.name, option.value))
            for option in facet.options)
        if grouping in seen or not any(1 < option.count < total for option in facet.options):
            continue
        seen.add(grouping)
        kept.append(facet)
    return kept
