"""A laureate's video: nothing goes to the video host before the visitor asks for it,
and the keyboard can ask for it.

No real laureate has a video yet: the test builds a copy of the project where
Renac has one. The player's address is answered by the test itself, so nothing
leaves the machine even after the click.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route, expect

from conftest import run_mkdocs

from .conftest import SiteServer, focused, new_tab, run_axe

pytestmark = pytest.mark.browser

VIDEO = """\
video:
  url: https://www.youtube.com/watch?v=dQw4w9WgXcQ
  title: Le pôle culturel de Renac en images
"""
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
VIDEO_HOSTS = ("youtube", "ytimg", "googlevideo", "google", "doubleclick", "gstatic")


def test_video_loads_nothing_before_the_click_and_plays_from_the_keyboard(
        project: Path, tmp_path: Path, browser: Browser,
        serve: Callable[[Path], SiteServer]) -> None:
    renac = project / "projects" / "renac.yml"
    renac.write_text(renac.read_text(encoding="utf-8") + VIDEO, encoding="utf-8")
    built = run_mkdocs(project, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert built.returncode == 0, built.stdout + built.stderr
    tab = new_tab(browser, serve(tmp_path / "site"))
    player_requests: list[str] = []

    def player(route: Route) -> None:
        player_requests.append(route.request.url)
        route.fulfill(content_type="text/html", body="<!doctype html><title>Lecteur</title>")

    tab.context.route("https://www.youtube-nocookie.com/**", player)
    try:
        page = tab.page
        tab.open("laureats/renac/")
        page.mouse.wheel(0, 5000)  # whatever lazy loading there is, scrolling has triggered it
        page.wait_for_load_state("networkidle")
        assert player_requests == [] and tab.foreign == [], "a request left before the click"
        assert page.locator(".video-facade iframe").count() == 0
        loaded = page.evaluate("() => performance.getEntriesByType('resource').map(r => r.name)")
        assert not [url for url in loaded if any(host in url for host in VIDEO_HOSTS)]
        assert [cookie["domain"] for cookie in tab.context.cookies()] == []
        assert run_axe(page) == []

        # The button is reached with Tab, shows its focus, and Enter plays the video.
        for _ in range(200):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('.video-facade__play')"):
                break
        else:
            raise AssertionError("the play button is never reached with Tab")
        button = focused(page)
        assert button is not None and button["shown"] and button["outlineWidth"] >= 2
        assert button["text"] == "Lire la vidéo sur YouTube"
        page.keyboard.press("Enter")
        frame = page.locator(".video-facade iframe")
        expect(frame).to_have_attribute("src", PLAYER)
        expect(frame).to_have_attribute("title", "Le pôle culturel de Renac en images")
        page.wait_for_load_state("networkidle")
        assert player_requests == [PLAYER], "the player is asked for once, after the click"
        assert page.evaluate("document.activeElement.tagName") == "IFRAME", "focus is on the player"
        assert tab.foreign == [] and tab.errors == [] and tab.failed == []
    finally:
        tab.context.close()
