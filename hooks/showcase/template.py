"""The commented starting point of a new laureate file (`python -m showcase new`), written
from the models: each field that declares a `Skeleton` (models.py) gives its lines, in
the order of its model; and the template's texts that `check` refuses to publish."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .models import LaureateRecord, Skeleton, declared
from .problems import Problem
from .schema import SCHEMA_LINE
from .source import Document, Path_, field_path
from .urls import DIRECTORY_URLS, laureate_uri

_HEADER = """{schema_line}
# Fiche d'un lauréat du Fonds MNT. Les lignes qui commencent par # sont des commentaires.
# Remplacez chaque valeur, puis vérifiez avec : make check
# La page sera publiée à l'adresse /{page}

"""


def new_laureate_text(slug: str, year: int | None = None,
                      model: type[BaseModel] = LaureateRecord) -> str:
    """The header, then each field of MODEL that declares a `Skeleton`, in its order."""
    header = _HEADER.format(schema_line=SCHEMA_LINE,
                            page=DIRECTORY_URLS.page_url(laureate_uri(slug)))
    values = {"slug": slug, "year": str(year or date.today().year)}
    return header + "".join(f"{line}\n" for line in _lines(model, values, commented=True))


# `{slug}` or `{year}` in an example: the new file's.
_VALUE = re.compile(r"\{(slug|year)\}")


def _lines(model: type[BaseModel], values: dict[str, str], *, commented: bool) -> list[str]:
    """MODEL's fields as the new file writes them, each under its comment, VALUES for
    `{slug}` and `{year}`; the optional parts commented out if COMMENTED (the new file),
    written in otherwise (to read their examples)."""
    lines: list[str] = []
    for name, info, skeleton in _skeleton_fields(model):
        if skeleton.comment:
            lines.append(f"# {skeleton.comment}")
        own = _field_lines(name, info, skeleton, values, commented=commented)
        lines += [f"# {line}" for line in own] if commented and skeleton.commented_out else own
    return lines


def _field_lines(name: str, info: FieldInfo, skeleton: Skeleton, values: dict[str, str], *,
                 commented: bool) -> list[str]:
    part = _part(info)
    if part is not None:  # `image:` then its fields; `links:` then a list of one link
        model, is_list = part
        inner = _lines(model, values, commented=commented)
        if is_list:
            return [f"{name}:", *(("  - " if number == 0 else "    ") + line
                                  for number, line in enumerate(inner))]
        return [f"{name}:", *(f"  {line}" for line in inner)]
    example = _VALUE.sub(lambda found: values[found[1]], skeleton.example)
    if skeleton.block:
        return [f"{name}: {skeleton.block}", *(f"  {line}" for line in example.split("\n"))]
    return [f"{name}: {example}"]


def _skeleton_fields(model: type[BaseModel]) -> Iterator[tuple[str, FieldInfo, Skeleton]]:
    for name, info in model.model_fields.items():
        skeleton = declared(info, Skeleton)
        if skeleton is not None:
            yield name, info, skeleton


def _skeleton_paths(model: type[BaseModel],
                    prefix: str = "") -> Iterator[tuple[str, FieldInfo, Skeleton]]:
    """Every field of the new file by its path (`image.src`, `testimonials[].author`)."""
    for name, info, skeleton in _skeleton_fields(model):
        path = prefix + name
        yield path, info, skeleton
        part = _part(info)
        if part is not None:
            yield from _skeleton_paths(part[0], f"{path}[]." if part[1] else f"{path}.")


def _part(info: FieldInfo) -> tuple[type[BaseModel], bool] | None:
    """The part a field holds (`image: Image | None`) or a list of (`links: list[Link]`),
    and whether it is a list; None for a value."""
    annotation = info.annotation
    for candidate in get_args(annotation) or (annotation,):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate, get_origin(annotation) is list
    return None


# Values of the template that are examples to keep, not text to replace.
_KEPT = frozenset(path for path, _, skeleton in _skeleton_paths(LaureateRecord) if skeleton.kept)


@cache
def placeholders() -> dict[str, str]:
    """Every text of the template the editor must replace, by field (`testimonials[].author`),
    the commented optional fields included: left in place, they would be published."""
    lines = _lines(LaureateRecord, {"slug": "modele", "year": "2021"}, commented=False)
    found: dict[str, str] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for item in value:
                walk(item, path + "[]")
        elif isinstance(value, str) and path not in _KEPT:
            found[path] = " ".join(value.split())
    walk(yaml.safe_load("\n".join(lines)), "")
    return found


@cache
def _example_texts() -> frozenset[str]:
    return frozenset(placeholders().values())


def placeholder_problems(document: Document, display: str,
                         reported: frozenset[str] = frozenset()) -> list[Problem]:
    """The template's texts left as they were: "Titre du projet en quelques mots" or
    "Prénom Nom" passed every rule and were published. Fields in `reported` already
    have a problem (the example video address is no video): one message is enough."""
    known = placeholders()
    examples = _example_texts()
    problems = []
    for path, value in _texts(document.data, ()):
        text = " ".join(value.split())
        if text not in examples:  # most texts: their field is not read
            continue
        generic = re.sub(r"\[\d+\]", "[]", field_path(path))
        if known.get(generic) == text and field_path(path) not in reported:
            line, column = document.position_of(path)
            if generic == "commune":
                message = "modèle pas encore rempli : « Nom de la collectivité » est l'exemple du modèle"
                hint = "écrivez le nom officiel de la collectivité, puis remplacez chaque exemple du modèle"
            else:
                message = f"exemple du modèle laissé tel quel « {value.strip()} »"
                hint = "remplacez-le par le texte du lauréat" + _or_remove(generic)
            problems.append(Problem(display, line, column, field_path(path), message, hint))
    return problems


# What the editor may remove instead: the line of an optional field, or the whole block
# of an optional list or field whose own lines are required.
_OPTIONAL_LINES = frozenset(path for path, info, _ in _skeleton_paths(LaureateRecord)
                            if not info.is_required() and _part(info) is None)


def _or_remove(generic: str) -> str:
    root = re.split(r"[.\[]", generic, maxsplit=1)[0]
    if generic in _OPTIONAL_LINES:
        return ", ou retirez la ligne"
    return f", ou retirez tout le bloc {root}:" if root != generic else ""


def _texts(value: Any, path: Path_) -> list[tuple[Path_, str]]:
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _texts(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _texts(item, (*path, index))]
    return [(path, value)] if isinstance(value, str) else []
