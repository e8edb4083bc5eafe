"""Idempotent steps: make something exist, or be in some state, whatever happened before.

A create sent once may fail without saying whether it happened (a 5xx, a dropped
connection): the HTTP core does not re-send it blindly, so these helpers look the thing up
again and either go on with what they find or try once more. A change of state (a PATCH,
a grant) is checked first and re-checked after a failure. Every workflow step that creates
or changes something goes through here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from .._errors import (
    APIConnectionError,
    APIStatusError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ServerUnreachableError,
    SigmaError,
)
from .report import Status

if TYPE_CHECKING:
    from ..types.grants import Grant

__all__ = [
    "Unconfirmed",
    "conflict_id",
    "converge",
    "converge_batch",
    "ensure",
    "ensure_grant",
    "failure_status",
    "in_halves",
    "look_again",
]

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

#: a failure after which the request may or may not have been carried out
AMBIGUOUS: tuple[type[Exception], ...] = (ServerError, APIConnectionError, RateLimitError)
#: creates tried in all, and changes made, before giving up
DEFAULT_ATTEMPTS = 6


class Unconfirmed(APIConnectionError):
    """A change failed without saying whether it happened, and looking again failed too:
    whether it was done is not known (a report says ``not done``; a rerun settles it)."""


def look_again(look: Callable[[], T]) -> T:
    """``look()`` after an unclear failure; if the look fails too, ``Unconfirmed``."""
    try:
        return look()
    except AMBIGUOUS as exc:
        raise Unconfirmed(f"not confirmed: {exc}") from exc


def failure_status(exc: SigmaError) -> Status:
    """How a report line shows a step that raised ``exc``: ``failed`` only when the thing
    is known not to be done; ``not done`` when the server stopped answering or the outcome
    could not be confirmed (a rerun finishes or confirms it)."""
    if isinstance(exc, Unconfirmed | ServerUnreachableError):
        return Status.NOT_DONE
    return Status.FAILED


def conflict_id(exc: ConflictError, key: str) -> str | None:
    """The id a 409 names, e.g. ``member-id=<id>`` in ``Duplicate record: member-id=...``."""
    match = re.search(rf"{re.escape(key)}=([A-Za-z0-9_-]+)", exc.message or "")
    return match.group(1) if match else None


def ensure(
    find: Callable[[], T | None],
    create: Callable[[], T],
    *,
    on_conflict: Callable[[ConflictError], T | None] | None = None,
    look_first: bool = True,
    attempts: int = DEFAULT_ATTEMPTS,
) -> tuple[T, Status]:
    """The thing ``find`` finds (``ALREADY``), or the one ``create`` makes (``CREATED``).

    After an ambiguous failure of ``create`` the thing is looked up again; if it is not
    there, ``create`` is tried again (up to ``attempts`` times in all). A 409 means it
    exists: ``on_conflict`` (e.g. reading the id in the message) or ``find`` fetches it.
    ``look_first=False`` skips the first lookup when the API refuses duplicates with a 409
    anyway: one request instead of two for something new.
    """
    found = find() if look_first else None
    if found is not None:
        return found, Status.ALREADY
    tried = False
    last: Exception | None = None
    for _ in range(attempts):
        try:
            return create(), Status.CREATED
        except ConflictError as exc:
            found = (on_conflict(exc) if on_conflict is not None else None) or find()
            if found is None:
                raise
            # our own earlier try may be what collided
            return found, Status.CREATED if tried else Status.ALREADY
        except AMBIGUOUS as exc:
            if isinstance(exc, ServerUnreachableError):
                raise
            last, tried = exc, True
            found = look_again(find)
            if found is not None:
                return found, Status.CREATED
    assert last is not None
    raise last


def converge(
    done: Callable[[], bool],
    act: Callable[[], object],
    *,
    already: bool | None = None,
    attempts: int = DEFAULT_ATTEMPTS,
) -> Status:
    """Bring something into a state: ``ALREADY`` if ``done()`` says it is, else ``act()``
    until it is (``CHANGED``).

    ``already`` saves the first check when the caller knows the answer. A failed ``act``
    is followed by a fresh ``done()``: a change that landed although its answer was lost
    counts as made. Errors that are not ambiguous (4xx) are raised unless the state holds.
    """
    if already if already is not None else done():
        return Status.ALREADY
    last: Exception | None = None
    for _ in range(attempts):
        try:
            act()
            return Status.CHANGED
        except (APIStatusError, APIConnectionError) as exc:
            if isinstance(exc, ServerUnreachableError):
                raise
            if look_again(done):
                return Status.CHANGED
            if not isinstance(exc, AMBIGUOUS):
                raise
            last = exc
    assert last is not None
    raise last


def ensure_grant(
    grants: Callable[[], Iterable[Grant]],
    give: Callable[[], object],
    *,
    member_id: str,
    permission: str,
    new_target: bool = False,
) -> tuple[Status, str | None]:
    """Make a member hold ``permission`` on a target whose grants ``grants()`` lists;
    ``give()`` sends the grant. Answers the status (``CREATED``, ``CHANGED`` from another
    permission, ``ALREADY``) and the permission held before. ``new_target``: the target
    was just made, so the member holds nothing on it yet (no first listing). Grants for
    many members on one target go out together with :func:`converge_batch`."""

    def holds() -> str | None:
        return next((g.permission for g in grants() if g.member_id == member_id), None)

    before = None if new_target else holds()
    status = converge(lambda: holds() == permission, give, already=before == permission)
    if status is Status.CHANGED and before is None:
        status = Status.CREATED
    return status, before


def converge_batch(
    send: Callable[[Sequence[K]], object],
    read: Callable[[], Callable[[K], bool]],
    keys: Sequence[K],
    *,
    attempts: int = DEFAULT_ATTEMPTS,
) -> dict[K, SigmaError]:
    """Send one request for many ``keys`` (members added to a team, grants on a
    connection) until each is done; the keys left undone, each with why.

    ``send(keys)`` makes the change for ``keys``; ``read()`` reads the target once and
    answers whether a key is done. After a failure the target is read again: a change that
    landed although its answer was lost counts as made, and only what is still missing is
    sent again (a 4xx is not sent again)."""
    remaining = list(keys)
    errors: dict[K, SigmaError] = {}
    for _ in range(attempts):
        try:
            send(remaining)
            return {}
        except ServerUnreachableError as exc:
            return dict.fromkeys(remaining, exc)
        except SigmaError as exc:
            try:
                done = look_again(read)
            except (Unconfirmed, ServerUnreachableError) as look_exc:
                return dict.fromkeys(remaining, look_exc)
            remaining = [k for k in remaining if not done(k)]
            errors = dict.fromkeys(remaining, exc)
            if not remaining or not isinstance(exc, AMBIGUOUS):
                return errors
    return errors


def in_halves(
    apply: Callable[[Sequence[K]], dict[K, SigmaError]], keys: Sequence[K]
) -> dict[K, SigmaError]:
    """``apply(keys)`` (a batch: the keys left undone, each with why). When the batch is
    refused (a 400 or 404 for all of it: one member the target does not take, deactivated
    or gone meanwhile), each half is tried on its own, down to single keys, so one such key
    does not keep everyone else out."""
    if not keys:
        return {}
    undone = apply(keys)
    refused = all(isinstance(e, BadRequestError | NotFoundError) for e in undone.values())
    if len(keys) == 1 or not undone or not refused:
        return undone
    left = [k for k in keys if k in undone]
    half = len(left) // 2
    return {**in_halves(apply, left[:half]), **in_halves(apply, left[half:])}
