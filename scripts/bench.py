"""Benchmark of the site build at 100 and 1,000 synthetic laureates (`make bench`).

Not a test: it asserts no timing, it prints two tables of figures against the
targets (the build, then search) and writes them to bench-results/latest.md.

For each size N it generates N synthetic but valid laureates (real communes,
three testimonials, a ~400-word story) into a temporary copy of the project
(mkdocs.yml, docs/, hooks/, overrides/, projects/_themes.yml; the real
laureates are left out so that N is exact), then measures:

- the generator alone, in-process: load_catalog + render_pages, median of runs;
- a strict build with the hook, and a strict build of the same pages written by
  `python -m showcase render` into docs/ with no hook (same theme, plugins and
  nav; the home page markers filled with `render_fragments`), interleaved; the
  plain build has none of the hook's other work (sharing metadata, open data
  exports, feed, accent-free search fields), so the ratio counts it all;
- the peak memory of a build, the search index per laureate, and the gzip
  weight of the heaviest laureate page with the CSS and JavaScript it references;
- in Chromium (if Playwright and a browser are available), whether a visitor
  downloads the search index on page load or only when searching;
- search, on the real site and at the largest N, the previous one (the plain build's
  Material search, lunr) beside Pagefind (the hook build's), in Chromium through each
  one's own box: bytes before the first search, up to the first and the fourth query's
  results, time from the last keystroke to the first result, indexing time, index size.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import html.parser
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    import cProfile
    import pstats

    from playwright.sync_api import Page, Request

    from showcase.territories import Commune

ROOT = Path(__file__).resolve().parent.parent
# `showcase` is imported inside the functions: main() first puts the measured copy's
# hooks/ at the front of sys.path, so that the in-process figures and the builds run
# the same code (the working tree moves while other people edit it).

DEFAULT_OUTPUT = ROOT / "bench-results" / "latest.md"
# What a copy of the project needs to build, without the real laureates.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "projects/_themes.yml")
# The copy measured, with the real laureates: the real site's search is measured too.
SOURCE_PARTS = ("mkdocs.yml", "docs", "hooks", "overrides", "projects")
GZIP_LEVEL = 6  # gzip's and most web servers' default

# The targets of the issue, all on medians.
TARGET_GENERATOR_MS = 1.0  # per laureate, at the largest N
TARGET_HOOK_RATIO = 1.05  # hook build / plain build
TARGET_SCALING = 11.0  # t(1,000) / t(100) of the hook build
TARGET_PAGE_KB = 80.0  # a laureate page with its CSS and JS, gzip


# --- Synthetic laureates ----------------------------------------------------------------

_WORDS = {
    "noun": ("accueil", "agent", "usager", "guichet", "service", "mairie", "équipe", "projet",
             "atelier", "habitant", "espace", "parcours", "outil", "démarche", "bureau",
             "médiathèque", "collectivité", "organisation", "formation", "rencontre",
             "prototype", "quartier", "démarche", "signalétique", "permanence", "élu"),
    "adjective": ("nouvel", "commun", "simple", "partagé", "clair", "apaisé", "accessible",
                  "numérique", "municipal", "quotidien", "collectif", "rural", "ouvert",
                  "durable", "concret", "territorial"),
    "verb": ("repense", "imagine", "teste", "améliore", "construit", "accompagne", "observe",
             "simplifie", "réorganise", "prototype", "partage", "mesure", "ouvre", "transforme"),
    "link": ("avec", "pour", "dans", "autour de", "grâce à", "auprès de", "depuis", "sans"),
}
_FIRST_NAMES = ("Anne", "Bruno", "Claire", "David", "Élise", "François", "Gaëlle", "Hugo",
                "Inès", "Julien", "Karima", "Louis", "Manon", "Nicolas", "Océane", "Pierre")
_LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
               "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "Roux")
_ROLES = ("maire", "adjointe au maire chargée de la vie citoyenne", "directrice générale des services",
          "agent d'accueil", "responsable des ressources humaines", "secrétaire de mairie",
          "designer de services du Fonds MNT", "président de la communauté de communes")
_FIRST_YEAR, _LAST_YEAR = 2020, 2025


@dataclass(frozen=True)
class SyntheticLaureate:
    slug: str
    text: str  # the YAML file


def pick_communes(count: int) -> list[Commune]:
    """`count` real communes spread evenly over the INSEE code order (all departments)."""
    from showcase.territories import TERRITORIES_DIR, load_territories

    territories = load_territories()
    with (TERRITORIES_DIR / "communes.tsv").open(encoding="utf-8") as rows:
        next(rows)  # header
        codes = [row.split("\t", 1)[0] for row in rows if row.strip()]
    step = len(codes) / count
    communes = [territories.commune(codes[int(index * step)]) for index in range(count)]
    return [commune for commune in communes if commune is not None]


def synthetic_laureates(count: int, themes: Sequence[str], seed: str = "bench") -> list[SyntheticLaureate]:
    """`count` valid laureate files, the same ones for the same arguments."""
    from showcase.folding import slugify

    laureates: list[SyntheticLaureate] = []
    slugs: set[str] = set()
    for index, commune in enumerate(pick_communes(count)):
        slug = slugify(commune.name)
        if slug in slugs:  # a name shared by several communes
            slug = f"{slug}-{commune.insee.lower()}"
        slugs.add(slug)
        rng = random.Random(f"{seed}-{index}")
        laureates.append(SyntheticLaureate(slug, _laureate_yaml(rng, index, commune, themes)))
    return laureates


def write_laureates(projects: Path, laureates: Sequence[SyntheticLaureate]) -> None:
    for laureate in laureates:
        (projects / f"{laureate.slug}.yml").write_text(laureate.text, encoding="utf-8")


def _laureate_yaml(rng: random.Random, index: int, commune: Commune, themes: Sequence[str]) -> str:
    chosen = rng.sample(list(themes), k=1 if rng.random() < 0.6 else min(2, len(themes)))
    text = _Text(rng)
    lines = [
        f"commune: {_quoted(commune.name)}",
        "kind: commune",
        f"department: {_quoted(commune.department_code)}",
        f"year: {_FIRST_YEAR + index % (_LAST_YEAR - _FIRST_YEAR + 1)}",
        f"theme: [{', '.join(chosen)}]",
        f"title: {_quoted(text.title(commune.name))}",
        f"summary: {_quoted(text.summary())}",
        "story: |",
        *(f"  {line}" if line else "" for line in text.story().splitlines()),
        f"support: {_quoted(text.sentence(10, 16))}",
        "testimonials:",
    ]
    for number in range(3):
        lines += [
            f"  - quote: {_quoted(text.sentences(3, 10, 16))}",
            f"    author: {_quoted(rng.choice(_FIRST_NAMES) + ' ' + rng.choice(_LAST_NAMES))}",
            f"    role: {_quoted(rng.choice(_ROLES))}",
            f"    source: https://www.exemple.fr/temoignages/{index}-{number}",
        ]
    if index % 7 == 0:
        lines += ["video:", f"  url: https://www.youtube.com/watch?v=bench{index:06d}",
                  f"  title: {_quoted(text.title(commune.name))}"]
    lines += ["links:", f"  - label: {_quoted('Le projet de ' + commune.name)}",
              f"    url: https://www.exemple.fr/projets/{index}"]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Text:
    """French-looking filler: grammatical enough to look like prose to the search index."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def word(self, kind: str) -> str:
        return self.rng.choice(_WORDS[kind])

    def noun_phrase(self) -> str:
        noun = self.word("noun")
        return ("l'" if noun[0] in "aeiouéh" else "le ") + noun

    def sentence(self, low: int, high: int) -> str:
        words: list[str] = []
        target = self.rng.randint(low, high)
        while len(words) < target:
            words += [self.noun_phrase(), self.word("adjective"), self.word("verb"),
                      self.noun_phrase(), self.word("link")]
        words = words[:target] + ["les", self.word("noun").rstrip("s") + "s"]
        return (" ".join(words)).capitalize() + "."

    def sentences(self, count: int, low: int, high: int) -> str:
        return " ".join(self.sentence(low, high) for _ in range(count))

    def summary(self) -> str:
        """Two sentences within the 40 to 280 characters a summary may have."""
        text = self.sentences(2, 8, 12)
        return text if len(text) <= 280 else text[: text.index(".") + 1]

    def title(self, place: str) -> str:
        return f"{self.word('noun').capitalize()} {self.word('adjective')} à {place}"[:120]

    def story(self) -> str:
        """About 400 words: three sections of two paragraphs, a list, some bold."""
        parts = []
        for section in range(3):
            parts.append(f"### {self.sentence(3, 5).rstrip('.')}")
            parts.append(self.sentences(3, 12, 18).replace(" la ", " **la** ", 1))
            parts.append(self.sentences(2, 12, 18))
            if section == 1:
                parts.append("\n".join(f"- {self.sentence(5, 9)}" for _ in range(3)))
        return "\n\n".join(parts)


# --- Projects to build -----------------------------------------------------------------


def copy_project(source: Path, target: Path, parts: Sequence[str] = PROJECT_PARTS) -> None:
    """The parts of the project a build needs, by default without the real laureates."""
    for part in parts:
        origin, destination = source / part, target / part
        destination.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, destination, ignore=shutil.ignore_patterns("__pycache__", ".*cache"))
        else:
            shutil.copy2(origin, destination)


def snapshot_of_revision(revision: str, target: Path) -> Path:
    """The project parts as committed in `revision` (`git archive`), in `target`."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision,
                              *SOURCE_PARTS], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def make_hook_project(source: Path, target: Path, count: int) -> list[SyntheticLaureate]:
    """A copy of the project with `count` synthetic laureates instead of the real ones."""
    import showcase

    copy_project(source, target)
    themes = list(showcase.load_catalog(target).catalog.themes)
    laureates = synthetic_laureates(count, themes)
    write_laureates(target / "projects", laureates)
    return laureates


def make_plain_project(hook_project: Path, target: Path) -> None:
    """The same site without the hook: pages written by `python -m showcase render` into
    docs/, the home page markers filled in, and a config without our hook (nor `watch:`,
    which points at folders this copy does not need), but for the globals the theme reads."""
    import showcase
    from showcase.theme import theme_globals
    from showcase.urls import DIRECTORY_URLS

    target.mkdir(parents=True)
    shutil.copytree(hook_project / "docs", target / "docs")
    shutil.copytree(hook_project / "overrides", target / "overrides")
    with_material_search(target / "overrides")
    result = subprocess.run([sys.executable, "-m", "showcase", "--root", str(hook_project),
                             "render", str(target / "docs")], env=_build_env(hook_project),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"showcase render failed:\n{result.stdout}{result.stderr}")
    index = target / "docs" / "index.md"
    catalog = showcase.load_catalog(hook_project).catalog
    index.write_text(showcase.replace_markers(index.read_text(encoding="utf-8"),
                                              showcase.render_fragments(catalog, here="index.md")),
                     encoding="utf-8")
    config = without_top_level_keys((hook_project / "mkdocs.yml").read_text(encoding="utf-8"),
                                    ("hooks", "watch"))
    # The theme's overrides, copied as they are, read a few of the showcase's globals (our
    # pages' addresses): a hook of a few lines gives them, nothing of the showcase's work.
    values = theme_globals(DIRECTORY_URLS, catalog.listings)
    (target / "theme_globals.py").write_text(THEME_GLOBALS_HOOK.format(values=values),
                                             encoding="utf-8")
    config += "\nhooks:\n  - theme_globals.py\n"
    # The comparison is plain Material, whose build makes its own search index (lunr):
    # the hook's Pagefind index is part of what the ratio counts.
    config = config.replace("plugins: []", MATERIAL_SEARCH)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")


def with_material_search(overrides: Path) -> None:
    """The overrides without our search: Material's header, with its search box, in place
    of ours (a button for Pagefind), and no Pagefind dialog at the end of the page."""
    main = overrides / "main.html"
    include = '{% include "partials/search.html" %}'
    text = main.read_text(encoding="utf-8")
    if include not in text:
        raise SystemExit(f"{main}: no {include} to take out for the plain build")
    main.write_text(text.replace(include, ""), encoding="utf-8")
    (overrides / "partials" / "header.html").unlink()
    (overrides / "partials" / "search.html").unlink()


THEME_GLOBALS_HOOK = """def on_env(env, **_):
    env.globals.update({values!r})
    return env
"""

MATERIAL_SEARCH = """plugins:
  - search:
      lang: fr
      separator: '[\\s\\-''’]+'"""


def without_top_level_keys(config: str, keys: Sequence[str]) -> str:
    """The YAML text without the blocks of the given top-level keys (text-level: the
    config holds `!ENV` tags that a safe loader refuses)."""
    kept, skipping = [], False
    for line in config.splitlines(keepends=True):
        if line.strip() and line[0] not in " \t#-":  # a new top-level key
            skipping = line.split(":", 1)[0] in keys
        if not skipping:
            kept.append(line)
    return "".join(kept)


def _build_env(project: Path) -> dict[str, str]:
    return dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "hooks"),
                SOURCE_DATE_EPOCH="1764374400")


# --- Measures --------------------------------------------------------------------------


@dataclass
class Build:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system of the build process: steadier on a busy machine
    max_rss_mb: float


def timed_build(project: Path, site: Path, *, profile: Path | None = None) -> Build:
    """One `mkdocs build --strict` (never -q, it hides strict failures), with the CPU time
    and peak memory of that process alone (wait4's rusage)."""
    profiler = ["-m", "cProfile", "-o", str(profile)] if profile else []
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, *profiler, "-m", "mkdocs", "build", "--strict",
                                    "--site-dir", str(site)], cwd=project,
                                   env=_build_env(project), stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"build failed in {project}:\n{log.read().decode(errors='replace')}")
    return Build(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


@dataclass
class Generator:
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    pages: int = 0
    markdown_bytes: int = 0


def time_generator(project: Path, runs: int) -> Generator:
    """load_catalog + render_pages in this process, `runs` times. The first run also reads
    the territory data, cached for the process afterwards, as in a build."""
    import showcase

    measured = Generator()
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        result = showcase.load_catalog(project)
        pages = showcase.render_pages(result.catalog)
        measured.seconds.append(time.perf_counter() - start)
        measured.cpu_seconds.append(time.process_time() - cpu)
        if result.problems:
            raise SystemExit(showcase.format_human(result.problems))
    measured.pages = len(pages)
    measured.markdown_bytes = sum(len(page.markdown.encode()) for page in pages)
    return measured


def profile_generator(project: Path, output: Path) -> None:
    """A CPU-time profile of one load_catalog + render_pages."""
    import cProfile

    import showcase

    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(lambda: showcase.render_pages(showcase.load_catalog(project).catalog))
    write_profile(profiler, output)


def write_profile(profile: cProfile.Profile | Path, output: Path, lines: int = 35) -> str:
    """The top functions of a profile, by cumulated time then by own time, after the
    share of the hook (its events and the import of the package); returns that share."""
    import io
    import pstats

    text = io.StringIO()
    stats = pstats.Stats(str(profile) if isinstance(profile, Path) else profile, stream=text)
    share = hook_share(stats)
    text.write(share + "\n\n")
    stats.strip_dirs()
    stats.sort_stats("cumulative").print_stats(lines)
    stats.sort_stats("tottime").print_stats(lines)
    output.write_text(text.getvalue(), encoding="utf-8")
    return share


def hook_share(stats: pstats.Stats) -> str:
    """`on_config 8.3 %, on_files 4.6 %, …` of the profiled total, or "" without a hook."""
    entries = stats.stats  # type: ignore[attr-defined]  # (file, line, name) → times, untyped
    total = max((entry[3] for entry in entries.values()), default=0.0)
    parts: dict[str, float] = {}
    for (filename, _, function), (_, _, _, cumulated, _) in entries.items():
        if filename.endswith("showcase_hook.py") and function.startswith("on_"):
            parts[function] = parts.get(function, 0.0) + cumulated
        elif filename.endswith("showcase/__init__.py") and function == "<module>":
            parts["import showcase"] = cumulated
    if not parts or not total:
        return ""
    listed = ", ".join(f"{name} {seconds / total:.1%}" for name, seconds in
                       sorted(parts.items(), key=lambda item: -item[1]) if seconds / total >= 0.001)
    return f"hook : {sum(parts.values()) / total:.1%} du build profilé ({listed})"


@dataclass
class PageWeight:
    page: str
    html: int
    assets: dict[str, int]  # local CSS and JS the page references, gzip bytes

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())


class _AssetLinks(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "stylesheet" and values.get("href"):
            self.urls.append(values["href"] or "")
        elif tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def page_weight(site: Path, page: Path) -> PageWeight:
    """The HTML of `page` and every local stylesheet and script it references, gzip."""
    text = page.read_bytes()
    parser = _AssetLinks()
    parser.feed(text.decode("utf-8"))
    assets = {}
    for url in parser.urls:
        if urlsplit(url).scheme or url.startswith("//"):
            continue  # not ours to weigh (and none is expected: no CDN)
        path = (page.parent / urlsplit(url).path).resolve()
        if path.is_file() and site.resolve() in path.parents:
            assets[path.relative_to(site.resolve()).as_posix()] = gzip_size(path.read_bytes())
    return PageWeight(page.relative_to(site).as_posix(), gzip_size(text), assets)


def heaviest_laureate_page(site: Path) -> PageWeight:
    pages = list((site / "laureats").glob("*/index.html"))
    heaviest = max(pages, key=lambda p: gzip_size(p.read_bytes()))
    return page_weight(site, heaviest)


def search_index_sizes(site: Path) -> tuple[int, int]:
    """The search index (raw, gzip): Pagefind's files (already compressed, the interface's
    script and style excluded) or Material's search_index.json."""
    bundle = site / "pagefind"
    if bundle.is_dir():
        size = sum(path.stat().st_size for path in bundle.rglob("*")
                   if path.is_file() and (path.suffix.startswith(".pf") or path.suffix == ".pagefind"))
        return size, size
    data = (site / "search" / "search_index.json").read_bytes()
    return len(data), gzip_size(data)


@dataclass
class BrowserCheck:
    on_load: list[str] = field(default_factory=list)  # search files fetched with the page
    on_search: list[str] = field(default_factory=list)  # fetched once the visitor searches
    page_gzip: int = 0  # what the page fetched by itself, search index excluded
    index_gzip: int = 0  # the search index, if the page fetched it by itself
    note: str = ""


def browser_check(site: Path, page: str) -> BrowserCheck:
    """What Chromium fetches when it opens `page`, then when the visitor types in the
    search box (Material fetches the index at page load over http: `setupSearchWorker`)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return BrowserCheck(note="Playwright absent : vérification dans Chromium sautée")
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        return BrowserCheck(note="Chromium absent : vérification dans Chromium sautée")
    requested: list[str] = []
    with _serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            tab = browser.new_page()
            tab.on("request", lambda request: requested.append(request.url))
            tab.goto(urljoin(base, page), wait_until="networkidle")
            tab.wait_for_timeout(1000)
            on_load = list(requested)
            tab.keyboard.press("/")  # opens Pagefind's dialog (loaded only now)
            tab.locator("pagefind-input input").click(timeout=10_000)
            tab.keyboard.type("accueil")
            tab.wait_for_timeout(1000)
        except Exception as error:  # noqa: BLE001 (a browser hiccup must not cost the other figures)
            return BrowserCheck(note=f"vérification dans Chromium en échec : {error!s:.200}")
        finally:
            browser.close()
    check = BrowserCheck([_file_name(u) for u in on_load if _SEARCH_FILES.search(u)],
                         [_file_name(u) for u in requested[len(on_load):] if _SEARCH_FILES.search(u)])
    for url in dict.fromkeys(on_load):  # each file once, as a browser cache would
        path = site / urlsplit(url).path.lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        if urlsplit(url).netloc == urlsplit(base).netloc and path.is_file() and \
                path.suffix in (".html", ".css", ".js", ".json", ".xml"):
            size = gzip_size(path.read_bytes())
            if path.name == "search_index.json":
                check.index_gzip += size
            else:
                check.page_gzip += size
    return check


_SEARCH_FILES = re.compile(r"search_index\.json|/workers/search\.|/pagefind/")


def _file_name(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1]


# What a web server compresses (Pagefind's own files come gzipped already).
_COMPRESSED_TYPES = (".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt")


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves the site as a web server would: text gzipped (level 6) when asked for, so
    that what Chromium reports as transferred is what a visitor downloads."""

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlsplit(self.path).path.endswith("/"):
            path = path / "index.html"
        if path.suffix not in _COMPRESSED_TYPES or not path.is_file() or \
                "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def _serve(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --- Search, the previous one (Material, lunr) and Pagefind, side by side ----------------

# Four queries that find laureates on the real site and among the synthetic ones.
SEARCH_QUERIES = ("médiathèque", "accueil des usagers", "secrétaire de mairie", "agents")
QUIET_MS = 500  # results are final once nothing has changed in the page for this long
SEARCH_PASSES = 3  # fresh browsers per engine and site; the times are their medians


@dataclass(frozen=True)
class SearchUI:
    """How a visitor meets one engine's search in the page."""

    engine: str
    files: re.Pattern[str]  # the requests that are search's
    field: str  # the query field
    result: str  # a result, once shown
    done: str  # JavaScript: (query) => whether what is shown answers that query
    none: str  # JavaScript: () => whether that answer is "no result"
    cleared: str  # JavaScript: () => whether the emptied field's answer is shown
    ready: str = "() => true"  # JavaScript: whether search can answer yet


LUNR = SearchUI(
    "lunr", re.compile(r"search_index\.json|/workers/search\.|/javascripts/lunr/"),
    "input.md-search__input", ".md-search-result__item",
    "q => document.querySelector('input.md-search__input').value === q && !document"
    ".querySelector('.md-search-result__meta').textContent.includes('Taper pour')",
    "() => document.querySelector('.md-search-result__meta').textContent.includes('Aucun')",
    "() => document.querySelector('.md-search-result__meta').textContent.includes('Taper pour')",
    "() => !document.querySelector('.md-search-result__meta')?.textContent"
    ".includes('Initialisation')")
PAGEFIND = SearchUI(
    "Pagefind", re.compile(r"/pagefind/"), "pagefind-input input", ".pf-result-link",
    "q => (document.querySelector('pagefind-summary')?.textContent || '').includes(q)",
    "() => !document.querySelector('pagefind-results li')",
    "() => !document.querySelector('.pf-result-link')")

# Times, in the page: the last key pressed, when each first result appeared, the last change.
_WATCH_SCRIPT = """(() => {
  const bench = window.__bench = { keydown: 0, changed: 0, seen: new WeakMap() };
  addEventListener("keydown", () => { bench.keydown = performance.now(); }, true);
  new MutationObserver(() => {
    const now = performance.now(), first = document.querySelector(%s);
    bench.changed = now;
    if (first && !bench.seen.has(first)) bench.seen.set(first, now);
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();"""


@dataclass
class SearchRun:
    """What one visitor downloads and waits for, on one engine's site: gzip bytes of each
    search file (each once, as the browser's cache would), cumulated at each step."""

    before: dict[str, int] = field(default_factory=dict)  # page loaded, search not opened
    first: dict[str, int] = field(default_factory=dict)  # up to the first query's results
    four: dict[str, int] = field(default_factory=dict)  # up to the fourth query's results
    result_ms: list[float | None] = field(default_factory=list)  # last keystroke → first
    # result, for each query (None: it found nothing)
    ready_s: float | None = None  # lunr: index usable, after the page's load event
    note: str = ""
    passes: int = 1  # browsers the times are the medians of


@dataclass
class SearchSide:
    count: int
    engine: str
    run: SearchRun
    index_seconds: float | None = None  # Pagefind's indexing in the build
    index_files: tuple[int, int] = (0, 0)  # the index on disk: raw, gzip


def measure_search(site: Path, page: str, ui: SearchUI,
                   queries: Sequence[str] = SEARCH_QUERIES) -> SearchRun:
    """Chromium, fresh profile: open `page`, open search with "/", type each query."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return SearchRun(note="Playwright absent")
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with _serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            return _search_session(browser.new_page(), urljoin(base, page), ui, queries)
        except Exception as error:  # noqa: BLE001 (a browser hiccup must not cost the other figures)
            return SearchRun(note=f"échec dans Chromium : {error!s:.300}")
        finally:
            browser.close()


def _search_session(tab: Page, url: str, ui: SearchUI, queries: Sequence[str]) -> SearchRun:
    finished: list[Request] = []
    tab.on("requestfinished", lambda request: finished.append(request))
    tab.add_init_script(_WATCH_SCRIPT % repr(ui.result))
    run = SearchRun()
    tab.goto(url, wait_until="load")
    tab.wait_for_function(ui.ready, timeout=120_000)
    if ui.engine == "lunr":
        run.ready_s = tab.evaluate("performance.now() - performance.getEntriesByType("
                                   "'navigation')[0].loadEventEnd") / 1000
    tab.wait_for_load_state("networkidle")
    run.before = _search_bytes(finished, ui)
    tab.keyboard.press("/")
    tab.locator(ui.field).wait_for(timeout=30_000)
    for number, query in enumerate(queries):
        run.result_ms.append(_time_query(tab, ui, query))
        if number == 0:
            run.first = _search_bytes(finished, ui)
    run.four = _search_bytes(finished, ui)
    return run


def _time_query(tab: Page, ui: SearchUI, query: str) -> float | None:
    """Empty the field, enter `query`; ms from its last keystroke to its first result, or
    None if it found nothing.

    The query arrives whole (filled in, then a key pressed, as when pasting): lunr, which
    searches at every key without waiting, would otherwise search each beginning of the
    query in turn, and at 1,000 laureates its answers come seconds late, after the
    field has been emptied for the next query."""
    field = tab.locator(ui.field)
    field.fill("")
    field.press("End")  # Material reads the field on a key being released
    tab.wait_for_function(ui.cleared, timeout=30_000)
    field.fill(query)
    field.press("End")
    first = f"window.__bench.seen.get(document.querySelector({ui.result!r}))"
    tab.wait_for_function(
        f"([query, quiet]) => ({ui.done})(query) && ({first} > window.__bench.keydown || "
        f"({ui.none})()) && performance.now() - window.__bench.changed > quiet",
        arg=[query, QUIET_MS], timeout=60_000)
    if tab.evaluate(ui.none):
        return None
    return float(tab.evaluate(f"() => {first} - window.__bench.keydown"))


def _search_bytes(finished: Sequence[Request], ui: SearchUI) -> dict[str, int]:
    """Gzip bytes received for each search file so far: the body as transferred, which
    the test server announces in Content-Length (Chromium's own count is 0 for a
    worker's script)."""
    sizes: dict[str, int] = {}
    for request in finished:
        response = request.response()
        if ui.files.search(request.url) and request.url not in sizes and response:
            sizes[request.url] = int(response.headers.get("content-length") or
                                     request.sizes()["responseBodySize"])
    return sizes


# Pagefind's files by kind, for the breakdown of where the bytes go.
_SEARCH_FILE_KINDS = (
    ("interface", re.compile(r"-ui\.(js|css)$")), ("pagefind.js", re.compile(r"^pagefind\.js$")),
    ("worker", re.compile(r"worker|^search\.[0-9a-f]+\.min\.js$")),
    ("wasm", re.compile(r"\.pagefind$")), ("méta", re.compile(r"\.pf_meta$|-entry\.json$")),
    ("filtres", re.compile(r"\.pf_filter$")), ("index", re.compile(r"\.pf_index$|_index\.json$")),
    ("fragments", re.compile(r"\.pf_fragment$")), ("lunr", re.compile(r"^lunr")),
)


def search_breakdown(sizes: dict[str, int]) -> dict[str, tuple[int, int]]:
    """kind → (files, gzip bytes), in the order above."""
    kinds: dict[str, tuple[int, int]] = {}
    for url, size in sizes.items():
        name = _file_name(url)
        kind = next((k for k, pattern in _SEARCH_FILE_KINDS if pattern.search(name)), name)
        files, total = kinds.get(kind, (0, 0))
        kinds[kind] = (files + 1, total + size)
    order = [kind for kind, _ in _SEARCH_FILE_KINDS]
    return dict(sorted(kinds.items(), key=lambda item: order.index(item[0])
                       if item[0] in order else len(order)))


def time_pagefind_index(site: Path) -> float:
    """Seconds for showcase.search to index the built site again, from nothing."""
    from showcase import search

    shutil.rmtree(site / search.OUTPUT_DIR)
    start = time.perf_counter()
    search.write_index(site)
    return time.perf_counter() - start


def search_sides(count: int, hook_site: Path, plain_site: Path, say: Callable[[str], None],
                 passes: int = SEARCH_PASSES) -> list[SearchSide]:
    """The previous search (the plain build's lunr) and Pagefind (the hook build's), in
    alternate passes so that a busy machine weighs on both alike."""
    page = heaviest_laureate_page(hook_site).page
    say(f"N = {count} : indexation Pagefind")
    seconds = time_pagefind_index(hook_site)
    lunr: list[SearchRun] = []
    pagefind: list[SearchRun] = []
    for number in range(passes):
        say(f"N = {count} : recherche dans Chromium, passe {number + 1}/{passes}, lunr puis Pagefind")
        lunr.append(measure_search(plain_site, page, LUNR))
        pagefind.append(measure_search(hook_site, page, PAGEFIND))
    return [SearchSide(count, LUNR.engine, median_run(lunr), index_files=search_index_sizes(plain_site)),
            SearchSide(count, PAGEFIND.engine, median_run(pagefind), seconds,
                       search_index_sizes(hook_site))]


def median_run(runs: Sequence[SearchRun]) -> SearchRun:
    """The passes as one: the first's bytes, each query's median time (None if it found
    nothing in any pass), the median time for lunr's index to be ready."""
    done = [run for run in runs if not run.note]
    if not done:
        return runs[0]
    times = [[run.result_ms[index] for run in done] for index in range(len(done[0].result_ms))]
    ready = [run.ready_s for run in done if run.ready_s is not None]
    return dataclasses.replace(
        done[0], passes=len(done),
        result_ms=[None if None in query else statistics.median(q for q in query if q is not None)
                   for query in times],
        ready_s=statistics.median(ready) if ready else None)


def real_site_search(source: Path, workdir: Path, say: Callable[[str], None]) -> list[SearchSide]:
    """The real site (its own laureates), built once with the hook and once without."""
    import showcase

    hook_project, plain_project = workdir / "hook-real", workdir / "plain-real"
    copy_project(source, hook_project, SOURCE_PARTS)
    make_plain_project(hook_project, plain_project)
    count = len(showcase.load_catalog(hook_project).catalog.laureates)
    say(f"site réel ({count} lauréats) : un build avec hook, un sans")
    hook_site, plain_site = workdir / "site-hook-real", workdir / "site-plain-real"
    timed_build(hook_project, hook_site)
    timed_build(plain_project, plain_site)
    return search_sides(count, hook_site, plain_site, say)


# --- The table -------------------------------------------------------------------------


@dataclass
class Row:
    measure: str
    values: list[str]
    target: str = ""
    verdict: str = ""


def verdict(holds: bool) -> str:
    return "tenu" if holds else "NON TENU"


def format_table(header: Sequence[str], rows: Sequence[Row]) -> str:
    """A Markdown table, columns padded so that it also reads well in a terminal."""
    cells = [list(header)] + [[row.measure, *row.values, row.target, row.verdict] for row in rows]
    if any(len(line) != len(header) for line in cells):
        raise ValueError("every row needs one value per column")
    widths = [max(len(line[column]) for line in cells) for column in range(len(header))]

    def line(values: Sequence[str]) -> str:
        return "| " + " | ".join(v.ljust(w) for v, w in zip(values, widths)) + " |"

    return "\n".join([line(cells[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *(line(values) for values in cells[1:])])


def machine_description() -> str:
    model, memory = "?", "?"
    try:
        model = next(line.split(":", 1)[1].strip() for line in
                     Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
        memory_kb = next(int(line.split()[1]) for line in
                         Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:"))
        memory = f"{memory_kb / 1024 / 1024:.0f} Gio"
    except (OSError, StopIteration, ValueError):
        pass
    load = f", charge moyenne au départ {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return (f"{os.cpu_count()} cœurs ({model}), {memory} de RAM, Python "
            f"{platform.python_version()}, {platform.system()}{load}")


def yaml_loader() -> str:
    """Which loader the package reads the laureate files with (libyaml's C one is faster)."""
    import yaml

    from showcase import source

    name = getattr(getattr(source, "_Loader", None), "__name__", "inconnu")
    return f"{name} (libyaml {'présent' if yaml.__with_libyaml__ else 'absent'})"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _kb(size: float) -> str:
    return f"{size / 1024:.1f} Ko"


# --- Main --------------------------------------------------------------------------------


@dataclass
class SizeResult:
    count: int
    generator: Generator = field(default_factory=Generator)
    hook: list[Build] = field(default_factory=list)
    plain: list[Build] = field(default_factory=list)
    index: tuple[int, int] = (0, 0)
    weight: PageWeight | None = None

    def build_median(self, kind: str, cpu: bool = False) -> float:
        builds = self.hook if kind == "hook" else self.plain
        return statistics.median(b.cpu_seconds if cpu else b.seconds for b in builds)

    def ratio(self, cpu: bool = False) -> float:
        """Median of the ratios of each interleaved pair (hook, then plain)."""
        return statistics.median((h.cpu_seconds / p.cpu_seconds) if cpu else (h.seconds / p.seconds)
                                 for h, p in zip(self.hook, self.plain))

    def generator_ms_per_laureate(self, cpu: bool = False) -> float:
        times = self.generator.cpu_seconds if cpu else self.generator.seconds
        return statistics.median(times) / self.count * 1000


def measure_size(source: Path, workdir: Path, count: int, builds: int, generator_runs: int,
                 say: Callable[[str], None]) -> tuple[SizeResult, Path, Path, Path]:
    result = SizeResult(count)
    hook_project, plain_project = workdir / f"hook-{count}", workdir / f"plain-{count}"
    say(f"N = {count} : génération de {count} lauréats synthétiques")
    make_hook_project(source, hook_project, count)
    make_plain_project(hook_project, plain_project)
    say(f"N = {count} : générateur seul, {generator_runs} passes")
    result.generator = time_generator(hook_project, generator_runs)
    hook_site, plain_site = workdir / f"site-hook-{count}", workdir / f"site-plain-{count}"
    for run in range(builds):
        result.hook.append(timed_build(hook_project, hook_site))
        result.plain.append(timed_build(plain_project, plain_site))
        say(f"N = {count} : builds {run + 1}/{builds} : avec hook {_s(result.hook[-1].seconds)} "
            f"(CPU {_s(result.hook[-1].cpu_seconds)}), sans hook {_s(result.plain[-1].seconds)} "
            f"(CPU {_s(result.plain[-1].cpu_seconds)})")
    result.index = search_index_sizes(hook_site)
    result.weight = heaviest_laureate_page(hook_site)
    return result, hook_project, hook_site, plain_site


def report(results: list[SizeResult], browser: BrowserCheck | None, runs: str) -> str:
    small, large = results[0], results[-1]
    header = ["mesure (médianes)", *(f"N = {r.count}" for r in results), "cible", "verdict"]

    def row(measure: str, value: Callable[[SizeResult], str], target: str = "",
            holds: bool | None = None) -> Row:
        return Row(measure, [value(r) for r in results], target, "" if holds is None else verdict(holds))

    def only_large(measure: str, value: str, target: str = "", holds: bool | None = None) -> Row:
        return Row(measure, [""] * (len(results) - 1) + [value], target,
                   "" if holds is None else verdict(holds))

    at_large = f"à N = {large.count}"
    rows = [
        row("générateur seul (load_catalog + render_pages)",
            lambda r: _ms(statistics.median(r.generator.seconds))),
        row("générateur par lauréat, temps réel", lambda r: f"{r.generator_ms_per_laureate():.2f} ms",
            f"≤ {TARGET_GENERATOR_MS:g} ms {at_large}",
            large.generator_ms_per_laureate() <= TARGET_GENERATOR_MS),
        row("générateur par lauréat, temps CPU",
            lambda r: f"{r.generator_ms_per_laureate(cpu=True):.2f} ms",
            f"≤ {TARGET_GENERATOR_MS:g} ms {at_large}",
            large.generator_ms_per_laureate(cpu=True) <= TARGET_GENERATOR_MS),
        row("  premier passage (à froid, comme dans un build), temps CPU",
            lambda r: f"{r.generator.cpu_seconds[0] / r.count * 1000:.2f} ms"),
        row("build strict avec hook, temps réel", lambda r: _s(r.build_median("hook"))),
        row("build strict sans hook, temps réel", lambda r: _s(r.build_median("plain"))),
        row("ratio avec / sans hook, temps réel", lambda r: f"{r.ratio():.3f}",
            f"≤ {TARGET_HOOK_RATIO:g} {at_large}", large.ratio() <= TARGET_HOOK_RATIO),
        row("build strict avec hook, temps CPU", lambda r: _s(r.build_median("hook", cpu=True))),
        row("build strict sans hook, temps CPU", lambda r: _s(r.build_median("plain", cpu=True))),
        row("ratio avec / sans hook, temps CPU", lambda r: f"{r.ratio(cpu=True):.3f}",
            f"≤ {TARGET_HOOK_RATIO:g} {at_large}", large.ratio(cpu=True) <= TARGET_HOOK_RATIO),
    ]
    if len(results) > 1:
        for label, cpu in (("temps réel", False), ("temps CPU", True)):
            scaling = large.build_median("hook", cpu) / small.build_median("hook", cpu)
            rows.append(only_large(f"t({large.count}) / t({small.count}) du build avec hook, {label}",
                                   f"{scaling:.2f}", f"≤ {TARGET_SCALING:g}", scaling <= TARGET_SCALING))
    rows += [
        row("mémoire max du build avec hook (RSS)",
            lambda r: f"{statistics.median(b.max_rss_mb for b in r.hook):.0f} Mo"),
        row("mémoire max du build sans hook (RSS)",
            lambda r: f"{statistics.median(b.max_rss_mb for b in r.plain):.0f} Mo"),
        row("Markdown généré", lambda r: f"{r.generator.markdown_bytes / 1024 / 1024:.1f} Mo"),
        row("index de recherche par lauréat, brut", lambda r: _kb(r.index[0] / r.count)),
        row("index de recherche par lauréat, gzip", lambda r: _kb(r.index[1] / r.count)),
        row("index de recherche entier, gzip", lambda r: _kb(r.index[1])),
        row("page lauréat la plus lourde + ses CSS et JS, gzip",
            lambda r: _kb(r.weight.total) if r.weight else "?",
            f"≤ {TARGET_PAGE_KB:g} Ko", large.weight is not None
            and large.weight.total / 1024 <= TARGET_PAGE_KB),
        row("  dont le HTML de la page, gzip", lambda r: _kb(r.weight.html) if r.weight else "?"),
    ]
    if browser is not None and not browser.note:
        rows += [
            only_large("Chromium, ouverture d'une page lauréat : page, CSS, JS, sitemap, gzip",
                       _kb(browser.page_gzip)),
            only_large("Chromium, ouverture d'une page lauréat : index de recherche, gzip",
                       _kb(browser.index_gzip)),
            only_large("index de recherche téléchargé avant toute recherche",
                       "oui" if any("search_index" in name for name in browser.on_load) else "non"),
        ]
    lines = [format_table(header, rows), "",
             f"- Machine : {machine_description()}.",
             (f"- Passes : {runs}. Build = `mkdocs build --strict` en sous-processus, démarrage de "
              "Python compris ; sans hook = les mêmes pages écrites par `python -m showcase render` "
              "dans docs/, marqueurs de l'accueil remplis, même thème, mêmes extensions, même nav ; "
              "il ne fait rien du reste du travail du hook (métadonnées de partage, exports, flux, "
              "champs sans accents de l'index), que le ratio compte donc aussi."),
             (f"- Générateur = dans le processus du banc ; {large.generator.pages} pages à "
              f"N = {large.count}. Lecteur YAML : {yaml_loader()}."),
             f"- Gzip niveau {GZIP_LEVEL}. Lauréats synthétiques seulement (les vrais sont écartés)."]
    if large.weight:
        assets = ", ".join(f"{name} {_kb(size)}" for name, size in large.weight.assets.items())
        lines.append(f"- Page la plus lourde à N = {large.count} : `{large.weight.page}` ({assets}).")
    if browser is not None:
        lines.append("- " + (browser.note or (
            f"Chromium, page lauréat : fichiers de recherche demandés à l'ouverture "
            f"{browser.on_load or 'aucun'} ; après la saisie dans la recherche "
            f"{browser.on_search or 'aucun de plus'}.")))
    return "\n".join(lines) + "\n"


TARGET_SEARCH_FIRST_KB = 200.0  # gzip, the first query, at the largest N
TARGET_SEARCH_FOUR_KB = 300.0  # gzip, four queries
TARGET_SEARCH_MS = 300.0  # first result after the last keystroke, warm page


def _total(sizes: dict[str, int]) -> int:
    return sum(sizes.values())


def _warm(run: SearchRun) -> list[float]:
    return [ms for ms in run.result_ms[1:] if ms is not None]


def _warm_ms(run: SearchRun) -> str:
    warm = _warm(run)
    return f"{statistics.median(warm):.0f} ms (max {max(warm):.0f})" if warm else "?"


def _first_ms(run: SearchRun) -> str:
    first = run.result_ms[0] if run.result_ms else None
    return "aucun résultat" if first is None else f"{first:.0f} ms"


def search_rows(sides: Sequence[SearchSide]) -> list[Row]:
    """One row per measure, one value per side; a target and verdict for Pagefind at the
    largest N (the last side)."""
    large = sides[-1]

    def row(measure: str, value: Callable[[SearchSide], str], target: str = "",
            holds: Callable[[SearchSide], bool] | None = None) -> Row:
        values = [value(side) if not side.run.note else "?" for side in sides]
        held = "" if holds is None or large.run.note else verdict(holds(large))
        return Row(measure, values, target, held)

    def indexing(side: SearchSide) -> str:
        if side.index_seconds is not None:
            return f"{_s(side.index_seconds)} au build"
        return f"{_s(side.run.ready_s or 0)} à chaque page, dans le navigateur"

    return [
        row("octets avant la première recherche", lambda s: _kb(_total(s.run.before)), "0",
            lambda s: _total(s.run.before) == 0),
        row("octets jusqu'aux résultats de la première requête", lambda s: _kb(_total(s.run.first)),
            f"≤ {TARGET_SEARCH_FIRST_KB:g} Ko", lambda s: _total(s.run.first) / 1024
            <= TARGET_SEARCH_FIRST_KB),
        row("octets jusqu'aux résultats de la quatrième requête",
            lambda s: _kb(_total(s.run.four)), f"≤ {TARGET_SEARCH_FOUR_KB:g} Ko",
            lambda s: _total(s.run.four) / 1024 <= TARGET_SEARCH_FOUR_KB),
        row("premier résultat après la dernière frappe, première requête",
            lambda s: _first_ms(s.run)),
        row("premier résultat après la dernière frappe, page chaude (requêtes 2 à 4)",
            lambda s: _warm_ms(s.run),
            f"≤ {TARGET_SEARCH_MS:g} ms", lambda s: bool(_warm(s.run)) and max(_warm(s.run)) <= TARGET_SEARCH_MS),
        row("indexation", indexing),
        row("index sur le disque (brut, gzip)",
            lambda s: f"{_kb(s.index_files[0])}, {_kb(s.index_files[1])}"),
    ]


def search_breakdown_line(side: SearchSide) -> str:
    parts = ", ".join(f"{kind} {_kb(size)}" + (f" ({files} fichiers)" if files > 1 else "")
                      for kind, (files, size) in search_breakdown(side.run.four).items())
    return f"- {side.engine} à N = {side.count}, quatre requêtes, fichier par fichier : {parts}."


def search_report(sides: Sequence[SearchSide]) -> str:
    """The search section: the previous search (Material's, lunr) beside Pagefind."""
    header = ["recherche (un visiteur, Chromium, gzip)",
              *(f"{side.engine}, N = {side.count}" for side in sides),
              f"cible Pagefind à N = {sides[-1].count}", "verdict"]
    lines = ["### Recherche : celle de Material (lunr) et Pagefind, côte à côte", "",
             format_table(header, search_rows(sides)), "",
             (f"- Chromium, profil neuf, servi par un serveur local qui compresse en gzip "
              f"(niveau {GZIP_LEVEL}) comme un serveur web ; octets = corps des fichiers de "
              "recherche transférés, chacun une fois, cumulés depuis l'ouverture de la page "
              "lauréat la plus lourde. La recherche est ouverte avec « / », puis quatre "
              f"requêtes l'une après l'autre : {', '.join(SEARCH_QUERIES)}, chacune entrée "
              "d'un coup dans le champ, puis une touche (comme un collage). Temps = de cette "
              "touche à l'affichage du premier résultat (anti-rebond de 150 ms de Pagefind "
              f"compris), médiane de {sides[-1].run.passes} passes (navigateur neuf à chaque "
              "fois, lunr et Pagefind en alternance), octets de la première ; « page chaude » "
              "= la recherche déjà servie une fois sur la page. "
              "Tapée lettre à lettre, une requête coûte plus : lunr cherche à chaque touche, "
              "l'une après l'autre, et Pagefind cherche le début d'un mot si le visiteur "
              "s'arrête plus de 150 ms (parfois un morceau d'index de plus). "
              "1 Ko = 1 024 octets."),
             ("- lunr télécharge tout à l'ouverture de chaque page, avant toute recherche "
              "(worker, index entier, règles du français), puis construit son index dans le "
              "navigateur (ligne « indexation » : délai après le chargement de la page) ; ses "
              "lignes « première requête » et « quatrième requête » sont donc ce téléchargement "
              "du chargement, rien de plus n'arrivant en cherchant. Pagefind ne télécharge rien "
              "avant l'ouverture, puis son interface, son moteur (wasm), ses métadonnées et, "
              "pour chaque mot, le morceau d'index qui le contient et le fragment de chaque "
              "résultat affiché."),
             ("- Recherche de Material = le build sans hook, avec l'en-tête et la boîte de "
              "recherche de Material ; sans les champs sans accents qu'ajoutait l'ancien hook, "
              "son index est un peu plus petit que ne l'était celui du site.")]
    lines += [search_breakdown_line(side) for side in sides if not side.run.note]
    for side in sides:
        nothing = [q for q, ms in zip(SEARCH_QUERIES, side.run.result_ms) if ms is None]
        if nothing:
            lines.append(f"- {side.engine} à N = {side.count} : aucun résultat pour "
                         f"{', '.join(nothing)} (sans temps).")
    lines += [f"- {side.engine} à N = {side.count} : {side.run.note}" for side in sides
              if side.run.note]
    return "\n".join(lines) + "\n"


def _frozen(source: Path, target: Path) -> Path:
    copy_project(source, target, SOURCE_PARTS)
    return target


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="3 build pairs and 3 generator runs per size, no browser check "
                        "of the page (search is still measured)")
    parser.add_argument("--sizes", default="100,1000", help="laureate counts, comma-separated")
    parser.add_argument("--builds", type=int, help="interleaved build pairs per size (default 5)")
    parser.add_argument("--generator-runs", type=int, help="generator runs per size (default 7)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the generator and one build at the largest size")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites")
    origin = parser.add_mutually_exclusive_group()
    origin.add_argument("--rev", help="measure this commit (git archive) instead of the working tree")
    origin.add_argument("--source", type=Path, default=ROOT,
                        help="measure this folder laid out like the repository (default: here)")
    args = parser.parse_args(argv)
    sizes = sorted(int(size) for size in args.sizes.split(","))
    builds = args.builds or (3 if args.quick else 5)
    generator_runs = args.generator_runs or (3 if args.quick else 7)
    output: Path = args.output

    def say(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="showcase-bench-"))
    started = time.perf_counter()
    try:
        source = snapshot_of_revision(args.rev, workdir / "revision") if args.rev else args.source
        # Freeze the code under test: later edits of the working tree do not leak in.
        source = _frozen(source, workdir / "measured")
        sys.path.insert(0, str(source / "hooks"))
        results, projects, sites = [], [], []
        for count in sizes:
            result, project, site, plain_site = measure_size(source, workdir, count, builds,
                                                             generator_runs, say)
            results.append(result)
            projects.append(project)
            sites.append(site)
        searches = real_site_search(source, workdir, say) + search_sides(sizes[-1], sites[-1],
                                                                        plain_site, say)
        browser = None
        if not args.quick:
            say("Chromium : ce que télécharge une page lauréat")
            weight = results[-1].weight
            browser = browser_check(sites[-1], weight.page if weight else "laureats/")
        if args.profile:
            output.parent.mkdir(parents=True, exist_ok=True)
            say("profils du générateur et d'un build avec hook")
            profile_generator(projects[-1], output.with_name("profile-generator.txt"))
            raw = workdir / "build.prof"
            timed_build(projects[-1], workdir / "site-profiled", profile=raw)
            profiled_share = write_profile(raw, output.with_name("profile-build.txt"))
        table = report(results, browser, f"{generator_runs} du générateur, {builds} builds de "
                       "chaque sorte en alternance (avec, sans, avec…)")
        if args.profile:
            table += (f"- Profil (cProfile) d'un build avec hook à N = {sizes[-1]}, {profiled_share}"
                      " ; détail dans profile-build.txt et profile-generator.txt.\n")
        table += "\n" + search_report(searches)
    finally:
        if args.keep:
            say(f"projets et sites gardés dans {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(table)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(table, encoding="utf-8")
    say(f"tableau écrit dans {output} ({time.perf_counter() - started:.0f} s en tout)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
