"""The commented starting point of a new laureate file (`python -m showcase new`)."""

from __future__ import annotations

from datetime import date

from .schema import SCHEMA_LINE
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
