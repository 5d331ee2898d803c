"""The testimonials of a laureate page: initials, a role said once per person, and source
links whose text names the article (RGAA 6.1)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from showcase.catalog import Catalog, load_catalog
from showcase.voices import initials, new_role, source_label, voices


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result = load_catalog(ROOT)
    assert result.problems == []
    return result.catalog


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Damien Guillas", "DG"),
        ("Jean-Benoît Beaumont", "JBB"),
        ("Marie de La Tour", "MLT"),
        ("Édith Poupeney", "ÉP"),
        ("Anne Marie Louise Dupont", "AMD"),
        ("bell hooks", "BH"),
    ],
)
def test_initials_are_the_capitals_that_start_the_name(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_a_role_is_said_once_and_only_its_new_part_after() -> None:
    first = "éducatrice spécialisée, Ville de Paris (DASES), à propos des grandes cartes"
    assert new_role(first, []) == first
    assert new_role(first, [first]) is None
    assert new_role("éducatrice spécialisée, Ville de Paris (DASES), à propos de la fresque",
                    [first]) == "à propos de la fresque"
    assert new_role(None, [first]) is None


def test_a_source_link_is_named_by_the_article_else_by_its_address() -> None:
    url = "https://www.mnt.fr/articles/un-article/"
    assert source_label(url, {url: "Un article (MNT)"}, {}) == "Source : Un article (MNT)"
    assert source_label(url, {}, {url: "Ailleurs (MNT)"}) == "Source : Ailleurs (MNT)"
    assert source_label(url, {}, {}) == "Source : mnt.fr/articles/un-article"


def test_on_every_laureate_page_a_person_role_is_given_once(catalog: Catalog) -> None:
    for laureate in catalog.laureates:
        said: dict[str, list[str]] = {}
        for voice in voices(laureate, {}):
            roles = said.setdefault(voice.author, [])
            if voice.role:
                assert voice.role not in roles, (laureate.slug, voice.author)
                roles.append(voice.role)


def test_two_source_links_of_a_page_share_a_text_only_when_they_share_an_address(
    catalog: Catalog,
) -> None:
    for laureate in catalog.laureates:
        by_label: dict[str, set[str]] = {}
        for voice in voices(laureate, {}):
            if voice.source and voice.source_label:
                by_label.setdefault(voice.source_label, set()).add(voice.source)
        assert all(len(urls) == 1 for urls in by_label.values()), laureate.slug


def test_a_person_keeps_one_tone_and_the_tones_vary(catalog: Catalog) -> None:
    tones: dict[str, set[int]] = {}
    for laureate in catalog.laureates:
        for voice in voices(laureate, {}):
            tones.setdefault(voice.author, set()).add(voice.tone)
    assert all(len(person) == 1 for person in tones.values())
    assert len(set().union(*tones.values())) > 1
