"""Every mistake of the communications team is caught, in French, on its line; nothing
typed in a laureate file can run in a visitor's browser.

The mistakes are the corpus of `tests/cases/invalid/` (one file per mistake, with the
exact report expected); `tests/cases/valid/` holds the YAML traps that are understood
rather than refused. Each invalid case goes through `python -m showcase check`; all of
them together go through one real `mkdocs build --strict`, and a few alone. The injections
(tests/cases/injection.py) are read here in the built pages; tests/browser/test_injection.py
runs them in Chromium.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from cases import corpus, injection
from conftest import ROOT, copy_project, laureate_files, run_cli, run_mkdocs
from showcase import load_catalog

INVALID = corpus.load("invalid")
VALID = corpus.load("valid")


def _ids(case: corpus.Case) -> str:
    return case.name


def _mkdocs_errors(output: str) -> list[str]:
    """The text of MkDocs' ERROR log lines, as the editor reads them in the terminal."""
    return [line.removeprefix("ERROR   -  ") for line in output.splitlines()
            if line.startswith("ERROR   -  ")]


# --- The corpus itself ----------------------------------------------------------------


def test_the_corpus_holds_at_least_forty_distinct_mistakes() -> None:
    assert len(INVALID) >= 40
    assert len({(case.file, case.content) for case in INVALID}) == len(INVALID)
    # Every case has its own file names, so that all of them fit in one project.
    names = [name.casefold() for case in INVALID for name in (case.file, *case.extra, *case.binary)]
    assert len(names) == len(set(names))
    assert all(case.exit == 1 and case.problems for case in INVALID)


# --- check: one case at a time, exact output --------------------------------------------


@pytest.mark.parametrize("case", INVALID, ids=_ids)
def test_check_prints_every_problem_with_file_line_column_field_and_hint(
        case: corpus.Case, project: Path) -> None:
    case.write(project / "projects")
    result = run_cli(project, "check", "--format", "human")
    assert result.stdout.splitlines() == [*case.report_lines(), case.summary]
    assert result.returncode == case.exit
    assert result.stderr == ""


# --- all cases at once: one check, one strict build ------------------------------------


@pytest.fixture(scope="module")
def every_mistake(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project with every invalid case added to projects/."""
    project = copy_project(tmp_path_factory.mktemp("every-mistake"))
    for case in INVALID:
        case.write(project / "projects")
    return project


def _all_report_lines() -> list[str]:
    """Every case's lines, files in name order (each case's problems are in one file)."""
    ordered = sorted(INVALID, key=lambda case: min(case.files_with_problems))
    return [line for case in ordered for line in case.report_lines()]


def _all_summary() -> str:
    problems = sum(len(case.problems) for case in INVALID)
    files = len(set().union(*(case.files_with_problems for case in INVALID)))
    return f"{problems} problèmes dans {files} fichiers"


def test_check_reports_all_problems_of_all_files_in_one_run_sorted_by_file_and_line(
        every_mistake: Path) -> None:
    result = run_cli(every_mistake, "check", "--format", "human")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [*_all_report_lines(), _all_summary()]


def test_a_strict_build_with_every_mistake_fails_with_the_same_report_and_no_site(
        every_mistake: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_mkdocs(every_mistake, "build", "--strict", "--site-dir", str(site))
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    errors = _mkdocs_errors(output)
    assert errors[:-1] == _all_report_lines()
    assert errors[-1].startswith(_all_summary() + " : ")
    assert not (site / "index.html").exists()


SINGLE_BUILDS = ["syntaxe-deux-points-dans-le-texte", "yaml-etiquettes-python",
                 "temoignage-sans-auteur", "fichier-pas-en-utf8", "fichier-meme-adresse",
                 "image-chemin-qui-remonte"]


@pytest.mark.parametrize("case", [c for c in INVALID if c.name in SINGLE_BUILDS], ids=_ids)
def test_a_strict_build_fails_cleanly_on_one_mistake(case: corpus.Case, project: Path,
                                                      tmp_path: Path) -> None:
    case.write(project / "projects")
    site = tmp_path / "site"
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert _mkdocs_errors(output) == [
        *case.report_lines(), f"{case.summary} : corrigez les fichiers de projects/"]
    assert "Aborted with a BuildError!" in output
    assert not site.exists() or not any(site.iterdir())


# --- traps that are understood ----------------------------------------------------------


@pytest.mark.parametrize("case", VALID, ids=_ids)
def test_a_yaml_trap_that_is_understood_loads_with_the_value_the_editor_meant(
        case: corpus.Case, tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    shutil.copy(ROOT / "projects" / "_themes.yml", projects)
    case.write(projects)
    result = load_catalog(tmp_path)
    assert result.problems == []
    [laureate] = result.catalog.laureates
    for path, expected in case.expect.items():
        assert corpus.value_at(laureate.record, path) == expected, path


def test_every_understood_trap_passes_check_beside_the_real_laureates(project: Path) -> None:
    for case in VALID:
        case.write(project / "projects")
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout
    count = len(laureate_files()) + len(VALID)
    assert result.stdout == f"{count} lauréats vérifiés : aucun problème.\n"


# --- nothing injected -------------------------------------------------------------------


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real strict build of the project plus the laureate full of injections."""
    return injection.build_injected_site(tmp_path_factory.mktemp("injected"),
                                         tmp_path_factory.mktemp("injected-site"))


class _Page(HTMLParser):
    """Elements, attributes, scripts and visible text of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "script":
            self._in_script = True
            self.scripts.append(dict(attrs).get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "poster", "data", "srcset",
                  "xlink:href", "data-embed"}


def test_no_injection_becomes_a_script_an_event_handler_or_a_javascript_link(
        injected_site: Path) -> None:
    pages = sorted(injected_site.rglob("*.html"))
    assert injected_site / "laureats" / "cas-injection" / "index.html" in pages
    for path in pages:
        page = _parse(path)
        where = path.relative_to(injected_site)
        assert not [s for s in page.scripts if "__xss" in s], where
        assert not [a for a in page.attributes if a[1].startswith("on") and "__xss" in a[2]], where
        for tag, name, value in page.attributes:
            if name in URL_ATTRIBUTES:
                scheme = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not scheme.startswith(("javascript:", "vbscript:", "data:text")), (where, tag)


def test_every_injection_is_shown_as_the_text_the_editor_typed(injected_site: Path) -> None:
    page = _parse(injected_site / "laureats" / "cas-injection" / "index.html")
    text = " ".join(" ".join(page.text).split())
    record = injection.payload_laureate()
    testimonial = record["testimonials"][0]  # type: ignore[index]
    shown = [record["title"], record["summary"], record["support"], testimonial["quote"],
             testimonial["author"], testimonial["role"], record["video"]["title"],  # type: ignore[index]
             record["links"][0]["label"]]  # type: ignore[index]
    for value in shown:
        assert str(value) in text
    assert "<script>window.__xss=33</script>" in text  # the story's entities stay text
    alts = [v for tag, name, v in page.attributes if tag == "img" and name == "alt"]
    assert record["image"]["alt"] in alts  # type: ignore[index]


def test_attribute_lists_typed_in_a_heading_do_not_become_attributes(injected_site: Path) -> None:
    page = _parse(injected_site / "laureats" / "cas-injection" / "index.html")
    headings = {name for tag, name, _ in page.attributes if tag in ("h1", "h2", "h3", "h4")}
    assert not {name for name in headings if name.startswith("on")}
    assert "Un intertitre {: onclick=" in " ".join(page.text)


def test_a_commune_cannot_carry_an_injection_it_must_be_found_in_the_official_data(
        project: Path) -> None:
    record = injection.payload_laureate() | {"commune": injection.payloads(50), "image": None}
    text = yaml.safe_dump({k: v for k, v in record.items() if v is not None}, allow_unicode=True)
    (project / "projects" / "cas-commune.yml").write_text(text, encoding="utf-8")
    result = run_cli(project, "check", "--format", "human")
    assert result.returncode == 1
    assert re.search(r"^projects/cas-commune\.yml:1:\d+: commune : ", result.stdout, re.MULTILINE)
    assert html.escape("<script>") not in result.stdout  # the report quotes, it does not encode


def test_a_photo_whose_link_leads_out_of_projects_is_not_published(project: Path,
                                                                   tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs.jpg"
    outside.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 100)
    (project / "projects" / "images").mkdir()
    (project / "projects" / "images" / "lien.jpg").symlink_to(outside)
    _replace_in_renac(project, "\nsupport:", "\nimage:\n  src: images/lien.jpg\n  alt: Le bourg\nsupport:")
    result = run_cli(project, "check", "--format", "human")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].endswith(
        "image.src : photo introuvable : projects/images/lien.jpg")


def _replace_in_renac(project: Path, old: str, new: str) -> None:
    renac = project / "projects" / "renac.yml"
    text = renac.read_text(encoding="utf-8")
    assert old in text
    renac.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- a broken theme catalogue hides nothing else ---------------------------------------

BROKEN_THEMES_REPORT = [
    "projects/_themes.yml:15:45: erreur de syntaxe : deux-points « : » dans un texte",
    '    → mettez tout le texte entre guillemets : "…"',
    ("projects/cas-theme-casse.yml:4:9: theme[1] : thème « conditions-de-travail » illisible "
     "dans projects/_themes.yml"),
    "    → corrigez l'erreur signalée dans projects/_themes.yml : la fiche sera publiée ensuite",
    "projects/cas-theme-inconnu.yml:4:8: theme : thème inconnu « accueil-usagers »",
    "    → vouliez-vous dire « accueil-des-usagers » ?",
]


@pytest.fixture
def broken_themes(project: Path) -> Path:
    """A colon in one theme's description (a syntax error), one laureate on that theme
    and one with its own theme mistake, beside the real laureates."""
    themes = project / "projects" / "_themes.yml"
    text = themes.read_text(encoding="utf-8")
    start = text.index("conditions-de-travail:")
    end = text.index("cooperation-entre-agents:")
    themes.write_text(text[:start] + "conditions-de-travail:\n  label: Conditions de travail\n"
                      "  description: Faire évoluer l'organisation : espaces et outils.\n"
                      + "\n" * (text[start:end].count("\n") - 3) + text[end:], encoding="utf-8")
    base = 'commune: Renac\ndepartment: "35"\nyear: 2021\n'
    rest = ("theme: {}\ntitle: Un pôle culturel imaginé avec les habitants\nsummary: >-\n"
            "  La médiathèque et un café associatif réunis en un pôle culturel conçu avec la\n"
            "  population.\n")
    (project / "projects" / "cas-theme-casse.yml").write_text(
        base + rest.format("[conditions-de-travail, accueil-des-usagers]"), encoding="utf-8")
    (project / "projects" / "cas-theme-inconnu.yml").write_text(
        base + rest.format("accueil-usagers"), encoding="utf-8")
    return project


def _on_broken_theme() -> set[str]:
    return {path.stem for path in laureate_files()
            if "conditions-de-travail" in path.read_text(encoding="utf-8")}


def test_a_broken_theme_catalogue_keeps_the_themes_that_read_and_counts_every_problem(
        broken_themes: Path) -> None:
    result = run_cli(broken_themes, "check", "--format", "human")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    # each real laureate on the broken theme is held back with its own problem, counted
    real = [f"projects/{slug}.yml" for slug in sorted(_on_broken_theme())]
    held = [line for line in lines if line.startswith(tuple(real))]
    assert [line.split(":")[0] for line in held] == real
    assert all(line.endswith("thème « conditions-de-travail » illisible dans projects/_themes.yml")
               for line in held)
    problems = [line for line in lines[:-1] if not line.startswith("    → ")]
    hints = [line for line in lines[:-1] if line.startswith("    → ")]
    assert len(problems) == len(hints) == 3 + len(real)
    mine = [line for problem, hint in zip(problems, hints, strict=True)
            if not problem.startswith(tuple(real)) for line in (problem, hint)]
    assert mine == BROKEN_THEMES_REPORT
    assert lines[-1] == f"{3 + len(real)} problèmes dans {3 + len(real)} fichiers"
    loaded = load_catalog(broken_themes)
    assert set(loaded.catalog.themes) == {"accueil-des-usagers", "cooperation-entre-agents"}
    # every other real laureate is still there: the preview shows them
    shown = {laureate.slug for laureate in loaded.catalog.laureates}
    assert shown == {path.stem for path in laureate_files()} - _on_broken_theme()


def test_a_strict_build_with_a_broken_theme_catalogue_fails_with_the_same_report(
        broken_themes: Path, tmp_path: Path) -> None:
    result = run_mkdocs(broken_themes, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    errors = _mkdocs_errors(output)
    assert errors[0] == BROKEN_THEMES_REPORT[0]
    assert [line for line in errors if line.startswith("projects/cas-")] == \
        BROKEN_THEMES_REPORT[2::2]
