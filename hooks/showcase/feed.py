"""The Atom feed of laureates (`laureats.xml` at the site root), newest first.

A feed reader keys entries on their id (the page address), so a new laureate file
is a new entry. Atom wants dates: an entry is published when its file was first
committed and updated at its last commit, both read from git in one call; a file
that git does not know yet (a preview) takes the build time, which is
SOURCE_DATE_EPOCH when set, so that two builds of one commit are identical.
"""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .catalog import Catalog
from .typography import typeset_text
from .urls import DIRECTORY_URLS, PAGES, Addresses, absolute_url

FEED_FILE = PAGES.feed
FEED_TITLE = "Nouveaux lauréats du Fonds MNT"
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class FileDates:
    added: datetime
    modified: datetime


def feed_xml(catalog: Catalog, site_url: str, *, dates: dict[str, FileDates],
             build_time: datetime, subtitle: str = "",
             addresses: Addresses = DIRECTORY_URLS) -> str:
    """The feed as text. `dates` maps a laureate's source file to its git dates."""
    # Atom as the default namespace, declared on the root: the elements are then named
    # without it, and ElementTree's global prefix registry is left alone
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "fr"})
    feed_url = absolute_url(site_url, FEED_FILE)
    _text(feed, "id", feed_url)
    _text(feed, "title", FEED_TITLE)
    if subtitle:
        _text(feed, "subtitle", subtitle)
    _link(feed, "self", feed_url, "application/atom+xml")
    _link(feed, "alternate", absolute_url(site_url, addresses.page_url(PAGES.laureates)), "text/html")
    author = ET.SubElement(feed, "author")
    _text(author, "name", "Fonds MNT")
    entries_dates = [dates.get(l.source, FileDates(build_time, build_time)) for l in catalog.laureates]
    _text(feed, "updated", _iso(max((d.modified for d in entries_dates), default=build_time)))
    for laureate, when in zip(catalog.laureates, entries_dates):
        r = laureate.record
        url = absolute_url(site_url, addresses.page_url(laureate.uri))
        entry = ET.SubElement(feed, "entry")
        _text(entry, "id", url)
        _text(entry, "title", f"{r.commune} : {r.title}")
        _link(entry, "alternate", url, "text/html")
        _text(entry, "published", _iso(when.added))
        _text(entry, "updated", _iso(when.modified))
        _text(entry, "summary", r.summary)
        for slug in r.theme:
            ET.SubElement(entry, "category",
                          {"term": slug, "label": catalog.themes[slug].label})
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def write_feed(site_dir: Path, catalog: Catalog, site_url: str, *, root: Path,
               subtitle: str = "", addresses: Addresses = DIRECTORY_URLS) -> None:
    build_time = build_timestamp()
    dates = git_file_dates(root, (l.source for l in catalog.laureates))
    text = feed_xml(catalog, site_url, dates=dates, build_time=build_time, subtitle=subtitle,
                    addresses=addresses)
    Path(site_dir, FEED_FILE).write_text(text, encoding="utf-8")


def build_timestamp() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def git_file_dates(root: Path, sources: Iterable[str]) -> dict[str, FileDates]:
    """First and last commit dates of each file, from one `git log`; {} outside git."""
    wanted = set(sources)
    try:
        log = subprocess.run(
            ["git", "log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--",
             *sorted(wanted)],
            cwd=root, capture_output=True, text=True, timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    dates: dict[str, FileDates] = {}
    for commit in log.split("\0")[1:]:  # newest first
        when, *names = commit.strip().splitlines()
        moment = datetime.fromisoformat(when).astimezone(UTC)
        for name in filter(None, names):
            if name in wanted:
                previous = dates.get(name)
                dates[name] = FileDates(moment, previous.modified if previous else moment)
    return dates


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, tag).text = typeset_text(text)  # read by people


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "href": href, "type": media_type})


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
