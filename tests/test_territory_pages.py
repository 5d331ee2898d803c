"""Specification of the territory pages of the real site (one real `mkdocs build --strict`):
the map of France with the laureates, the listings by region, department and size, the
facts on each laureate page, and links that all lead somewhere."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, as_typed, run_mkdocs
from showcase.catalog import Catalog, load_catalog
from showcase.render import render_pages
from showcase.urls import department_uri, region_uri, size_uri


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_catalog(ROOT)
    assert result.problems == []
    return result.catalog


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def folder(uri: str) -> str:
    """`territoires/regions/bretagne.md` → `territoires/regions/bretagne` (its folder in site/)."""
    return uri.removesuffix(".md").removesuffix("/index")


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Elements:
    elements = Elements()
    elements.feed(html)
    return elements


def text_of(html: str) -> str:
    """The text as read, spaces folded; no-break spaces (French typography) are kept."""
    return as_typed(re.sub(r"[ \t\r\n]+", " ", "".join(parse(html).text)).replace("¶", "").strip())


def main_html(html: str) -> str:
    """The page's own content, without Material's header, navigation and footer."""
    match = re.search(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', html, re.DOTALL)
    assert match, "no article in the page"
    return as_typed(match.group(1))


def map_html(site: Path) -> str:
    match = re.search(r'<div class="territory-map">.*?</svg>.*?</div>\s*</div>',
                      html_of(site, "territoires"), re.DOTALL)
    assert match, "no map on the territories page"
    return as_typed(match.group(0))


# --------------------------------------------------------------------------
# The page with the map


def test_territories_page_is_in_the_main_navigation(built_site: Path) -> None:
    tabs = [attrs.get("href") for tag, attrs in parse(html_of(built_site, "")).tags
            if tag == "a" and "md-tabs__link" in attrs.get("class", "")]
    assert "territoires/" in tabs


def test_map_links_each_drawn_department_with_laureates_to_its_page(
    built_site: Path, catalog: Catalog,
) -> None:
    links = [attrs for tag, attrs in parse(map_html(built_site)).tags
             if tag == "a" and attrs.get("class") == "territory-map__department"]
    drawn = [d for d in catalog.departments() if not d.code.startswith("97")]
    # xlink:href, not href: see test_the_map_page_runs_without_script_errors.
    assert [link["xlink:href"] for link in links] == [
        f"{folder(department_uri(d)).removeprefix('territoires/')}/" for d in drawn]
    for link, department in zip(links, drawn):
        count = len(catalog.in_department(department.code))
        assert link["aria-label"] == (
            f"{department.name} ({department.code}) : {count} lauréat{'s' if count > 1 else ''}")


def test_map_has_an_accessible_name_and_its_text_alternative_beside_it(
    built_site: Path, catalog: Catalog,
) -> None:
    html = map_html(built_site)
    [svg] = [attrs for tag, attrs in parse(html).tags if tag == "svg"]
    assert svg["role"] == "group"  # not "img": it would hide the links inside
    title = re.search(rf'<title id="{svg["aria-labelledby"]}">([^<]+)</title>', html)
    assert title and title.group(1).startswith("Carte des départements de France métropolitaine")
    intro = re.search(rf'<p id="{svg["aria-describedby"]}">([^<]+)</p>', html)
    assert intro and intro.group(1) == "Les lauréats par département, en liste :"
    # Every laureate is a link in the list that follows the map, in the same block.
    listed = re.search(r'<div class="territory-map__list">(.*)', html, re.DOTALL)
    assert listed
    hrefs = {attrs["href"] for tag, attrs in parse(listed.group(1)).tags if tag == "a"}
    assert {f"../laureats/{laureate.slug}/" for laureate in catalog.laureates} == {
        href for href in hrefs if "laureats/" in href}


def test_non_laureate_departments_are_hidden_from_screen_readers(built_site: Path) -> None:
    html = map_html(built_site)
    land = re.search(r'<g class="territory-map__land" aria-hidden="true">(.*?)</g>', html, re.DOTALL)
    assert land
    assert len(re.findall("<path ", land.group(1))) + len(re.findall(
        'class="territory-map__department"', html)) == 96
    assert "<a " not in land.group(1)


def test_overseas_departments_are_listed_since_the_map_does_not_draw_them(
    built_site: Path,
) -> None:
    text = text_of(map_html(built_site))
    assert ("Outre-mer, hors de la carte : Guadeloupe (971), Martinique (972), Guyane (973), "
            "La Réunion (974), Mayotte (976) : pas encore de lauréat") in text


def test_an_overseas_laureate_is_a_link_beside_the_map(
    project: Path, write_laureate: Callable[[str, str], Path], tmp_path: Path,
) -> None:
    write_laureate("mamoudzou.yml", LAUREATE.format(commune="Mamoudzou", department="976"))
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stdout + result.stderr
    html = map_html(tmp_path / "site")
    assert ('<li><a href="departements/976-mayotte/">Mayotte (976)</a> : '
            '<a href="../laureats/mamoudzou/">Mamoudzou</a></li>') in html
    assert "Mayotte (976) : pas encore" not in text_of(html)
    assert (tmp_path / "site" / "territoires" / "departements" / "976-mayotte"
            / "index.html").is_file()


def test_map_credits_its_authors_and_the_data(built_site: Path) -> None:
    html = main_html(html_of(built_site, "territoires"))
    assert ('<figcaption class="territory-map__credit">Carte : MapSVG, Victor Cazanave, '
            '<a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a> '
            "(modifiée)</figcaption>") in html
    assert "INSEE, DGCL, La Poste, via Etalab (@etalab/decoupage-administratif 6.0.0" in html


def test_the_map_asks_nothing_of_another_host(built_site: Path) -> None:
    html = main_html(html_of(built_site, "territoires"))
    for tag, attrs in parse(html).tags:
        assert not urlsplit(attrs.get("src", "")).netloc, (tag, attrs)
        if tag != "a":
            assert not urlsplit(attrs.get("href", "")).netloc, (tag, attrs)


# --------------------------------------------------------------------------
# Listings by region, department and size


@pytest.mark.parametrize(
    ("kind", "expected_folders"),
    [
        ("regions", ["auvergne-rhone-alpes", "bourgogne-franche-comte", "bretagne", "grand-est",
                     "ile-de-france", "nouvelle-aquitaine", "provence-alpes-cote-d-azur"]),
        ("departements", ["03-allier", "33-gironde", "35-ille-et-vilaine",
                          "54-meurthe-et-moselle", "58-nievre", "75-paris", "83-var"]),
        ("tailles", ["2000-a-9999", "50000-et-plus", "departement", "intercommunalite",
                     "moins-de-2000"]),
    ],
)
def test_one_page_per_region_department_and_size_with_laureates(
    built_site: Path, kind: str, expected_folders: list[str],
) -> None:
    folders = sorted(p.parent.name for p in (built_site / "territoires" / kind).glob("*/index.html"))
    assert folders == expected_folders


def cards_on(site: Path, uri: str) -> list[str]:
    html = main_html(html_of(site, folder(uri)))
    return re.findall(r'<h2 class="laureate-card__title"><a href="(?:\.\./)+laureats/([\w-]+)/">',
                      html)


def test_each_listing_shows_exactly_its_laureates(built_site: Path, catalog: Catalog) -> None:
    for region in catalog.regions():
        assert cards_on(built_site, region_uri(region)) == [
            l.slug for l in catalog.in_region(region.code)]
    for department in catalog.departments():
        assert cards_on(built_site, department_uri(department)) == [
            l.slug for l in catalog.in_department(department.code)]
    for size in catalog.size_classes():
        assert cards_on(built_site, size_uri(size)) == [l.slug for l in catalog.with_size(size.slug)]
    assert sorted(l.slug for s in catalog.size_classes() for l in catalog.with_size(s.slug)) == \
        sorted(l.slug for l in catalog.laureates)


def test_listing_pages_say_where_and_how_many(built_site: Path) -> None:
    region = text_of(main_html(html_of(built_site, "territoires/regions/bretagne")))
    assert "Bretagne 1 lauréat du Fonds MNT dans la région, qui compte 3\u202f449\u202f370 " \
           "habitants. Département : Ille-et-Vilaine (35)." in region
    department = text_of(main_html(html_of(built_site, "territoires/departements/83-var")))
    assert "Var (83) Département de la région Provence-Alpes-Côte d'Azur" in department
    size = text_of(main_html(html_of(built_site, "territoires/tailles/moins-de-2000")))
    assert size.startswith("Communes de moins de 2\u00a0000 habitants 2 lauréats dans cette "
                           "catégorie.")


def test_territories_page_counts_each_facet(built_site: Path) -> None:
    text = text_of(main_html(html_of(built_site, "territoires")))
    assert "7 lauréats dans 7 départements et 7 régions" in text
    assert "Bretagne : 1 lauréat" in text
    assert "Ille-et-Vilaine (35) : 1 lauréat" in text
    assert "Communes de moins de 2\u00a0000 habitants : 2 lauréats" in text
    assert "Intercommunalités : 1 lauréat" in text


# --------------------------------------------------------------------------
# Facts on laureate pages, cards


@pytest.mark.parametrize(
    ("slug", "facts", "code"),
    [
        ("renac", {"Collectivité": "Renac Commune de moins de 2\u00a0000 habitants",
                   "Population": "1\u202f027 habitants",
                   "Territoire": "Ille-et-Vilaine (35) Bretagne"}, "Code INSEE : 35237"),
        ("paris", {"Population": "2\u202f103\u202f778 habitants",
                   "Territoire": "Paris (75) Île-de-France"}, "Code INSEE : 75056"),
        ("mad-et-moselle", {"Collectivité": "Communauté de communes Mad et Moselle "
                                            "Intercommunalité",
                            "Population": "19\u202f153 habitants, 47 communes",
                            "Territoire": "Meurthe-et-Moselle (54) Grand Est"},
         "SIREN : 200\u202f070\u202f738"),
        ("allier", {"Collectivité": "Allier Département", "Population": "333\u202f298 habitants",
                    "Territoire": "Allier (03) Auvergne-Rhône-Alpes"}, "Code INSEE : 03"),
    ],
)
def test_laureate_page_gives_the_facts_and_the_codes_behind_a_disclosure(
    built_site: Path, slug: str, facts: dict[str, str], code: str,
) -> None:
    html = main_html(html_of(built_site, f"laureats/{slug}"))
    block = re.search(r'<dl class="laureate-facts__list">(.*?)</dl>\s*'
                      r'<details class="laureate-facts__more"[^>]*>(.*?)</details>', html, re.DOTALL)
    assert block
    shown = {text_of(term): text_of(value.replace("<br>", " "))
             for term, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", block.group(1),
                                           re.DOTALL)}
    assert {term: shown.get(term) for term in facts} == facts
    more = text_of(block.group(2))
    assert code in more
    # In plain French: the vintage and the producer, no package name, no ISO date.
    assert "Population municipale 2023, Insee" in more
    assert "@etalab" not in more
    assert not re.search(r"\d{4}-\d{2}-\d{2}", more)


def test_laureate_facts_link_to_the_territory_pages(built_site: Path) -> None:
    html = main_html(html_of(built_site, "laureats/renac"))
    for href in ("../../territoires/tailles/moins-de-2000/",
                 "../../territoires/departements/35-ille-et-vilaine/",
                 "../../territoires/regions/bretagne/"):
        assert re.search(f'<a href="{re.escape(href)}"[ >]', html), href


def test_cards_show_the_size_and_carry_region_and_size_for_filters(
    built_site: Path, catalog: Catalog,
) -> None:
    html = main_html(html_of(built_site, "laureats"))
    cards = {attrs["data-region"] + " " + attrs["data-size"]
             for tag, attrs in parse(html).tags if tag == "li" and "data-size" in attrs}
    assert cards == {f"{l.territory.region.code} {l.territory.size.slug}"
                     for l in catalog.laureates}
    assert '<p class="laureate-card__size">Commune de moins de 2\u00a0000 habitants</p>' in html
    assert "<p class=\"laureate-card__where\">Communauté de communes Mad et Moselle (54)" in html


# --------------------------------------------------------------------------
# Every link leads somewhere


def relative_links(html: str) -> Iterator[str]:
    for _, attrs in parse(html).tags:
        href = attrs.get("href") or attrs.get("xlink:href") or ""
        parts = urlsplit(href)
        if href and not parts.scheme and not parts.netloc and not href.startswith("#"):
            yield parts.path


def test_every_link_on_territory_and_laureate_pages_resolves(built_site: Path) -> None:
    pages = [*(built_site / "territoires").rglob("index.html"),
             *(built_site / "laureats").rglob("index.html")]
    assert len(pages) >= 1 + 7 + 7 + 5 + 7 + 1
    for page in pages:
        for href in relative_links(page.read_text(encoding="utf-8")):
            target = (page.parent / href).resolve()
            assert target.is_file() or (target / "index.html").is_file(), (page, href)


# --------------------------------------------------------------------------
# Laureates of the same region


LAUREATE = """\
commune: {commune}
department: "{department}"
year: 2024
theme: accueil-des-usagers
title: Un projet pour la vérification
summary: Une phrase de résumé, assez longue pour que le fichier soit valide.
"""


def test_laureate_page_links_to_others_of_its_region(
    project: Path, write_laureate: Callable[[str, str], Path],
) -> None:
    write_laureate("essai.yml", LAUREATE.format(commune="Redon", department="35"))
    catalog = load_catalog(project).catalog
    pages = {page.uri: page.markdown for page in render_pages(catalog)}
    renac = pages["laureats/renac.md"]
    section = renac[renac.index("## Dans la même région"):]
    assert "- [Un projet pour la vérification](essai.md) : Redon (35), 2024" in section
    assert "[Tous les lauréats de la région Bretagne](../territoires/regions/bretagne.md)" in section
    assert "## Dans la même région" not in pages["laureats/paris.md"]  # alone in its region


def test_same_region_links_are_bounded(project: Path,
                                       write_laureate: Callable[[str, str], Path]) -> None:
    for index, commune in enumerate(["Redon", "Rennes", "Vitré", "Fougères", "Dinard", "Bruz",
                                     "Betton", "Pacé"]):
        write_laureate(f"essai-{index}.yml", LAUREATE.format(commune=commune, department="35"))
    catalog = load_catalog(project).catalog
    [renac] = [l for l in catalog.laureates if l.slug == "renac"]
    assert len(catalog.in_region("53")) == 9
    assert len(catalog.same_region(renac)) == 6
