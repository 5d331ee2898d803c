"""Specification of what a page says of itself when its address is shared: description,
Open Graph and Twitter card, on every kind of page, escaped exactly once."""

from __future__ import annotations

import re
import struct
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, laureate_files, run_mkdocs
from showcase.typography import typeset_text

SITE_URL = "https://fonds-mnt.github.io/laureats/"  # mkdocs.yml's default
SITE_NAME = "Lauréats du Fonds MNT"


class HeadMeta(HTMLParser):
    """The head's meta tags and links, with their attribute values decoded once."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            key = values.get("property") or values["name"]
            assert key not in self.meta, f"{key} given twice"
            self.meta[key] = values.get("content", "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values["href"]
        self._in_title = tag == "title" and not self.title  # the head's, not an SVG's

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def fold_spaces(text: str) -> str:
    """Ordinary white space folded; the no-break spaces of French typography kept."""
    return " ".join(re.split(r"[ \t\r\n]+", text.strip()))


def head(site: Path, path: str) -> HeadMeta:
    parser = HeadMeta()
    parser.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return parser


# One page of each kind: home, hand-written, listings, a laureate, theme, edition, territory,
# key figures, open data.
PAGES = ["", "fonds/", "laureats/", "laureats/renac/", "themes/", "themes/accueil-des-usagers/",
         "editions/", "editions/2021/", "territoires/", "chiffres-cles/", "donnees/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_kind_of_page_has_its_open_graph_and_twitter_card(built_site: Path, path: str) -> None:
    tags = head(built_site, path)
    meta = tags.meta
    assert meta["og:url"] == tags.canonical == SITE_URL + path
    assert meta["og:site_name"] == SITE_NAME and meta["og:locale"] == "fr_FR"
    assert meta["og:type"] == ("article" if path.startswith("laureats/") and path != "laureats/" else "website")
    assert meta["og:description"] == meta["twitter:description"] == fold_spaces(meta["description"])
    assert len(meta["og:description"]) >= 40
    assert meta["og:title"] == meta["twitter:title"]
    assert meta["og:title"] == (SITE_NAME if path == "" else tags.title.removesuffix(f" - {SITE_NAME}"))
    # Every page has a drawn share image: its laureate's, or the site's.
    image = "renac" if path == "laureats/renac/" else "fonds-mnt"
    assert meta["og:image"] == meta["twitter:image"] == f"{SITE_URL}assets/partage/{image}.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["twitter:card"] == "summary_large_image"


def test_each_laureate_shares_its_title_and_summary(built_site: Path) -> None:
    for path in laureate_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        meta = head(built_site, f"laureats/{path.stem}/").meta
        assert meta["og:title"] == typeset_text(" ".join(data["title"].split()))
        assert meta["og:description"] == typeset_text(" ".join(data["summary"].split()))


def png(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG, so that the photo passes the content check."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\0" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


TRICKY_SUMMARY = 'Un résumé avec des "guillemets", un <b>chevron</b> & une esperluette &amp; ainsi, ça passe.'
TRICKY_TITLE = 'Le « titre » "entre guillemets" <i>et</i> & co'
PHOTO_ALT = 'Des agents devant le "guichet" <unique> & accueillant'


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("sharing") / "project")
    (project / "projects" / "images").mkdir(exist_ok=True)
    (project / "projects" / "images" / "piege.png").write_bytes(png())
    (project / "projects" / "piege.yml").write_text(yaml.safe_dump({
        "commune": "Renac", "department": "35", "year": 2024, "theme": "accueil-des-usagers",
        "title": TRICKY_TITLE, "summary": TRICKY_SUMMARY,
        "image": {"src": "images/piege.png", "alt": PHOTO_ALT},
    }, allow_unicode=True), encoding="utf-8")
    site = project / "site"
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_quotes_chevrons_and_ampersands_are_escaped_exactly_once(tricky_site: Path) -> None:
    html = (tricky_site / "laureats" / "piege" / "index.html").read_text(encoding="utf-8")
    meta = head(tricky_site, "laureats/piege/").meta  # the parser would choke on a broken attribute
    assert meta["og:title"] == meta["twitter:title"] == typeset_text(TRICKY_TITLE)
    assert meta["og:description"] == meta["twitter:description"] == typeset_text(TRICKY_SUMMARY)
    assert "<b>chevron</b>" not in html.split("</head>")[0]
    assert "&amp;amp;amp;" not in html  # the summary's own "&amp;" is escaped once: &amp;amp;


def test_a_laureate_with_a_photo_shares_its_drawn_image_of_the_right_size(tricky_site: Path) -> None:
    # The photo has any size and weight: the share image is the drawn one, 1200x630.
    meta = head(tricky_site, "laureats/piege/").meta
    assert meta["og:image"] == meta["twitter:image"] == SITE_URL + "assets/partage/piege.png"
    assert meta["og:image:alt"] == meta["twitter:image:alt"]
    assert "Renac" in meta["og:image:alt"] and "Ille-et-Vilaine" in meta["og:image:alt"]
    assert meta["twitter:card"] == "summary_large_image"
    assert (tricky_site / "assets" / "partage" / "piege.png").is_file()
    assert list((tricky_site / "photos").glob("piege-*.jpg"))  # the photo is still published
