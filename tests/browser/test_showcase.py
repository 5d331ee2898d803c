"""The showcase as a visitor sees it: cards that open with a click anywhere, few tabs,
nothing for the editors in the header, an edit link under each laureate, laureate pages
that open on their story and first voice."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, ViewportSize, expect

from browser.conftest import SiteServer, Tab, describe_violations, new_tab, run_axe
from conftest import laureate_files

# The phone of the issue (an iPhone 12 to 15), and the fold of its first screen.
PHONE_390: ViewportSize = {"width": 390, "height": 844}
MAX_TABS = 6


@pytest.fixture
def phone(browser: Browser, site: SiteServer) -> Iterator[Tab]:
    tab = new_tab(browser, site, PHONE_390)
    yield tab
    tab.context.close()
    assert tab.foreign == [] and tab.errors == [], (tab.foreign, tab.errors)


def test_at_most_six_tabs_and_nothing_for_the_editors_in_the_header(tab: Tab) -> None:
    tab.open("")
    tabs = tab.page.locator(".md-tabs__item")
    assert 1 < tabs.count() <= MAX_TABS, tabs.all_inner_texts()
    assert tab.page.locator(".md-header .md-source, .md-content__button").count() == 0
    footer = tab.page.locator(".md-footer")
    for label in ("Éditions", "Chiffres clés", "Données ouvertes", "Contribuer"):
        expect(footer.get_by_role("link", name=label)).to_be_visible()


def test_a_laureate_page_ends_with_a_link_to_edit_its_file(tab: Tab) -> None:
    tab.open("laureats/renac/")
    link = tab.page.get_by_role("link", name="Modifier cette fiche")
    expect(link).to_be_visible()
    assert (link.get_attribute("href") or "").endswith("/projects/renac.yml")
    tab.open("fonds/")
    assert tab.page.get_by_role("link", name="Modifier cette fiche").count() == 0


def test_a_click_anywhere_on_a_card_opens_its_laureate(tab: Tab) -> None:
    tab.open("laureats/")
    card = tab.page.locator("li.laureate-card").first
    title_link = card.locator(".laureate-card__title a")
    target = title_link.get_attribute("href") or ""
    assert card.get_by_role("link").count() == 1  # screen readers hear one link per card
    # A click on the summary, not on the title: the mouse, where a visitor would click.
    summary = card.locator(".laureate-card__summary")
    summary.scroll_into_view_if_needed()
    box = summary.bounding_box()
    assert box is not None
    tab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    slug = target.strip("./").split("/")[-1]
    expect(tab.page).to_have_url(re.compile(rf"/laureats/{slug}/$"))
    expect(tab.page.locator("h1")).to_be_visible()


# --------------------------------------------------------------------------
# A laureate's page, story first


def laureates_by_voice() -> tuple[list[str], list[str]]:
    """(slugs of laureates with a testimonial, slugs of those without), from projects/."""
    with_voice, without = [], []
    for path in laureate_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        (with_voice if data.get("testimonials") else without).append(path.stem)
    return with_voice, without


WITH_VOICE, WITHOUT_VOICE = laureates_by_voice()


@pytest.mark.parametrize("slug", WITH_VOICE)
def test_the_first_voice_shows_in_the_first_screen_of_a_phone(phone: Tab, slug: str) -> None:
    phone.open(f"laureats/{slug}/")
    figure = phone.page.locator("article figure.testimonial").first
    expect(figure.locator("blockquote")).to_be_visible()
    expect(figure.locator("figcaption .testimonial-author")).to_be_visible()
    quote = figure.locator("blockquote").bounding_box()
    assert quote is not None
    # Its top, and a first line of the quotation, above the fold.
    assert quote["y"] + 24 <= PHONE_390["height"], (slug, quote)
    # The pull quote comes before the facts and the story.
    facts = phone.page.locator("aside.laureate-facts").bounding_box()
    assert facts is not None and facts["y"] > quote["y"]


def test_every_voice_is_a_figure_with_its_author_their_role_said_once(tab: Tab) -> None:
    tab.open("laureats/renac/")
    figures = tab.page.locator("article figure.testimonial")
    assert figures.count() >= 3
    for index in range(figures.count()):
        figure = figures.nth(index)
        expect(figure.locator("blockquote")).to_have_count(1)
        expect(figure.locator("figcaption .testimonial-initials")).to_have_attribute(
            "aria-hidden", "true")
    roles = tab.page.locator("article figure.testimonial .testimonial-role")
    assert len(set(roles.all_inner_texts())) == roles.count()
    guillas = tab.page.locator("article figure.testimonial", has_text="Damien Guillas")
    assert guillas.count() == 2
    expect(guillas.nth(1).locator(".testimonial-role")).to_have_count(0)


@pytest.mark.parametrize("viewport", [PHONE_390, {"width": 1366, "height": 900}],
                         ids=["phone", "desktop"])
def test_source_links_are_targets_of_at_least_24_px(browser: Browser, site: SiteServer,
                                                    viewport: ViewportSize) -> None:
    tab = new_tab(browser, site, viewport)
    try:
        for slug in WITH_VOICE:
            tab.open(f"laureats/{slug}/")
            links = tab.page.locator("article a.testimonial-source, article .laureate-facts__list a,"
                                     " article details.laureate-facts__more > summary")
            assert links.count() > 0, slug
            for index in range(links.count()):
                box = links.nth(index).bounding_box()
                assert box is not None
                assert box["width"] >= 24 and box["height"] >= 24, (slug, index, box)
    finally:
        tab.context.close()


def test_the_facts_panel_is_beside_the_text_on_a_wide_screen(browser: Browser,
                                                            site: SiteServer) -> None:
    tab = new_tab(browser, site, {"width": 1366, "height": 900})
    try:
        tab.open("laureats/paris/")
        facts = tab.page.locator("aside.laureate-facts").bounding_box()
        title = tab.page.locator("article h1").bounding_box()
        assert facts is not None and title is not None
        assert facts["x"] > title["x"] + title["width"] and facts["y"] < 900
        # The codes and the sources wait behind a disclosure, in plain French.
        more = tab.page.locator("details.laureate-facts__more")
        expect(more.locator("p").first).to_be_hidden()
        more.locator("summary").click()
        expect(more).to_contain_text("Population municipale 2023, Insee")
    finally:
        tab.context.close()


@pytest.mark.parametrize("slug", WITHOUT_VOICE)
def test_a_laureate_without_a_voice_reads_without_an_empty_section(phone: Tab, slug: str) -> None:
    phone.open(f"laureats/{slug}/")
    article = phone.page.locator("article")
    expect(article.locator("figure.testimonial")).to_have_count(0)
    expect(article.get_by_role("heading", name=re.compile("émoignage"))).to_have_count(0)
    expect(article.locator("aside.laureate-facts")).to_be_visible()
    for heading in article.locator("h2").all():  # every section says something
        assert heading.evaluate("h => !!h.nextElementSibling && h.nextElementSibling.tagName"
                                " !== 'H2'"), heading.inner_text()


@pytest.mark.parametrize("slug", WITH_VOICE[:2] + WITHOUT_VOICE[:1])
def test_a_laureate_page_on_a_phone_has_no_accessibility_violation(phone: Tab,
                                                                   slug: str) -> None:
    phone.open(f"laureats/{slug}/")
    phone.page.locator("details.laureate-facts__more > summary").click()  # its content too
    violations = run_axe(phone.page)
    assert violations == [], describe_violations(slug, violations)
