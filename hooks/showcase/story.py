"""A laureate's story: Markdown checked when the file is read, sanitised HTML on the page.

The check reads the story as CommonMark does (cmark, in C), not with a regular
expression: an autolink `<https://…>` or a sentence like `a < b` is text, not HTML.
What the page would lose or change is refused with a reason instead of silently
removed: raw HTML, links that are not http(s) or mailto (however they are written,
`&#106;avascript:` included), images, and stories too long or nested too deeply for
the build to stay fast (50,000 nested quotes made Material's search parser and nh3
run for over 300 s).
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

from .messages import quoted
from .weburl import BadUrl, parse_web_url

MAX_CHARACTERS = 20_000
# Quotes, lists and emphasis inside each other: a story needs two or three levels.
MAX_NESTING = 8

# What a story may contain once turned into HTML; everything else is removed.
STORY_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code",
              "pre", "hr"}
STORY_SCHEMES = {"http", "https", "mailto"}

_NESTING_TAGS = frozenset(("blockquote", "ul", "ol", "li", "em", "strong"))
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b([^>]*)>")
_HREF = re.compile(r'\bhref="([^"]*)"')
_RAW_HTML_OMITTED = "<!-- raw HTML omitted -->"
_FORMATTING_HINT = "écrivez en Markdown : **gras**, *italique*, [texte](https://…)"


class StoryProblem(NamedTuple):
    message: str
    hint: str
    line: int | None = None  # where in the story (from 0), when known
    column: int = 0


def story_problem(story: str) -> StoryProblem | None:
    """Why the story cannot be published as written, or None."""
    found = _problem(story)
    if found is None:
        return None
    message, hint, needle = found
    lines = story.split("\n")
    for index, line in enumerate(lines if needle else ()):
        spotted = needle.search(line) if needle else None
        if spotted:
            return StoryProblem(message, hint, index, spotted.start())
    return StoryProblem(message, hint)


STORY_TOO_LONG_HINT = "raccourcissez le récit ; les détails peuvent aller dans une page liée (links)"


def story_too_long(length: int | None = None) -> str:
    if length is None:
        return f"récit trop long : au plus {MAX_CHARACTERS} caractères"
    return f"récit trop long : {length} caractères, au plus {MAX_CHARACTERS}"


HTML_REFUSED = ("le récit contient du HTML, qui n'est pas accepté", _FORMATTING_HINT)
# Raw HTML as a reader spots it: `<` and a letter, `/` or `!`, but not an autolink.
_HTML_START = re.compile(r"<(?!(?:https?|mailto):)[A-Za-z/!?]")
_IMAGE_START = re.compile(r"!\[")


def _problem(story: str) -> tuple[str, str, re.Pattern[str] | None] | None:
    if len(story) > MAX_CHARACTERS:
        return story_too_long(len(story)), STORY_TOO_LONG_HINT, None
    if _RAW_HTML_OMITTED in cmarkgfm.markdown_to_html(story):
        return *HTML_REFUSED, _HTML_START
    # Unsafe mode shows the links as written, before cmark's safe mode blanks them.
    written = cmarkgfm.markdown_to_html(story, options=Options.CMARK_OPT_UNSAFE)
    depth = deepest = 0
    for match in _TAG.finditer(written):
        closing, name, attributes = match.groups()
        if name == "img":
            return ("image dans le récit, qui ne serait pas affichée",
                    "mettez la photo dans le champ image: (avec sa description alt)", _IMAGE_START)
        if name in _NESTING_TAGS:
            depth += -1 if closing else 1
            deepest = max(deepest, depth)
        if name == "a" and not closing:
            href = _HREF.search(attributes)
            target = html.unescape(href[1]) if href else ""
            problem = _link_problem(target)
            if problem:
                return (*problem, re.compile(r"\]\(\s*<?" + re.escape(target[:20])) if target
                        else None)
    if deepest > MAX_NESTING:
        return ((f"récit imbriqué trop profondément : {deepest} niveaux de citations, de listes "
                 f"ou de mises en valeur les uns dans les autres, au plus {MAX_NESTING}"),
                "simplifiez la mise en forme : quelques « > » ou « - » suffisent", None)
    return None


def _link_problem(href: str) -> tuple[str, str] | None:
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
    if scheme is None:
        return (f"lien incomplet dans le récit {quoted(href)}",
                "les liens commencent par https://, par exemple [texte](https://www.exemple.fr)")
    name = scheme[1].lower()
    if name == "mailto":
        return None
    if name not in ("http", "https"):
        return f"lien interdit dans le récit (« {quoted(name)[2:-2]}: »)", "les liens commencent par https://"
    found = parse_web_url(href)
    if isinstance(found, BadUrl):
        return f"lien invalide dans le récit {quoted(href)} : {found.reason}", found.hint
    return None


def story_html(story: str) -> str:
    """A story's Markdown as sanitised HTML: only simple formatting and http(s) links.

    cmark (CommonMark, in C) rather than Python-Markdown: a 400-word story took 1.2 ms,
    more than the whole per-laureate budget of the build; cmark takes 0.03 ms. Its safe
    mode also drops raw HTML and javascript: links before nh3 sees them (the check above
    has refused them already: this is the second line of defence)."""
    rendered = cmarkgfm.markdown_to_html(story)
    rendered = re.sub(r"<(/?)h[12]\b", r"<\1h3", rendered)  # the page owns the top levels
    rendered = re.sub(r"<(/?)h[56]\b", r"<\1h4", rendered)
    clean = nh3.clean(rendered, tags=STORY_TAGS, attributes={"a": {"href"}},
                      url_schemes=STORY_SCHEMES, link_rel="noopener noreferrer")
    # The page reads the story's HTML inside a `markdown` block, where attr_list would turn
    # a typed `{: onclick=… }` into an attribute: a brace written as a character reference
    # reads the same to a visitor and is no attribute list.
    return clean.replace("{", "&#123;")
