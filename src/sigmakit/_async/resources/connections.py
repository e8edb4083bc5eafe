"""``/v2/connections``: list, get, connection grants, and syncing a warehouse path."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from sigmakit._async._pagination import AsyncPaginator
from sigmakit._async.resources._base import AsyncResource
from sigmakit._async.resources._grants import create_grants, list_grants
from sigmakit._errors import InputError, NotFoundError
from sigmakit._lookup import not_found, only_one
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit.types.connections import (
    Connection,
    ConnectionLookup,
    ConnectionPath,
    _connection,
    sync_path_parts,
)
from sigmakit.types.grants import Grant, NewGrant

__all__ = [
    "AsyncConnections",
    "Connection",
    "ConnectionLookup",
    "ConnectionPath",
    "sync_path_parts",
]


class AsyncConnections(AsyncResource):
    def list(
        self,
        *,
        search: str | None = None,
        include_archived: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[Connection]:
        return AsyncPaginator(
            self._core,
            "/v2/connections",
            _connection,
            params={"search": search, "includeArchived": include_archived},
            page_size=page_size,
            limit=limit,
        )

    async def get(self, connection_id: str) -> Connection:
        return _connection(
            await self._core.request("GET", path("/v2/connections/{}", connection_id))
        )

    async def resolve(self, ref: str) -> Connection:
        """A connection named by id or by its exact name (case-insensitive)."""
        ref = ref.strip()
        named: list[Connection] = []
        names: list[str] = []
        async for connection in self.list():
            if connection.connection_id == ref:
                return connection
            if connection.name.lower() == ref.lower():
                named.append(connection)
            names.append(connection.name)
        found = only_one("connection", ref, named)
        if found is None:
            raise not_found("connection", ref, names)
        return found

    def paths(
        self,
        connection_id: str | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> AsyncPaginator[ConnectionPath]:
        """The tables of every connection, or of one (filtered here too: the documented
        endpoint has no such filter)."""

        def wanted(raw: Mapping[str, Any]) -> bool:
            return connection_id is None or raw.get("connectionId") == connection_id

        return AsyncPaginator(
            self._core,
            "/v2/connections/paths",
            ConnectionPath.model_validate,
            params={"connectionId": connection_id},
            page_size=page_size,
            limit=limit,
            keep=wanted,
        )

    def grants(
        self, connection_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> AsyncPaginator[Grant]:
        return list_grants(
            self._core,
            path("/v2/connections/{}/grants", connection_id),
            page_size=page_size,
            limit=limit,
        )

    async def create_grants(self, connection_id: str, grants: Iterable[NewGrant]) -> None:
        """Grant ``usage`` or ``annotate`` to members or teams."""
        await create_grants(self._core, path("/v2/connections/{}/grants", connection_id), grants)

    async def delete_grant(self, connection_id: str, grant_id: str) -> None:
        await self._core.request(
            "DELETE", path("/v2/connections/{}/grants/{}", connection_id, grant_id)
        )

    async def lookup(self, connection_id: str, sync_path: str | Sequence[str]) -> ConnectionLookup:
        """A database, schema or table of the connection, by its path (as
        :func:`sync_path_parts` reads it); NotFoundError if the connection has none such."""
        parts = sync_path_parts(sync_path)
        try:
            raw = await self._core.request(
                "POST", path("/v2/connection/{}/lookup", connection_id), json={"path": parts}
            )
        except NotFoundError as exc:
            raise NotFoundError(
                404,
                code=exc.code,
                message=f"no {'.'.join(parts)} in connection {connection_id}: {exc.message}",
                request_id=exc.request_id,
                method=exc.method,
                url=exc.url,
            ) from None
        return ConnectionLookup.model_validate(raw)

    async def sync(
        self,
        connection_id: str,
        sync_path: str | Sequence[str],
        *,
        use_service_account: bool | None = None,
    ) -> ConnectionLookup:
        """Have Sigma re-read a database, schema or table of the warehouse.

        ``sync_path`` is ``["DB", "SCHEMA", "TABLE"]`` (1 to 3 parts), ``"DB.SCHEMA.TABLE"``
        or ``"DB/SCHEMA/TABLE"``. It is looked up first (:meth:`lookup`), so a path the
        connection lacks is a NotFoundError and nothing is synced; returns what was found.
        """
        parts = sync_path_parts(sync_path)
        found = await self.lookup(connection_id, parts)
        await self._core.request(
            "POST",
            path("/v2/connections/{}/sync", connection_id),
            params={"useServiceAccount": use_service_account},
            json={"path": parts},
        )
        return found

    async def add_dbt_artifacts(self, connection_id: str, artifacts: Path | bytes) -> None:
        """Give Sigma a dbt Core run's metadata for the connection: a tar.gz of the dbt
        project's ``target`` folder (a path to the file, or its bytes)."""
        if isinstance(artifacts, Path):
            try:
                content, name = artifacts.read_bytes(), artifacts.name
            except OSError as exc:
                raise InputError(f"cannot read {artifacts}: {exc.strerror or exc}") from None
        else:
            content, name = bytes(artifacts), "artifacts.tar.gz"
        if content[:2] != b"\x1f\x8b":
            raise InputError("dbt artifacts are a tar.gz file (of a dbt run's target folder)")
        await self._core.request(
            "POST",
            path("/v2/connections/{}/dbtArtifacts", connection_id),
            files={"artifacts": (name, content, "application/gzip")},
        )
