"""Web addresses read the way browsers read them (the WHATWG URL standard).

Python's `urlsplit` and browsers disagree: for `https://evil.example\\@www.youtube.com/`
`urlsplit` sees the host www.youtube.com, a browser goes to evil.example. So addresses
are parsed by ada (the WHATWG parser of Node.js), and what a browser would silently
repair or reinterpret (a backslash, a tab or a line break, a space, a user name) is
refused with a French reason instead. The address kept is the one the browser uses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ada_url import parse_url

_PORT = re.compile(r"^[^/?#]*://[^/?#]*?:([^/?#@\[\]]*)(?:[/?#]|$)")
# Longer addresses break in some browsers and servers; a real page address is far shorter.
MAX_LENGTH = 2000
_EXAMPLE = "écrivez l'adresse complète, par exemple https://www.exemple.fr/page"


@dataclass(frozen=True)
class BadUrl:
    """Why an address is refused, in French, and how to fix it."""

    reason: str
    hint: str = _EXAMPLE


@dataclass(frozen=True)
class WebAddress:
    href: str  # as the browser serialises it
    scheme: str
    host: str  # lower case, without `www.` removed
    path: str
    query: str


# Said by `check` and by the editor's schema (its address patterns).
NOT_HTTP = BadUrl("seules les adresses http(s) sont acceptées")
NOT_HTTPS = BadUrl("l'adresse doit commencer par https://",
                   "la plupart des sites acceptent https:// : remplacez http:// par https://")


def parse_web_url(value: str, *, https_only: bool = False) -> WebAddress | BadUrl:
    """`value` as a browser reads it, if it is a plain http(s) address."""
    if len(value) > MAX_LENGTH:
        return BadUrl(f"adresse trop longue : {len(value)} caractères, au plus {MAX_LENGTH}",
                      "recopiez l'adresse de la page sans ses paramètres de suivi (après « ? »)")
    if not _plain_ascii(value):
        reason = _unseen_character(value)
        if reason is not None:
            return reason
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https"):
        return NOT_HTTP
    try:  # the parts read at once: an attribute of ada's URL object costs a call each
        url = parse_url(value, _PARTS)
    except ValueError:
        return BadUrl(_why_invalid(value))
    if url["username"] or url["password"]:
        return BadUrl("l'adresse contient un identifiant ou un mot de passe (avant « @ »)",
                      "retirez la partie qui précède « @ » : elle peut cacher la vraie destination")
    if https_only and url["protocol"] != "https:":
        return NOT_HTTPS
    return WebAddress(url["href"], url["protocol"].rstrip(":"), url["hostname"],
                      url["pathname"], url["search"].removeprefix("?"))


_PARTS = ("href", "username", "password", "protocol", "hostname", "pathname", "search")


def _plain_ascii(value: str) -> bool:
    """No character that _unseen_character would refuse: most addresses, checked at once."""
    return value.isascii() and value.isprintable() and " " not in value and "\\" not in value


def _unseen_character(value: str) -> BadUrl | None:
    """A character that a browser would drop, repair or read otherwise, if there is one."""
    for index, character in enumerate(value):
        if character in "\t\n\r":
            return BadUrl("l'adresse contient un retour à la ligne ou une tabulation",
                          "écrivez l'adresse sur une seule ligne, sans espace")
        if character == " " or unicodedata.category(character) in ("Zs", "Cc", "Cf"):
            what = "une espace" if unicodedata.category(character) == "Zs" else \
                f"un caractère invisible (U+{ord(character):04X})"
            return BadUrl(f"l'adresse contient {what} (caractère {index + 1})",
                          "recopiez l'adresse depuis la barre d'adresse du navigateur ; "
                          "une espace s'écrit %20")
        if character == "\\":
            return BadUrl("l'adresse contient une barre oblique inverse « \\ »",
                          "les adresses web s'écrivent avec des barres obliques « / »")
    return None


def _why_invalid(value: str) -> str:
    authority = value.split("://", 1)[-1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "[" in authority or "]" in authority:
        return "adresse IPv6 mal écrite (crochets « [ ] »)"
    port = _PORT.match(value)
    if port and port[1]:
        return f"numéro de port impossible « {port[1][:10]} » (de 0 à 65535)"
    if not authority.rsplit("@", 1)[-1].split(":", 1)[0]:
        return "nom de site manquant après « :// »"
    return "nom de site invalide"
