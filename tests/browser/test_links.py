"""No broken link inside the site: every address of every built HTML page that
points into the site (href, src, srcset, an SVG link, the canonical address)
names a file of the build, and every #fragment an element of its page.

This reads the built files: it needs no browser. Links to other sites are not
followed (the tests run offline).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from site_links import broken_links, page_url, parse, target_file

from .conftest import public_root

pytestmark = pytest.mark.browser


def test_every_address_inside_the_site_names_a_built_file_and_an_existing_fragment(
        built_site: Path) -> None:
    pages, checked, broken = broken_links(built_site, public_root(built_site))
    assert checked > 20 * pages, "the links of the pages were not found"
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
