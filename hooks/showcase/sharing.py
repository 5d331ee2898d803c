"""What a page says of itself when its address is shared: Open Graph and Twitter card.

Material prints `page.meta.title` and `page.meta.description` as they are, so our
generated pages put HTML-escaped values in their front matter, while hand-written
pages hold plain text. Here every value is brought back to plain text (entities
decoded); the partial `overrides/partials/sharing-meta.html` escapes it exactly once.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from .catalog import Catalog
from .share_images import HEIGHT, WIDTH, laureate_card, site_card
from .typography import typeset_text
from .urls import absolute_url

LOCALE = "fr_FR"


@dataclass(frozen=True)
class Sharing:
    type: str  # "article" for a laureate's page, "website" for the others
    title: str
    description: str
    url: str | None
    site_name: str
    image: str | None = None
    image_alt: str | None = None
    image_width: int = WIDTH
    image_height: int = HEIGHT
    locale: str = LOCALE


def page_sharing(page: Any, config: Any, catalog: Catalog) -> Sharing:
    """The sharing facts of an MkDocs page (duck-typed: the package does not import MkDocs)."""
    meta = page.meta or {}
    site_name = plain_text(config.site_name)
    title = site_name if page.is_homepage else plain_text(meta.get("title") or page.title or site_name)
    description = plain_text(meta.get("description") or config.site_description or "")
    laureate = catalog.laureate_at(page.file.src_uri)
    # Every page shares a drawn image (showcase.share_images): its laureate's, or the site's.
    card = laureate_card(laureate) if laureate else site_card(catalog)
    image = absolute_url(config.site_url or "", card.uri)
    image_alt = typeset_text(card.alt)
    return Sharing(
        type="article" if laureate else "website",
        title=title,
        description=description,
        url=page.canonical_url or None,
        site_name=site_name,
        image=image,
        image_alt=image_alt,
    )


def plain_text(value: object) -> str:
    """Entities decoded and white space folded: `L&#x27;accueil\\n` → `L'accueil`."""
    return " ".join(html.unescape(str(value)).split())
