"""Read one YAML file into plain data, remembering where every key and value stands.

Safe loading only: YAML tags that would build Python objects are refused, and a
key written twice is an error instead of the last one silently winning. Every
failure becomes a `Problem` located in the file; nothing here raises on bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

# libyaml's loader is several times faster; fall back where it is not compiled in.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)

Path_ = tuple[str | int, ...]
Position = tuple[int, int]

# PyYAML's English explanations, said in French for the communications team.
_SYNTAX_MESSAGES = {
    "mapping values are not allowed in this context": (
        "deux-points inattendu",
        "mettez le texte entre guillemets s'il contient « : », ou revoyez l'indentation",
    ),
    "found unexpected end of stream": (
        "guillemet non refermé",
        "refermez le guillemet ouvert plus haut",
    ),
    "could not find expected ':'": (
        "deux-points manquant après le nom du champ",
        "écrivez nom_du_champ: valeur",
    ),
    "did not find expected key": (
        "indentation incohérente",
        "alignez les champs d'un même bloc sur la même colonne",
    ),
    "did not find expected '-' indicator": (
        "élément de liste mal indenté",
        "alignez les tirets « - » des éléments d'une même liste",
    ),
    "but found another document": (
        "plusieurs documents dans le même fichier",
        "supprimez la ligne « --- » : un fichier décrit un seul lauréat",
    ),
}
_SYNTAX_MESSAGES["mapping values are not allowed here"] = _SYNTAX_MESSAGES[
    "mapping values are not allowed in this context"]
_TAB = ("tabulation interdite", "indentez avec des espaces, jamais avec la touche Tab")


@dataclass
class Document:
    """The data of one file and the position of each key and value, by path."""

    data: dict[str, Any]
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    value_positions: dict[Path_, Position] = field(default_factory=dict)

    def position_of(self, path: Path_, *, key: bool = False) -> Position:
        """Where `path` stands, or its closest ancestor that has a position."""
        table = self.key_positions if key else self.value_positions
        for depth in range(len(path), -1, -1):
            found = table.get(path[:depth]) or self.value_positions.get(path[:depth])
            if found:
                return found
        return (1, 1)


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def read_document(path: Path, display_name: str) -> tuple[Document | None, list[Problem]]:
    """Load `path`; on failure return no document and the problems, never raise."""
    def problem(line: int, column: int, message: str, hint: str = "") -> Problem:
        return Problem(display_name, line, column, "", message, hint)

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is harmless
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [problem(line, 1, "le fichier n'est pas encodé en UTF-8",
                              "enregistrez-le en UTF-8 (menu « Enregistrer sous » de l'éditeur)")]
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return None, [problem(1, 1, "le fichier est vide",
                              "partez du modèle : python -m showcase new <nom>")]
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, display_name)]
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return None, [problem(line, column, "caractère de contrôle interdit dans le fichier",
                              "supprimez le caractère invisible à cet endroit")]
    except yaml.YAMLError as error:  # e.g. more than one document in the file
        return None, [problem(1, 1, f"YAML illisible ({error})")]
    if not isinstance(root, yaml.MappingNode):
        line, column = _position(root) if root is not None else (1, 1)
        return None, [problem(line, column, "le fichier doit être une suite de champs « nom: valeur »",
                              "commencez par commune: Nom de la commune")]
    document = Document(data={})
    try:
        document.data = _Builder(document, display_name).build(root, ())
    except _Refused as refused:
        return None, [refused.problem]
    return document, []


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, display_name: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = error.problem or "syntaxe invalide"
    source_line = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    if "\t" in source_line[: column]:
        message, hint = _TAB
        column = source_line.index("\t") + 1
    else:
        message, hint = _SYNTAX_MESSAGES.get(reason, (f"syntaxe YAML invalide ({reason})", ""))
    return Problem(display_name, line, column, "", f"erreur de syntaxe : {message}", hint)


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns the node tree into plain data, filling the document's positions."""

    def __init__(self, document: Document, display_name: str) -> None:
        self.document = document
        self.display_name = display_name
        self.scalars = _Loader("")  # resolves scalars exactly as safe_load would

    def refuse(self, node: yaml.Node, path: Path_, message: str, hint: str) -> _Refused:
        line, column = _position(node)
        return _Refused(Problem(self.display_name, line, column, field_path(path), message, hint))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.value_positions[path] = _position(node)
        return self.value(node, path)

    def value(self, node: yaml.Node, path: Path_) -> Any:
        if node.tag not in _STANDARD_TAGS:
            raise self.refuse(node, path, f"étiquette YAML interdite « {node.tag} »",
                              "retirez l'étiquette qui commence par « ! »")
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        return self.scalars.construct_object(node)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.refuse(key_node, path, "nom de champ invalide",
                                  "un nom de champ est un simple mot suivi de « : »")
            key = str(self.value(key_node, path))
            key_path = (*path, key)
            if key in mapping:
                first_line, _ = self.document.key_positions[key_path]
                raise self.refuse(key_node, key_path,
                                  f"champ « {key} » écrit deux fois (déjà ligne {first_line})",
                                  "gardez un seul exemplaire de ce champ")
            self.document.key_positions[key_path] = _position(key_node)
            mapping[key] = self.build(value_node, key_path)
        return mapping


def field_path(path: Path_) -> str:
    """`("testimonials", 1, "author")` → `testimonials[2].author` (items counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text
