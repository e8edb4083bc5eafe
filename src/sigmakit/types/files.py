"""The models and pure helpers of ``sigmakit.resources.files`` (shared by the sync and the async
resource)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sigmakit._models import SigmaModel, Timestamp

__all__ = ["FILE_TYPES", "File", "RecentFile"]


log = logging.getLogger("sigmakit.files")


#: ``File.type`` values.
FILE_TYPES = (
    "workspace",
    "folder",
    "workbook",
    "dataset",
    "sql",
    "worksheet",
    "dashboard",
    "template",
    "table",
    "symlink",
    "report",
)


class File(SigmaModel):
    """An inode: a workspace, folder, workbook, data model... (``type``)."""

    id: str
    url_id: str
    name: str
    type: str
    parent_id: str | None = None
    parent_url_id: str | None = None
    permission: str | None = None
    path: str | None = None
    badge: str | None = None
    is_archived: bool = False
    description: str | None = None
    owner_id: str | None = None
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp


class RecentFile(File):
    last_interaction_at: Timestamp | None = None


def _file(raw: Mapping[str, Any]) -> File:
    return File.model_validate(raw)


def _recent(raw: Mapping[str, Any]) -> RecentFile:
    return RecentFile.model_validate(raw)


def _readable(raw: Mapping[str, Any]) -> bool:
    """Sigma's file lists may hold ``{code, message, requestId}`` for an entry it could not
    read; such an entry is logged and passed over."""
    if "id" not in raw and "message" in raw:
        log.warning("a file entry could not be read: %s", raw.get("message"))
        return False
    return True
