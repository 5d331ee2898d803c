"""The benchmark script's own parts: its synthetic laureates are valid, its table reads well.

No timing is asserted here: `make bench` prints figures, it never fails on them.
"""

from __future__ import annotations

import importlib.util
import sys
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
