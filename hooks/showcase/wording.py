"""The French phrases that recur in the messages, written once.

Every message an editor reads is French; the phrases that several modules need (the
"did you mean" hint, the list of possible values, the quoting advice) live here so that
they read the same wherever the mistake is found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

QUOTE_HINT = "mettez tout le texte entre guillemets : \"…\""


def either(items: Sequence[str]) -> str:
    """ "a", "a ou b", "a, b ou c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " ou " + items[-1]


def did_you_mean(*names: str, shown: Sequence[str] = ()) -> str:
    """`vouliez-vous dire « a » ?`, `… « a » ou « b » ?`; `shown`: choices already
    written out (`« Renac » (35)`)."""
    return f"vouliez-vous dire {either([*(f'« {name} »' for name in names), *shown])} ?"


def possible(noun: str, values: Iterable[str]) -> str:
    """`thèmes possibles : a, b, c`."""
    return f"{noun} possibles : " + ", ".join(values)
