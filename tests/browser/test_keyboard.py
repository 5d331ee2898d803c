"""A visitor who uses only the keyboard: skip link, visible focus, search, menu, map.

Material for MkDocs needed help here (see overrides/): its menu and search
buttons were labels a keyboard cannot reach, the closed menu's links took the
focus off screen, instant navigation broke the skip link, and its focus ring
was invisible on the blue header and the dark footer.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import (
    MISSING_PAGE,
    SiteServer,
    Tab,
    contrast,
    describe_violations,
    focused,
    new_tab,
    page_paths,
    run_axe,
    tab_through,
)

pytestmark = pytest.mark.browser

# WCAG 1.4.11: a focus ring is a graphical object, 3:1 against what surrounds it.
FOCUS_RING_CONTRAST = 3.0
# The phone layout differs from the desktop one in its header, not in its pages.
PHONE_PAGES = ["", "laureats/", "laureats/renac/", MISSING_PAGE]
# The header's buttons (overrides/partials/header.html), shown on small screens.
MENU_BUTTON = "[data-showcase-toggle='__drawer']"
SEARCH_BUTTON = "[data-showcase-search]"
SEARCH_INPUT = "pagefind-input input"


def all_pages(site: SiteServer) -> list[str]:
    return [*page_paths(site.site), MISSING_PAGE]


def press_tab_until(page: Page, wanted: str, text: str | None = None,
                    limit: int = 15) -> dict[str, Any]:
    """Tabs until the focused element matches the CSS selector `wanted` (and has `text`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", wanted):
            stop = focused(page)
            assert stop is not None
            if text is None or stop["text"] == text:
                return stop
    raise AssertionError(f"{wanted} « {text} » not reached in {limit} presses of Tab")


def assert_no_violations(page: Page, state: str) -> None:
    report = describe_violations(state, run_axe(page))
    assert not report, "\n".join(report)


def focus_problems(stop: dict[str, Any]) -> list[str]:
    """What makes a focused element hard to see, if anything."""
    problems = []
    if not stop["shown"]:
        problems.append("focused but not on screen")
    elif not stop["onTop"] and not stop["inSvg"]:
        problems.append("focused but covered by another element")
    if stop["inSvg"]:
        return problems  # map links show focus on their shape: see the map test
    if stop["outlineStyle"] == "none" or stop["outlineWidth"] < 2:
        problems.append(f"no focus ring ({stop['outlineStyle']} {stop['outlineWidth']}px)")
    else:
        # The colour around each side of the ring that is on screen. A ring may touch a
        # neighbour on one side (two buttons in a row, the edge of the header): it stays
        # visible as long as it contrasts everywhere else.
        ratios = [(colour, contrast(stop["outlineColor"], colour)) for colour in stop["behind"]]
        low = [f"{colour}: {ratio:.1f}:1" for colour, ratio in ratios
               if ratio < FOCUS_RING_CONTRAST]
        if len(low) > (1 if len(stop["behind"]) >= 3 else 0):
            problems.append(f"focus ring {stop['outlineColor']} hard to see on {', '.join(low)}")
    return problems


def check_focus_everywhere(tab: Tab, paths: list[str], viewport: str) -> None:
    report = []
    for path in paths:
        tab.open(path, settle=False)
        stops = tab_through(tab.page)
        assert len(stops) > 5, f"/{path}: only {len(stops)} elements take the focus"
        for stop in stops:
            for problem in focus_problems(stop):
                report.append(f"[{viewport}] /{path}: <{stop['tag']}> « {stop['text']} » "
                              f"{stop['href']}: {problem}")
    assert not report, f"{len(report)} focus problems:\n" + "\n".join(report)


# --------------------------------------------------------------------------
# Skip link and focus


def test_skip_link_is_the_first_stop_of_every_page_and_takes_the_focus_to_the_content(
        tab: Tab, site: SiteServer) -> None:
    broken = []
    for path in all_pages(site):
        tab.open(path, settle=False)
        tab.page.keyboard.press("Tab")
        first = focused(tab.page)
        if not first or first["text"] != "Aller au contenu" or not first["shown"]:
            broken.append(f"/{path}: the first Tab reaches {first}")
            continue
        tab.page.keyboard.press("Enter")
        try:
            tab.page.wait_for_function(
                "() => document.activeElement.closest('.md-content') !== null")
        except PlaywrightTimeoutError:
            broken.append(f"/{path}: after Enter the focus is on {focused(tab.page)}")
            continue
        tab.page.keyboard.press("Tab")
        after = focused(tab.page)
        if not after or not after["inContent"]:
            broken.append(f"/{path}: the Tab after the skip link goes to {after}")
    assert not broken, "\n".join(broken)


def test_focus_is_visible_on_every_element_of_every_page_on_a_desktop(
        tab: Tab, site: SiteServer) -> None:
    check_focus_everywhere(tab, all_pages(site), "desktop")


def test_focus_is_visible_and_never_off_screen_on_a_phone(phone_tab: Tab) -> None:
    check_focus_everywhere(phone_tab, PHONE_PAGES, "phone")


# --------------------------------------------------------------------------
# Search


def search_renac_and_open_the_laureate(tab: Tab) -> None:
    """Types "Renac" in the focused search field, tabs to the laureate, Enter."""
    page = tab.page
    expect(page.locator(SEARCH_INPUT)).to_be_focused()
    page.keyboard.type("Renac")
    expect(page.locator(".pf-result-link").first).to_be_visible()
    assert_no_violations(page, "the open search with results")
    for _ in range(30):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if "/laureats/renac/" in href:
            break
    else:
        raise AssertionError("no search result for Renac reached with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.pathname.endsWith('/laureats/renac/')")
    expect(page.locator(".md-content h1")).to_contain_text("Un pôle culturel au cœur du bourg")
    expect(page.locator("pagefind-modal dialog[open]")).to_have_count(0)
    # The page highlights the words searched for, in a contrast that still reads.
    expect(page.locator(".md-content mark").first).to_be_visible()
    assert_no_violations(page, "the laureate found, with the searched words highlighted")


def test_search_is_usable_with_the_keyboard_alone_on_a_desktop(tab: Tab) -> None:
    tab.open()
    press_tab_until(tab.page, SEARCH_BUTTON, limit=5)
    tab.page.keyboard.press("Enter")
    search_renac_and_open_the_laureate(tab)


def test_search_is_usable_with_the_keyboard_alone_on_a_phone(phone_tab: Tab) -> None:
    page = phone_tab.page
    phone_tab.open()
    button = press_tab_until(page, SEARCH_BUTTON, limit=5)
    assert button["text"] == "Rechercher" and not focus_problems(button)
    page.keyboard.press("Enter")
    search_renac_and_open_the_laureate(phone_tab)


def test_escape_closes_the_search_on_a_phone_and_gives_the_focus_back(phone_tab: Tab) -> None:
    page = phone_tab.page
    phone_tab.open()
    press_tab_until(page, SEARCH_BUTTON, limit=5)
    page.keyboard.press("Enter")
    expect(page.locator(SEARCH_INPUT)).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("pagefind-modal dialog[open]")).to_have_count(0)
    expect(page.locator(SEARCH_BUTTON)).to_be_focused()


# --------------------------------------------------------------------------
# Menu (phone)


def test_menu_opens_closes_and_is_browsed_with_the_keyboard_on_a_phone(phone_tab: Tab) -> None:
    page = phone_tab.page
    phone_tab.open("laureats/renac/")
    menu = page.locator(MENU_BUTTON)
    button = press_tab_until(page, MENU_BUTTON, limit=3)
    assert button["text"] == "Menu" and not focus_problems(button)
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    # The focus is in the open menu, on screen; every link of the menu is reachable.
    stops = []
    for _ in range(30):
        stop = focused(page)
        assert stop is not None and stop["shown"] and not focus_problems(stop), stop
        if not page.evaluate("document.activeElement.closest('.md-sidebar--primary') !== null"):
            break
        stops.append(stop["text"])
        page.keyboard.press("Tab")
    assert {"Accueil", "Lauréats", "Thèmes", "Territoires", "Le Fonds MNT", "Candidater"} <= set(stops), stops
    assert_no_violations(page, "the open menu")
    # Tabbing out of the menu closed it.
    expect(menu).to_have_attribute("aria-expanded", "false")
    # Escape closes it too, and gives the focus back to the button.
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")


# --------------------------------------------------------------------------
# Instant navigation


def test_instant_navigation_announces_the_new_page_and_starts_the_focus_from_the_top(
        tab: Tab) -> None:
    page = tab.page
    tab.open()
    page.evaluate("window.sameDocument = true")
    press_tab_until(page, ".md-tabs__link", text="Lauréats")
    page.keyboard.press("Enter")
    page.wait_for_url(tab.server.url("laureats/"))
    expect(page.locator(".md-content h1")).to_have_text(re.compile(r"^Les lauréats\W*$"))
    # Instant navigation really happened (no page load) ...
    assert page.evaluate("window.sameDocument === true")
    # ... a screen reader hears the new page's title ...
    expect(page.locator("[data-showcase-announcer]")).to_have_text(page.title())
    expect(page.locator("[data-showcase-announcer]")).to_have_attribute("role", "status")
    # ... and the next Tab goes where it goes after a page load: the skip link.
    page.keyboard.press("Tab")
    expect(page.locator(".md-skip")).to_be_focused()


# --------------------------------------------------------------------------
# 404


def test_missing_page_says_so_in_french_and_leads_home_and_to_the_search(tab: Tab) -> None:
    page = tab.page
    response = tab.open(MISSING_PAGE)
    assert response is not None and response.status == 404
    expect(page.locator(".md-content h1")).to_have_text("Page introuvable")
    page.get_by_role("link", name="Retour à l’accueil").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(tab.server.url())
    expect(page.locator(".md-content h1")).to_contain_text("Des collectivités qui réinventent")
    tab.open(MISSING_PAGE)
    page.get_by_label("Rechercher sur le site").fill("Renac")
    page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(tab.server.url())
    expect(page.locator(SEARCH_INPUT)).to_have_value("Renac")
    results = page.locator(".pf-result-link[href*='/laureats/renac/']")
    expect(results.first).to_be_attached()


# --------------------------------------------------------------------------
# The map of the territories


def map_links(page: Page) -> list[str]:
    hrefs: list[str] = page.evaluate(
        "() => [...document.querySelectorAll('svg a')].map(a => a.getAttribute('href')"
        " || a.getAttribute('xlink:href'))")
    return hrefs


def find_map(browser: Browser, site: SiteServer) -> tuple[Tab, str]:
    """The territory page that holds the map: an inline SVG whose departments are links."""
    tab = new_tab(browser, site)
    for path in page_paths(site.site):
        html = site.site / path / "index.html"
        if path.startswith("territoires/") and "<svg" in html.read_text(encoding="utf-8"):
            tab.open(path)
            if map_links(tab.page):
                return tab, path
    tab.context.close()
    raise AssertionError("territoires/ is built but no page there has a map whose departments "
                         "are links (an inline <svg> with <a> elements)")


# How a department of the map looks: its shape's colours and its own outline.
LOOK = """a => { const shape = a.querySelector('path') || a;
  const s = getComputedStyle(shape), o = getComputedStyle(a);
  return [s.fill, s.stroke, s.strokeWidth, o.outlineStyle, o.outlineWidth] }"""


def test_map_departments_are_links_reached_and_followed_with_the_keyboard(
        browser: Browser, site: SiteServer) -> None:
    if not (site.site / "territoires").is_dir():
        pytest.skip("no territoires/ in the built site: the map is not published yet")
    tab, _ = find_map(browser, site)
    try:
        page = tab.page
        links = map_links(page)
        reached = [stop["href"] for stop in tab_through(page) if stop["inSvg"]]
        assert reached == links, "every department of the map takes the focus, in order"
        # Focus shows on the map itself: the focused department looks different.
        first = page.locator("svg a").first
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        unfocused = first.evaluate(LOOK)
        first.focus()
        assert first.evaluate(LOOK) != unfocused, "a focused department looks like the others"
        # Enter follows the link to the department's page.
        expected = page.evaluate("href => new URL(href, location.href).href", links[0])
        page.keyboard.press("Enter")
        page.wait_for_url(expected)
        page.wait_for_load_state("networkidle")
        assert (tab.foreign, tab.failed, tab.errors) == ([], [], [])
    finally:
        tab.context.close()
