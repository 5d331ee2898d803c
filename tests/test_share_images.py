"""Share images: one per laureate and one for the site, 1200x630, light, drawn once per content."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT, laureate_files
from showcase import load_catalog, share_images
from showcase.share_images import ShareCard, cached_images, draw, svg_path_rings


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    result = load_catalog(ROOT)
    assert not result.problems
    return result.catalog


def test_every_laureate_and_the_site_have_a_share_image(built_site: Path) -> None:
    folder = built_site / "assets" / "partage"
    expected = {f"{path.stem}.png" for path in laureate_files()} | {"fonds-mnt.png"}
    assert {p.name for p in folder.iterdir()} == expected
    contents = set()
    for path in folder.iterdir():
        data = path.read_bytes()
        assert len(data) <= 300_000, path.name
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG" and image.size == (1200, 630), path.name
        contents.add(data)
    assert len(contents) == len(expected)  # distinct per laureate


def test_a_laureate_card_says_its_title_authority_and_department(catalog) -> None:  # type: ignore[no-untyped-def]
    renac = next(l for l in catalog.laureates if l.slug == "renac")
    card = share_images.laureate_card(renac)
    assert card.uri == "assets/partage/renac.png"
    assert card.eyebrow == "Lauréat 2021 du Fonds MNT"
    assert card.byline == "Renac · Ille-et-Vilaine (35)"
    assert card.highlighted == ("35",)


def test_the_department_is_drawn_in_colour_on_the_map(catalog) -> None:  # type: ignore[no-untyped-def]
    renac = next(l for l in catalog.laureates if l.slug == "renac")
    card = share_images.laureate_card(renac)
    berry = share_images.BERRY

    def berry_pixels(card: ShareCard) -> int:
        with Image.open(io.BytesIO(draw(card))) as image:
            region = image.convert("RGB").crop(share_images.MAP_BOX)
            return sum(1 for pixel in region.get_flattened_data()
                       if all(abs(a - b) < 24 for a, b in zip(pixel, berry)))

    assert berry_pixels(card) > 400  # Ille-et-Vilaine is there, in berry
    nowhere = ShareCard(card.uri, card.eyebrow, card.title, card.byline, ())
    assert berry_pixels(nowhere) == 0


def test_an_image_is_drawn_once_per_content(tmp_path: Path, catalog,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    cards = share_images.share_cards(catalog)
    drawn: list[str] = []
    real_draw = share_images.draw
    monkeypatch.setattr(share_images, "draw", lambda card: drawn.append(card.uri) or real_draw(card))
    first = dict(cached_images(cards, tmp_path))
    assert len(drawn) == len(cards)
    again = dict(cached_images(cards, tmp_path))
    assert again == first and len(drawn) == len(cards)  # nothing redrawn
    changed = ShareCard(cards[1].uri, cards[1].eyebrow, "Un autre titre", cards[1].byline,
                        cards[1].highlighted)
    list(cached_images([changed, *cards[2:]], tmp_path))
    assert drawn[len(cards):] == [cards[1].uri]  # only the changed one
    assert not list(tmp_path.glob("*.tmp"))


def test_a_very_long_title_is_cut_with_an_ellipsis_within_four_lines() -> None:
    font, lines = share_images._fit_title("Un très long titre " * 20)
    assert len(lines) == 4 and lines[-1].endswith("…") and font.size == 42


def test_svg_paths_of_straight_lines_become_rings() -> None:
    assert svg_path_rings("m 10,10 5,0 0,5 z m 20,0 l 1,1 h 2 v 3 z M 0,0 L 1,0 1,1 Z") == [
        [(10, 10), (15, 10), (15, 15)],
        [(30, 10), (31, 11), (33, 11), (33, 14)],
        [(0, 0), (1, 0), (1, 1)],
    ]
    with pytest.raises(ValueError, match="courbe"):
        svg_path_rings("M 0,0 C 1,1 2,2 3,3 Z")
