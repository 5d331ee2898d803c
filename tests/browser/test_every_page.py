"""Every page of the site, on a desktop screen and on a phone, as a visitor gets it.

The pages are found in the built site (every HTML file, plus the address of a
missing page, which shows 404.html): a new kind of generated page is checked
without anyone adding it here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import (
    EXCLUDED_AXE_RULES,
    MISSING_PAGE,
    SiteServer,
    SiteVisit,
    describe_violations,
    page_paths,
)

pytestmark = pytest.mark.browser

STATEMENT = "accessibilite/"
CONFORMANCE = re.compile(r"Accessibilité : (non|partiellement|totalement) conforme")


def where(visit: SiteVisit, path: str) -> str:
    return f"[{visit.viewport}] /{path}"


def test_every_built_page_and_the_404_page_are_visited(every_page: SiteVisit,
                                                       built_site: Path) -> None:
    visited = [page.path for page in every_page.pages]
    assert visited == [*page_paths(built_site), MISSING_PAGE]
    # The enumeration finds the generated pages, not only the hand-written ones.
    assert {"", "laureats/", "laureats/renac/", "themes/accueil-des-usagers/",
            "editions/2021/", STATEMENT} <= set(visited)
    laureates = len(list((built_site / "laureats").glob("*/index.html")))
    assert laureates >= 7


def test_every_page_answers_200_and_a_missing_page_404_with_its_french_page(
        every_page: SiteVisit) -> None:
    statuses = {page.path: page.status for page in every_page.pages}
    assert statuses.pop(MISSING_PAGE) == 404
    assert set(statuses.values()) == {200}, statuses
    missing = every_page.pages[-1]
    assert missing.title.startswith("Page introuvable"), missing.title


def test_no_page_has_a_wcag_2_1_a_or_aa_violation(every_page: SiteVisit) -> None:
    assert not EXCLUDED_AXE_RULES, "every excluded rule needs its reason in EXCLUDED_AXE_RULES"
    report = [line for page in every_page.pages
              for line in describe_violations(where(every_page, page.path), page.violations)]
    assert not report, f"{len(report)} accessibility violations:\n" + "\n".join(report)


def test_no_page_asks_another_host_for_anything(every_page: SiteVisit) -> None:
    """Fonts, scripts, images, videos, maps, statistics: a visitor's IP address
    goes to no one but the site before they choose to (GDPR)."""
    report = [f"{where(every_page, page.path)}: {url}"
              for page in every_page.pages for url in page.foreign]
    assert not report, "requests to other hosts:\n" + "\n".join(report)


def test_no_cookie_is_set_without_an_action_of_the_visitor(every_page: SiteVisit) -> None:
    assert every_page.cookies == []
    assert [page.path for page in every_page.pages if page.cookies] == []


def test_nothing_is_stored_on_the_visitors_device_without_an_action(every_page: SiteVisit) -> None:
    """The CNIL's rules cover every tracker, not only cookies: local and session storage
    stay empty too while the visitor only reads."""
    assert every_page.storage == {"local": [], "session": []}


def test_no_page_has_a_console_error_or_a_failed_request(every_page: SiteVisit) -> None:
    report = [f"{where(every_page, page.path)}: {problem}"
              for page in every_page.pages for problem in page.errors + page.failed]
    assert not report, "\n".join(report)


def test_every_page_footer_links_to_the_accessibility_statement_with_its_level(
        every_page: SiteVisit, site: SiteServer, built_site: Path) -> None:
    statement = (built_site / STATEMENT / "index.html").read_text(encoding="utf-8")
    declared = re.search(r"Ce site est <strong>(\w+) conforme</strong>", statement)
    assert declared, "the statement must say: Ce site est <strong>… conforme</strong>"
    expected = f"Accessibilité : {declared.group(1)} conforme"
    missing = []
    for page in every_page.pages:
        links = [link for link in page.footer_links if CONFORMANCE.fullmatch(link["text"])]
        if not (links and links[0]["text"] == expected and links[0]["visible"]
                and links[0]["href"] == site.url(STATEMENT)):
            missing.append(f"{where(every_page, page.path)}: {page.footer_links}")
    assert not missing, f"no visible « {expected} » link to /{STATEMENT}:\n" + "\n".join(missing)
