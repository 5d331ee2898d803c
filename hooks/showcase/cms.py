"""The configuration of the editor at /admin/ (Sveltia CMS), generated from the content model.

The form must never drift from what `check` accepts, so nothing here repeats a rule of
`models.py`: required fields, lengths, the department pattern, the kinds, the first year,
the photo formats and size, the video hosts come from the models and their constants; the
themes come from `projects/_themes.yml`. What the models cannot say is added here, in
French: help texts where a model's description speaks of YAML (the others are the
descriptions; each field's label is its `title` in the models) and the messages of the
patterns. The committed copy must equal the generated one (a test checks it);
`python -m showcase cms` (or `make cms`) rewrites it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import photos
from .catalog import PROJECTS_DIR, Theme
from .models import (
    FIRST_YEAR,
    IMAGE_SUFFIXES,
    UNKNOWN_YEAR,
    Image,
    Kind,
    LaureateRecord,
    Link,
    Testimonial,
    Video,
)
from .territories import department_code_pattern

CMS_CONFIG_FILE = "docs/admin/config.yml"
# The name our own YAML writer is registered under (scripts/admin/src/format.js).
FILE_FORMAT = "showcase-yaml"
IMAGES_DIR = "images"  # inside projects/, as `image.src` is written

_HEADER = """\
# Configuration du formulaire /admin/ (Sveltia CMS), générée par `python -m showcase cms`
# à partir du modèle de contenu (hooks/showcase/models.py) et de projects/_themes.yml.
# Ne la modifiez pas à la main : lancez make cms (un test échoue si elle n'est plus à jour).
"""

# Where a model's description speaks of YAML (quotes, paths), the form says what to do.
HINTS: dict[str, dict[str, str]] = {
    "LaureateRecord": {
        "department": 'Numéro du département : 35, 01, 2A, 974…',
        "insee": "Code INSEE de la commune (par exemple 35237). Facultatif : le site le retrouve "
                 "à partir du nom et du département ; ajoutez-le seulement si la vérification "
                 "le demande.",
        "siren": "Numéro SIREN de l'intercommunalité (par exemple 200070738). Facultatif : le "
                 "site le retrouve à partir du nom ; ajoutez-le seulement si la vérification le "
                 "demande.",
        "kind": "Laissez vide pour une commune.",
        "theme": "Un ou plusieurs thèmes du catalogue (projects/_themes.yml).",
    },
    "Image": {"src": "Une photo JPEG, PNG, WebP ou AVIF de 2 Mo au plus ; elle est enregistrée "
                     "dans projects/images/."},
}
SINGULAR = {"testimonials": "témoignage", "links": "lien"}
KIND_LABELS = {"commune": "Commune", "departement": "Département",
               "intercommunalite": "Intercommunalité", "region": "Région"}
# Plain texts long enough to want several lines in the form (a textarea, not one line).
MULTILINE = {"summary", "quote"}
WEB_URL = r"^https?://[^/?#\s]+"
VIDEO_URL = r"^https?://((www|m)\.)?(youtube\.com|youtu\.be|vimeo\.com|dailymotion\.com|dai\.ly)/"
# What the story allows: paragraphs, ### headings, bold, italic, lists, https links; no HTML,
# no images or code blocks (the renderer does not publish them as the team expects).
STORY_BUTTONS = ["bold", "italic", "link", "heading-three", "bulleted-list", "numbered-list"]


def cms_config(themes: dict[str, Theme], *, repo: str, site_url: str,
               model: type[LaureateRecord] = LaureateRecord) -> dict[str, Any]:
    collection = {
        "name": "laureats",
        "label": "Lauréats",
        "label_singular": "lauréat",
        "description": "Un lauréat par fichier du dossier projects/. Les changements sont "
                       "proposés dans une pull request, vérifiée puis fusionnée par l'équipe.",
        "folder": PROJECTS_DIR,
        "extension": "yml",
        "format": FILE_FORMAT,
        # _themes.yml (and any `_` file) has no `commune`: it is not an entry (the CMS tests
        # the pattern against "null" for a missing field)
        "filter": {"field": "commune", "pattern": "^(?!null$)."},
        "create": True,
        "delete": False,
        "identifier_field": "commune",
        "slug": "{{commune}}",
        "summary": "{{commune}} ({{department}}) · {{title}}",
        "sortable_fields": ["commune", "year", "title"],
        "media_folder": IMAGES_DIR,
        "public_folder": IMAGES_DIR,
        "fields": [_field(name, info, "LaureateRecord", themes)
                   for name, info in model.model_fields.items()],
    }
    return {
        "backend": {
            "name": "github",
            "repo": repo,
            "branch": "main",
            "auth_methods": ["token"],
            "commit_messages": {
                "create": "Ajoute le lauréat {{slug}} (formulaire)",
                "update": "Modifie le lauréat {{slug}} (formulaire)",
                "delete": "Retire le lauréat {{slug}} (formulaire)",
                "uploadMedia": "Ajoute la photo {{path}} (formulaire)",
                "deleteMedia": "Retire la photo {{path}} (formulaire)",
            },
        },
        # Every change becomes a pull request: the checks run, a person merges.
        "publish_mode": "editorial_workflow",
        "app_title": "Lauréats du Fonds MNT · formulaire",
        "site_url": site_url,
        "media_folder": f"{PROJECTS_DIR}/{IMAGES_DIR}",
        "public_folder": f"/{IMAGES_DIR}",
        # The photo dialog would otherwise offer four stock photo sites (Pexels, Unsplash…):
        # third-party hosts, and pictures that are not the laureate's.
        "media_libraries": {"stock_assets": False},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True},
        "collections": [collection],
    }


def cms_config_text(themes: dict[str, Theme], *, repo: str, site_url: str) -> str:
    config = cms_config(themes, repo=repo, site_url=site_url)
    body = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    return _HEADER + body


def repository_settings(root: Path) -> tuple[str, str]:
    """`owner/name` and the site address, as mkdocs.yml gives them without environment."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = yaml.load(text, Loader=_MkDocsLoader)
    repo_url = str(config["repo_url"])
    match = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", repo_url)
    if match is None:
        raise ValueError(f"repo_url n'est pas un dépôt GitHub : {repo_url}")
    return match.group(1), str(config["site_url"])


class _MkDocsLoader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, default]` read as its default: the committed configuration
    must not depend on the environment of whoever generates it."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    assert isinstance(node, yaml.SequenceNode)
    return loader.construct_sequence(node)[-1]


_MkDocsLoader.add_constructor("!ENV", _env_default)


# --- Fields ------------------------------------------------------------------------------


def _field(name: str, info: FieldInfo, model: str, themes: dict[str, Theme]) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": info.title}
    hint = HINTS.get(model, {}).get(name, info.description)
    if hint:
        field["hint"] = hint
    field["required"] = info.is_required()
    field.update(_widget(name, info, model, themes))
    return field


def _widget(name: str, info: FieldInfo, model: str, themes: dict[str, Theme]) -> dict[str, Any]:
    special: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
        ("LaureateRecord", "kind"): _kind,
        ("LaureateRecord", "department"): _department,
        ("LaureateRecord", "year"): _year,
        ("LaureateRecord", "story"): _story,
        ("LaureateRecord", "image"): lambda: _object(Image, themes),
        ("LaureateRecord", "video"): lambda: _object(Video, themes),
        ("LaureateRecord", "testimonials"): lambda: _list(name, Testimonial, themes),
        ("LaureateRecord", "links"): lambda: _list(name, Link, themes),
        ("LaureateRecord", "insee"): lambda: _pattern(info, "cinq caractères, par exemple 35237"),
        ("LaureateRecord", "siren"): lambda: _pattern(info, "neuf chiffres, par exemple 200070738"),
        ("Image", "src"): _image_file,
        ("Video", "url"): lambda: {"widget": "string", "type": "url", "pattern": [
            VIDEO_URL, "une adresse de vidéo YouTube, Vimeo ou Dailymotion"]},
    }
    if name == "theme" and model == "LaureateRecord":
        return {"widget": "select", "multiple": True, "min": _min_items(info),
                "options": [{"label": t.label, "value": slug} for slug, t in themes.items()]}
    if (model, name) in special:
        return special[(model, name)]()
    if name in ("url", "source"):
        return {"widget": "string", "type": "url",
                "pattern": [WEB_URL, "une adresse complète qui commence par https://"]}
    widget: dict[str, Any] = {"widget": "text" if name in MULTILINE else "string"}
    widget.update(_lengths(info))
    return widget


def _lengths(info: FieldInfo) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for rule in info.metadata:
        if getattr(rule, "min_length", None):
            lengths["minlength"] = rule.min_length
        if getattr(rule, "max_length", None):
            lengths["maxlength"] = rule.max_length
    return lengths


def _min_items(info: FieldInfo) -> int:
    return next((rule.min_length for rule in info.metadata if getattr(rule, "min_length", None)), 0)


def _kind() -> dict[str, Any]:
    # No `default`: the CMS would add `kind: commune` to every file that leaves it out.
    return {"widget": "select",
            "options": [{"label": KIND_LABELS[kind], "value": kind} for kind in get_args(Kind)]}


def _department() -> dict[str, Any]:
    return {"widget": "string", "pattern": [
        department_code_pattern(),
        ("numéro de département inconnu : écrivez par exemple 35, 01, 2A ou 974 "
         "(la Corse, c'est 2A ou 2B)")]}


def _year() -> dict[str, Any]:
    years = range(FIRST_YEAR, date.today().year + 2)
    return {"widget": "select", "options": [
        *({"label": str(year), "value": year} for year in years),
        {"label": f"année {UNKNOWN_YEAR}", "value": UNKNOWN_YEAR}]}


def _story() -> dict[str, Any]:
    return {"widget": "markdown", "buttons": STORY_BUTTONS, "editor_components": [],
            "modes": ["rich_text", "raw"], "linked_images": False}


def _image_file() -> dict[str, Any]:
    accept = ",".join(f"image/{suffix.removeprefix('.').replace('jpg', 'jpeg')}"
                      for suffix in IMAGE_SUFFIXES if suffix != ".jpeg")
    return {"widget": "image", "choose_url": False, "accept": accept,
            "media_libraries": {"default": {"config": {
                "max_file_size": photos.MAX_BYTES, "slugify_filename": True}}}}


def _pattern(info: FieldInfo, example: str) -> dict[str, Any]:
    extra = info.json_schema_extra
    pattern = extra.get("pattern") if isinstance(extra, dict) else None
    return {"widget": "string", "pattern": [str(pattern), f"format invalide : {example}"]}


def _object(model: type[BaseModel], themes: dict[str, Theme]) -> dict[str, Any]:
    return {"widget": "object", "collapsed": False,
            "fields": [_field(name, info, model.__name__, themes)
                       for name, info in model.model_fields.items()]}


def _list(name: str, model: type[BaseModel], themes: dict[str, Theme]) -> dict[str, Any]:
    first = next(iter(model.model_fields))
    return {"widget": "list", "label_singular": SINGULAR[name], "collapsed": "auto",
            "summary": f"{{{{fields.{first}}}}}",
            "fields": [_field(key, info, model.__name__, themes)
                       for key, info in model.model_fields.items()]}

