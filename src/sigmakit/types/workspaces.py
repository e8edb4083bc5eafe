"""The models and pure helpers of ``sigmakit.resources.workspaces`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Workspace"]


class Workspace(SigmaModel):
    workspace_id: str
    name: str
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp


def _workspace(raw: Mapping[str, Any]) -> Workspace:
    return Workspace.model_validate(raw)
