"""Every file of `projects/` read and checked at once: the catalogue, or all its problems."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from difflib import get_close_matches
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from .folding import slugify, sort_key
from .listings import LISTINGS, Listing, card_attributes, groups
from .messages import SUGGESTION_PREFIX, problems_from_validation, quoted, unknown_theme
from .models import IMAGE_SUFFIXES, UNKNOWN_YEAR, LaureateRecord, ThemeRecord
from .photos import PhotoVersion, photo_versions
from .problems import Problem
from .resolve import TERRITORY_FIELDS, Issue, Territory, resolve_territory, territory_request
from .source import Document, field_path, read_document, read_salvaged
from .template import placeholder_problems
from .territories import (
    SIZE_CLASSES,
    Department,
    Region,
    SizeClass,
    Territories,
    department_sort_key,
    load_territories,
)
from .urls import DIRECTORY_URLS, laureate_uri
from .wording import did_you_mean, possible

PROJECTS_DIR = "projects"
THEMES_FILE = "_themes.yml"
LAUREATE_SUFFIXES = (".yml", ".yaml")
M = TypeVar("M", bound=BaseModel)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Slugs that would give the address of a generated listing page (laureats/index.md,
# themes/index.md): the laureate or theme would silently replace it.
RESERVED_SLUGS = frozenset(("index",))
# More would bury the first mistakes; the same mistake repeated is said once.
MAX_PROBLEMS_PER_FILE = 50
# "Dans la même région" links to at most this many laureates; the region page lists all.
SAME_REGION_LIMIT = 6
# "Sur le même thème" links to at most this many laureates.
RELATED_LIMIT = 6
_ANY = object()  # a region or year that matches all, in the related groups' keys


@dataclass(frozen=True)
class Theme:
    slug: str
    label: str
    description: str


@dataclass(frozen=True)
class Laureate:
    """A valid laureate file: its slug (the file name), where it came from, what it says."""

    slug: str
    source: str
    record: LaureateRecord
    territory: Territory  # the authority, as the official data knows it
    photos: tuple[PhotoVersion, ...] = ()  # the photo as published, narrowest first

    @property
    def department(self) -> Department:
        return self.territory.department

    @property
    def uri(self) -> str:
        """The generated page, relative to the docs folder."""
        return laureate_uri(self.slug)

    @property
    def image_uri(self) -> str | None:
        """The largest published version of the photo (named after the slug, re-encoded)."""
        return self.photos[-1].uri if self.photos else None


@dataclass(frozen=True)
class Catalog:
    laureates: tuple[Laureate, ...]
    themes: dict[str, Theme]
    listings: tuple[Listing, ...] = LISTINGS  # the ways of dividing them (listings.py)

    def in_listing(self, name: str, value: str) -> list[Laureate]:
        """The laureates of one term of a listing, in catalogue order: computed once for
        every listing, since every page asks."""
        return self._groups[name].get(value, [])

    @cached_property
    def _groups(self) -> dict[str, dict[str, list[Laureate]]]:
        return groups(self.listings, self.laureates)

    def card_attributes(self, laureate: Laureate) -> str:
        """The data attributes of `laureate`'s card, one per listing (for the filters)."""
        return self._card_attributes[laureate.slug]

    @cached_property
    def _card_attributes(self) -> dict[str, str]:
        return {laureate.slug: card_attributes(self.listings, laureate) for laureate in self.laureates}

    def with_theme(self, slug: str) -> list[Laureate]:
        return self.in_listing("theme", slug)

    def related(self, laureate: Laureate, limit: int = RELATED_LIMIT) -> list[Laureate]:
        """At most `limit` other laureates sharing a theme with `laureate`: same region and
        year first, then same region, then same year, then any. Within each of these, the
        ones that follow `laureate` in the catalogue order (wrapping round), so that the
        links spread over the catalogue instead of all pointing at the newest.

        Bounded because every page listing all the others is quadratic: at 1,000
        laureates it was 55 MB of Markdown. The theme pages keep the full lists."""
        here, size = self._positions[laureate.slug], len(self.laureates)
        region, year = laureate.department.region.code, laureate.record.year
        chosen: dict[str, Laureate] = {}
        for place, when in ((region, year), (region, _ANY), (_ANY, year), (_ANY, _ANY)):
            candidates: dict[str, tuple[int, Laureate]] = {}
            for theme in laureate.record.theme:
                group = self._related_groups.get((theme, place, when), [])
                start = bisect_right(group, here, key=lambda other: self._positions[other.slug])
                for step in range(min(limit + 1, len(group))):  # the next ones, wrapping round
                    other = group[(start + step) % len(group)]
                    distance = (self._positions[other.slug] - here) % size
                    candidates[other.slug] = (distance, other)
            for _, other in sorted(candidates.values(), key=lambda item: item[0]):
                if other is not laureate and other.slug not in chosen:
                    chosen[other.slug] = other
                if len(chosen) == limit:
                    return list(chosen.values())
        return list(chosen.values())

    def laureate_at(self, uri: str) -> Laureate | None:
        """The laureate whose generated page is `uri` (`laureats/renac.md`), if any.
        A lookup, not a scan: it is asked for every page of the site."""
        return self._by_uri.get(uri)

    @cached_property
    def _by_uri(self) -> dict[str, Laureate]:
        return {laureate.uri: laureate for laureate in self.laureates}

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {laureate.slug: index for index, laureate in enumerate(self.laureates)}

    @cached_property
    def _related_groups(self) -> dict[tuple[str, object, object], list[Laureate]]:
        """Laureates in catalogue order by (theme, region or _ANY, year or _ANY)."""
        groups: dict[tuple[str, object, object], list[Laureate]] = {}
        for laureate in self.laureates:
            region, year = laureate.department.region.code, laureate.record.year
            for theme in laureate.record.theme:
                for key in ((theme, region, year), (theme, region, _ANY), (theme, _ANY, year),
                            (theme, _ANY, _ANY)):
                    groups.setdefault(key, []).append(laureate)
        return groups

    def years(self) -> list[int]:
        return sorted({l.record.year for l in self.laureates if l.record.year}, reverse=True)

    def in_year(self, year: int | None) -> list[Laureate]:
        return self.in_listing("year", str(year) if year else UNKNOWN_YEAR)

    # Territories: only regions, departments and size classes that have laureates.

    def regions(self) -> list[Region]:
        """In alphabetical order."""
        found = {laureate.territory.region.code: laureate.territory.region
                 for laureate in self.laureates}
        return sorted(found.values(), key=lambda region: sort_key(region.name))

    def departments(self) -> list[Department]:
        """By number, Corsica's 2A and 2B between 19 and 21."""
        found = {laureate.department.code: laureate.department for laureate in self.laureates}
        return sorted(found.values(), key=lambda department: department_sort_key(department.code))

    def size_classes(self) -> list[SizeClass]:
        """Smallest first."""
        found = {laureate.territory.size for laureate in self.laureates}
        return [size for size in SIZE_CLASSES if size in found]

    def in_region(self, code: str) -> list[Laureate]:
        return self.in_listing("region", code)

    def in_department(self, code: str) -> list[Laureate]:
        return self.in_listing("department", code)

    def with_size(self, slug: str) -> list[Laureate]:
        return self.in_listing("size", slug)

    def same_region(self, laureate: Laureate, limit: int = SAME_REGION_LIMIT) -> list[Laureate]:
        """At most `limit` other laureates of `laureate`'s region, those that follow it in
        the catalogue order first (wrapping round), as `related` spreads its links."""
        group = self.in_region(laureate.territory.region.code)
        here = group.index(laureate)
        return (group[here + 1:] + group[:here])[:limit]


@dataclass
class LoadResult:
    catalog: Catalog
    problems: list[Problem]


def load_catalog(root: Path) -> LoadResult:
    """Read the themes and every laureate under `root/projects`, collecting all problems."""
    projects = root / PROJECTS_DIR
    problems: list[Problem] = []
    broken_themes: list[str] = []
    themes = _load_themes(projects / THEMES_FILE, problems, broken_themes)
    # .YML too: a file that is silently skipped is a laureate silently lost
    files = sorted(p for p in projects.iterdir() if p.suffix.lower() in LAUREATE_SUFFIXES
                   and not p.name.startswith("_")) if projects.is_dir() else []
    territories = load_territories()
    laureates = []
    seen_slugs: dict[str, str] = {}
    for path in files:
        display = f"{PROJECTS_DIR}/{path.name}"
        slug_problem = _check_slug(path, display, seen_slugs)
        document, file_problems = read_document(path, display)
        if document is not None:
            record = _validate(LaureateRecord, document, display, file_problems,
                               context={"projects_dir": projects})
            file_problems += _unknown_themes(document, display, themes, broken_themes)
            file_problems += placeholder_problems(
                document, display, frozenset(problem.field for problem in file_problems))
            territory = _territory(document, display, territories, file_problems)
            # a theme missing from a broken catalogue is not reported per file, but the
            # laureate cannot be shown without it
            if territory and record and not file_problems and slug_problem is None \
                    and themes.keys() >= set(record.theme):
                versions = (photo_versions(projects / record.image.src, path.stem)
                            if record.image else [])
                laureates.append(Laureate(path.stem, display, record, territory, tuple(versions)))
        problems += ([slug_problem] if slug_problem else []) + bounded(file_problems, display)
    problems += stray_files(projects)
    laureates.sort(key=_newest_first)
    return LoadResult(Catalog(tuple(laureates), themes), sorted(problems))


def stray_files(projects: Path) -> list[Problem]:
    """Every file of `projects/` that is neither a laureate, a photo nor the theme
    catalogue: `lannion.yml.txt` or `projects/2023/lannion.yml` were skipped without a
    word, and the laureate with them. Hidden files (`.gitkeep`) are left alone."""
    if not projects.is_dir():
        return []
    problems = []
    for folder, directories, names in os.walk(projects):
        here = Path(folder)
        top = here == projects
        # a directory named like a laureate is reported as one (c'est un dossier)
        directories[:] = sorted(name for name in directories if not name.startswith(".")
                                and not (top and Path(name).suffix.lower() in LAUREATE_SUFFIXES))
        for name in sorted(names):
            path = here / name
            suffix = path.suffix.lower()
            if name.startswith(".") or suffix in IMAGE_SUFFIXES or (top and name == THEMES_FILE):
                continue
            if top and suffix in LAUREATE_SUFFIXES and not name.startswith("_"):
                continue  # a laureate, checked as such
            display = path.relative_to(projects.parent).as_posix()
            problems.append(_stray_file(display, name, top))
    return problems


def _stray_file(display: str, name: str, top: bool) -> Problem:
    laureate = re.match(r"(.+?)\.ya?ml\b", name, re.IGNORECASE)
    if not top and laureate:
        return Problem(display, 1, 1, "", "fiche dans un sous-dossier, ignorée",
                       f"déplacez-la directement dans {PROJECTS_DIR}/ : "
                       f"{PROJECTS_DIR}/{slugify(laureate[1])}.yml")
    if name.startswith("_"):
        return Problem(display, 1, 1, "", f"fichier inconnu « {name} », ignoré",
                       f"seul {THEMES_FILE} commence par « _ » ; renommez-le "
                       f"{slugify(laureate[1] if laureate else name)}.yml s'il décrit un lauréat")
    if laureate:
        return Problem(display, 1, 1, "", f"fichier ignoré « {name} » : une fiche se termine par .yml",
                       f"renommez-le {slugify(laureate[1])}.yml")
    return Problem(display, 1, 1, "", f"fichier ignoré « {name} » : ni une fiche (.yml) ni une photo",
                   f"retirez-le de {PROJECTS_DIR}/, qui ne contient que les fiches des lauréats et "
                   "leurs photos")


def _load_themes(path: Path, problems: list[Problem], broken: list[str]) -> dict[str, Theme]:
    """The themes, and in `broken` the slugs of those whose lines cannot be read: after
    a syntax error, the themes that read alone are kept, so that one mistake in the
    catalogue does not hide every laureate."""
    display = f"{PROJECTS_DIR}/{path.name}"
    if not path.is_file():
        problems.append(Problem(display, 1, 1, "", "catalogue des thèmes introuvable",
                                f"créez {display} avec au moins un thème"))
        return {}
    document, file_problems = read_document(path, display)
    problems += file_problems
    if document is None:
        document, broken[:] = read_salvaged(path, display)
        if not document.data:
            return {}
    before = len(problems)
    if not document.data and not broken:  # `{}`: every laureate would wait for a theme, without a word
        problems.append(Problem(display, 1, 1, "", "catalogue des thèmes vide",
                                f"ajoutez au moins un thème dans {display}"))
    themes = {}
    for slug, entry in document.data.items():
        if not SLUG.match(slug):
            line, column = document.position_of((slug,), key=True)
            problems.append(Problem(display, line, column, slug,
                                    f"identifiant de thème invalide {quoted(slug)}",
                                    "lettres minuscules sans accents, chiffres et tirets"))
            continue
        if slug in RESERVED_SLUGS:
            line, column = document.position_of((slug,), key=True)
            problems.append(Problem(display, line, column, slug,
                                    f"identifiant de thème réservé « {slug} » : c'est l'adresse de "
                                    "la liste des thèmes", "choisissez un autre identifiant, par "
                                    "exemple le nom du thème en minuscules avec des tirets"))
            continue
        record = _validate(ThemeRecord, document, display, problems, path=(slug,), data=entry)
        if record is not None:
            themes[slug] = Theme(slug, record.label, record.description)
    problems[before:] = bounded(problems[before:], display)
    return themes


def _validate(model: type[M], document: Document, display: str, problems: list[Problem], *,
              path: tuple[str, ...] = (), data: object = None,
              context: dict[str, object] | None = None) -> M | None:
    try:
        return model.model_validate(document.data if data is None else data, context=context)
    except ValidationError as error:
        problems += problems_from_validation(error, document, display, model, prefix=path)
        return None


def _check_slug(path: Path, display: str, seen: dict[str, str]) -> Problem | None:
    slug = path.stem
    if not SLUG.match(slug) or path.suffix not in LAUREATE_SUFFIXES:
        return Problem(display, 1, 1, "", f"nom de fichier invalide « {path.name} »",
                       f"renommez-le {suggested_slug(slug)}.yml (minuscules sans accents, chiffres, tirets) : "
                       "il donne l'adresse de la page")
    if slug in RESERVED_SLUGS:
        return Problem(display, 1, 1, "", f"nom de fichier réservé « {path.name} » : c'est l'adresse "
                       "de la liste des lauréats", "renommez-le d'après la collectivité, par exemple "
                       "ma-commune.yml")
    if slug in seen:
        return Problem(display, 1, 1, "", f"même adresse /{DIRECTORY_URLS.page_url(laureate_uri(slug))} que {seen[slug]}",
                       "gardez un seul fichier par lauréat")
    seen[slug] = display
    return None


def _unknown_themes(document: Document, display: str, themes: dict[str, Theme],
                    broken: Collection[str] = ()) -> list[Problem]:
    """Theme slugs absent from the catalogue, checked on the raw data so that they are
    reported even when other fields of the file are wrong. A theme whose lines in the
    catalogue cannot be read is said so: the laureate waits for that fix, not its own."""
    value = document.data.get("theme")
    items = [(("theme",), value)] if isinstance(value, str) else (
        [(("theme", index), item) for index, item in enumerate(value) if isinstance(item, str)]
        if isinstance(value, list) else [])
    problems, reported = [], set()
    for path, slug in items:
        if slug in themes or not (themes or broken) or slug in reported:
            continue
        reported.add(slug)  # one message per distinct value, not one per repetition
        line, column = document.position_of(path)
        if slug in broken:
            problems.append(Problem(display, line, column, field_path(path),
                                    f"thème {quoted(slug)} illisible dans {PROJECTS_DIR}/{THEMES_FILE}",
                                    f"corrigez l'erreur signalée dans {PROJECTS_DIR}/{THEMES_FILE} : "
                                    "la fiche sera publiée ensuite"))
            continue
        parts = [part.strip() for part in slug.split(",")]
        close = get_close_matches(slug[:SUGGESTION_PREFIX], list(themes), n=1, cutoff=0.6)
        if len(parts) > 1 and all(parts):  # `theme: a, b` is one text, not two themes
            hint = f"plusieurs thèmes s'écrivent entre crochets : theme: [{', '.join(parts)}]"
        else:
            hint = did_you_mean(close[0]) if close else possible("thèmes", themes)
        problems.append(Problem(display, line, column, field_path(path), unknown_theme(slug), hint))
    return problems


def bounded(problems: list[Problem], display: str) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems, the same mistake repeated in a list said
    once: 40,000 copies of one wrong value printed 406 MB of messages."""
    kept: list[Problem] = []
    seen: set[tuple[str, str, str]] = set()
    for problem in problems:
        key = (re.sub(r"\[\d+\]", "[]", problem.field), problem.message, problem.hint)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    if len(kept) > MAX_PROBLEMS_PER_FILE:
        rest = len(kept) - MAX_PROBLEMS_PER_FILE + 1
        kept = sorted(kept)[: MAX_PROBLEMS_PER_FILE - 1]
        last = kept[-1]  # the notice is printed after the problems it follows
        kept.append(Problem(display, last.line, last.column + 1, "",
                            f"et {rest} autres problèmes dans ce fichier",
                        "corrigez les premiers, puis relancez la vérification"))
    return kept


def _territory(document: Document, display: str, territories: Territories,
               problems: list[Problem]) -> Territory | None:
    """The authority the file speaks of, found in the official data.

    Looked up from the raw data, so that a wrong name is reported together with the
    file's other mistakes; skipped when the content model has already reported one of
    the fields it needs (a malformed department number, say)."""
    if any(_root_field(problem.field) in TERRITORY_FIELDS for problem in problems):
        return None
    request = territory_request(document.data, territories)
    if request is None:
        return None
    found = request if isinstance(request, Issue) else resolve_territory(request, territories)
    if isinstance(found, Issue):
        line, column = document.position_of((found.field,))
        problems.append(Problem(display, line, column, found.field, found.message, found.hint))
        return None
    return found


def _root_field(path: str) -> str:
    """`testimonials[2].author` → `testimonials`."""
    return re.split(r"[.\[]", path, maxsplit=1)[0]


def _newest_first(laureate: Laureate) -> tuple[int, tuple[str, str, str]]:
    year = laureate.record.year
    return (-(year or 0), sort_key(laureate.record.commune))


def suggested_slug(text: str) -> str:
    """The file name to suggest for a name the site cannot use as an address."""
    return slugify(text) or "laureat"
