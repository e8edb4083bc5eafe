"""The pure helpers of ``sigmakit.types.whoami`` (no pydantic: ``sigmakit auth check``
uses them without building a model)."""

from __future__ import annotations

__all__ = ["MEMBER_FIELDS", "full_name"]


#: the member's fields an identity carries, as the API spells them
MEMBER_FIELDS = ("email", "firstName", "lastName", "memberType")


def full_name(first: str | None, last: str | None) -> str | None:
    """``First Last`` from the parts there are; None when there are none."""
    return " ".join(p for p in (first, last) if p) or None
