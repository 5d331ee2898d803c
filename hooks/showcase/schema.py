"""The JSON Schema of a laureate file, generated from the models.

Editors (VS Code's YAML extension, via the `# yaml-language-server: $schema=…` line at
the top of each file) use it to autocomplete keys and theme slugs, to underline
mistakes as they are typed and to show the French descriptions on hover. The models
stay the single source: this module only adds what pydantic cannot infer (the
themes, the shapes our validators accept) and says in French what the models'
docstrings say for developers. The committed copy must equal the generated one (a
test checks it); `python -m showcase schema` (or `make schema`) rewrites it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .models import FIRST_YEAR, UNKNOWN_YEAR, LaureateRecord
from .territories import department_code_pattern, department_codes
from .urls import PAGES

if TYPE_CHECKING:  # the catalogue builds on the template, which names the schema
    from .catalog import Theme

SCHEMA_FILE = f"docs/{PAGES.schema}"  # published as is, from docs/
SCHEMA_LINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"  # from projects/

_DESCRIPTION = ("Fiche d'un lauréat du Fonds MNT : un fichier projects/<nom>.yml par lauréat. "
                "Les noms des champs sont en anglais, les textes en français.")
# The models' docstrings are written for developers; the editor shows these instead.
_DEFINITIONS = {
    "Testimonial": "Un témoignage : la citation exacte d'une personne associée au projet.",
    "Image": "Une photo du dossier projects/, avec sa description pour qui ne la voit pas.",
    "Video": "Une vidéo YouTube, Vimeo ou Dailymotion, chargée seulement si le visiteur clique.",
    "Link": "Un lien pour en savoir plus : article, rapport, page de la collectivité.",
}
# The model reads "2a" as "2A".
# Any case, as browsers read it: HTTPS://… is an https address.
_WEB_URL = "^[hH][tT][tT][pP][sS]?://[^/?#\\s\\\\@]+"
_HTTPS_URL = "^[hH][tT][tT][pP][sS]://[^/?#\\s\\\\@]+"
# An HTML tag, for the editor's warning: an autolink <https://…> or "a < b" is not one.
_RAW_HTML = "<(?![hH][tT][tT][pP][sS]?://|mailto:)[A-Za-z!/?]"
_VIDEO_URL = "^https?://((www|m)\\.)?(youtube\\.com|youtu\\.be|vimeo\\.com|dailymotion\\.com|dai\\.ly)/"
# Inside projects/ (not absolute, no "..", not a web address), with an accepted format.
_IMAGE_SRC = ("^(?![/\\\\])(?![A-Za-z]:)(?!https?:)(?!.*\\.\\.)[^\\\\]*"
              "\\.([jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP]|[aA][vV][iI][fF])$")


def laureate_schema(themes: dict[str, Theme]) -> dict[str, Any]:
    schema = LaureateRecord.model_json_schema()
    _drop_titles(schema)
    definitions, properties = schema["$defs"], schema["properties"]
    for name, description in _DEFINITIONS.items():
        definitions[name]["description"] = description
    slug = {"type": "string", "enum": list(themes),
            "markdownEnumDescriptions": [f"{t.label} : {t.description}" for t in themes.values()]}
    properties["theme"] = {
        "description": properties["theme"]["description"],
        "anyOf": [slug, {"type": "array", "items": slug, "minItems": 1, "uniqueItems": True}],
    }
    properties["department"] = {  # "35", or 35 written without quotes (understood)
        "description": properties["department"]["description"],
        "anyOf": [{"type": "string", "pattern": department_code_pattern(any_case=True)},
                  {"type": "integer", "anyOf": _ranges(
                      [int(code) for code in department_codes() if code.isdigit()])}],
    }
    properties["year"].pop("default", None)
    properties["year"]["anyOf"] = [  # 2021, "2021" (understood) or inconnue
        {"type": "integer", "minimum": FIRST_YEAR},
        {"type": "string", "pattern": "^\\s*20[2-9][0-9]\\s*$"},
        {"const": UNKNOWN_YEAR},
    ]
    _string(properties["story"])["not"] = {"pattern": _RAW_HTML}
    _string(definitions["Testimonial"]["properties"]["source"])["pattern"] = _HTTPS_URL
    definitions["Link"]["properties"]["url"]["pattern"] = _WEB_URL
    definitions["Video"]["properties"]["url"]["pattern"] = _VIDEO_URL
    definitions["Image"]["properties"]["src"]["pattern"] = _IMAGE_SRC
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "laureat.schema.json",
        **schema,
        "title": "Lauréat du Fonds MNT",
        "description": _DESCRIPTION,
    }


def schema_text(themes: dict[str, Theme]) -> str:
    return json.dumps(laureate_schema(themes), ensure_ascii=False, indent=2) + "\n"


def _drop_titles(schema: dict[str, Any]) -> None:
    """pydantic titles each field with its English name (`Src`); the editor already shows
    the key, and the French description says what it is."""
    for definition in (schema, *schema["$defs"].values()):
        definition.pop("title", None)
        for field in definition["properties"].values():
            field.pop("title", None)


def _ranges(numbers: list[int]) -> list[dict[str, int]]:
    """Sorted NUMBERS as runs: [1, 2, 3, 5] → 1 to 3, 5 to 5."""
    runs: list[dict[str, int]] = []
    for number in numbers:
        if runs and runs[-1]["maximum"] == number - 1:
            runs[-1]["maximum"] = number
        else:
            runs.append({"minimum": number, "maximum": number})
    return runs


def _string(field: dict[str, Any]) -> dict[str, Any]:
    """The string branch of an optional field (`anyOf: [string, null]`)."""
    if field.get("type") == "string":
        return field
    return next(branch for branch in field["anyOf"] if branch.get("type") == "string")
