"""The corpus of laureate files, one case per YAML document in `invalid/` and `valid/`.

An invalid case reads as documentation of one mistake a communications-team editor can
make and of the exact report they get:

    description: what the mistake is, in French
    file: the file name in projects/ (it may itself be the mistake)
    input: |            the text of that file
    encoding: latin-1   optional: how the text is saved (UTF-8 otherwise)
    extra:              optional: other laureate files written beside it, name → text
    binary:             optional: files such as photos, name → {format, width, height, size}
    exit: 1             the exit code of `python -m showcase check`
    problems:           every problem, in the order they are printed
      - at: projects/<file>:<line>:<column>
        message: "<field> : <message>"
        hint: the "→ …" line ({next_year} stands for next year)
    summary: the French summary line

A valid case has `input` (and `bom: true` for a file saved with a byte order mark) and
`expect`: fields of the loaded record, by path (`testimonials[1].quote`, `video.embed`),
with the value they must have once read.
"""

from __future__ import annotations

import io
import re
import struct
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

HERE = Path(__file__).parent
BOM = b"\xef\xbb\xbf"
# Files a case may need that are not real photos.
_FAKES = {"html": b"<html><script>alert(1)</script></html>",
          "png-then-html": b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"}


def photo_bytes(spec: dict[str, Any]) -> bytes:
    """A real image (`format`: jpeg, png, webp; `width` × `height`, 8 × 6 by default),
    padded with zeros after its end to `size` bytes if given; or a fake (`html`,
    `png-then-html`); or `png-bomb`: a valid PNG header of `width` × `height` whose
    pixels compress to almost nothing."""
    kind, width, height = spec["format"], spec.get("width", 8), spec.get("height", 6)
    if kind in _FAKES:
        data = _FAKES[kind]
    elif kind == "png-bomb":
        data = _png_bomb(width, height)
    else:
        output = io.BytesIO()
        Image.new("RGB", (width, height), (200, 120, 40)).save(output, kind.upper())
        data = output.getvalue()
    return data + b"\0" * (spec.get("size", 0) - len(data))


def _png_bomb(width: int, height: int) -> bytes:
    compressor = zlib.compressobj(9)
    row = b"\0" * (width + 1)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    file: str
    content: bytes
    extra: dict[str, str] = field(default_factory=dict)
    binary: dict[str, dict[str, Any]] = field(default_factory=dict)
    exit: int = 0
    problems: tuple[dict[str, str], ...] = ()
    summary: str = ""
    expect: dict[str, Any] = field(default_factory=dict)

    def write(self, projects: Path) -> None:
        """Writes the case's files into a `projects/` folder."""
        (projects / self.file).parent.mkdir(parents=True, exist_ok=True)
        (projects / self.file).write_bytes(self.content)
        for name, text in self.extra.items():
            (projects / name).parent.mkdir(parents=True, exist_ok=True)
            (projects / name).write_text(text, encoding="utf-8")
        for name, spec in self.binary.items():
            path = projects / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(photo_bytes(spec))

    def report_lines(self) -> list[str]:
        """The lines `check` prints for this case's problems, hints included (no summary)."""
        lines = []
        for problem in self.problems:
            lines.append(f"{problem['at']}: {problem['message']}")
            if "hint" in problem:
                lines.append("    → " + problem["hint"].format(next_year=date.today().year + 1))
        return lines

    @property
    def files_with_problems(self) -> set[str]:
        return {problem["at"].rsplit(":", 2)[0] for problem in self.problems}


def load(kind: str) -> list[Case]:
    """Every case of `invalid/` or `valid/`, in name order."""
    return [_case(path) for path in sorted((HERE / kind).glob("*.yml"))]


def _case(path: Path) -> Case:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    content = doc["input"].encode(doc.get("encoding", "utf-8"))
    return Case(
        name=path.stem, description=doc["description"], file=doc["file"],
        content=(BOM + content) if doc.get("bom") else content,
        extra=doc.get("extra", {}), binary=doc.get("binary", {}), exit=doc.get("exit", 0),
        problems=tuple(doc.get("problems", ())), summary=doc.get("summary", ""),
        expect=doc.get("expect", {}),
    )


def value_at(record: Any, path: str) -> Any:
    """`testimonials[1].quote` of a loaded record (items counted from 1, as in the report)."""
    value = record
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        value = getattr(value, name) if name else value[int(index) - 1]
    return value
