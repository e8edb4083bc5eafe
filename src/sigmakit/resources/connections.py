"""``/v2/connections``: list, get, connection grants, and syncing a warehouse path."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .._errors import InputError, NotFoundError
from .._http import path
from .._models import SigmaModel, Timestamp
from .._pagination import MAX_PAGE_SIZE, Paginator
from ._base import Resource
from ._grants import Grant, NewGrant, create_grants, list_grants
from ._lookup import not_found, only_one

__all__ = ["Connection", "ConnectionLookup", "ConnectionPath", "Connections", "sync_path_parts"]


class Connection(SigmaModel):
    """A warehouse connection. Warehouse-specific settings (account, role...) are extra fields."""

    organization_id: str
    connection_id: str
    name: str
    type: str
    is_sample: bool = False
    is_audit_log: bool = False
    use_oauth: bool = False
    last_active_at: Timestamp | None = None
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp
    is_archived: bool = False


class ConnectionPath(SigmaModel):
    """A table Sigma knows in a connection: ``path`` is ``[database, schema, table]``."""

    connection_id: str
    url_id: str
    path: list[str]
    last_synced_at: Timestamp | None = None


class ConnectionLookup(SigmaModel):
    """What ``POST /v2/connection/{connectionId}/lookup`` found: ``kind`` is ``table`` or
    ``scope`` (a database, schema or catalog); ``inode_id`` is its connection path id."""

    kind: str
    inode_id: str
    url: str


def sync_path_parts(sync_path: str | Sequence[str]) -> list[str]:
    """A warehouse path as Sigma's array: ``RETAIL.PUBLIC.ORDERS``, ``RETAIL/PUBLIC/ORDERS``
    (with a ``/`` in it only ``/`` separates, so names may hold dots) or a sequence of 1 to 3
    names; an :class:`InputError` for anything else."""
    if isinstance(sync_path, str):
        text = sync_path.strip()
        parts = [p.strip() for p in text.split("/" if "/" in text else ".")]
    else:
        parts = [str(p).strip() for p in sync_path]
    if not 1 <= len(parts) <= 3 or not all(parts):
        raise InputError(f"a sync path is DATABASE[.SCHEMA[.TABLE]] (or with /), not {sync_path!r}")
    return parts


def _connection(raw: Mapping[str, Any]) -> Connection:
    return Connection.model_validate(raw)


class Connections(Resource):
    def list(
        self,
        *,
        search: str | None = None,
        include_archived: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Connection]:
        return Paginator(
            self._core,
            "/v2/connections",
            _connection,
            params={"search": search, "includeArchived": include_archived},
            page_size=page_size,
            limit=limit,
        )

    def get(self, connection_id: str) -> Connection:
        return _connection(self._core.request("GET", path("/v2/connections/{}", connection_id)))

    def resolve(self, ref: str) -> Connection:
        """A connection named by id or by its exact name (case-insensitive)."""
        ref = ref.strip()
        named: list[Connection] = []
        names: list[str] = []
        for connection in self.list():
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
    ) -> Paginator[ConnectionPath]:
        """The tables of every connection, or of one (filtered here too: the documented
        endpoint has no such filter)."""

        def wanted(raw: Mapping[str, Any]) -> bool:
            return connection_id is None or raw.get("connectionId") == connection_id

        return Paginator(
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
    ) -> Paginator[Grant]:
        return list_grants(
            self._core,
            path("/v2/connections/{}/grants", connection_id),
            page_size=page_size,
            limit=limit,
        )

    def create_grants(self, connection_id: str, grants: Iterable[NewGrant]) -> None:
        """Grant ``usage`` or ``annotate`` to members or teams."""
        create_grants(self._core, path("/v2/connections/{}/grants", connection_id), grants)

    def delete_grant(self, connection_id: str, grant_id: str) -> None:
        self._core.request("DELETE", path("/v2/connections/{}/grants/{}", connection_id, grant_id))

    def lookup(self, connection_id: str, sync_path: str | Sequence[str]) -> ConnectionLookup:
        """A database, schema or table of the connection, by its path (as
        :func:`sync_path_parts` reads it); NotFoundError if the connection has none such."""
        parts = sync_path_parts(sync_path)
        try:
            raw = self._core.request(
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

    def sync(
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
        found = self.lookup(connection_id, parts)
        self._core.request(
            "POST",
            path("/v2/connections/{}/sync", connection_id),
            params={"useServiceAccount": use_service_account},
            json={"path": parts},
        )
        return found
