"""Onboarding's input: a person, the options, the permissions by account type, and
their checks (no request)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..._errors import InputError
from ..inputs import is_email, read_people_rows

if TYPE_CHECKING:
    from pathlib import Path


#: account type (lowercased) → permission on the person's workspace; Sigma's onboarding
#: sample, with today's names and the older ones. Any other account type the organization
#: has (a custom one) gets the least: ``view``, and ``usage`` on connections (give
#: ``workspace_permission`` / ``connection_permission`` for more).
WORKSPACE_PERMISSIONS: Mapping[str, str] = {
    "admin": "edit",
    "pro": "organize",
    "essential": "explore",
    "lite": "view",
    "creator": "organize",
    "explorer": "explore",
    "viewer": "view",
}
#: account types whose connection grants are ``annotate``; every other one gets ``usage``
ANNOTATORS = frozenset({"admin", "pro", "creator"})
CONNECTION_PERMISSIONS = ("usage", "annotate")
WORKSPACE_PERMISSION_NAMES = ("view", "explore", "organize", "edit")


@dataclass(frozen=True)
class Person:
    email: str
    first_name: str
    last_name: str
    account_type: str
    #: team ids or names
    teams: tuple[str, ...] = ()
    #: connection ids or names
    connections: tuple[str, ...] = ()


def read_people(path: str | Path) -> list[Person]:
    """People from a CSV or YAML file (see :func:`.inputs.read_people_rows`)."""
    return [Person(**row) for row in read_people_rows(path)]


@dataclass(frozen=True)
class OnboardOptions:
    people: Sequence[Person]
    #: overrides the permission derived from the account type
    workspace_permission: str | None = None
    #: overrides ``usage`` / ``annotate``
    connection_permission: str | None = None
    send_invite: bool | None = None
    concurrency: int = 8
    #: called once per person done (a progress bar)
    progress: Callable[[], object] | None = None


def workspace_name(person: Person) -> str:
    """The name of a person's own workspace: their email, lowercased."""
    return person.email.strip().lower()


def _check(options: OnboardOptions) -> list[Person]:
    """The options and people, checked without a request."""
    people = list(options.people)
    if not people:
        raise InputError("nobody to onboard")
    if options.concurrency < 1:
        raise InputError("concurrency must be at least 1")
    wp, cp = options.workspace_permission, options.connection_permission
    if wp is not None and wp not in WORKSPACE_PERMISSION_NAMES:
        raise InputError(
            f"unknown workspace permission {wp!r}: one of {', '.join(WORKSPACE_PERMISSION_NAMES)}"
        )
    if cp is not None and cp not in CONNECTION_PERMISSIONS:
        raise InputError(
            f"unknown connection permission {cp!r}: one of {', '.join(CONNECTION_PERMISSIONS)}"
        )
    seen: set[str] = set()
    for person in people:
        key = person.email.strip().lower()
        if not is_email(person.email.strip()):
            raise InputError(f"{person.email!r} is not an email address")
        if key in seen:
            raise InputError(f"{person.email} is listed twice")
        seen.add(key)
    return people
