"""Specification of French search, through the real search dialog (Pagefind), in Chromium.

Visitors type without accents or with half of them, in the plural, after an elision,
a place name or a department number: the laureate they look for must be among the
first three results. The site is the real one plus projects/evreux.yml
(conftest.SEARCH_LAUREATE), whose story holds words the real laureates do not use.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import Tab, describe_violations, run_axe

pytestmark = pytest.mark.browser


def assert_no_violations(page: Page, state: str) -> None:
    report = describe_violations(state, run_axe(page))
    assert not report, "\n".join(report)

# query → laureate that must be among the first three results
TOP_THREE = [
    ("médiathèque", "saint-amand-en-puisaye"),
    ("médiathèque", "renac"),
    ("mediathèque", "saint-amand-en-puisaye"),       # half-accented
    ("mediatheque", "renac"),
    ("médiathèques", "saint-amand-en-puisaye"),      # plural: stemming
    ("médiathèques", "renac"),
    ("designers", "pessac"),
    ("jeunes majeurs", "paris"),
    ("confidentialité", "flassans-sur-issole"),
    ("confidentialite", "flassans-sur-issole"),
    ("accueillir", "paris"),                         # stemming: accueil, accueillis…
    ("outillage", "evreux"),
    ("l'outillage", "evreux"),                        # elision
    ("l’outillage", "evreux"),
    ("énergie", "evreux"),                            # written "d’énergie"
    ("energie", "evreux"),
    ("intérêt", "evreux"),                            # written "L’intérêt"
    ("d'énergie", "evreux"),
    ("CCAS", "flassans-sur-issole"),                  # written "(CCAS)"
    ("ccas", "flassans-sur-issole"),
    ("secrétaires de mairie", "mad-et-moselle"),     # every word counts, not "de"
    ("secretaires de mairie", "mad-et-moselle"),
    ("numéro unique", "mad-et-moselle"),
    ("Vichy", "allier"),
    ("Var", "flassans-sur-issole"),
    ("Nièvre", "saint-amand-en-puisaye"),
    ("nievre", "saint-amand-en-puisaye"),
    ("Gironde", "pessac"),
    ("Ille-et-Vilaine", "renac"),
    ("35", "renac"),                                  # department numbers
    ("75", "paris"),
    ("03", "allier"),
    ("Évreux", "evreux"),
    ("evreux", "evreux"),
    ("Renac", "renac"),
    ("tiers-lieu", "renac"),
]

# A place name or a department number: the laureate there comes before the territory
# page whose title is that name.
PLACE_FIRST = [
    ("35", "renac"),
    ("Ille-et-Vilaine", "renac"),
    ("Var", "flassans-sur-issole"),
    ("Gironde", "pessac"),
    ("03", "allier"),
    ("75", "paris"),
    ("nievre", "saint-amand-en-puisaye"),
]


def open_search(page: Page) -> None:
    page.keyboard.press("/")
    expect(page.locator("pagefind-input input")).to_be_focused()


def results(page: Page, query: str) -> list[str]:
    """Types `query` in the open dialog; the laureates' slugs of the results, first first."""
    box = page.locator("pagefind-input input")
    box.fill(query)
    summary = page.locator("pagefind-summary")
    expect(summary).to_contain_text(query)
    expect(page.locator(".pf-result-link").first).to_be_visible()
    hrefs = page.locator(".pf-result-link").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


@pytest.fixture
def dialog(search_tab: Tab) -> Page:
    search_tab.open()
    open_search(search_tab.page)
    return search_tab.page


@pytest.mark.parametrize(("query", "slug"), TOP_THREE)
def test_the_laureate_is_among_the_first_three_results(dialog: Page, query: str, slug: str) -> None:
    found = results(dialog, query)
    assert slug in found[:3], found[:5]


@pytest.mark.parametrize(("query", "slug"), PLACE_FIRST)
def test_a_place_finds_its_laureate_before_its_territory_page(dialog: Page, query: str, slug: str) -> None:
    assert results(dialog, query)[0] == slug


def test_an_elided_word_is_shown_with_its_apostrophe(dialog: Page) -> None:
    results(dialog, "énergie")
    excerpt = dialog.locator(".pf-result-excerpt").first
    expect(excerpt).to_contain_text("d’énergie")
    expect(excerpt.locator("mark").first).to_contain_text("énergie")


def test_a_result_shows_title_authority_and_the_words_marked(dialog: Page) -> None:
    results(dialog, "médiathèques")
    first = dialog.locator(".pf-result").first
    expect(first.locator(".pf-result-title")).not_to_contain_text("¶")
    expect(first.locator(".showcase-result-authority")).to_have_text(re.compile(r"Saint-Amand|Renac"))
    expect(first.locator(".pf-result-excerpt mark").first).to_contain_text("médiathèque")
    assert_no_violations(dialog, "the dialog with results")


def test_filters_narrow_by_theme_region_and_year_with_counts(dialog: Page) -> None:
    results(dialog, "agents")
    for name in ("Thème", "Région", "Année"):
        expect(dialog.locator(f"details[data-filter-name='{name}']")).to_have_count(1)
    region = dialog.locator("details[data-filter-name='Région']")
    region.locator("summary").click()
    bretagne = region.get_by_label(re.compile("^Bretagne"))
    expect(region).to_contain_text(re.compile(r"Bretagne\s*\d+"))
    bretagne.check()
    expect(dialog.locator(".pf-result-link")).to_have_count(1)
    assert "/laureats/renac/" in (dialog.locator(".pf-result-link").get_attribute("href") or "")


def test_nothing_of_search_is_fetched_before_it_is_opened(search_tab: Tab) -> None:
    page = search_tab.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    search_tab.open()
    search_tab.open("laureats/renac/")
    page.locator("a[href$='/laureats/']").first.click()  # instant navigation
    page.wait_for_load_state("load")
    search_tab.settle()
    assert not [url for url in requested if "pagefind" in url or "search" in url], requested
    assert_no_violations(page, "a page before search")
    open_search(page)
    assert_no_violations(page, "the open dialog, empty")
    results(page, "Renac")
    assert any("/pagefind/" in url for url in requested)
    assert not [url for url in requested if "search_index.json" in url or "lunr" in url
                or "/workers/search" in url]


def test_a_result_opened_by_instant_navigation_closes_the_dialog_and_marks_the_words(
        search_tab: Tab) -> None:
    page = search_tab.page
    search_tab.open("laureats/")
    open_search(page)
    results(page, "numéro unique")
    page.locator(".pf-result-link[href*='mad-et-moselle']").click()
    page.wait_for_function("() => location.pathname.endsWith('/laureats/mad-et-moselle/')")
    expect(page.locator("pagefind-modal dialog[open]")).to_have_count(0)
    expect(page.locator("article mark.pagefind-highlight").first).to_be_visible()
    # instant, not a full load: Material's document$ swapped the page
    assert page.evaluate("performance.getEntriesByType('navigation')[0].name").endswith("/laureats/")
    assert_no_violations(page, "the laureate opened from search")
    # search opens again on the new page, with nothing stale in it
    open_search(page)
    expect(page.locator("pagefind-modal dialog[open]")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(page.locator("pagefind-modal dialog[open]")).to_have_count(0)
    expect(page.locator("[data-showcase-search]")).to_be_focused()


def test_on_a_phone_the_button_leaves_the_site_title_its_room(phone_tab: Tab) -> None:
    page = phone_tab.page
    page.set_viewport_size({"width": 375, "height": 812})
    phone_tab.open()
    title = page.locator(".showcase-wordmark").first
    assert page.evaluate("el => el.scrollWidth <= el.clientWidth", title.element_handle())
    button = page.locator("[data-showcase-search]").bounding_box()
    box = title.bounding_box()
    assert button and box and box["x"] + box["width"] <= button["x"]
