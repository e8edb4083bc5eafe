"""Finding the one thing a user named, by its exact name (case-insensitive) or by its id: the
rule teams, user attributes and connections share, and the one message for a miss (with the
closest names, as every unknown name in sigmakit has)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from .._errors import BadRequestError, InputError, NotFoundError
from .._suggest import listing, suggestion

__all__ = ["by_name_or_id", "not_found", "only_one"]

T = TypeVar("T")


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
    naming the closest of ``names()`` (read only on a miss)."""
    ref = ref.strip()
    if not ref:
        raise InputError(f"name a {kind} (its name or id)")
    wanted = ref.lower()
    found = only_one(
        kind, ref, [x for x in named(ref) if name_of(x).lower() == wanted], plural=plural
    )
    if found is not None:
        return found
    try:
        return get(ref)
    except (NotFoundError, BadRequestError):
        pass
    raise not_found(kind, ref, names(), plural=plural)
