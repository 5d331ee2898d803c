"""Specification of "Lauréat précédent / suivant": a visitor reads the laureates one after
the other, in the order of the listing, without going back to it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from browser.conftest import Tab

pytestmark = pytest.mark.browser


def heading(title: str) -> re.Pattern[str]:
    """The page's h1: the title, then the permalink sign."""
    return re.compile(rf"^{re.escape(title)}\W*$")


def listing_order(tab: Tab) -> list[str]:
    tab.page.goto(tab.server.url("laureats/"))
    return tab.page.locator(".laureate-cards > .laureate-card .laureate-card__title").all_inner_texts()


def test_next_links_walk_the_listing_order_and_previous_links_walk_it_back(tab: Tab) -> None:
    titles = listing_order(tab)
    page = tab.page
    page.locator(".laureate-card__title a").first.click()
    expect(page.locator("h1")).to_have_text(heading(titles[0]))
    expect(page.get_by_role("link", name="Lauréat précédent")).to_have_count(0)
    for title in titles[1:]:
        page.get_by_role("link", name="Lauréat suivant").click()  # instant loading
        expect(page.locator("h1")).to_have_text(heading(title))
    expect(page.get_by_role("link", name="Lauréat suivant")).to_have_count(0)
    for title in reversed(titles[:-1]):
        page.get_by_role("link", name="Lauréat précédent").click()
        expect(page.locator("h1")).to_have_text(heading(title))


def test_the_pager_is_a_labelled_navigation_after_the_same_theme_links(tab: Tab) -> None:
    titles = listing_order(tab)
    tab.page.locator(".laureate-card__title a").nth(1).click()
    pager = tab.page.get_by_role("navigation", name="Lauréats précédent et suivant, dans l'ordre de la liste")
    expect(pager.get_by_role("link")).to_have_count(2)
    expect(pager.get_by_role("link").first).to_contain_text(titles[0])
    expect(pager.get_by_role("link").last).to_contain_text(titles[2])
    # it closes the page: nothing of the article comes after it but the editors' link
    assert tab.page.evaluate("""() => {
        const pager = document.querySelector('.laureate-pager');
        const last = pager.parentElement.lastElementChild;
        return (last === pager || (last.matches('.showcase-edit')
                                   && last.previousElementSibling === pager))
            && [...document.querySelectorAll('article h2')].every(h =>
                h.compareDocumentPosition(pager) & Node.DOCUMENT_POSITION_FOLLOWING)
    }""")
    expect(tab.page.locator("h2", has_text="Sur le même thème")).to_be_visible()
