"""RGAA 6.1 (explicit links): on one page, links with the same accessible name lead to the
same place. Checked on every page of the built site, the theme's header, navigation and
footer included, as a screen reader lists them ("list of links")."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from showcase.permalinks import label_permalinks

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


class Links(HTMLParser):
    """Each link's accessible name (aria-label, else its text and images' alternatives, not
    what is hidden from assistive technologies, else its title) and its address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._open: list[tuple[str, bool]] = []  # (tag, hidden from assistive technologies)
        self._link: tuple[str, str | None, str | None, list[str]] | None = None
        self._depth = 0  # open elements inside the current link

    def _hidden(self) -> bool:
        return any(hidden for _, hidden in self._open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        hidden = a.get("aria-hidden") == "true"  # `hidden` alone: CSS may show it (the drawer)
        if tag == "a" and a.get("href") is not None and self._link is None and not self._hidden():
            self._link = (a["href"] or "", a.get("aria-label"), a.get("title"), [])
            self._depth = 0
        elif self._link is not None:
            if tag == "img" and a.get("alt") and not hidden and not self._hidden():
                self._link[3].append(a["alt"] or "")
            if tag not in VOID:
                self._depth += 1
        if tag not in VOID:
            self._open.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        # Close up to the element that ends (HTML lets <p>, <li>… close implicitly).
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == tag:
                del self._open[depth:]
                break
        if self._link is None:
            return
        if tag == "a" and self._depth == 0:
            href, label, title, texts = self._link
            name = label if label is not None else " ".join("".join(texts).split()) or title or ""
            self.links.append((" ".join(name.split()), href))
            self._link = None
        elif tag not in VOID:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._link is not None and not self._hidden():
            self._link[3].append(data)


def same_names_elsewhere(html: str, url: str) -> dict[str, list[str]]:
    """Accessible names given to links that lead to more than one place on the page."""
    parser = Links()
    parser.feed(html)
    targets: dict[str, set[str]] = {}
    for name, href in parser.links:
        if name:
            targets.setdefault(name.casefold(), set()).add(urljoin(url, href))
    return {name: sorted(places) for name, places in targets.items() if len(places) > 1}


def site_pages(site: Path) -> list[tuple[str, Path]]:
    pages = []
    for html in sorted(site.rglob("*.html")):
        relative = html.relative_to(site)
        if relative.parts[0] == "admin":  # the editors' form, a single-page application
            continue
        pages.append(("https://example.org/" + relative.as_posix(), html))
    return pages


def test_on_every_page_links_of_the_same_name_lead_to_the_same_place(built_site: Path) -> None:
    pages = site_pages(built_site)
    assert len(pages) > 40
    found = {}
    for url, html in pages:
        clashes = same_names_elsewhere(html.read_text(encoding="utf-8"), url)
        if clashes:
            found[url.removeprefix("https://example.org/")] = clashes
    assert found == {}


def test_the_check_sees_two_sources_that_share_a_text() -> None:
    html = ('<p><a href="https://a.example/1">source</a> <a href="https://a.example/2">'
            'source</a> <a href="#x" aria-label="Autre">source</a>'
            '<a href="/y"><span aria-hidden="true">DG</span>Voir</a> <a href="/z">voir</a></p>')
    assert same_names_elsewhere(html, "https://example.org/p/") == {
        "source": ["https://a.example/1", "https://a.example/2"],
        "voir": ["https://example.org/y", "https://example.org/z"],
    }


@pytest.mark.parametrize(
    ("heading", "label"),
    [
        (('<h2 id="le-projet">Le projet<a class="headerlink" href="#le-projet" '
         'title="Lien vers cette section">¶</a></h2>'), "Lien vers la section «\u202fLe projet\u202f»"),
        (('<h2 id="x"><a href="a/">Accueil</a> &amp; <code>y</code><a class="headerlink" '
         'href="#x" title="Lien vers cette section">&para;</a></h2>'),
         "Lien vers la section «\u202fAccueil &amp; y\u202f»"),
    ],
)
def test_a_section_permalink_is_named_by_its_heading(heading: str, label: str) -> None:
    attribute = f' aria-label="{label}"'
    labelled = label_permalinks(heading)
    assert attribute in labelled
    assert labelled.replace(attribute, "") == heading


def test_a_heading_without_a_permalink_does_not_lend_its_text_to_the_next() -> None:
    page = ('<h2 class="raw">Sans lien</h2><p>Texte</p><h2 id="b">Bon<a class="headerlink" '
            'href="#b" title="Lien vers cette section">¶</a></h2>')
    assert label_permalinks(page) == page.replace(
        'title="Lien vers cette section">',
        'title="Lien vers cette section" aria-label="Lien vers la section «\u202fBon\u202f»">')
