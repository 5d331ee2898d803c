"""The catalogue turned into Markdown pages: a pure function, no MkDocs.

The same pages feed the build hook and `python -m showcase render DIR`, so the
content can also be built by an engine that ignores hooks.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .catalog import Catalog, Laureate, slugify
from .exports import facets
from .photos import PhotoVersion
from .story import story_html
from .territories import Department, Region, SizeClass, department_map, load_territories
from .voices import source_labels, voices

TEMPLATES = Path(__file__).parent / "templates"

KIND_LABELS = {
    "commune": "Commune",
    "departement": "Département",
    "intercommunalite": "Intercommunalité",
    "region": "Région",
}

TERRITORIES_URI = "territoires/index.md"

# Pages of the key figures and of the open data files.
FIGURES_URI = "chiffres-cles.md"
DATA_URI = "donnees.md"

# Home page markers in docs/index.md, replaced by generated fragments.
HOME_MARKERS = ("derniers-laureats", "chiffres-cles")


@dataclass(frozen=True)
class GeneratedPage:
    """A Markdown page for the site; `source` is the file to edit to change it."""

    uri: str
    markdown: str
    source: str | None = None


def render_pages(catalog: Catalog) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    env = _environment(catalog)
    laureate_facets = facets(catalog, KIND_LABELS)  # the listing's filters, the key figures
    pages = [_page(env, "laureates.md.j2", "laureats/index.md", facets=laureate_facets)]
    pages += [_page(env, "laureate.md.j2", laureate.uri, source=laureate.source, laureate=laureate,
                    position=position)  # in the listing, for the previous and next links
              for position, laureate in enumerate(catalog.laureates)]
    pages.append(_page(env, "themes.md.j2", "themes/index.md"))
    pages += [_page(env, "theme.md.j2", f"themes/{theme.slug}.md", theme=theme)
              for theme in catalog.themes.values()]
    pages.append(_page(env, "editions.md.j2", "editions/index.md"))
    pages += [_page(env, "edition.md.j2", f"editions/{year}.md", year=year)
              for year in catalog.years()]
    pages += _territory_pages(env, catalog)
    pages.append(_page(env, "figures.md.j2", FIGURES_URI, facets=laureate_facets))
    pages.append(_page(env, "donnees.md.j2", DATA_URI))
    return pages


def _territory_pages(env: Environment, catalog: Catalog) -> list[GeneratedPage]:
    """The map with every facet, then one page per region, department and size class
    that has laureates."""
    territories, drawn = load_territories(), department_map()
    overseas = [territories.department(code) for code in drawn.undrawn_codes]
    pages = [_page(env, "map.md.j2", TERRITORIES_URI, department_map=drawn, overseas=overseas)]
    pages += [_page(env, "region.md.j2", region_uri(region), region=region)
              for region in catalog.regions()]
    pages += [_page(env, "department.md.j2", department_uri(department), department=department)
              for department in catalog.departments()]
    pages += [_page(env, "size.md.j2", size_uri(size), size=size)
              for size in catalog.size_classes()]
    return pages


def render_fragments(catalog: Catalog, here: str) -> dict[str, str]:
    """The home page's generated parts, keyed by marker name, with links relative to `here`."""
    env = _environment(catalog)
    return {name: env.get_template(f"fragment-{name}.md.j2").render(here=here).strip()
            for name in HOME_MARKERS}


def replace_markers(markdown_text: str, fragments: dict[str, str]) -> str:
    """`<!-- showcase:NAME -->` lines replaced by their fragment."""
    for name, fragment in fragments.items():
        markdown_text = markdown_text.replace(f"<!-- showcase:{name} -->", fragment)
    return markdown_text


def image_files(catalog: Catalog, root: Path) -> list[tuple[PhotoVersion, Path]]:
    """Each published version of a laureate photo, and the file under projects/ it is made
    from (photos.encoded turns the pair into the published bytes)."""
    return [(version, root / "projects" / laureate.record.image.src)
            for laureate in catalog.laureates if laureate.record.image
            for version in laureate.photos]


def is_laureate_page(uri: str) -> bool:
    return uri.startswith("laureats/") and uri != "laureats/index.md"


def _page(env: Environment, template: str, uri: str, *, source: str | None = None,
          **context: object) -> GeneratedPage:
    return GeneratedPage(uri, env.get_template(template).render(here=uri, **context), source)


def _environment(catalog: Catalog) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page
        autoescape=False,  # the output is Markdown: every value goes through a named filter
    )
    env.filters.update(html=html_text, md=markdown_text, meta=front_matter_text,
                       story=story_html, french_number=french_number)
    env.globals.update(catalog=catalog, url=relative_url, asset_url=asset_url, kind_label=KIND_LABELS.get,
                       year_label=year_label)
    territories = load_territories()
    env.globals.update(territories_uri=TERRITORIES_URI, region_uri=region_uri,
                       department_uri=department_uri, size_uri=size_uri, page_link=page_link,
                       data_source=territories.source, data_credit=territories.credit,
                       plain_data_source=territories.plain_source)
    known_sources = source_labels(catalog)  # a testimonial's article, named as in the links
    env.globals.update(voices=lambda laureate: voices(laureate, known_sources))
    return env


# --- Filters: every piece of data leaves through one of these ----------------------------


def html_text(value: object) -> str:
    """Plain text inside an HTML block: escaped, so `<script>` shows as text."""
    return html.escape(str(value), quote=True)


_MARKDOWN_INLINE = re.compile(r"([\\`*_{}\[\]()#+!|])")
_MARKDOWN_BLOCK_START = re.compile(r"^(\d+)(\.)|^([-=>])")


def markdown_text(value: object) -> str:
    """Plain text inside Markdown (headings, list items): every formatting character
    backslash-escaped (including attr_list's braces), then HTML-escaped, so that the
    text can neither format, nor add attributes, nor inject HTML."""
    text = _MARKDOWN_INLINE.sub(r"\\\1", str(value))
    text = _MARKDOWN_BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", text)
    return html.escape(text, quote=False)


def front_matter_text(value: object) -> str:
    """A YAML string for the page's front matter. Material prints `page.meta.title`
    and `page.meta.description` without escaping, so they are escaped here."""
    return json.dumps(html_text(value), ensure_ascii=False)


def french_number(value: int) -> str:
    """1027 → `1 027` with a narrow no-break space, as French typography wants."""
    return f"{value:,}".replace(",", "\u202f")


def year_label(laureate: Laureate) -> str:
    return str(laureate.record.year) if laureate.record.year else "année non communiquée"


# --- Territory pages: French slugs ------------------------------------------------------


def region_uri(region: Region) -> str:
    """`territoires/regions/provence-alpes-cote-d-azur.md`"""
    return f"territoires/regions/{slugify(region.name)}.md"


def department_uri(department: Department) -> str:
    """`territoires/departements/35-ille-et-vilaine.md`, `…/2a-corse-du-sud.md`"""
    return f"territoires/departements/{department.code.lower()}-{slugify(department.name)}.md"


def size_uri(size: SizeClass) -> str:
    """`territoires/tailles/moins-de-2000.md`"""
    return f"territoires/tailles/{size.slug}.md"


# --- Links between generated pages -------------------------------------------------------


def page_url(uri: str) -> str:
    """The URL MkDocs gives a page with directory URLs: `laureats/renac.md` → `laureats/renac/`."""
    if uri == "index.md":
        return ""
    if uri.endswith("/index.md"):
        return uri[: -len("index.md")]
    return uri.removesuffix(".md") + "/"


def relative_url(here: str, target: str) -> str:
    """The link from page `here` to page `target`, both given as docs-relative `.md` paths."""
    relative = docs_relpath(page_url(target), page_url(here))
    return "./" if relative == "." else relative + "/"


def page_link(here: str, target: str) -> str:
    """The Markdown link from page `here` to page `target`, as MkDocs checks it:
    from `laureats/renac.md` to `territoires/regions/bretagne.md` → `../territoires/regions/bretagne.md`."""
    return docs_relpath(target, posixpath.dirname(here))


def asset_url(here: str, asset_uri: str) -> str:
    """The link from page `here` to a file published at `asset_uri` (a photo)."""
    return docs_relpath(asset_uri, page_url(here))


def docs_relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for two paths relative to the docs folder, without the two
    `os.getcwd()` calls it makes each time (thousands of links per build)."""
    path_parts = [part for part in posixpath.normpath(path or ".").split("/") if part != "."]
    start_parts = [part for part in posixpath.normpath(start or ".").split("/") if part != "."]
    common = 0
    for path_part, start_part in zip(path_parts, start_parts):
        if path_part != start_part:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + path_parts[common:]) or "."
