"""Material's search index, made to forgive accents and to put a laureate first for its name.

Material's search worker (lunr) matches the words of a page as they are written:
"energie" misses "énergie", and the lunr stemmer cannot help, because the worker
turns every typed word into a prefix query, which lunr runs without its pipeline
(enabling the stemmer makes every query find nothing). What the worker does allow:
it indexes every field that the index's `config.fields` declares, and shows only
`title`, `text` and `tags` in its results.

So, once the search plugin has written `search/search_index.json`, each entry gets
hidden fields: the accent-free forms of its accented words (same boost as the field
they come from); and a laureate's page gets its name (as written and official) and
where it is (department number and name, region), with and without accents. The
previews stay as written; a query typed with its accents still meets the original words.
"""

from __future__ import annotations

import functools
import html
import json
import re
from pathlib import Path
from typing import Any

from .catalog import Catalog
from .folding import fold
from .urls import DIRECTORY_URLS, Addresses

INDEX_FILE = "search/search_index.json"
FOLDED_FIELDS = {"title": "title_folded", "text": "text_folded"}
NAME_FIELD = "name"
AREA_FIELD = "area"
# A laureate's name typed in full must put its page first, above the territory pages
# (titled with a department's name) and the listings that mention it.
NAME_BOOST_OVER_TITLE = 10

_TAG = re.compile(r"<[^>]*>")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
# `Médiathèque` → `mediatheque`, `cœur` → `coeur`; the same words recur on every page.
_fold_word = functools.lru_cache(maxsize=1 << 16)(fold)


def folded_words(markup: str, separator: str) -> list[str]:
    """The accent-free forms of the accented words of an entry's title or text, once each.

    Words are cut as the worker cuts them (the index's separator, so elisions are split
    too), then rid of surrounding punctuation, which the worker keeps: "énergie." gives
    "energie"."""
    text = html.unescape(_TAG.sub(" ", markup))
    found: dict[str, None] = {}
    for token in re.split(separator, text):
        if token.isascii():  # nothing to fold: skip the work (1.3 million words at 1,000 laureates)
            continue
        word = _EDGE_PUNCTUATION.sub("", token.lower())
        folded = _fold_word(word)
        if folded != word:
            found[folded] = None
    return list(found)


def laureate_names(catalog: Catalog,
                   addresses: Addresses = DIRECTORY_URLS) -> dict[str, dict[str, str]]:
    """For each laureate page (its location in the index), what a visitor may type to find
    it: its name, as written and official; where it is: department number and name, region."""
    found = {}
    for laureate in catalog.laureates:
        territory = laureate.territory
        names = dict.fromkeys([laureate.record.commune, territory.name])
        area = dict.fromkeys([territory.department.code, territory.department.name,
                              territory.region.name])
        found[addresses.page_url(laureate.uri)] = {NAME_FIELD: " ".join(names), AREA_FIELD: " ".join(area)}
    return found


def improve_index(index: dict[str, Any], laureates: dict[str, dict[str, str]]) -> dict[str, Any]:
    """The index with the hidden fields added to `config.fields` and to its entries.

    Idempotent: the hidden fields are computed again from the visible ones."""
    config = index["config"]
    fields = config.setdefault("fields", {})
    title_boost = _boost(fields, "title")
    for source, target in FOLDED_FIELDS.items():
        fields[target] = {"boost": _boost(fields, source)}
    fields[NAME_FIELD] = {"boost": title_boost * NAME_BOOST_OVER_TITLE}
    fields[AREA_FIELD] = {"boost": title_boost}
    for entry in index["docs"]:
        for source, target in FOLDED_FIELDS.items():
            entry.pop(target, None)
            words = folded_words(entry.get(source, ""), config["separator"])
            if words:  # escaped as the visible fields are: Material may display any field
                entry[target] = html.escape(" ".join(words))
        # the page itself, not its sections (their location has a #)
        hidden = laureates.get(entry["location"], {})
        for field in (NAME_FIELD, AREA_FIELD):
            entry.pop(field, None)
            if hidden.get(field):
                entry[field] = html.escape(
                    " ".join([hidden[field], *folded_words(hidden[field], config["separator"])]))
    return index


def improve_index_file(site_dir: Path, catalog: Catalog,
                       addresses: Addresses = DIRECTORY_URLS) -> None:
    """Rewrite the site's search index in place (after the search plugin wrote it)."""
    path = Path(site_dir) / INDEX_FILE
    if not path.is_file():  # search disabled: nothing to improve
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    improve_index(index, laureate_names(catalog, addresses))
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _boost(fields: dict[str, Any], name: str) -> float:
    return float((fields.get(name) or {}).get("boost", 1.0))

