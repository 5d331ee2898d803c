"""Lighthouse scores of the site, on a phone, for the home page and one laureate.

    make lighthouse                     # or: python scripts/lighthouse.py
    python scripts/lighthouse.py --page laureats/renac/ --page themes/

It builds the site (strict) for a local address, serves it on a free loopback
port under the same path as the published site, and runs Lighthouse with
Debian's Chromium and Lighthouse's default mobile emulation (a mid-range
phone on a slow 4G connection, simulated). It prints the four scores of each
page and exits with 1 when one of them is under the target.

Lighthouse comes from npm, pinned, into .lighthouse/ (git-ignored); the 12.x
line is the last one that runs on Node 20. Nothing is downloaded at run time
besides that package: Lighthouse uses the Chromium of the system.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

LIGHTHOUSE_VERSION = "12.8.2"
ROOT = Path(__file__).resolve().parent.parent
INSTALL_DIR = ROOT / ".lighthouse"
LIGHTHOUSE = INSTALL_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
                "--disable-background-networking --disable-component-update --disable-sync "
                "--no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv", ".map"}


def installed_version() -> str | None:
    package = INSTALL_DIR / "node_modules" / "lighthouse" / "package.json"
    if not package.is_file():
        return None
    version: str = json.loads(package.read_text(encoding="utf-8"))["version"]
    return version


def install_lighthouse() -> None:
    if installed_version() == LIGHTHOUSE_VERSION and LIGHTHOUSE.exists():
        return
    print(f"Installation de Lighthouse {LIGHTHOUSE_VERSION} dans .lighthouse/…", flush=True)
    INSTALL_DIR.mkdir(exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(INSTALL_DIR), "--no-audit", "--no-fund",
                    "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def published_path() -> str:
    """The path of the published site ("/laureats/"), from site_url in mkdocs.yml."""
    class Loader(yaml.SafeLoader):
        pass
    # mkdocs.yml uses !ENV [NAME, default]: the default is the published address.
    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    return urlsplit(os.environ.get("SITE_URL") or config["site_url"]).path or "/"


def build(site: Path, site_url: str) -> None:
    """A strict build whose canonical addresses and sitemap name the local server."""
    env = dict(os.environ, SITE_URL=site_url, NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(ROOT / "hooks"))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                             str(site)], cwd=ROOT, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


def serve(site: Path, port: int, prefix: str) -> http.server.ThreadingHTTPServer:
    """The built site under `prefix` as GitHub Pages serves it: gzip for text, ten
    minutes of cache, 404.html for an unknown address."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            return super().translate_path("/" + urlsplit(path).path[len(prefix):])

        def send_head(self) -> Any:
            path = urlsplit(self.path).path
            if not path.startswith(prefix):
                self.send_error(404)
                return None
            file = Path(self.translate_path(self.path))
            if file.is_dir() and path.endswith("/"):
                file = file / "index.html"
            if (not file.is_file() or file.suffix not in COMPRESSED
                    or "gzip" not in self.headers.get("Accept-Encoding", "")):
                return super().send_head()
            body = gzip.compress(file.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(file)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "max-age=600")
            super().end_headers()

        def send_error(self, code: int, message: str | None = None,
                       explain: str | None = None) -> None:
            if code != 404:
                super().send_error(code, message, explain)
                return
            body = (site / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_lighthouse(url: str, report: Path) -> dict[str, int]:
    """The four scores (0–100) of one page, on an emulated phone."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
               "--locale=fr"]
    subprocess.run(command, check=True, env=dict(os.environ, CHROME_PATH=CHROME))
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def default_laureate(site: Path) -> str:
    laureates = sorted(p.parent.name for p in (site / "laureats").glob("*/index.html"))
    if not laureates:
        sys.exit("Aucune page de lauréat dans le site construit.")
    return f"laureats/{'renac' if 'renac' in laureates else laureates[0]}/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", action="append", default=None,
                        help="page to measure, from the site's root (default: home and a laureate)")
    parser.add_argument("--reports", type=Path, default=None,
                        help="folder where to keep Lighthouse's JSON reports")
    args = parser.parse_args()
    if shutil.which("npm") is None:
        sys.exit("npm est introuvable : installez Node.js 20 (et npm).")
    if not Path(CHROME).is_file():
        sys.exit(f"{CHROME} est introuvable : lancez `make browser`.")
    install_lighthouse()

    port, prefix = free_port(), published_path()
    base = f"http://127.0.0.1:{port}{prefix}"
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        site = Path(scratch) / "site"
        build(site, base)
        server = serve(site, port, prefix)
        reports = args.reports or Path(scratch)
        reports.mkdir(parents=True, exist_ok=True)
        pages = args.page or ["", default_laureate(site)]
        below = []
        print(f"{'page':<32}" + "".join(f"{name:>16}" for name in CATEGORIES))
        try:
            for number, page in enumerate(pages):
                scores = run_lighthouse(base + page, reports / f"lighthouse-{number}.json")
                print(f"{'/' + page:<32}" + "".join(f"{scores[name]:>16}" for name in CATEGORIES),
                      flush=True)
                below += [f"/{page} {name} {score}" for name, score in scores.items()
                          if score < TARGET]
        finally:
            server.shutdown()
    if below:
        print(f"Sous l'objectif de {TARGET} : " + ", ".join(below))
        return 1
    print(f"Toutes les notes atteignent l'objectif de {TARGET}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
