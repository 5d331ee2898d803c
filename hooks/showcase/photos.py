"""Laureate photos: decoded to be checked, re-encoded to be published.

A file's first bytes prove nothing (a PNG signature followed by HTML passed), and a
389 KB PNG can hold 20,000 × 20,000 pixels (a decompression bomb: 1.6 GB once decoded).
So every photo is decoded by Pillow with its bomb limit turned into an error, its real
format and dimensions are checked, and what is published is a new JPEG at a few widths,
without the camera's metadata (GPS position, device) and with URL-safe names taken from
the laureate's slug rather than from the file name.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_BYTES = 2_000_000
MAX_SIDE = 6000
FORMATS = ("JPEG", "PNG", "WEBP", "AVIF")
# The page shows the photo at most about 800 CSS pixels wide: twice that for sharp screens.
WIDTHS = (800, 1600)
JPEG_QUALITY = 82
PUBLISHED_DIR = "photos"


@dataclass(frozen=True)
class PhotoVersion:
    uri: str  # relative to the site's root: photos/renac-800.jpg
    width: int
    height: int


def photo_problem(file: Path, shown: str) -> tuple[str, str] | None:
    """Why `file` cannot be published (message, hint), or None. Decodes the whole image."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return (f"photo trop lourde : {size / 1_000_000:.1f} Mo ({MAX_BYTES // 1_000_000} Mo au plus)",
                "réduisez la photo (par exemple 1600 pixels de large) avant de l'ajouter")
    try:
        with _opened(file) as image:
            if max(image.size) > MAX_SIDE:
                return _too_large(f"{image.width} × {image.height} pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _too_large(f"plus de {MAX_SIDE * MAX_SIDE // 1_000_000} millions de pixels")
    except UnidentifiedImageError:
        return (f"{shown} n'est pas une photo JPEG, PNG, WebP ou AVIF",
                "exportez-la dans l'un de ces formats depuis un logiciel d'images")
    except (OSError, SyntaxError, ValueError, EOFError):
        return (f"{shown} est une photo abîmée : elle ne peut pas être lue en entier",
                "exportez-la de nouveau depuis un logiciel d'images")
    return None


def _too_large(what: str) -> tuple[str, str]:
    return (f"photo trop grande : {what} ({MAX_SIDE} pixels de côté au plus)",
            "réduisez la photo (par exemple 1600 pixels de large) avant de l'ajouter")


@contextmanager
def _opened(file: Path) -> Iterator[Image.Image]:
    """`Image.open` limited to our formats, with the decompression-bomb warning raised
    as an error (Pillow only warns between its limit and twice its limit)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, MAX_SIDE * MAX_SIDE
        try:
            image = Image.open(file, formats=FORMATS)
        finally:
            Image.MAX_IMAGE_PIXELS = limit
        with image:
            yield image


def photo_versions(file: Path, slug: str) -> list[PhotoVersion]:
    """The published versions of a checked photo: each width of WIDTHS narrower than the
    photo, and the photo's own width when it is narrower than the largest."""
    with _opened(file) as image:
        width, height = ImageOps.exif_transpose(image).size if _rotated(image) else image.size
    widths = sorted({min(width, target) for target in WIDTHS})
    return [PhotoVersion(f"{PUBLISHED_DIR}/{slug}-{w}.jpg", w, max(1, round(height * w / width)))
            for w in widths]


def encoded(file: Path, version: PhotoVersion) -> bytes:
    """The JPEG of `version`: upright, in sRGB, without metadata."""
    with _opened(file) as image:
        picture = ImageOps.exif_transpose(image)
        picture = _in_srgb(picture)
        if picture.mode in ("RGBA", "LA") or "transparency" in picture.info:
            rgba = picture.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            picture = flat
        picture = picture.convert("RGB").resize((version.width, version.height), Image.Resampling.LANCZOS)
        output = io.BytesIO()
        picture.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        return output.getvalue()


def _rotated(image: Image.Image) -> bool:
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # orientations that swap the sides


def _in_srgb(image: Image.Image) -> Image.Image:
    """Colours kept when the camera's profile is dropped (Adobe RGB, Display P3)."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                              outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted if converted is not None else image
