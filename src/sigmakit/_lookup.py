"""The one rule for a thing a user named and the one message for a miss (with the closest
names, as every unknown name in sigmakit has); the look-up itself, which sends requests, is
``sigmakit._sync.resources._lookup.by_name_or_id`` (and its async twin)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from ._errors import InputError, NotFoundError
from ._suggest import listing, suggestion

__all__ = ["looks_like_id", "not_found", "only_one"]

T = TypeVar("T")

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def looks_like_id(ref: str) -> bool:
    """Whether ``ref`` has the shape of the ids Sigma gives teams, user attributes and
    connections (a UUID): such a ref is first read as an id, one request, before any list."""
    return _UUID.fullmatch(ref.strip()) is not None


def not_found(
    kind: str, ref: str, names: Iterable[str], *, plural: str | None = None
) -> NotFoundError:
    """``no team has the name or id 'Saless'; did you mean 'Sales'? (teams: Finance, Sales)``."""
    names = list(names)
    known = f"{plural or kind + 's'}: {listing(names)}" if names else "there are none"
    return NotFoundError(
        404, message=f"no {kind} has the name or id {ref!r}{suggestion(ref, names)} ({known})"
    )


def only_one(kind: str, ref: str, named: list[T], *, plural: str | None = None) -> T | None:
    """The one match, None for none; two or more is an :class:`InputError` (ask for the id)."""
    if len(named) > 1:
        raise InputError(
            f"{len(named)} {plural or kind + 's'} are named {ref!r}; name the {kind} by id"
        )
    return named[0] if named else None
