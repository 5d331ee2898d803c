"""Listings are declared once (showcase/listings.py): a row added to the table, here from a
test fixture, gets its pages, its filter, its cards' attribute and its key figures,
without any other module knowing of it."""

from __future__ import annotations

import dataclasses
import re

import pytest

from conftest import ROOT
from showcase import Catalog, Laureate, load_catalog, render_pages
from showcase.listings import LISTINGS, Listing, Term, facets

# "By partner", the example: which partners worked with a laureate (made up for
# the test, kept out of projects/). A laureate may have several, or none.
PARTNERS = {"mairie-solidaire": "Mairie solidaire", "reseau-accueil": "Réseau Accueil & Co"}


def partners_of(laureate: Laureate) -> list[str]:
    """Some laureates with one partner, some with two, some with none."""
    index = sum(map(ord, laureate.slug))
    return [slug for position, slug in enumerate(PARTNERS) if index % (position + 2) == 0]


@pytest.fixture(scope="module")
def partner() -> Listing:
    return Listing(
        "partner", "partenaire", "partners", "Partenaire", "Tous les partenaires",
        values=partners_of,
        terms=lambda catalog: [Term(slug, label, slug) for slug, label in PARTNERS.items()],
        several=True, page=lambda slug: f"partenaires/{slug}.md", index="partenaires/index.md",
        figures="Par partenaire")


@pytest.fixture(scope="module")
def catalog(partner: Listing) -> Catalog:
    result = load_catalog(ROOT)
    assert result.problems == []
    return dataclasses.replace(result.catalog, listings=(*LISTINGS, partner))


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, str]:
    return {page.uri: page.markdown for page in render_pages(catalog)}


def cards(markdown: str) -> list[str]:
    """The laureates whose cards a page shows, by their page address."""
    return re.findall(r'<h\d class="laureate-card__title"><a href="(?:\.\./)*laureats/([^/"]+)/"',
                      markdown)


def expected(catalog: Catalog, slug: str) -> list[str]:
    return [l.slug for l in catalog.laureates if slug in partners_of(l)]


def test_the_fixture_divides_the_real_laureates_unevenly(catalog: Catalog) -> None:
    counts = [len(partners_of(l)) for l in catalog.laureates]
    assert 0 in counts and max(counts) >= 1
    assert all(expected(catalog, slug) for slug in PARTNERS)


def test_the_catalogue_groups_laureates_by_the_new_listing(catalog: Catalog) -> None:
    for slug in PARTNERS:
        assert [l.slug for l in catalog.in_listing("partner", slug)] == expected(catalog, slug)


def test_the_new_listing_has_its_page_and_one_page_per_term(catalog: Catalog,
                                                            pages: dict[str, str]) -> None:
    index = pages["partenaires/index.md"]
    assert "# Les lauréats par partenaire" in index
    for slug, label in PARTNERS.items():
        count = len(expected(catalog, slug))
        assert f"- [{label.replace('&', '&amp;')}]({slug}.md) : {count} lauréat" in index
        page = pages[f"partenaires/{slug}.md"]
        assert f"title: \"Partenaire : {label.replace('&', '&amp;')}\"" in page
        assert cards(page) == expected(catalog, slug)
    # the other listings' pages are still there, once each
    assert len(pages) == len(render_pages(dataclasses.replace(catalog, listings=LISTINGS))) \
        + 1 + len(PARTNERS)


def test_the_cards_carry_the_new_listing_for_the_filters(catalog: Catalog,
                                                         pages: dict[str, str]) -> None:
    listing = pages["laureats/index.md"]
    for laureate in catalog.laureates:
        card = re.search(rf'<li class="laureate-card"[^>]*>\n<h2 class="laureate-card__title">'
                         rf'<a href="{laureate.slug}/"', listing)
        assert card, laureate.slug
        assert f'data-partners="{" ".join(partners_of(laureate))}"' in card[0]


def test_the_listing_page_offers_a_filter_on_the_new_listing(catalog: Catalog,
                                                             pages: dict[str, str]) -> None:
    listing = pages["laureats/index.md"]
    select = re.search(r'<label for="filtre-partenaire">Partenaire</label>\n'
                       r'<select id="filtre-partenaire" name="partenaire" '
                       r'data-filter-attribute="partners" data-filter-several>\n'
                       r'<option value="" data-label="Tous les partenaires">Tous les partenaires '
                       r'\(\d+\)</option>\n((?:<option .*\n)+)</select>',
                       listing)
    assert select, "no filter on partners"
    assert re.findall(r'<option value="([^"]+)"', select[1]) == list(PARTNERS)


def test_the_key_figures_count_the_new_listing(catalog: Catalog, pages: dict[str, str]) -> None:
    figures = pages["chiffres-cles.md"]
    section = figures.split("## Par partenaire", 1)[1]
    total = len(catalog.laureates)
    for slug, label in PARTNERS.items():
        count = len(expected(catalog, slug))
        share = round(100 * count / total)
        text = label.replace("&", "&amp;")
        row = (f'<a href="../laureats/?partenaire={slug}" aria-label="{text} (par partenaire)">'
               f'{text}</a></th><td class="key-figures-chart__count">{count}</td>')
        assert row in section
        assert f"--share: {share}%" in section
    facet = next(f for f in facets(catalog) if f.param == "partenaire")
    assert [(o.value, o.count) for o in facet.options] == \
        [(slug, len(expected(catalog, slug))) for slug in PARTNERS]


def test_without_the_row_nothing_of_the_listing_is_left(pages: dict[str, str],
                                                        catalog: Catalog) -> None:
    plain = {page.uri: page.markdown
             for page in render_pages(dataclasses.replace(catalog, listings=LISTINGS))}
    assert not any(uri.startswith("partenaires/") for uri in plain)
    assert "partenaire" not in plain["laureats/index.md"]
    assert "Par partenaire" not in plain["chiffres-cles.md"]
