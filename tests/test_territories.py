"""Specification of the territory data layer: official facts about the laureates.

Populations are INSEE's population municipale from the vintage shipped in
hooks/showcase/data/territories (see SOURCE.md): a refresh to a new vintage
changes the expected figures here, on purpose.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from showcase import territories
from showcase.territories import (
    Commune,
    SizeClass,
    Territories,
    department_map,
    department_map_svg,
    department_sort_key,
    load_territories,
    normalize_department_code,
    normalize_insee_code,
    normalize_siren,
    size_class,
)

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data() -> Territories:
    return load_territories()


# --------------------------------------------------------------------------
# Department codes, as editors write them in YAML


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (35, "35"),
        ("35", "35"),
        (1, "01"),  # an unquoted 01 in YAML arrives as the int 1
        ("1", "01"),
        ("01", "01"),
        (" 03 ", "03"),
        ("2a", "2A"),
        ("2B", "2B"),
        (974, "974"),
        ("976", "976"),
    ],
)
def test_department_codes_are_understood(value: object, expected: str) -> None:
    assert normalize_department_code(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        True,  # bool is an int in Python, but never a department
        False,
        3.5,
        35.0,
        "99",
        "",
        "   ",
        0,
        -35,
        "20",  # Corsica has been 2A and 2B since 1976
        "975",  # Saint-Pierre-et-Miquelon is a collectivité d'outre-mer
        "2C",
        "035",
        None,
        ["35"],
    ],
)
def test_what_is_not_a_department_gives_none(value: object) -> None:
    assert normalize_department_code(value) is None


def test_there_are_101_departments_with_their_region(data: Territories) -> None:
    departments = data.departments()
    assert len(departments) == 101
    assert all(data.region(d.region.code) == d.region for d in departments)


# --------------------------------------------------------------------------
# Every known laureate resolves


@pytest.mark.parametrize(
    ("name", "department", "insee", "population", "region"),
    [
        ("Flassans-sur-Issole", "83", "83057", 3706, "Provence-Alpes-Côte d'Azur"),
        ("Paris", "75", "75056", 2103778, "Île-de-France"),
        ("Renac", "35", "35237", 1027, "Bretagne"),
        ("Pessac", "33", "33318", 67339, "Nouvelle-Aquitaine"),
        ("Saint-Amand-en-Puisaye", "58", "58227", 1216, "Bourgogne-Franche-Comté"),
    ],
)
def test_laureate_communes_resolve(
    data: Territories, name: str, department: str, insee: str, population: int, region: str
) -> None:
    [commune] = data.communes_named(name, department)
    assert commune.insee == insee
    assert commune.name == name
    assert commune.department_code == department
    assert commune.population == population
    region_found = data.region(commune.region_code)
    assert region_found is not None and region_found.name == region
    assert data.commune(insee) == commune


def test_commune_lookup_by_code_gives_every_fact(data: Territories) -> None:
    assert data.commune("35237") == Commune(
        insee="35237",
        name="Renac",
        department_code="35",
        region_code="53",
        population=1027,
        postal_codes=("35660",),
    )
    assert data.commune(" 35237 ") == data.commune("35237")
    assert data.commune("00000") is None
    assert data.commune("") is None
    assert data.commune("35237\t") == data.commune("35237")


def test_paris_is_both_a_commune_and_a_department(data: Territories) -> None:
    paris = data.department("75")
    assert paris is not None
    assert (paris.name, paris.region.name) == ("Paris", "Île-de-France")
    commune = data.commune("75056")
    assert commune is not None and commune.department_code == "75"
    assert paris.population == commune.population
    # Municipal arrondissements are not communes.
    assert data.commune("75101") is None
    assert "75116" in commune.postal_codes


def test_department_of_allier(data: Territories) -> None:
    allier = data.department("03")
    assert allier is not None
    assert allier.name == "Allier"
    assert allier.region.code == "84"
    assert allier.region.name == "Auvergne-Rhône-Alpes"
    assert allier.population == 333298
    assert data.department(3) == allier


@pytest.mark.parametrize(
    "name",
    [
        "CC Mad et Moselle",
        "Mad & Moselle",
        "Mad et Moselle",
        "Communauté de communes Mad et Moselle",
        "Communauté de communes de Mad & Moselle",
        "communaute de communes mad-et-moselle",
    ],
)
def test_intercommunality_mad_et_moselle_resolves(data: Territories, name: str) -> None:
    [epci] = data.epcis_named(name)
    assert epci.siren == "200070738"
    assert epci.name == "CC Mad et Moselle"
    assert epci.kind_label == "communauté de communes"
    assert epci.population == 19153
    # It straddles two departments; most of its population is in 54.
    assert epci.department_codes == ("54", "57")
    assert epci.commune_count == 47
    assert data.epci("200 070 738") == epci


def test_intercommunality_names_spell_out_their_legal_form(data: Territories) -> None:
    full_names = {e.name: e.full_name for e in data.epcis_named("Mad et Moselle")
                  + data.epcis_named("Quatre Rivières") + data.epcis_named("Plaine Commune")
                  + data.epcis_named("Bordeaux Métropole")}
    assert full_names == {
        "CC Mad et Moselle": "Communauté de communes Mad et Moselle",
        "CC des Quatre Rivières": "Communauté de communes des Quatre Rivières",
        "Plaine Commune": "Plaine Commune",
        "Bordeaux Métropole": "Bordeaux Métropole",
    }


def test_unknown_intercommunality_gives_nothing_but_suggestions(data: Territories) -> None:
    assert data.epcis_named("Communauté de communes") == []
    assert data.epcis_named("Mad Moselle") == []
    assert data.nearest_epci_names("Mad Moselle")[0] == "CC Mad et Moselle"
    assert data.epci("123456789") is None


def test_grand_paris_territories_are_intercommunalities(data: Territories) -> None:
    [plaine_commune] = data.epcis_named("Plaine Commune")
    assert plaine_commune.kind == "EPT"
    assert plaine_commune.department_codes == ("93",)


# --------------------------------------------------------------------------
# Names as editors type them


@pytest.mark.parametrize(
    "typed",
    [
        "Flassans sur Issole",
        "flassans-sur-issole",
        "FLASSANS SUR ISSOLE",
        "Flassans–sur–Issole",
    ],
)
def test_names_match_without_case_hyphens_or_spaces(data: Territories, typed: str) -> None:
    assert [c.insee for c in data.communes_named(typed)] == ["83057"]


def test_names_match_without_accents_or_abbreviations(data: Territories) -> None:
    assert [c.insee for c in data.communes_named("saint amand en puisaye")] == ["58227"]
    assert [c.insee for c in data.communes_named("St-Amand-en-Puisaye")] == ["58227"]
    assert [c.insee for c in data.communes_named("PESSAC", "33")] == ["33318"]
    assert [c.insee for c in data.communes_named("lhay les roses")] == ["94038"]
    assert [c.insee for c in data.communes_named("Ville de Paris")] == ["75056"]


def test_homonyms_are_all_returned_unless_a_department_is_given(data: Territories) -> None:
    everywhere = data.communes_named("Saint-Denis")
    assert len(everywhere) >= 4
    assert {"93066", "97411"} <= {c.insee for c in everywhere}
    assert [c.insee for c in everywhere] == sorted(c.insee for c in everywhere)
    assert [c.insee for c in data.communes_named("Saint-Denis", "93")] == ["93066"]
    assert [c.insee for c in data.communes_named("Saint-Denis", 974)] == ["97411"]


def test_a_commune_in_another_department_is_not_found(data: Territories) -> None:
    assert data.communes_named("Renac", "56") == []
    assert data.communes_named("Renac", "99") == []
    assert data.communes_named("Nowhere-sur-Rien") == []


def test_misspellings_get_suggestions(data: Territories) -> None:
    assert data.nearest_commune_names("Renak", "35")[0] == "Renac"
    assert data.nearest_commune_names("Flasans sur Isole", "83")[0] == "Flassans-sur-Issole"
    assert data.nearest_commune_names("Flassans sur Issole")[0] == "Flassans-sur-Issole"
    assert data.nearest_commune_names("Pesac")[0] == "Pessac"
    assert len(data.nearest_commune_names("Saint-Amand", limit=5)) <= 5
    assert data.nearest_commune_names("Renak", "99") == []


def test_suggestions_stay_in_the_given_department(data: Territories) -> None:
    names = data.nearest_commune_names("Saint-Deni", "93")
    assert names[0] == "Saint-Denis"
    assert all(data.communes_named(name, "93") for name in names)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Allier", "03"),
        ("allier", "03"),
        ("Département de l'Allier", "03"),
        ("Conseil départemental de l'Allier", "03"),
        ("Conseil général du Nord", "59"),
        ("Paris", "75"),
        ("Corse du Sud", "2A"),
        ("La Réunion", "974"),
    ],
)
def test_departments_are_found_by_name(data: Territories, typed: str, code: str) -> None:
    assert [d.code for d in data.departments_named(typed)] == [code]


def test_regions_are_found_by_name_or_suggested(data: Territories) -> None:
    for typed in ("Bretagne", "région Bretagne", "Conseil régional de Bretagne"):
        assert [r.code for r in data.regions_named(typed)] == ["53"]
    assert [r.code for r in data.regions_named("Provence Alpes Cote d Azur")] == ["93"]
    assert data.regions_named("Bretane") == []
    assert data.nearest_region_names("Bretane") == ["Bretagne"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("35237", "35237"),
        (" 2a004 ", "2A004"),
        (35237, "35237"),
        ("97411", "97411"),
        (555, None),  # an unquoted 01053 is read by YAML as the octal number 555
        ("3523", None),
        ("352370", None),
        ("2C004", None),
        (True, None),
        (35237.0, None),
    ],
)
def test_insee_codes_are_understood(value: object, expected: str | None) -> None:
    assert normalize_insee_code(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("200070738", "200070738"),
        ("200 070 738", "200070738"),
        ("200\u00a0070\u00a0738", "200070738"),
        (200070738, "200070738"),
        ("20007073", None),
        ("20007073A", None),
        (False, None),
    ],
)
def test_siren_numbers_are_understood(value: object, expected: str | None) -> None:
    assert normalize_siren(value) == expected


def test_department_codes_sort_in_official_order(data: Territories) -> None:
    codes = sorted((d.code for d in data.departments()), key=department_sort_key)
    assert codes[17:22] == ["18", "19", "2A", "2B", "21"]
    assert codes[-6:] == ["95", "971", "972", "973", "974", "976"]


# --------------------------------------------------------------------------
# Corsica and overseas


def test_corsica(data: Territories) -> None:
    [ajaccio] = data.communes_named("ajaccio")
    assert (ajaccio.insee, ajaccio.department_code, ajaccio.region_code) == ("2A004", "2A", "94")
    assert data.commune("2a004") == ajaccio
    corse_du_sud = data.department("2a")
    assert corse_du_sud is not None and corse_du_sud.name == "Corse-du-Sud"
    haute_corse = data.department("2B")
    assert haute_corse is not None and haute_corse.region.name == "Corse"
    assert [c.insee for c in data.communes_named("Bastia", "2b")] == ["2B033"]


@pytest.mark.parametrize(
    ("code", "department", "region", "commune", "insee"),
    [
        ("971", "Guadeloupe", "01", "Pointe-à-Pitre", "97120"),
        ("972", "Martinique", "02", "Fort-de-France", "97209"),
        ("973", "Guyane", "03", "Cayenne", "97302"),
        ("974", "La Réunion", "04", "Saint-Denis", "97411"),
        ("976", "Mayotte", "06", "Mamoudzou", "97611"),
    ],
)
def test_overseas_departments(
    data: Territories, code: str, department: str, region: str, commune: str, insee: str
) -> None:
    found = data.department(code)
    assert found is not None
    assert (found.name, found.region.code) == (department, region)
    [resolved] = data.communes_named(commune, code)
    assert resolved.insee == insee
    assert resolved.region_code == region


def test_overseas_collectivities_are_not_departments(data: Territories) -> None:
    assert data.department("975") is None
    assert data.commune("97502") is None  # Saint-Pierre (Saint-Pierre-et-Miquelon)


# --------------------------------------------------------------------------
# Size classes


@pytest.mark.parametrize(
    ("population", "slug"),
    [
        (0, "moins-de-2000"),
        (1999, "moins-de-2000"),
        (2000, "2000-a-9999"),
        (9999, "2000-a-9999"),
        (10000, "10000-a-49999"),
        (49999, "10000-a-49999"),
        (50000, "50000-et-plus"),
        (2103778, "50000-et-plus"),
        (None, "commune-population-inconnue"),
    ],
)
def test_commune_size_classes_follow_population_strata(population: int | None, slug: str) -> None:
    assert size_class("commune", population).slug == slug


def test_size_class_labels_are_french() -> None:
    assert size_class("commune", 1027) == SizeClass(
        "moins-de-2000", "moins de 2\u00a0000 habitants"
    )
    assert size_class("commune", 67339).label == "50\u00a0000 habitants et plus"


@pytest.mark.parametrize(
    ("kind", "slug", "label"),
    [
        ("intercommunalite", "intercommunalite", "intercommunalité"),
        ("departement", "departement", "département"),
        ("region", "region", "région"),
    ],
)
def test_other_authorities_are_a_class_each(kind: str, slug: str, label: str) -> None:
    for population in (None, 500, 19153, 2_000_000):
        assert size_class(kind, population) == SizeClass(slug, label)


def test_unknown_kind_is_refused_in_french() -> None:
    with pytest.raises(ValueError, match="type de collectivité inconnu"):
        size_class("canton", 1000)


def test_size_classes_name_one_authority_and_their_page(data: Territories) -> None:
    small = size_class("commune", 1027)
    assert small.singular == "Commune de moins de 2\u00a0000 habitants"
    assert small.plural == "Communes de moins de 2\u00a0000 habitants"
    assert size_class("intercommunalite", 19153).plural == "Intercommunalités"
    assert all(c.singular and c.plural for c in territories.SIZE_CLASSES)


def test_size_classes_are_listed_once_with_ascii_slugs() -> None:
    slugs = [c.slug for c in territories.SIZE_CLASSES]
    assert len(set(slugs)) == len(slugs)
    assert all(slug.isascii() and slug == slug.lower() and " " not in slug for slug in slugs)


# --------------------------------------------------------------------------
# Map of departments


def test_map_draws_every_metropolitan_department_by_code(data: Territories) -> None:
    shapes = department_map().shapes
    codes = [shape.code for shape in shapes]
    assert len(codes) == len(set(codes)) == 96
    assert {"01", "2A", "2B", "35", "75", "95"} <= set(codes)
    for shape in shapes:
        department = data.department(shape.code)
        assert department is not None and shape.name == department.name
        assert shape.path.startswith("m ")


def test_map_gives_the_shape_of_a_department_by_code() -> None:
    drawn = department_map()
    shape = drawn.shape("2A")
    assert shape is not None and shape.name == "Corse-du-Sud"
    assert drawn.shape("974") is None


def test_map_says_what_it_does_not_draw_and_whom_to_credit() -> None:
    drawn = department_map()
    assert drawn.undrawn_codes == ("971", "972", "973", "974", "976")
    assert drawn.view_box == "0 0 613 585"
    assert "CC BY 4.0" in drawn.credit


def test_map_svg_text_is_valid_and_addressable_by_code() -> None:
    svg = department_map_svg()
    root = ET.fromstring(svg)
    assert root.get("viewBox") == department_map().view_box
    assert 'data-code="35"' in svg
    assert "<title>Ille-et-Vilaine</title>" in svg
    assert "MapSVG" in svg  # the attribution travels with the file


# --------------------------------------------------------------------------
# Shipped data and how it is produced


def test_every_commune_belongs_to_a_known_department(data: Territories) -> None:
    path = territories.TERRITORIES_DIR / "communes.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "insee\tname\tdepartment\tpopulation\tpostal_codes"
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) > 34_000
    assert all(len(row) == 5 for row in rows)
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)
    known = {d.code for d in data.departments()}
    assert {row[2] for row in rows} == known


def test_departments_load_without_reading_communes() -> None:
    fresh = Territories()
    assert fresh.department("35") is not None
    assert "_communes_text" not in vars(fresh)
    assert "_epcis" not in vars(fresh)
    assert fresh.commune("35237") is not None
    assert "_communes_by_key" not in vars(fresh)  # a lookup by code builds no name index


def test_an_official_name_is_found_without_indexing_every_name() -> None:
    fresh = Territories()
    for name, department, insee in [("Renac", "35", "35237"), ("Ajaccio", "2A", "2A004"),
                                    ("L'Haÿ-les-Roses", "94", "94038"),
                                    ("Saint-Denis", "974", "97411"), ("Mamoudzou", "976", "97611")]:
        found = fresh.commune_with_official_name(name, department)
        assert found is not None and found.insee == insee
    for name, department in [("renac", "35"), ("Renac", "56"), ("Renac", "99"), ("", "35"),
                             ("Saint-Denis", "97")]:
        assert fresh.commune_with_official_name(name, department) is None
    assert "_communes_by_key" not in vars(fresh)  # the ~0.1 s index was never built


def test_commune_codes_start_with_their_department_code(data: Territories) -> None:
    """commune_with_official_name() relies on it to read one department's lines."""
    path = territories.TERRITORIES_DIR / "communes.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    assert all(row[0].startswith(row[2]) for row in rows)


def test_data_credit_names_source_and_version(data: Territories) -> None:
    meta = json.loads((territories.TERRITORIES_DIR / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] in data.credit
    assert "INSEE" in data.credit
    assert meta["published"] in data.source and data.credit.endswith(data.source)
    source = (territories.TERRITORIES_DIR / "SOURCE.md").read_text(encoding="utf-8")
    assert f"| {meta['version']} |" in source


def test_missing_data_is_reported_in_french(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(territories, "TERRITORIES_DIR", tmp_path)
    with pytest.raises(territories.TerritoryDataError, match="Données territoriales illisibles"):
        Territories()


@pytest.fixture(scope="module")
def refresh_script() -> Iterator[ModuleType]:
    path = REPO / "scripts" / "refresh_territories.py"
    spec = importlib.util.spec_from_file_location("refresh_territories", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_refresh_keeps_only_current_communes_of_departments(refresh_script: ModuleType) -> None:
    regions = refresh_script.trim_regions(
        [
            {"code": "53", "nom": "Bretagne", "zone": "metro"},
            {"code": "975", "nom": "Saint-Pierre-et-Miquelon", "zone": "com"},
        ]
    )
    departments = refresh_script.trim_departments(
        [
            {"code": "35", "nom": "Ille-et-Vilaine", "region": "53", "zone": "metro"},
            {"code": "975", "nom": "Saint-Pierre-et-Miquelon", "region": "975", "zone": "com"},
        ],
        regions,
    )
    assert list(departments) == ["35"]
    commune = {"departement": "35", "region": "53", "codesPostaux": ["35660"]}
    communes = refresh_script.trim_communes(
        [
            {
                **commune,
                "code": "35237",
                "nom": "Renac",
                "type": "commune-actuelle",
                "population": 1027,
            },
            {**commune, "code": "35001", "nom": "Acigné", "type": "commune-actuelle"},
            {**commune, "code": "35999", "nom": "Déléguée", "type": "commune-deleguee"},
            {
                "code": "97502",
                "nom": "Saint-Pierre",
                "type": "commune-actuelle",
                "departement": "975",
                "region": "975",
            },
        ],
        departments,
    )
    assert [c["insee"] for c in communes] == ["35001", "35237"]
    assert communes[0]["population"] is None
    tsv = refresh_script.communes_tsv(communes)
    assert tsv.splitlines()[1:] == ["35001\tAcigné\t35\t\t35660", "35237\tRenac\t35\t1027\t35660"]


def test_refresh_writes_one_sorted_record_per_line(refresh_script: ModuleType) -> None:
    text = refresh_script.json_lines(
        [{"name": "Ain", "code": "01"}, {"name": "Aisne", "code": "02"}]
    )
    assert text == '[\n{"code":"01","name":"Ain"},\n{"code":"02","name":"Aisne"}\n]\n'
    assert json.loads(text)[1]["name"] == "Aisne"


def test_refresh_sums_epci_population_and_orders_departments(refresh_script: ModuleType) -> None:
    communes = [
        {"insee": "54001", "department": "54", "population": 300},
        {"insee": "57001", "department": "57", "population": 200},
        {"insee": "57002", "department": "57", "population": 200},
    ]
    members = [{"code": c["insee"]} for c in communes]
    [epci] = refresh_script.trim_epcis(
        [{"code": "200070738", "nom": "CC Test", "type": "CC", "membres": members}], communes
    )
    assert epci["population"] == 700
    assert epci["departments"] == ["57", "54"]
    assert epci["communes"] == 3


def test_the_population_vintage_shown_to_visitors_matches_the_packaged_data() -> None:
    """A refresh of the data (scripts/refresh_territories.py) may bring a new INSEE
    vintage: the plain French note under each laureate ("Population municipale 2023,
    Insee") must then be updated with it, in territories.POPULATION_VINTAGE."""
    meta = json.loads((Path(territories.__file__).parent / "data" / "territories" / "meta.json")
                      .read_text(encoding="utf-8"))
    assert meta["version"] == territories.POPULATION_VINTAGE_OF_VERSION, (
        "données rafraîchies : vérifiez le millésime de population (POPULATION_VINTAGE)")
    plain = territories.load_territories().plain_source
    assert plain.startswith(f"Population municipale {territories.POPULATION_VINTAGE}, Insee.")
    assert "@etalab" not in plain and meta["published"] not in plain
