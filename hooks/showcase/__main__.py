"""Command line: `python -m showcase check | render DIR | new SLUG | schema`."""

from __future__ import annotations

import sys

from .cli import main

sys.exit(main())
