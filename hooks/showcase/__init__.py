"""The laureate showcase: projects/*.yml → checked catalogue → Markdown pages."""

from __future__ import annotations

from .catalog import Catalog, Laureate, LoadResult, load_catalog
from .problems import Problem, summary_line
from .render import (
    MAP_TEASER_URI,
    GeneratedPage,
    SiteRenderer,
    image_files,
    render_fragments,
    render_pages,
    replace_markers,
)
from .report import (
    PROBLEMS_PAGE,
    format_github,
    format_human,
    problems_banner,
    render_problems_page,
)
from .urls import is_laureate_page

__all__ = [
    "MAP_TEASER_URI",
    "PROBLEMS_PAGE",
    "Catalog",
    "GeneratedPage",
    "Laureate",
    "LoadResult",
    "Problem",
    "SiteRenderer",
    "format_github",
    "format_human",
    "image_files",
    "is_laureate_page",
    "load_catalog",
    "problems_banner",
    "render_fragments",
    "render_pages",
    "render_problems_page",
    "replace_markers",
    "summary_line",
]
