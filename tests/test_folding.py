"""Specification of text folding (showcase.folding): one fold for slugs, alphabetical
order, name matching and search, checked on real commune and region names."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from showcase.catalog import load_catalog
from showcase.folding import fold, slugify, sort_key, words
from showcase.territories import load_territories, name_key


@pytest.mark.parametrize(("name", "folded"), [
    ("Œting", "oeting"), ("Œuilly", "oeuilly"), ("L'Haÿ-les-Roses", "l'hay-les-roses"),
    ("L’Haÿ-les-Roses", "l'hay-les-roses"), ("Saint-Étienne", "saint-etienne"),
    ("Île-de-France", "ile-de-france"), ("Straße", "strasse"), ("Cæsar", "caesar"),
    ("e\u0301cole", "ecole"),  # decomposed accent, as some keyboards send it
])
def test_fold_gives_lower_case_ascii(name: str, folded: str) -> None:
    assert fold(name) == folded


@pytest.mark.parametrize(("name", "slug"), [
    ("Œting", "oeting"), ("Œuilly", "oeuilly"), ("L'Haÿ-les-Roses", "l-hay-les-roses"),
    ("Saint-Étienne", "saint-etienne"), ("Île-de-France", "ile-de-france"),
    ("Provence-Alpes-Côte d'Azur", "provence-alpes-cote-d-azur"), ("«  »", ""),
])
def test_slugs_keep_every_letter(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert slug == "" or re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)


def test_french_alphabetical_order_puts_ligatures_and_accents_with_their_letters() -> None:
    names = ["Zillisheim", "Œuilly", "Oissery", "Odos", "Œting", "Saint-Étienne", "Saint-Denis",
             "Île-de-France", "Ibos", "Izeaux", "L'Haÿ-les-Roses", "Labarthe", "La Baule"]
    assert sorted(names, key=sort_key) == [
        "Ibos", "Île-de-France", "Izeaux", "L'Haÿ-les-Roses", "La Baule", "Labarthe", "Odos",
        "Œting", "Œuilly", "Oissery", "Saint-Denis", "Saint-Étienne", "Zillisheim"]


def test_accents_then_case_only_break_ties() -> None:
    assert sorted(["côte", "Cote", "cote"], key=sort_key) == ["Cote", "cote", "côte"]


def test_words_are_cut_at_punctuation() -> None:
    assert words("L'Haÿ-les-Roses") == ["l", "hay", "les", "roses"]
    assert words("Saint-Étienne, Œting.") == ["saint", "etienne", "oeting"]


def test_names_match_the_official_ones_however_they_are_typed() -> None:
    territories = load_territories()
    for typed, official in [("Oeting", "Œting"), ("oeuilly", "Œuilly"),
                            ("L’Hay les Roses", "L'Haÿ-les-Roses"),
                            ("St Etienne", "Saint-Étienne")]:
        assert name_key(typed) == name_key(official)
        assert official in {commune.name for commune in territories.communes_named(typed)}


def test_laureates_of_one_year_are_listed_in_french_alphabetical_order(
    project: Path, write_laureate: Callable[[str, str], Path],
) -> None:
    for path in (project / "projects").glob("*.yml"):
        if not path.name.startswith("_"):
            path.unlink()
    for slug, commune, department in [("zillisheim", "Zillisheim", "68"),
                                      ("oeting", "Œting", "57"), ("odos", "Odos", "65"),
                                      ("oeuilly", "Œuilly", "51")]:
        write_laureate(f"{slug}.yml", (
            f"commune: {commune}\nkind: commune\ndepartment: \"{department}\"\nyear: 2023\n"
            f"theme: [accueil-des-usagers]\ntitle: Un nouvel accueil à {commune}\n"
            "summary: Une phrase qui résume le projet mené avec les agents.\n"))
    result = load_catalog(project)
    assert result.problems == []
    assert [laureate.record.commune for laureate in result.catalog.laureates] == [
        "Odos", "Œting", "Œuilly", "Zillisheim"]
