"""French typography of what visitors read, applied to the built HTML.

The editors type ordinary spaces, straight apostrophes and "..." in their YAML files, and
so do we in our Markdown: the source stays as typed, and the rules are applied once, at
build time, to the text of every page (`typeset_html`) and to the plain texts that leave
the site in other forms (meta descriptions, the feed: `typeset_text`).

The rules (Lexique des règles typographiques en usage à l'Imprimerie nationale):
- a narrow no-break space (U+202F) before ; ! ? and inside « »;
- a no-break space (U+00A0) before : (when it is punctuation, not "10:30" or "https:");
- the typographic apostrophe ’ between two letters (l'accueil → l’accueil);
- … for three dots;
- an accent on capitals where French requires it, for a short list of words that
  our texts use (Etre → Être, A la → À la), never on names.

Never touched: code (`code`, `pre`, `kbd`, `samp`), `script`, `style`, `textarea`,
comments and every attribute of every tag (addresses, classes, data). The package
`french-typo` was evaluated and not used: it inserts `&nbsp;` entities everywhere
(no narrow space), rewrites units and ordinals, and does not skip code.
"""

from __future__ import annotations

import functools
import html as html_lib
import re
from collections.abc import Callable, Iterator

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
NBSP = "\u00a0"  # no-break space: before :

# Elements whose text is not prose: left exactly as written.
RAW_ELEMENTS = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea", "svg"})

# A tag (quoted attribute values may hold ">"), a comment, or a run of text.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<![^>]*>"
    r"|</?[a-zA-Z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>"
    r"|[^<]+|<",
    re.DOTALL,
)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")

_SPACES = r"[ \t\r\n\u00a0\u202f]"  # what may stand before punctuation (entities are decoded)
_WORD_CHAR = r"[0-9A-Za-zÀ-ÖØ-öø-ÿŒœ)\]»…’]"

# Words of our own texts that lose their accent on a capital (never names: Etienne stays).
_ACCENTED_CAPITALS = {
    "Etre": "Être", "Etat": "État", "Etats": "États", "Editer": "Éditer",
    "Edition": "Édition", "Editions": "Éditions", "Equipe": "Équipe", "Equipes": "Équipes",
    "Elus": "Élus", "Elu": "Élu", "Elue": "Élue", "Elues": "Élues", "Ecole": "École",
    "Economie": "Économie", "Evaluation": "Évaluation", "Etape": "Étape", "Etapes": "Étapes",
    "Etude": "Étude", "Etudes": "Études", "Egalement": "Également", "Echanges": "Échanges",
    "Echange": "Échange", "Election": "Élection", "Elections": "Élections",
}
_ACCENT_WORDS = re.compile(r"\b(" + "|".join(sorted(_ACCENTED_CAPITALS, key=len, reverse=True))
                           + r")\b")
# "A" alone before these words is the preposition "à" at the start of a sentence.
_CAPITAL_A = re.compile(
    r"(?<![\w’'.-])A(?= (?:la|l’|l'|partir|travers|terme|noter|propos|chaque|cette|ce|ces|"
    r"son|sa|ses|leur|leurs|notre|nos|votre|vos|tous|toutes|tout|Paris|Renac|Pessac)\b)")


def _rule(needs: str, pattern: str | re.Pattern[str],
          replacement: str | Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    """A rule that can only match a text holding one of the characters of `needs`: the
    other texts, most of them, are not searched."""
    compiled = re.compile(pattern)

    def apply(text: str) -> str:
        if any(character in text for character in needs):
            return compiled.sub(replacement, text)
        return text
    return apply


_RULES: tuple[Callable[[str], str], ...] = (
    _rule(".", r"\.\.\.", "…"),
    # l'accueil, aujourd'hui, "d'Issole": an apostrophe between two letters.
    _rule("'", r"(?<=[A-Za-zÀ-ÖØ-öø-ÿŒœ])'(?=[A-Za-zÀ-ÖØ-öø-ÿŒœ])", "’"),
    # French quotation marks: a narrow space inside, whatever was typed there.
    _rule("«", r"«" + _SPACES + r"*", "«" + NNBSP),
    _rule("»", _SPACES + r"*»", NNBSP + "»"),
    # ; ! ? after a word or a closing mark, with or without a typed space.
    _rule(";!?", r"(?<=" + _WORD_CHAR + r")" + _SPACES + r"*([;!?])(?![\w/=&])", NNBSP + r"\1"),
    _rule(";!?", _SPACES + r"+([;!?])", NNBSP + r"\1"),
    # : as punctuation (followed by a space or the end), not 10:30 nor https://.
    _rule(":", r"(?<=" + _WORD_CHAR + r")" + _SPACES + r"*:(?=\s|$)", NBSP + ":"),
    _rule(":", _SPACES + r"+:", NBSP + ":"),
    _rule("".join({word[0] for word in _ACCENTED_CAPITALS}), _ACCENT_WORDS,
          lambda m: _ACCENTED_CAPITALS[m.group(1)]),
    _rule("A", _CAPITAL_A, "À"),
)


# What a rule, decoding or escaping would change in a text: a text without any of it is
# left as it is, which is most of a page's text (the runs between two tags). Every rule
# above needs one of these to change anything, and a rule can only give the next one
# something to do by changing the text.
_NEEDS_WORK = re.compile(r"[&<>]|\.\.\.|['«»;!?:]|" + _ACCENT_WORDS.pattern + "|"
                         + _CAPITAL_A.pattern)

# The start of an opening or closing tag of a raw element.
_RAW_TAG = re.compile(r"</?(" + "|".join(sorted(RAW_ELEMENTS)) + r")(?![a-zA-Z0-9-])",
                      re.IGNORECASE)


def typeset_text(text: str) -> str:
    """French typography of one plain text (a title, a description, a quote)."""
    for rule in _RULES:
        text = rule(text)
    return text


def typeset_html(html: str) -> str:
    """French typography of the text of an HTML document; tags, attributes and code untouched.

    The text between two tags is typeset as one piece; a piece that ends with a space
    before a tag whose next text starts with punctuation (`mot <b>:</b>`) is rare in our
    pages, and the build's typography test reports it if it ever appears.

    Done in a few calls per page rather than one per tag (a page has about 700 tags): the
    document is cut into tags and texts by the tokenizer's own expression, and each text
    outside raw elements is typeset once per build (pages share their menus and footer).
    The same bytes as `typeset_html_by_token`, which a test checks.
    """
    if _BOUNDARY in html:
        return typeset_html_by_token(html)
    parts = _TAGS.split(html)
    texts, tags = parts[0::2], parts[1::2]  # texts[k] comes before tags[k]
    notable = list(_notable_tags(tags))
    for first, last in _prose_ranges(tags, notable):
        texts[first:last] = map(_typeset_text_once, texts[first:last])
    for index in notable:
        if tags[index].startswith("<meta"):
            tags[index] = _typeset_meta(tags[index])
    parts[0::2], parts[1::2] = texts, tags
    return "".join(parts)


_BOUNDARY = "\x00"  # between two tags joined in one string (_notable_tags)
# The tokenizer's tags, comments and declarations (a "<" that starts none stays in a text).
_TEXT_ALTERNATIVES = r"|[^<]+|<"
assert _TOKEN.pattern.endswith(_TEXT_ALTERNATIVES)
_TAGS = re.compile("(" + _TOKEN.pattern.removesuffix(_TEXT_ALTERNATIVES) + ")", re.DOTALL)
# The start of a raw element's tag or of a meta tag (one at a tag's start counts).
_NOTABLE_TAG = re.compile(r"<(?:/?(?:" + "|".join(sorted(RAW_ELEMENTS))
                          + r")(?![a-zA-Z0-9-])|(?-i:meta))", re.IGNORECASE)


def _notable_tags(tags: list[str]) -> Iterator[int]:
    """The indexes of the tags that open or close a raw element, and of the meta tags."""
    joined = _BOUNDARY.join(tags)
    index, position = 0, 0
    for match in _NOTABLE_TAG.finditer(joined):
        start = match.start()
        if start and joined[start - 1] != _BOUNDARY:
            continue  # inside a tag (a quoted attribute value)
        index += joined.count(_BOUNDARY, position, start)
        position = start
        yield index


def _prose_ranges(tags: list[str], notable: list[int]) -> list[tuple[int, int]]:
    """The ranges of texts (texts[k] before tags[k]) that are outside raw elements, from
    the indexes of the notable tags."""
    ranges: list[tuple[int, int]] = []
    depth: dict[str, int] = {}
    first, raw = 0, 0
    for index in notable:
        if not _RAW_TAG.match(tags[index]):
            continue  # a meta tag
        now = _track_raw_elements(tags[index], depth)
        if not raw and now:
            ranges.append((first, index + 1))
        elif raw and not now:
            first = index + 1
        raw = now
    if not raw:
        ranges.append((first, len(tags) + 1))
    return ranges


def _typeset_text_once(text: str) -> str:
    """A text of a page, typeset once per build when it is short: the pages share their
    menus, buttons and footer, while a long text (a paragraph) is rarely met twice and
    would only fill the memory."""
    return _typeset_shared_text(text) if len(text) <= _SHARED_TEXT_LENGTH else \
        _typeset_text_token(text)


_SHARED_TEXT_LENGTH = 200


@functools.lru_cache(maxsize=1 << 14)
def _typeset_shared_text(text: str) -> str:
    return _typeset_text_token(text)


def _typeset_text_token(text: str) -> str:
    """One text between two tags; a "<" that starts no tag is left as it is and cuts it."""
    if not _NEEDS_WORK.search(text):
        return text
    return "<".join(_typeset_escaped(piece) if piece else piece for piece in text.split("<"))


def _typeset_escaped(text: str) -> str:
    # Entities decoded first, so that the ";" of "&amp;" is never taken for punctuation.
    return html_lib.escape(typeset_text(html_lib.unescape(text)), quote=False)


def typeset_html_by_token(html: str) -> str:
    """What typeset_html does, written token by token: the reference it is tested against,
    and what it falls back on for a document that holds its boundary characters."""
    out: list[str] = []
    raw_depth: dict[str, int] = {}
    raw = 0  # how many raw elements are open
    for match in _TOKEN.finditer(html):
        token = match.group(0)
        if token[0] == "<" and len(token) > 1:
            if _RAW_TAG.match(token):
                raw = _track_raw_elements(token, raw_depth)
            out.append(_typeset_meta(token) if token.startswith("<meta") else token)
        elif raw or token == "<":
            out.append(token)
        else:
            out.append(_typeset_escaped(token))
    return "".join(out)


# The page's description and sharing texts are read by people (search results, messaging
# apps): the only attributes typeset, and only their content.
_META_TEXT = re.compile(
    r'(<meta\s+(?:name|property)="(?:description|og:title|og:description|og:image:alt|'
    r'twitter:title|twitter:description|twitter:image:alt)"\s+content=")([^"]*)(")')


def _typeset_meta(tag: str) -> str:
    return _META_TEXT.sub(lambda m: m.group(1) + html_lib.escape(
        typeset_text(html_lib.unescape(m.group(2)))) + m.group(3), tag)


def _track_raw_elements(tag: str, depth: dict[str, int]) -> int:
    """Count the raw element that `tag` opens or closes; how many are open after it."""
    name_match = _TAG_NAME.match(tag)
    if name_match and not tag.endswith("/>"):
        name = name_match.group(1).lower()
        if tag.startswith("</"):
            depth[name] = max(0, depth.get(name, 0) - 1)
        else:
            depth[name] = depth.get(name, 0) + 1
    return sum(depth.values())
