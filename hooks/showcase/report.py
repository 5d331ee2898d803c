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


# GitHub shows at most this many error annotations of one step; the others appear nowhere.
ANNOTATION_LIMIT = 10


def format_github(problems: list[Problem]) -> str:
    """`::error file=…,line=…,col=…::…`: shown on the lines of the pull request.

    Beyond ANNOTATION_LIMIT problems, the last annotation says how many more there are
    and where to read them (the job summary); they are printed in the log as well."""
    lines = []
    ordered = sorted(problems)
    rest = len(ordered) - ANNOTATION_LIMIT
    for index, problem in enumerate(ordered[:ANNOTATION_LIMIT]):
        what = _what(problem) + (f" → {_one_line(problem.hint)}" if problem.hint else "")
        if rest > 0 and index == ANNOTATION_LIMIT - 1:
            noun = "autre problème" if rest == 1 else "autres problèmes"
            what += (f" (et {rest} {noun}, que GitHub ne montre pas sur les lignes : "
                     "voir le résumé de la vérification, onglet Summary)")
        lines.append(
            f"::error file={_property(problem.file)},line={problem.line},col={problem.column},"
            f"title={_property('Lauréat invalide')}::{_data(what)}"
        )
    for problem in ordered[ANNOTATION_LIMIT:]:
        lines.append(f"{problem.file}:{problem.line}:{problem.column}: {_what(problem)}"
                     + (f" → {_one_line(problem.hint)}" if problem.hint else ""))
    lines.append(summary_line(problems))
    return "\n".join(lines)


def format_summary(problems: list[Problem]) -> str:
    """The whole report as a French Markdown table, for the job summary of GitHub
    Actions (`$GITHUB_STEP_SUMMARY`): the annotations stop at ten."""
    lines = [f"## Fichiers des lauréats : {summary_line(problems)}", "",
             "| Fichier | Ligne | Champ | Problème | Correction |",
             "| --- | ---: | --- | --- | --- |"]
    for problem in sorted(problems):
        cells = (problem.file, str(problem.line), _short_field(problem.field),
                 _one_line(problem.message), _one_line(problem.hint) if problem.hint else "")
        lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def _cell(text: str) -> str:
    """Shown as typed: neither Markdown nor HTML, and no `|` that would split the row."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


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
