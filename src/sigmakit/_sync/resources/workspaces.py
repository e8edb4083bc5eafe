# generated from src/sigmakit/_async/resources/workspaces.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/workspaces``: list, get, create, update, delete, and workspace grants."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit._sync.resources._grants import create_grants, list_grants
from sigmakit.types.grants import Grant, NewGrant
from sigmakit.types.workspaces import Workspace, _workspace

__all__ = ["Workspace", "Workspaces"]


class Workspaces(Resource):
    def list(
        self, *, name: str | None = None, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Workspace]:
        """Every workspace, fetched lazily. ``name`` filters on the workspace name."""
        return Paginator(
            self._core,
            "/v2/workspaces",
            _workspace,
            params={"name": name},
            page_size=page_size,
            limit=limit,
        )

    def get(self, workspace_id: str) -> Workspace:
        return _workspace(self._core.request("GET", path("/v2/workspaces/{}", workspace_id)))

    def find_by_name(self, name: str) -> Workspace | None:
        """The (oldest) workspace with exactly this name, case-insensitive, or None."""
        wanted = name.strip().lower()
        for workspace in self.list(name=name.strip()):
            if workspace.name.lower() == wanted:
                return workspace
        return None

    def create(self, *, name: str, no_duplicates: bool | None = None) -> Workspace:
        """Create a workspace. With ``no_duplicates``, Sigma refuses a name already in use."""
        body: dict[str, Any] = {"name": name}
        if no_duplicates is not None:
            body["noDuplicates"] = no_duplicates
        answer = self._core.request("POST", "/v2/workspaces", json=body)
        if "workspaceId" not in answer and answer.get("workspaceIds"):
            # the description allows {"workspaceIds": [...]}: the workspace is the first one
            return self.get(str(answer["workspaceIds"][0]))
        return _workspace(answer)

    def update(
        self, workspace_id: str, *, name: str, no_duplicates: bool | None = None
    ) -> Workspace:
        """Rename a workspace."""
        body: dict[str, Any] = {"name": name}
        if no_duplicates is not None:
            body["noDuplicates"] = no_duplicates
        return _workspace(
            self._core.request("PATCH", path("/v2/workspaces/{}", workspace_id), json=body)
        )

    def delete(self, workspace_id: str) -> None:
        self._core.request("DELETE", path("/v2/workspaces/{}", workspace_id))

    def grants(
        self, workspace_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Grant]:
        return list_grants(
            self._core,
            path("/v2/workspaces/{}/grants", workspace_id),
            page_size=page_size,
            limit=limit,
        )

    def create_grants(self, workspace_id: str, grants: Iterable[NewGrant]) -> None:
        """Grant ``view``, ``explore``, ``organize`` or ``edit`` to members or teams."""
        create_grants(self._core, path("/v2/workspaces/{}/grants", workspace_id), grants)

    def delete_grant(self, workspace_id: str, grant_id: str) -> None:
        self._core.request("DELETE", path("/v2/workspaces/{}/grants/{}", workspace_id, grant_id))
