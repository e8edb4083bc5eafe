"""The models of ``sigmakit.resources.shortcuts`` (shared by the sync and the async resource)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Shortcut", "ShortcutTarget"]


class ShortcutTarget(SigmaModel):
    #: workbook, data-model, dataset, report, folder, table, scope or stored-procedure
    type: str
    id: str


class Shortcut(SigmaModel):
    id: str
    url_id: str
    name: str
    parent_id: str
    parent_url_id: str
    path: str
    target: ShortcutTarget
    owner_id: str | None = None
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp


def _shortcut(raw: Mapping[str, Any]) -> Shortcut:
    return Shortcut.model_validate(raw)
