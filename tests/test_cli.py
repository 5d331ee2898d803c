"""The commands the communications team and CI run: reports like a compiler's, GitHub
annotations, exit codes, and nothing written that was not asked for."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import laureate_files, run_cli
from showcase.problems import Problem
from showcase.report import ANNOTATION_LIMIT, format_github, format_human, format_summary
from showcase.schema import SCHEMA_LINE

PROBLEMS = [  # deliberately out of order
    Problem("projects/renac.yml", 14, 7, "testimonials[2].author", "champ obligatoire manquant",
            "ajoutez author: Prénom Nom"),
    Problem("projects/allier.yml", 3, 7, "year", "année « 100 % \n faux » impossible",
            "indiquez une année\nentre 2020 et 2027"),
    Problem("projects/renac.yml", 2, 1, "", "erreur de syntaxe : deux-points « : » dans un texte"),
]


def test_the_human_report_reads_like_a_compiler_one_line_per_problem_and_a_french_summary() -> None:
    assert format_human(PROBLEMS).splitlines() == [
        "projects/allier.yml:3:7: year : année « 100 % faux » impossible",
        "    → indiquez une année entre 2020 et 2027",
        "projects/renac.yml:2:1: erreur de syntaxe : deux-points « : » dans un texte",
        "projects/renac.yml:14:7: testimonials[2].author : champ obligatoire manquant",
        "    → ajoutez author: Prénom Nom",
        "3 problèmes dans 2 fichiers",
    ]


def test_the_summary_is_singular_for_one_problem() -> None:
    assert format_human(PROBLEMS[:1]).splitlines()[-1] == "1 problème dans 1 fichier"


def test_github_annotations_put_each_problem_on_its_line_of_the_pull_request() -> None:
    assert format_github(PROBLEMS).splitlines() == [
        ("::error file=projects/allier.yml,line=3,col=7,title=Lauréat invalide::"
         "year : année « 100 %25 faux » impossible → indiquez une année entre 2020 et 2027"),
        ("::error file=projects/renac.yml,line=2,col=1,title=Lauréat invalide::"
         "erreur de syntaxe : deux-points « : » dans un texte"),
        ("::error file=projects/renac.yml,line=14,col=7,title=Lauréat invalide::"
         "testimonials[2].author : champ obligatoire manquant → ajoutez author: Prénom Nom"),
        "3 problèmes dans 2 fichiers",
    ]


def test_a_file_name_with_a_comma_or_colon_cannot_break_an_annotation() -> None:
    odd = Problem("projects/a,b:c.yml", 1, 1, "", "nom de fichier invalide")
    assert format_github([odd]).splitlines()[0].startswith("::error file=projects/a%2Cb%3Ac.yml,line=1,")


def _many(count: int) -> list[Problem]:
    return [Problem(f"projects/cas-{index:02d}.yml", index + 1, 3, "title", "trop court",
                    "complétez le texte") for index in range(count)]


def test_beyond_ten_problems_the_last_annotation_says_how_many_more_and_the_log_has_them() -> None:
    lines = format_github(_many(12)).splitlines()
    annotations = [line for line in lines if line.startswith("::error ")]
    assert len(annotations) == ANNOTATION_LIMIT == 10  # what GitHub shows of one step
    assert annotations[-1].endswith(
        "title : trop court → complétez le texte (et 2 autres problèmes, que GitHub ne montre "
        "pas sur les lignes : voir le résumé de la vérification, onglet Summary)")
    assert "autres problèmes" not in " ".join(annotations[:-1])
    assert lines[10:] == ["projects/cas-10.yml:11:3: title : trop court → complétez le texte",
                          "projects/cas-11.yml:12:3: title : trop court → complétez le texte",
                          "12 problèmes dans 12 fichiers"]
    eleven = format_github(_many(11)).splitlines()
    assert eleven[9].endswith("(et 1 autre problème, que GitHub ne montre pas sur les lignes : "
                              "voir le résumé de la vérification, onglet Summary)")
    assert "autre" not in format_github(_many(10))


def test_the_job_summary_is_a_french_table_of_every_problem_shown_as_typed() -> None:
    odd = Problem("projects/_themes.yml", 4, 2, "label", "texte | avec *gras* et <b>",
                  "écrivez [x](https://…)")
    assert format_summary([*PROBLEMS, odd]).splitlines() == [
        "## Fichiers des lauréats : 4 problèmes dans 3 fichiers",
        "",
        "| Fichier | Ligne | Champ | Problème | Correction |",
        "| --- | ---: | --- | --- | --- |",
        ("| projects/\\_themes.yml | 4 | label | texte \\| avec \\*gras\\* et &lt;b&gt; | "
        "écrivez \\[x\\](https://…) |"),
        ("| projects/allier.yml | 3 | year | année « 100 % faux » impossible | "
        "indiquez une année entre 2020 et 2027 |"),
        "| projects/renac.yml | 2 |  | erreur de syntaxe : deux-points « : » dans un texte |  |",
        ("| projects/renac.yml | 14 | testimonials\\[2\\].author | champ obligatoire manquant | "
        "ajoutez author: Prénom Nom |"),
    ]


# --- check ---------------------------------------------------------------------------


def _break_renac(project: Path) -> None:
    renac = project / "projects" / "renac.yml"
    text = renac.read_text(encoding="utf-8")
    renac.write_text(text.replace("\nyear: 2021\n", "\nyear: 2019\n"), encoding="utf-8")


def test_check_passes_the_real_laureates(project: Path) -> None:
    result = run_cli(project, "check", "--format", "human")
    assert result.returncode == 0
    assert result.stdout == f"{len(laureate_files())} lauréats vérifiés : aucun problème.\n"


def test_check_exits_1_with_the_french_report_on_any_problem(project: Path) -> None:
    _break_renac(project)
    result = run_cli(project, "check", "--format", "human")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"projects/renac\.yml:4:7: year : année 2019 impossible : .*", lines[0])
    assert lines[1].startswith("    → indiquez une année entre 2020 et ")
    assert lines[2:] == ["1 problème dans 1 fichier"]


def test_check_speaks_github_when_asked_or_when_run_by_github_actions(project: Path) -> None:
    _break_renac(project)
    asked = run_cli(project, "check", "--format", "github")
    automatic = run_cli(project, "check", GITHUB_ACTIONS="true")
    human = run_cli(project, "check", GITHUB_ACTIONS="false")
    assert asked.returncode == automatic.returncode == human.returncode == 1
    assert asked.stdout == automatic.stdout
    assert asked.stdout.startswith("::error file=projects/renac.yml,line=4,col=7,title=Lauréat invalide::")
    assert human.stdout.startswith("projects/renac.yml:4:7: year : ")


def test_check_writes_the_whole_report_to_the_job_summary_on_every_run_with_problems(
        project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("## Étape précédente\n", encoding="utf-8")  # GitHub's file is shared
    for index in range(12):  # more than GitHub shows as annotations
        (project / "projects" / f"cas-{index:02d}.yml").write_text("", encoding="utf-8")
    result = run_cli(project, "check", GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    assert summary.read_text(encoding="utf-8").splitlines() == [
        "## Étape précédente",
        "## Fichiers des lauréats : 12 problèmes dans 12 fichiers", "",
        "| Fichier | Ligne | Champ | Problème | Correction |", "| --- | ---: | --- | --- | --- |",
        *(f"| projects/cas-{index:02d}.yml | 1 |  | le fichier est vide | créez la fiche avec le "
          "formulaire du site (/admin/), ou partez du modèle : make new "
          "SLUG=nom-de-la-collectivite, puis remplissez-le |" for index in range(12))]
    human = run_cli(project, "check", "--format", "human", GITHUB_STEP_SUMMARY=str(summary))
    assert human.returncode == 1
    assert summary.read_text(encoding="utf-8").count("| projects/cas-11.yml |") == 2


def test_check_writes_no_job_summary_when_every_file_is_right(project: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = run_cli(project, "check", GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0
    assert not summary.exists()


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(path.relative_to(root)): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file() and "__pycache__" not in path.parts}


def test_check_never_writes_anything(project: Path) -> None:
    _break_renac(project)
    before = _snapshot(project)
    assert run_cli(project, "check").returncode == 1
    (project / "projects" / "renac.yml").write_text(
        (project / "projects" / "renac.yml").read_text(encoding="utf-8").replace("year: 2019", "year: 2021"),
        encoding="utf-8")
    fixed = _snapshot(project)
    assert run_cli(project, "check").returncode == 0
    assert _snapshot(project) == fixed and fixed.keys() == before.keys()


# --- new -----------------------------------------------------------------------------


def test_new_writes_the_commented_template_with_the_schema_line(project: Path) -> None:
    result = run_cli(project, "new", "ma-commune")
    assert result.returncode == 0
    assert result.stdout == "projects/ma-commune.yml créé : complétez-le, puis lancez make check.\n"
    text = (project / "projects" / "ma-commune.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert "/laureats/ma-commune/" in text


# What an editor types in place of each example of the template.
REAL_TEXTS = {
    "commune: Nom de la collectivité": "commune: Renac",
    "Titre du projet en quelques mots": "Un pôle culturel imaginé avec les habitants",
    "Résumé du projet en une ou deux phrases, affiché sur les cartes et dans les\n  moteurs de "
    "recherche.": "La médiathèque et un café associatif réunis en un pôle culturel.",
    "Ce qui a motivé le projet, ce que l'équipe a fait, ce qui a changé.": "Tout a commencé en 2020.",
    "L'accompagnement apporté par le Fonds MNT, en une phrase.": "Six mois d'ateliers.",
    "La citation exacte, sans guillemets.": "On a enfin un lieu à nous.",
    "Prénom Nom": "Jeanne Martin", "fonction de la personne": "bibliothécaire",
    "https://www.exemple.fr/article": "https://www.renac.fr/actualites",
    "Texte du lien": "Le site de la commune", "https://www.exemple.fr/page": "https://www.renac.fr/",
}


def test_the_new_template_passes_check_only_once_every_example_is_replaced(project: Path) -> None:
    assert run_cli(project, "new", "essai").returncode == 0
    untouched = run_cli(project, "check", "--format", "human")
    # Every example is refused: left in place, "Prénom Nom" would be published.
    assert untouched.returncode == 1
    assert re.match(r"projects/essai\.yml:\d+:\d+: commune : modèle pas encore rempli", untouched.stdout)
    assert "author : exemple du modèle laissé tel quel « Prénom Nom »" in untouched.stdout
    assert untouched.stdout.splitlines()[-1] == f"{len(REAL_TEXTS)} problèmes dans 1 fichier"
    new = project / "projects" / "essai.yml"
    text = new.read_text(encoding="utf-8")
    for example, real in REAL_TEXTS.items():
        assert example in text, example
        text = text.replace(example, real)
    new.write_text(text, encoding="utf-8")
    completed = run_cli(project, "check", "--format", "human")
    assert completed.returncode == 0, completed.stdout
    assert completed.stdout == f"{len(laureate_files()) + 1} lauréats vérifiés : aucun problème.\n"


def test_new_never_overwrites_a_file(project: Path) -> None:
    renac = project / "projects" / "renac.yml"
    before = renac.read_bytes()
    result = run_cli(project, "new", "renac")
    assert result.returncode == 1
    assert result.stderr == "projects/renac.yml existe déjà : rien n'a été écrit.\n"
    assert renac.read_bytes() == before


def test_new_refuses_a_name_whose_other_spelling_already_exists(project: Path) -> None:
    (project / "projects" / "essai.yaml").write_text("commune: Renac\n", encoding="utf-8")
    result = run_cli(project, "new", "essai.yml")
    assert result.returncode == 1
    assert result.stderr == "projects/essai.yaml existe déjà : rien n'a été écrit.\n"
    assert not (project / "projects" / "essai.yml").exists()


def test_new_suggests_a_valid_file_name(project: Path) -> None:
    result = run_cli(project, "new", "Saint-Étienne du Rouvray")
    assert result.returncode == 2
    assert "essayez « saint-etienne-du-rouvray »" in result.stderr
    assert not list((project / "projects").glob("*tienne*"))


def test_new_outside_the_project_says_where_to_run_it(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "new", "essai")
    assert result.returncode == 2
    assert "Dossier projects/ introuvable" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- render --------------------------------------------------------------------------


def test_render_writes_the_pages_and_refuses_to_write_with_problems(project: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "pages"
    result = run_cli(project, "render", str(out))
    assert result.returncode == 0
    assert (out / "laureats" / "renac.md").is_file()
    _break_renac(project)
    refused = run_cli(project, "render", str(tmp_path / "refused"))
    assert refused.returncode == 1
    assert refused.stderr.startswith("projects/renac.yml:4:7: year : ")
    assert not (tmp_path / "refused").exists()
