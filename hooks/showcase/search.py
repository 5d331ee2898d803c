"""The site's search index: Pagefind over the built pages, from the hook's post-build step.

Pagefind (a Rust binary shipped in the pinned `pagefind-bin` wheel, run as a command)
reads the built HTML and writes `pagefind/`: an index split in fragments that
the browser fetches per query, only once a visitor opens search. What it reads is marked in
the templates: every page's article carries `data-pagefind-body` (overrides/main.html), the
pages that are not laureates with a lower weight so that a laureate that matches as well
comes first; a laureate's facts are filters and metadata (laureate.md.j2), not running text.
`<html lang="fr">` gives French stemming; Pagefind ignores accents in both directions.
Pagefind reads a copy of the pages in which headings weigh as their page and elisions are
cut (see prepare). Its output is then rewritten in three ways: filters sorted (two builds
give the same bytes), the word index cut into smaller chunks (a query fetches less), and
the elisions' apostrophes given back to what results show.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
import re
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import cbor2
from pagefind.service import get_executable

OUTPUT_DIR = "pagefind"
# Text that is not the page's own: the "¶" after each heading, the editors' link, the
# pager's and the related lists' titles of other laureates, the laureates' cards on the
# listing, theme, edition and territory pages (a card's summary and quotation are its
# laureate's words: with them, the Ille-et-Vilaine page outranked Renac for
# "médiathèque"), the video's privacy notice, a testimonial's initials (shown beside the
# author's name, they glued to it: "CLCéline Lepage").
EXCLUDED = (".headerlink", ".showcase-edit", ".laureate-pager", ".laureate-related",
            ".laureate-card", ".video-facade__notice", ".laureate-facts__source", ".md-skip",
            ".testimonial-initials")


# Pagefind weighs a heading by its level whatever its page's weight: on a page that is not
# a laureate, a title such as "Ille-et-Vilaine (35)" outranked the laureate in that
# department. A page's headings get the weight its article has (overrides/main.html says
# which pages weigh less, and how much).
_BODY_WEIGHT = re.compile(r'data-pagefind-body data-pagefind-weight="([\d.]+)"')
_HEADING = re.compile(r"<h([1-6])(?=[\s>])(?![^>]*data-pagefind-weight)")


def weigh_headings(html: str) -> str:
    """The page's headings with its article's search weight, if the article has one."""
    body = _BODY_WEIGHT.search(html)
    if body is None:
        return html  # a laureate: full weight, headings by their level
    return _HEADING.sub(rf'<h\1 data-pagefind-weight="{body[1]}"', html)


# An elided article or pronoun and the word it is glued to: "d’énergie", "l’outillage",
# "qu’il". Pagefind cuts a word in parts at ASCII punctuation only, and the site's
# typography prints the apostrophe ’: "d’énergie" was indexed as "dénergie", and "énergie"
# found nothing. In the copy Pagefind reads, the apostrophe is ASCII, so that the word is
# indexed also on its own; what a result shows gets ’ back (restore_elisions).
_ELIDED_END = re.compile(r"(?:^|[^\w’'])(?i:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)\Z")
_LOOK_BACK = 7  # the longest elided word ("lorsqu") and the character before it
# An apostrophe before a letter; the text before it is then read on its own (a pattern
# that starts with the word scanned the pages ten times slower: 1.4 s at 1,000 laureates).
_APOSTROPHES = {"’": re.compile(r"’(?=\w)"), "'": re.compile(r"'(?=\w)")}


def _after_elision(text: str, at: int) -> bool:
    return _ELIDED_END.search(text, max(0, at - _LOOK_BACK), at) is not None


def _swap_elisions(text: str, apostrophe: str, by: str) -> str:
    """`text` with the apostrophe of each elision written `apostrophe` replaced by `by`."""
    return _APOSTROPHES[apostrophe].sub(
        lambda found: by if _after_elision(text, found.start()) else apostrophe, text)


def count_elisions(text: str, apostrophe: str = "’") -> int:
    """How many elisions of `text` are written with `apostrophe`."""
    return sum(_after_elision(text, found.start())
               for found in _APOSTROPHES[apostrophe].finditer(text))


def cut_elisions(html: str) -> str:
    """The page with each elision's apostrophe made ASCII, for Pagefind to cut the word."""
    return _swap_elisions(html, "’", "'")


def indexed_part(html: str) -> str:
    """What Pagefind reads of a page: its language (the document's start, up to `<head>`)
    and its article (`data-pagefind-body`), which holds everything indexed, its filters
    and its metadata. The menus, header and footer around it were more than half of each
    page for Pagefind to parse, and it ignored them."""
    body = html.index("data-pagefind-body")
    start, end = html.rindex("<article", 0, body), html.rindex("</article>") + len("</article>")
    head = html.index("<head>") + len("<head>")
    return f'{html[:head]}<meta charset="utf-8"></head><body>{html[start:end]}</body></html>'


def prepare(html: str) -> str:
    """A built page as Pagefind is to read it."""
    return cut_elisions(weigh_headings(indexed_part(html)))


def _write_pagefind_bundle(site_dir: Path) -> None:
    """Each built page as visitors get it, but as `prepare` gives it (in a copy that
    Pagefind reads, so that the published HTML is left as it is), indexed into
    site_dir / OUTPUT_DIR. A folder read by Pagefind itself: page by page was 20 times
    slower. Its command rather than its Python API: in 1.5.2 the API's service answers
    that the files are written while the last ones may not be yet, and closing it then
    cut one short (pagefind-entry.json was found empty once, on a busy machine); the
    command writes them all before it exits."""
    with tempfile.TemporaryDirectory() as scratch:
        pages = Path(scratch) / "pages"
        for path in sorted(site_dir.rglob("*.html")):
            relative = path.relative_to(site_dir).as_posix()
            if relative.startswith(f"{OUTPUT_DIR}/"):
                continue
            html = path.read_text(encoding="utf-8")
            if "data-pagefind-body" not in html:
                continue  # the 404 page, the editors' form
            target = pages / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(prepare(html), encoding="utf-8")
        config = {"site": "pages", "output_path": str(site_dir / OUTPUT_DIR),
                  "exclude_selectors": list(EXCLUDED), "force_language": "fr"}
        (Path(scratch) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        indexing = subprocess.run([str(_pagefind()), "--silent"], cwd=scratch,
                                  capture_output=True, text=True, check=False)
        if indexing.returncode != 0 or not (site_dir / OUTPUT_DIR / "pagefind-entry.json").is_file():
            raise RuntimeError(f"Pagefind n'a pas pu indexer le site (code {indexing.returncode}) :\n"
                               f"{indexing.stdout}{indexing.stderr}")


def _pagefind() -> Path:
    """The Pagefind binary of the pinned pagefind-bin wheel."""
    binary = get_executable()
    if binary is None:
        raise RuntimeError("Pagefind est introuvable : lancez make build, qui installe "
                           "les dépendances de requirements.txt")
    return binary


def write_index(site_dir: Path) -> None:
    """Index the built site in place."""
    site_dir = Path(site_dir).resolve()
    _write_pagefind_bundle(site_dir)
    bundle = site_dir / OUTPUT_DIR
    for language, meta in _languages(bundle):  # its metadata read and written once
        sort_filters(bundle, language, meta)
        split_index(bundle, language, meta)
    restore_elisions(bundle)


# Pagefind's files: gzip of this signature followed by CBOR (or JSON for fragments).
_SIGNATURE = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    return cbor2.loads(data[len(_SIGNATURE):])


def _write(folder: Path, prefix: str, value: Any, digits: int, suffix: str) -> str:
    """Write `value` under a name made from its content, as Pagefind names its files."""
    return _write_encoded(folder, prefix, cbor2.dumps(value), digits, suffix)


def _write_encoded(folder: Path, prefix: str, encoded: bytes, digits: int, suffix: str) -> str:
    data = _SIGNATURE + encoded
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return name


def _languages(bundle: Path) -> Iterator[tuple[str, Any]]:
    """Each language's name and metadata (pagefind.<language>_<hash>.pf_meta); the file is
    written again, under its new name, with what the caller changed in it."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        yield language, meta
        meta_path.unlink()
        info["hash"] = _write(bundle, f"pagefind.{language}_", meta, 10, ".pf_meta") \
            .removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def sort_filters(bundle: Path, language: str, meta: Any) -> None:
    """Put each filter's values in order, so that two builds give the same bytes.

    Pagefind 1.5.2 writes them in the order of a Rust hash map, which changes from one run
    to the next (and the file names with them, since they are hashes of the content).
    The filter files are rewritten sorted, the filters listed by name, and the language's
    metadata file (`meta`, which _languages writes again) and the entry point that name
    them follow."""
    filters: list[list[str]] = meta[3]
    for pair in filters:
        filter_path = bundle / "filter" / f"{pair[1]}.pf_filter"
        name, values = _read(filter_path)
        filter_path.unlink()
        pair[1] = _write(bundle / "filter", f"{language}_", [name, sorted(values)], 7,
                         ".pf_filter")
    filters.sort()  # the filters themselves come in hash-map order too


def restore_elisions(bundle: Path) -> None:
    """Give the elisions that cut_elisions made ASCII their apostrophe ’ back in the page
    fragments, which hold what a result shows (title, authority, excerpt). A fragment keeps
    its name: Pagefind named it from the page it read, which changes when the page does."""
    for path in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        if b"'" not in data:
            continue
        fragment = json.loads(data[len(_SIGNATURE):])
        restored = _restored(fragment)
        if restored != fragment:
            encoded = json.dumps(restored, ensure_ascii=False, separators=(",", ":"))
            path.write_bytes(gzip.compress(_SIGNATURE + encoded.encode("utf-8"), mtime=0))


def _restored(value: Any) -> Any:
    if isinstance(value, str):
        return _swap_elisions(value, "'", "’")
    if isinstance(value, list):
        return [_restored(item) for item in value]
    if isinstance(value, dict):
        return {key: _restored(item) for key, item in value.items()}
    return value


# Pagefind 1.5.2 cuts its word index, in alphabetical order, into chunks of about 20,000
# word positions, and a query fetches, for each of its words, the chunk that holds it:
# at 1,000 laureates, about 40 KB gzip a word, most of it other words. Cut into smaller
# chunks, a word costs about its own positions. A word and the words it begins (four
# letters or more: "outil", "outillage") stay in one chunk, since a query fetches one
# chunk a word and finds there the longer words that begin with it.
CHUNK_POSITIONS = 1500
KEPT_PREFIX = 4


def _positions(word: list[Any]) -> int:
    """Pagefind's measure of a word's weight in a chunk: its pages and positions, for the
    word as indexed (accents removed) and for each of its spellings with accents."""
    pages = word[1] + [page for variant in word[2] for page in variant[1]]
    return sum(len(page[1]) + 1 for page in pages)


def cut_chunks(words: list[IndexedWord], limit: int = CHUNK_POSITIONS) -> list[list[IndexedWord]]:
    """The words, in order, in chunks of about `limit` positions (a word heavier than that
    makes its own chunk), never cut before a word that one of its chunk's words begins."""
    chunks: list[list[IndexedWord]] = []
    chunk: list[IndexedWord] = []
    names: set[str] = set()  # the chunk's words
    size = 0
    for word in words:
        name = word.name
        joined = any(name[:length] in names for length in range(KEPT_PREFIX, len(name)))
        if chunk and size >= limit and not joined:
            chunks.append(chunk)
            chunk, names, size = [], set(), 0
        chunk.append(word)
        names.add(name)
        size += word.positions
    if chunk:
        chunks.append(chunk)
    return chunks


def _start(previous: str, first: str) -> str:
    """How a chunk's first word is named in the metadata: its shortest prefix that sorts
    after the previous chunk's last word, as Pagefind names it (a word typed in part, such
    as "compé", then finds the chunk of "compétence")."""
    common = next((i for i, (a, b) in enumerate(zip(previous, first)) if a != b),
                  min(len(previous), len(first)))
    return first[:common + 1]


class IndexedWord(NamedTuple):
    """A word of Pagefind's index, as the re-cut needs it: its name, its weight in
    positions, and its CBOR bytes, written again as they are (encoding them again took
    most of the re-cut's time). Its pages and positions are not kept decoded: at 1,000
    laureates, they were the build's last tens of megabytes of memory."""

    name: str
    positions: int  # _positions of the word
    encoded: bytes


def _indexed_words(path: Path) -> list[IndexedWord]:
    """The words of an index chunk file: a CBOR array holding the array of its words."""
    data = gzip.decompress(path.read_bytes())[len(_SIGNATURE):]
    if data[:1] != _ONE_ITEM:
        raise ValueError(f"{path}: not a Pagefind index chunk")
    count, start = _array_length(data, 1)
    stream = io.BytesIO(data)
    stream.seek(start)
    decoder = cbor2.CBORDecoder(stream)
    words = []
    for _ in range(count):
        value = decoder.decode()
        words.append(IndexedWord(str(value[0]), _positions(value), data[start:stream.tell()]))
        start = stream.tell()
    return words


_ONE_ITEM = b"\x81"  # a CBOR array of one item


def _array_length(data: bytes, offset: int) -> tuple[int, int]:
    """The length of the CBOR array whose header starts at `offset`, and where its items
    start."""
    initial = data[offset]
    if initial >> 5 != 4 or initial & 0x1F > 27:
        raise ValueError("not a CBOR array of known length")
    if initial & 0x1F < 24:
        return initial & 0x1F, offset + 1
    size = 1 << ((initial & 0x1F) - 24)
    return int.from_bytes(data[offset + 1:offset + 1 + size], "big"), offset + 1 + size


def _encoded_chunk(words: list[IndexedWord]) -> bytes:
    """What cbor2.dumps([[word…]]) gives, from the words' own bytes."""
    return _ONE_ITEM + _array_header(len(words)) + \
        b"".join(word.encoded for word in words)


def _array_header(length: int) -> bytes:
    if length < 24:
        return bytes([0x80 | length])
    size = next(size for size in (1, 2, 4, 8) if length < 1 << (8 * size))
    return bytes([0x98 + size.bit_length() - 1]) + length.to_bytes(size, "big")


def split_index(bundle: Path, language: str, meta: Any, limit: int = CHUNK_POSITIONS) -> None:
    """Rewrite the language's word index in chunks of about `limit` positions (its
    metadata, `meta`, names them; _languages writes it again)."""
    words: list[IndexedWord] = []
    for _, _, name in meta[2]:
        path = bundle / "index" / f"{name}.pf_index"
        words += _indexed_words(path)
        path.unlink()
    chunks = cut_chunks(sorted(words, key=lambda word: word.name), limit)
    # A chunk's last word is named in full: Pagefind shortens it too ("communiqué"
    # was named "comm"), which leaves that word outside its own chunk by the rule a
    # query finds a word's chunk with (the word sorts between the chunk's two names).
    ranges = [[chunk[0].name, chunk[-1].name] for chunk in chunks]
    for before, after in itertools.pairwise(ranges):
        after[0] = _start(before[1], after[0])
    names = [_write_encoded(bundle / "index", f"{language}_", _encoded_chunk(chunk), 7,
                            ".pf_index") for chunk in chunks]
    if len(set(names)) != len(names):
        raise RuntimeError(f"two index chunks of {bundle} have the same name")
    meta[2] = [[*bounds, name] for bounds, name in zip(ranges, names)]
