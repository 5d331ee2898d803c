"""The short French name of each field of a laureate file: the form at /admin/ labels its
inputs with it (cms.py), the editor titles its hover help with it (schema.py)."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "LaureateRecord": {
        "commune": "Collectivité", "kind": "Type de collectivité", "department": "Département",
        "insee": "Code INSEE", "siren": "Numéro SIREN", "year": "Année de sélection",
        "theme": "Thèmes", "title": "Titre", "summary": "Résumé", "story": "Récit",
        "support": "Accompagnement du Fonds MNT", "testimonials": "Témoignages",
        "image": "Photo", "video": "Vidéo", "links": "Liens",
    },
    "Testimonial": {"quote": "Citation", "author": "Auteur ou autrice", "role": "Fonction",
                    "source": "Source (adresse web)"},
    "Image": {"src": "Fichier de la photo", "alt": "Description de la photo"},
    "Video": {"url": "Adresse de la vidéo", "title": "Titre de la vidéo"},
    "Link": {"label": "Texte du lien", "url": "Adresse du lien"},
}
