"""Specification of the search index post-processing (showcase.search_index).

Material's worker matches words as written; after the build each entry gets hidden
fields with the accent-free forms of its words, and each laureate's page its names
and where it is. What visitors see (title, text) never changes. The browser tests
(tests/browser_visitors/test_search.py) type the queries in the real search box.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, laureate_files
from showcase.folding import fold
from showcase.search_index import folded_words, improve_index

SEPARATOR = r"[\s\-'’]+"


@pytest.mark.parametrize(("word", "folded"), [
    ("médiathèque", "mediatheque"), ("Énergie", "energie"), ("intérêt", "interet"),
    ("cœur", "coeur"), ("Œuvre", "oeuvre"), ("ÉVREUX", "evreux"), ("Noël", "noel"), ("ça", "ca"),
    ("Île-de-France", "ile-de-france"), ("Renac", "renac"), ("35", "35"),
])
def test_fold_removes_accents_ligatures_and_case(word: str, folded: str) -> None:
    assert fold(word) == folded


def test_folded_words_are_the_accented_words_only_once_without_markup_or_punctuation() -> None:
    text = ("<p>L'intérêt de la <em>médiathèque</em> : « énergie », d’énergie, Médiathèque.</p>"
            " Renac &amp; co")
    assert folded_words(text, SEPARATOR) == ["interet", "mediatheque", "energie"]


def sample_index() -> dict:
    return {
        "config": {"lang": ["fr"], "separator": SEPARATOR, "pipeline": ["stopWordFilter"],
                   "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0},
                              "tags": {"boost": 1000000.0}}},
        "docs": [
            {"location": "laureats/renac/", "title": "Un pôle culturel au cœur du bourg",
             "text": "<p>La médiathèque de Renac.</p>"},
            {"location": "laureats/renac/#le-projet", "title": "Le projet", "text": "<p>Énergie</p>"},
            {"location": "fonds/", "title": "Le Fonds", "text": "<p>Sans accent</p>"},
        ],
    }


def test_improved_index_adds_hidden_fields_and_keeps_what_visitors_see() -> None:
    index = improve_index(sample_index(), {"laureats/renac/": {"name": "Renac", "area": "35 Ille-et-Vilaine Bretagne"}})
    renac, project, fonds = index["docs"]
    for before, after in zip(sample_index()["docs"], index["docs"]):
        assert (after["title"], after["text"]) == (before["title"], before["text"])
    assert renac["title_folded"] == "pole coeur" and renac["text_folded"] == "mediatheque"
    assert (renac["name"], renac["area"]) == ("Renac", "35 Ille-et-Vilaine Bretagne")
    assert project["text_folded"] == "energie" and "name" not in project  # sections: no names
    assert not {"title_folded", "text_folded", "name", "area"} & fonds.keys()
    fields = index["config"]["fields"]
    assert fields["title_folded"] == fields["title"] and fields["text_folded"] == fields["text"]
    assert fields["name"]["boost"] > fields["title"]["boost"] == fields["area"]["boost"]


def test_improving_twice_changes_nothing() -> None:
    names = {"laureats/renac/": {"name": "Renac", "area": "Ille-et-Vilaine"}}
    once = improve_index(sample_index(), names)
    assert improve_index(copy.deepcopy(once), names) == once


def test_names_and_areas_get_their_accent_free_forms() -> None:
    index = improve_index(sample_index(), {"laureats/renac/": {"name": "Évreux", "area": "27 Eure Normandie"}})
    assert index["docs"][0]["name"] == "Évreux evreux"


# --- The real site -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_the_built_index_keeps_the_french_settings_without_the_stemmer(index: dict) -> None:
    config = index["config"]
    assert config["lang"] == ["fr"] and "stemmer" not in config["pipeline"]
    assert re.split(config["separator"], "l'innovation d’énergie") == ["l", "innovation", "d", "énergie"]
    assert {"title", "text", "title_folded", "text_folded", "name", "area"} <= config["fields"].keys()


def test_every_accented_word_of_the_built_index_can_be_typed_without_accents(index: dict) -> None:
    separator = index["config"]["separator"]
    for entry in index["docs"]:
        for field in ("title", "text"):
            words = re.split(separator, re.sub(r"<[^>]*>", " ", entry[field]).lower())
            expected = {"".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))
                        for w in words if any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", w))}
            hidden = set(entry.get(f"{field}_folded", "").split())
            assert {re.sub(r"^\W+|\W+$", "", w) for w in expected} <= hidden, entry["location"]


def test_each_laureate_page_is_found_by_its_name_and_department_number(index: dict) -> None:
    entries = {entry["location"]: entry for entry in index["docs"]}
    for path in laureate_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = entries[f"laureats/{path.stem}/"]
        assert data["commune"] in entry["name"]
        assert str(data["department"]).zfill(2) in entry["area"].split()
        sections = [e for location, e in entries.items() if location.startswith(f"laureats/{path.stem}/#")]
        assert all("name" not in section for section in sections)


def test_hand_written_pages_get_no_names(index: dict) -> None:
    for entry in index["docs"]:
        if not entry["location"].startswith("laureats/"):
            assert "name" not in entry and "area" not in entry, entry["location"]


def test_mkdocs_config_does_not_enable_the_stemmer() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert "stemmer" not in (search.get("pipeline") or [])
