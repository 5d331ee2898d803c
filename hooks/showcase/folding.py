"""Text folded one way for the whole site: slugs, sorting, name matching and search.

Folding is `anyascii`'s transliteration (a letter's ASCII spelling: `Œ` → `OE`,
`É` → `E`, `ÿ` → `y`, `ß` → `ss`, `’` → `'`) in lower case. Everything that compares
or orders names goes through `fold`, so that a slug, the alphabetical order, the
match of a name against the official one and the search agree on what a letter is.
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=4096)  # a few hundred distinct characters in practice
def _ascii(character: str) -> str:
    return anyascii(character).lower()


def fold(text: str) -> str:
    """Lower-case ASCII: `Œting` → `oeting`, `L'Haÿ-les-Roses` → `l'hay-les-roses`.

    Only the non-ASCII characters are looked up, each once: the 35,000 commune names
    joined in one text fold in a few tens of milliseconds."""
    if not text.isascii():
        text = _NON_ASCII.sub(lambda match: _ascii(match.group()), text)
    return text.lower()


def words(text: str) -> list[str]:
    """The folded words of TEXT: `L'Haÿ-les-Roses` → `["l", "hay", "les", "roses"]`."""
    return _NOT_WORD.sub(" ", fold(text)).split()


def slugify(text: str) -> str:
    """The address form of a name: `Œting` → `oeting`, `Île-de-France` → `ile-de-france`
    (empty when TEXT has no letter or digit)."""
    return "-".join(words(text))


def sort_key(text: str) -> tuple[str, str, str]:
    """Alphabetical order as a French reader expects it: letters first, `É` with `E` and
    `Œ` as `OE` (`Odos`, `Œting`, `Oissel`, … `Zillisheim`); word by word (`La Baule`
    before `Labarthe`); accents, then case, only break ties (`cote` before `côte`)."""
    return " ".join(words(text)), text.casefold(), text
