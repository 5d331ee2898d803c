"""Specification of the filters of /laureats/, in Chromium.

A visitor narrows the list by theme, year, region, kind of authority, size and
department; the choices combine, each option says how many laureates it would
leave, the count is announced, the address keeps the choice (shareable, back
button), and "Tout effacer" starts over. Without JavaScript, every card is listed.
Expected cards are computed from the YAML files and the official territory data.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from browser.conftest import Tab
from conftest import laureate_files
from showcase.territories import load_territories, size_class

pytestmark = pytest.mark.browser

# URL parameter of every facet, in the order of the form.
ALL_FACETS = ("theme", "annee", "region", "type", "taille", "departement")


def facet_values() -> dict[str, dict[str, list[str]]]:
    """slug → facet → the laureate's values, read from its YAML file."""
    territories = load_territories()
    found = {}
    for path in laureate_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        kind = data.get("kind", "commune")
        department = territories.department(data["department"])
        assert department is not None, path
        population = None
        if kind == "commune":
            population = territories.communes_named(data["commune"], department.code)[0].population
        elif kind == "intercommunalite":
            population = next(e for e in territories.epcis_named(data["commune"])
                              if department.code in e.department_codes).population
        themes = data["theme"] if isinstance(data["theme"], list) else [data["theme"]]
        found[path.stem] = {
            "theme": themes,
            "annee": [str(data["year"])],  # "inconnue" stays "inconnue"
            "region": [department.region.code],
            "type": [kind],
            "taille": [size_class(kind, population).slug],
            "departement": [department.code],
        }
    return found


LAUREATES = facet_values()


def narrowing_facets() -> tuple[str, ...]:
    """The facets the form offers: one of their values keeps more than one laureate but
    not all, and they do not group the laureates as an earlier facet does."""
    kept, seen = [], []
    for facet in ALL_FACETS:
        groups = {value: frozenset(slug for slug, v in LAUREATES.items() if value in v[facet])
                  for values in LAUREATES.values() for value in values[facet]}
        partition = set(groups.values())
        if partition in seen or not any(1 < len(g) < len(LAUREATES) for g in partition):
            continue
        seen.append(partition)
        kept.append(facet)
    return tuple(kept)


FACETS = narrowing_facets()
FIRST_THEME = next(v["theme"][0] for v in LAUREATES.values() if v["annee"] == ["2021"])
COMBINATIONS = [(facet,) for facet in FACETS] + [
    c for c in [("theme", "annee"), ("type", "taille"), ("theme", "type", "annee")]
    if set(c) <= set(FACETS)]


def matching(choice: dict[str, str]) -> set[str]:
    return {slug for slug, values in LAUREATES.items()
            if all(value in values[facet] for facet, value in choice.items())}


def shown_cards(page: Page) -> set[str]:
    hrefs = page.locator(".laureate-cards > .laureate-card:visible .laureate-card__title a")
    return {href.strip("/").split("/")[-1] for href in hrefs.evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")}


def status(page: Page) -> str:
    return page.locator(".laureate-filters__status").inner_text()


def count_text(shown: int, total: int) -> str:
    text = f"{shown} lauréat{'s' if shown > 1 else ''}"
    return text if shown == total else f"{text} sur {total}"


def open_listing(tab: Tab, query: str = "") -> Page:
    tab.page.goto(tab.server.url(f"laureats/{query}"))
    expect(tab.page.locator("form.laureate-filters")).to_be_visible()
    return tab.page


def test_without_javascript_every_card_is_listed_and_no_filter_is_shown(tab_without_js: Tab) -> None:
    page = tab_without_js.page
    page.goto(tab_without_js.server.url("laureats/?theme=conditions-de-travail"))
    assert shown_cards(page) == set(LAUREATES)
    expect(page.locator("form.laureate-filters")).to_be_hidden()


def test_every_facet_is_a_labelled_list_of_its_values_with_their_counts(tab: Tab) -> None:
    page = open_listing(tab)
    expect(page.locator("form.laureate-filters fieldset > legend")).to_have_text("Filtrer les lauréats")
    for facet in FACETS:
        select = page.locator(f"select[name={facet}]")
        expect(select).to_be_visible()
        label = page.locator(f"label[for='{select.get_attribute('id')}']").inner_text()
        expect(page.get_by_label(label, exact=True)).to_have_count(1)
        options = select.locator("option").evaluate_all(
            "options => options.map(o => [o.value, o.textContent])")
        counts = {value: int(re.search(r"\((\d+)\)$", text)[1]) for value, text in options}
        expected = {value: len(matching({facet: value}))
                    for values in LAUREATES.values() for value in values[facet]}
        assert counts == {"": len(LAUREATES), **expected}, facet
    expect(page.locator(".laureate-filters__status")).to_have_attribute("aria-live", "polite")
    assert status(page) == count_text(len(LAUREATES), len(LAUREATES))


def test_a_facet_that_does_not_narrow_the_list_is_not_offered(tab: Tab) -> None:
    page = open_listing(tab)
    names = page.locator("form.laureate-filters select").evaluate_all("s => s.map(e => e.name)")
    assert tuple(names) == FACETS
    assert "departement" not in FACETS  # one laureate per department: nothing to narrow


def test_a_phone_folds_the_filters_behind_filtrer_with_the_count_in_sight(
        phone_tab: Tab) -> None:
    page = phone_tab.page
    page.goto(phone_tab.server.url("laureats/?annee=2021"))
    toggle = page.get_by_role("button", name=re.compile(r"^Filtrer"))
    expect(toggle).to_have_accessible_name("Filtrer, 1 filtre actif")
    expect(page.locator("form.laureate-filters")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.locator("select[name=theme]").select_option(FIRST_THEME)
    expect(toggle).to_have_accessible_name("Filtrer, 2 filtres actifs")
    expected = matching({"annee": "2021", "theme": FIRST_THEME})
    expect(page.locator(".laureate-filters__status")).to_be_in_viewport()
    assert status(page) == count_text(len(expected), len(LAUREATES))
    page.get_by_role("button", name="Voir les lauréats").click()
    expect(page.locator("form.laureate-filters")).to_be_hidden()
    expect(toggle).to_be_focused()
    assert shown_cards(page) == expected


@pytest.mark.parametrize("facets", COMBINATIONS, ids="+".join)
def test_combined_filters_show_exactly_the_matching_cards(tab: Tab, facets: tuple[str, ...]) -> None:
    page = open_listing(tab)
    tried: set[tuple[str, ...]] = set()
    for values in LAUREATES.values():  # each laureate's own values: never an empty result
        choice = {facet: values[facet][0] for facet in facets}
        if tuple(choice.values()) in tried:
            continue
        tried.add(tuple(choice.values()))
        page.locator("[data-filter-clear]").click()
        for facet, value in choice.items():
            page.locator(f"select[name={facet}]").select_option(value)
        expected = matching(choice)
        assert shown_cards(page) == expected, choice
        assert status(page) == count_text(len(expected), len(LAUREATES)), choice
        # Each option's count is what choosing it would leave, given the other choices.
        for facet in facets:
            others = {f: v for f, v in choice.items() if f != facet}
            text = page.locator(f"select[name={facet}] option[value='{choice[facet]}']").inner_text()
            assert text.endswith(f"({len(matching({**others, facet: choice[facet]}))})")


def test_an_option_that_would_leave_no_laureate_cannot_be_chosen(tab: Tab) -> None:
    page = open_listing(tab)
    year = next(values["annee"][0] for values in LAUREATES.values())
    page.locator("select[name=annee]").select_option(year)
    for value, label in page.locator("select[name=taille] option").evaluate_all(
            "options => options.filter(o => o.value).map(o => [o.value, o.disabled])"):
        assert label == (not matching({"annee": year, "taille": value})), value


def test_the_choice_is_kept_in_the_address_and_restored_from_it(tab: Tab) -> None:
    page = open_listing(tab)
    values = next(v for v in LAUREATES.values() if len(v["theme"]) > 1)
    page.locator("select[name=theme]").select_option(values["theme"][1])
    page.locator("select[name=type]").select_option(values["type"][0])
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"theme": [values["theme"][1]], "type": [values["type"][0]]}
    expected = matching({"theme": values["theme"][1], "type": values["type"][0]})

    shared = tab.context.new_page()  # someone opens the shared address
    shared.goto(page.url)
    expect(shared.locator("select[name=theme]")).to_have_value(values["theme"][1])
    expect(shared.locator("select[name=type]")).to_have_value(values["type"][0])
    assert shown_cards(shared) == expected


def test_an_unknown_value_in_the_address_is_ignored(tab: Tab) -> None:
    page = open_listing(tab, "?theme=nulle-part&annee=1999")
    expect(page.locator("select[name=theme]")).to_have_value("")
    assert shown_cards(page) == set(LAUREATES)


def test_back_and_forward_buttons_undo_and_redo_each_choice(tab: Tab) -> None:
    page = open_listing(tab)
    values = next(iter(LAUREATES.values()))
    theme, year = values["theme"][0], values["annee"][0]
    page.locator("select[name=theme]").select_option(theme)
    page.locator("select[name=annee]").select_option(year)
    assert shown_cards(page) == matching({"theme": theme, "annee": year})

    page.go_back()
    expect(page.locator("select[name=annee]")).to_have_value("")
    expect(page.locator("select[name=theme]")).to_have_value(theme)
    assert shown_cards(page) == matching({"theme": theme})
    page.go_back()
    expect(page.locator("select[name=theme]")).to_have_value("")
    assert shown_cards(page) == set(LAUREATES)
    page.go_forward()
    expect(page.locator("select[name=theme]")).to_have_value(theme)
    assert shown_cards(page) == matching({"theme": theme})


def test_clear_all_shows_every_laureate_again_and_empties_the_address(tab: Tab) -> None:
    values = next(iter(LAUREATES.values()))
    page = open_listing(tab, f"?type={values['type'][0]}&taille={values['taille'][0]}")
    assert shown_cards(page) == matching({"type": values["type"][0], "taille": values["taille"][0]})
    page.get_by_role("button", name="Tout effacer").click()
    assert shown_cards(page) == set(LAUREATES)
    assert urlsplit(page.url).query == ""
    assert status(page) == count_text(len(LAUREATES), len(LAUREATES))


def test_filters_work_after_instant_navigation_and_with_the_keyboard(tab: Tab) -> None:
    page = tab.page
    page.goto(tab.server.url())
    page.locator(".md-tabs a", has_text="Lauréats").first.click()  # Material's instant loading
    expect(page.locator("form.laureate-filters")).to_be_visible()
    select = page.get_by_label("Type de collectivité")
    select.focus()
    page.keyboard.press("ArrowDown")  # the first kind after "Tous les types"
    chosen = select.input_value()
    assert chosen
    expect(page.locator(".laureate-filters__status")).to_have_text(
        count_text(len(matching({"type": chosen})), len(LAUREATES)))
    assert shown_cards(page) == matching({"type": chosen})


def test_a_key_figure_opens_the_listing_filtered_on_it(tab: Tab) -> None:
    page = tab.page
    page.goto(tab.server.url("chiffres-cles/"))
    year = next(v["annee"][0] for v in LAUREATES.values() if v["annee"][0] != "inconnue")
    # The row's link is named after its value and its table ("2021 (par année)").
    page.get_by_role("link", name=re.compile(rf"^{year} \(")).click()
    expect(page.locator("select[name=annee]")).to_have_value(year)
    assert shown_cards(page) == matching({"annee": year})
