"""Addresses come from one module (showcase/urls.py) that reads MkDocs' use_directory_urls:
with it off, every page is `….html` and every internal link of the built site still lands."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from conftest import run_mkdocs

TEMPLATES = Path(__file__).resolve().parent.parent / "hooks" / "showcase" / "templates"
URL_ATTRIBUTES = {"href", "src", "xlink:href"}
NOT_FILES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.anchors.add(value)
            elif name in URL_ATTRIBUTES:
                self.urls.append(value.strip())
            elif name == "srcset":
                self.urls += [part.split()[0] for part in value.split(",") if part.strip()]


def _parse(file: Path) -> _Links:
    links = _Links()
    links.feed(file.read_text(encoding="utf-8"))
    return links


ROOT_URL = "https://example.org/laureats/"


def _target(site: Path, url: str) -> Path | None:
    """The built file an absolute address names, None outside the site."""
    if not url.startswith(ROOT_URL):
        return None
    path = unquote(urlsplit(url).path)[len(urlsplit(ROOT_URL).path):]
    file = site / path if path else site
    return file / "index.html" if path.endswith("/") or not path or file.is_dir() else file


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(links followed, broken ones) over every HTML page of a built site."""
    pages = {file: _parse(file) for file in sorted(site.rglob("*.html"))
             if not file.relative_to(site).as_posix().startswith("admin/")}
    checked, broken = 0, []
    for file, links in pages.items():
        if file.name == "404.html":
            continue  # served at any depth: its links are absolute
        here = urljoin(ROOT_URL, file.relative_to(site).as_posix())
        for url in links.urls:
            if not url or url.startswith(NOT_FILES):
                continue
            absolute = urljoin(here, url)
            target = _target(site, absolute)
            if target is None:
                continue
            checked += 1
            where = f"{file.relative_to(site)}: {url}"
            if not target.is_file():
                broken.append(f"{where} -> no file {target.relative_to(site)}")
                continue
            fragment = unquote(urlsplit(absolute).fragment)
            if fragment and target in pages and fragment not in pages[target].anchors:
                broken.append(f"{where} -> no id {fragment}")
    return checked, broken


def test_with_use_directory_urls_off_every_internal_link_lands(project: Path) -> None:
    (project / "mkdocs-flat.yml").write_text("INHERIT: mkdocs.yml\nuse_directory_urls: false\n",
                                             encoding="utf-8")
    site = project / "site"
    result = run_mkdocs(project, "build", "--strict", "-f", "mkdocs-flat.yml", "--site-dir", str(site),
                        SITE_URL=ROOT_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "laureats" / "index.html").is_file()
    assert not (site / "laureats" / "renac").exists()  # no directory URLs
    assert (site / "laureats" / "renac.html").is_file()

    checked, broken = broken_links(site)
    pages = len(list(site.rglob("*.html")))
    assert checked > 20 * pages, "the links of the pages were not found"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])

    # The exports and the feed name the same pages.
    with (site / "laureats.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["page"].endswith(".html") for row in rows)
    assert all(_target(site, row["page"]) is not None and _target(site, row["page"]).is_file()  # type: ignore[union-attr]
               for row in rows)
    exported = json.loads((site / "laureats.json").read_text(encoding="utf-8"))
    assert {entry["url"] for entry in exported["laureates"]} == {row["page"] for row in rows}
    feed = (site / "laureats.xml").read_text(encoding="utf-8")
    assert f'href="{ROOT_URL}laureats/index.html"' in feed
    # (search: Pagefind indexes the published files themselves, under their own names)


def test_the_link_check_sees_a_broken_link_and_a_missing_fragment(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/b.html">ok</a><a href="c.html">broken</a>'
                                     '<a href="a/b.html#nowhere">fragment</a>'
                                     '<a href="https://other.example/">elsewhere</a>', encoding="utf-8")
    (site / "a" / "b.html").write_text('<h1 id="top">B</h1><a href="../index.html#">up</a>',
                                       encoding="utf-8")
    checked, broken = broken_links(site)
    assert checked == 4
    assert broken == ["index.html: c.html -> no file c.html", "index.html: a/b.html#nowhere -> no id nowhere"]


def test_no_template_spells_the_path_of_a_generated_page() -> None:
    """Pages and files are named through urls.py's helpers (Jinja globals), never by hand."""
    spelled = re.compile(r"""['"(](?:\.\./)*[\w./-]*\.(?:md|html|csv|json|xml)\b['")]""")
    found = [f"{template.name}: {match[0]}" for template in sorted(TEMPLATES.glob("*.j2"))
             for line in template.read_text(encoding="utf-8").splitlines()
             if "import" not in line for match in [spelled.search(line)] if match]
    assert not found, found


def test_no_theme_template_spells_the_address_of_a_generated_page() -> None:
    """The theme's overrides (404.html, partials) get our pages' addresses from the hook
    (`showcase_urls`); a literal passed to `url` may only name a static asset."""
    overrides = TEMPLATES.parent.parent.parent / "overrides"
    literal = re.compile(r"""['"]([^'"]*)['"]\s*\|\s*url\b""")
    found = [f"{file.name}: {match}" for file in sorted(overrides.rglob("*.html"))
             for match in literal.findall(file.read_text(encoding="utf-8"))
             if not match.startswith("assets/")]
    assert not found, found
