"""A problem found in the data: where it is, what is wrong, how to fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, located like a compiler error (1-based line and column).

    `field` is the path of the value in the file (`testimonials[2].author`), empty
    for a problem with the whole file. `message` and `hint` are in French: they
    are read by the communications team.
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""


def count_files(problems: list[Problem]) -> int:
    return len({problem.file for problem in problems})


def summary_line(problems: list[Problem]) -> str:
    """`3 problèmes dans 2 fichiers`, in French with the right plurals."""
    count, files = len(problems), count_files(problems)
    if count == 0:
        return "Aucun problème."
    noun = "problème" if count == 1 else "problèmes"
    where = "fichier" if files == 1 else "fichiers"
    return f"{count} {noun} dans {files} {where}"
