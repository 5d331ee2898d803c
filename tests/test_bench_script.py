"""The benchmark script's own parts: its synthetic laureates are valid, its table reads well.

No timing is asserted here: `make bench` prints figures, it never fails on them.
"""

from __future__ import annotations

import gzip
import importlib.util
import shutil
import sys
import urllib.request
from pathlib import Path
from types import ModuleType

import pytest

from showcase import load_catalog, render_pages

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "scripts" / "bench.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synthetic_project(bench: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("bench") / "project"
    bench.make_hook_project(ROOT, project, 5)
    return project


def test_synthetic_laureates_are_valid(synthetic_project: Path) -> None:
    result = load_catalog(synthetic_project)
    assert result.problems == []
    assert len(result.catalog.laureates) == 5


def test_synthetic_laureates_look_like_real_ones(bench: ModuleType, synthetic_project: Path) -> None:
    """Real communes, three testimonials and a story of about 400 words each."""
    catalog = load_catalog(synthetic_project).catalog
    from showcase.territories import load_territories

    territories = load_territories()
    for laureate in catalog.laureates:
        record = laureate.record
        assert territories.communes_named(record.commune, record.department)
        assert len(record.testimonials) == 3
        assert 300 <= len((record.story or "").split()) <= 500
    pages = {page.uri for page in render_pages(catalog)}
    assert {laureate.uri for laureate in catalog.laureates} <= pages


def test_synthetic_laureates_are_deterministic(bench: ModuleType) -> None:
    themes = ["accueil-des-usagers", "conditions-de-travail"]
    assert bench.synthetic_laureates(20, themes) == bench.synthetic_laureates(20, themes)
    slugs = [laureate.slug for laureate in bench.synthetic_laureates(200, themes)]
    assert len(set(slugs)) == 200


def test_related_laureates_stay_few_however_large_the_catalogue(synthetic_project: Path,
                                                                bench: ModuleType) -> None:
    themes = list(load_catalog(synthetic_project).catalog.themes)
    bench.write_laureates(synthetic_project / "projects", bench.synthetic_laureates(60, themes))
    catalog = load_catalog(synthetic_project).catalog
    for laureate in catalog.laureates:
        related = catalog.related(laureate)
        assert len(related) == min(6, len({o.slug for o in catalog.laureates if o is not laureate
                                           and set(o.record.theme) & set(laureate.record.theme)}))
        assert laureate not in related
        assert all(set(o.record.theme) & set(laureate.record.theme) for o in related)
    assert catalog.related(catalog.laureates[0]) == catalog.related(catalog.laureates[0])


def test_plain_config_keeps_everything_but_the_hook(bench: ModuleType) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = bench.without_top_level_keys(config, ("hooks", "watch"))
    assert "showcase_hook.py" not in plain and "\nwatch:" not in plain
    for key in ("theme:", "plugins:", "markdown_extensions:", "nav:"):
        assert f"\n{key}" in plain


def test_table_is_aligned_markdown(bench: ModuleType) -> None:
    rows = [bench.Row("générateur par lauréat", ["0.50 ms", "0.42 ms"], "≤ 1 ms", bench.verdict(True)),
            bench.Row("ratio", ["1.2", "1.07"], "≤ 1.05", bench.verdict(False))]
    table = bench.format_table(["mesure", "N = 100", "N = 1000", "cible", "verdict"], rows)
    lines = table.splitlines()
    assert len(lines) == 4
    assert len({len(line) for line in lines}) == 1  # every line padded to the same width
    assert lines[1].startswith("|-") and set(lines[1]) <= {"|", "-"}
    assert "| tenu " in lines[2] and "| NON TENU |" in lines[3]
    with pytest.raises(ValueError):
        bench.format_table(["mesure", "N = 100"], rows)


def test_page_weight_counts_the_page_and_its_local_css_and_js(bench: ModuleType,
                                                              tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "laureats" / "renac").mkdir(parents=True)
    (site / "assets" / "main.css").write_text("body{color:red}" * 50)
    (site / "assets" / "app.js").write_text("console.log(1);" * 50)
    page = site / "laureats" / "renac" / "index.html"
    page.write_text('<link rel="stylesheet" href="../../assets/main.css">'
                    '<link rel="icon" href="../../assets/favicon.png">'
                    '<script src="../../assets/app.js"></script>'
                    '<script src="https://cdn.example/x.js"></script><p>Renac</p>')
    weight = bench.page_weight(site, page)
    assert set(weight.assets) == {"assets/main.css", "assets/app.js"}
    assert weight.total == weight.html + sum(weight.assets.values())
    assert weight.html == bench.gzip_size(page.read_bytes())


def test_plain_overrides_give_materials_own_search_box(bench: ModuleType, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    shutil.copytree(ROOT / "overrides", overrides)
    bench.with_material_search(overrides)
    assert not (overrides / "partials" / "header.html").exists()
    assert not (overrides / "partials" / "search.html").exists()
    assert "partials/search.html" not in (overrides / "main.html").read_text(encoding="utf-8")
    with pytest.raises(SystemExit):  # nothing left to take out: said, not ignored
        bench.with_material_search(overrides)


def test_the_bench_server_gzips_text_as_a_web_server_would(bench: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "laureats").mkdir()
    (tmp_path / "laureats" / "index.html").write_text("<p>Renac</p>" * 100)
    (tmp_path / "chunk.pf_index").write_bytes(gzip.compress(b"already gzipped"))
    with bench._serve(tmp_path) as base:
        request = urllib.request.Request(base + "laureats/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
            assert int(response.headers["Content-Length"]) == len(body)
        assert gzip.decompress(body) == (tmp_path / "laureats" / "index.html").read_bytes()
        with urllib.request.urlopen(base + "laureats") as response:  # redirected to laureats/
            assert response.url.endswith("/laureats/")
        request = urllib.request.Request(base + "chunk.pf_index", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert "Content-Encoding" not in response.headers
            assert response.read() == (tmp_path / "chunk.pf_index").read_bytes()


def test_search_bytes_are_told_file_by_file_and_side_by_side(bench: ModuleType) -> None:
    base = "http://127.0.0.1:1/pagefind/"
    four = {base + "pagefind-component-ui.js": 39_000, base + "pagefind-component-ui.css": 7_000,
            base + "wasm.fr.pagefind": 72_000, base + "pagefind.fr_0123456789.pf_meta": 9_000,
            base + "pagefind-entry.json": 200, base + "index/fr_1.pf_index": 17_000,
            base + "index/fr_2.pf_index": 3_000, base + "fragment/fr_3.pf_fragment": 1_800}
    kinds = bench.search_breakdown(four)
    assert list(kinds) == ["interface", "wasm", "méta", "index", "fragments"]
    assert kinds["interface"] == (2, 46_000) and kinds["index"] == (2, 20_000)
    assert kinds["méta"] == (2, 9_200)
    lunr = bench.SearchSide(1000, "lunr", bench.SearchRun(
        before={"search_index.json": 1_780_000}, first={"search_index.json": 1_780_000},
        four={"search_index.json": 1_780_000}, result_ms=[3200, 200, 180, 210], ready_s=2.8))
    pagefind = bench.SearchSide(1000, "Pagefind", bench.SearchRun(
        first=dict(list(four.items())[:5]), four=four, result_ms=[280, 220, 230, 240]),
        index_seconds=4.2, index_files=(1_200_000, 1_200_000))
    report = bench.search_report([lunr, pagefind])
    table = [line for line in report.splitlines() if line.startswith("|")]
    assert len({len(line) for line in table}) == 1
    before = next(line for line in table if "avant la première recherche" in line)
    assert "1738.3 Ko" in before and "| 0.0 Ko" in before and "tenu" in before
    assert "2.80 s à chaque page" in report and "4.20 s au build" in report
    assert "210 ms (max 230)" not in report and "230 ms (max 240)" in report
    assert "Pagefind à N = 1000, quatre requêtes" in report


def test_search_passes_give_each_querys_median_and_the_first_passs_bytes(bench: ModuleType) -> None:
    runs = [bench.SearchRun(four={"a": 10}, result_ms=[300, 200, None], ready_s=2.0),
            bench.SearchRun(four={"a": 12}, result_ms=[100, 240, None], ready_s=4.0),
            bench.SearchRun(note="échec dans Chromium"),
            bench.SearchRun(four={"a": 11}, result_ms=[200, 220, None], ready_s=3.0)]
    merged = bench.median_run(runs)
    assert merged.result_ms == [200, 220, None] and merged.ready_s == 3.0
    assert merged.four == {"a": 10} and merged.passes == 3 and not merged.note
    assert bench.median_run(runs[2:3]).note  # no pass done: said, not hidden
