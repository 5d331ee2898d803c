"""Specification of French search, in Material's own search box, in Chromium.

Visitors type without accents, or after an elision, or the name of a commune or
a department number: the table says which page must come first. The site is the
real one plus projects/evreux.yml (conftest.SEARCH_LAUREATE), whose story holds
the accented words the real laureates do not use.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from browser.conftest import Tab
from conftest import laureate_files

pytestmark = pytest.mark.browser

# query → page that must come first (its address below the site root)
FIRST_RESULT = [
    ("mediatheque", "laureats/saint-amand-en-puisaye/"),   # médiathèque, in the title
    ("médiathèque", "laureats/saint-amand-en-puisaye/"),
    ("MEDIATHEQUE", "laureats/saint-amand-en-puisaye/"),
    ("energie", "laureats/evreux/"),                        # d'énergie: elision and accent
    ("énergie", "laureats/evreux/"),
    ("interet", "laureats/evreux/"),                        # L'intérêt
    ("intérêt", "laureats/evreux/"),
    ("experience", "laureats/evreux/"),                     # expérience
    ("outillage", "laureats/evreux/"),                      # only as « l'outillage »
    ("coeur", "laureats/renac/"),                           # cœur, in the title
    ("energetique", "laureats/renac/"),                     # crise énergétique
    ("evreux", "laureats/evreux/"),                         # the commune Évreux
    ("Évreux", "laureats/evreux/"),
    ("renac", "laureats/renac/"),
    ("paris", "laureats/paris/"),                           # above the department Paris
    ("allier", "laureats/allier/"),                         # above the department Allier
    ("saint-amand", "laureats/saint-amand-en-puisaye/"),
    ("flassans", "laureats/flassans-sur-issole/"),
    ("mad et moselle", "laureats/mad-et-moselle/"),
    ("35", "laureats/renac/"),                              # department numbers
    ("75", "laureats/paris/"),
    ("03", "laureats/allier/"),
    ("27", "laureats/evreux/"),
]

# query → page that must be among the results (not necessarily first)
FOUND = [
    ("nievre", "laureats/saint-amand-en-puisaye/"),         # its department, Nièvre
    ("ile de france", "laureats/paris/"),                   # its region, Île-de-France
    ("provence", "laureats/flassans-sur-issole/"),
    ("meurthe", "laureats/mad-et-moselle/"),
]


def search(tab: Tab, query: str) -> list[str]:
    """Type `query` in the header's search box; the result pages, first first, as paths
    from the site's root."""
    page: Page = tab.page
    page.goto(tab.server.url())
    box = page.locator("input.md-search__input")
    box.click()
    # Material says so once its worker has loaded the index; a query typed before is lost.
    expect(page.locator(".md-search-result__meta")).to_have_text("Taper pour démarrer la recherche")
    box.fill(query)
    box.press("End")  # Material searches on key presses: one, with the whole query typed
    items = page.locator(".md-search-result__list > .md-search-result__item")
    expect(items.first).to_be_visible()
    links = items.locator("> a").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(link).path.removeprefix(tab.server.prefix) for link in links]


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize(("query", "expected"), FIRST_RESULT)
def test_query_gives_this_page_first(search_tab: Tab, query: str,
                                     expected: str) -> None:
    results = search(search_tab, query)
    assert results[0] == expected, results[:5]


@pytest.mark.parametrize(("query", "expected"), FOUND)
def test_query_finds_this_page(search_tab: Tab, query: str, expected: str) -> None:
    assert expected in search(search_tab, query)


@pytest.mark.parametrize("path", laureate_files(), ids=lambda p: p.stem)
def test_each_laureate_comes_first_for_its_name_typed_without_accents(search_tab: Tab,
                                                                      path: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    query = fold(data["commune"]).lower()
    assert search(search_tab, query)[0] == f"laureats/{path.stem}/"  # type: ignore[attr-defined]


def test_previews_show_the_words_as_written(search_tab: Tab) -> None:
    search(search_tab, "mediatheque")
    results = search_tab.page.locator(".md-search-result__list").inner_text()
    assert "médiathèque" in results
    assert "mediatheque" not in results.lower().replace("médiathèque", "")
    title = yaml.safe_load(
        next(p for p in laureate_files() if p.stem == "saint-amand-en-puisaye").read_text("utf-8"))["title"]
    expect(search_tab.page.locator(".md-search-result__list .md-search-result__article h1").first) \
        .to_have_text(title)
