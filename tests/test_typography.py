"""French typography: the rules on texts, the HTML walk that spares code and attributes,
and a scan of the visible text of every built page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from showcase.typography import NBSP, NNBSP, typeset_html, typeset_html_by_token, typeset_text


@pytest.mark.parametrize(("typed", "expected"), [
    ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
    ("Pourquoi?", f"Pourquoi{NNBSP}?"),
    ("Bravo !", f"Bravo{NNBSP}!"),
    ("un ; deux", f"un{NNBSP}; deux"),
    ("Intercommunalité : Vallons", f"Intercommunalité{NBSP}: Vallons"),
    ("Note: voir", f"Note{NBSP}: voir"),
    ("« Bonjour »", f"«{NNBSP}Bonjour{NNBSP}»"),
    ("«Bonjour»", f"«{NNBSP}Bonjour{NNBSP}»"),
    (f"«{NBSP}déjà{NBSP}»", f"«{NNBSP}déjà{NNBSP}»"),
    ("l'accueil d'aujourd'hui", "l’accueil d’aujourd’hui"),
    ("et puis...", "et puis…"),
    ("Etre élu", "Être élu"),
    ("Editer la fiche", "Éditer la fiche"),
    ("A la mairie", "À la mairie"),
    ("» .", f"{NNBSP}» ."),
])
def test_rules(typed: str, expected: str) -> None:
    assert typeset_text(typed) == expected


@pytest.mark.parametrize("unchanged", [
    "10:30", "https://www.mnt.fr/articles/a?b=1", "page?id=3", "Etienne", "Plan A", "'", "",
    "Ain (01)", "2021",
])
def test_what_is_not_prose_is_left_alone(unchanged: str) -> None:
    assert typeset_text(unchanged) == unchanged


def test_rules_are_idempotent() -> None:
    once = typeset_text("« L'accueil : pourquoi ? » Voilà ! ... ; fin")
    assert typeset_text(once) == once


def test_html_text_is_typeset_and_tags_code_and_attributes_are_not() -> None:
    page = ('<p title="a : b ?" data-x="l\'a">Qui ? <a href="https://x.fr/?q=a">l\'accueil</a> :'
            ' <code>a : b ?</code> <pre>x ; y</pre> &amp; &#39;ok&#39; ;</p>'
            '<script>if (a ? b : c) {}</script><style>a:hover{x:y}</style><!-- a : b -->')
    assert typeset_html(page) == (
        f'<p title="a : b ?" data-x="l\'a">Qui{NNBSP}? <a href="https://x.fr/?q=a">l’accueil</a>'
        f'{NBSP}: <code>a : b ?</code> <pre>x ; y</pre> &amp; \'ok\'{NNBSP};</p>'
        '<script>if (a ? b : c) {}</script><style>a:hover{x:y}</style><!-- a : b -->')


def test_an_entity_keeps_its_semicolon() -> None:
    assert typeset_html("<p>A &amp; B &lt;b&gt;</p>") == "<p>A &amp; B &lt;b&gt;</p>"


def test_descriptions_are_typeset_but_no_other_attribute() -> None:
    head = ('<meta name="description" content="Renac : l&#39;accueil ?">'
            '<meta property="og:url" content="https://x.fr/a:b">')
    assert typeset_html(head) == (
        f'<meta name="description" content="Renac{NBSP}: l’accueil{NNBSP}?">'
        '<meta property="og:url" content="https://x.fr/a:b">')


# --------------------------------------------------------------------------
# typeset_html works on whole pages at once; typeset_html_by_token, token by token, says
# what it must give.

# Pieces of HTML that make the walk hard: raw elements (nested, in capitals, self-closed,
# named in a comment or in an attribute), lone "<", entities, meta tags, every rule's
# trigger, and the NUL character that makes typeset_html fall back on the reference.
PIECES = ["<p>", "</p>", "<a href=\"?a=b;c\">", "</a>", "<code>", "</code>", "<PRE>", "</pre>",
          "<svg viewBox=\"0 0 1 1\">", "</svg>", "<svg/>", "<script>", "</script>",
          "<textarea>", "</textarea>", "<!-- <code> : -->", "<!doctype html>",
          "<b title=\"a > <svg b\">", "</b>", "<codex>", "<meta name=\"description\" content=\"",
          "<meta property=\"og:title\" content=\"l'a : b\">", "\">", "<", " < ", ">", "&amp;",
          "&#39;", "&nbsp;", "&lt;b&gt;", "&", " : ", ":", "?", " ! ", ";", "...", "'", "l'a",
          "« ", " »", "Etre", " A la ", "A partir", "Renac", "10:30", "\n", " ", "\u00a0", "\x00",
          "é", "x"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_a_page_is_typeset_as_token_by_token(pieces: list[str]) -> None:
    page = "".join(pieces)
    assert typeset_html(page) == typeset_html_by_token(page)


def test_every_built_page_is_typeset_as_token_by_token(built_site: Path) -> None:
    pages = [page.read_text(encoding="utf-8") for page in sorted(built_site.rglob("*.html"))]
    assert len(pages) > 30
    for page in pages:  # the built pages are typeset already: the rules must keep them so
        assert typeset_html(page) == typeset_html_by_token(page) == page


class VisibleText(HTMLParser):
    """The text a visitor reads (and the page's title), without code, scripts and styles."""

    SKIPPED = frozenset({"script", "style", "code", "pre", "kbd", "samp", "textarea", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


# An ordinary space (or a line break) before ; : ! ? », or after «; three dots.
BAD_TYPOGRAPHY = re.compile(r"[ \t\r\n][;:!?»]|«[ \t\r\n]|\.\.\.")


def test_every_built_page_has_french_typography(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    faults = []
    for page in pages:
        parser = VisibleText()
        parser.feed(page.read_text(encoding="utf-8"))
        text = "".join(parser.parts)
        for match in BAD_TYPOGRAPHY.finditer(text):
            context = text[max(0, match.start() - 30):match.end() + 10].replace("\n", "⏎")
            faults.append(f"{page.relative_to(built_site)}: …{context}…")
    assert not faults, f"{len(faults)} fautes de typographie :\n" + "\n".join(faults[:40])
