"""The built site served on loopback, Debian's Chromium, and one visit of every page.

Playwright drives /usr/bin/chromium (nothing is downloaded). A missing browser
makes these tests fail, never skip: run `make browser`.

The server serves a built site the way its host does: under the path of
`site_url`, with 404.html (status 404) for an unknown address. It also writes
its own address into sitemap.xml: Material's instant navigation only follows
links listed there, so without it every click would be a full page load and
the tests would not see what visitors get.

Every tab blocks and records any request to another host: nothing leaves the
machine, and the privacy tests read what was attempted.
"""

from __future__ import annotations

import http.server
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT  # axe-core, as the package ships it
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
    Route,
    ViewportSize,
    sync_playwright,
)
from playwright.sync_api import (
    Error as PlaywrightError,
)

CHROMIUM = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Desktop: tabs and the header's search field are shown. Phone (also a desktop zoomed
# to 400 %): the menu and the search are behind buttons of the header.
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 740}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# The address every visit of "the 404 page" asks for.
MISSING_PAGE = "page-qui-n-existe-pas/"
# How many times Tab.open tries a load that the page being left cancels.
OPEN_ATTEMPTS = 3

# axe-core rules of WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules switched off, each with its reason. Fix the page rather than add one here.
EXCLUDED_AXE_RULES: dict[str, str] = {}


# --------------------------------------------------------------------------
# The server


def public_root(site: Path) -> str:
    """The site's public address (site_url), read from the home page's canonical link."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return found.group(1) if found else "/"


def page_paths(site: Path) -> list[str]:
    """Every page of a built site, as paths from its root: "", "laureats/renac/", …

    Found on disk, so that a new kind of generated page is visited without
    anyone updating a list. 404.html is not a page of its own: it is what
    MISSING_PAGE shows.
    """
    paths = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site).as_posix()
        if relative == "404.html" or relative.startswith("admin/"):
            continue  # the editor is not a page of the site: tests/browser/test_admin.py
        paths.append(relative.removesuffix("index.html"))
    return paths


class SiteServer:
    """A built site on a free loopback port, under the path of its site_url."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.public_root = public_root(site)
        self.prefix = urlsplit(self.public_root).path or "/"
        handler = type("Handler", (_SiteHandler,), {"server_site": self})
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self._server.server_port}"
        self.base = self.origin + self.prefix
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str = "") -> str:
        return self.base + path

    def is_local(self, url: str) -> bool:
        return url.startswith((self.origin + "/", "data:", "blob:", "about:"))

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    server_site: SiteServer

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.server_site.site), **kwargs)

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        return super().translate_path("/" + path[len(self.server_site.prefix):])

    def send_head(self) -> Any:
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.server_site.prefix):
            self.send_error(404)
            return None
        if path == self.server_site.prefix + "sitemap.xml":
            sitemap = (self.server_site.site / "sitemap.xml").read_text(encoding="utf-8")
            body = sitemap.replace(self.server_site.public_root, self.server_site.base).encode()
            return self._send(200, "application/xml", body)
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = self.server_site.site / "404.html"
        if code == 404 and not_found.is_file():
            self._send(404, "text/html; charset=utf-8", not_found.read_bytes(),
                       write=self.command != "HEAD")
            return
        super().send_error(code, message, explain)

    def _send(self, status: int, content_type: str, body: bytes, write: bool = False) -> Any:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if write:
            self.wfile.write(body)
            return None
        return _Body(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Body:
    """What send_head returns for copyfile: a file-like body."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def read(self, *_: object) -> bytes:
        body, self.body = self.body, b""
        return body

    def close(self) -> None:
        pass


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[SiteServer]:
    """The real site (the session's strict build), served on loopback."""
    server = SiteServer(built_site)
    yield server
    server.close()


@pytest.fixture
def serve() -> Iterator[Callable[[Path], SiteServer]]:
    """Serves another built site (a project copy) for the length of one test."""
    servers: list[SiteServer] = []

    def start(directory: Path) -> SiteServer:
        servers.append(SiteServer(directory))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


# --------------------------------------------------------------------------
# The browser


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's Chromium. Package scope: Playwright runs one instance per process, and
    the other browser suites start their own once this package is done."""
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: install it with `make browser`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class Tab:
    """A browser tab that records what a visitor's browser did behind the scenes."""

    context: BrowserContext
    page: Page
    server: SiteServer
    foreign: list[str] = field(default_factory=list)  # blocked: another host was asked
    failed: list[str] = field(default_factory=list)  # a local request failed (4xx, 5xx, error)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions

    in_flight: int = 0

    def __post_init__(self) -> None:
        self.context.route("**/*", self._guard)
        self.context.on("request", self._started)
        self.context.on("requestfinished", self._finished)
        self.context.on("response", self._response)
        self.context.on("requestfailed", self._request_failed)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"exception: {error} @ {self.page.url} {error.stack}"))

    def _guard(self, route: Route) -> None:
        if self.server.is_local(route.request.url):
            route.fallback()
        else:
            self.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    def _started(self, request: Request) -> None:
        self.in_flight += 1

    def _finished(self, request: Request) -> None:
        self.in_flight -= 1

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not self._is_missing_page(response.url):
            self.failed.append(f"{response.status} {response.url}")

    def _request_failed(self, request: Request) -> None:
        self.in_flight -= 1
        # ERR_ABORTED: the page went on to another one before a request finished.
        if self.server.is_local(request.url) and "ERR_ABORTED" not in (request.failure or ""):
            self.failed.append(f"{request.failure} {request.url}")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        # Chromium logs the 404 status of the missing page itself: that one is expected.
        if self._is_missing_page(message.location.get("url", "")) and "404" in message.text:
            return
        if "ERR_BLOCKED_BY_CLIENT" in message.text:
            return  # a request to another host, already recorded as such
        self.errors.append(f"{message.text} ({message.location.get('url')})")

    def _is_missing_page(self, url: str) -> bool:
        return urlsplit(url).path == urlsplit(self.server.url(MISSING_PAGE)).path

    def open(self, path: str = "", settle: bool = True) -> Response | None:
        """Loads a page; with `settle`, waits until no request is running.

        The page being left can cancel the load: Material's navigation.tracking
        rewrites its address (history.replaceState) as it scrolls, and Chromium
        then aborts a pending navigation (net::ERR_ABORTED). Such a load is tried
        again; any other failure is raised at once."""
        url = self.server.url(path)
        for attempt in range(1, OPEN_ATTEMPTS + 1):
            try:
                response = self.page.goto(url)
                break
            except PlaywrightError as error:
                if "net::ERR_ABORTED" not in error.message or attempt == OPEN_ATTEMPTS:
                    raise
        if settle:
            self.settle()
        return response

    def settle(self) -> None:
        """Waits until no request has been running for a while.
        (Faster than Playwright's "networkidle", which always waits half a second.)"""
        quiet = 0
        while quiet < 3:
            self.page.wait_for_timeout(40)
            quiet = quiet + 1 if self.in_flight <= 0 else 0

    def snapshot(self) -> tuple[int, int, int]:
        return len(self.foreign), len(self.failed), len(self.errors)


def new_tab(browser: Browser, server: SiteServer, viewport: ViewportSize = DESKTOP) -> Tab:
    context = browser.new_context(viewport=viewport, locale="fr-FR", reduced_motion="reduce")
    return Tab(context, context.new_page(), server)


def guarded_tab(browser: Browser, server: SiteServer) -> Iterator[Tab]:
    """A fresh desktop tab on `server` for one test; afterwards, nothing may have
    left the machine and no console error may have occurred."""
    tab = new_tab(browser, server)
    yield tab
    tab.context.close()
    assert tab.foreign == [], f"requests to other hosts: {tab.foreign}"
    assert tab.errors == [], f"console errors: {tab.errors}"


@pytest.fixture
def tab(browser: Browser, site: SiteServer) -> Iterator[Tab]:
    """A fresh desktop tab on the real site; nothing may leave the machine or fail."""
    yield from guarded_tab(browser, site)


@pytest.fixture
def phone_tab(browser: Browser, site: SiteServer) -> Iterator[Tab]:
    """Like `tab`, on a phone-sized screen."""
    tab = new_tab(browser, site, PHONE)
    yield tab
    tab.context.close()
    assert tab.foreign == [], f"requests to other hosts: {tab.foreign}"
    assert tab.errors == [], f"console errors: {tab.errors}"


# --------------------------------------------------------------------------
# One visit of every page


def run_axe(page: Page) -> list[dict[str, Any]]:
    """The WCAG 2.0/2.1 A and AA violations axe-core finds on the page as it is now."""
    options: dict[str, Any] = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
                               "resultTypes": ["violations"]}
    if EXCLUDED_AXE_RULES:
        options["rules"] = {rule: {"enabled": False} for rule in EXCLUDED_AXE_RULES}
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    violations: list[dict[str, Any]] = page.evaluate(
        "options => axe.run(document, options).then(results => results.violations)", options)
    return violations


def describe_violations(where: str, violations: list[dict[str, Any]]) -> list[str]:
    """One readable line per element at fault: page, rule, element, what to do."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            target = " > ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}\n"
                         f"    element: {target}\n    {summary}\n    {violation['helpUrl']}")
    return lines


@dataclass
class PageVisit:
    """What one page did in the browser, and what it looked like."""

    path: str
    status: int
    title: str
    violations: list[dict[str, Any]]
    foreign: list[str]
    failed: list[str]
    errors: list[str]
    cookies: str  # document.cookie once the page has settled
    footer_links: list[dict[str, Any]]


@dataclass
class SiteVisit:
    viewport: str
    pages: list[PageVisit]
    cookies: list[Any]  # the browser's cookie jar after every page, without a single click
    storage: dict[str, list[str]]  # keys written to localStorage / sessionStorage


FOOTER_LINKS = """() => [...document.querySelectorAll('.md-footer a')].map(a => {
  const box = a.getBoundingClientRect();
  return {text: a.textContent.trim().replace(/\\s+/g, ' '), href: a.href,
          visible: box.width > 0 && box.height > 0 && getComputedStyle(a).visibility === 'visible'};
})"""

STORAGE_KEYS = """() => ({local: Object.keys(localStorage),
                          session: Object.keys(sessionStorage)})"""


@pytest.fixture(scope="package", params=sorted(VIEWPORTS))
def every_page(request: pytest.FixtureRequest, browser: Browser,
               site: SiteServer) -> Iterator[SiteVisit]:
    """Every page of the real site plus the 404 page, one after the other in one tab
    (as a visitor who never clicks), with axe run on each page once it has settled."""
    viewport = request.param
    tab = new_tab(browser, site, VIEWPORTS[viewport])
    tab.context.add_init_script(AXE_SCRIPT)  # parsed with each page: faster than injecting it
    visits = []
    storage: dict[str, set[str]] = {"local": set(), "session": set()}
    for path in [*page_paths(site.site), MISSING_PAGE]:
        before = tab.snapshot()
        response = tab.page.goto(site.url(path))
        tab.settle()  # the page as the visitor gets it: axe on a page still loading is flaky
        violations = run_axe(tab.page)
        foreign, failed, errors = (record[start:] for record, start in
                                   zip((tab.foreign, tab.failed, tab.errors), before))
        for kind, keys in tab.page.evaluate(STORAGE_KEYS).items():
            storage[kind].update(keys)
        visits.append(PageVisit(
            path=path, status=response.status if response else 0, title=tab.page.title(),
            violations=violations, foreign=list(foreign), failed=list(failed),
            errors=list(errors), cookies=tab.page.evaluate("document.cookie"),
            footer_links=tab.page.evaluate(FOOTER_LINKS)))
    yield SiteVisit(viewport, visits, tab.context.cookies(),
                    {kind: sorted(keys) for kind, keys in storage.items()})
    tab.context.close()


# --------------------------------------------------------------------------
# The keyboard


FOCUSED = """(stop) => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // Each element keeps the number of the first Tab that reached it.
  if (stop !== null && !element.dataset.tabStop) element.dataset.tabStop = String(stop);
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  let opacity = 1;
  for (let node = element; node instanceof Element; node = node.parentElement) {
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }
  // The colour around the element, where its outline is drawn: at each side,
  // just outside the box, the topmost other element's background, with the
  // translucent ones under it laid over the first opaque one.
  const gap = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) / 2 + 1;
  const middleX = box.left + box.width / 2, middleY = box.top + box.height / 2;
  const around = [[box.left - gap, middleY], [box.right + gap, middleY],
                  [middleX, box.top - gap], [middleX, box.bottom + gap]];
  const behind = around.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight)
    .map(([x, y]) => {
      const under = document.elementsFromPoint(x, y).find(node => !element.contains(node));
      const layers = [];
      for (let node = under; node; node = node.parentElement) {
        const parts = getComputedStyle(node).backgroundColor.match(/[\\d.]+/g).map(Number);
        const alpha = parts.length > 3 ? parts[3] : 1;
        if (alpha > 0) layers.push([parts[0], parts[1], parts[2], alpha]);
        if (alpha >= 1) break;
      }
      let colour = [255, 255, 255];
      for (const [r, g, b, a] of layers.reverse()) {
        colour = [r, g, b].map((channel, i) => channel * a + colour[i] * (1 - a));
      }
      return colour.map(Math.round);
    });
  const centre = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {
    tag: element.tagName.toLowerCase(),
    text: (element.getAttribute('aria-label') || element.textContent || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 60),
    href: element.getAttribute('href') || element.getAttribute('xlink:href') || '',
    inSvg: element.closest('svg') !== null,
    inContent: element.closest('.md-content') !== null,
    stop: element.dataset.tabStop || null,
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor.match(/[\\d.]+/g).map(Number),
    behind: behind,
    shown: box.width > 0 && box.height > 0 && style.visibility === 'visible' && opacity > 0
      && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight,
    onTop: centre !== null && (element.contains(centre) || centre.contains(element)),
  };
}"""


def focused(page: Page, stop: int | None = None) -> dict[str, Any] | None:
    """The focused element, as the checks of focus visibility need it; None on the body."""
    result: dict[str, Any] | None = page.evaluate(FOCUSED, stop)
    return result


# Frames a focused element may take to come into view after the scroll jumped.
REDRAWS = 10


def tab_through(page: Page, limit: int = 600) -> list[dict[str, Any]]:
    """Presses Tab from the top of the page until the focus leaves the page or comes back
    to where it started; every element the focus went to, in order."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0) }")
    stops: list[dict[str, Any]] = []
    for number in range(limit):
        page.keyboard.press("Tab")
        stop = focused(page, number)
        if stop is None or (stops and stop["stop"] == stops[0]["stop"]):
            break
        # A jump of the scroll can leave Material's sticky sidebars where they were for a
        # frame or two: look again after each redraw, for a few frames, not for a set time.
        for _ in range(REDRAWS):
            if stop["shown"] and stop["onTop"]:
                break
            page.evaluate("() => new Promise(done => requestAnimationFrame(done))")
            stop = focused(page, number) or stop
        stops.append(stop)
    return stops


def contrast(first: list[float], second: list[float]) -> float:
    """WCAG contrast ratio of two sRGB colours (0–255)."""
    def luminance(colour: list[float]) -> float:
        channels = [c / 255 for c in colour[:3]]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
