"""No broken link inside the site: every address of every built HTML page that
points into the site (href, src, srcset, an SVG link, the canonical address)
names a file of the build, and every #fragment an element of its page.

This reads the built files: it needs no browser. Links to other sites are not
followed (the tests run offline).
"""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from .conftest import public_root

pytestmark = pytest.mark.browser

URL_ATTRIBUTES = {"href", "src", "xlink:href", "poster", "data"}
NOT_FILES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


class PageLinks(HTMLParser):
    """The addresses a page points to and the fragment targets it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id",) or (tag == "a" and name == "name"):
                self.anchors.add(value)
            elif name in URL_ATTRIBUTES:
                self.urls.append(value.strip())
            elif name in ("srcset", "imagesrcset"):
                self.urls += [candidate.split()[0] for candidate in value.split(",")
                              if candidate.strip()]


def parse(html_file: Path) -> PageLinks:
    links = PageLinks()
    links.feed(html_file.read_text(encoding="utf-8"))
    return links


def page_url(site: Path, html_file: Path, root: str) -> str:
    """The public address of a built page (404.html is served at any depth: its own
    links are absolute for that reason)."""
    relative = html_file.relative_to(site).as_posix()
    return urljoin(root, relative.removesuffix("index.html"))


def target_file(site: Path, root: str, url: str) -> Path | None:
    """The file an address inside the site names; None for an address outside it."""
    address = urlsplit(url)
    base = urlsplit(root)
    if (address.scheme, address.netloc) != (base.scheme, base.netloc):
        return None
    if not address.path.startswith(base.path):
        return site.parent / "outside-the-site" / unquote(address.path).lstrip("/")
    path = PurePosixPath(unquote(address.path[len(base.path):]))
    file = site.joinpath(*path.parts) if path.parts else site
    return file / "index.html" if address.path.endswith("/") or file.is_dir() else file


def test_every_address_inside_the_site_names_a_built_file_and_an_existing_fragment(
        built_site: Path) -> None:
    root = public_root(built_site)
    pages = {html: parse(html) for html in sorted(built_site.rglob("*.html"))}
    checked, broken = 0, []
    for html, links in pages.items():
        here = page_url(built_site, html, root)
        for url in links.urls:
            if not url or url.startswith(NOT_FILES):
                continue
            absolute = urljoin(here, url)
            target = target_file(built_site, root, absolute)
            if target is None:
                continue  # another site: not followed
            checked += 1
            where = f"{html.relative_to(built_site)}: {url}"
            if not target.is_file():
                broken.append(f"{where} -> no file {os.path.relpath(target, built_site)}")
                continue
            fragment = unquote(urlsplit(absolute).fragment)
            if fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else parse(target).anchors
                if fragment not in anchors:
                    page = target.relative_to(built_site)
                    broken.append(f"{where} -> no id « {fragment} » in {page}")
    assert checked > 20 * len(pages), "the links of the pages were not found"
    assert not broken, f"{len(broken)} broken addresses:\n" + "\n".join(broken)


def test_the_check_itself_sees_a_broken_link_a_missing_asset_and_a_missing_fragment(
        tmp_path: Path) -> None:
    """The test above would pass on a site it cannot read: prove it reads this one."""
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<link rel="canonical" href="https://example.org/x/">'
                                     '<a href="a/">ok</a><a href="b/">broken</a>'
                                     '<img src="missing.png"><a href="a/#nowhere">fragment</a>'
                                     '<a href="https://other.example/">elsewhere</a>',
                                     encoding="utf-8")
    (site / "a" / "index.html").write_text('<h1 id="top">A</h1>', encoding="utf-8")
    root = public_root(site)
    assert root == "https://example.org/x/"
    links = parse(site / "index.html")
    here = page_url(site, site / "index.html", root)
    found = {url: target_file(site, root, urljoin(here, url)) for url in links.urls}
    assert found["a/"] == site / "a" / "index.html"
    assert found["b/"] is not None and not found["b/"].is_file()
    assert found["missing.png"] == site / "missing.png"
    assert found["https://other.example/"] is None
    assert "nowhere" not in parse(site / "a" / "index.html").anchors
