"""Addresses come from one module (showcase/urls.py) that reads MkDocs' use_directory_urls:
with it off, every page is `….html` and every internal link of the built site still lands."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from site_links import broken_links, target_file

from conftest import run_mkdocs

TEMPLATES = Path(__file__).resolve().parent.parent / "hooks" / "showcase" / "templates"
ROOT_URL = "https://example.org/laureats/"


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

    pages, checked, broken = broken_links(site, ROOT_URL, unread=("admin/",))
    assert checked > 20 * pages, "the links of the pages were not found"
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:40])

    # The exports and the feed name the same pages.
    with (site / "laureats.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["page"].endswith(".html") for row in rows)
    assert all(target_file(site, ROOT_URL, row["page"]) is not None and target_file(site, ROOT_URL, row["page"]).is_file()  # type: ignore[union-attr]
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
    pages, checked, broken = broken_links(site, ROOT_URL)
    assert (pages, checked) == (2, 4)
    assert broken == ["index.html: c.html -> no file c.html",
                      "index.html: a/b.html#nowhere -> no id « nowhere » in a/b.html"]


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
