"""MkDocs adapter of the laureate showcase: the work is done by the `showcase` package.

`build` fails on any problem in projects/ with the French report and no traceback.
`serve` keeps running for the editors: it prints the report, serves the valid
laureates and shows the problems on every page until they are fixed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

import showcase  # at module level: MkDocs puts hooks/ on sys.path only while loading this file
from showcase import (
    exports,
    feed,
    permalinks,
    photos,
    publishing,
    search,
    share_images,
    sharing,
    theme,
    typography,
    urls,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.showcase")


class _State:
    """What one build knows; reset in on_config because serve never reloads this module.
    Until on_config has read projects/, the catalogue is empty: no later event runs first."""

    def __init__(self) -> None:
        self.command = "build"
        self.result = showcase.LoadResult(showcase.Catalog((), {}), [])
        self.addresses = urls.DIRECTORY_URLS  # MkDocs' use_directory_urls, read in on_config
        self.home_fragments: dict[str, str] = {}  # the home page's generated parts (on_files)


state = _State()


def on_startup(command: str, **_: object) -> None:
    state.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state.addresses = urls.Addresses(directory_urls=bool(config.use_directory_urls))
    for link in config.extra.get("footer_links") or []:  # named by their file in docs/
        if str(link.get("url", "")).endswith(".md"):
            link["url"] = state.addresses.page_url(link["url"])
    state.result = showcase.load_catalog(Path(config.config_file_path).parent)
    problems = state.result.problems
    if problems:
        report = showcase.format_human(problems)
        if state.command != "serve":
            for line in report.splitlines()[:-1]:
                log.error(line)
            raise PluginError(f"{showcase.summary_line(problems)} : corrigez les fichiers de projects/")
        log.warning("Problèmes dans les fichiers des lauréats (seuls les lauréats valides "
                    "sont affichés) :\n%s", report)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    catalog, root = state.result.catalog, Path(config.config_file_path).parent
    generated: list[File] = []
    renderer = showcase.SiteRenderer(catalog, state.addresses)
    for page in renderer.pages():
        file = File.generated(config, page.uri, content=page.markdown,
                              inclusion=_inclusion(page.uri))
        if page.source:
            file.edit_uri = f"../{page.source}"  # edit_uri points into docs/
        generated.append(file)
    for version, source in showcase.image_files(catalog, root):
        generated.append(File.generated(config, version.uri, content=photos.encoded(source, version)))
    generated.append(File.generated(config, showcase.MAP_TEASER_URI,
                                    content=renderer.map_teaser()))
    state.home_fragments = renderer.fragments(here=urls.PAGES.home)
    cache = root / ".cache" / "share-images"  # drawn once per content, kept between builds
    for card, image in share_images.cached_images(share_images.share_cards(catalog), cache):
        generated.append(File.generated(config, card.uri, abs_src_path=str(image)))
    if state.command == "serve" and state.result.problems:
        generated.append(File.generated(config, showcase.PROBLEMS_PAGE,
                                        content=showcase.render_problems_page(state.result.problems),
                                        inclusion=InclusionLevel.NOT_IN_NAV))
    _refuse_duplicates(files, generated)
    for file in generated:
        files.append(file)
    return files


def _refuse_duplicates(files: Files, generated: list[File]) -> None:
    """Two files at one address: MkDocs would keep the last one without a word (a laureate
    named index.yml replaced the listing of laureates)."""
    owners: dict[str, str] = {file.dest_uri: file.src_uri for file in files}
    for file in generated:
        previous = owners.get(file.dest_uri)
        if previous is not None:
            raise PluginError(f"deux pages à la même adresse /{file.url} : {previous} et la page "
                              f"générée {file.src_uri} ; renommez l'un des deux fichiers")
        owners[file.dest_uri] = file.src_uri


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    if page.file.generated_by is not None:
        # The page has read its Markdown: the copy its File keeps till the end of the build
        # is not read again (26 MB at 1,000 laureates, a tenth of the build's memory).
        page.file.content_string = ""
    if page.file.src_uri == urls.PAGES.home:
        markdown = showcase.replace_markers(markdown, state.home_fragments)
    if state.command == "serve" and state.result.problems:
        markdown = showcase.problems_banner(state.result.problems, here=page.file.src_uri) + markdown
    return markdown


def on_page_content(html: str, **_: object) -> str:
    """Each section's "¶" link named by its section (RGAA 6.1: one name, one place)."""
    return permalinks.label_permalinks(html)


def on_env(env: Environment, **_: object) -> Environment:
    """The theme's own templates (404.html, partials) name our pages through urls.py too."""
    env.globals.update(theme.theme_globals(state.addresses, state.result.catalog.listings))
    return env


def on_page_context(context: dict[str, object], page: Page, config: MkDocsConfig,
                    **_: object) -> dict[str, object]:
    context["sharing"] = sharing.page_sharing(page, config, state.result.catalog)  # sharing-meta.html
    return context


@event_priority(-50)  # last: every text of the page is final
def on_post_page(output: str, **_: object) -> str:
    """French typography (no-break spaces, apostrophes, …) of the text visitors read."""
    return typography.typeset_html(output)


def on_post_template(output_content: str, template_name: str, **_: object) -> str:
    """The same for the theme's static pages (404.html); the sitemap is not prose."""
    return typography.typeset_html(output_content) if template_name.endswith(".html") \
        else output_content


@event_priority(-100)  # last: search indexes the pages as they are published
def on_post_build(config: MkDocsConfig) -> None:
    site, catalog, site_url = Path(config.site_dir), state.result.catalog, config.site_url or ""
    exports.write_exports(site, catalog, site_url, state.addresses)
    feed.write_feed(site, catalog, site_url, root=Path(config.config_file_path).parent,
                    subtitle=config.site_description or "", addresses=state.addresses)
    publishing.write_cname(site, site_url)  # a custom domain gets its CNAME file
    search.write_index(site)  # Pagefind: pagefind/ beside the pages, for make build and serve alike


def _inclusion(uri: str) -> InclusionLevel:
    """Listing pages go in the nav; laureate pages stay out of it (the nav would be quadratic)."""
    return InclusionLevel.NOT_IN_NAV if showcase.is_laureate_page(uri) else InclusionLevel.UNDEFINED
