"""The JSON Schema of a laureate file, generated from the models.

Editors (VS Code's YAML extension, via the `# yaml-language-server: $schema=…` line at
the top of each file) use it to autocomplete keys and theme slugs, to underline
mistakes as they are typed and to show the French descriptions on hover. The models
stay the single source: this module only adds what pydantic cannot infer (the
themes, the departments, the shapes our validators accept) and says in French what the
models' docstrings say for developers. The committed copy must equal the generated one
(a test checks it); `python -m showcase schema` (or `make schema`) rewrites it.

What the editor underlines must read as `check` says it: every rule carries the
general form of `check`'s own message (`errorMessage`, `patternErrorMessage`, which the
YAML language server shows instead of its English ones), taken from the same functions.
The language server has no such message for a few keywords (`minLength`, `minimum`,
`not`, `uniqueItems`): the rules are written with the keywords it does have, with the
same meaning for any other validator.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .messages import (
    EMPTY_LIST,
    EMPTY_TEXT,
    MISSING_FIELD,
    TOO_LONG_HINT,
    TOO_SHORT_HINT,
    empty_text_hint,
    empty_value,
    example,
    item_hint,
    must_be,
    too_long,
    too_short,
    type_hint,
    unknown_field,
    unknown_theme,
    unknown_value,
    with_hint,
)
from .models import (
    DEPARTMENT_HINT,
    FIRST_YEAR,
    INSEE_HINT,
    MISSING_YEAR,
    MISSING_YEAR_HINT,
    PHOTO_FORMAT_HINT,
    PHOTO_PATH_HINT,
    PHOTO_WEB_ADDRESS,
    SIREN_HINT,
    UNKNOWN_YEAR,
    VIDEO_HOST_HINT,
    YEAR_DIGITS_HINT,
    Image,
    LaureateRecord,
    Link,
    Testimonial,
    Video,
    forbidden_photo_path,
    invalid_address,
    invalid_insee,
    invalid_siren,
    invalid_year,
    refused_photo_format,
    unknown_department,
    unknown_video_host,
    year_range_hint,
    year_too_early,
)
from .source import NO_BREAK_SPACES, NOT_FIELDS
from .story import HTML_REFUSED, STORY_TOO_LONG_HINT, story_too_long
from .territories import department_sort_key, load_territories
from .urls import PAGES
from .weburl import NOT_HTTP, NOT_HTTPS
from .wording import possible

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
# Any case, as browsers read it: HTTPS://… is an https address.
_WEB_URL = "^[hH][tT][tT][pP][sS]?://[^/?#\\s\\\\@]+"
# http:// where https:// is needed: said after the rule above, as `check` says it.
_NOT_PLAIN_HTTP = "^(?![hH][tT][tT][pP]://)"
# A story without an HTML tag (an autolink <https://…> or "a < b" is not one).
_NO_RAW_HTML = "^(?![\\s\\S]*<(?![hH][tT][tT][pP][sS]?://|mailto:)[A-Za-z!/?])"
_VIDEO_URL = "^https?://((www|m)\\.)?(youtube\\.com|youtu\\.be|vimeo\\.com|dailymotion\\.com|dai\\.ly)/"
# A photo: a file (not a web address), inside projects/ (not absolute, no ".."), in an
# accepted format; three rules, for three messages.
_PHOTO_NOT_WEB = "^(?![A-Za-z][A-Za-z0-9+.-]*://)"
_PHOTO_INSIDE = "^(?![/\\\\])(?![A-Za-z]:)(?!.*\\.\\.)[^\\\\]*$"
_PHOTO_FORMAT = "\\.([jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP]|[aA][vV][iI][fF])$"
_FORMATS = {"insee": (invalid_insee(), INSEE_HINT), "siren": (invalid_siren(), SIREN_HINT)}
_TOO_LONG = {"story": (story_too_long(), STORY_TOO_LONG_HINT)}  # the others: too_long()
# The fields that open a block or a list: completing their key inserts a filled skeleton
# (the template's examples, to overwrite) rather than `null`.
_SNIPPETS: dict[str, tuple[type[BaseModel], bool]] = {
    "image": (Image, False), "video": (Video, False), "testimonials": (Testimonial, True),
    "links": (Link, True)}


def laureate_schema(themes: dict[str, Theme],
                    model: type[LaureateRecord] = LaureateRecord) -> dict[str, Any]:
    schema = model.model_json_schema()
    definitions, properties = schema["$defs"], schema["properties"]
    for name, description in _DEFINITIONS.items():
        definitions[name]["description"] = description
    for name, part in (("LaureateRecord", schema), *definitions.items()):
        _french_object(name, part, root=part is schema)
    properties["theme"].update(_theme(themes))
    properties["department"].update(_department())
    properties["year"].update(_year())
    for name in ("theme", "department"):
        _told_apart(properties[name])
    properties["story"]["allOf"].insert(0, _rule(_NO_RAW_HTML, *HTML_REFUSED))
    _web_address(definitions["Link"]["properties"]["url"], _WEB_URL, NOT_HTTP.reason, NOT_HTTP.hint)
    source = definitions["Testimonial"]["properties"]["source"]
    _web_address(source, _WEB_URL, NOT_HTTP.reason, NOT_HTTP.hint)
    _web_address(source, _NOT_PLAIN_HTTP, NOT_HTTPS.reason, NOT_HTTPS.hint)
    video = definitions["Video"]["properties"]["url"]
    video["allOf"].append(_rule(_VIDEO_URL, unknown_video_host(), VIDEO_HOST_HINT))
    definitions["Image"]["properties"]["src"]["allOf"] += [
        _rule(_PHOTO_NOT_WEB, *PHOTO_WEB_ADDRESS),
        _rule(_PHOTO_INSIDE, forbidden_photo_path(), PHOTO_PATH_HINT),
        _rule(_PHOTO_FORMAT, refused_photo_format(), PHOTO_FORMAT_HINT),
    ]
    for name, (part, is_list) in _SNIPPETS.items():
        properties[name]["defaultSnippets"] = [_snippet(name, part, is_list)]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "laureat.schema.json",
        **schema,
        "title": "Lauréat du Fonds MNT",
        "description": _DESCRIPTION,
    }


def schema_text(themes: dict[str, Theme]) -> str:
    return json.dumps(laureate_schema(themes), ensure_ascii=False, indent=2) + "\n"


# --- Objects and fields ----------------------------------------------------------------


def _french_object(model: str, part: dict[str, Any], *, root: bool) -> None:
    """A model's object: French titles and messages on each field; a missing and an
    unknown field said as `check` says them.

    The language server shows an object's `errorMessage` for its type, its required
    fields and its unknown keys alike: the required fields go in their own `allOf`
    part, the known keys in `propertyNames`, each with its message. A part of a file
    (a photo, a testimonial) leaves its type to the field that holds it, which may
    also be empty (`image: null`)."""
    part.pop("title", None)  # pydantic's English class name
    fields = part["properties"]
    required = part.pop("required", [])
    part.pop("additionalProperties", None)
    # `support :` (a no-break space before the colon, as French keyboards type it) is
    # understood; doNotSuggest: the keys are offered once, from `properties`, with snippets
    spaces = "".join(f"\\u{ord(space):04x}" for space in NO_BREAK_SPACES)
    part["propertyNames"] = {
        "pattern": f"^({'|'.join(fields)})[{spaces}]*$", "doNotSuggest": True,
        "patternErrorMessage": with_hint(unknown_field(), possible("champs", fields))}
    if required:
        part["allOf"] = [{"required": required, "errorMessage": with_hint(
            MISSING_FIELD, f"champs obligatoires : {', '.join(required)}")}]
    if root:
        part["errorMessage"] = with_hint(*NOT_FIELDS)
    else:
        part.pop("type", None)
    for name, field in fields.items():
        fields[name] = _french_field(model, name, field)


def _french_field(model: str, name: str, field: dict[str, Any]) -> dict[str, Any]:
    """FIELD with its French title (the field's label in the model, the hover's heading),
    the null of an optional field written as a type (a union of two schemas would be
    shown twice on hover), and a message for a wrong type and for each length."""
    shaped: dict[str, Any] = {"title": field["title"], "description": field["description"]}
    if model == "LaureateRecord" and name in ("theme", "department", "year"):
        return shaped  # written below
    branches = field.get("anyOf", [field])
    kept = [branch for branch in branches if branch.get("type") != "null"]
    optional = len(kept) < len(branches)
    assert len(kept) == 1, f"{model}.{name}: a union the editor's schema does not know"
    value = {key: rule for key, rule in {**field, **kept[0]}.items()
             if key not in ("anyOf", "title", "description", "default")}
    if field.get("default") is not None:
        shaped["default"] = field["default"]
    # A part (`$ref`) goes in an `allOf` of its own: the language server would move the
    # keywords beside a `$ref` there, where completion no longer finds the field's type
    # and snippet; and a field whose `properties` or `items` it sees inserts them bare.
    if "$ref" in value:
        shaped.update({"type": ["object", "null"] if optional else "object",
                       "errorMessage": with_hint(must_be("model_type"), type_hint("model_type", name)),
                       "allOf": [{"$ref": value["$ref"]}]})
        return shaped
    kind = value.pop("type")
    if kind == "array":
        items = value.pop("items")
        assert "$ref" in items, f"{model}.{name}: a list of parts"
        shaped.update({"type": kind, "errorMessage": with_hint(
            must_be("list_type"), type_hint("list_type", name))})
        shaped["allOf"] = [{"items": {
            "type": ["object", "null"],
            "errorMessage": with_hint(must_be("model_type"), item_hint((name, 0))),
            "allOf": [{"$ref": items["$ref"]}, _refuse_null(0)]}}]
        return {**shaped, **value}
    if "enum" in value:  # kind
        shaped.update({"type": kind, "errorMessage": with_hint(
            unknown_value(), possible("valeurs", value["enum"]))})
        return {**shaped, **value}
    # a text; `author:` alone is an empty value, not a wrong type
    shaped.update({"type": [kind, "null"], "errorMessage": with_hint(
        must_be("string_type"), type_hint("string_type", name))})
    rules = [] if optional else [_refuse_null(name)]
    minimum, maximum = value.pop("minLength", None), value.pop("maxLength", None)
    if minimum == 1:
        rules.append(_rule("\\S", EMPTY_TEXT, empty_text_hint(name)))
    elif minimum:
        rules.append(_rule(f"^[\\s\\S]{{{minimum},}}", too_short(minimum), TOO_SHORT_HINT))
    if maximum:
        too_long_here = _TOO_LONG.get(name, (too_long(maximum), TOO_LONG_HINT))
        rules.append(_rule(_at_most(maximum), *too_long_here))
    if rules:
        shaped["allOf"] = rules
    if name in _FORMATS:  # insee, siren
        shaped["patternErrorMessage"] = with_hint(*_FORMATS[name])
    return {**shaped, **value}


def _rule(pattern: str, message: str, hint: str) -> dict[str, str]:
    return {"pattern": pattern, "patternErrorMessage": with_hint(message, hint)}


def _at_most(maximum: int) -> str:
    return f"^[\\s\\S]{{0,{maximum}}}$"


def _snippet(name: str, part: type[BaseModel], is_list: bool) -> dict[str, Any]:
    """A block (or a list of one) with the fields a part needs, filled with the template's
    examples as tab stops: `check` refuses them until they are overwritten."""
    required = [key for key, info in part.model_fields.items() if info.is_required()]
    body = {key: f"${{{number}:{example((name, key))}}}" for number, key in enumerate(required, start=1)}
    info = LaureateRecord.model_fields[name]
    return {"label": info.title,
            "description": info.description or "",
            "body": [body] if is_list else body}


def _web_address(field: dict[str, Any], pattern: str, reason: str, hint: str) -> None:
    field.setdefault("allOf", []).append(_rule(pattern, invalid_address(reason), hint))


def _refuse_null(name: str | int) -> dict[str, Any]:
    """`author:` with nothing after it (or a `-` alone in a list), said as `check` says it."""
    return {"if": {"type": "null"}, "then": _nothing(*empty_value(name))}


def _nothing(message: str, hint: str) -> dict[str, Any]:
    """A value that reaches this part is refused with MESSAGE (an empty `enum`: the
    language server has no message of ours for `not`)."""
    return {"enum": [], "errorMessage": with_hint(message, hint)}


# --- Theme, department, year -----------------------------------------------------------


def _theme(themes: dict[str, Theme]) -> dict[str, Any]:
    """One slug, or a list of them (`theme: [a, b]`). The type is said once, above the
    union: the language server joins the union's own type errors in English."""
    message = with_hint(unknown_theme(), possible("thèmes", themes))
    slug = {"enum": list(themes), "errorMessage": message,
            "markdownEnumDescriptions": [f"{t.label} : {t.description}" for t in themes.values()]}
    listed = {"type": "array", "items": slug, "contains": {}, "errorMessage": with_hint(*EMPTY_LIST)}
    # no null: the editor would offer `null` among the themes
    return {"type": ["string", "array"],
            "errorMessage": with_hint(must_be("list_type"), type_hint("list_type", "theme")),
            "anyOf": [slug, listed]}


def _department() -> dict[str, Any]:
    """The numbers of the territory data with their names, as the editor offers them;
    and what the model reads the same way (`2a`, 35 without quotes)."""
    departments = sorted(load_territories().departments(),
                         key=lambda department: department_sort_key(department.code))
    message = with_hint(unknown_department(), DEPARTMENT_HINT)
    others: list[str | int] = [code.lower() for code in (d.code for d in departments)
                               if code != code.lower()]
    others += [int(d.code) for d in departments if d.code.isdigit()]
    return {"anyOf": [
        {"type": "string",
         "enum": [d.code for d in departments], "errorMessage": message,
         "markdownEnumDescriptions": [d.name for d in departments]},
        # outside the list the editor offers: an `if` is not read for completion
        {"type": ["string", "integer"],
         "errorMessage": message, "if": {"enum": others}, "else": {"enum": others, "errorMessage": message}},
    ]}


def _told_apart(field: dict[str, Any]) -> None:
    """The hover shows a field's title and description once, unless the parts of its
    `anyOf` look alike to it (same title, description and properties): it then joins
    them all, `Thèmes || Thèmes`. Every part but the first repeats the description,
    which tells them apart and leaves the hover's text unchanged."""
    for branch in field["anyOf"][1:]:
        branch["description"] = field["description"]


def _year() -> dict[str, Any]:
    """2021, "2021" (understood) or inconnue; the future is `check`'s (it moves)."""
    message = with_hint(invalid_year(), YEAR_DIGITS_HINT)
    return {
        # a text first: completing the key then inserts no `0` to overwrite
        "type": ["string", "integer", "null"], "errorMessage": message,
        "pattern": f"^\\s*(20[2-9][0-9]|{_any_case(UNKNOWN_YEAR)})\\s*$",
        "patternErrorMessage": message,
        "allOf": [
            {"if": {"type": "null"}, "then": _nothing(MISSING_YEAR, MISSING_YEAR_HINT)},
            {"if": {"type": "integer", "maximum": FIRST_YEAR - 1},
             "then": _nothing(year_too_early(), year_range_hint())},
        ],
    }


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in word)
