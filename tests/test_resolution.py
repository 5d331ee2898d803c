"""Specification of how a laureate file's authority is found in the official data.

The editors write `commune` (a name), `department` (a number), and `kind`; the
site finds the commune, département, intercommunalité or région they mean and
from then on knows its INSEE code (or SIREN), official name, population,
department and region. A name that matches once accents, case, hyphens and
"St" are ignored is accepted and shown with its official spelling; anything
else is a French problem at the file, line, column and field to fix, with the
fix in the hint.

Populations are INSEE's from the shipped vintage (see test_territories.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, laureate_files, run_cli, run_mkdocs
from showcase import territories
from showcase.catalog import Laureate, load_catalog
from showcase.problems import Problem
from showcase.report import format_human
from showcase.resolve import Issue, TerritoryRequest, resolve_territory
from showcase.territories import Territories, load_territories

FILE = "projects/essai.yml"


def laureate_text(*territory_lines: str) -> str:
    """A laureate file valid in every field but its territory lines, which come first
    (so `commune:` is line 1, value at column 10)."""
    return "\n".join([
        *territory_lines,
        "year: 2024",
        "theme: accueil-des-usagers",
        "title: Un projet pour la vérification",
        "summary: Une phrase de résumé, assez longue pour que le fichier soit valide.",
    ]) + "\n"


Check = Callable[..., list[Problem]]


@pytest.fixture
def problems_of(project: Path, write_laureate: Callable[[str, str], Path]) -> Check:
    """Writes projects/essai.yml with these territory lines; its problems."""
    def check(*territory_lines: str) -> list[Problem]:
        write_laureate("essai.yml", laureate_text(*territory_lines))
        return [p for p in load_catalog(project).problems if p.file == FILE]
    return check


@pytest.fixture
def resolved(project: Path, write_laureate: Callable[[str, str], Path]) -> Callable[..., Laureate]:
    """Writes projects/essai.yml with these territory lines; the laureate it gives."""
    def load(*territory_lines: str) -> Laureate:
        write_laureate("essai.yml", laureate_text(*territory_lines))
        result = load_catalog(project)
        assert result.problems == []
        [laureate] = [l for l in result.catalog.laureates if l.slug == "essai"]
        return laureate
    return load


# --------------------------------------------------------------------------
# Every real laureate


@pytest.fixture(scope="module")
def real_laureates() -> dict[str, Laureate]:
    result = load_catalog(ROOT)
    assert result.problems == []
    return {laureate.slug: laureate for laureate in result.catalog.laureates}


@pytest.mark.parametrize(
    ("slug", "kind", "name", "code", "population", "department", "region", "size"),
    [
        ("allier", "departement", "Allier", "03", 333298, "03", "Auvergne-Rhône-Alpes",
         "departement"),
        ("flassans-sur-issole", "commune", "Flassans-sur-Issole", "83057", 3706, "83",
         "Provence-Alpes-Côte d'Azur", "2000-a-9999"),
        ("mad-et-moselle", "intercommunalite", "Communauté de communes Mad et Moselle",
         "200070738", 19153, "54", "Grand Est", "intercommunalite"),
        ("paris", "commune", "Paris", "75056", 2103778, "75", "Île-de-France", "50000-et-plus"),
        ("pessac", "commune", "Pessac", "33318", 67339, "33", "Nouvelle-Aquitaine",
         "50000-et-plus"),
        ("renac", "commune", "Renac", "35237", 1027, "35", "Bretagne", "moins-de-2000"),
        ("saint-amand-en-puisaye", "commune", "Saint-Amand-en-Puisaye", "58227", 1216, "58",
         "Bourgogne-Franche-Comté", "moins-de-2000"),
    ],
)
def test_each_real_laureate_gets_its_official_facts(
    real_laureates: dict[str, Laureate], slug: str, kind: str, name: str, code: str,
    population: int, department: str, region: str, size: str,
) -> None:
    territory = real_laureates[slug].territory
    assert (territory.kind, territory.name, territory.code, territory.population) == (
        kind, name, code, population)
    assert territory.department.code == department
    assert territory.region.name == region
    assert territory.size.slug == size


def test_every_laureate_file_resolves(real_laureates: dict[str, Laureate]) -> None:
    assert sorted(real_laureates) == sorted(path.stem for path in laureate_files())


def test_an_intercommunality_knows_its_members(real_laureates: dict[str, Laureate]) -> None:
    territory = real_laureates["mad-et-moselle"].territory
    assert territory.member_count == 47
    assert (territory.code_label, territory.code_text) == ("SIREN", "200\u202f070\u202f738")


# --------------------------------------------------------------------------
# Names as editors type them: accepted, the official spelling is shown


@pytest.mark.parametrize(
    ("typed", "department", "official"),
    [
        ("Flassans sur Issole", '"83"', "Flassans-sur-Issole"),
        ("FLASSANS-SUR-ISSOLE", "83", "Flassans-sur-Issole"),
        ("St Amand en Puisaye", '"58"', "Saint-Amand-en-Puisaye"),
        ("Ville de Paris", '"75"', "Paris"),
        ("lhay les roses", '"94"', "L'Haÿ-les-Roses"),
    ],
)
def test_a_name_equal_once_normalised_is_accepted_with_its_official_spelling(
    resolved: Callable[..., Laureate], typed: str, department: str, official: str,
) -> None:
    laureate = resolved(f"commune: {typed}", f"department: {department}")
    assert laureate.territory.name == official
    assert laureate.record.commune == typed  # the file is left as the editor wrote it


def test_misspelt_commune_gets_the_nearest_official_names(problems_of: Check) -> None:
    assert problems_of("commune: Flasans sur Isole", 'department: "83"') == [Problem(
        FILE, 1, 10, "commune",
        "commune « Flasans sur Isole » introuvable dans le département 83 (Var)",
        "vouliez-vous dire « Flassans-sur-Issole », « Besse-sur-Issole » ou "
        "« Sainte-Anastasie-sur-Issole » ?")]


def test_a_commune_unknown_in_its_department_but_close_elsewhere_says_where(
    problems_of: Check,
) -> None:
    assert problems_of("commune: Flassans sur Isole", 'department: "2A"') == [Problem(
        FILE, 1, 10, "commune",
        "commune « Flassans sur Isole » introuvable dans le département 2A (Corse-du-Sud)",
        "vouliez-vous dire « Flassans-sur-Issole » (83), « Nassandres sur Risle » (27) ou "
        "« Lassay-sur-Croisne » (41) ? Corrigez alors aussi department")]


def test_a_name_like_no_commune_asks_for_the_official_name(problems_of: Check) -> None:
    assert problems_of("commune: Xyzzyqw", 'department: "56"') == [Problem(
        FILE, 1, 10, "commune",
        "commune « Xyzzyqw » introuvable dans le département 56 (Morbihan)",
        "écrivez le nom officiel de la commune, tel que le donne l'INSEE "
        "(Code officiel géographique)")]


def test_the_report_reads_like_a_compiler_error(problems_of: Check) -> None:
    assert format_human(problems_of("commune: Renak", 'department: "35"')).splitlines() == [
        ("projects/essai.yml:1:10: commune : commune « Renak » introuvable dans le département "
         "35 (Ille-et-Vilaine)"),
        "    → vouliez-vous dire « Renac » ou « Redon » ?",
        "1 problème dans 1 fichier",
    ]


# --------------------------------------------------------------------------
# Wrong department, homonyms


def test_a_commune_in_another_department_names_the_right_one(problems_of: Check) -> None:
    assert problems_of("commune: Renac", 'department: "56"') == [Problem(
        FILE, 2, 13, "department",
        "Renac n'est pas dans le département 56 (Morbihan) mais dans le 35 (Ille-et-Vilaine)",
        'écrivez department: "35"')]


@pytest.mark.parametrize(
    ("department", "insee", "region"),
    [("93", "93066", "Île-de-France"), ("974", "97411", "La Réunion"), ("11", "11339", "Occitanie")],
)
def test_homonyms_are_told_apart_by_their_department(
    resolved: Callable[..., Laureate], department: str, insee: str, region: str,
) -> None:
    territory = resolved("commune: Saint-Denis", f'department: "{department}"').territory
    assert (territory.code, territory.region.name) == (insee, region)


def test_homonyms_none_of_which_is_in_the_department_are_listed(problems_of: Check) -> None:
    assert problems_of("commune: Saint-Denis", 'department: "75"') == [Problem(
        FILE, 2, 13, "department",
        "aucune commune « Saint-Denis » dans le département 75 (Paris)",
        "il y en a une dans les départements 11 (Aude), 30 (Gard), 93 (Seine-Saint-Denis) "
        "et 974 (La Réunion) : corrigez department")]


def test_two_homonyms_in_one_department_ask_for_the_insee_code(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """No department has two communes of the same name today; the check stays, on a
    made-up department, in case a future vintage has some."""
    write_made_up_data(tmp_path)
    monkeypatch.setattr(territories, "TERRITORIES_DIR", tmp_path)
    data = Territories()
    assert resolve_territory(TerritoryRequest("sainte colombe", "commune", "77"), data) == Issue(
        "commune",
        "plusieurs communes s'appellent « sainte colombe » dans le département 77 "
        "(Seine-et-Marne)",
        'précisez laquelle avec son code INSEE : insee: "77001" (Sainte-Colombe) ou '
        'insee: "77002" (Sainte Colombe)')
    chosen = resolve_territory(TerritoryRequest("sainte colombe", "commune", "77", insee="77002"),
                               data)
    assert not isinstance(chosen, Issue)
    assert (chosen.code, chosen.population) == ("77002", 200)
    # The exact official spelling designates one of them.
    exact = resolve_territory(TerritoryRequest("Sainte-Colombe", "commune", "77"), data)
    assert not isinstance(exact, Issue) and exact.code == "77001"
    assert resolve_territory(TerritoryRequest("Val", "intercommunalite", "77"), data) == Issue(
        "commune",
        "plusieurs intercommunalités s'appellent « Val » dans le département 77 (Seine-et-Marne)",
        'précisez laquelle avec son numéro SIREN : siren: "200000001" (CC du Val) ou '
        'siren: "200000002" (CA du Val)')


def write_made_up_data(folder: Path) -> None:
    files = {
        "regions.json": [{"code": "11", "name": "Île-de-France", "population": 1200}],
        "departements.json": [{"code": "77", "name": "Seine-et-Marne", "region": "11",
                               "population": 1200}],
        "epci.json": [
            {"siren": "200000001", "name": "CC du Val", "kind": "CC", "population": 1000,
             "departments": ["77"], "communes": 1},
            {"siren": "200000002", "name": "CA du Val", "kind": "CA", "population": 200,
             "departments": ["77"], "communes": 1},
        ],
        "meta.json": {"package": "essai", "version": "0", "published": "2026-01-01"},
    }
    for name, content in files.items():
        (folder / name).write_text(json.dumps(content), encoding="utf-8")
    (folder / "communes.tsv").write_text(
        "insee\tname\tdepartment\tpopulation\tpostal_codes\n"
        "77001\tSainte-Colombe\t77\t1000\t77650\n"
        "77002\tSainte Colombe\t77\t200\t77650\n", encoding="utf-8")


# --------------------------------------------------------------------------
# The INSEE code, for homonyms


def test_an_insee_code_picks_the_commune(resolved: Callable[..., Laureate]) -> None:
    territory = resolved("commune: Saint-Denis", 'department: "974"', 'insee: "97411"').territory
    assert (territory.name, territory.population) == ("Saint-Denis", 155634)


def test_an_unquoted_insee_code_is_understood(resolved: Callable[..., Laureate]) -> None:
    assert resolved("commune: Renac", "department: 35", "insee: 35237").territory.code == "35237"


def test_an_insee_code_of_another_commune_is_refused(problems_of: Check) -> None:
    assert problems_of("commune: Renac", 'department: "35"', 'insee: "35238"') == [Problem(
        FILE, 3, 8, "insee",
        "le code INSEE 35238 est celui de Rennes (35), pas de « Renac »",
        "corrigez le nom (commune) ou le code (insee)")]


def test_an_unknown_insee_code_gives_the_right_one(problems_of: Check) -> None:
    assert problems_of("commune: Renac", 'department: "35"', 'insee: "35999"') == [Problem(
        FILE, 3, 8, "insee", "code INSEE « 35999 » inconnu", 'le code INSEE de Renac est "35237"')]


def test_an_insee_code_in_another_department_names_the_right_one(problems_of: Check) -> None:
    assert problems_of("commune: Saint-Denis", 'department: "93"', 'insee: "97411"') == [Problem(
        FILE, 2, 13, "department",
        "Saint-Denis n'est pas dans le département 93 (Seine-Saint-Denis) mais dans le "
        "974 (La Réunion)",
        'écrivez department: "974"')]


@pytest.mark.parametrize(("written", "read"), [('"3523"', "3523"), ("3523", "3523"),
                                               ('"2C004"', "2C004")])
def test_a_malformed_insee_code_is_one_problem(problems_of: Check, written: str, read: str) -> None:
    assert problems_of("commune: Renac", 'department: "35"', f"insee: {written}") == [Problem(
        FILE, 3, 8, "insee", f"code INSEE invalide « {read} »",
        'cinq caractères entre guillemets, par exemple insee: "35237" (ou "2A004" en Corse)')]


def test_an_insee_code_is_for_communes_only(problems_of: Check) -> None:
    assert problems_of("commune: Allier", "kind: departement", 'department: "03"',
                       'insee: "03190"') == [Problem(
        FILE, 4, 8, "insee", "le code INSEE (insee) ne sert qu'aux communes",
        "retirez la ligne : le numéro du département suffit")]


# --------------------------------------------------------------------------
# Paris, départements, régions


def test_paris_is_a_commune_or_a_department(resolved: Callable[..., Laureate]) -> None:
    commune = resolved("commune: Paris", 'department: "75"').territory
    department = resolved("commune: Paris", "kind: departement", 'department: "75"').territory
    assert (commune.code, commune.size.slug) == ("75056", "50000-et-plus")
    assert (department.code, department.size.slug) == ("75", "departement")
    assert commune.population == department.population == 2103778


def test_a_department_may_be_named_by_its_council(resolved: Callable[..., Laureate]) -> None:
    territory = resolved("commune: Conseil départemental de l'Allier", "kind: departement",
                         'department: "03"').territory
    assert (territory.name, territory.population) == ("Allier", 333298)


def test_a_department_with_a_wrong_name_or_number(problems_of: Check) -> None:
    assert problems_of("commune: Alier", "kind: departement", 'department: "03"') == [Problem(
        FILE, 1, 10, "commune", "« Alier » n'est pas le nom du département 03 (Allier)",
        "écrivez commune: Allier, ou corrigez department")]
    assert problems_of("commune: Allier", "kind: departement", 'department: "01"') == [Problem(
        FILE, 3, 13, "department", "le département Allier a le numéro 03, pas 01",
        'écrivez department: "03"')]


def test_a_region_and_one_of_its_departments(resolved: Callable[..., Laureate],
                                             problems_of: Check) -> None:
    territory = resolved("commune: Région Bretagne", "kind: region", 'department: "35"').territory
    assert (territory.name, territory.code, territory.size.slug) == ("Bretagne", "53", "region")
    assert problems_of("commune: Bretagne", "kind: region", 'department: "33"') == [Problem(
        FILE, 3, 13, "department", "le département 33 (Gironde) n'est pas dans la région Bretagne",
        'écrivez le numéro d\'un de ses départements, par exemple department: "22"')]


# --------------------------------------------------------------------------
# Corsica and overseas


def test_corsica_is_2a_and_2b(resolved: Callable[..., Laureate], problems_of: Check) -> None:
    ajaccio = resolved("commune: Ajaccio", 'department: "2a"').territory
    assert (ajaccio.code, ajaccio.department.code, ajaccio.region.name) == ("2A004", "2A", "Corse")
    assert resolved("commune: Bastia", 'department: "2B"').territory.code == "2B033"
    assert problems_of("commune: Ajaccio", 'department: "2B"') == [Problem(
        FILE, 2, 13, "department",
        "Ajaccio n'est pas dans le département 2B (Haute-Corse) mais dans le 2A (Corse-du-Sud)",
        'écrivez department: "2A"')]


def test_department_20_is_one_problem_not_two(problems_of: Check) -> None:
    problems = problems_of("commune: Ajaccio", 'department: "20"')
    assert [(p.line, p.column, p.field) for p in problems] == [(2, 13, "department")]
    assert "« 20 »" in problems[0].message


def test_an_overseas_collectivity_is_not_a_department(problems_of: Check) -> None:
    assert problems_of("commune: Saint-Pierre", 'department: "975"') == [Problem(
        FILE, 2, 13, "department", "département « 975 » absent des données officielles",
        "les collectivités d'outre-mer (975, 977, 978, 984, 986 à 988) ne sont pas des "
        'départements ; vérifiez le numéro, par exemple "35" pour l\'Ille-et-Vilaine')]


@pytest.mark.parametrize(
    ("commune", "department", "insee", "region"),
    [
        ("Pointe-à-Pitre", 971, "97120", "Guadeloupe"),
        ("Fort-de-France", 972, "97209", "Martinique"),
        ("Cayenne", 973, "97302", "Guyane"),
        ("Saint-Denis", 974, "97411", "La Réunion"),
        ("Mamoudzou", 976, "97611", "Mayotte"),
    ],
)
def test_overseas_communes_resolve(resolved: Callable[..., Laureate], commune: str,
                                   department: int, insee: str, region: str) -> None:
    territory = resolved(f"commune: {commune}", f"department: {department}").territory
    assert (territory.code, territory.region.name) == (insee, region)


def test_an_overseas_commune_in_the_wrong_department(problems_of: Check) -> None:
    assert problems_of("commune: Fort-de-France", "department: 971") == [Problem(
        FILE, 2, 13, "department",
        "Fort-de-France n'est pas dans le département 971 (Guadeloupe) mais dans le "
        "972 (Martinique)",
        'écrivez department: "972"')]


# --------------------------------------------------------------------------
# Intercommunalities, by name or SIREN


def test_an_intercommunality_may_be_given_in_any_of_its_departments(
    resolved: Callable[..., Laureate],
) -> None:
    territory = resolved("commune: Mad & Moselle", "kind: intercommunalite",
                         'department: "57"').territory
    assert (territory.code, territory.department.name) == ("200070738", "Moselle")


def test_an_intercommunality_in_the_wrong_department(problems_of: Check) -> None:
    assert problems_of("commune: Mad et Moselle", "kind: intercommunalite",
                       'department: "35"') == [Problem(
        FILE, 3, 13, "department",
        "CC Mad et Moselle n'est pas dans le département 35 (Ille-et-Vilaine) : ses communes "
        "sont dans les départements 54 (Meurthe-et-Moselle) et 57 (Moselle)",
        'écrivez department: "54"')]


def test_an_unknown_intercommunality_gets_suggestions(problems_of: Check) -> None:
    assert problems_of("commune: Mad Moselle", "kind: intercommunalite",
                       'department: "54"') == [Problem(
        FILE, 1, 10, "commune", "intercommunalité « Mad Moselle » introuvable",
        "vouliez-vous dire « CC Mad et Moselle », « CC Rives de Moselle » ou "
        "« CC de l'Arc Mosellan » ?")]


def test_intercommunalities_of_the_same_name_are_told_apart(resolved: Callable[..., Laureate],
                                                            problems_of: Check) -> None:
    # Two "CC des Quatre Rivières": Haute-Saône (70) and Haute-Savoie (74).
    territory = resolved("commune: CC des Quatre Rivières", "kind: intercommunalite",
                         'department: "74"').territory
    assert (territory.code, territory.member_count) == ("247400666", 11)
    assert problems_of("commune: Quatre Rivières", "kind: intercommunalite",
                       'department: "01"') == [Problem(
        FILE, 3, 13, "department",
        "aucune intercommunalité « Quatre Rivières » dans le département 01 (Ain)",
        "il y en a une dans les départements 70 (Haute-Saône) et 74 (Haute-Savoie) : "
        "corrigez department")]


def test_a_siren_number_picks_the_intercommunality(resolved: Callable[..., Laureate],
                                                   problems_of: Check) -> None:
    lines = ("commune: Mad et Moselle", "kind: intercommunalite", 'department: "54"')
    assert resolved(*lines, 'siren: "200 070 738"').territory.code == "200070738"
    assert problems_of(*lines, 'siren: "200000172"') == [Problem(
        FILE, 4, 8, "siren",
        "le numéro SIREN 200000172 est celui de CC Faucigny - Glières, pas de « Mad et Moselle »",
        "corrigez le nom (commune) ou le numéro (siren)")]
    assert problems_of(*lines, 'siren: "123456789"') == [Problem(
        FILE, 4, 8, "siren", "numéro SIREN « 123456789 » inconnu",
        'le numéro SIREN de CC Mad et Moselle est "200070738"')]
    assert problems_of("commune: Renac", 'department: "35"', 'siren: "200070738"') == [Problem(
        FILE, 3, 8, "siren", "le numéro SIREN (siren) ne sert qu'aux intercommunalités",
        'retirez la ligne siren ; si besoin, donnez le code INSEE de la commune : '
        'insee: "35237"')]


# --------------------------------------------------------------------------
# All at once, in the command line and in the build


def test_a_territory_problem_comes_with_the_files_other_problems(
    project: Path, write_laureate: Callable[[str, str], Path],
) -> None:
    write_laureate("essai.yml", laureate_text("commune: Renac", 'department: "56"')
                   .replace("summary: Une phrase", "summary: Trop court.\n# Une phrase"))
    problems = [(p.line, p.field) for p in load_catalog(project).problems if p.file == FILE]
    assert problems == [(2, "department"), (6, "summary")]


def test_check_command_reports_territory_problems_of_every_file(
    project: Path, write_laureate: Callable[[str, str], Path],
) -> None:
    write_laureate("essai.yml", laureate_text("commune: Renac", 'department: "56"'))
    write_laureate("autre.yml", laureate_text("commune: Flassans sur Isole", 'department: "83"'))
    result = run_cli(project, "check", "--format", "human")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        ("projects/autre.yml:1:10: commune : commune « Flassans sur Isole » introuvable dans le "
         "département 83 (Var)"),
        ("    → vouliez-vous dire « Flassans-sur-Issole », « Besse-sur-Issole » ou "
         "« Sainte-Anastasie-sur-Issole » ?"),
        ("projects/essai.yml:2:13: department : Renac n'est pas dans le département 56 (Morbihan) "
         "mais dans le 35 (Ille-et-Vilaine)"),
        '    → écrivez department: "35"',
        "2 problèmes dans 2 fichiers",
    ]


def test_the_strict_build_fails_on_a_wrong_department_in_french(
    project: Path, tmp_path: Path,
) -> None:
    renac = project / "projects" / "renac.yml"
    renac.write_text(renac.read_text(encoding="utf-8").replace('department: "35"',
                                                               'department: "56"'),
                     encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert ("department : Renac n'est pas dans le département 56 (Morbihan) mais dans le "
            "35 (Ille-et-Vilaine)") in output
    assert 'écrivez department: "35"' in output


def test_the_data_is_loaded_once_per_process() -> None:
    assert load_territories() is load_territories()
