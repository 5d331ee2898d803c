"""The testimonials of a laureate page as a reader meets them: who speaks (initials in a
circle, the role said once per person) and where the quotation was published (a link
whose text names the article, so that two sources never share one link text, RGAA 6.1).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from .catalog import Catalog, Laureate
from .models import Testimonial

_WORD = re.compile(r"[^\W\d_][\w’']*", re.UNICODE)
# Colours of the initials' circle (showcase.css, .testimonial-initials--N): one per person,
# the same on every build, so that two people side by side do not look alike.
TONES = 4


@dataclass(frozen=True)
class Voice:
    """One testimonial, ready for the page."""

    quote: str
    author: str
    initials: str
    tone: int  # 0 to TONES - 1, from the author's name
    role: str | None  # None when this person's role was already given on the page
    source: str | None
    source_label: str | None  # "Source : …", unique to its address on the page


def initials(name: str) -> str:
    """`Damien Guillas` → `DG`, `Jean-Benoît Beaumont` → `JBB`, `Marie de La Tour` → `MLT`:
    the capitals that start the parts of a name (particles in lower case are skipped),
    three at most (the given names' and the last part's)."""
    capitals = [word[0].upper() for word in _WORD.findall(name) if word[0].isupper()]
    if not capitals:
        capitals = [word[0].upper() for word in _WORD.findall(name)]
    if len(capitals) > 3:
        capitals = capitals[:2] + capitals[-1:]
    return "".join(capitals) or "?"


def tone(name: str) -> int:
    """A colour for a person's initials, stable from build to build (not `hash`)."""
    return zlib.crc32(name.casefold().encode("utf-8")) % TONES


def role_parts(role: str) -> list[str]:
    return [part.strip() for part in role.split(",") if part.strip()]


def new_role(role: str | None, said: Sequence[str]) -> str | None:
    """What a role adds to what the page already said of the same person: nothing when it
    is the same role; the comma-separated parts not said yet otherwise ("…, Ville de Paris
    (DASES), à propos de la fresque" after "…, Ville de Paris (DASES), à propos des grandes
    cartes" → "à propos de la fresque")."""
    if not role:
        return None
    known = {part.casefold() for earlier in said for part in role_parts(earlier)}
    fresh = [part for part in role_parts(role) if part.casefold() not in known]
    return ", ".join(fresh) or None


def source_labels(catalog: Catalog) -> dict[str, str]:
    """Every "learn more" link of every laureate, by address: the name an article is known
    by on the site, for a testimonial quoted from it."""
    labels: dict[str, str] = {}
    for laureate in catalog.laureates:
        for link in laureate.record.links:
            labels.setdefault(link.url, link.label)
    return labels


def source_label(url: str, own: dict[str, str], known: dict[str, str]) -> str:
    """`Source : <the article's name>`: the laureate's own link to that address first, then
    another laureate's, else the address itself without its scheme (always distinct)."""
    label = own.get(url) or known.get(url)
    if label is None:
        parts = urlsplit(url)
        label = (parts.netloc.removeprefix("www.") + parts.path).rstrip("/")
    return f"Source : {label}"


def voices(laureate: Laureate, known: dict[str, str]) -> list[Voice]:
    """The laureate's testimonials in their order, each role said once per person."""
    own = {link.url: link.label for link in laureate.record.links}
    said: dict[str, list[str]] = {}
    result = []
    for testimonial in laureate.record.testimonials:
        result.append(_voice(testimonial, said.setdefault(testimonial.author.casefold(), []),
                             own, known))
    return result


def _voice(testimonial: Testimonial, said: list[str], own: dict[str, str],
           known: dict[str, str]) -> Voice:
    role = new_role(testimonial.role, said)
    if testimonial.role:
        said.append(testimonial.role)
    source = testimonial.source
    return Voice(testimonial.quote, testimonial.author, initials(testimonial.author),
                 tone(testimonial.author), role,
                 source, source_label(source, own, known) if source else None)

