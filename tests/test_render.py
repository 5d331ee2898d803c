"""Rendering is a pure function from the catalogue to Markdown pages."""

from __future__ import annotations

import pytest

from conftest import ROOT, laureate_files
from showcase import load_catalog, models, render_fragments, render_pages, replace_markers
from showcase.render import markdown_text, story_html
from showcase.urls import DIRECTORY_URLS, Addresses


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog(ROOT)
    assert result.problems == []
    return result.catalog


def test_real_projects_load_without_problems_newest_first(catalog) -> None:
    assert len(catalog.laureates) == len(laureate_files())
    years = [l.record.year or 0 for l in catalog.laureates]
    assert years == sorted(years, reverse=True)


def test_one_page_per_laureate_plus_one_per_listing_theme_and_year(catalog) -> None:
    uris = [page.uri for page in render_pages(catalog)]
    assert len(uris) == len(set(uris))
    assert {f"laureats/{l.slug}.md" for l in catalog.laureates} <= set(uris)
    assert {f"themes/{slug}.md" for slug in catalog.themes} <= set(uris)
    assert {f"editions/{year}.md" for year in catalog.years()} <= set(uris)
    assert {"laureats/index.md", "themes/index.md", "editions/index.md"} <= set(uris)


def test_laureate_pages_name_their_yaml_file_as_source(catalog) -> None:
    sources = {page.uri: page.source for page in render_pages(catalog)}
    for laureate in catalog.laureates:
        assert sources[laureate.uri] == f"projects/{laureate.slug}.yml"
    assert sources["laureats/index.md"] is None


def test_rendering_twice_gives_the_same_pages(catalog) -> None:
    assert render_pages(catalog) == render_pages(catalog)


def test_home_markers_are_replaced_by_cards_and_figures(catalog) -> None:
    text = "a\n<!-- showcase:derniers-laureats -->\nb\n<!-- showcase:chiffres-cles -->\n"
    result = replace_markers(text, render_fragments(catalog, here="index.md"))
    assert "<!-- showcase:" not in result
    assert 'href="laureats/' in result and 'class="key-figures"' in result


@pytest.mark.parametrize(("here", "target", "expected"), [
    ("index.md", "laureats/renac.md", "laureats/renac/"),
    ("laureats/index.md", "laureats/renac.md", "renac/"),
    ("laureats/renac.md", "laureats/paris.md", "../paris/"),
    ("laureats/renac.md", "editions/2021.md", "../../editions/2021/"),
    ("laureats/renac.md", "index.md", "../../"),
    ("themes/index.md", "themes/index.md", "./"),
])
def test_links_between_pages_follow_directory_urls(here: str, target: str, expected: str) -> None:
    assert DIRECTORY_URLS.url(here, target) == expected


@pytest.mark.parametrize(("here", "target", "expected"), [
    ("index.md", "laureats/renac.md", "laureats/renac.html"),
    ("laureats/index.md", "laureats/renac.md", "renac.html"),
    ("laureats/renac.md", "laureats/paris.md", "paris.html"),
    ("laureats/renac.md", "editions/2021.md", "../editions/2021.html"),
    ("laureats/renac.md", "index.md", "../index.html"),
    ("themes/index.md", "themes/index.md", "index.html"),
])
def test_links_between_pages_without_directory_urls(here: str, target: str, expected: str) -> None:
    assert Addresses(directory_urls=False).url(here, target) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Saint-Amand-en-Puisaye", "Saint-Amand-en-Puisaye"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
    ("[lien](javascript:x)", "\\[lien\\]\\(javascript:x\\)"),
    ("Titre {: onclick=x}", "Titre \\{: onclick=x\\}"),
    ("2021. Une année", "2021\\. Une année"),
    ("# pas un titre", "\\# pas un titre"),
    ("*gras* et _italique_", "\\*gras\\* et \\_italique\\_"),
])
def test_plain_text_in_markdown_can_neither_format_nor_inject(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_story_keeps_simple_formatting_and_drops_anything_else() -> None:
    html = story_html("## Titre\n\nDu **gras**, [un lien](https://a.fr), [piège](javascript:alert(1)).\n\n"
                      "<script>alert(1)</script>")
    assert "<h3>Titre</h3>" in html and "<strong>gras</strong>" in html
    assert 'href="https://a.fr"' in html
    assert "javascript:" not in html and "<script" not in html


def test_an_unknown_year_is_said_the_same_way_everywhere(catalog, monkeypatch) -> None:
    unknown = [l for l in catalog.laureates if l.record.year is None]
    assert unknown  # pessac.yml: year: inconnue
    monkeypatch.setattr(models, "UNKNOWN_YEAR_TEXT", "année à préciser")
    pages = {page.uri: page.markdown for page in render_pages(catalog)}
    assert "## Année à préciser" in pages["editions/index.md"]
    assert "· année à préciser</p>" in pages["laureats/index.md"]
    assert ">Année à préciser<" in pages["laureats/index.md"]  # the year filter's option
    # only the data page's prose still explains the files' "inconnue"
    assert [uri for uri, text in pages.items() if "non communiqu" in text] == ["donnees.md"]
