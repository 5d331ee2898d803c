"""pydantic's validation errors, said in French at the right line of the file.

Messages are keyed by pydantic's error *type* (stable across releases), never by its
English text. A missing field is reported at its parent mapping, an unknown field at
its own key, a wrong value at the value itself.
"""

from __future__ import annotations

from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .problems import Problem
from .source import Document, Path_, field_path

_TYPE_NAMES = {
    "string_type": "un texte",
    "int_type": "un nombre entier (par exemple 2021)",
    "int_parsing": "un nombre entier (par exemple 2021)",
    "int_from_float": "un nombre entier (par exemple 2021)",
    "list_type": "une liste (lignes commençant par « - »)",
    "dict_type": "un bloc de champs « nom: valeur »",
    "model_type": "un bloc de champs « nom: valeur »",
    "model_attributes_type": "un bloc de champs « nom: valeur »",
    "bool_type": "oui ou non (true / false)",
}


def problems_from_validation(error: ValidationError, document: Document, display_name: str,
                             model: type[BaseModel], *, prefix: Path_ = ()) -> list[Problem]:
    """One Problem per pydantic error, located in the document.

    `prefix` is where the validated data stands in the file, when it is not the whole file.
    """
    return [_problem(detail, prefix, document, display_name, model) for detail in error.errors()]


def _problem(detail: ErrorDetails, prefix: Path_, document: Document, display_name: str,
             model: type[BaseModel]) -> Problem:
    local: Path_ = tuple(detail["loc"])
    path: Path_ = (*prefix, *local)
    kind = detail["type"]
    if kind == "missing":
        line, column = document.position_of(path[:-1])
    elif kind == "extra_forbidden":
        line, column = document.position_of(path, key=True)
    else:
        line, column = document.position_of(path)
    message, hint = _message(detail, local, model)
    return Problem(display_name, line, column, field_path(path), message, hint)


def _message(detail: ErrorDetails, path: Path_, model: type[BaseModel]) -> tuple[str, str]:
    kind, ctx, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    name = str(path[-1]) if path else ""
    if kind == "showcase_rule":
        return str(ctx["message"]), str(ctx.get("hint", ""))
    if kind == "missing":
        return "champ obligatoire manquant", f"ajoutez {name}: {_EXAMPLES.get(name, '…')}"
    if kind == "extra_forbidden":
        known = _known_fields(model, path[:-1])
        close = get_close_matches(name.lower(), known, n=1, cutoff=0.6) or _ALIASES.get(name.lower(), [])
        hint = f"vouliez-vous dire « {close[0]} » ?" if close else "champs possibles : " + ", ".join(known)
        return f"champ inconnu « {name} »", hint
    if kind in _TYPE_NAMES:
        return f"doit être {_TYPE_NAMES[kind]}, pas « {_shown(value)} »", ""
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return "ne doit pas être vide", f"écrivez le texte de {name} ou retirez la ligne"
        return (f"trop court : {len(str(value))} caractères, au moins {ctx.get('min_length')}", "")
    if kind == "string_too_long":
        return (f"trop long : {len(str(value))} caractères, au plus {ctx.get('max_length')}",
                "raccourcissez le texte")
    if kind == "too_short":
        return "la liste ne doit pas être vide", "ajoutez au moins un élément"
    if kind == "literal_error":
        return f"valeur inconnue « {_shown(value)} »", f"valeurs possibles : {ctx.get('expected', '')}"
    return f"valeur refusée ({detail['msg']})", ""


def _known_fields(model: type[BaseModel], parent: Path_) -> list[str]:
    """The field names allowed at `parent` (walks nested models and lists)."""
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if isinstance(current, type) else None
        current = _inner_model(info.annotation) if info else None
        if current is None:
            return []
    return list(current.model_fields) if current else []


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found:
            return found
    return None


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "…"


# French words the team may type instead of the English keys.
_ALIASES = {
    "titre": ["title"], "resume": ["summary"], "résumé": ["summary"], "annee": ["year"],
    "année": ["year"], "theme": ["theme"], "thème": ["theme"], "themes": ["theme"],
    "thèmes": ["theme"], "temoignages": ["testimonials"], "témoignages": ["testimonials"],
    "temoignage": ["testimonials"], "témoignage": ["testimonials"], "citation": ["quote"],
    "auteur": ["author"], "fonction": ["role"], "liens": ["links"], "lien": ["links"],
    "histoire": ["story"], "récit": ["story"], "recit": ["story"], "photo": ["image"],
    "video": ["video"], "vidéo": ["video"], "departement": ["department"],
    "département": ["department"], "type": ["kind"], "accompagnement": ["support"],
    "texte": ["alt"], "adresse": ["url"], "libelle": ["label"], "libellé": ["label"],
}

_EXAMPLES = {
    "commune": "Nom de la collectivité", "department": '"35"', "year": "2021",
    "theme": "accueil-des-usagers", "title": "Titre du projet",
    "summary": "Une ou deux phrases qui résument le projet.", "quote": "La citation exacte",
    "author": "Prénom Nom", "alt": "Ce que montre la photo", "src": "images/ma-commune.jpg",
    "url": "https://…", "label": "Texte du lien", "description": "Une phrase.",
}
