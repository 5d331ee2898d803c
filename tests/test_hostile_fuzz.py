"""Hostile files, grown by Hypothesis: aliases that multiply a text, brackets, quotes and
lists nested thousands deep, values of megabytes, control and invisible characters,
addresses that browsers and Python read differently. For each one, the catalogue
either reports it cleanly or accepts it and renders pages with nothing unsafe in them,
within a budget of memory and CPU time set by the operating system (`resource`
limits), not measured by the clock: a busy machine makes it slower, never failing.
"""

from __future__ import annotations

import resource
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from showcase import format_github, format_human, load_catalog, render_pages
from showcase.report import MAX_LINE

EXAMPLES = 150
# Each document may use this much CPU time, and the whole process this much more
# memory than it had: a 164 KB file once used 4.6 GB and a 256 KB one over 300 s.
CPU_SECONDS_PER_DOCUMENT = 10
EXTRA_MEMORY = 1_000_000_000
THEMES_TEXT = (ROOT / "projects" / "_themes.yml").read_text(encoding="utf-8")
HEAD = ('commune: Renac\ndepartment: "35"\nyear: 2021\n'
        'summary: Un résumé assez long pour la validation, qui décrit le projet de la commune.\n')
TRAPS = ["\\x00", "\\x01", "\\x1b", "\\x7f", "\\x85", "\\x9f", "\\u200b", "\\u202e", "\\u2066",
         "\\u3164", "\\ufeff", "\\u2028", "\\t", "\\r"]
ADDRESSES = ["https://evil.example\\\\@www.youtube.com/watch?v=abcdefgh", "https://[::1/",
             "https://e x.fr/", "https://e.fr:99999/", "https://u:p@e.fr/", "http://e.fr/",
             "https://e.fr/\\npage", "javascript:alert(1)", "https://www.youtube.com/watch?v=abcdefgh",
             "HTTPS://E.FR/a/../b", "https://xn--e-9ga.fr/", "https://e.fr/%2e%2e/x"]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def alias_bombs(draw: st.DrawFn) -> str:
    """A text repeated by levels of aliases, used where a text or a list is expected."""
    size = draw(st.sampled_from([10, 1_000, 50_000, 100_000]))
    lines = [f'a0: &a0 "{"b" * size}"']
    for level in range(1, draw(st.integers(1, 4)) + 1):
        repeat = draw(st.integers(2, 40))
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * repeat) + "]")
    field = draw(st.sampled_from(["theme", "title", "links", "testimonials", "story"]))
    target = f"*a{draw(st.integers(0, len(lines) - 1))}"
    if field == "links":
        target = f"[{{label: L, url: {target}}}, {target}]"
    return HEAD + "\n".join(lines) + f"\n{field}: {target}\n" + (
        "" if field == "theme" else "theme: accueil-des-usagers\n") + (
        "" if field == "title" else "title: Un titre\n")


@st.composite
def nestings(draw: st.DrawFn) -> str:
    depth = draw(st.sampled_from([5, 9, 100, 3_000, 20_000]))
    kind = draw(st.sampled_from(["flow", "quotes", "lists", "emphasis", "mixed"]))
    body = "theme: accueil-des-usagers\ntitle: Un titre\n"
    if kind == "flow":
        return HEAD + body + "links: " + "[" * depth + "]" * depth + "\n"
    if kind == "quotes":
        story = ">" * depth + " x"
    elif kind == "lists":
        story = "\n".join("  " * level + "- x" for level in range(min(depth, 2_000)))
    elif kind == "emphasis":
        story = "*" * depth + "x" + "*" * depth
    else:
        story = "> - " * depth + "x"
    return HEAD + body + "story: " + _quoted(story) + "\n"


@st.composite
def long_values(draw: st.DrawFn) -> str:
    size = draw(st.sampled_from([300, 20_001, 200_000, 1_200_000]))
    field = draw(st.sampled_from(["title", "story", "theme", "commune", "unknown", "links"]))
    value = draw(st.sampled_from(["x", "é", "<", "=", "[a](b) "])) * size
    text = HEAD.replace("commune: Renac\n", "") if field == "commune" else HEAD
    text += "" if field == "theme" else "theme: accueil-des-usagers\n"
    text += "" if field == "title" else "title: Un titre\n"
    if field == "links":
        return text + f"links: [{{label: L, url: {_quoted('https://e.fr/' + value)}}}]\n"
    return text + f"{'champ-' + value[:100_000] if field == 'unknown' else field}: {_quoted(value)}\n"


@st.composite
def traps(draw: st.DrawFn) -> str:
    """Control, bidi and invisible characters (as YAML escapes) and hostile addresses."""
    fields = {"title": "Un titre", "theme": "accueil-des-usagers", "story": "Un récit.",
              "support": "Un appui."}
    for _ in range(draw(st.integers(1, 3))):
        field = draw(st.sampled_from(sorted(fields)))
        where = draw(st.integers(0, len(fields[field])))
        fields[field] = fields[field][:where] + "\x00" + fields[field][where:]
    escaped = {name: '"' + value.replace("\x00", draw(st.sampled_from(TRAPS))) + '"'
               for name, value in fields.items()}
    text = HEAD + "".join(f"{name}: {value}\n" for name, value in escaped.items())
    address = draw(st.sampled_from(ADDRESSES))
    place = draw(st.sampled_from(["links", "video", "source"]))
    if place == "links":
        return text + f"links: [{{label: L, url: {_quoted(address)}}}]\n"
    if place == "video":
        return text + f"video: {{url: {_quoted(address)}, title: V}}\n"
    return text + f"testimonials: [{{quote: Q, author: A, source: {_quoted(address)}}}]\n"


hostile_documents = st.one_of(alias_bombs(), nestings(), long_values(), traps())


class _OverBudget(Exception):
    pass


def _over_budget(signum: int, frame: FrameType | None) -> None:
    raise _OverBudget(f"plus de {CPU_SECONDS_PER_DOCUMENT} s de calcul pour un seul fichier")


def _virtual_memory() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize in /proc/self/status")


@pytest.fixture
def memory_budget() -> Iterator[None]:
    """The process may grow by EXTRA_MEMORY at most while the test runs: beyond, Python
    raises MemoryError, which fails the example instead of swapping the machine."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _virtual_memory() + EXTRA_MEMORY
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard),
                                            hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_every_hostile_document_is_reported_or_rendered_safely_within_budget(
        tmp_path: Path, memory_budget: None) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    (projects / "_themes.yml").write_text(THEMES_TEXT, encoding="utf-8")
    seen: list[int] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(document=hostile_documents)
    def load_one(document: str) -> None:
        seen.append(len(document))
        (projects / "cas.yml").write_text(document, encoding="utf-8")
        previous = signal.signal(signal.SIGPROF, _over_budget)
        signal.setitimer(signal.ITIMER_PROF, CPU_SECONDS_PER_DOCUMENT)  # CPU time, not the clock
        try:
            result = load_catalog(tmp_path)
            if result.problems:
                for report in (format_human(result.problems), format_github(result.problems)):
                    assert "Traceback" not in report
                    assert max(len(line) for line in report.splitlines()) <= MAX_LINE + 100
                    assert not any(c in report for c in "\x00\x01\x1b\x7f\x85\u202e")
                assert all(problem.file == "projects/cas.yml" for problem in result.problems)
            else:
                pages = render_pages(result.catalog)
                page = next(page for page in pages if page.source == "projects/cas.yml")
                assert "<script" not in page.markdown and "javascript:" not in page.markdown
                assert not any(unsafe in page.markdown for unsafe in "\x00\x01\x1b\x7f\u202e")
                assert len(page.markdown) < 200_000
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)

    load_one()
    assert len(seen) >= EXAMPLES
    print(f"\n{len(seen)} fichiers hostiles, jusqu'à {max(seen) // 1000} Ko chacun")
