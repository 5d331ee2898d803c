"""Whatever an editor saves, the catalogue loads: the laureate is accepted, or every reason
it is not is reported in French with a position. Never an exception, never a laureate
dropped without a word.

Hypothesis mutates the real laureate files: keys deleted, values replaced by values of
any type, random text typed anywhere, lines duplicated or re-indented, random YAML,
random bytes. The library is called in-process, so a thousand files take seconds.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, laureate_files
from showcase import format_github, format_human, load_catalog, render_pages, render_problems_page
from showcase.problems import Problem

EXAMPLES = 1_000
FILE = "projects/cas.yml"
THEMES = "projects/_themes.yml"
REAL_TEXTS = [path.read_text(encoding="utf-8") for path in laureate_files()]
THEMES_TEXT = (ROOT / THEMES).read_text(encoding="utf-8")

# Any value YAML can hold, as an editor could type it in a field.
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40)
           | st.sampled_from(["", "2021", "35", "2A", "inconnue", "https://exemple.fr/",
                              "javascript:alert(1)", "images/renac.jpg", "accueil-des-usagers"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=8)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the data: keys of mappings and items of lists, at any depth."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_data(draw: st.DrawFn) -> str:
    """A real file, parsed, with a few fields deleted, replaced or added, saved again."""
    data = yaml.safe_load(draw(st.sampled_from(REAL_TEXTS)))
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(_paths(data)))
        *parents, last = path
        container = data
        for part in parents:
            container = container[part]
        action = draw(st.sampled_from(["delete", "replace", "add"]))
        if action == "delete":
            del container[last]
        elif action == "replace":
            container[last] = draw(values)
        elif isinstance(container, dict):
            container[draw(st.text(min_size=1, max_size=12))] = draw(values)
        if not _paths(data):
            break
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    """A real file with text typed, removed, duplicated or re-indented somewhere."""
    text = draw(st.sampled_from(REAL_TEXTS))
    for _ in range(draw(st.integers(1, 3))):
        lines = text.splitlines(keepends=True) or [""]
        where = draw(st.integers(0, len(text)))
        line = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["type", "cut", "duplicate", "indent", "tab", "truncate"]))
        if action == "type":
            typed = draw(st.text(max_size=20) | st.sampled_from(
                [": ", "- ", "\"", "'", "[", "{", "&a ", "*a", "!!python/object ", "<<: ", "\t", "#"]))
            text = text[:where] + typed + text[where:]
        elif action == "cut":
            text = text[:where] + text[where + draw(st.integers(1, 200)):]
        elif action == "duplicate":
            text = "".join(lines[: line + 1] + [lines[line]] + lines[line + 1:])
        elif action == "indent":
            shift = draw(st.sampled_from([" ", "  ", "   "]))
            text = "".join(lines[:line] + [shift + lines[line]] + lines[line + 1:])
        elif action == "tab":
            text = "".join(lines[:line] + ["\t" + lines[line].lstrip(" ")] + lines[line + 1:])
        else:
            text = text[:where]
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """A real file with random bytes inserted (a bad encoding, control characters)."""
    raw = draw(st.sampled_from(REAL_TEXTS)).encode("utf-8")
    where = draw(st.integers(0, len(raw)))
    return raw[:where] + draw(st.binary(min_size=1, max_size=8)) + raw[where:]


def _encoded(text: str) -> bytes:
    return text.encode("utf-8")


saved_files = st.one_of(
    mutated_data().map(_encoded),
    mutated_text().map(_encoded),
    mutated_bytes(),
    values.map(lambda value: yaml.safe_dump(value, allow_unicode=True)).map(_encoded),
    st.text(max_size=300).map(_encoded),
    st.binary(max_size=300),
)
# Most examples break a laureate file; some break the themes catalogue instead.
targets = st.sampled_from([FILE] * 9 + [THEMES])


def _check_invariants(root: Path, broken: str, content: bytes) -> None:
    result = load_catalog(root)
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.file in (FILE, THEMES)
        assert problem.line >= 1 and problem.column >= 1
        assert problem.line <= content.count(b"\n") + 2 or problem.file != broken
        assert problem.message and isinstance(problem.hint, str)
    # Nothing lost: the file is published, or something says why. A broken theme
    # catalogue does not hide a laureate whose themes can still be read.
    accepted = any(laureate.source == FILE for laureate in result.catalog.laureates)
    own = [str(p) for p in result.problems if p.file == FILE]
    assert accepted or result.problems
    assert not (accepted and own), own
    # Whatever was loaded can be reported and rendered.
    if result.problems:
        assert format_human(result.problems) and format_github(result.problems)
        assert render_problems_page(result.problems)
    else:
        assert any(page.source == FILE for page in render_pages(result.catalog))


def test_load_catalog_accepts_or_reports_every_mutation_of_a_real_file_and_never_raises(
        tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    examples: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=False,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                     HealthCheck.filter_too_much])
    @given(broken=targets, content=saved_files, laureate=st.sampled_from(REAL_TEXTS))
    def load_one(broken: str, content: bytes, laureate: str) -> None:
        examples.append(broken)
        (tmp_path / THEMES).write_text(THEMES_TEXT, encoding="utf-8")
        (tmp_path / FILE).write_text(laureate, encoding="utf-8")
        (tmp_path / broken).write_bytes(content)
        _check_invariants(tmp_path, broken, content)

    started = time.monotonic()
    load_one()
    elapsed = time.monotonic() - started
    assert len(examples) >= EXAMPLES
    print(f"\n{len(examples)} fichiers modifiés chargés en {elapsed:.1f} s")
    shutil.rmtree(projects)
