# generated from src/sigmakit/_async/resources/files.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/files`` and a member's files: get, move/rename/change owner, delete, list, recents."""

from __future__ import annotations

from collections.abc import Sequence

from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit.types.files import FILE_TYPES, File, RecentFile, _file, _readable, _recent

__all__ = ["FILE_TYPES", "File", "Files", "RecentFile"]


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
