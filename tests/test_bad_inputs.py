"""Every mistake of the communications team is caught, in French, on its line; nothing
typed in a laureate file can run in a visitor's browser.

The mistakes are the corpus of `tests/cases/invalid/` (one file per mistake, with the
exact report expected); `tests/cases/valid/` holds the YAML traps that are understood
rather than refused. Each invalid case goes through `python -m showcase check`; all of
them together go through one real `mkdocs build --strict`, and a few alone.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Route, expect, sync_playwright

from browser.conftest import SiteServer
from cases import corpus
from conftest import ROOT, copy_project, laureate_files, run_cli, run_mkdocs
from showcase import load_catalog

INVALID = corpus.load("invalid")
VALID = corpus.load("valid")
CHROMIUM = "/usr/bin/chromium"


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


def _payloads(marker: int, *, short: bool = False) -> str:
    """Script injections that each set `window.__xss` (and open a dialog) if they ran."""
    run = f"window.__xss={marker};alert({marker})"
    found = [f"<script>{run}</script>", f'"><svg onload={run}>', f'{{: onclick="{run}" }}']
    if not short:
        found += [f"<img src=x onerror={run}>", f"[x](javascript:{run})", f"' onmouseover='{run}"]
    return " ".join(found)


PHOTO = 'images/cas"onerror="window.__xss=40.png'  # a real file name, quotes included
# Obfuscated links (`&#106;avascript:`) and images are refused with a message: they are
# corpus cases (recit-lien-javascript-deguise, recit-avec-image).
STORY = """### Un intertitre {: onclick="window.__xss=30" }

Voir [le programme](https://example.org/"onclick="window.__xss=31) et <https://example.org/?a="onclick="window.__xss=32>.

&lt;script&gt;window.__xss=33&lt;/script&gt;
"""


def _payload_laureate() -> dict[str, object]:
    """A laureate that passes every rule, with an injection in every free-text field.
    (The commune must be found in the official data, so it cannot carry one: the site
    shows its official name.)"""
    return {
        "commune": "Renac", "department": "35", "year": 2021, "theme": "accueil-des-usagers",
        "title": _payloads(1, short=True),
        "summary": _payloads(2),
        "story": STORY,
        "support": _payloads(3),
        "testimonials": [{
            "quote": _payloads(4), "author": _payloads(5, short=True),
            "role": _payloads(6, short=True),
            "source": 'https://example.org/?a="><script>window.__xss=7</script>',
        }],
        "image": {"src": PHOTO, "alt": _payloads(8)},
        "video": {"url": 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t="><script>window.__xss=9</script>',
                  "title": _payloads(10, short=True)},
        "links": [{"label": _payloads(11, short=True),
                   "url": 'https://example.org/"onmouseover="window.__xss=12'}],
    }


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real strict build of the project plus the laureate full of injections."""
    project = copy_project(tmp_path_factory.mktemp("injected"))
    photo = project / "projects" / PHOTO
    photo.parent.mkdir(exist_ok=True)
    photo.write_bytes(corpus.photo_bytes({"format": "png"}))
    text = yaml.safe_dump(_payload_laureate(), allow_unicode=True, sort_keys=False)
    (project / "projects" / "cas-injection.yml").write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("injected-site")
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


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
    record = _payload_laureate()
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


@pytest.fixture(scope="module")
def served_injected_site(injected_site: Path) -> Iterator[str]:
    server = SiteServer(injected_site)
    try:
        yield server.base
    finally:
        server.close()


@pytest.mark.browser
def test_no_injection_runs_in_a_real_browser(served_injected_site: str) -> None:
    base = served_injected_site
    dialogs: list[str] = []

    def local_only(route: Route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", local_only)
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            for path in ("laureats/cas-injection/", "laureats/", "", "themes/accueil-des-usagers/",
                         "editions/2021/"):
                page.goto(base + path, wait_until="load")
                # Hover and focus everything on the laureate's page: no handler may fire.
                for link in page.locator("article a, article img, article h1").all():
                    link.hover(timeout=2000, force=True)
                assert page.evaluate("window.__xss") is None, path
            page.goto(base + "laureats/cas-injection/")
            page.get_by_role("button", name=re.compile("Lire la vidéo")).click()
            frame_title = page.locator(".video-frame iframe").get_attribute("title")
            assert frame_title is not None and "<script>" in frame_title  # a title, not markup
            page.goto(base)
            page.locator("[data-showcase-search]").click()  # the header's search button
            search = page.locator("pagefind-input input")
            expect(search).to_be_focused(timeout=30_000)
            search.press_sequentially("intertitre")  # found only in the injected page
            page.locator(".pf-result").first.wait_for(timeout=30_000)
            assert page.evaluate("window.__xss") is None
        finally:
            browser.close()
    assert dialogs == []


def test_a_commune_cannot_carry_an_injection_it_must_be_found_in_the_official_data(
        project: Path) -> None:
    record = _payload_laureate() | {"commune": _payloads(50), "image": None}
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
