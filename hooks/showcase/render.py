"""The catalogue turned into Markdown pages: a pure function, no MkDocs.

The same pages feed the build hook and `python -m showcase render DIR`, so the
content can also be built by an engine that ignores hooks.
"""

from __future__ import annotations

import functools
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

from .catalog import Catalog, Laureate
from .exports import CSV_COLUMNS
from .listings import KIND_LABELS, Listing, facets, narrowing
from .models import year_text
from .photos import PhotoVersion
from .share_images import svg_path_rings
from .story import story_html
from .territories import department_map, load_territories
from .urls import (
    DIRECTORY_URLS,
    PAGES,
    Addresses,
    department_uri,
    edition_uri,
    laureate_uri,
    page_link,
    region_uri,
    size_uri,
    theme_uri,
)
from .voices import Voice, initials, source_labels, tone, voices

TEMPLATES = Path(__file__).parent / "templates"

# Home page markers in docs/index.md, replaced by generated fragments.
HOME_MARKERS = ("derniers-laureats", "voix", "carte", "chiffres-cles")
# The home's map of the laureates' departments: a file of its own, loaded as an image (the
# whole map inline would weigh on the home page), drawn from the map data at build time.
MAP_TEASER_URI = "assets/images/carte-des-laureats.svg"
VOICES = 3  # quotations on the home page


@dataclass(frozen=True)
class GeneratedPage:
    """A Markdown page for the site; `source` is the file to edit to change it."""

    uri: str
    markdown: str
    source: str | None = None


class SiteRenderer:
    """The generated parts of one build: its pages, the home page's fragments and the map
    teaser, all from one template environment (each made its own, three per build)."""

    def __init__(self, catalog: Catalog, addresses: Addresses = DIRECTORY_URLS) -> None:
        self.catalog = catalog
        self.env = _environment(catalog, addresses)

    def pages(self) -> list[GeneratedPage]:
        """Every generated page of the site, in a stable order."""
        env, catalog = self.env, self.catalog
        laureate_facets = facets(catalog)  # the listing's filters, the key figures
        listed = narrowing(laureate_facets, catalog)
        pages = [_page(env, "laureates.md.j2", PAGES.laureates, facets=listed)]
        pages += [_page(env, "laureate.md.j2", laureate.uri, source=laureate.source,
                        laureate=laureate, position=position)  # for the previous and next links
                  for position, laureate in enumerate(catalog.laureates)]
        pages += _listing_pages(env, catalog)
        pages.append(_page(env, "figures.md.j2", PAGES.figures, facets=laureate_facets,
                           filters={facet.param for facet in listed},
                           pages_of=_option_pages(catalog)))
        pages.append(_page(env, "donnees.md.j2", PAGES.data, csv_columns=CSV_COLUMNS))
        return pages

    def fragments(self, here: str) -> dict[str, str]:
        """The home page's generated parts, keyed by marker name, with links relative to
        `here`."""
        return {name: self.env.get_template(f"fragment-{name}.md.j2").render(here=here).strip()
                for name in HOME_MARKERS}

    def map_teaser(self) -> str:
        """The SVG of the home page's map: every department, those with a laureate in
        colour."""
        return self.env.get_template("map-teaser.svg.j2").render(
            department_map=department_map(),
            highlighted={d.code for d in self.catalog.departments()})


def render_pages(catalog: Catalog, addresses: Addresses = DIRECTORY_URLS) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    return SiteRenderer(catalog, addresses).pages()


def _option_pages(catalog: Catalog) -> dict[str, dict[str, str]]:
    """listing's parameter → term → its page (listings.py): where a key figure leads when
    the listing offers no filter for it."""
    return {listing.param: {term.value: listing.page(term.subject)
                            for term in listing.terms(catalog) if term.subject is not None}
            for listing in catalog.listings if listing.page is not None}


def _listing_pages(env: Environment, catalog: Catalog) -> list[GeneratedPage]:
    """For each listing of the catalogue (listings.py): its own page, once even when
    listings share it (the map serves regions, departments and sizes), then one page
    per term that has a subject."""
    pages, done = [], set()
    for listing in catalog.listings:
        if listing.index and listing.index not in done:
            done.add(listing.index)
            context = {"listing": listing, **_index_context(listing)}
            pages.append(_page_in(env, listing.index_template, listing.index, context))
        if listing.page is None:
            continue
        pages += [_page_in(env, listing.term_template, listing.page(term.subject),
                           {"listing": listing, "term": term, listing.name: term.subject})
                  for term in listing.terms(catalog) if term.subject is not None]
    return pages


def _index_context(listing: Listing) -> dict[str, object]:
    """What the map of the territories needs beside the catalogue."""
    if listing.index != PAGES.territories:
        return {}
    territories, drawn = load_territories(), department_map()
    return {"department_map": drawn,
            "overseas": [territories.department(code) for code in drawn.undrawn_codes]}


def render_fragments(catalog: Catalog, here: str,
                     addresses: Addresses = DIRECTORY_URLS) -> dict[str, str]:
    """The home page's generated parts, keyed by marker name, with links relative to `here`."""
    return SiteRenderer(catalog, addresses).fragments(here)


def home_voices(catalog: Catalog, limit: int = VOICES) -> list[tuple[Laureate, Voice]]:
    """Quotations for the home page: the laureates' own agents and elected officials (not
    the MNT's or the Fund's people), one per laureate, newest laureates first, short ones."""
    found = []
    for laureate in catalog.laureates:
        said = next((t for t in laureate.record.testimonials
                     if "MNT" not in (t.role or "") and len(t.quote) <= VOICE_CHARACTERS), None)
        if said is not None:
            found.append((laureate, Voice(excerpt(said.quote, 220), said.author,
                                          initials(said.author), tone(said.author), said.role,
                                          None, None)))
    return found[:limit]


VOICE_CHARACTERS = 320


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


def _page(env: Environment, template: str, uri: str, *, source: str | None = None,
          **context: object) -> GeneratedPage:
    return GeneratedPage(uri, env.get_template(template).render(here=uri, **context), source)


def _page_in(env: Environment, template: str, uri: str, context: dict[str, object]) -> GeneratedPage:
    return GeneratedPage(uri, env.get_template(template).render(here=uri, **context))


class Cards:
    """The laureates' cards, each rendered once per form (heading level, with or without
    its quotation) and shown on every listing with its links written for that page: a
    laureate appears on half a dozen listings, and its card is the same on each but for
    the relative links."""

    # The links of a card rendered once: markers, replaced on each page that shows it.
    _LINK = re.compile("\x1a([PA])([^\x1a]*)\x1a")

    def __init__(self, env: Environment, addresses: Addresses) -> None:
        self._env = env
        self._addresses = addresses
        self._rendered: dict[tuple[str, int, bool], str] = {}

    def __call__(self, laureate: Laureate, here: str, level: int, quotes: bool) -> str:
        key = (laureate.slug, level, quotes)
        card = self._rendered.get(key)
        if card is None:
            macro = self._env.get_template("_macros.md.j2").module.laureate_card  # type: ignore[attr-defined]
            card = self._rendered[key] = str(macro(laureate, level, quotes,
                                                   lambda uri: f"\x1aP{uri}\x1a",
                                                   lambda uri: f"\x1aA{uri}\x1a"))
        return self._LINK.sub(lambda marker: self._link(here, marker[1], marker[2]), card)

    def _link(self, here: str, kind: str, target: str) -> str:
        if kind == "P":
            return self._addresses.url(here, target)
        return html_text(self._addresses.asset_url(here, target))


_COMPILED_TEMPLATES = FileSystemBytecodeCache()


def _environment(catalog: Catalog, addresses: Addresses) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page
        # Compiled once per version of a template, not once per build: Jinja's own cache,
        # in the user's temporary folder, keyed by the template's file and checked against
        # its source (compiling the templates was a tenth of the generator's time).
        bytecode_cache=_COMPILED_TEMPLATES,
        autoescape=False,  # the output is Markdown: every value goes through a named filter
    )
    env.filters.update(html=html_text, md=markdown_text, meta=front_matter_text,
                       story=story_html, french_number=french_number,
                       excerpt=excerpt)
    env.globals.update(catalog=catalog, kind_label=KIND_LABELS.get, year_label=year_label,
                       year_text=year_text, in_listing=catalog.in_listing, department_outline=department_outline,
                       home_voices=home_voices, map_teaser_uri=MAP_TEASER_URI,
                       department_map_credit=department_map().credit)
    # addresses: templates never spell a path (urls.py)
    env.globals.update(url=addresses.url, asset_url=addresses.asset_url, page_link=page_link,
                       pages=PAGES, laureate_uri=laureate_uri, theme_uri=theme_uri,
                       edition_uri=edition_uri, region_uri=region_uri,
                       department_uri=department_uri, size_uri=size_uri)
    territories = load_territories()
    env.globals.update(data_source=territories.source, data_credit=territories.credit,
                       plain_data_source=territories.plain_source)
    known_sources = source_labels(catalog)  # a testimonial's article, named as in the links
    env.globals.update(voices=lambda laureate: voices(laureate, known_sources))
    env.globals.update(card=Cards(env, addresses))
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


@dataclass(frozen=True)
class Outline:
    """One department alone, as the map draws it: its path and a view box around it."""

    view_box: str
    path: str


@functools.cache
def department_outline(code: str) -> Outline | None:
    """The shape of department `code` cropped to itself, for a card's visual; None for a
    department the map does not draw (overseas)."""
    shape = department_map().shape(code)
    if shape is None:
        return None
    points = [point for ring in svg_path_rings(shape.path) for point in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    side = max(max(xs) - min(xs), max(ys) - min(ys))
    margin = side * 0.06
    return Outline(f"{min(xs) - margin:.1f} {min(ys) - margin:.1f} "
                   f"{max(xs) - min(xs) + 2 * margin:.1f} {max(ys) - min(ys) + 2 * margin:.1f}",
                   shape.path)


EXCERPT_CHARACTERS = 110


def excerpt(text: str, limit: int = EXCERPT_CHARACTERS) -> str:
    """The start of a quotation for a card: whole if short, else cut after a word, with …"""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:.!?…–—-")
    return cut + "…"


def year_label(laureate: Laureate) -> str:
    return year_text(laureate.record.year)
