"""The base of every model the SDK returns.

Models keep the API's camelCase names as aliases (``member.member_id`` reads
``memberId``), accept fields they do not know (Sigma adds fields over time), and
dump back to the wire names with :meth:`SigmaModel.to_dict`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, PlainSerializer
from pydantic.alias_generators import to_camel

__all__ = ["SigmaModel", "Timestamp", "format_timestamp"]


def format_timestamp(value: datetime) -> str:
    """ISO 8601 UTC with milliseconds, as Sigma writes them: ``2024-04-15T13:44:51.477Z``."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


Timestamp = Annotated[
    datetime, PlainSerializer(format_timestamp, return_type=str, when_used="json")
]


class SigmaModel(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        alias_generator=to_camel,
        frozen=True,
        defer_build=True,
    )

    def to_dict(self) -> dict[str, Any]:
        """The model as the API spells it, JSON-ready."""
        return self.model_dump(mode="json", by_alias=True)
