"""The site's search index: Pagefind over the built pages, from the hook's post-build step.

Pagefind (a Rust binary shipped in the pinned `pagefind-bin` wheel, driven through its
Python API) reads the built HTML and writes `pagefind/`: an index split in fragments that
the browser fetches per query, only once a visitor opens search. What it reads is marked in
the templates: every page's article carries `data-pagefind-body` (overrides/main.html), the
pages that are not laureates with a lower weight so that a laureate that matches as well
comes first; a laureate's facts are filters and metadata (laureate.md.j2), not running text.
`<html lang="fr">` gives French stemming; Pagefind ignores accents in both directions.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT_DIR = "pagefind"
# Text that is not the page's own: the "¶" after each heading, the editors' link, the
# pager's and the cards' titles of other laureates, the video's privacy notice.
EXCLUDED = (".headerlink", ".showcase-edit", ".laureate-pager", ".laureate-related",
            ".video-facade__notice", ".laureate-facts__source", ".md-skip")


def index_config(site_dir: Path) -> IndexConfig:
    return IndexConfig(exclude_selectors=list(EXCLUDED), force_language="fr",
                       output_path=str(site_dir / OUTPUT_DIR))


async def _write_index(site_dir: Path) -> int:
    async with PagefindIndex(config=index_config(site_dir)) as index:
        indexed = await index.add_directory(str(site_dir))
        return int(indexed["page_count"])
    # leaving the context writes the files into site_dir / OUTPUT_DIR


def write_index(site_dir: Path) -> int:
    """Index the built site in place; the number of pages indexed."""
    return asyncio.run(_write_index(Path(site_dir).resolve()))
