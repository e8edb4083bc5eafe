"""What an export file shows of one element: the data the file formats draw from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Section"]


@dataclass(frozen=True)
class Section:
    """One element's data: its name, type, chart type, columns and rows."""

    title: str
    type: str
    viz: str | None
    columns: Sequence[str]
    numeric: Sequence[bool]
    rows: Sequence[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]
