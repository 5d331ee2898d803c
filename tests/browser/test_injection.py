"""Nothing typed in a laureate file runs in a visitor's real browser: the laureate full of
injections (tests/cases/injection.py), built for real, visited, hovered and searched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from cases import injection

from .conftest import SiteServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    site = injection.build_injected_site(tmp_path_factory.mktemp("injected"),
                                         tmp_path_factory.mktemp("injected-site"))
    server = SiteServer(Path(site))
    yield server
    server.close()


def test_no_injection_runs_in_a_real_browser(browser: Browser, injected_site: SiteServer) -> None:
    base = injected_site.base
    dialogs: list[str] = []

    def local_only(route: Route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            route.abort()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route("**/*", local_only)
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in ("laureats/cas-injection/", "laureats/", "", "themes/accueil-des-usagers/",
                     "editions/2021/"):
            page.goto(base + path, wait_until="load")
            # Hover everything a visitor can point at on the page: no handler may fire.
            for link in page.locator("article a:visible, article img:visible, article h1").all():
                link.hover(force=True)
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
        context.close()
    assert dialogs == []


