""" "Did you mean": the one helper every unknown-name message uses (teams, workbooks, pages,
elements, controls, fields, account types...).

Matching is by :func:`difflib.get_close_matches`, ignoring case, so ``Saless`` finds
``Sales`` and ``salse`` finds ``Sales`` too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["close_matches", "listing", "suggestion", "unknown_name"]

#: at most this many valid names are listed in a message
LISTED = 12
#: how alike (difflib's ratio) a name must be to be suggested: one or two letters swapped,
#: missing or doubled in a word pass; "Stroes" finds Stores, not Targets
CUTOFF = 0.75


def close_matches(word: str, choices: Iterable[str], *, n: int = 3) -> list[str]:
    """The choices closest to ``word`` (case-insensitive), best first, as they are spelled."""
    by_lower: dict[str, str] = {}
    for choice in choices:
        by_lower.setdefault(choice.lower(), choice)
    found = difflib.get_close_matches(word.strip().lower(), list(by_lower), n=n, cutoff=CUTOFF)
    return [by_lower[f] for f in found]


def suggestion(word: str, choices: Iterable[str], *, aside: bool = False) -> str:
    """``"; did you mean 'Sales'?"`` (``aside``: ``" (did you mean 'Sales'?)"``, for a
    message that goes on after it), or ``""`` when nothing is close."""
    found = close_matches(word, choices)
    if not found:
        return ""
    question = "did you mean " + " or ".join(repr(f) for f in found) + "?"
    return f" ({question})" if aside else f"; {question}"


def listing(choices: Iterable[str], *, limit: int = LISTED) -> str:
    """Names for a message: sorted, without repeats, at most ``limit`` and a count of the
    rest."""
    names = sorted(dict.fromkeys(choices), key=str.lower)
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def unknown_name(kind: str, word: str, choices: Iterable[str], *, where: str = "") -> str:
    """``no team 'Saless'; did you mean 'Sales'? (valid teams: Finance, Sales, ...)``."""
    names = list(dict.fromkeys(choices))
    place = f" in {where}" if where else ""
    if not names:
        return f"no {kind} {word!r}{place}: there are none"
    return f"no {kind} {word!r}{place}{suggestion(word, names)} (valid {kind}s: {listing(names)})"
