"""Every address of the site, in one place: where each generated page and file is
published, and the links between them.

Pages are named by their Markdown path relative to the docs folder (`laureats/renac.md`),
as MkDocs names its files. What a browser sees depends on MkDocs' `use_directory_urls`:
`laureats/renac/` when it is on (the default), `laureats/renac.html` when it is off.
`Addresses` carries that setting, read from the MkDocs configuration by the hook; nothing
else spells a path. Templates get these helpers as Jinja globals.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from .folding import slugify

if TYPE_CHECKING:
    from .territories import Department, Region, SizeClass


@dataclass(frozen=True)
class Pages:
    """The site's fixed pages and files, relative to the docs folder (pages) or to the
    site root (files)."""

    home: str = "index.md"
    laureates: str = "laureats/index.md"
    themes: str = "themes/index.md"
    editions: str = "editions/index.md"
    territories: str = "territoires/index.md"
    figures: str = "chiffres-cles.md"
    data: str = "donnees.md"
    problems: str = "problemes.md"  # the live preview's list of problems, never published
    csv: str = "laureats.csv"
    json: str = "laureats.json"
    feed: str = "laureats.xml"
    schema: str = "schema/laureat.schema.json"
    editor: str = "admin/"  # the form (docs/admin/index.html, Sveltia CMS)


PAGES = Pages()

LAUREATES_DIR = "laureats"


# --- Where each generated page is -------------------------------------------------------


def laureate_uri(slug: str) -> str:
    """`laureats/renac.md`"""
    return f"{LAUREATES_DIR}/{slug}.md"


def theme_uri(slug: str) -> str:
    """`themes/accueil-des-usagers.md`"""
    return f"themes/{slug}.md"


def edition_uri(year: int) -> str:
    """`editions/2024.md`"""
    return f"editions/{year}.md"


def region_uri(region: Region) -> str:
    """`territoires/regions/provence-alpes-cote-d-azur.md`"""
    return f"territoires/regions/{slugify(region.name)}.md"


def department_uri(department: Department) -> str:
    """`territoires/departements/35-ille-et-vilaine.md`, `…/2a-corse-du-sud.md`"""
    return f"territoires/departements/{department.code.lower()}-{slugify(department.name)}.md"


def size_uri(size: SizeClass) -> str:
    """`territoires/tailles/moins-de-2000.md`"""
    return f"territoires/tailles/{size.slug}.md"


def is_laureate_page(uri: str) -> bool:
    return uri.startswith(f"{LAUREATES_DIR}/") and uri != PAGES.laureates


# --- Links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Addresses:
    """Links between pages for one value of MkDocs' `use_directory_urls`."""

    directory_urls: bool = True

    def page_url(self, uri: str) -> str:
        """The page's address relative to the site root: `laureats/renac.md` →
        `laureats/renac/` (or `laureats/renac.html`)."""
        if not self.directory_urls:
            return uri.removesuffix(".md") + ".html"
        if uri == "index.md":
            return ""
        if uri.endswith("/index.md"):
            return uri[: -len("index.md")]
        return uri.removesuffix(".md") + "/"

    def url(self, here: str, target: str) -> str:
        """The link from page `here` to page `target`, both given as `.md` paths."""
        target_url = self.page_url(target)
        relative = docs_relpath(target_url, self._folder(here))
        if target_url.endswith(".html"):
            return relative
        return "./" if relative == "." else relative + "/"

    def asset_url(self, here: str, asset_uri: str) -> str:
        """The link from page `here` to a file published at `asset_uri` (a photo, an export)."""
        return docs_relpath(asset_uri, self._folder(here))

    def _folder(self, here: str) -> str:
        """The folder a browser resolves the page's relative links from."""
        here_url = self.page_url(here)
        return posixpath.dirname(here_url) if here_url.endswith(".html") else here_url


DIRECTORY_URLS = Addresses()


def page_link(here: str, target: str) -> str:
    """The Markdown link from page `here` to page `target`, as MkDocs checks it (and turns
    into an address itself): from `laureats/renac.md` to `territoires/regions/bretagne.md`
    → `../territoires/regions/bretagne.md`."""
    return docs_relpath(target, posixpath.dirname(here))


def absolute_url(site_url: str, path: str) -> str:
    """`path` on the published site; left relative when no site_url is configured."""
    return urljoin(site_url, path) if site_url else path


def docs_relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for two paths relative to the docs folder, without the two
    `os.getcwd()` calls it makes each time (thousands of links per build)."""
    path_parts, start_parts = _parts(path), _parts(start)
    common = 0
    for path_part, start_part in zip(path_parts, start_parts):
        if path_part != start_part:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."


def _parts(path: str) -> list[str]:
    """The segments of a docs-relative path; normalised only when it has `.` or `..`
    segments (ours never do: this runs for every link of every page)."""
    if "/." in "/" + path:
        path = posixpath.normpath(path)
    return [part for part in path.split("/") if part and part != "."]
