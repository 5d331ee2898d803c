"""Read one YAML file into plain data, remembering where every key and value stands.

Safe loading only: YAML tags that would build Python objects are refused, and a
key written twice is an error instead of the last one silently winning. Every
failure becomes a `Problem` located in the file; nothing here raises on bad input.

What stops a file and what does not:

- a file that cannot be parsed (encoding, syntax error, several documents, empty, not
  a mapping) yields no data and one problem: after a syntax error the parser cannot
  tell what the rest of the file means;
- a file that parses but contains refused constructs (duplicate keys, tags, merge
  keys, keys that are not plain words) yields *all* of them at once, with the data
  that remains: the refused values are recorded in `Document.refused`, so that the
  validation of the other fields still runs and says nothing more about them.

Plain scalars are resolved like YAML 1.2 (what the editor's schema check reads), not
like PyYAML's YAML 1.1: `01` and `035` stay text instead of becoming octal numbers,
`no`, `on` and `12:30` stay text, a date stays text. Only `true`/`false`, `null`/`~`,
decimal numbers without a leading zero and decimals with a dot are not text.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem
from .urls import PAGES
from .wording import QUOTE_HINT

# libyaml's loader is several times faster; fall back where it is not compiled in.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML_TAG = "tag:yaml.org,2002:"
_STANDARD_TAGS = frozenset(
    _YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)
_MERGE_TAG = _YAML_TAG + "merge"
# A laureate file has a few hundred nodes, four levels deep; aliases can multiply nodes
# without bound, and brackets can nest without bound.
_NODE_BUDGET = 50_000
_MAX_DEPTH = 64
# Bytes read from one file, and characters of text once aliases are expanded: a real
# laureate file is under 20 KB, a story at most 20,000 characters. Without the second
# bound, 16,000 aliases of a 100 KB text (a 164 KB file) built 1.6 GB of strings.
MAX_FILE_BYTES = 1_000_000
# A file that is a list or a text: said by `check` and by the editor's schema.
NOT_FIELDS = ("le fichier doit être une suite de champs « nom: valeur »",
              "commencez par commune: Nom de la commune")
_CHARACTER_BUDGET = 1_000_000

Path_ = tuple[str | int, ...]
Position = tuple[int, int]

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

# A comment that follows a plain text on its line, or the `|` of a block.
_COMMENT_AFTER = re.compile(r"[ \t]+#")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*[ \t]+#")
NO_BREAK_SPACES = "\u00a0\u202f\u2007"  # accepted before the colon of a key
_TAB = ("tabulation interdite", "indentez avec des espaces, jamais avec la touche Tab")


@dataclass
class Document:
    """The data of one file and the position of each key and value, by path.

    `refused` holds the paths whose value the loader refused (and already reported):
    validation problems at or under them would only repeat the same mistake.
    """

    data: dict[str, Any]
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    value_positions: dict[Path_, Position] = field(default_factory=dict)
    refused: set[Path_] = field(default_factory=set)
    # `story: |`: where its first line of text stands (line, column), so that a mistake
    # inside it is shown on its own line.
    block_starts: dict[Path_, Position] = field(default_factory=dict)

    def position_of(self, path: Path_, *, key: bool = False) -> Position:
        """Where `path` stands, or its closest ancestor that has a position."""
        table = self.key_positions if key else self.value_positions
        for depth in range(len(path), -1, -1):
            found = table.get(path[:depth]) or self.value_positions.get(path[:depth])
            if found:
                return found
        return (1, 1)

    def is_refused(self, path: Path_) -> bool:
        return any(path[: len(refused)] == refused for refused in self.refused)


class _FileRefused(Exception):
    """The whole file cannot be read any further (aliases expanding without bound)."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def read_document(path: Path, display_name: str) -> tuple[Document | None, list[Problem]]:
    """Load `path`: the document (None if nothing could be read) and its problems. Never raises."""
    raw = read_regular_file(path, display_name)
    if isinstance(raw, Problem):
        return None, [raw]
    text = _decoded(raw, display_name)
    if isinstance(text, Problem):
        return None, [text]
    indented = _invisible_indentation(text, display_name)
    if indented:
        return None, indented
    root = _composed(text, display_name)
    if isinstance(root, Problem):
        return None, [root]
    if root is None or root.tag == _YAML_TAG + "null":  # e.g. a lone "---"
        return None, [_empty(display_name)]
    if not isinstance(root, yaml.MappingNode):
        line, column = _position(root)
        return None, [Problem(display_name, line, column, "", *NOT_FIELDS)]
    builder = _Builder(display_name, text)
    try:
        data = builder.build(root, ())
    except _FileRefused as refused:
        return None, [refused.problem]
    if not isinstance(data, dict):  # the whole file under a refused tag
        return None, builder.problems
    builder.document.data = data
    return builder.document, builder.problems


def read_salvaged(path: Path, display_name: str) -> tuple[Document, list[str]]:
    """What can be kept of a file that does not parse: each top-level block (a line at
    the left margin and the indented lines under it) read alone. The data of the blocks
    that parse, and the keys of those that do not. The problem itself is `read_document`'s.

    A colon in one theme's description made the whole catalogue unreadable, and every
    laureate vanished from the preview with it."""
    document = Document(data={})
    raw = read_regular_file(path, display_name)
    text = raw if isinstance(raw, Problem) else _decoded(raw, display_name)
    if isinstance(text, Problem):
        return document, []
    lines = text.splitlines()
    starts = [index for index, line in enumerate(lines) if line[:1] not in ("", " ", "\t", "#")]
    broken = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        block = "\n" * start + "\n".join(lines[start:end]) + "\n"  # same line numbers
        root = _composed(block, display_name)
        builder = _Builder(display_name, block)
        data: Any = None
        if isinstance(root, yaml.MappingNode):
            try:
                data = builder.build(root, ())
            except _FileRefused:
                data = None
        if isinstance(data, dict) and not builder.problems and not document.data.keys() & data:
            document.data.update(data)
            document.key_positions.update(builder.document.key_positions)
            document.value_positions.update(
                {key: value for key, value in builder.document.value_positions.items() if key})
        else:
            broken.append(lines[start].split(":", 1)[0].strip().strip("\"'"))
    return document, broken


def read_regular_file(path: Path, display_name: str,
                      limit: int = MAX_FILE_BYTES) -> bytes | Problem:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    A symbolic link is refused (it could publish a file from outside the repository, or
    be /dev/zero), and so are a directory or a named pipe given a laureate's name: the
    pipe would block the build forever. The file is opened without following links and
    without blocking, then checked on the open descriptor, so that it cannot be swapped
    between the check and the read."""
    try:
        if path.is_symlink():
            return Problem(display_name, 1, 1, "", "lien symbolique refusé",
                           "remplacez le lien par le fichier lui-même")
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        return _unreadable(display_name, error)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            return Problem(display_name, 1, 1, "", "c'est un dossier, pas un fichier",
                           "renommez le dossier : seuls les fichiers .yml décrivent des lauréats")
        if not stat.S_ISREG(mode):
            return Problem(display_name, 1, 1, "", "fichier spécial (tube, périphérique) refusé",
                           "supprimez-le : seuls les fichiers ordinaires sont lus")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(descriptor, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        raw = b"".join(chunks)
    except OSError as error:
        return _unreadable(display_name, error)
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        return Problem(display_name, 1, 1, "", f"fichier trop volumineux (plus de {limit // 1000} Ko)",
                       "un lauréat tient en quelques dizaines de Ko : raccourcissez les textes")
    return raw


def _unreadable(display_name: str, error: OSError) -> Problem:
    if isinstance(error, IsADirectoryError):
        return Problem(display_name, 1, 1, "", "c'est un dossier, pas un fichier",
                       "renommez le dossier : seuls les fichiers .yml décrivent des lauréats")
    return Problem(display_name, 1, 1, "", f"fichier illisible ({error.strerror or error})",
                   "vérifiez que le fichier existe et que vous avez le droit de le lire")


def _decoded(raw: bytes, display_name: str) -> str | Problem:
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is harmless
    except UnicodeDecodeError as error:
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        line = raw[: error.start].count(b"\n") + 1
        column = len(raw[line_start: error.start].decode("utf-8-sig")) + 1  # characters, not bytes
        return Problem(display_name, line, column, "", "le fichier n'est pas encodé en UTF-8",
                       "enregistrez-le en UTF-8 (menu « Enregistrer sous » de l'éditeur)")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return _empty(display_name)
    return text


_INVISIBLE_NAMES = {"\u00a0": "espace insécable", "\u202f": "espace fine insécable",
                    "\u2007": "espace tabulaire"}
_LEADING_SPACES = re.compile(r"[ \u00a0\u202f\u2007]*")


def _invisible_indentation(text: str, display_name: str) -> list[Problem]:
    """No-break spaces at the start of lines, pasted from a word processor: they look
    like indentation, YAML reads them as text, and the lines were misread."""
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        leading = _LEADING_SPACES.match(line)
        spaces = leading[0] if leading else ""
        found = next((index for index, character in enumerate(spaces) if character != " "), None)
        if found is not None and spaces != line:
            character = spaces[found]
            problems.append(Problem(
                display_name, number, found + 1, "",
                f"{_INVISIBLE_NAMES[character]} (U+{ord(character):04X}) invisible dans "
                "l'indentation", "retapez le début de la ligne avec la barre d'espace (souvent "
                "collé depuis un traitement de texte)"))
    return problems


def _empty(display_name: str) -> Problem:
    return Problem(display_name, 1, 1, "", "le fichier est vide",
                   EMPTY_FILE_HINT)


# Where a new laureate file starts: the site's form, or the commented template.
EMPTY_FILE_HINT = (f"créez la fiche avec le formulaire du site (/{PAGES.editor}), ou partez du "
                   "modèle : make new SLUG=nom-de-la-collectivite, puis remplissez-le")


def _composed(text: str, display_name: str) -> yaml.Node | None | Problem:
    """The node tree of the file's single document, or the reason there is none."""
    depth_read = len(text) > _COMPOSED_AT_ONCE
    try:
        if depth_read and (too_deep := _too_deep(text)):
            return _too_deep_problem(display_name, too_deep)
        loader = _Loader(text)
        try:
            root: yaml.Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except (yaml.MarkedYAMLError, yaml.reader.ReaderError) as error:
        # Nesting met before the error is reported first, whatever the file's length.
        if not depth_read and (too_deep := _too_deep(text)):
            return _too_deep_problem(display_name, too_deep)
        if isinstance(error, yaml.MarkedYAMLError):
            return _syntax_problem(error, text, display_name)
        line, column = _offset_position(text, text.find(chr(error.character)))
        return Problem(display_name, line, column, "", "caractère de contrôle interdit dans le fichier",
                       "supprimez le caractère invisible à cet endroit")
    if root is not None and (too_deep := _too_deep_node(root)):
        return _too_deep_problem(display_name, too_deep)
    return root


# libyaml composes nested nodes recursively in C: measured here, 50,000 levels crash the
# process and 20,000 do not. A text this short cannot nest deeper than its length (a level
# takes at least a character): it is composed at once, and its depth read on the nodes.
# A longer one has its depth read from the parser's events first.
_COMPOSED_AT_ONCE = 10_000


def _too_deep_problem(display_name: str, position: Position) -> Problem:
    return Problem(display_name, *position, "", "listes ou blocs imbriqués trop profondément",
                   "un lauréat tient en quelques niveaux d'indentation")


def _too_deep_node(root: yaml.Node) -> Position | None:
    """Where the first list or mapping, in the file's order, nests deeper than any laureate
    file needs: the one _too_deep would find in the events (an alias is its anchor's node,
    met before, and is not counted again)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode) or id(node) in seen:
            continue
        seen.add(id(node))
        if depth > _MAX_DEPTH:
            return _position(node)
        children = ([part for pair in node.value for part in pair]
                    if isinstance(node, yaml.MappingNode) else node.value)
        stack += [(child, depth + 1) for child in reversed(children)]
    return None


def _too_deep(text: str) -> Position | None:
    """Where lists or mappings nest deeper than any laureate file needs, read from the
    parser's events (which come one by one), before composing a text that could nest deep
    enough to crash the composer (_COMPOSED_AT_ONCE). A syntax error met on the way is left
    to the composer, which reports it in its own order (an undefined alias before what
    follows it)."""
    loader = _Loader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                mark = event.start_mark
                if depth > _MAX_DEPTH and mark is not None:
                    return mark.line + 1, mark.column + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return None


def _offset_position(text: str, offset: int) -> Position:
    offset = max(offset, 0)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _position(node: yaml.Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def shown_tag(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` → `!!python/object`, as it was written."""
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


class _Builder:
    """Turns the node tree into plain data, filling the document's positions and
    collecting every refused construct instead of stopping at the first."""

    def __init__(self, display_name: str, text: str = "") -> None:
        self.document = Document(data={})
        self.display_name = display_name
        self.lines = text.splitlines()
        self.problems: list[Problem] = []
        self.scalars = _Loader("")  # resolves and constructs scalars as safe_load would
        self.budget = _NODE_BUDGET
        self.characters = _CHARACTER_BUDGET
        self.open_nodes: set[int] = set()  # the nodes being built, to catch recursive aliases

    def refuse(self, node: yaml.Node, path: Path_, message: str, hint: str, *,
               drops_value: bool = True) -> None:
        line, column = _position(node)
        self.problems.append(Problem(self.display_name, line, column, field_path(path), message, hint))
        if drops_value:
            self.document.refused.add(path)

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.document.value_positions[path] = _position(node)
        self.budget -= 1
        if isinstance(node, yaml.ScalarNode):
            self.characters -= len(node.value)
        if self.budget < 0 or self.characters < 0:
            raise _FileRefused(Problem(
                self.display_name, *_position(node), field_path(path),
                "fichier trop volumineux une fois les alias « * » développés",
                "recopiez les textes au lieu de les répéter avec & et *"))
        if id(node) in self.open_nodes:
            self.refuse(node, path, "alias « * » qui se contient lui-même",
                        "retirez l'alias et recopiez le texte")
            return None
        if isinstance(node, yaml.ScalarNode) and self.is_plain(node):
            value = _plain_scalar(node.value)
            if isinstance(value, str):
                self.cut_by_comment(node, path)
            return value
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            self.block_header_comment(node, path)
            if node.style == "|":
                self.block_start(node, path)
        if node.tag not in _STANDARD_TAGS:
            self.refuse(node, path, f"étiquette YAML interdite « {shown_tag(node.tag)} »",
                        "retirez ce qui commence par « ! » ; si c'est du texte, " + QUOTE_HINT)
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalars.construct_object(node)
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self.mapping(node, path)
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        finally:
            self.open_nodes.discard(id(node))

    def rest_of_line(self, mark: yaml.Mark) -> str:
        return self.lines[mark.line][mark.column:] if mark.line < len(self.lines) else ""

    def cut_by_comment(self, node: yaml.ScalarNode, path: Path_) -> None:
        """`title: Lannion réinvente son accueil #innovation`: YAML reads ` #` as the
        start of a comment, and the end of the text would vanish without a word."""
        found = _COMMENT_AFTER.match(self.rest_of_line(node.end_mark))
        if found:
            self.problems.append(Problem(
                self.display_name, node.end_mark.line + 1, node.end_mark.column + found.end(),
                field_path(path), "texte coupé : ce qui suit « # » est lu comme un commentaire",
                QUOTE_HINT))

    def block_header_comment(self, node: yaml.ScalarNode, path: Path_) -> None:
        """`story: | ### Un accueil éclaté`: after `|`, ` #` starts a comment, and the
        heading would vanish."""
        found = _BLOCK_HEADER_COMMENT.match(self.rest_of_line(node.start_mark))
        if found:
            self.problems.append(Problem(
                self.display_name, node.start_mark.line + 1, node.start_mark.column + found.end(),
                field_path(path), f"texte sur la même ligne que « {node.style} », lu comme un "
                "commentaire", f"passez à la ligne après {node.style}, puis indentez le texte"))

    def block_start(self, node: yaml.ScalarNode, path: Path_) -> None:
        for index in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(self.lines))):
            line = self.lines[index]
            if line.strip():
                self.document.block_starts[path] = (index + 1, len(line) - len(line.lstrip(" ")) + 1)
                return

    def is_plain(self, node: yaml.ScalarNode) -> bool:
        """Written without quotes nor tag (libyaml's style is "", PyYAML's None)."""
        return not node.style and node.tag == self.scalars.resolve(
            yaml.ScalarNode, node.value, (True, False))

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        missing_dash = False
        for key_node, value_node in node.value:
            key = self.key(key_node, path)
            if key is None:
                continue
            key_path = (*path, key)
            if key in mapping and path and isinstance(path[-1], int):
                if not missing_dash:  # the next fields of that item follow from it
                    missing_dash = True
                    self.refuse(key_node, key_path, *_missing_dash(key, path), drops_value=False)
                continue
            if key in mapping:
                first_line, _ = self.document.key_positions[key_path]
                self.refuse(key_node, key_path,
                            f"champ « {key} » écrit deux fois (déjà ligne {first_line})",
                            "gardez un seul exemplaire de ce champ",
                            drops_value=False)  # the first one is still validated
                continue
            self.document.key_positions[key_path] = _position(key_node)
            mapping[key] = self.build(value_node, key_path)
        return mapping

    def key(self, node: yaml.Node, parent: Path_) -> str | None:
        # The pair is left out; the fields it should have given are then reported missing.
        if node.tag == _MERGE_TAG:
            self.refuse(node, parent, "fusion « << » non acceptée",
                        "recopiez les champs au lieu de les fusionner", drops_value=False)
            return None
        if isinstance(node, yaml.ScalarNode):
            self.characters -= len(node.value)  # a key can be an alias of a long text too
        if not isinstance(node, yaml.ScalarNode) or node.tag not in _STANDARD_TAGS:
            self.refuse(node, parent, "nom de champ invalide",
                        "un nom de champ est un simple mot suivi de « : »", drops_value=False)
            return None
        marker = _WRONG_MARKER.match(str(node.value) + ":")
        if marker:  # `-label: Site` read as a field named "-label": the list is lost
            self.refuse(node, parent, *_wrong_marker_message(marker[2], marker[3]))
            return None
        # `support :` typed on a French keyboard puts a no-break space before the colon
        return str(node.value).rstrip(NO_BREAK_SPACES)


_ITEM_NAMES = {"testimonials": "témoignage", "links": "lien"}


def _missing_dash(key: str, item: Path_) -> tuple[str, str]:
    """A field written twice in one list item: the editor started the next item
    without its `- ` (deleting one copy would delete a testimonial)."""
    noun = _ITEM_NAMES.get(str(item[-2]) if len(item) > 1 else "", "élément")
    return (f"champ « {key} » écrit deux fois dans le même {noun} : il manque le tiret du suivant",
            f"ajoutez « - » devant « {key}: » pour commencer un nouveau {noun}")


def _plain_scalar(text: str) -> Any:
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


# --- Syntax errors, said in French ------------------------------------------------------


@dataclass(frozen=True)
class _YamlError:
    """What PyYAML (or libyaml) said, in English, and where: what the rules read."""

    reason: str  # "mapping values are not allowed here"
    during: str  # "while scanning a block scalar"
    lines: list[str]
    line: int
    column: int
    context: Position | None  # where the construct that failed began

    @property
    def source(self) -> str:
        return self.lines[self.line - 1] if 0 < self.line <= len(self.lines) else ""

    @property
    def character(self) -> str:
        return self.source[self.column - 1: self.column] or "?"

    @property
    def at_context(self) -> Position:
        return self.context or (self.line, self.column)


# message, hint, line, column
_Said = tuple[str, str, int, int]


@dataclass(frozen=True)
class _SyntaxRule:
    """One kind of syntax error: when PyYAML's explanation says it, and how to say it in
    French, placed where the editor has to look."""

    applies: Callable[[_YamlError], bool]
    said: Callable[[_YamlError], _Said]


def _here(error: _YamlError, message: str, hint: str) -> _Said:
    return message, hint, error.line, error.column


def _at_context(error: _YamlError, message: str, hint: str) -> _Said:
    return (message, hint, *error.at_context)


def _wrong_marker_said(error: _YamlError) -> _Said:
    found = _wrong_marker(error.lines, error.line)
    assert found is not None  # the rule applies only then
    line, column, message, hint = found
    return message, hint, line, column


def _tab_said(error: _YamlError) -> _Said:
    column = error.source.index("\t") + 1 if "\t" in error.source else error.column
    return (*_TAB, error.line, column)


def _colon_said(error: _YamlError) -> _Said:
    if ":" in error.source[: error.column - 1].split("#")[0]:
        return _here(error, "deux-points « : » dans un texte", QUOTE_HINT)
    return _here(error, "champ plus indenté que le précédent",
                 "alignez les champs d'un même bloc sur la même colonne")


def _missing_colon_said(error: _YamlError) -> _Said:
    line, column = error.at_context
    continued = _continued_field(error.lines, line)
    if continued:
        return (f"texte à la ligne après « {continued}: » sans « | »",
                f"écrivez {continued}: | puis le texte en dessous, indenté de deux espaces",
                line, column)
    return "deux-points manquant après le nom du champ", "écrivez nom_du_champ: valeur", line, column


def _unclosed_bracket_said(error: _YamlError) -> _Said:
    bracket = "[" if "]" in error.reason else "{"
    return _at_context(error, f"« {bracket} » jamais refermé", "refermez-le ; si c'est un texte qui "
                       f"commence par « {bracket} », mettez-le entre guillemets")


def _escape_said(error: _YamlError) -> _Said:
    column = error.source.rfind("\\", 0, error.column) + 1 or error.column  # libyaml and PyYAML differ by one
    return ("barre oblique inverse « \\ » dans un texte entre guillemets doubles",
            "utilisez des guillemets simples '…', ou doublez la barre : \\\\", error.line, column)


def _unexpected_said(error: _YamlError) -> _Said:
    message, hint, column = _unexpected_content(error.source, error.column,
                                                "collection" in error.during)
    return message, hint, error.line, column


def _says(*phrases: str) -> Callable[[_YamlError], bool]:
    """PyYAML's reason contains one of `phrases`."""
    return lambda error: any(phrase in error.reason for phrase in phrases)


# In order: the first rule that applies explains the error.
_SYNTAX_RULES = (
    _SyntaxRule(lambda e: _wrong_marker(e.lines, e.line) is not None, _wrong_marker_said),
    _SyntaxRule(lambda e: "\t" in e.source[: e.column] or "tab" in e.reason, _tab_said),
    _SyntaxRule(lambda e: "cannot start any token" in e.reason or "alias" in e.during
                or "anchor" in e.during,
                lambda e: _here(e, f"un texte ne peut pas commencer par « {e.character} »", QUOTE_HINT)),
    _SyntaxRule(_says("undefined alias"),
                lambda e: _here(e, "un texte ne peut pas commencer par « * »", QUOTE_HINT)),
    _SyntaxRule(lambda e: "end of stream" in e.reason and e.context is not None,
                lambda e: _at_context(e, "guillemet jamais refermé",
                                      "refermez le guillemet ouvert à cet endroit")),
    _SyntaxRule(_says("mapping values are not allowed"), _colon_said),
    _SyntaxRule(_says("could not find expected ':'"), _missing_colon_said),
    _SyntaxRule(_says("expected ',' or ']'", "expected ',' or '}'"), _unclosed_bracket_said),
    _SyntaxRule(_says("unknown escape character"), _escape_said),
    _SyntaxRule(lambda e: "directive" in e.during and e.context is not None,
                lambda e: _at_context(e, "une ligne ne peut pas commencer par « % »", QUOTE_HINT)),
    _SyntaxRule(_says("<document start>"),  # e.g. a file that is one quoted text and more
                lambda e: _here(e, "texte inattendu après la première valeur du fichier",
                                "un fichier lauréat est une suite de lignes « nom: valeur »")),
    _SyntaxRule(_says("another document"),
                lambda e: _here(e, "plusieurs documents dans le même fichier",
                                "supprimez la ligne « --- » : un fichier décrit un seul lauréat")),
    _SyntaxRule(lambda e: "block scalar" in e.during,
                lambda e: _here(e, "texte sur la même ligne que « | » ou « > »",
                                "passez à la ligne après | ou >, puis indentez le texte")),
    _SyntaxRule(lambda e: "node content" in e.reason and "flow" in e.during,
                lambda e: _here(e, "« [ » ou « { » jamais refermé",
                                "refermez la liste avec « ] » ou le bloc avec « } »")),
    _SyntaxRule(_says("node content"), lambda e: _here(e, f"« {e.character} » inattendu", QUOTE_HINT)),
    _SyntaxRule(_says("are not allowed"),  # "- " or "? " inside a value
                lambda e: _here(e, f"« {e.character} » inattendu dans un texte", QUOTE_HINT)),
    _SyntaxRule(_says("expected key", "expected <block end>", "expected '-' indicator"),
                _unexpected_said),
)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, display_name: str) -> Problem:
    """PyYAML's (or libyaml's) English explanation turned into a French one by the first
    rule of _SYNTAX_RULES that applies."""
    mark, context = error.problem_mark or error.context_mark, error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    said = _YamlError(error.problem or "", error.context or "", text.splitlines(), line, column,
                      (context.line + 1, context.column + 1) if context else None)
    rule = next((rule for rule in _SYNTAX_RULES if rule.applies(said)), None)
    message, hint, line, column = rule.said(said) if rule else _here(
        said, f"syntaxe YAML invalide ({said.reason or said.during})", "")  # a case not listed
    return Problem(display_name, line, column, "", f"erreur de syntaxe : {message}", hint)


# `* label:`, `• label:` or `-label:` where a list item starts with "- ".
_WRONG_MARKER = re.compile(r"^( *)([*•·‣◦▪–—]|-(?=[^\s-]))[ \u00a0]*([A-Za-z_]+) ?:")


def _wrong_marker(lines: list[str], line: int) -> tuple[int, int, str, str] | None:
    """A list item begun with something else than a dash and a space, on the line of
    a syntax error or just before it."""
    for index in range(min(line, len(lines)) - 1, max(line - 4, 0) - 1, -1):
        found = _WRONG_MARKER.match(lines[index])
        if found:
            return (index + 1, len(found[1]) + 1, *_wrong_marker_message(found[2], found[3]))
    return None


def _wrong_marker_message(marker: str, key: str) -> tuple[str, str]:
    if marker == "-":
        return ("tiret collé au nom du champ",
                f"ajoutez une espace après le tiret : « - {key}: … »")
    return (f"« {marker} » ne commence pas un élément de liste",
            f"remplacez « {marker} » par un tiret suivi d'une espace : « - {key}: … »")


_FIELD_LINE = re.compile(r"( *)([A-Za-z_]+):(?:[ \t]+[^|>\s].*)?[ \t]*$")


def _continued_field(lines: list[str], line: int) -> str | None:
    """The field whose text goes on, unindented and without `|`, on `line`: a story
    pasted under `story:`."""
    if not 1 < line <= len(lines) or ":" in lines[line - 1].split("#")[0]:
        return None
    previous = next((text for text in reversed(lines[: line - 1]) if text.strip()), "")
    found = _FIELD_LINE.fullmatch(previous)
    if found is None or (not previous.rstrip().endswith(":")
                         and re.match(r" *[a-z_]+ ", lines[line - 1])):
        return None  # `title Un pôle…` under a full line: a field without its colon
    return found[2]


def _unexpected_content(source: str, column: int, in_list: bool) -> tuple[str, str, int]:
    """Text where the parser expected a new field or item: either a value that goes
    on after its closing quote or bracket, or a line indented differently."""
    indent = len(source) - len(source.lstrip(" "))
    if column - 1 > indent:  # inside the line: the value itself is at fault
        value = source.split(": ", 1)[1].lstrip() if ": " in source else source.lstrip()
        opening = value[:1]
        if opening == '"':
            return ("le texte continue après le guillemet fermant",
                    "retirez ces guillemets, ou prenez les guillemets français « »", column)
        if opening == "'":
            return ("le texte continue après le guillemet fermant",
                    ("retirez les guillemets qui entourent le texte ; entre guillemets simples, "
                     "une apostrophe s'écrit deux fois : 'L''accueil'"), column)
        if opening in "[{":
            return (f"un texte ne peut pas commencer par « {opening} »", QUOTE_HINT,
                    source.index(value) + 1)
        return "texte inattendu", QUOTE_HINT, column
    if in_list:
        return ("élément de liste mal indenté",
                "alignez les tirets « - » des éléments d'une même liste, et les champs d'un élément",
                column)
    return "indentation incohérente", "alignez les champs d'un même bloc sur la même colonne", column


def field_path(path: Path_) -> str:
    """`("testimonials", 1, "author")` → `testimonials[2].author` (items counted from 1)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else part
    return text
