"""Specification of the open data (laureats.json, laureats.csv), the data page and the
key figures page, checked on the real strict build against the YAML files."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
import yaml

from conftest import ROOT, as_typed, laureate_files
from showcase.territories import load_territories

SITE_URL = "https://fonds-mnt.github.io/laureats/"  # mkdocs.yml's default


def laureates() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in laureate_files()}


def themes() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "projects" / "_themes.yml").read_text(encoding="utf-8"))


def plain(text: str) -> str:
    return " ".join(text.split())


def year_order(data: dict) -> int:
    return data["year"] if isinstance(data["year"], int) else 0


def as_list(value: object) -> list:
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def exported(built_site: Path) -> dict:
    return json.loads((built_site / "laureats.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(built_site: Path) -> list[dict[str, str]]:
    raw = (built_site / "laureats.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


# --- JSON -----------------------------------------------------------------------------------


def test_json_lists_every_laureate_newest_first(exported: dict) -> None:
    data = laureates()
    slugs = [entry["slug"] for entry in exported["laureates"]]
    assert sorted(slugs) == sorted(data) and exported["count"] == len(data)
    years = [year_order(data[slug]) for slug in slugs]
    assert years == sorted(years, reverse=True)


def test_each_json_record_is_a_valid_laureate_file_saying_what_the_yaml_says(exported: dict) -> None:
    schema = json.loads((ROOT / "docs" / "schema" / "laureat.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    data = laureates()
    for entry in exported["laureates"]:
        record, source = entry["record"], data[entry["slug"]]
        errors = [e.message for e in validator.iter_errors(record)]
        assert errors == [], entry["slug"]
        for key in ("title", "summary", "support"):
            assert plain(record.get(key, "")) == plain(source.get(key, "")), (entry["slug"], key)
        assert record["theme"] == as_list(source["theme"])
        assert record["year"] == source["year"]  # "inconnue" stays "inconnue"
        assert [t["quote"] for t in record["testimonials"]] == \
            [plain(t["quote"]) for t in source.get("testimonials", [])]
        assert [link["url"] for link in record["links"]] == [link["url"] for link in source.get("links", [])]


def test_json_gives_each_page_address_and_theme_labels(exported: dict, built_site: Path) -> None:
    labels = {slug: theme["label"] for slug, theme in themes().items()}
    assert exported["record_schema"] == SITE_URL + "schema/laureat.schema.json"
    for entry in exported["laureates"]:
        assert entry["url"] == f"{SITE_URL}laureats/{entry['slug']}/"
        assert (built_site / entry["url"].removeprefix(SITE_URL) / "index.html").is_file()
        assert entry["themes"] == [{"slug": s, "label": labels[s]} for s in entry["record"]["theme"]]
        assert entry["image_url"] is None or entry["image_url"].startswith(SITE_URL)


def test_json_gives_the_official_facts_of_each_territory(exported: dict) -> None:
    territories = load_territories()
    data = laureates()
    for entry in exported["laureates"]:
        source, territory = data[entry["slug"]], entry["territory"]
        department = territories.department(source["department"])
        assert (territory["department_code"], territory["department_name"]) == (department.code, department.name)
        assert (territory["region_code"], territory["region_name"]) == (department.region.code, department.region.name)
        if source.get("kind", "commune") == "commune":
            [commune] = territories.communes_named(source["commune"], department.code)
            assert (territory["code"], territory["population"]) == (commune.insee, commune.population)
            assert territory["name"] == commune.name
        assert territory["size_class"] and territory["size_class_label"]


# --- CSV ------------------------------------------------------------------------------------


def test_csv_has_one_row_per_laureate_saying_what_the_yaml_says(rows: list[dict[str, str]]) -> None:
    data = laureates()
    labels = {slug: theme["label"] for slug, theme in themes().items()}
    assert sorted(row["identifiant"] for row in rows) == sorted(data)
    for row in rows:
        source = data[row["identifiant"]]
        assert row["page"] == f"{SITE_URL}laureats/{row['identifiant']}/"
        assert row["collectivite"] == source["commune"]
        assert row["type"] == source.get("kind", "commune")
        assert row["titre"] == plain(source["title"]) and row["resume"] == plain(source["summary"])
        assert row["annee"] == (str(source["year"]) if isinstance(source["year"], int) else "")
        assert row["themes"].split(" ; ") == [labels[t] for t in as_list(source["theme"])]
        assert row["temoignages"].count("\n") == max(len(source.get("testimonials", [])) - 1, 0)
        for testimonial in source.get("testimonials", []):
            assert f"« {plain(testimonial['quote'])} » — {testimonial['author']}" in row["temoignages"]
        assert row["population"] == "" or row["population"].isdigit()


def test_csv_and_json_agree(rows: list[dict[str, str]], exported: dict) -> None:
    by_slug = {entry["slug"]: entry for entry in exported["laureates"]}
    assert [row["identifiant"] for row in rows] == list(by_slug)
    for row in rows:
        territory = by_slug[row["identifiant"]]["territory"]
        assert row["code_territoire"] == territory["code"]
        assert row["population"] == str(territory["population"] or "")
        assert row["region"] == territory["region_name"] and row["taille"] == territory["size_class_label"]


# --- The data page and the footer -------------------------------------------------------------


def test_data_page_documents_every_csv_column_in_order(built_site: Path, rows: list[dict[str, str]]) -> None:
    page = (built_site / "donnees" / "index.html").read_text(encoding="utf-8")
    documented = re.findall(r'<th scope="row"><code>([a-z_]+)</code></th><td>[^<]+</td>', page)
    assert documented == list(rows[0].keys())


def test_data_page_links_the_files_that_exist(built_site: Path) -> None:
    page = (built_site / "donnees" / "index.html").read_text(encoding="utf-8")
    for name in ("laureats.csv", "laureats.json", "laureats.xml", "schema/laureat.schema.json"):
        assert f'href="../{name}"' in page
        assert (built_site / name).is_file()


def test_every_page_links_the_data_page_from_its_footer(built_site: Path) -> None:
    for html_file in built_site.rglob("index.html"):
        if html_file.parent.name == "admin":
            continue  # the editor (Sveltia CMS) is not a page of the site
        here = "/" + html_file.parent.relative_to(built_site).as_posix() + "/"
        footer = html_file.read_text(encoding="utf-8").split('<footer class="md-footer">')[-1]
        links = re.findall(r'<a href="([^"]*)">Données ouvertes</a>', footer)
        assert [urljoin(here.replace("/./", "/"), link) for link in links] == ["/donnees/"], html_file


# --- Key figures ----------------------------------------------------------------------------


def figures_table(page: str, heading: str) -> dict[str, tuple[int, str]]:
    """label → (count, share) of the table under `heading`."""
    section = page.split(f">{heading}<", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row"><a href="[^"]+"[^>]*>([^<]+)</a></th>'
                      r'<td class="key-figures-chart__count">(\d+)</td>.*?(\d+)(?:&#8239;|\u202f)%</td>', section)
    return {as_typed(html.unescape(label)): (int(count), share) for label, count, share in rows}


def test_key_figures_count_the_laureates_by_year_theme_region_and_size(built_site: Path) -> None:
    page = (built_site / "chiffres-cles" / "index.html").read_text(encoding="utf-8")
    data = laureates()
    territories = load_territories()
    total = len(data)
    by_year = Counter(str(d["year"]) if isinstance(d["year"], int) else "Année non communiquée"
                      for d in data.values())
    labels = {slug: theme["label"] for slug, theme in themes().items()}
    by_theme = Counter(labels[t] for d in data.values() for t in as_list(d["theme"]))
    by_region = Counter(territories.department(d["department"]).region.name for d in data.values())
    for heading, expected in (("Par année", by_year), ("Par thème", by_theme), ("Par région", by_region)):
        table = figures_table(page, heading)
        assert {label: count for label, (count, _) in table.items()} == dict(expected), heading
        for label, (count, share) in table.items():
            assert share == str(round(100 * count / total)), (heading, label)
    sizes = figures_table(page, "Par taille de collectivité")
    assert sum(count for count, _ in sizes.values()) == total


def test_key_figures_link_each_row_to_the_filtered_listing(built_site: Path) -> None:
    page = (built_site / "chiffres-cles" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<th scope="row"><a href="([^"]+)"[^>]*>', page)
    assert links and all(re.fullmatch(r"\.\./laureats/\?(annee|theme|region|taille|type)=[\w-]+", link)
                         for link in links), links
