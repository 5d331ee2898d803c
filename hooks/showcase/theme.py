"""What the theme's own templates (overrides/: 404.html, main.html, partials) read from the
showcase, as Jinja globals: our pages' addresses and the listing's filter parameters."""

from __future__ import annotations

from collections.abc import Sequence

from .listings import LISTINGS, Listing
from .urls import PAGES, Addresses


def theme_globals(addresses: Addresses, listings: Sequence[Listing] = LISTINGS) -> dict[str, object]:
    return {
        "showcase_urls": {"laureates": addresses.page_url(PAGES.laureates), "feed": PAGES.feed},
        # the listing's filter parameters (?theme=…), for main.html's script that hides the
        # cards until they are filtered
        "showcase_filter_params": [listing.param for listing in listings],
    }
