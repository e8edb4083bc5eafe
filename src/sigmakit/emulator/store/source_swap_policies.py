"""Source swap policies (``/v2/sourceSwapPolicies``): how a deployment, or a swap inside one
connection, rewrites the connection and the table paths a document reads.

A ``connection`` policy moves paths inside ``fromConnectionId``; a ``deployment`` policy
sends ``fromConnectionId`` to the connection a tenant's user attribute names
(``swaps.toConnection``) and rewrites each path segment (``path0`` database, ``path1``
schema, ``path2`` table: ``exact`` value, ``attribute`` value, or ``all``: keep it). A
deployment policy names the ones it applies. Every operation needs an Admin's credentials.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .connections import ConnectionStore
from .paging import Page, offset_page
from .permissions import PermissionStore
from .user_attributes import UserAttributeStore

__all__ = ["SCHEMA", "SourceSwapPolicyStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS source_swap_policies (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id TEXT UNIQUE NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    from_connection_id TEXT NOT NULL,
    swaps TEXT NOT NULL
);
"""

TYPES = ("connection", "deployment")
_SEGMENTS = ("path0", "path1", "path2")
_SWAP_TYPES = ("attribute", "exact", "all")


class SourceSwapPolicyStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        permissions: PermissionStore,
        connections: ConnectionStore,
        user_attributes: UserAttributeStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.permissions = permissions
        self.connections = connections
        self.user_attributes = user_attributes

    def _admin(self, caller: str) -> None:
        if not self.permissions.is_admin(caller):
            raise Forbidden("Only an Admin may manage source swap policies")

    @staticmethod
    def render(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "type": row["type"],
            "name": row["name"],
            "fromConnectionId": row["from_connection_id"],
            "swaps": json.loads(row["swaps"]),
            "policyId": row["policy_id"],
        }

    def require(self, policy_id: str) -> sqlite3.Row:
        row = self.db.one("SELECT * FROM source_swap_policies WHERE policy_id = ?", (policy_id,))
        if row is None:
            raise NotFound.of("Source swap policy", policy_id)
        return row

    # ----- checking a body -----

    def _rule(self, rule: object, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(rule, dict) or rule.get("swapType") not in allowed:
            raise BadRequest(f"{where}.swapType must be one of {', '.join(allowed)}")
        kind = rule["swapType"]
        if kind == "exact" and not str(rule.get("catalogObject") or "").strip():
            raise BadRequest(f"{where}.catalogObject is required for an exact swap")
        if kind == "attribute":
            self.user_attributes.row(str(rule.get("userAttributeId") or ""))
        keep = {"swapType": kind}
        if kind == "exact":
            keep["catalogObject"] = str(rule["catalogObject"])
        if kind == "attribute":
            keep["userAttributeId"] = str(rule["userAttributeId"])
        return keep

    def _path(self, path: object, where: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(path, dict) or "path0" not in path or "path1" not in path:
            raise BadRequest(f"{where} needs path0 and path1")
        return {
            seg: self._rule(path[seg], f"{where}.{seg}", allowed)
            for seg in _SEGMENTS
            if path.get(seg) is not None
        }

    def _swaps(self, kind: str, swaps: object) -> dict[str, Any]:
        if not isinstance(swaps, dict):
            raise BadRequest("swaps is required")
        if kind == "connection":
            items = swaps.get("connectionSwaps")
            if not isinstance(items, list) or not items:
                raise BadRequest("swaps.connectionSwaps cannot be empty")
            return {
                "connectionSwaps": [
                    {"to": self._path((s or {}).get("to"), "to", _SWAP_TYPES)} for s in items
                ]
            }
        to = swaps.get("toConnection")
        if not isinstance(to, dict) or to.get("swapType") != "attribute":
            raise BadRequest("swaps.toConnection must be an attribute swap")
        items = swaps.get("deploymentSwaps")
        if not isinstance(items, list):
            raise BadRequest("swaps.deploymentSwaps is required")
        return {
            "toConnection": self._rule(to, "toConnection", ("attribute",)),
            "deploymentSwaps": [
                {
                    "from": self._path((s or {}).get("from"), "from", ("all", "exact")),
                    "to": self._path((s or {}).get("to"), "to", _SWAP_TYPES),
                }
                for s in items
            ],
        }

    def _checked(self, body: dict[str, Any], row: sqlite3.Row | None = None) -> tuple[Any, ...]:
        kind = body.get("type") or (row["type"] if row else None)
        if kind not in TYPES:
            raise BadRequest(f"Invalid type: {kind!r} (one of {', '.join(TYPES)})")
        name = str(body.get("name") or (row["name"] if row else "")).strip()
        if not name:
            raise BadRequest("A source swap policy needs a name")
        connection = str(body.get("fromConnectionId") or (row["from_connection_id"] if row else ""))
        self.connections.row(connection)
        if body.get("swaps") is not None or row is None or kind != row["type"]:
            swaps = self._swaps(kind, body.get("swaps"))
        else:
            swaps = json.loads(row["swaps"])
        return kind, name, connection, json.dumps(swaps)

    # ----- the operations -----

    def find(self, caller: str, *, offset: int, limit: int) -> Page:
        self._admin(caller)
        got = offset_page(
            self.db,
            "SELECT * FROM source_swap_policies ORDER BY seq",
            (),
            offset=offset,
            limit=limit,
        )
        return got.render(self.render)

    def get(self, policy_id: str, caller: str) -> dict[str, Any]:
        self._admin(caller)
        return self.render(self.require(policy_id))

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self._admin(caller)
        kind, name, connection, swaps = self._checked(body)
        policy_id = self.ids.uuid()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO source_swap_policies (policy_id, type, name, from_connection_id, "
                "swaps) VALUES (?,?,?,?,?)",
                (policy_id, kind, name, connection, swaps),
            )
        return {"policyId": policy_id}

    def update(self, policy_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self._admin(caller)
        kind, name, connection, swaps = self._checked(body, self.require(policy_id))
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE source_swap_policies SET type = ?, name = ?, from_connection_id = ?, "
                "swaps = ? WHERE policy_id = ?",
                (kind, name, connection, swaps, policy_id),
            )
        return {"policyId": policy_id}

    def delete(self, policy_id: str, caller: str) -> None:
        self._admin(caller)
        self.require(policy_id)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM source_swap_policies WHERE policy_id = ?", (policy_id,))
