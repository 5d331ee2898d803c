"""The JSON Schema of a laureate file, generated from the models.

Editors (VS Code's YAML extension, via the `# yaml-language-server: $schema=…` line at
the top of each file) use it to autocomplete keys and theme slugs and to show the
French descriptions on hover. The committed copy must equal the generated one
(a test checks it); `python -m showcase schema` rewrites it.
"""

from __future__ import annotations

import json
from typing import Any

from .catalog import Theme
from .models import DEPARTMENT_CODE, UNKNOWN_YEAR, LaureateRecord

SCHEMA_FILE = "docs/schema/laureat.schema.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/schema/laureat.schema.json"


def laureate_schema(themes: dict[str, Theme]) -> dict[str, Any]:
    schema = LaureateRecord.model_json_schema()
    properties = schema["properties"]
    slug = {"type": "string", "enum": list(themes),
            "markdownEnumDescriptions": [f"{t.label} : {t.description}" for t in themes.values()]}
    properties["theme"] = {
        "description": properties["theme"]["description"],
        "anyOf": [slug, {"type": "array", "items": slug, "minItems": 1, "uniqueItems": True}],
    }
    properties["department"] = {
        "description": properties["department"]["description"],
        "anyOf": [{"type": "string", "pattern": DEPARTMENT_CODE.pattern},
                  {"type": "integer", "minimum": 1, "maximum": 976}],
    }
    properties["year"].pop("default", None)
    properties["year"]["anyOf"] = [{"type": "integer", "minimum": 2020}, {"const": UNKNOWN_YEAR}]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "laureat.schema.json",
        "title": "Lauréat du Fonds MNT",
        **schema,
    }


def schema_text(themes: dict[str, Theme]) -> str:
    return json.dumps(laureate_schema(themes), ensure_ascii=False, indent=2) + "\n"
