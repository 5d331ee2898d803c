"""The live preview (`make serve`): saving a laureate file rebuilds the site; an invalid
file shows the French report in the terminal and in the browser while the server keeps
running with the valid laureates; fixing the file brings its page back. A preview that
starts on invalid files keeps running too.

Each test starts a real `mkdocs serve --livereload` on a free loopback port, from a
private copy of the project, and always stops it. mkdocs binds its port only after the
first build: another process may take the port meanwhile, so a preview that cannot bind
is started again on another port, and a page is asked only once our server said it serves.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import as_typed, build_env

STARTUP_SECONDS = 90
REBUILD_SECONDS = 60
START_ATTEMPTS = 5
ADDRESS_IN_USE = ("Address already in use", "Errno 98")


def _unused_port() -> int:
    """A port nothing listens on now (it may be taken before mkdocs binds it: see serving)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Preview:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def get(self, path: str) -> tuple[int, str] | None:
        """Status and body of a page, or None while nothing answers."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, what: str, condition: Callable[[], bool], seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"le serveur s'est arrêté :\n{self.output()}"
            if condition():
                return
            time.sleep(0.3)
        pytest.fail(f"au bout de {seconds} s, toujours pas : {what}\n{self.output()[-3000:]}")

    def shows(self, path: str, *texts: str) -> bool:
        page = self.get(path)
        return page is not None and page[0] == 200 and all(text in as_typed(page[1]) for text in texts)

    def missing(self, path: str) -> bool:
        page = self.get(path)
        return page is not None and page[0] == 404


@contextmanager
def serving(project: Path) -> Iterator[Preview]:
    """`mkdocs serve --livereload` in `project`, answering at the root of a free port."""
    for _ in range(START_ATTEMPTS):
        preview = _start(project, _unused_port())
        try:
            if _serves(preview):
                yield preview
                return
        finally:
            _stop(preview.process)
    pytest.fail(f"aucun port libre en {START_ATTEMPTS} essais :\n{preview.output()[-3000:]}")


def _start(project: Path, port: int) -> Preview:
    url = f"http://127.0.0.1:{port}/"
    log = project.parent / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=build_env(SITE_URL=url), stdout=out, stderr=subprocess.STDOUT)
    return Preview(process, url, log)


def _serves(preview: Preview) -> bool:
    """True once our server has bound its port and answers; False when the port was taken
    before it could bind (start again elsewhere); a failure for anything else."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if preview.process.poll() is not None:
            if any(sign in preview.output() for sign in ADDRESS_IN_USE):
                return False
            pytest.fail(f"le serveur s'est arrêté :\n{preview.output()[-3000:]}")
        if f"Serving on {preview.url}" in preview.output() and preview.get("") is not None:
            return True
        time.sleep(0.3)
    pytest.fail(f"au bout de {STARTUP_SECONDS} s, le serveur ne répond pas\n{preview.output()[-3000:]}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


BANNER = "Fichiers des lauréats : "


def test_saving_rebuilds_then_an_invalid_file_is_reported_and_fixing_it_brings_the_page_back(
        project: Path) -> None:
    renac = project / "projects" / "renac.yml"
    original = renac.read_text(encoding="utf-8")
    with serving(project) as preview:
        preview.wait_for("la page de Renac", lambda: preview.shows("laureats/renac/", "Renac"),
                         STARTUP_SECONDS)

        _replace(renac, "\ntitle: Un pôle culturel", "\ntitle: Aperçu modifié, un pôle culturel")
        preview.wait_for("le nouveau titre", lambda: preview.shows(
            "laureats/renac/", "Aperçu modifié, un pôle culturel"), REBUILD_SECONDS)

        _replace(renac, "\nyear: 2021\n", "\nyear: 2019\n")
        preview.wait_for("la page des problèmes", lambda: preview.shows(
            "problemes/", "projects/renac.yml:4:7", "année 2019 impossible"), REBUILD_SECONDS)
        assert preview.shows("", BANNER + "1 problème dans 1 fichier")
        assert preview.shows("laureats/paris/", BANNER)  # the valid laureates are still served
        assert preview.missing("laureats/renac/")
        assert "projects/renac.yml:4:7: year : année 2019 impossible" in preview.output()

        renac.write_text(original, encoding="utf-8")
        preview.wait_for("la page de Renac revenue", lambda: preview.shows("laureats/renac/", "Renac")
                         and preview.missing("problemes/"), REBUILD_SECONDS)
        home = preview.get("")
        assert home is not None and BANNER not in as_typed(home[1])
        assert preview.process.poll() is None
    assert "Traceback" not in preview.output()


def test_a_preview_that_starts_on_an_invalid_file_keeps_running_and_shows_the_problems(
        project: Path) -> None:
    broken = project / "projects" / "cas-apercu.yml"
    broken.write_text("commune: <script>window.__xss=1</script>\ntitle: Renac : un pôle\n",
                      encoding="utf-8")
    with serving(project) as preview:
        preview.wait_for("la page des problèmes", lambda: preview.shows(
            "problemes/", "projects/cas-apercu.yml:2:14", "erreur de syntaxe"), STARTUP_SECONDS)
        assert preview.shows("laureats/renac/", BANNER + "1 problème dans 1 fichier")
        assert preview.process.poll() is None  # and the rebuild below shows it still serves

        broken.write_text("commune: <script>window.__xss=1</script>\ndepartment: \"35\"\n", encoding="utf-8")
        preview.wait_for("le nom de commune signalé, sans être exécuté", lambda: preview.shows(
            "problemes/", "&lt;script&gt;window.__xss=1&lt;/script&gt;"), REBUILD_SECONDS)
        page = preview.get("problemes/")
        assert page is not None and "<script>window.__xss" not in page[1]

        broken.unlink()
        preview.wait_for("plus aucun problème", lambda: preview.missing("problemes/"), REBUILD_SECONDS)
    assert "Traceback" not in preview.output()


def test_a_preview_that_starts_on_a_broken_themes_catalogue_keeps_running(project: Path) -> None:
    themes = project / "projects" / "_themes.yml"
    original = themes.read_text(encoding="utf-8")
    themes.write_text(original + "sport: [\n", encoding="utf-8")
    with serving(project) as preview:
        preview.wait_for("la page des problèmes", lambda: preview.shows(
            "problemes/", "projects/_themes.yml:"), STARTUP_SECONDS)
        assert preview.shows("", BANNER)
        themes.write_text(original, encoding="utf-8")
        preview.wait_for("les lauréats revenus", lambda: preview.shows("laureats/renac/", "Renac")
                         and preview.missing("problemes/"), REBUILD_SECONDS)
    assert "Traceback" not in preview.output()
