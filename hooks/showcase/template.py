"""The commented starting point of a new laureate file (`python -m showcase new`)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any

import yaml

from .problems import Problem
from .schema import SCHEMA_LINE
from .source import Document, Path_, field_path
from .urls import DIRECTORY_URLS, laureate_uri

_TEMPLATE = """{schema_line}
# Fiche d'un lauréat du Fonds MNT. Les lignes qui commencent par # sont des commentaires.
# Remplacez chaque valeur, puis vérifiez avec : make check
# La page sera publiée à l'adresse /{page}

# Nom de la collectivité (commune, département ou intercommunalité).
commune: Nom de la collectivité
# commune (par défaut), departement, intercommunalite ou region.
kind: commune
# Numéro du département, entre guillemets.
department: "35"
# Année où le jury a retenu le projet (ou : inconnue).
year: {year}
# Un thème, ou une liste [accueil-des-usagers, conditions-de-travail] ; voir projects/_themes.yml
theme: accueil-des-usagers
title: Titre du projet en quelques mots
# Une ou deux phrases, en texte simple (40 à 280 caractères).
summary: >-
  Résumé du projet en une ou deux phrases, affiché sur les cartes et dans les
  moteurs de recherche.
# Le récit, en Markdown : paragraphes séparés par une ligne vide, **gras**, listes.
story: |
  Ce qui a motivé le projet, ce que l'équipe a fait, ce qui a changé.
support: L'accompagnement apporté par le Fonds MNT, en une phrase.
testimonials:
  - quote: La citation exacte, sans guillemets.
    author: Prénom Nom
    role: fonction de la personne
    source: https://www.exemple.fr/article
# Facultatif : une photo dans projects/images/ (JPEG, PNG, WebP ou AVIF, 2 Mo au plus).
# image:
#   src: images/{slug}.jpg
#   alt: Ce que montre la photo, pour qui ne la voit pas.
# Facultatif : une vidéo YouTube, Vimeo ou Dailymotion (chargée au clic seulement).
# video:
#   url: https://www.youtube.com/watch?v=...
#   title: Titre de la vidéo
links:
  - label: Texte du lien
    url: https://www.exemple.fr/page
"""


def new_laureate_text(slug: str, year: int | None = None) -> str:
    return _TEMPLATE.format(schema_line=SCHEMA_LINE, slug=slug, year=year or date.today().year,
                            page=DIRECTORY_URLS.page_url(laureate_uri(slug)))


# Values of the template that are examples to keep, not text to replace.
_KEPT = frozenset(("kind", "department", "year", "theme", "src"))
# `# image:` or `#   alt: …`: an optional field of the template, commented out.
_COMMENTED_FIELD = re.compile(r"^# ( *[a-z_]+:(?: .*)?)$", re.MULTILINE)


@cache
def placeholders() -> dict[str, str]:
    """Every text of the template the editor must replace, by field (`testimonials[].author`),
    the commented optional fields included: left in place, they would be published."""
    text = _COMMENTED_FIELD.sub(r"\1", new_laureate_text("modele", 2021))
    found: dict[str, str] = {}

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}.{key}" if path else key)
        elif isinstance(value, list):
            for item in value:
                walk(item, path + "[]")
        elif isinstance(value, str) and path.rsplit(".", 1)[-1] not in _KEPT:
            found[path] = " ".join(value.split())
    walk(yaml.safe_load(text), "")
    return found


def placeholder_problems(document: Document, display: str,
                         reported: frozenset[str] = frozenset()) -> list[Problem]:
    """The template's texts left as they were: "Titre du projet en quelques mots" or
    "Prénom Nom" passed every rule and were published. Fields in `reported` already
    have a problem (the example video address is no video): one message is enough."""
    known = placeholders()
    problems = []
    for path, value in _texts(document.data, ()):
        generic = re.sub(r"\[\d+\]", "[]", field_path(path))
        if known.get(generic) == " ".join(value.split()) and field_path(path) not in reported:
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
_OPTIONAL_LINES = frozenset(("story", "support", "testimonials[].role", "testimonials[].source"))


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
