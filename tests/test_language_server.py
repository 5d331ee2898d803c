"""What the editor shows, tried with the real YAML language server (the one VS Code's YAML
extension runs, pinned in tests/language_server/), spoken to over stdio as an editor does.

The editor must agree with `check`: the same French words at the same line for what the
schema can see, nothing underlined in a valid file, a French title shown once on hover,
and the fields, themes and departments offered as the team types. The server is told
the English locale on purpose: the messages must not depend on the editor's language.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from cases import corpus
from conftest import ROOT, copy_project, laureate_files, run_cli
from language_server.client import SERVER, LanguageServer
from showcase import models
from showcase.catalog import load_catalog
from showcase.models import LaureateRecord
from showcase.schema import SCHEMA_FILE
from showcase.territories import load_territories

NODE = Path(sys.executable).parent / "node"  # requirements.txt installs it in the venv
# What VS Code sends as the YAML extension's settings, the schema tied to projects/*.yml.
SETTINGS = {
    "schemas": {(ROOT / SCHEMA_FILE).as_uri(): "projects/*.yml"},
    "validate": True, "hover": True, "completion": True,
    "schemaStore": {"enable": False},  # no download of other schemas: the machine is offline
    "kubernetesCRDStore": {"enable": False},
}
CAPABILITIES = {
    "workspace": {"configuration": True},
    "textDocument": {
        "completion": {"completionItem": {"snippetSupport": True,
                                          "documentationFormat": ["markdown", "plaintext"]}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "publishDiagnostics": {},
    },
}

# Mistakes the schema can see, underlined at the line check reports.
SAME_LINE = [
    "annee-decimale", "annee-en-lettres", "annee-trop-ancienne", "annee-vide",
    "champ-inconnu-dans-un-temoignage", "champ-inconnu-temoignages", "champ-inconnu-testimonial",
    "champ-inconnu-titre", "champ-obligatoire-manquant", "champs-obligatoires-manquants",
    "departement-corse-en-chiffres", "departement-inconnu", "fichier-liste-au-lieu-de-champs",
    "fichier-texte-seul", "image-adresse-web", "image-chemin-absolu", "image-chemin-qui-remonte",
    "image-format-refuse", "image-sans-description", "image-sur-une-ligne", "lien-javascript",
    "lien-sans-https", "recit-trop-long", "resume-trop-court", "resume-trop-long",
    "resume-vrai-faux", "source-data", "source-en-http", "temoignage-auteur-vide",
    "temoignage-citation-vide", "temoignage-sans-auteur", "temoignage-texte-seul",
    "temoignage-vide", "temoignages-pas-une-liste", "theme-deux-sans-crochets",
    "theme-inconnu-dans-une-liste", "theme-inconnu-proche", "theme-inconnu-repete",
    "theme-valeur-tres-longue", "titre-nombre", "titre-trop-long",
    "type-de-collectivite-inconnu", "video-hebergeur-inconnu", "video-sans-titre",
]
# HTML in a story: the editor underlines the whole text from its first line, check points
# at the line that holds the tag.
WHOLE_TEXT = ["recit-avec-html", "recit-html-a-sa-ligne"]


def _cases(names: list[str]) -> list[corpus.Case]:
    cases = {case.name: case for case in corpus.load("invalid")}
    return [cases[name] for name in names]


def _readable() -> list[corpus.Case]:
    """Every invalid case the editor can open (one is saved in Latin-1 on purpose)."""
    readable = []
    for case in corpus.load("invalid"):
        try:
            case.content.decode("utf-8")
        except UnicodeDecodeError:
            continue
        readable.append(case)
    return readable


class Editor:
    """The server, as an editor holds it: documents opened in memory under projects/."""

    def __init__(self, server: LanguageServer) -> None:
        self.server = server
        self._opened = 0

    def open(self, text: str, name: str = "fiche") -> str:
        self._opened += 1  # a new address each time: its first diagnostics are for this text
        return self.server.open(ROOT / "projects" / f"lsp-{self._opened}-{name}.yml", text)

    def underlined(self, text: str, name: str = "fiche") -> list[dict[str, Any]]:
        """The diagnostics the schema gives TEXT (not the YAML parser's)."""
        (diagnostics,) = self.underlined_each([text], name)
        return diagnostics

    def underlined_each(self, texts: list[str], name: str = "fiche") -> list[list[dict[str, Any]]]:
        """Each text's, all opened first: the server reads them side by side."""
        uris = [self.open(text, name) for text in texts]
        return [[d for d in self.server.diagnostics(uri)
                 if str(d.get("source", "")).startswith("yaml-schema")] for uri in uris]

    def completion(self, text: str, line: int, character: int) -> list[dict[str, Any]]:
        uri = self.open(text)
        self.server.diagnostics(uri)  # opened and read
        result = self.server.request("textDocument/completion", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        items: list[dict[str, Any]] = result["items"] if isinstance(result, dict) else result
        return items

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.server.request("textDocument/hover", {
            "textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
        assert result is not None, f"pas d'aide au survol ligne {line + 1}"
        return str(result["contents"]["value"])


def _require(path: Path, what: str) -> None:
    if path.exists():
        return
    message = f"{what} introuvable ({path.relative_to(ROOT)}) : lancez make test"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def editor() -> Iterator[Editor]:
    _require(NODE, "Node.js")
    _require(SERVER, "le serveur de langage YAML")
    server = LanguageServer(NODE, ROOT, SETTINGS)
    try:
        server.request("initialize", {
            "processId": os.getpid(), "rootUri": ROOT.as_uri(), "locale": "en",
            "workspaceFolders": [{"uri": ROOT.as_uri(), "name": ROOT.name}],
            "capabilities": CAPABILITIES})
        server.notify("initialized", {})
        # The settings are pulled after `initialized`: wait until the schema underlines.
        sentinel = server.open(ROOT / "projects" / "lsp-0-pret.yml", "year: deux mille\n")
        server.diagnostics(sentinel, until=bool)
        yield Editor(server)
    finally:
        server.close()


@pytest.fixture(scope="module")
def underlined(editor: Editor) -> dict[str, list[dict[str, Any]]]:
    """What the schema underlines in each readable invalid case, by name (opened at once)."""
    cases = _readable()
    found = editor.underlined_each([case.content.decode("utf-8") for case in cases])
    return {case.name: diagnostics for case, diagnostics in zip(cases, found, strict=True)}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[tuple[int, str]]]:
    """What `python -m showcase check` reports for the cases: file → {(line, rule)}."""
    project = copy_project(tmp_path_factory.mktemp("editeur") / "project")
    for case in _cases(SAME_LINE + WHOLE_TEXT):
        case.write(project / "projects")
    result = run_cli(project, "check", "--format", "human")
    assert result.returncode == 1, result.stdout + result.stderr
    reported: dict[str, set[tuple[int, str]]] = {}
    for line in result.stdout.splitlines():
        found = re.match(r"(projects/[^:]+):(\d+):\d+: (?:\S+ : )?(.*)$", line)
        if found:
            reported.setdefault(found[1], set()).add((int(found[2]), _rule(found[3])))
    return reported


def _rule(message: str) -> str:
    """A message's rule, without what it quotes or counts, nor its fix: check's
    `trop court : 17 caractères, au moins 40` and the editor's `trop court : au moins 40
    caractères → complétez le texte` are both `trop court`."""
    head = re.split(r" : |, | « | → ", message)[0]
    return " ".join(word for word in head.split() if not word.isdigit())


def _underlined(diagnostics: list[dict[str, Any]]) -> set[tuple[int, str]]:
    return {(d["range"]["start"]["line"] + 1, _rule(d["message"])) for d in diagnostics}


# --- Underlining ----------------------------------------------------------------------


@pytest.mark.parametrize("case", _cases(SAME_LINE), ids=lambda c: c.name)
def test_the_editor_underlines_what_check_reports_at_the_same_line_in_the_same_words(
        case: corpus.Case, underlined: dict[str, list[dict[str, Any]]],
        checked: dict[str, set[tuple[int, str]]]) -> None:
    diagnostics = underlined[case.name]
    assert _underlined(diagnostics) == checked[f"projects/{case.file}"], \
        [d["message"] for d in diagnostics]


@pytest.mark.parametrize("case", _cases(WHOLE_TEXT), ids=lambda c: c.name)
def test_the_editor_underlines_html_in_a_story_with_checks_words(
        case: corpus.Case, underlined: dict[str, list[dict[str, Any]]],
        checked: dict[str, set[tuple[int, str]]]) -> None:
    (diagnostic,) = underlined[case.name]
    ((line, rule),) = checked[f"projects/{case.file}"]
    assert _rule(diagnostic["message"]) == rule == "le récit contient du HTML"
    story = case.content.decode("utf-8").splitlines().index("story: |") + 1
    assert diagnostic["range"]["start"]["line"] + 1 == story < line


@pytest.mark.parametrize("case", _readable(), ids=lambda c: c.name)
def test_whatever_the_schema_underlines_is_french_with_its_fix(
        case: corpus.Case, underlined: dict[str, list[dict[str, Any]]]) -> None:
    """Every invalid file of the corpus: the YAML parser's own syntax messages aside
    (check explains those), no English and no raw pattern from the schema."""
    for diagnostic in underlined[case.name]:
        message = diagnostic["message"]
        assert " → " in message and "^" not in message, message
        assert not re.search(r"\b(Incorrect|Expected|Property|Missing|String|Value|Matches)\b",
                             message), message


def test_the_editor_underlines_nothing_in_the_real_laureate_files(editor: Editor) -> None:
    """The files as they are, their first line naming the schema as in the repository."""
    paths = laureate_files()
    uris = [editor.server.open(path.with_name(f"lsp-reel-{path.name}"),
                               path.read_text(encoding="utf-8")) for path in paths]
    assert {path.name: editor.server.diagnostics(uri) for path, uri in zip(paths, uris, strict=True)} \
        == {path.name: [] for path in paths}


# `author: 0x1F` is a number for the editor (YAML 1.2 reads hexadecimal), a text for check;
# the editor's advice, to put it in quotes, makes it a text for both.
READ_AS_A_NUMBER = {"textes-qui-ressemblent-a-autre-chose"}


def test_the_editor_accepts_what_check_understands(editor: Editor) -> None:
    cases = [case for case in corpus.load("valid") if case.name not in READ_AS_A_NUMBER]
    uris = [editor.open(case.content.decode("utf-8-sig"), case.name) for case in cases]
    assert {case.name: editor.server.diagnostics(uri) for case, uri in zip(cases, uris, strict=True)} \
        == {case.name: [] for case in cases}


def test_a_hexadecimal_looking_text_is_underlined_only_there_with_the_advice_to_quote_it(
        editor: Editor) -> None:
    (case,) = [c for c in corpus.load("valid") if c.name in READ_AS_A_NUMBER]
    text = case.content.decode("utf-8")
    (diagnostic,) = editor.underlined(text)
    assert text.splitlines()[diagnostic["range"]["start"]["line"]].strip() == "author: 0x1F"
    assert diagnostic["message"].startswith("doit être un texte → mettez le texte entre guillemets")
    quoted = text.replace("author: 0x1F", 'author: "0x1F"')
    assert editor.server.diagnostics(editor.open(quoted)) == []


def test_a_year_written_in_quotes_is_understood_and_one_in_words_is_explained(editor: Editor) -> None:
    record = (ROOT / "projects" / "renac.yml").read_text(encoding="utf-8")
    assert re.search(r"^year: \d{4}$", record, re.MULTILINE)
    quoted = re.sub(r"^year: (\d{4})$", r'year: "\1"', record, flags=re.MULTILINE)
    assert editor.underlined(quoted) == []
    in_words = re.sub(r"^year: (\d{4})$", "year: deux mille vingt et un", record, flags=re.MULTILINE)
    (diagnostic,) = editor.underlined(in_words)
    assert diagnostic["message"] == ("année invalide → écrivez l'année en chiffres, par exemple "
                                     "2021, ou inconnue")


# --- Completion and hover --------------------------------------------------------------


def test_completion_offers_every_field_with_its_french_help(editor: Editor) -> None:
    items = {item["label"]: item for item in editor.completion("commune: Renac\n\n", 1, 0)}
    fields = LaureateRecord.model_fields
    assert set(items) == set(fields) - {"commune"}
    for name, item in items.items():
        assert item["documentation"] == fields[name].description, name
    # a block or a list comes with its fields, filled with the template's examples
    assert items["image"]["insertText"] == (
        "image:\n  src: ${1:images/ma-commune.jpg}\n  alt: ${2:Ce que montre la photo}")
    assert items["testimonials"]["insertText"] == (
        "testimonials:\n  - quote: ${1:La citation exacte}\n    author: ${2:Prénom Nom}")
    assert items["links"]["insertText"].startswith("links:\n  - label: ${1:Texte du lien}\n")
    assert items["video"]["insertText"].startswith("video:\n  url: ")
    assert not any("null" in item.get("insertText", "") for item in items.values())


def test_completion_offers_the_themes_of_the_catalogue_with_their_descriptions(editor: Editor) -> None:
    themes = load_catalog(ROOT).catalog.themes
    items = editor.completion("theme: \n", 0, 7)
    assert [item["label"] for item in items] == list(themes)
    for item, theme in zip(items, themes.values(), strict=True):
        assert item["documentation"]["value"] == f"{theme.label} : {theme.description}"


def test_completion_offers_the_departments_by_number_with_their_names(editor: Editor) -> None:
    named = {d.code: d.name for d in load_territories().departments()}
    items = editor.completion("department: \n", 0, 12)
    # quoted when YAML would read a number ("35"), as typed otherwise (08, 2A): both are read
    offered = {item["label"].strip('"'): item["documentation"]["value"] for item in items}
    assert offered == named
    assert offered["35"] == "Ille-et-Vilaine" and offered["2A"] == "Corse-du-Sud"
    record = (ROOT / "projects" / "renac.yml").read_text(encoding="utf-8")
    inserted = [re.sub(r"^department: .*$", f"department: {item['insertText']}", record,
                       flags=re.MULTILINE) for item in items]
    # what completion inserts is a department number for the editor too
    assert editor.underlined_each(inserted) == [[] for _ in items]


_PARTS = {"testimonials": models.Testimonial, "links": models.Link, "image": models.Image,
          "video": models.Video}


def test_hover_shows_each_fields_french_title_once_with_its_description(editor: Editor) -> None:
    path = ROOT / "projects" / "renac.yml"
    text = path.read_text(encoding="utf-8")
    uri = editor.server.open(path.with_name("lsp-survol-renac.yml"), text)
    editor.server.diagnostics(uri)
    keys: list[tuple[int, int, str, type[BaseModel]]] = []  # line, column, key, its model
    parent = ""
    for number, line in enumerate(text.splitlines()):
        found = re.match(r"( *(?:- )?)([a-z]+):", line)
        if found and not found[1]:
            parent = found[2]
            keys.append((number, 0, parent, LaureateRecord))
        elif found and parent in _PARTS:  # a testimonial's or a link's fields
            keys.append((number, len(found[1]), found[2], _PARTS[parent]))
    named = {key for _, _, key, _ in keys}
    assert {"year", "department", "theme", "title", "testimonials", "quote", "author"} <= named
    for number, column, key, model in keys:
        shown = editor.hover(uri, number, column + 1)
        assert shown.startswith(f"#### {model.model_fields[key].title}\n\n"), shown
        assert shown.count("####") == 1 and "||" not in shown, shown
        assert "Lauréat du Fonds MNT" not in shown, shown
        description = str(model.model_fields[key].description)
        assert _plain(shown).split("\n\n")[1] == description, shown


def _plain(markdown: str) -> str:
    """The hover's Markdown as text: the server escapes `*`, `_` and the like."""
    return re.sub(r"\\(.)", r"\1", markdown)

