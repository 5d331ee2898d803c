"""Which local authority a laureate file speaks of, found in the official data.

The editors write a name and a department number; this module finds the
commune (or département, intercommunalité, région) they mean, so that the site
knows its INSEE code or SIREN, official name, population, department and
region without anyone typing them.

Names are compared as ``territories.name_key`` does: accents, case, hyphens,
apostrophes, spaces and "St" for "Saint" do not count, and "Ville de",
"Communauté de communes", "Conseil départemental de" may be added or left out.
A name that equals the official one once compared this way is accepted
without remark, and the site shows the official spelling: the name in the
file is how we find the authority, not the text we display. Anything else is
an ``Issue`` (field, French message, hint) that names the fix: the nearest
official names, the right department, or the code that settles a homonym.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .territories import (
    Commune,
    Department,
    Epci,
    Region,
    SizeClass,
    Territories,
    normalize_insee_code,
    normalize_siren,
    not_a_department,
    size_class,
)
from .wording import did_you_mean, either

# The fields of a laureate file that say which authority it is.
TERRITORY_FIELDS = frozenset({"commune", "kind", "department", "insee", "siren"})

_NARROW_NBSP = "\u202f"
# How many homonyms a hint lists before "et N autres".
_LISTED = 4


@dataclass(frozen=True)
class Territory:
    """The authority a laureate is, with the official facts about it."""

    kind: str  # commune, departement, intercommunalite or region, as in the file
    name: str  # official name (an intercommunality's legal form spelt out)
    code: str  # INSEE code of the commune, département or région; SIREN of an EPCI
    population: int | None
    department: Department  # for an intercommunality, the one the file gives
    size: SizeClass
    member_count: int | None = None  # communes of an intercommunality

    @property
    def region(self) -> Region:
        return self.department.region

    @property
    def code_label(self) -> str:
        return "SIREN" if self.kind == "intercommunalite" else "Code INSEE"

    @property
    def code_text(self) -> str:
        """The code as printed: a SIREN in groups of three ("200 070 738")."""
        if self.kind == "intercommunalite":
            return _NARROW_NBSP.join(self.code[i : i + 3] for i in range(0, len(self.code), 3))
        return self.code


@dataclass(frozen=True)
class TerritoryRequest:
    """What a file says about its authority, normalised ("01", "2A004")."""

    name: str
    kind: str
    department: str
    insee: str | None = None
    siren: str | None = None


@dataclass(frozen=True)
class Issue:
    """Why a file's authority cannot be found: the field to fix, in French."""

    field: str
    message: str
    hint: str


def territory_request(data: Mapping[str, Any],
                      territories: Territories) -> TerritoryRequest | Issue | None:
    """The request in a file's raw data; None when a field is unusable (missing,
    wrong type, malformed code: the content model reports those); an Issue for a
    well-formed number that is no department (975 is Saint-Pierre-et-Miquelon)."""
    name, kind = data.get("commune"), data.get("kind", "commune")
    if not isinstance(name, str) or not name.strip() or kind not in _RESOLVERS:
        return None
    raw_department = data.get("department")
    department = territories.normalize_department_code(raw_department)
    if not department:
        if isinstance(raw_department, (str, int)) and not isinstance(raw_department, bool):
            return Issue("department", *not_a_department(raw_department))
        return None
    insee, siren = data.get("insee"), data.get("siren")
    insee_code = None if insee is None else normalize_insee_code(insee)
    siren_code = None if siren is None else normalize_siren(siren)
    if (insee is not None and insee_code is None) or (siren is not None and siren_code is None):
        return None
    return TerritoryRequest(" ".join(name.split()), kind, department, insee_code, siren_code)


def resolve_territory(request: TerritoryRequest, territories: Territories) -> Territory | Issue:
    department = territories.department(request.department)
    if department is None:  # territory_request only gives known departments
        raise ValueError(f"unknown department {request.department!r}")
    return _misplaced_code(request) or _RESOLVERS[request.kind](request, department, territories)


def _misplaced_code(request: TerritoryRequest) -> Issue | None:
    if request.insee and request.kind != "commune":
        return Issue("insee", "le code INSEE (insee) ne sert qu'aux communes",
                     _REMOVE_CODE_HINT[request.kind])
    if request.siren and request.kind != "intercommunalite":
        return Issue("siren", "le numéro SIREN (siren) ne sert qu'aux intercommunalités",
                     _REMOVE_CODE_HINT[request.kind])
    return None


_REMOVE_CODE_HINT = {
    "commune": "retirez la ligne siren ; si besoin, donnez le code INSEE de la commune : "
               'insee: "35237"',
    "departement": "retirez la ligne : le numéro du département suffit",
    "intercommunalite": "retirez la ligne insee ; si besoin, donnez le numéro SIREN de "
                        'l\'intercommunalité : siren: "200070738"',
    "region": "retirez la ligne : le nom de la région suffit",
}


# --- Communes ----------------------------------------------------------------------------


def _commune(request: TerritoryRequest, department: Department,
             territories: Territories) -> Territory | Issue:
    if request.insee:
        return _commune_by_code(request, request.insee, department, territories)
    exact = territories.commune_with_official_name(request.name, department.code)
    if exact:
        return _commune_territory(exact, territories)
    everywhere = territories.communes_named(request.name)
    here = [c for c in everywhere if c.department_code == department.code]
    if len(here) == 1:
        return _commune_territory(here[0], territories)
    if here:
        return Issue("commune",
                     f"plusieurs communes s'appellent « {request.name} » dans le département "
                     f"{_where(department)}",
                     "précisez laquelle avec son code INSEE : "
                     + either([f'insee: "{c.insee}" ({c.name})' for c in here]))
    if everywhere:
        return _commune_elsewhere(request.name, department, everywhere, territories)
    return _unknown_commune(request.name, department, territories)


def _commune_by_code(request: TerritoryRequest, insee: str, department: Department,
                     territories: Territories) -> Territory | Issue:
    commune = territories.commune(insee)
    if commune is None:
        named = territories.communes_named(request.name, department.code)
        hint = (f'le code INSEE de {named[0].name} est "{named[0].insee}"' if len(named) == 1
                else "vérifiez le code dans le Code officiel géographique de l'INSEE")
        return Issue("insee", f"code INSEE « {insee} » inconnu", hint)
    if commune not in territories.communes_named(request.name):
        return Issue("insee",
                     f"le code INSEE {insee} est celui de {commune.name} "
                     f"({commune.department_code}), pas de « {request.name} »",
                     "corrigez le nom (commune) ou le code (insee)")
    if commune.department_code != department.code:
        return _commune_elsewhere(request.name, department, [commune], territories)
    return _commune_territory(commune, territories)


def _commune_elsewhere(name: str, department: Department, communes: Sequence[Commune],
                       territories: Territories) -> Issue:
    """The name exists, but not in the file's department: name the right one(s)."""
    places = [_known_department(c.department_code, territories) for c in communes]
    if len(communes) == 1:
        return Issue("department",
                     f"{communes[0].name} n'est pas dans le département {_where(department)} "
                     f"mais dans le {_where(places[0])}",
                     f'écrivez department: "{places[0].code}"')
    return Issue("department",
                 f"aucune commune « {name} » dans le département {_where(department)}",
                 "il y en a une dans les départements "
                 + _listing([_where(place) for place in places])
                 + " : corrigez department")


def _unknown_commune(name: str, department: Department, territories: Territories) -> Issue:
    message = f"commune « {name} » introuvable dans le département {_where(department)}"
    nearby = territories.nearest_commune_names(name, department.code)
    if nearby:
        return Issue("commune", message, did_you_mean(*nearby))
    elsewhere = [
        f"« {commune.name} » ({commune.department_code})"
        for close in territories.nearest_commune_names(name)
        for commune in territories.communes_named(close)
    ]
    if elsewhere:
        return Issue("commune", message, did_you_mean(shown=elsewhere[:3])
                     + " Corrigez alors aussi department")
    return Issue("commune", message,
                 "écrivez le nom officiel de la commune, tel que le donne l'INSEE "
                 "(Code officiel géographique)")


def _commune_territory(commune: Commune, territories: Territories) -> Territory:
    department = _known_department(commune.department_code, territories)
    return Territory("commune", commune.name, commune.insee, commune.population, department,
                     size_class("commune", commune.population))


# --- Départements and régions ------------------------------------------------------------


def _department(request: TerritoryRequest, department: Department,
                territories: Territories) -> Territory | Issue:
    named = territories.departments_named(request.name)
    if department in named:
        return Territory("departement", department.name, department.code, department.population,
                         department, size_class("departement", department.population))
    if named:
        return Issue("department",
                     f"le département {named[0].name} a le numéro {named[0].code}, "
                     f"pas {department.code}",
                     f'écrivez department: "{named[0].code}"')
    return Issue("commune",
                 f"« {request.name} » n'est pas le nom du département {_where(department)}",
                 f"écrivez commune: {department.name}, ou corrigez department")


def _region(request: TerritoryRequest, department: Department,
            territories: Territories) -> Territory | Issue:
    named = territories.regions_named(request.name)
    if not named:
        close = territories.nearest_region_names(request.name)
        return Issue("commune", f"région « {request.name} » introuvable",
                     did_you_mean(*close) if close else "régions : "
                     + ", ".join(r.name for r in territories.regions()))
    region = named[0]
    if department.region != region:
        inside = [d.code for d in territories.departments() if d.region == region]
        return Issue("department",
                     f"le département {_where(department)} n'est pas dans la région {region.name}",
                     f'écrivez le numéro d\'un de ses départements, par exemple department: '
                     f'"{inside[0]}"')
    return Territory("region", region.name, region.code, region.population, department,
                     size_class("region", region.population))


# --- Intercommunalities -------------------------------------------------------------------


def _intercommunality(request: TerritoryRequest, department: Department,
                      territories: Territories) -> Territory | Issue:
    if request.siren:
        return _epci_by_siren(request, request.siren, department, territories)
    everywhere = territories.epcis_named(request.name)
    here = [e for e in everywhere if department.code in e.department_codes]
    if len(here) == 1:
        return _epci_territory(here[0], department, territories)
    if here:
        return Issue("commune",
                     f"plusieurs intercommunalités s'appellent « {request.name} » dans le "
                     f"département {_where(department)}",
                     "précisez laquelle avec son numéro SIREN : "
                     + either([f'siren: "{e.siren}" ({e.name})' for e in here]))
    if len(everywhere) == 1:
        return _epci_elsewhere(everywhere[0], department, territories)
    if everywhere:
        places = [_known_department(e.department_codes[0], territories) for e in everywhere]
        return Issue("department",
                     f"aucune intercommunalité « {request.name} » dans le département "
                     f"{_where(department)}",
                     "il y en a une dans les départements "
                     + _listing([_where(place) for place in places])
                     + " : corrigez department")
    close = territories.nearest_epci_names(request.name)
    return Issue("commune", f"intercommunalité « {request.name} » introuvable",
                 did_you_mean(*close) if close else
                 "écrivez son nom officiel, par exemple « CC Mad et Moselle », ou son numéro "
                 'SIREN : siren: "200070738"')


def _epci_by_siren(request: TerritoryRequest, siren: str, department: Department,
                   territories: Territories) -> Territory | Issue:
    epci = territories.epci(siren)
    if epci is None:
        named = territories.epcis_named(request.name)
        hint = (f'le numéro SIREN de {named[0].name} est "{named[0].siren}"' if len(named) == 1
                else "vérifiez le numéro dans la liste officielle des intercommunalités (BANATIC)")
        return Issue("siren", f"numéro SIREN « {siren} » inconnu", hint)
    if epci not in territories.epcis_named(request.name):
        return Issue("siren",
                     f"le numéro SIREN {siren} est celui de {epci.name}, pas de « {request.name} »",
                     "corrigez le nom (commune) ou le numéro (siren)")
    if department.code not in epci.department_codes:
        return _epci_elsewhere(epci, department, territories)
    return _epci_territory(epci, department, territories)


def _epci_elsewhere(epci: Epci, department: Department, territories: Territories) -> Issue:
    places = [_known_department(code, territories) for code in epci.department_codes]
    where = "les départements" if len(places) > 1 else "le département"
    return Issue("department",
                 f"{epci.name} n'est pas dans le département {_where(department)} : ses "
                 f"communes sont dans {where} {_listing([_where(place) for place in places])}",
                 f'écrivez department: "{places[0].code}"')


def _epci_territory(epci: Epci, department: Department, territories: Territories) -> Territory:
    return Territory("intercommunalite", epci.full_name, epci.siren, epci.population, department,
                     size_class("intercommunalite", epci.population), epci.commune_count)


_Resolver = Callable[[TerritoryRequest, Department, Territories], "Territory | Issue"]
_RESOLVERS: dict[str, _Resolver] = {
    "commune": _commune,
    "departement": _department,
    "intercommunalite": _intercommunality,
    "region": _region,
}


# --- French wording ----------------------------------------------------------------------


def _known_department(code: str, territories: Territories) -> Department:
    department = territories.department(code)
    if department is None:  # the shipped data is checked by tests/test_territories.py
        raise ValueError(f"department {code!r} missing from the territory data")
    return department


def _where(department: Department) -> str:
    return f"{department.code} ({department.name})"


def _listing(items: Sequence[str]) -> str:
    """ "a", "a et b", "a, b, c, d et 3 autres"."""
    shown = list(dict.fromkeys(items))
    if len(shown) > _LISTED:
        rest = len(shown) - _LISTED
        return ", ".join(shown[:_LISTED]) + f" et {rest} {'autre' if rest == 1 else 'autres'}"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " et " + shown[-1]
