"""Specification of the Atom feed of laureates (laureats.xml at the site root)."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest
import yaml

from conftest import ROOT, laureate_files
from showcase.catalog import load_catalog
from showcase.feed import ATOM as ATOM_NAMESPACE
from showcase.feed import FileDates, build_timestamp, feed_xml, git_file_dates
from showcase.typography import typeset_text

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://fonds-mnt.github.io/laureats/"  # mkdocs.yml's default


def laureates() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in laureate_files()}


@pytest.fixture(scope="module")
def feed_text(built_site: Path) -> str:
    return (built_site / "laureats.xml").read_text(encoding="utf-8")


def test_feed_is_well_formed_atom_for_a_feed_reader(feed_text: str) -> None:
    parsed = feedparser.parse(feed_text)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Nouveaux lauréats du Fonds MNT"
    assert parsed.feed.language == "fr"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": SITE_URL + "laureats.xml", "alternate": SITE_URL + "laureats/"}


def test_feed_has_one_entry_per_laureate_newest_first_saying_what_the_yaml_says(feed_text: str) -> None:
    data = laureates()
    root = ET.fromstring(feed_text)
    entries = root.findall(f"{ATOM}entry")
    slugs = [e.findtext(f"{ATOM}id").removeprefix(SITE_URL + "laureats/").strip("/") for e in entries]
    assert sorted(slugs) == sorted(data)
    years = [data[s]["year"] if isinstance(data[s]["year"], int) else 0 for s in slugs]
    assert years == sorted(years, reverse=True)
    for slug, entry in zip(slugs, entries):
        source = data[slug]
        # What people read is in French typography (no-break spaces, apostrophes).
        title = f"{source['commune']} : {' '.join(source['title'].split())}"
        assert entry.findtext(f"{ATOM}title") == typeset_text(title)
        assert entry.findtext(f"{ATOM}summary") == typeset_text(" ".join(source["summary"].split()))
        assert entry.find(f"{ATOM}link").get("href") == f"{SITE_URL}laureats/{slug}/"
        themes = source["theme"] if isinstance(source["theme"], list) else [source["theme"]]
        assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == themes
        published, updated = (datetime.fromisoformat(entry.findtext(f"{ATOM}{tag}"))
                              for tag in ("published", "updated"))
        assert published <= updated


def test_feed_updated_is_its_newest_entry(feed_text: str) -> None:
    root = ET.fromstring(feed_text)
    updated = [e.findtext(f"{ATOM}updated") for e in root.findall(f"{ATOM}entry")]
    assert root.findtext(f"{ATOM}updated") == max(updated)


def test_every_page_announces_the_feed(built_site: Path) -> None:
    for html_file in built_site.rglob("*.html"):
        if html_file.parent.name == "admin":
            continue  # the editor (Sveltia CMS) is not a page of the site
        html = html_file.read_text(encoding="utf-8")
        assert '<link rel="alternate" type="application/atom+xml" title="Nouveaux lauréats du Fonds MNT"' \
            in html, html_file


# --- Dates ----------------------------------------------------------------------------------


def git(repo: Path, *args: str, when: str) -> None:
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_an_entry_is_published_at_its_first_commit_and_updated_at_its_last(tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    git(tmp_path, "init", "-q", when="2024-01-01T00:00:00Z")
    (projects / "renac.yml").write_text("title: a\n")
    git(tmp_path, "add", ".", when="2024-01-01T00:00:00Z")
    git(tmp_path, "commit", "-qm", "add", when="2024-01-02T10:00:00Z")
    (projects / "renac.yml").write_text("title: b\n")
    (projects / "paris.yml").write_text("title: c\n")
    git(tmp_path, "add", ".", when="2024-03-01T00:00:00Z")
    git(tmp_path, "commit", "-qm", "edit", when="2024-03-04T12:30:00+01:00")
    dates = git_file_dates(tmp_path, ["projects/renac.yml", "projects/paris.yml", "projects/new.yml"])
    assert dates["projects/renac.yml"].added == datetime(2024, 1, 2, 10, tzinfo=UTC)
    assert dates["projects/renac.yml"].modified == datetime(2024, 3, 4, 11, 30, tzinfo=UTC)
    assert dates["projects/paris.yml"].added == dates["projects/paris.yml"].modified
    assert "projects/new.yml" not in dates  # not committed yet: the build time stands in


def test_outside_git_there_are_no_dates(tmp_path: Path) -> None:
    assert git_file_dates(tmp_path, ["projects/renac.yml"]) == {}


def test_build_time_is_source_date_epoch_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_timestamp() == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def test_writing_the_feed_leaves_elementtree_s_global_prefixes_alone() -> None:
    catalog = load_catalog(ROOT).catalog
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    dates = {laureate.source: FileDates(moment, moment) for laureate in catalog.laureates}
    prefixes = dict(ET._namespace_map)  # what ET.register_namespace changes
    text = feed_xml(catalog, "https://exemple.fr/", dates=dates, build_time=moment)
    assert dict(ET._namespace_map) == prefixes
    assert text.splitlines()[1].startswith(f'<feed xmlns="{ATOM_NAMESPACE}" xml:lang="fr">')
    assert ET.fromstring(text.split("\n", 1)[1]).tag == f"{ATOM}feed"
