"""Section permalinks named by their section (RGAA 6.1).

Python-Markdown's `toc` extension ends every heading with a "¶" link to itself, all with the
same text and title: a screen reader's list of links then offers a dozen "¶" that lead to a
dozen places. Each one gets an accessible name that says which section it points to.
"""

from __future__ import annotations

import html as html_lib
import re

_PERMALINK = re.compile(
    r"(?P<open><h(?P<level>[1-6])\b[^>]*>)(?P<content>(?:(?!</h[1-6]>).)*?)"
    r'<a class="headerlink" href="#(?P<id>[^"]*)"(?P<rest>[^>]*)>(?P<mark>[^<]*)</a>'
    r"(?P<close></h(?P=level)>)",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")


def section_name(content: str) -> str:
    """The text of a heading's HTML, as read: tags dropped, spaces folded."""
    return " ".join(html_lib.unescape(_TAG.sub("", content)).split())


def label_permalinks(page_html: str) -> str:
    """Every heading's permalink with `aria-label="Lien vers la section « … »"`."""

    def labelled(match: re.Match[str]) -> str:
        if "aria-label=" in match["rest"]:
            return match[0]
        name = html_lib.escape(f"Lien vers la section «\u202f{section_name(match['content'])}\u202f»")
        return (f'{match["open"]}{match["content"]}<a class="headerlink" href="#{match["id"]}"'
                f'{match["rest"]} aria-label="{name}">{match["mark"]}</a>{match["close"]}')

    return _PERMALINK.sub(labelled, page_html)
