"""The browser suite's fixtures (tests/browser/conftest.py), and a site to search in.

`tab` is a desktop tab on the real site served under its site_url path; it fails
the test on any request to another host or any console error.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from browser.conftest import (
    DESKTOP,
    SiteServer,
    Tab,
    browser,
    guarded_tab,
    phone_tab,
    serve,
    site,
    tab,
)
from conftest import copy_project, run_mkdocs

__all__ = ["browser", "phone_tab", "serve", "site", "tab"]  # fixtures shared with tests/browser


@pytest.fixture
def tab_without_js(browser: Browser, site: SiteServer) -> Iterator[Tab]:
    """A desktop tab on the real site with JavaScript off."""
    context = browser.new_context(viewport=DESKTOP, locale="fr-FR", java_script_enabled=False)
    tab = Tab(context, context.new_page(), site)
    yield tab
    context.close()
    assert tab.foreign == [], f"requests to other hosts: {tab.foreign}"


# A laureate whose story holds the accented words of the search specification that the
# real laureates do not use, in a commune whose name has an accent of its own.
SEARCH_LAUREATE = """\
commune: Évreux
department: "27"
year: 2024
theme: conditions-de-travail
title: Des ateliers partagés pour les agents des services techniques
summary: >-
  La ville d'Évreux a réuni ses agents des services techniques pour repenser
  leurs ateliers, du chauffage au rangement des outils.
story: |
  Les agents voulaient des ateliers où la facture d'énergie baisse et où
  chacun trouve l'outillage dont il a besoin. L'intérêt de la démarche :
  partir de leur expérience plutôt que d'un plan dessiné ailleurs.
"""


@pytest.fixture(scope="package")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The real project plus projects/evreux.yml, built strict and served."""
    project = copy_project(tmp_path_factory.mktemp("search") / "project")
    (project / "projects" / "evreux.yml").write_text(SEARCH_LAUREATE, encoding="utf-8")
    site_dir = project / "site"
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    server = SiteServer(site_dir)
    yield server
    server.close()


@pytest.fixture
def search_tab(browser: Browser, search_site: SiteServer) -> Iterator[Tab]:
    """A desktop tab on the search site; nothing may leave the machine or fail."""
    yield from guarded_tab(browser, search_site)
