"""Reading one YAML file: where each key and value stands (1-based line and column, as an
editor shows them), what is refused, and how plain values are understood."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from cases import corpus
from showcase import source
from showcase.messages import problems_from_validation
from showcase.models import LaureateRecord
from showcase.problems import Problem
from showcase.source import Document, field_path, read_document


def read(tmp_path: Path, content: str | bytes) -> tuple[Document | None, list[Problem]]:
    path = tmp_path / "cas.yml"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return read_document(path, "projects/cas.yml")


def positions(problems: list[Problem]) -> list[tuple[int, int, str, str]]:
    return [(p.line, p.column, p.field, p.message) for p in problems]


NESTED = """\
commune: Renac
theme: [accueil-des-usagers, conditions-de-travail]
image: {src: images/renac.jpg, alt: La médiathèque}
story: |
  Un récit.
testimonials:
  - quote: Une citation
    author: Anne Patault
  -   quote: Une autre
      author: Damien Guillas
"""


def test_each_key_is_located_where_its_name_starts(tmp_path: Path) -> None:
    document, problems = read(tmp_path, NESTED)
    assert document is not None and problems == []
    keys = document.key_positions
    assert keys[("commune",)] == (1, 1)
    assert keys[("image", "alt")] == (3, 32)
    assert keys[("testimonials", 0, "author")] == (8, 5)
    assert keys[("testimonials", 1, "quote")] == (9, 7)


def test_each_value_is_located_where_it_starts(tmp_path: Path) -> None:
    document, _ = read(tmp_path, NESTED)
    assert document is not None
    values = document.value_positions
    assert values[("commune",)] == (1, 10)
    assert values[("theme", 1)] == (2, 30)
    assert values[("image", "src")] == (3, 14)
    assert values[("story",)] == (4, 8)  # a block starts at its | indicator
    assert values[("testimonials",)] == (7, 3)
    assert values[("testimonials", 0)] == (7, 5)
    assert values[("testimonials", 1, "author")] == (10, 15)
    assert values[()] == (1, 1)


def test_a_path_without_position_takes_its_closest_ancestors(tmp_path: Path) -> None:
    document, _ = read(tmp_path, NESTED)
    assert document is not None
    assert document.position_of(("testimonials", 1, "role")) == (9, 7)  # the item's mapping
    assert document.position_of(("nowhere", 3)) == (1, 1)


def test_positions_ignore_a_byte_order_mark_and_windows_line_ends(tmp_path: Path) -> None:
    document, problems = read(tmp_path, b"\xef\xbb\xbf" + NESTED.replace("\n", "\r\n").encode())
    assert document is not None and problems == []
    assert document.key_positions[("commune",)] == (1, 1)
    assert document.value_positions[("testimonials", 1, "author")] == (10, 15)


def test_field_paths_count_list_items_from_one() -> None:
    assert field_path(("testimonials", 1, "author")) == "testimonials[2].author"
    assert field_path(("theme", 0)) == "theme[1]"
    assert field_path(()) == ""


# --- refused constructs: all of them at once, the rest still read -----------------------


def test_every_duplicate_key_is_reported_and_the_first_value_is_kept(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "title: Premier\nyear: 2021\ntitle: Second\n"
                                        "image:\n  alt: a\n  alt: b\nyear: 2022\n")
    assert positions(problems) == [
        (3, 1, "title", "champ « title » écrit deux fois (déjà ligne 1)"),
        (6, 3, "image.alt", "champ « alt » écrit deux fois (déjà ligne 5)"),
        (7, 1, "year", "champ « year » écrit deux fois (déjà ligne 2)"),
    ]
    assert document is not None
    assert document.data == {"title": "Premier", "year": 2021, "image": {"alt": "a"}}


def test_every_tag_is_refused_without_running_anything(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "title: !!python/object/apply:os.system ['touch pwned']\n"
                                        "support: !!python/name:os.system\n"
                                        "theme: [!custom x, accueil-des-usagers]\n"
                                        "commune: Renac\n")
    assert positions(problems) == [
        (1, 8, "title", "étiquette YAML interdite « !!python/object/apply:os.system »"),
        (2, 10, "support", "étiquette YAML interdite « !!python/name:os.system »"),
        (3, 9, "theme[1]", "étiquette YAML interdite « !custom »"),
    ]
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    assert document is not None and document.data["commune"] == "Renac"
    assert document.is_refused(("title",)) and document.is_refused(("theme", 0, "x"))
    assert not document.is_refused(("theme", 1))


def test_a_refused_value_is_not_reported_again_by_validation(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "title: !!binary aGVsbG8=\ncommune: Renac\n")
    assert document is not None and len(problems) == 1
    with pytest.raises(ValidationError) as invalid:
        LaureateRecord.model_validate(document.data)
    found = problems_from_validation(invalid.value, document, "projects/cas.yml", LaureateRecord)
    fields = {problem.field for problem in found}
    assert "title" not in fields  # its tag is the one message
    assert {"department", "year", "summary", "theme"} <= fields


def test_a_whole_file_under_a_tag_gives_no_data(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "--- !!python/object:builtins.dict\ncommune: Renac\n")
    assert document is None
    assert positions(problems) == [(1, 5, "", "étiquette YAML interdite « !!python/object:builtins.dict »")]


def test_merge_keys_and_keys_that_are_not_words_are_refused(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "a: &base {x: 1}\nb:\n  <<: *base\n? [k, l]\n: v\n")
    assert positions(problems) == [(3, 3, "b", "fusion « << » non acceptée"),
                                   (4, 3, "", "nom de champ invalide")]
    assert document is not None and document.data == {"a": {"x": 1}, "b": {}}


def test_an_alias_that_contains_itself_is_refused(tmp_path: Path) -> None:
    document, problems = read(tmp_path, "links: &boucle\n  - *boucle\n")
    # the composer keeps no trace of the alias itself: the problem stands at its anchor
    assert positions(problems) == [(1, 8, "links[1]", "alias « * » qui se contient lui-même")]
    assert document is not None and document.data == {"links": [None]}


def test_aliases_that_expand_without_bound_stop_quickly_with_one_problem(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    started = time.monotonic()
    document, problems = read(tmp_path, "\n".join(levels) + "\n")  # 10**9 items once expanded
    assert time.monotonic() - started < 5
    assert document is None
    assert [p.message for p in problems] == ["fichier trop volumineux une fois les alias « * » développés"]


@pytest.mark.parametrize(("nested", "line", "column"), [
    (" " + "[" * 300_000 + "]" * 300_000, 2, 8 + 63),  # the 64th bracket (the file is the 1st)
    ("\n  " + "- " * 300_000 + "x", 3, 3 + 2 * 63),  # the 64th dash
    # Files short enough to be composed at once: the same place, read on the nodes.
    (" " + "[" * 100 + "]" * 100, 2, 8 + 63),
    ("\n  " + "- " * 100 + "x", 3, 3 + 2 * 63),
    (" &a [x]\nother: " + "[" * 70 + "*a" + "]" * 70, 3, 8 + 63),
])
def test_nesting_deep_enough_to_crash_the_parser_is_a_problem(
        tmp_path: Path, nested: str, line: int, column: int) -> None:
    document, problems = read(tmp_path, f"title: Renac\nlinks:{nested}\n")
    assert document is None
    assert positions(problems) == [(line, column, "", "listes ou blocs imbriqués trop profondément")]


def test_an_alias_does_not_nest_its_anchor_again(tmp_path: Path) -> None:
    """40 levels, then an alias of them 30 levels deep: 70 once expanded, but the file
    itself nests 41 deep, and the laureate is read (its links are then refused)."""
    nested = " &a " + "[" * 40 + "]" * 40 + "\nother: " + "[" * 30 + "*a" + "]" * 30
    document, problems = read(tmp_path, f"title: Renac\nlinks:{nested}\n")
    assert document is not None
    assert "listes ou blocs imbriqués trop profondément" not in [p.message for p in problems]


# --- plain values, read as the editor reads them (YAML 1.2) -----------------------------


@pytest.mark.parametrize(("written", "read_as"), [
    ("35", 35), ("974", 974), ("-3", -3), ("01", "01"), ("035", "035"), ("2A", "2A"),
    ("2021.5", 2021.5), ("0x1F", "0x1F"), ("0o17", "0o17"), ("12:30", "12:30"), ("1_000", "1_000"),
    ("true", True), ("False", False), ("yes", "yes"), ("no", "no"), ("on", "on"), ("Off", "Off"),
    ("null", None), ("~", None), ("", None), ("2021-09-01", "2021-09-01"), (".inf", ".inf"),
    ('"01"', "01"), ("'true'", "true"), ("!!str 35", "35"), ("!!int '35'", 35),
])
def test_plain_values_are_read_like_yaml_1_2(tmp_path: Path, written: str, read_as: object) -> None:
    document, problems = read(tmp_path, f"value: {written}\n")
    assert problems == [] and document is not None
    assert document.data["value"] == read_as
    assert type(document.data["value"]) is type(read_as)


# --- files that cannot be read ----------------------------------------------------------


@pytest.mark.parametrize("content", ["", "\n\n", "# seulement\n   # des commentaires\n", "   \n",
                                     "---\n"])
def test_a_file_with_nothing_in_it_is_empty(tmp_path: Path, content: str) -> None:
    document, problems = read(tmp_path, content)
    assert document is None
    assert positions(problems) == [(1, 1, "", "le fichier est vide")]


def test_a_byte_that_is_not_utf8_is_located_in_characters(tmp_path: Path) -> None:
    # "Été" saved in UTF-8, then "ô" pasted from a Latin-1 file: column counts letters.
    content = "commune: Renac\ntitle: Été, le ".encode() + "pôle".encode("latin-1")
    document, problems = read(tmp_path, content)
    assert document is None
    assert positions(problems) == [(2, 17, "", "le fichier n'est pas encodé en UTF-8")]


def test_an_invisible_control_character_is_located_after_accented_letters(tmp_path: Path) -> None:
    # libyaml counts bytes, not characters: "é" and "ô" must not shift the column.
    document, problems = read(tmp_path, "commune: Renac\ntitle: Été au pôle\x0b culturel\n")
    assert document is None
    assert positions(problems) == [(2, 19, "", "caractère de contrôle interdit dans le fichier")]


@pytest.mark.parametrize(("content", "line", "column"), [
    ("- commune: Renac\n", 1, 1), ("Renac\n", 1, 1), ("# en-tête\n\n  42\n", 3, 3),
])
def test_a_file_that_is_not_a_list_of_fields_is_refused_where_it_starts(
        tmp_path: Path, content: str, line: int, column: int) -> None:
    document, problems = read(tmp_path, content)
    assert document is None
    assert positions(problems) == [
        (line, column, "", "le fichier doit être une suite de champs « nom: valeur »")]


@pytest.mark.parametrize(("content", "line", "column", "message"), [
    ("theme: [accueil-des-usagers\n", 1, 8, "« [ » jamais refermé"),
    ("title: }\n", 1, 8, "« } » inattendu"),
    ("title: - Renac\n", 1, 8, "« - » inattendu dans un texte"),
    ("links: [{label: a, url: b]\n", 1, 9, "« { » jamais refermé"),
    ("title: Renac\n%YAML\n", 2, 1, "une ligne ne peut pas commencer par « % »"),
    ('"Renac" 2021\n', 1, 9, "texte inattendu après la première valeur du fichier"),
    ('title: "C:\\dossier"\n', 1, 11, "barre oblique inverse « \\ » dans un texte entre guillemets doubles"),
])
def test_syntax_errors_are_explained_in_french_where_the_fix_is(
        tmp_path: Path, content: str, line: int, column: int, message: str) -> None:
    document, problems = read(tmp_path, content)
    assert document is None
    assert positions(problems) == [(line, column, "", "erreur de syntaxe : " + message)]


YAML_CASES = [case for case in corpus.load("invalid") if case.name.startswith(("syntaxe-", "yaml-"))]


@pytest.mark.parametrize("case", YAML_CASES, ids=lambda case: case.name)
def test_the_pure_python_loader_reports_exactly_what_libyaml_reports(
        case: corpus.Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where libyaml is not compiled in, PyYAML's own loader takes over: its English
    messages and marks differ, the French report must not."""
    path = tmp_path / case.file
    path.write_bytes(case.content)
    assert source._Loader is yaml.CSafeLoader
    _, with_libyaml = read_document(path, f"projects/{case.file}")
    monkeypatch.setattr(source, "_Loader", yaml.SafeLoader)
    _, with_python = read_document(path, f"projects/{case.file}")
    assert with_libyaml and with_python == with_libyaml
