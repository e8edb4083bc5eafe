"""``/v2/files`` and a member's files: get, move/rename/change owner, delete, list, recents."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from .._http import path
from .._models import SigmaModel, Timestamp
from .._pagination import MAX_PAGE_SIZE, Paginator
from ._base import Resource

__all__ = ["File", "Files", "RecentFile"]

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


class Files(Resource):
    def get(self, file_id: str) -> File:
        return _file(self._core.request("GET", path("/v2/files/{}", file_id)))

    def update(
        self,
        file_id: str,
        *,
        name: str | None = None,
        description: str | None = None,
        parent_id: str | None = None,
        owner_id: str | None = None,
        restore: bool | None = None,
    ) -> File:
        """Rename, move (``parent_id``), hand over (``owner_id``) or restore a file."""
        fields = {
            "name": name,
            "description": description,
            "parentId": parent_id,
            "ownerId": owner_id,
            "restore": restore,
        }
        body = {k: v for k, v in fields.items() if v is not None}
        return _file(self._core.request("PATCH", path("/v2/files/{}", file_id), json=body))

    def delete(self, file_id: str) -> None:
        """Move a file to the trash."""
        self._core.request("DELETE", path("/v2/files/{}", file_id))

    def of_member(
        self,
        member_id: str,
        *,
        type_filters: str | Sequence[str] | None = None,
        parent_id: str | None = None,
        direct_children: bool | None = None,
        permission_filter: str | None = None,
        name: str | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[File]:
        """The files a member can reach, e.g. ``type_filters="workbook"`` or a list of types."""
        types = [type_filters] if isinstance(type_filters, str) else type_filters
        return Paginator(
            self._core,
            path("/v2/members/{}/files", member_id),
            _file,
            params={
                "typeFilters": types,
                "parentId": parent_id,
                "directChildFilter": direct_children,
                "permissionFilter": permission_filter,
                "name": name,
            },
            page_size=page_size,
            limit=limit,
            keep=_readable,
        )

    def recents(
        self, member_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[RecentFile]:
        """The files a member opened or edited lately, with ``last_interaction_at``."""
        return Paginator(
            self._core,
            path("/v2/members/{}/files/recents", member_id),
            _recent,
            page_size=page_size,
            limit=limit,
            keep=_readable,
        )
