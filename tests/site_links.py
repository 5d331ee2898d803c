"""The link check of a built site, shared by the link tests (directory URLs or not):
every address inside the site names a built file, and every #fragment an element of
its page. It reads the files only: no browser."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

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


def broken_links(site: Path, root: str, *, unread: tuple[str, ...] = ()) -> tuple[int, int, list[str]]:
    """(pages read, links followed, broken ones) over every HTML page of a built site
    published at `root`, but those under the folders `unread` (`admin/`, whose bundle a
    test project built from the repository's files does not have)."""
    pages = {html: parse(html) for html in sorted(site.rglob("*.html"))
             if not html.relative_to(site).as_posix().startswith(unread)}
    checked, broken = 0, []
    for html, links in pages.items():
        here = page_url(site, html, root)
        for url in links.urls:
            if not url or url.startswith(NOT_FILES):
                continue
            absolute = urljoin(here, url)
            target = target_file(site, root, absolute)
            if target is None:
                continue  # another site: not followed
            checked += 1
            where = f"{html.relative_to(site)}: {url}"
            if not target.is_file():
                broken.append(f"{where} -> no file {os.path.relpath(target, site)}")
                continue
            fragment = unquote(urlsplit(absolute).fragment)
            if fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else parse(target).anchors
                if fragment not in anchors:
                    page = target.relative_to(site)
                    broken.append(f"{where} -> no id « {fragment} » in {page}")
    return len(pages), checked, broken
