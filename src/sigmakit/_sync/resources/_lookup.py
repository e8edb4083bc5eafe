# generated from src/sigmakit/_async/resources/_lookup.py by scripts/unasync.py; edit that file, then `make generate`
"""Finding the one thing a user named, by its exact name (case-insensitive) or by its id: the
rule teams, user attributes and connections share, and the one message for a miss (with the
closest names, as every unknown name in sigmakit has)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from sigmakit._errors import BadRequestError, InputError, NotFoundError
from sigmakit._lookup import looks_like_id, not_found, only_one

__all__ = ["by_name_or_id", "not_found", "only_one"]

T = TypeVar("T")


def by_name_or_id(
    kind: str,
    ref: str,
    *,
    named: Callable[[str], Iterable[T]],
    name_of: Callable[[T], str],
    get: Callable[[str], T],
    names: Callable[[], Iterable[str]],
    plural: str | None = None,
) -> T:
    """``named(ref)`` lists candidates (a server-side name filter where the API has one), an
    exact case-insensitive name wins; else ``get(ref)`` as an id; else a :class:`NotFoundError`
    naming the closest of ``names()`` (read only on a miss). A ref shaped like an id (a UUID)
    is read with ``get`` first, one request, and looked up by name only if that is a miss."""
    ref = ref.strip()
    if not ref:
        raise InputError(f"name a {kind} (its name or id)")
    if looks_like_id(ref):
        try:
            return get(ref)
        except (NotFoundError, BadRequestError):
            pass
    wanted = ref.lower()
    found = only_one(
        kind, ref, [x for x in named(ref) if name_of(x).lower() == wanted], plural=plural
    )
    if found is not None:
        return found
    if not looks_like_id(ref):  # an id-shaped ref was read as an id above
        try:
            return get(ref)
        except (NotFoundError, BadRequestError):
            pass
    raise not_found(kind, ref, list(names()), plural=plural)
