"""The models and pure helpers of ``sigmakit.resources.user_attributes`` (shared by the sync and the async
resource)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, TypeVar

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel, Timestamp

__all__ = [
    "MAX_ASSIGNMENTS",
    "AttributeValue",
    "MemberAttributeValue",
    "Source",
    "TeamAttributeValue",
    "UserAttribute",
    "UserAttributeMember",
    "UserAttributeTeam",
    "check_value",
]


#: the most assignments (or removals) one request carries
MAX_ASSIGNMENTS = 100


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


#: where a member's value comes from
Source = Literal["member", "team", "default"]


class AttributeValue(SigmaModel):
    """``{"type": "string", "val": ...}``: every value Sigma has is text."""

    type: str = "string"
    val: str


class UserAttribute(SigmaModel):
    user_attribute_id: str
    name: str
    description: str | None = None
    default_value: AttributeValue | None = None
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None

    @property
    def default(self) -> str | None:
        """The default value's text, or None."""
        return self.default_value.val if self.default_value else None


class UserAttributeMember(SigmaModel):
    """A member's own value of an attribute (``GET .../users``)."""

    user_id: str
    value: AttributeValue
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class UserAttributeTeam(SigmaModel):
    """A team's value of an attribute (``GET .../teams``); priority 1 wins over 2."""

    team_id: str
    value: AttributeValue
    priority: float | None = None
    created_by: str | None = None
    updated_by: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class TeamAttributeValue(SigmaModel):
    """One of a team's values (``GET /v2/teams/{teamId}/user-attributes``)."""

    user_attribute_id: str
    user_attribute_name: str
    value: AttributeValue


class MemberAttributeValue(SigmaModel):
    """The value a member has for one attribute, and where it comes from: ``member`` (set
    for them), ``team`` (``team_id``'s value) or ``default`` (the attribute's)."""

    user_attribute_id: str
    name: str
    value: str
    source: Source
    team_id: str | None = None


def _attribute(raw: Mapping[str, Any]) -> UserAttribute:
    return UserAttribute.model_validate(raw)


def _member_value(raw: Mapping[str, Any]) -> UserAttributeMember:
    return UserAttributeMember.model_validate(raw)


def _team_value(raw: Mapping[str, Any]) -> UserAttributeTeam:
    return UserAttributeTeam.model_validate(raw)


def _team_attribute(raw: Mapping[str, Any]) -> TeamAttributeValue:
    return TeamAttributeValue.model_validate(raw)


def check_value(value: object) -> str:
    """A value as Sigma takes it: text, not blank, without control characters (a line
    break would not survive a workbook filter). Else an ``InputError``."""
    if not isinstance(value, str):
        raise InputError(f"a user attribute value is text, not {type(value).__name__}")
    if not value.strip():
        raise InputError("a user attribute value must not be empty")
    if _CONTROL.search(value):
        raise InputError(f"a user attribute value must be one line of text: {value[:40]!r}")
    return value


def _ids(ids: Sequence[str], what: str) -> list[str]:
    if isinstance(ids, str):
        raise InputError(f"give a list of {what} ids, not a single string")
    out = [str(i).strip() for i in ids]
    if not out:
        raise InputError(f"nothing to change: give {what} ids")
    if any(not i for i in out):
        raise InputError(f"an empty {what} id")
    return list(dict.fromkeys(out))


def _values(values: Mapping[str, str], what: str) -> dict[str, str]:
    if not isinstance(values, Mapping):
        raise InputError(f"give a mapping of {what} id to value")
    if not values:
        raise InputError(f"nothing to change: give {what} ids and values")
    out: dict[str, str] = {}
    for key, value in values.items():
        ident = str(key).strip()
        if not ident:
            raise InputError(f"an empty {what} id")
        out[ident] = check_value(value)
    return out


T = TypeVar("T")


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), MAX_ASSIGNMENTS):
        yield items[start : start + MAX_ASSIGNMENTS]


def _wire(text: str) -> dict[str, str]:
    return {"type": "string", "val": text}
