"""The commands the communications team and CI run, with French messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .catalog import (
    LAUREATE_SUFFIXES,
    PROJECTS_DIR,
    SLUG,
    THEMES_FILE,
    Theme,
    load_catalog,
    suggested_slug,
)
from .cms import CMS_CONFIG_FILE, cms_config_text, repository_settings
from .render import render_pages
from .report import format_github, format_human, format_summary
from .schema import SCHEMA_FILE, schema_text
from .template import new_laureate_text


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = Path(args.root)
    return int(args.run(args, root))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m showcase", description="Vitrine des lauréats du Fonds MNT.")
    parser.add_argument("--root", default=".", help="dossier du projet (celui de mkdocs.yml)")
    commands = parser.add_subparsers(required=True, metavar="COMMANDE")

    check = commands.add_parser("check", help="vérifie tous les fichiers de projects/ sans rien écrire")
    check.add_argument("--format", choices=("human", "github", "auto"), default="auto",
                       help="github : annotations de workflow GitHub (auto : selon GITHUB_ACTIONS)")
    check.set_defaults(run=_check)

    render = commands.add_parser("render", help="écrit les pages générées en Markdown dans DOSSIER")
    render.add_argument("directory", metavar="DOSSIER")
    render.set_defaults(run=_render)

    new = commands.add_parser("new", help="crée projects/NOM.yml à partir du modèle commenté")
    new.add_argument("slug", metavar="NOM")
    new.set_defaults(run=_new)

    schema = commands.add_parser("schema", help="réécrit le schéma JSON des fichiers lauréats")
    schema.set_defaults(run=_schema)

    cms = commands.add_parser("cms", help="réécrit la configuration du formulaire /admin/")
    cms.set_defaults(run=_cms)
    return parser


def _check(args: argparse.Namespace, root: Path) -> int:
    result = load_catalog(root)
    use_github = args.format == "github" or (
        args.format == "auto" and os.environ.get("GITHUB_ACTIONS") == "true")
    if result.problems:
        print((format_github if use_github else format_human)(result.problems))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:  # the job's page: the whole report, where the annotations stop at ten
            with open(summary, "a", encoding="utf-8") as file:
                file.write(format_summary(result.problems))
        return 1
    print(f"{len(result.catalog.laureates)} lauréats vérifiés : aucun problème.")
    return 0


def _render(args: argparse.Namespace, root: Path) -> int:
    result = load_catalog(root)
    if result.problems:
        print(format_human(result.problems), file=sys.stderr)
        return 1
    target = Path(args.directory)
    pages = render_pages(result.catalog)
    for page in pages:
        path = target / page.uri
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    print(f"{len(pages)} pages écrites dans {target}.")
    return 0


def _new(args: argparse.Namespace, root: Path) -> int:
    slug = args.slug.removesuffix(".yml").removesuffix(".yaml")
    if not SLUG.match(slug):
        print(f"Nom de fichier invalide « {slug} » : essayez « {suggested_slug(slug)} » "
              "(minuscules sans accents, chiffres et tirets).", file=sys.stderr)
        return 2
    projects = root / PROJECTS_DIR
    if not projects.is_dir():
        print(f"Dossier {PROJECTS_DIR}/ introuvable : lancez la commande depuis le dossier du "
              "projet (celui de mkdocs.yml).", file=sys.stderr)
        return 2
    existing = [f"{PROJECTS_DIR}/{slug}{suffix}" for suffix in LAUREATE_SUFFIXES
                if (projects / f"{slug}{suffix}").exists()]
    if existing:  # renac.yaml and renac.yml would be the same page
        print(f"{existing[0]} existe déjà : rien n'a été écrit.", file=sys.stderr)
        return 1
    path = projects / f"{slug}.yml"
    try:
        with path.open("x", encoding="utf-8") as file:  # "x": never overwrite
            file.write(new_laureate_text(slug))
    except FileExistsError:
        print(f"{PROJECTS_DIR}/{slug}.yml existe déjà : rien n'a été écrit.", file=sys.stderr)
        return 1
    print(f"{PROJECTS_DIR}/{slug}.yml créé : complétez-le, puis lancez make check.")
    return 0


def _schema(args: argparse.Namespace, root: Path) -> int:
    return _write_from_themes(root, SCHEMA_FILE, schema_text)


def _cms(args: argparse.Namespace, root: Path) -> int:
    def config(themes: dict[str, Theme]) -> str:
        repo, site_url = repository_settings(root)
        return cms_config_text(themes, repo=repo, site_url=site_url)

    return _write_from_themes(root, CMS_CONFIG_FILE, config)


def _write_from_themes(root: Path, relative: str, text: Callable[[dict[str, Theme]], str]) -> int:
    """Write a file made from the themes (the schema's list, the form's options), refused
    while projects/_themes.yml has a problem: never publish a list cut short by a mistake."""
    result = load_catalog(root)
    theme_problems = [p for p in result.problems if p.file == f"{PROJECTS_DIR}/{THEMES_FILE}"]
    if theme_problems:
        print(format_human(theme_problems), file=sys.stderr)
        return 1
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text(result.catalog.themes), encoding="utf-8")
    print(f"{relative} écrit.")
    return 0
