"""pydantic's validation errors, said in French at the right line of the file.

Messages are keyed by pydantic's error *type* (stable across releases), never by its
English text. A missing field is reported at its parent mapping, an unknown field at
its own key, a wrong value at the value itself.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .folding import fold
from .problems import Problem
from .source import Document, Path_, field_path
from .wording import did_you_mean, possible

# Suggestions compare at most this many characters: difflib is quadratic in the length,
# and 40,000 aliases of a 100 KB text kept it busy for over 300 s.
SUGGESTION_PREFIX = 60
# A quoted value is shortened to this many characters in a message: a 5 MB value made
# a 5 MB report line and GitHub annotation.
QUOTE_LIMIT = 80


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """`« value »` for a message: control characters shown as `\\x01`, at most
    `limit` characters, with an ellipsis when shortened."""
    text = value if isinstance(value, str) else str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    shown = "".join(_visible(character) for character in text)
    return f"« {shown} »"


# --- The catalogue: messages that `check` and the editor's underlining both say ----------
# Each takes the typed value when `check` quotes it; without it, it gives the general form
# that the JSON Schema gives the editor (schema.py), which cannot quote what is typed.

def with_value(message: str, value: object = None) -> str:
    """`message` and the typed value in quotes, as `check` says it; without the value, the
    general form, as the editor's schema says it."""
    return message if value is None else f"{message} {quoted(value)}"


MISSING_FIELD = "champ obligatoire manquant"
EMPTY_TEXT = "ne doit pas être vide"


def unknown_field(name: str | None = None) -> str:
    return "champ inconnu" + (f" « {name} »" if name is not None else "")


def unknown_value(shown: str | None = None) -> str:
    return "valeur inconnue" + (f" « {shown} »" if shown is not None else "")


def unknown_theme(slug: str | None = None) -> str:
    return with_value("thème inconnu", slug)


def too_short(minimum: int, length: int | None = None) -> str:
    if length is None:
        return f"trop court : au moins {minimum} caractères"
    return f"trop court : {length} caractères, au moins {minimum}"


def too_long(maximum: int, length: int | None = None) -> str:
    if length is None:
        return f"trop long : au plus {maximum} caractères"
    return f"trop long : {length} caractères, au plus {maximum}"


EMPTY_LIST = ("la liste ne doit pas être vide", "ajoutez au moins un élément")
TOO_SHORT_HINT = "complétez le texte"
TOO_LONG_HINT = "raccourcissez le texte"


def must_be(kind: str, value: Any = None) -> str:
    """`doit être un texte, pas « 2021 »`; KIND: pydantic's error type (`string_type`)."""
    return f"doit être {TYPE_NAMES[kind]}" + (f", {_not(value)}" if value is not None else "")


def type_hint(kind: str, name: str) -> str:
    return _TYPE_HINTS.get(kind, "").format(name=name)


def empty_text_hint(name: str) -> str:
    return f"écrivez le texte de {name} ou retirez la ligne"


def with_hint(message: str, hint: str) -> str:
    """A message and its fix on one line, as the editor shows a problem."""
    return f"{message} → {hint}" if hint else message


def _visible(character: str) -> str:
    category = unicodedata.category(character)
    if category == "Cc" or (category == "Cf" and character not in "\u00ad\u200d"):
        return f"U+{ord(character):04X}" if ord(character) > 0xFF else f"\\x{ord(character):02x}"
    return character


TYPE_NAMES = {
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
_TYPE_HINTS = {
    "string_type": "mettez le texte entre guillemets, ou écrivez-le sur la même ligne que {name}:",
    "list_type": "écrivez chaque élément sur sa ligne, après un tiret « - »",
    "model_type": "écrivez {name}: seul sur sa ligne, puis ses champs en dessous, indentés de deux espaces",
    "dict_type": "écrivez {name}: seul sur sa ligne, puis ses champs en dessous, indentés de deux espaces",
}


def problems_from_validation(error: ValidationError, document: Document, display_name: str,
                             model: type[BaseModel], *, prefix: Path_ = ()) -> list[Problem]:
    """One Problem per pydantic error, located in the document.

    `prefix` is where the validated data stands in the file, when it is not the whole file.
    Errors about values the loader already refused (a tag, a recursive alias) are left
    out: the editor has one thing to fix there, and already has its message.
    """
    return [_problem(detail, prefix, document, display_name, model) for detail in error.errors()
            if not document.is_refused((*prefix, *detail["loc"]))]


def _problem(detail: ErrorDetails, prefix: Path_, document: Document, display_name: str,
             model: type[BaseModel]) -> Problem:
    local: Path_ = tuple(detail["loc"])
    path: Path_ = (*prefix, *local)
    kind = detail["type"]
    if kind == "missing" and path[:-1] and isinstance(path[-2], str) and path[:-1] in document.key_positions:
        # `image:` without `alt`: at the key, where the editor underlines it too
        line, column = document.position_of(path[:-1], key=True)
    elif kind == "missing":
        line, column = document.position_of(path[:-1])
    elif kind == "extra_forbidden" or (detail.get("input") is None and path in document.key_positions):
        line, column = document.position_of(path, key=True)  # `author:` with nothing after it
    else:
        line, column = document.position_of(path)
    ctx = detail.get("ctx") or {}
    if isinstance(ctx.get("line"), int) and path in document.block_starts:  # in `story: |`
        first, indent = document.block_starts[path]
        line, column = first + ctx["line"], indent + ctx["column"]
    message, hint = _message(detail, local, model)
    return Problem(display_name, line, column, field_path(path), message, hint)


def _message(detail: ErrorDetails, path: Path_, model: type[BaseModel]) -> tuple[str, str]:
    kind, ctx, value = detail["type"], detail.get("ctx") or {}, detail.get("input")
    name = path[-1] if path else ""
    if kind == "showcase_rule":
        return str(ctx["message"]), str(ctx.get("hint", ""))
    if kind == "missing":
        return MISSING_FIELD, f"ajoutez {name}: {example(path)}"
    if kind == "extra_forbidden":
        suggestion = _suggestion(path, model)
        hint = (did_you_mean(suggestion) if suggestion
                else possible("champs", _known_fields(model, path[:-1])))
        return unknown_field(str(name)), hint
    if value is None and kind in TYPE_NAMES:
        return empty_value(name)
    if kind in TYPE_NAMES and isinstance(name, int) and kind in ("model_type", "dict_type"):
        return must_be(kind, value), item_hint(path)
    if kind in TYPE_NAMES:
        return must_be(kind, value), type_hint(kind, str(name))
    if kind == "string_too_short":
        if ctx.get("min_length") == 1:
            return EMPTY_TEXT, empty_text_hint(str(name))
        return too_short(int(ctx["min_length"]), len(str(value).strip())), TOO_SHORT_HINT
    # An optional text (`role`) is measured after its union: pydantic then says too_long.
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        return too_long(int(ctx["max_length"]), len(str(value).strip())), TOO_LONG_HINT
    if kind == "too_long":
        return (f"trop d'éléments : {ctx.get('actual_length')}, au plus {ctx.get('max_length')}",
                "retirez des éléments")
    if kind == "too_short":
        return EMPTY_LIST
    if kind == "literal_error":
        expected = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        close = get_close_matches(fold(str(value)[:SUGGESTION_PREFIX]), expected, n=1, cutoff=0.6)
        hint = did_you_mean(close[0]) if close else possible("valeurs", expected)
        return unknown_value(_shown(value)), hint
    return f"valeur refusée ({detail['msg']})", ""


# How an item of each list starts, and what follows on the next line.
_ITEM_FIELDS = {"testimonials": ("quote", "author", "le nom de la personne"),
                "links": ("label", "url", "l'adresse")}


def item_hint(path: Path_) -> str:
    """`- On a enfin…` where a testimonial needs its fields."""
    found = _ITEM_FIELDS.get(str(path[-2]) if len(path) > 1 else "")
    if found is None:
        return "écrivez chaque champ de l'élément sur sa ligne : « - nom: valeur »"
    first, second, what = found
    return (f"écrivez « - {first}: » devant le texte, puis sur la ligne suivante « {second}: » "
            f"et {what}, aligné sur {first}")


def empty_value(name: str | int) -> tuple[str, str]:
    """`author:` with nothing after it, or a `-` alone in a list."""
    if isinstance(name, int):
        return "élément vide", "complétez l'élément ou retirez le tiret « - » seul"
    example = _EXAMPLES.get(name)
    return ("valeur vide", f"écrivez la valeur après « {name}: »" + (f", par exemple {name}: {example}"
                                                                     if example else ""))


def _suggestion(path: Path_, model: type[BaseModel]) -> str | None:
    """The known field an unknown key at `path` probably means: a French word the team
    may type, or a typo."""
    known = _known_fields(model, path[:-1])
    folded = fold(str(path[-1])[:SUGGESTION_PREFIX])
    close = [alias for alias in _ALIASES.get(folded, []) if alias in known]
    close = close or get_close_matches(folded, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _known_fields(model: type[BaseModel], parent: Path_) -> list[str]:
    """The field names allowed at `parent` (walks nested models and lists)."""
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if _is_model(current) else None
        current = _inner_model(info.annotation) if info else None
        if current is None:
            return []
    return list(current.model_fields) if current else []


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _inner_model(argument)
        if found:
            return found
    return None


def _shown(value: Any) -> str:
    """A value as the editor wrote it (`true`, not Python's `True`), shortened."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return quoted(text if len(text) <= 40 else text[:37] + "…")[2:-2]


def _not(value: Any) -> str:
    if isinstance(value, dict):
        return "pas un bloc de champs"
    if isinstance(value, list):
        return "pas une liste"
    return f"pas « {_shown(value)} »"


# French words the team may type instead of the English keys (written without accents:
# the unknown key is folded before the look-up). A word maps to the keys it may mean,
# the hint keeps the one allowed where the word was written.
_ALIASES = {
    "titre": ["title"], "resume": ["summary"], "chapo": ["summary"], "annee": ["year"],
    "themes": ["theme"], "temoignages": ["testimonials"], "temoignage": ["testimonials"],
    "citations": ["testimonials"], "citation": ["quote"], "auteur": ["author"],
    "fonction": ["role"], "poste": ["role"], "liens": ["links"], "lien": ["links"],
    "histoire": ["story"], "recit": ["story"], "photo": ["image"], "photos": ["image"],
    "images": ["image"], "videos": ["video"], "departement": ["department"],
    "collectivite": ["commune"], "ville": ["commune"], "type": ["kind"],
    "accompagnement": ["support"], "texte": ["alt"], "legende": ["alt"],
    "description": ["alt", "summary"], "adresse": ["url"], "lien_video": ["url"],
    "libelle": ["label"], "titre_video": ["title"], "chemin": ["src"], "fichier": ["src"],
}

def example(path: Path_) -> str:
    """What a field may hold (`video.title` is not the project's title)."""
    named = ".".join(str(part) for part in path if not isinstance(part, int))
    return _EXAMPLES.get(named) or _EXAMPLES.get(str(path[-1]) if path else "", "…")


_EXAMPLES = {
    "video.title": "Titre de la vidéo", "image.alt": "Ce que montre la photo",
    "links.label": "Texte du lien", "links.url": "https://…",
    "commune": "Nom de la collectivité", "department": '"35"', "year": "2021",
    "theme": "accueil-des-usagers", "title": "Titre du projet",
    "summary": "Une ou deux phrases qui résument le projet.", "quote": "La citation exacte",
    "author": "Prénom Nom", "alt": "Ce que montre la photo", "src": "images/ma-commune.jpg",
    "url": "https://…", "label": "Texte du lien", "description": "Une phrase.",
}
