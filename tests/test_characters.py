"""Which characters a laureate's text may hold: the rule is Unicode's, not a list of ours."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from pydantic_core import PydanticCustomError

from showcase.models import BIDI_CONTROLS, check_characters

CONTROLS = [chr(code) for code in range(sys.maxunicode + 1)
            if unicodedata.category(chr(code)) == "Cc"]


@pytest.mark.parametrize("character", [c for c in CONTROLS if c not in "\t\n\r"])
def test_every_control_character_is_refused_at_its_position(character: str) -> None:
    with pytest.raises(PydanticCustomError, match=f"U\\+{ord(character):04X} interdit "
                                                   r"\(caractère 4 du texte\)"):
        check_characters(f"abc{character}def")


@pytest.mark.parametrize("character", sorted(BIDI_CONTROLS))
def test_every_bidi_control_is_refused_with_its_name(character: str) -> None:
    with pytest.raises(PydanticCustomError, match=unicodedata.name(character)):
        check_characters(f"gpj{character}.exe")


def test_the_first_forbidden_character_is_the_one_named() -> None:
    with pytest.raises(PydanticCustomError, match="U\\+202E.*caractère 2 du texte"):
        check_characters("a\u202eb\x07c")


def test_tabs_and_line_breaks_pass_where_allowed_and_nowhere_else() -> None:
    assert check_characters("Un récit\r\n\tsur deux lignes") == "Un récit\r\n\tsur deux lignes"
    with pytest.raises(PydanticCustomError, match="U\\+0009"):
        check_characters("photo\t.jpg", allowed="")


def test_french_text_with_every_kind_of_space_and_mark_passes() -> None:
    text = "L’accueil « unique » : 1\u00a0216 habitants\u202f! Œuvre, ÿ, 😀, \u200b"
    assert check_characters(text) == text
