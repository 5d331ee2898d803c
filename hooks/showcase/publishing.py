"""What the published site needs beyond the pages: the CNAME file of a custom domain.

`site_url` (the SITE_URL variable of the publish workflow) is the one place that
says where the site lives. A custom domain there gets a CNAME file in site/ naming
the host; the default GitHub Pages address gets none, and a CNAME left by an
earlier build with another site_url is removed so that it cannot point elsewhere.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

CNAME_FILE = "CNAME"

# Hosts that never take a CNAME: GitHub serves *.github.io itself, and a local
# preview address means no domain was chosen.
_GITHUB_PAGES_SUFFIX = ".github.io"
_LOCAL_HOSTS = ("localhost",)


def cname_for(site_url: str) -> str | None:
    """The host name a CNAME file must hold for `site_url`, or None when it needs none."""
    url = (site_url or "").strip()
    if not url:
        return None
    if "//" not in url:  # "laureats.example.fr/" is a host, not a path
        url = f"//{url}"
    host = (urlsplit(url).hostname or "").rstrip(".")
    if not host or host == _GITHUB_PAGES_SUFFIX[1:] or host.endswith(_GITHUB_PAGES_SUFFIX):
        return None
    if host in _LOCAL_HOSTS or host.endswith(".localhost") or _is_ip_address(host):
        return None
    return host.encode("idna").decode("ascii")  # CNAME files hold the ASCII form


def write_cname(site_dir: Path, site_url: str) -> None:
    """Write site_dir/CNAME for a custom domain; remove a stale one otherwise."""
    path = Path(site_dir) / CNAME_FILE
    host = cname_for(site_url)
    if host is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(f"{host}\n", encoding="ascii")


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
