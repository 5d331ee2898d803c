"""Specification of reproducible builds: one commit, one site, byte for byte.

What a build would otherwise take from the clock is the date: the sitemap's
<lastmod> of every page and the mtime in the header of sitemap.xml.gz. MkDocs
takes both from SOURCE_DATE_EPOCH when it is set, and `make build` and the
workflows set it to the date of the last commit. Nothing else may vary: not the
output folder (the two builds below go to different folders), not Python's
per-process hash seed (the two builds get different seeds, so that output
depending on the order of a set shows up here rather than by chance).
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import struct
from pathlib import Path

import pytest

from conftest import ROOT, run_mkdocs

EPOCH = 1_700_000_000  # 2023-11-14 22:13:20 UTC
EPOCH_DAY = "2023-11-14"


def build(site: Path, hash_seed: str) -> Path:
    result = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(site),
                        SOURCE_DATE_EPOCH=str(EPOCH), PYTHONHASHSEED=hash_seed)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same commit built twice, one build after the other."""
    return (build(tmp_path_factory.mktemp("first") / "site", hash_seed="1"),
            build(tmp_path_factory.mktemp("second") / "site", hash_seed="2"))


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes()
            for path in sorted(site.rglob("*")) if path.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"from byte {at}: {a[at:at + 60]!r} versus {b[at:at + 60]!r}"


def test_two_builds_of_the_same_commit_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (files(site) for site in two_builds)
    assert first, "the build wrote no file"
    only_first, only_second = sorted(first.keys() - second.keys()), sorted(second.keys() - first.keys())
    differing = [f"{name}: {first_difference(first[name], second[name])}"
                 for name in sorted(first.keys() & second.keys()) if first[name] != second[name]]
    assert not (only_first or only_second or differing), "\n".join(
        [f"only in the first build: {only_first}", f"only in the second build: {only_second}",
         "different:", *differing])


def test_sitemap_dates_are_the_day_of_source_date_epoch(two_builds: tuple[Path, Path]) -> None:
    sitemap = (two_builds[0] / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)
    assert dates, "the sitemap lists no date"
    assert set(dates) == {EPOCH_DAY}


def test_compressed_sitemap_has_the_same_content_and_a_fixed_timestamp(
        two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0]
    compressed = (site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(compressed) == (site / "sitemap.xml").read_bytes()
    (mtime,) = struct.unpack("<I", compressed[4:8])  # gzip header: MTIME, little-endian
    midnight = dt.datetime.fromisoformat(EPOCH_DAY).replace(tzinfo=dt.UTC)
    assert mtime == int(midnight.timestamp()), "the header takes the sitemap's date, not the clock"


def test_make_build_takes_the_date_of_the_last_commit() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", makefile, flags=re.MULTILINE)
    assert recipe is not None, "no build target in the Makefile"
    commands = recipe.group(1)
    assert "git log -1 --format=%ct" in commands, commands
    assert "export SOURCE_DATE_EPOCH" in commands, commands
    assert "${SOURCE_DATE_EPOCH:-" in commands, "a date given by the caller wins"
    assert re.search(r"mkdocs build --strict\s*$", commands), "strict, never -q"
