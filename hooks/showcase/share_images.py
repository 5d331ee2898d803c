"""Share images: the picture a messaging app or a social network shows with a link.

One 1200×630 PNG per laureate (its title, its authority, its department highlighted on
the map of France already shipped for the territory pages) and one for the rest of the
site (every laureate's department highlighted). Drawn at build time with Pillow and the
bundled Inter font (data/fonts, SIL Open Font License beside it): no network.

Drawing takes tens of milliseconds, so every image is cached by content: its file name
in the cache is the hash of everything drawn on it (and of DRAWING_VERSION, to bump
whenever the drawing code changes). A rebuild draws only what changed.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL import __version__ as PILLOW_VERSION

from .catalog import Catalog, Laureate
from .territories import department_map
from .typography import typeset_text

DRAWING_VERSION = "1"
WIDTH, HEIGHT = 1200, 630
FOLDER = "assets/partage"  # published under the site root
SITE_IMAGE = f"{FOLDER}/fonds-mnt.png"
FONTS = Path(__file__).parent / "data" / "fonts"
SITE_NAME = "Lauréats du Fonds MNT"

# The site's palette (docs/assets/stylesheets/showcase.css).
NAVY = (20, 58, 102)
BERRY = (140, 28, 75)
INK = (33, 37, 43)
MUTED = (74, 79, 87)
LAND = (222, 229, 238)
PAPER = (255, 255, 255)
WASH = (244, 246, 249)


@dataclass(frozen=True)
class ShareCard:
    """What one image shows; equal cards make the same image (the cache key)."""

    uri: str  # where the image is published, relative to the site root
    eyebrow: str  # "Lauréat 2021 du Fonds MNT"
    title: str
    byline: str  # "Renac · Ille-et-Vilaine (35)"
    highlighted: tuple[str, ...]  # department codes drawn in colour on the map

    @property
    def alt(self) -> str:
        """The image's text alternative (og:image:alt)."""
        return f"{self.eyebrow} : {self.title}. {self.byline}."

    def cache_key(self) -> str:
        content = "\n".join([DRAWING_VERSION, PILLOW_VERSION, *map(str, astuple(self))])
        return hashlib.sha256(content.encode("utf-8")).hexdigest()[:24]


def laureate_image_uri(laureate: Laureate) -> str:
    return f"{FOLDER}/{laureate.slug}.png"


def laureate_card(laureate: Laureate) -> ShareCard:
    record, department = laureate.record, laureate.department
    year = f" {record.year}" if isinstance(record.year, int) else ""
    return ShareCard(
        uri=laureate_image_uri(laureate),
        eyebrow=f"Lauréat{year} du Fonds MNT",
        title=" ".join(record.title.split()),
        byline=f"{laureate.territory.name} · {department.name} ({department.code})",
        highlighted=(department.code,),
    )


def site_card(catalog: Catalog) -> ShareCard:
    codes = sorted({laureate.department.code for laureate in catalog.laureates})
    count = len(catalog.laureates)
    return ShareCard(
        uri=SITE_IMAGE,
        eyebrow="Fonds MNT",
        title="Des collectivités repensent l'accueil des usagers et le travail des agents",
        byline=f"{count} lauréat{'s' if count > 1 else ''} accompagné{'s' if count > 1 else ''}"
               " par le Fonds MNT",
        highlighted=tuple(codes),
    )


def share_cards(catalog: Catalog) -> list[ShareCard]:
    return [site_card(catalog), *(laureate_card(laureate) for laureate in catalog.laureates)]


def cached_images(cards: Iterable[ShareCard], cache: Path) -> Iterator[tuple[ShareCard, Path]]:
    """Each card with its image file in `cache`, drawn only when no file has its content."""
    cache.mkdir(parents=True, exist_ok=True)
    for card in cards:
        path = cache / f"{card.cache_key()}.png"
        if not path.exists():
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(draw(card))
            temporary.replace(path)  # atomic: a build stopped midway leaves no half image
        yield card, path


# --------------------------------------------------------------------------
# Drawing

MARGIN = 72
TEXT_WIDTH = 650
MAP_BOX = (770, 70, 1150, 500)  # left, top, right, bottom
BAND = 86  # the navy band at the bottom, with the wordmark


def draw(card: ShareCard) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    image.paste(WASH, (MAP_BOX[0] - 50, 0, WIDTH, HEIGHT - BAND))
    image.paste(_map_layer(card.highlighted), (MAP_BOX[0], MAP_BOX[1]))
    canvas = ImageDraw.Draw(image)
    y = MARGIN
    canvas.text((MARGIN, y), card.eyebrow.upper(), font=_font("Bold", 26), fill=BERRY)
    y += 58
    title_font, lines = _fit_title(typeset_text(card.title))
    for line in lines:
        canvas.text((MARGIN, y), line, font=title_font, fill=NAVY)
        y += int(title_font.size * 1.18)
    y += 16
    canvas.rectangle((MARGIN, y, MARGIN + 64, y + 6), fill=BERRY)
    y += 26
    # The authority in bold, its department under it: no "·" left alone at a line's end.
    authority, _, place = typeset_text(card.byline).partition(" · ")
    for text, font, colour in ((authority, _font("Bold", 30), INK),
                               (place, _font("Regular", 30), MUTED)):
        if text:
            canvas.text((MARGIN, y), _wrap(text, font, TEXT_WIDTH)[0], font=font, fill=colour)
            y += 42
    canvas.rectangle((0, HEIGHT - BAND, WIDTH, HEIGHT), fill=NAVY)
    _wordmark(canvas, MARGIN, HEIGHT - BAND + 24)
    output = io.BytesIO()
    # Flat colours: a fast 96-colour palette keeps the file near 40 KB in a few milliseconds.
    image.quantize(colors=96, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        output, "PNG")
    return output.getvalue()


def _wordmark(canvas: ImageDraw.ImageDraw, x: int, y: int) -> None:
    """The site's wordmark: "Lauréats" in bold, "du Fonds MNT" after it, a berry square first."""
    canvas.rectangle((x, y + 6, x + 26, y + 32), fill=BERRY)
    bold, regular = _font("Bold", 34), _font("Regular", 34)
    x += 42
    canvas.text((x, y - 2), "Lauréats", font=bold, fill=PAPER)
    x += int(canvas.textlength("Lauréats ", font=bold))
    canvas.text((x, y - 2), "du Fonds MNT", font=regular, fill=PAPER)


def _fit_title(title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest title size at which the title holds on four lines (cut with … beyond)."""
    for size in (60, 54, 48, 42):
        font = _font("Bold", size)
        lines = _wrap(title, font, TEXT_WIDTH)
        if len(lines) <= 4:
            return font, lines
    lines = _wrap(title, font, TEXT_WIDTH)[:4]
    lines[-1] = lines[-1].rstrip(" ,;:.") + "…"
    return font, lines


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines of at most `width` pixels, broken at ordinary spaces only (never at a no-break one)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


_FONT_CACHE: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def _font(style: str, size: int) -> ImageFont.FreeTypeFont:
    # Fonts are files of the package: caching them across builds is safe.
    key = (style, size)
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(str(FONTS / f"Inter-{style}.otf"), size)
    return _FONT_CACHE[key]


SUPERSAMPLING = 3  # Pillow's polygons have no anti-aliasing: draw larger, then reduce
_BASE_MAP: dict[str, Image.Image] = {}  # drawn from package data only: safe across builds


def _map_layer(highlighted: tuple[str, ...]) -> Image.Image:
    """The map of France, the `highlighted` departments in berry, the others in light blue."""
    france = department_map()
    box_width, box_height = MAP_BOX[2] - MAP_BOX[0], MAP_BOX[3] - MAP_BOX[1]
    if "map" not in _BASE_MAP:
        every = [shape.code for shape in france.shapes]
        _BASE_MAP["map"] = _mask(every, outline=True).resize(
            (box_width, box_height), Image.Resampling.LANCZOS)
    land = Image.new("RGB", (box_width, box_height), WASH)
    land.paste(LAND, mask=_BASE_MAP["map"])
    colour = _mask(list(highlighted), outline=False).resize(
        (box_width, box_height), Image.Resampling.BOX)
    land.paste(BERRY, mask=colour)
    return land


def _mask(codes: list[str], *, outline: bool) -> Image.Image:
    """A supersampled mask of the departments `codes` (white lines between them if `outline`)."""
    france = department_map()
    _, _, view_width, view_height = (float(v) for v in france.view_box.split())
    box_width, box_height = MAP_BOX[2] - MAP_BOX[0], MAP_BOX[3] - MAP_BOX[1]
    scale = min(box_width / view_width, box_height / view_height) * SUPERSAMPLING
    mask = Image.new("L", (box_width * SUPERSAMPLING, box_height * SUPERSAMPLING), 0)
    canvas = ImageDraw.Draw(mask)
    wanted = set(codes)
    for shape in france.shapes:
        if shape.code not in wanted:
            continue
        for ring in svg_path_rings(shape.path):
            points = [(x * scale, y * scale) for x, y in ring]
            if len(points) >= 3:
                canvas.polygon(points, fill=255, outline=0 if outline else 255,
                               width=SUPERSAMPLING)
    return mask


_PATH_TOKEN = re.compile(r"[MmLlHhVvZz]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")


def svg_path_rings(path: str) -> list[list[tuple[float, float]]]:
    """The closed rings of an SVG path made of straight lines (M, L, H, V, Z, absolute or
    relative), as the map file has them; a curve command is an error, not a silent gap."""
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = start_x = start_y = 0.0
    command = ""
    numbers: list[float] = []

    def flush() -> None:
        nonlocal x, y, start_x, start_y, ring, command
        arity = 1 if command in "HhVv" else 2
        for i in range(0, len(numbers) - arity + 1, arity):
            relative = command.islower()
            if command in "Hh":
                x = x + numbers[i] if relative else numbers[i]
            elif command in "Vv":
                y = y + numbers[i] if relative else numbers[i]
            else:
                dx, dy = numbers[i], numbers[i + 1]
                x, y = (x + dx, y + dy) if relative else (dx, dy)
            if command in "Mm" and i == 0:
                if ring:
                    rings.append(ring)
                ring, start_x, start_y = [(x, y)], x, y
            else:
                ring.append((x, y))
        if command in "Mm":
            command = "l" if command == "m" else "L"  # further pairs are lines
        numbers.clear()

    for token in _PATH_TOKEN.findall(path):
        if token[0].isalpha():
            flush()
            if token in "Zz":
                if ring:
                    rings.append(ring)
                ring, x, y = [], start_x, start_y
                command = ""
            else:
                command = token
        else:
            if not command:
                raise ValueError(f"Chemin SVG : nombre sans commande dans {path[:40]!r}")
            numbers.append(float(token))
    flush()
    if ring:
        rings.append(ring)
    if re.search(r"[CcSsQqTtAa]", path):
        raise ValueError(f"Chemin SVG : courbe non prise en charge dans {path[:40]!r}")
    return rings
