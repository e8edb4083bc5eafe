"""dbt Core run artifacts added to a connection (``POST /v2/connections/{id}/dbtArtifacts``,
beta in Sigma): a tar.gz of a dbt project's ``target`` directory, sent as the multipart
field ``artifacts``. The emulator checks it is a gzipped tar holding a ``manifest.json``
and keeps what it read of it (how many models, sources and tests), one upload per
connection (a later one replaces it); the file itself is not kept."""

from __future__ import annotations

import io
import json
import tarfile
from collections.abc import Callable
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden
from .connections import ConnectionStore

__all__ = ["MAX_ARTIFACTS_BYTES", "SCHEMA", "DbtArtifactStore", "read_artifacts"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS connection_dbt_artifacts (
    connection_id TEXT PRIMARY KEY,
    filename TEXT NOT NULL,
    size INTEGER NOT NULL,
    summary TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
"""

#: the biggest upload taken (a dbt target directory of a large project is tens of MB)
MAX_ARTIFACTS_BYTES = 200 * 1024 * 1024
#: the biggest manifest.json read out of it
_MAX_MANIFEST_BYTES = 100 * 1024 * 1024


def read_artifacts(content: bytes) -> dict[str, int]:
    """What a dbt artifacts archive holds, counted from its ``manifest.json`` (a 400 when it
    is not a gzipped tar with one)."""
    try:
        with tarfile.open(fileobj=io.BytesIO(content), mode="r:gz") as archive:
            member = next(
                (
                    m
                    for m in archive.getmembers()
                    if m.isfile() and m.name.rsplit("/", 1)[-1] == "manifest.json"
                ),
                None,
            )
            if member is None:
                raise BadRequest("The dbt artifacts hold no manifest.json (a dbt target folder)")
            if member.size > _MAX_MANIFEST_BYTES:
                raise BadRequest("The dbt manifest.json is too large")
            handle = archive.extractfile(member)
            manifest = json.loads(handle.read() if handle else b"")
    except (tarfile.TarError, EOFError, OSError):
        raise BadRequest("artifacts must be a tar.gz file of a dbt run's target folder") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise BadRequest("The dbt manifest.json is not JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("nodes", {}), dict):
        raise BadRequest("The dbt manifest.json has no nodes")
    kinds = [
        n.get("resource_type") for n in manifest.get("nodes", {}).values() if isinstance(n, dict)
    ]
    sources = manifest.get("sources", {})
    return {
        "models": kinds.count("model"),
        "tests": kinds.count("test"),
        "sources": len(sources) if isinstance(sources, dict) else 0,
    }


class DbtArtifactStore:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        connections: ConnectionStore,
        may_manage: Callable[[str], bool],
    ) -> None:
        self.db = db
        self.clock = clock
        self.connections = connections
        self.may_manage = may_manage

    def add(self, connection_id: str, filename: str, content: bytes, caller: str) -> dict[str, Any]:
        """Keep what the artifacts say for the connection (replacing an earlier upload);
        only someone who may manage connections adds them."""
        self.connections.live(connection_id)
        if not self.may_manage(caller):
            raise Forbidden("Your account type may not manage connections")
        if len(content) > MAX_ARTIFACTS_BYTES:
            raise BadRequest(f"artifacts may be at most {MAX_ARTIFACTS_BYTES // 2**20} MB")
        summary = read_artifacts(content)
        with self.db.tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO connection_dbt_artifacts VALUES (?,?,?,?,?,?)",
                (
                    connection_id,
                    filename,
                    len(content),
                    json.dumps(summary),
                    caller,
                    self.clock.iso(),
                ),
            )
        return {}

    def latest(self, connection_id: str) -> dict[str, Any] | None:
        """The connection's artifacts as read (for the control plane and tests)."""
        row = self.db.one(
            "SELECT * FROM connection_dbt_artifacts WHERE connection_id = ?", (connection_id,)
        )
        if row is None:
            return None
        return {
            "filename": row["filename"],
            "size": row["size"],
            **json.loads(row["summary"]),
            "uploadedBy": row["uploaded_by"],
        }
