"""The content model: what a laureate file may contain, as typed pydantic models.

pydantic rather than a hand-written JSON Schema because one declaration gives us
three things: validation with precise error locations, typed objects for the
templates, and the JSON Schema that editors use for autocompletion
(`schema.py`). Descriptions are in French: the editor shows them on hover. Each
field's `title` is its short French name: the form at /admin/ labels its input with
it (`cms.py`), the editor heads its hover help with it (`schema.py`). What else a
field gives the site is declared beside its type (`Skeleton`: its lines in a new
file; `CsvColumn`: its column in laureats.csv), so that a new field is written once,
here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import parse_qs

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from . import photos, story
from .messages import with_value
from .territories import (
    OVERSEAS_COLLECTIVITY_CODES,
    department_codes,
    load_territories,
    normalize_insee_code,
    normalize_siren,
    not_a_department,
)
from .weburl import BadUrl, WebAddress, parse_web_url

FIRST_YEAR = 2020  # the Fund was created in October 2020
UNKNOWN_YEAR = "inconnue"  # as a file writes it
UNKNOWN_YEAR_TEXT = "année non communiquée"  # as a page says it
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif")


# The year's messages, said by `check` and (their general forms) by the editor.
MISSING_YEAR = "année manquante"
MISSING_YEAR_HINT = f"indiquez l'année, par exemple year: 2021, ou year: {UNKNOWN_YEAR}"
YEAR_DIGITS_HINT = f"écrivez l'année en chiffres, par exemple 2021, ou {UNKNOWN_YEAR}"


def invalid_year(value: object = None) -> str:
    return with_value("année invalide", value)


def year_too_early(year: int | None = None) -> str:
    return (f"année{f' {year}' if year is not None else ''} impossible : le Fonds MNT retient "
            f"des projets depuis {FIRST_YEAR}")


def year_range_hint(last: int | None = None) -> str:
    if last is None:  # the editor's schema is written once, not each year
        return f"indiquez une année à partir de {FIRST_YEAR}"
    return f"indiquez une année entre {FIRST_YEAR} et {last}"


def year_text(year: int | None, *, capital: bool = False) -> str:
    """A laureate's year as every page and filter says it: `2021`, or `année non
    communiquée` (`Année non communiquée` with CAPITAL, as a heading or an option)."""
    text = str(year) if year else UNKNOWN_YEAR_TEXT
    return text[:1].upper() + text[1:] if capital else text


def rule_error(message: str, hint: str = "", line: int | None = None,
               column: int = 0) -> PydanticCustomError:
    """An error whose French message is ours, not pydantic's; `line` and `column`: where
    the mistake stands in a block text (`story: |`), counted from 0."""
    context: dict[str, object] = {"message": message, "hint": hint}
    if line is not None:
        context.update(line=line, column=column)
    return PydanticCustomError("showcase_rule", "{message}", context)


# --- Reusable field types ---------------------------------------------------------------


def invalid_address(reason: str, value: str | None = None) -> str:
    """`adresse web invalide « www.x.fr » : seules les adresses http(s) sont acceptées`."""
    return with_value("adresse web invalide", value) + f" : {reason}"


def _web_url(value: str, *, https_only: bool = False) -> str:
    """The address as a browser reads it (see weburl.py), or a French reason."""
    found = parse_web_url(value.strip(), https_only=https_only)
    if isinstance(found, BadUrl):
        raise rule_error(invalid_address(found.reason, value), found.hint)
    return found.href


def _https_url(value: str) -> str:
    return _web_url(value, https_only=True)


# Bidirectional controls reorder what is shown (U+202E makes "gpj.exe" read "exe.jpg"):
# nothing in a French text needs them.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
# Letters that show as blank space (the Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def check_characters(value: str, *, allowed: str = "\t\n\r") -> str:
    """Refuse C0/C1 control characters (other than `allowed`) and bidi controls, naming
    the character and its position: they break the feed's XML, a page's front matter,
    or make a text read other than it is."""
    found = _forbidden_characters(allowed).search(value)  # one scan, not a call per character
    if found is None:
        return value
    index, character = found.start(), found.group()
    if character in BIDI_CONTROLS:
        name = unicodedata.name(character, "")
        raise rule_error(f"caractère de direction du texte U+{ord(character):04X} ({name}) "
                         f"interdit (caractère {index + 1} du texte)",
                         "supprimez ce caractère invisible : il change l'ordre d'affichage du texte")
    raise rule_error(f"caractère de contrôle U+{ord(character):04X} interdit "
                     f"(caractère {index + 1} du texte)",
                     "supprimez ce caractère invisible (souvent collé depuis un autre "
                     "logiciel) en retapant le texte à cet endroit")


@cache
def _forbidden_characters(allowed: str) -> re.Pattern[str]:
    """The control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) not in
    ALLOWED, and the bidi controls, as one character class."""
    controls = (chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)))
    forbidden = sorted({c for c in controls if c not in allowed} | BIDI_CONTROLS)
    return re.compile("[" + "".join(re.escape(c) for c in forbidden) + "]")


def has_visible_character(value: str) -> bool:
    """A letter, digit, punctuation or symbol that is not blank (zero-width spaces,
    U+3164 and the like show nothing)."""
    return any(unicodedata.category(c)[0] in "LNPS" and c not in _BLANK_LETTERS for c in value)


def _plain(value: str) -> str:
    check_characters(value)
    if value and not has_visible_character(value):
        raise rule_error("texte sans aucun caractère visible",
                         "écrivez le texte, ou retirez la ligne si le champ est facultatif")
    return " ".join(value.split())  # folds line breaks of `>` blocks and stray spaces


def _story(value: str) -> str:
    check_characters(value)
    problem = story.story_problem(value)
    if problem:
        raise rule_error(*problem)
    return value


# Quotation marks the site adds itself: a quote typed already wrapped in them would be
# shown « « like this » ».
_QUOTE_MARKS = (("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("‹", "›"))


def _unwrapped(value: str) -> str:
    """`« On a enfin… »` → `On a enfin…`, when the marks wrap the whole quote (not
    `« A », dit-elle, « B »`)."""
    for opening, closing in _QUOTE_MARKS:
        inner = value[len(opening):-len(closing)]
        if len(value) > 2 and value.startswith(opening) and value.endswith(closing) \
                and opening not in inner and closing not in inner \
                and inner.strip(" \u00a0\u202f"):
            return inner.strip(" \u00a0\u202f")
    return value


WebUrl = Annotated[str, AfterValidator(_web_url)]
HttpsUrl = Annotated[str, AfterValidator(_https_url)]
PlainText = Annotated[str, AfterValidator(_plain)]
StoryText = Annotated[str, AfterValidator(_story)]
QuoteText = Annotated[str, AfterValidator(_plain), AfterValidator(_unwrapped)]


def _department_code(value: Any) -> Any:
    """`35`, `1` or `"2a"` as YAML reads them → `"35"`, `"01"`, `"2A"`."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        value = f"{value:02d}"
    if isinstance(value, str):
        value = value.strip().upper()
        if value.isdigit() and len(value) == 1:
            value = f"0{value}"
    return value


def unknown_department(value: object = None) -> str:
    return with_value("numéro de département inconnu", value)


DEPARTMENT_HINT = 'écrivez le numéro entre guillemets, par exemple department: "35", "2A" ou "974"'


def _check_department(value: str) -> str:
    if value in OVERSEAS_COLLECTIVITY_CODES:
        raise rule_error(*not_a_department(value))
    if value not in department_codes():  # the territory data's: no "20", no "975"
        named = load_territories().departments_named(value)
        if len(named) == 1:  # `department: Ille-et-Vilaine`
            raise rule_error(f"le département s'écrit par son numéro : {named[0].name} est le "
                             f"« {named[0].code} »", f'écrivez department: "{named[0].code}"')
        raise rule_error(unknown_department(value), DEPARTMENT_HINT)
    return value


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


INSEE_HINT = 'cinq caractères entre guillemets, par exemple insee: "35237" (ou "2A004" en Corse)'
SIREN_HINT = 'neuf chiffres entre guillemets, par exemple siren: "200070738"'


def invalid_insee(value: object = None) -> str:
    return with_value("code INSEE invalide", value)


def invalid_siren(value: object = None) -> str:
    return with_value("numéro SIREN invalide", value)


def _insee_code(value: Any) -> str | None:
    if value is None:
        return None
    code = normalize_insee_code(value)
    if code is None:
        raise rule_error(invalid_insee(value), INSEE_HINT)
    return code


def _siren(value: Any) -> str | None:
    if value is None:
        return None
    number = normalize_siren(value)
    if number is None:
        raise rule_error(invalid_siren(value), SIREN_HINT)
    return number


# --- What a field declares besides its rules ---------------------------------------------


@dataclass(frozen=True)
class Skeleton:
    """How the commented starting point of a new file (`python -m showcase new`,
    template.py) writes a field; a field without one is left out of it.

    `example`: the value as the file writes it after `key: `, where `{slug}` and
    `{year}` stand for the new file's; a part (a photo, the testimonials) has none, its
    own fields give theirs. `comment`: the line written above, without its `# `.
    `block` (`|` or `>-`): the example's lines go below the key, as a block text.
    `kept`: an example to keep (`kind: commune`), not a text the editor must replace.
    `commented_out`: an optional part written as comments, for the editor to uncomment."""

    example: str = ""
    comment: str = ""
    block: str = ""
    kept: bool = False
    commented_out: bool = False


@dataclass(frozen=True)
class CsvColumn:
    """A column of laureats.csv (exports.py) that holds this field as the file writes it,
    empty when the file has none: its header, and the sentence that documents it on the
    data page. It stands in the order of the model's fields."""

    header: str
    description: str


_Declared = TypeVar("_Declared")


def declared(info: FieldInfo, kind: type[_Declared]) -> _Declared | None:
    """What a field declares of KIND beside its type (`Annotated[str, Skeleton(…)]`)."""
    return next((found for found in info.metadata if isinstance(found, kind)), None)


# --- Parts of a laureate ------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Testimonial(_Strict):
    """A quotation of a person involved in the project."""

    quote: Annotated[QuoteText, Skeleton("La citation exacte, sans guillemets.")] = Field(
        title="Citation", min_length=1, max_length=1500,
        description="La citation exacte, en texte simple, sans guillemets (le site les ajoute).",
    )
    author: Annotated[PlainText, Skeleton("Prénom Nom")] = Field(
        title="Auteur ou autrice", min_length=1, max_length=120,
        description="Prénom et nom de la personne citée.",
    )
    role: Annotated[PlainText | None, Skeleton("fonction de la personne")] = Field(
        title="Fonction", default=None, max_length=200,
        description="Sa fonction, par exemple « adjointe au maire chargée du développement ».",
    )
    source: Annotated[HttpsUrl | None, Skeleton("https://www.exemple.fr/article")] = Field(
        title="Source (adresse web)", default=None,
        description="Adresse (https) où la citation a été publiée.",
    )


PHOTO_WEB_ADDRESS = ("la photo doit être un fichier du dossier projects/, pas une adresse web",
                     "enregistrez la photo dans projects/images/, puis écrivez src: images/nom.jpg")
PHOTO_PATH_HINT = "indiquez un chemin dans le dossier projects/, par exemple images/ma-commune.jpg"
PHOTO_FORMAT_HINT = "utilisez une photo JPEG, PNG, WebP ou AVIF"


def forbidden_photo_path(src: str | None = None) -> str:
    return with_value("chemin de photo interdit", src)


def refused_photo_format(suffix: str | None = None) -> str:
    return with_value("format de photo non accepté", suffix)


class Image(_Strict):
    """A photo stored in `projects/`, with its text alternative."""

    src: Annotated[str, Skeleton("images/{slug}.jpg", kept=True)] = Field(
        title="Fichier de la photo",
        description="Chemin de la photo dans le dossier projects/, par exemple images/renac.jpg "
        f"(JPEG, PNG, WebP ou AVIF, {photos.MAX_BYTES // 1_000_000} Mo et "
        f"{photos.MAX_SIDE} pixels de côté au plus).",
    )
    alt: Annotated[PlainText, Skeleton("Ce que montre la photo, pour qui ne la voit pas.")] = Field(
        title="Description de la photo", min_length=1, max_length=250,
        description="Description de la photo pour les personnes qui ne la voient pas (obligatoire).",
    )

    @field_validator("src")
    @classmethod
    def _inside_projects(cls, src: str, info: ValidationInfo) -> str:
        check_characters(src, allowed="")
        path = Path(src)
        if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", src):
            raise rule_error(*PHOTO_WEB_ADDRESS)
        if path.is_absolute() or ".." in path.parts or "\\" in src or re.match(r"[A-Za-z]:", src):
            raise rule_error(forbidden_photo_path(src), PHOTO_PATH_HINT)
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            raise rule_error(refused_photo_format(path.suffix or src), PHOTO_FORMAT_HINT)
        projects_dir = (info.context or {}).get("projects_dir")
        if projects_dir is not None:
            file = Path(projects_dir) / path
            # resolve(): a link inside projects/ must not publish a file from elsewhere
            if file.is_symlink() or not file.is_file() \
                    or not file.resolve().is_relative_to(Path(projects_dir).resolve()):
                raise rule_error(f"photo introuvable : projects/{src}",
                                 "ajoutez la photo dans le dossier projects/ ou corrigez le chemin")
            problem = photos.photo_problem(file, f"projects/{src}")
            if problem:
                raise rule_error(*problem)
        return src


VIDEO_HOST_HINT = "utilisez l'adresse d'une vidéo YouTube, Vimeo ou Dailymotion"


def unknown_video_host(url: str | None = None) -> str:
    return with_value("vidéo d'un hébergeur non reconnu", url)


class Video(_Strict):
    """A video on a known host, shown only after the visitor clicks (no tracker before)."""

    url: Annotated[WebUrl, Skeleton("https://www.youtube.com/watch?v=...")] = Field(
        title="Adresse de la vidéo",
        description="Adresse de la vidéo sur YouTube, Vimeo ou Dailymotion.",
    )
    title: Annotated[PlainText, Skeleton("Titre de la vidéo")] = Field(
        title="Titre de la vidéo", min_length=1, max_length=200,
        description="Titre de la vidéo, lu avant le clic.",
    )

    @field_validator("url")
    @classmethod
    def _known_host(cls, url: str) -> str:
        if video_page(url) is None:
            raise rule_error(unknown_video_host(url), VIDEO_HOST_HINT)
        return url

    @property
    def embed(self) -> str:
        """The player, built from the video's id: never from the typed address."""
        found = video_page(self.url)
        assert found is not None  # checked by the validator
        return found.embed

    @property
    def watch_url(self) -> str:
        """The video's page on its host, rebuilt from the id as well."""
        found = video_page(self.url)
        assert found is not None
        return found.page

    @property
    def host(self) -> str:
        found = video_page(self.url)
        return found.host if found else ""


class Link(_Strict):
    """A link to learn more (article, report, the authority's own page)."""

    label: Annotated[PlainText, Skeleton("Texte du lien")] = Field(
        title="Texte du lien", min_length=1, max_length=200,
        description="Texte du lien, qui dit où il mène.",
    )
    url: Annotated[WebUrl, Skeleton("https://www.exemple.fr/page")] = Field(
        title="Adresse du lien", description="Adresse complète (https) de la page.",
    )


# --- The laureate file --------------------------------------------------------------------


Kind = Literal["commune", "departement", "intercommunalite", "region"]


class LaureateRecord(_Strict):
    """Everything one file of `projects/` says about a laureate. Each field: its type
    and rules, its lines in a new file (`Skeleton`, in this order), its column in
    laureats.csv when it is one as written (`CsvColumn`), its label and description."""

    commune: Annotated[
        PlainText,
        Skeleton("Nom de la collectivité",
                 comment="Nom de la collectivité (commune, département ou intercommunalité)."),
        CsvColumn("collectivite", "Nom de la collectivité lauréate, tel que la fiche l'écrit."),
    ] = Field(
        title="Collectivité", min_length=1, max_length=120,
        description="Nom de la collectivité lauréate (commune, département ou intercommunalité). "
        "Accents, majuscules et tirets peuvent différer du nom officiel : le site retrouve la "
        "collectivité dans les données de l'INSEE et affiche son nom officiel.",
    )
    kind: Annotated[
        Kind,
        Skeleton("commune", kept=True,
                 comment="commune (par défaut), departement, intercommunalite ou region."),
        CsvColumn("type", "Type de collectivité : commune, departement, intercommunalite ou "
                  "region."),
    ] = Field(
        title="Type de collectivité", default="commune",
        description="Type de collectivité : commune (par défaut), departement, intercommunalite ou region.",
    )
    department: Annotated[
        str, BeforeValidator(_department_code), AfterValidator(_check_department),
        Skeleton('"35"', kept=True, comment="Numéro du département, entre guillemets."),
    ] = Field(
        title="Département",
        description='Numéro du département, entre guillemets : "35", "01", "2A", "974".',
    )
    # Read from the official data by resolve.py; needed only when a name is ambiguous.
    insee: Annotated[str | None, BeforeValidator(_insee_code)] = Field(
        title="Code INSEE", default=None,
        description='Code INSEE de la commune, entre guillemets (par exemple "35237"). '
        "Facultatif : le site le retrouve à partir du nom et du département ; ajoutez-le "
        "seulement si la vérification le demande.",
        json_schema_extra={"pattern": "^[0-9][0-9AB][0-9]{3}$"},
    )
    siren: Annotated[str | None, BeforeValidator(_siren)] = Field(
        title="Numéro SIREN", default=None,
        description='Numéro SIREN de l\'intercommunalité, entre guillemets (par exemple '
        '"200070738"). Facultatif : le site le retrouve à partir du nom ; ajoutez-le '
        "seulement si la vérification le demande.",
        json_schema_extra={"pattern": "^[0-9]{3} ?[0-9]{3} ?[0-9]{3}$"},
    )
    year: Annotated[
        int | None,
        Skeleton("{year}", kept=True,
                 comment=f"Année où le jury a retenu le projet (ou : {UNKNOWN_YEAR})."),
        CsvColumn("annee", "Année où le jury a retenu le projet ; vide si elle n'est pas "
                  "communiquée."),
    ] = Field(
        title="Année de sélection",
        description=f"Année où le jury a retenu le projet ({FIRST_YEAR} ou après), "
        f"ou « {UNKNOWN_YEAR} » si elle n'est pas connue.",
        json_schema_extra={"anyOf": [{"type": "integer", "minimum": FIRST_YEAR},
                                     {"const": UNKNOWN_YEAR}]},
    )
    theme: Annotated[
        list[str], BeforeValidator(_as_list),
        Skeleton("accueil-des-usagers", kept=True,
                 comment="Un thème, ou une liste [accueil-des-usagers, conditions-de-travail] ; "
                 "voir projects/_themes.yml"),
    ] = Field(
        title="Thèmes", min_length=1,
        description="Un thème ou une liste de thèmes, parmi ceux de projects/_themes.yml.",
    )
    title: Annotated[
        PlainText,
        Skeleton("Titre du projet en quelques mots"),
        CsvColumn("titre", "Titre du projet."),
    ] = Field(
        title="Titre", min_length=3, max_length=120, description="Titre de la page du lauréat.",
    )
    summary: Annotated[
        PlainText,
        Skeleton("Résumé du projet en une ou deux phrases, affiché sur les cartes et dans les\n"
                 "moteurs de recherche.", block=">-",
                 comment="Une ou deux phrases, en texte simple (40 à 280 caractères)."),
        CsvColumn("resume", "Résumé en une ou deux phrases."),
    ] = Field(
        title="Résumé", min_length=40, max_length=280,
        description="Une ou deux phrases en texte simple (40 à 280 caractères) : "
        "elles s'affichent sur les cartes et dans les moteurs de recherche.",
    )
    story: Annotated[
        StoryText | None,
        Skeleton("Ce qui a motivé le projet, ce que l'équipe a fait, ce qui a changé.",
                 block="|", comment="Le récit, en Markdown : paragraphes séparés par une "
                 "ligne vide, **gras**, listes."),
        CsvColumn("recit", "Récit du projet, en Markdown."),
    ] = Field(
        title="Récit", default=None,
        description="Le récit du projet, en Markdown (paragraphes, **gras**, listes, liens https). "
        f"Pas de HTML ; {story.MAX_CHARACTERS} caractères au plus.",
        json_schema_extra={"maxLength": story.MAX_CHARACTERS},
    )
    support: Annotated[
        PlainText | None,
        Skeleton("L'accompagnement apporté par le Fonds MNT, en une phrase."),
        CsvColumn("accompagnement", "L'accompagnement apporté par le Fonds MNT."),
    ] = Field(
        title="Accompagnement du Fonds MNT", default=None, max_length=300,
        description="L'accompagnement apporté par le Fonds MNT, en une phrase.",
    )
    testimonials: Annotated[list[Testimonial], Skeleton()] = Field(
        title="Témoignages", default_factory=list,
        description="Les témoignages : citation, auteur, fonction, source.",
    )
    image: Annotated[
        Image | None,
        Skeleton(commented_out=True, comment="Facultatif : une photo dans projects/images/ "
                 f"(JPEG, PNG, WebP ou AVIF, {photos.MAX_BYTES // 1_000_000} Mo au plus)."),
    ] = Field(
        title="Photo", default=None, description="Une photo, avec sa description (alt).",
    )
    video: Annotated[
        Video | None,
        Skeleton(commented_out=True, comment="Facultatif : une vidéo YouTube, Vimeo ou "
                 "Dailymotion (chargée au clic seulement)."),
    ] = Field(
        title="Vidéo", default=None,
        description="Une vidéo, chargée seulement au clic du visiteur.",
    )
    links: Annotated[list[Link], Skeleton()] = Field(
        title="Liens", default_factory=list, description="Des liens pour en savoir plus.",
    )

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: Any) -> Any:
        if value is None:
            raise rule_error(MISSING_YEAR, MISSING_YEAR_HINT)
        if isinstance(value, str):  # `year: "2021"`, quoted by habit, means the year
            text = value.strip()
            if text.lower() == UNKNOWN_YEAR:
                return None
            if not re.fullmatch(r"[0-9]{4}", text):
                raise rule_error(invalid_year(value), YEAR_DIGITS_HINT)
            return int(text)
        if isinstance(value, (bool, float)):
            raise rule_error(invalid_year(value), "écrivez l'année en chiffres, par exemple 2021")
        return value

    @field_validator("year")
    @classmethod
    def _year_range(cls, value: int | None) -> int | None:
        last = date.today().year + 1
        if value is not None and not FIRST_YEAR <= value <= last:
            if value > last:
                raise rule_error(f"année {value} dans le futur", "indiquez l'année où le jury a "
                                 f"retenu le projet, au plus {last}")
            raise rule_error(year_too_early(value), year_range_hint(last))
        return value

    @field_validator("story")
    @classmethod
    def _story_text(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None


class ThemeRecord(_Strict):
    """One entry of the themes catalogue (`projects/_themes.yml`)."""

    label: PlainText = Field(min_length=1, max_length=80, description="Nom du thème affiché sur le site.")
    description: PlainText = Field(min_length=1, max_length=400, description="Une ou deux phrases.")


# --- Videos -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VideoPage:
    host: str  # as visitors know it: YouTube, Vimeo, Dailymotion
    page: str  # the video's page, rebuilt from its id
    embed: str  # the player


_HOSTS = {"youtu.be": "YouTube", "youtube.com": "YouTube", "vimeo.com": "Vimeo",
          "dailymotion.com": "Dailymotion", "dai.ly": "Dailymotion"}


def video_page(url: str) -> VideoPage | None:
    """The video a page address shows, or None for an unknown host or shape. The host is
    read as a browser reads it (weburl.py); what is published is rebuilt from the id."""
    parts = parse_web_url(url)
    if not isinstance(parts, WebAddress):
        return None
    host = _HOSTS.get(parts.host.removeprefix("www.").removeprefix("m."), "")
    segments = [s for s in parts.path.split("/") if s]
    video_id: str | None = None
    if host == "YouTube":
        if parts.host == "youtu.be" and segments:
            video_id = segments[0]
        elif segments[:1] in (["embed"], ["shorts"], ["live"]) and len(segments) > 1:
            video_id = segments[1]
        elif segments == ["watch"]:
            video_id = next(iter(parse_qs(parts.query).get("v", [])), None)
        if video_id and re.fullmatch(r"[\w-]{6,20}", video_id, re.ASCII):
            return VideoPage(host, f"https://www.youtube.com/watch?v={video_id}",
                             f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1")
    elif host == "Vimeo":
        video_id = next((s for s in segments if re.fullmatch(r"[0-9]{1,12}", s)), None)
        if video_id:
            return VideoPage(host, f"https://vimeo.com/{video_id}",
                             f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1")
    elif host == "Dailymotion":
        if parts.host == "dai.ly" and segments:
            video_id = segments[0]
        elif segments[:1] == ["video"] and len(segments) > 1:
            video_id = segments[1].split("_")[0]
        if video_id and re.fullmatch(r"[a-zA-Z0-9]{1,20}", video_id):
            return VideoPage(host, f"https://www.dailymotion.com/video/{video_id}",
                             f"https://geo.dailymotion.com/player.html?video={video_id}")
    return None
