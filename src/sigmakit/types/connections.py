"""The models and pure helpers of ``sigmakit.resources.connections`` (shared by the sync and the async
resource)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel, Timestamp

__all__ = ["Connection", "ConnectionLookup", "ConnectionPath", "sync_path_parts"]


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
