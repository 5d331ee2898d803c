"""Problems printed for people (like a compiler) or as GitHub workflow annotations."""

from __future__ import annotations

import html
import re

from .messages import quoted
from .problems import Problem, summary_line
from .urls import PAGES, page_link


def format_human(problems: list[Problem]) -> str:
    """`projects/renac.yml:14:7: testimonials[2].author : champ obligatoire manquant`,
    the hint on the next line, then the French summary."""
    lines = []
    for problem in sorted(problems):
        lines.append(f"{problem.file}:{problem.line}:{problem.column}: {_what(problem)}")
        if problem.hint:
            lines.append(f"    → {_one_line(problem.hint)}")
    lines.append(summary_line(problems))
    return "\n".join(lines)


def format_github(problems: list[Problem]) -> str:
    """`::error file=…,line=…,col=…::…`: shown on the lines of the pull request."""
    lines = []
    for problem in sorted(problems):
        what = _what(problem) + (f" → {_one_line(problem.hint)}" if problem.hint else "")
        lines.append(
            f"::error file={_property(problem.file)},line={problem.line},col={problem.column},"
            f"title={_property('Lauréat invalide')}::{_data(what)}"
        )
    lines.append(summary_line(problems))
    return "\n".join(lines)


def _what(problem: Problem) -> str:
    """`testimonials[2].author : champ obligatoire manquant`, on one line."""
    message = _one_line(problem.message)
    return f"{_short_field(problem.field)} : {message}" if problem.field else message


FIELD_LIMIT = 80  # a field path is a key the editor typed: a 300-character key stays readable


def _short_field(path: str) -> str:
    return path if len(path) <= FIELD_LIMIT else path[: FIELD_LIMIT - 1] + "…"


_QUOTED = re.compile(r"« (.*?) »", re.DOTALL)
# A report line stays readable whatever was typed: a 5 MB value made a 5 MB line.
MAX_LINE = 400


def _one_line(text: str) -> str:
    """A message quotes what the editor typed, which may span lines: one report line
    per problem keeps the compiler format (and the editor's links to file:line). Every
    quoted value is shortened to about 80 characters here, whoever wrote the message."""
    text = _QUOTED.sub(lambda match: quoted(match[1]), " ".join(text.split()))
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# --- Shown in the browser by `mkdocs serve`, so that editors see what to fix ------------

PROBLEMS_PAGE = PAGES.problems


def render_problems_page(problems: list[Problem]) -> str:
    """A page listing every problem, for the live preview only (never published)."""
    lines = ["---", 'title: "Problèmes dans les fichiers des lauréats"', "---", "",
             "# Problèmes dans les fichiers des lauréats", "",
             (f"{html.escape(summary_line(problems))}. Les lauréats concernés ne sont pas affichés "
              "tant que leur fichier n'est pas corrigé ; la page se met à jour à chaque enregistrement."),
             "", '<ol class="problems">']
    for problem in sorted(problems):
        hint = f"<br>→ {html.escape(problem.hint)}" if problem.hint else ""
        lines.append(f"<li><code>{html.escape(problem.file)}:{problem.line}:{problem.column}</code> "
                     f"{html.escape(_what(problem))}{hint}</li>")
    lines += ["</ol>", ""]
    return "\n".join(lines)


def problems_banner(problems: list[Problem], *, here: str) -> str:
    """A warning on top of every previewed page, linking to the problems page.

    The link names the Markdown file, as a hand-written page would, so that MkDocs
    resolves it without a warning on every page."""
    link = page_link(here, PROBLEMS_PAGE)
    return (f'!!! danger "Fichiers des lauréats : {html.escape(summary_line(problems))}"\n\n'
            f"    [Voir la liste des problèmes]({link}) : les lauréats concernés ne sont pas "
            "affichés tant que leur fichier n'est pas corrigé.\n\n")
