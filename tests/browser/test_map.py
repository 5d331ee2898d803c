"""The map of France in a real browser: keyboard, script errors, contrast (WCAG 1.4.11)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from conftest import ROOT
from showcase.catalog import Catalog, load_catalog
from showcase.urls import department_uri

from .conftest import SiteServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_catalog(ROOT)
    assert result.problems == []
    return result.catalog


def folder(uri: str) -> str:
    """`territoires/departements/35-ille-et-vilaine.md` → its folder in site/."""
    return uri.removesuffix(".md").removesuffix("/index")


def test_keyboard_reaches_and_follows_the_departments_of_the_map(
    browser: Browser, site: SiteServer, catalog: Catalog,
) -> None:
    page = browser.new_page()
    page.goto(site.url("territoires/"))
    first = next(d for d in catalog.departments() if not d.code.startswith("97"))
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const e = document.activeElement;
            return {svg: e.namespaceURI === 'http://www.w3.org/2000/svg', tag: e.localName,
                    label: e.getAttribute('aria-label')};
        }""")
        if focused["svg"]:
            break
    assert focused == {"svg": True, "tag": "a",
                       "label": f"{first.name} ({first.code}) : 1 lauréat"}
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/territoires/departements/{folder(department_uri(first)).split('/')[-1]}/")
    heading = page.locator("h1").evaluate("h1 => h1.firstChild.textContent")
    assert heading == f"{first.name} ({first.code})"


def test_the_map_page_runs_without_script_errors(browser: Browser, site: SiteServer) -> None:
    """Material's instant navigation rewrites every [href] of a page with `a.href = a.href`,
    which throws on an SVG <a> (read-only href) and stops the page's scripts: the map's
    links use xlink:href. Loaded directly, reached through the tabs, and left by a map link."""
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site.url("territoires/"))
    page.wait_for_load_state("networkidle")
    page.goto(site.url())
    page.locator(".md-tabs__link", has_text="Territoires").click()
    page.wait_for_url(site.url("territoires/"))
    page.locator(".territory-map__department").nth(1).click()
    page.wait_for_url(site.url("territoires/departements/**"))
    page.wait_for_load_state("networkidle")
    assert errors == []


def contrast(a: str, b: str) -> float:
    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_highlighted_departments_contrast_3_to_1_with_what_surrounds_them(
    browser: Browser, site: SiteServer,
) -> None:
    page = browser.new_page()
    page.goto(site.url("territoires/"))
    colours = page.evaluate("""() => {
        const fill = (selector) => getComputedStyle(document.querySelector(selector)).fill;
        return {laureate: fill('.territory-map__department path'),
                land: fill('.territory-map__land path'),
                border: getComputedStyle(document.querySelector('.territory-map__land path')).stroke,
                page: getComputedStyle(document.body).backgroundColor};
    }""")
    page.focus(".territory-map__department")
    colours["focused"] = page.evaluate(
        "() => getComputedStyle(document.querySelector('.territory-map__department path')).fill")
    assert colours["page"] == "rgb(255, 255, 255)"
    for state in ("laureate", "focused"):
        for neighbour in (colours["land"], colours["border"], colours["page"]):
            assert contrast(colours[state], neighbour) >= 3, (state, colours)
