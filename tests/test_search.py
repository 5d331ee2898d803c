"""Specification of the search index (showcase.search): Pagefind over the built site.

The fragments Pagefind writes (one gzip JSON per page) are what a result shows: they
are read here as the browser reads them. The ranking, the French matching and the UI
are specified in the browser (tests/browser_visitors/test_search.py).
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import unicodedata
from pathlib import Path

import cbor2
import pytest
import yaml

from conftest import ROOT, laureate_files
from showcase import search, voices


def plain(text: str) -> str:
    """Text compared as words, whatever the typesetting did (apostrophes, no-break spaces,
    capital accents: "Etre" is printed "Être")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("'", "’"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@pytest.fixture(scope="module")
def fragments(built_site: Path) -> dict[str, dict]:
    found = {}
    for path in (built_site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path.name
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        found[fragment["url"]] = fragment
    return found


def test_every_laureate_is_indexed_with_its_facts_as_filters_and_metadata(fragments: dict) -> None:
    for path in laureate_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        fragment = fragments[f"/laureats/{path.stem}/"]
        assert plain(fragment["meta"]["title"]) == plain(data["title"])
        assert fragment["meta"]["authority"]
        filters = fragment["filters"]
        assert {"Thème", "Région"} <= filters.keys(), path.stem
        assert filters.get("Année") == ([str(data["year"])] if isinstance(data.get("year"), int) else None)
        content = plain(fragment["content"])
        for testimonial in data.get("testimonials", []):
            assert plain(" ".join(testimonial["quote"].split()[:4])) in content, path.stem
            assert plain(testimonial["author"]) in content


def test_a_laureate_result_holds_its_own_text_only(fragments: dict) -> None:
    for url, fragment in fragments.items():
        assert "¶" not in fragment["content"] + fragment["meta"]["title"], url
        if url.startswith("/laureats/") and url != "/laureats/":
            content = fragment["content"]
            for noise in ("Aller au contenu", "Sur le même thème", "Dans la même région", "Lauréat suivant",
                          "Modifier cette fiche", "Code INSEE", "Population"):
                assert noise not in content, (url, noise)


def test_a_testimonial_is_indexed_without_its_authors_initials(fragments: dict) -> None:
    authors = {t["author"] for path in laureate_files()
               for t in yaml.safe_load(path.read_text(encoding="utf-8")).get("testimonials", [])}
    assert "Céline Lepage" in fragments["/"]["content"]  # the home page's quotations
    for url, fragment in fragments.items():
        content = plain(fragment["content"])
        for author in authors:
            assert plain(voices.initials(author) + author) not in content, (url, author)


def test_the_other_pages_are_indexed_too(fragments: dict) -> None:
    for url in ("/", "/laureats/", "/fonds/", "/candidater/", "/accessibilite/", "/themes/"):
        assert url in fragments, sorted(fragments)
    assert "/404.html" not in fragments and not any(u.startswith("/admin") for u in fragments)


def test_no_trace_of_materials_search_is_published(built_site: Path) -> None:
    assert not (built_site / "search").exists()
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "search_index.json" not in html and "md-search" not in html, page
        assert 'data-md-component="search' not in html, page


def test_materials_search_plugin_is_off() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert config["plugins"] == []
    assert not [f for f in config["theme"]["features"] if f.startswith("search.")]


def _bundle_part(bundle: Path, path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd"), path
    return cbor2.loads(data[len(b"pagefind_dcd"):])


def test_the_word_index_is_in_small_chunks_that_a_query_finds_as_pagefind_does(
        built_site: Path) -> None:
    """A query fetches, for each word, the first chunk whose bounds hold it (Pagefind's
    wasm); the chunks are cut again smaller (search.split_index): each word must still be
    in the chunk found for it, with the longer words it begins."""
    bundle = built_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = _bundle_part(bundle, bundle / f"pagefind.{entry['languages']['fr']['hash']}.pf_meta")
    chunks = meta[2]
    assert len(chunks) > 1
    assert sorted(path.stem for path in (bundle / "index").iterdir()) == sorted(c[2] for c in chunks)
    words: dict[str, str] = {}
    for _, _, name in chunks:
        for word in _bundle_part(bundle, bundle / "index" / f"{name}.pf_index")[0]:
            words[word[0]] = name
    assert "mediathequ" in words and "accueil" in words  # stems, accents removed
    for word, name in words.items():
        found = next(chunk[2] for chunk in chunks if chunk[0] <= word <= chunk[1])
        assert found == name, word
        if len(word) >= search.KEPT_PREFIX:
            assert all(words[other] == name for other in words if other.startswith(word)), word
    positions = sum(search._positions(word) for _, _, name in chunks
                    for word in _bundle_part(bundle, bundle / "index" / f"{name}.pf_index")[0])
    assert len(chunks) >= positions // (2 * search.CHUNK_POSITIONS)


@pytest.mark.parametrize(("printed", "read"), [
    ("la facture d’énergie", "la facture d'énergie"),
    ("L’intérêt de la démarche", "L'intérêt de la démarche"),
    ("jusqu’ici, lorsqu’il, qu’elle", "jusqu'ici, lorsqu'il, qu'elle"),
    ("aujourd’hui", "aujourd’hui"),           # one word, not an elision
    ("« l’outil »", "« l'outil »"),
    ("le lauréat’", "le lauréat’"),           # a closing quotation mark
])
def test_pagefind_reads_an_elision_with_an_apostrophe_it_cuts_the_word_at(printed: str, read: str) -> None:
    assert search.cut_elisions(printed) == read


def test_a_result_shows_the_elisions_as_the_page_prints_them(fragments: dict) -> None:
    elided = 0
    for url, fragment in fragments.items():
        shown = json.dumps(fragment, ensure_ascii=False)
        assert search.count_elisions(shown, "'") == 0, url
        elided += search.count_elisions(shown)
    assert elided > 50


def _index_of(site: Path, target: Path) -> dict[str, bytes]:
    shutil.copytree(site, target, ignore=shutil.ignore_patterns(search.OUTPUT_DIR))
    search.write_index(target)
    bundle = target / search.OUTPUT_DIR
    return {path.relative_to(bundle).as_posix(): path.read_bytes()
            for path in bundle.rglob("*") if path.is_file()}


def test_pagefind_reads_the_article_only_and_indexes_the_same(
        built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    renac = (built_site / "laureats" / "renac" / "index.html").read_text(encoding="utf-8")
    read = search.indexed_part(renac)
    assert '<html lang="fr"' in read[:60] and len(read) < len(renac) / 2
    assert "md-header" not in read and "md-footer" not in read and "médiathèque" in read
    trimmed = _index_of(built_site, tmp_path / "trimmed")
    monkeypatch.setattr(search, "indexed_part", lambda html: html)  # the whole page
    assert _index_of(built_site, tmp_path / "whole") == trimmed


def test_every_part_left_out_of_the_index_is_marked_as_pagefind_reads_it(built_site: Path) -> None:
    """`data-pagefind-ignore` alone, or with a value Pagefind knows: Markdown writes an
    attribute without value as `data-pagefind-ignore="data-pagefind-ignore"`, which
    Pagefind warned about on every laureate page (and took for "all")."""
    for page in built_site.rglob("*.html"):
        for value in re.findall(r'data-pagefind-ignore(?:="([^"]*)")?', page.read_text(encoding="utf-8")):
            assert value in ("", "all", "index"), (page, value)
