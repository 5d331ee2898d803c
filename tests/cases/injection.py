"""The laureate full of injections, and a real strict build of the project with it: the
unit tests (tests/test_bad_inputs.py) read its pages, the browser tests
(tests/browser/test_injection.py) run them."""

from __future__ import annotations

from pathlib import Path

import yaml

from cases import corpus
from conftest import copy_project, run_mkdocs


def payloads(marker: int, *, short: bool = False) -> str:
    """Script injections that each set `window.__xss` (and open a dialog) if they ran."""
    run = f"window.__xss={marker};alert({marker})"
    found = [f"<script>{run}</script>", f'"><svg onload={run}>', f'{{: onclick="{run}" }}']
    if not short:
        found += [f"<img src=x onerror={run}>", f"[x](javascript:{run})", f"' onmouseover='{run}"]
    return " ".join(found)


PHOTO = 'images/cas"onerror="window.__xss=40.png'  # a real file name, quotes included
# Obfuscated links (`&#106;avascript:`) and images are refused with a message: they are
# corpus cases (recit-lien-javascript-deguise, recit-avec-image).
STORY = """### Un intertitre {: onclick="window.__xss=30" }

Voir [le programme](https://example.org/"onclick="window.__xss=31) et <https://example.org/?a="onclick="window.__xss=32>.

&lt;script&gt;window.__xss=33&lt;/script&gt;
"""


def payload_laureate() -> dict[str, object]:
    """A laureate that passes every rule, with an injection in every free-text field.
    (The commune must be found in the official data, so it cannot carry one: the site
    shows its official name.)"""
    return {
        "commune": "Renac", "department": "35", "year": 2021, "theme": "accueil-des-usagers",
        "title": payloads(1, short=True),
        "summary": payloads(2),
        "story": STORY,
        "support": payloads(3),
        "testimonials": [{
            "quote": payloads(4), "author": payloads(5, short=True),
            "role": payloads(6, short=True),
            "source": 'https://example.org/?a="><script>window.__xss=7</script>',
        }],
        "image": {"src": PHOTO, "alt": payloads(8)},
        "video": {"url": 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t="><script>window.__xss=9</script>',
                  "title": payloads(10, short=True)},
        "links": [{"label": payloads(11, short=True),
                   "url": 'https://example.org/"onmouseover="window.__xss=12'}],
    }


def build_injected_site(project_dir: Path, site_dir: Path) -> Path:
    """A real strict build of the project plus the laureate full of injections."""
    project = copy_project(project_dir)
    photo = project / "projects" / PHOTO
    photo.parent.mkdir(exist_ok=True)
    photo.write_bytes(corpus.photo_bytes({"format": "png"}))
    text = yaml.safe_dump(payload_laureate(), allow_unicode=True, sort_keys=False)
    (project / "projects" / "cas-injection.yml").write_text(text, encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir
