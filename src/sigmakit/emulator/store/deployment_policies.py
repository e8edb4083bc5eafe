"""Deployment policies (``/v2/deploymentPolicies``): which documents a parent organization
deploys to which tenant organizations, under which version tag, with which source swap
policies.

Sigma deploys a policy's documents when they are tagged with the policy's version tag
(``POST /v2/workbooks/tag``): each tenant of the policy gets (or keeps, updated) its copy of
the tagged version. The emulator also deploys a document already tagged when it, or a
tenant, is added to the policy. The tenant's copy is the tenant store's record
(``GET /v2/tenants/{id}/workbooks``). DELETE archives a policy: it leaves the lists and its
GET is a 404, and what it deployed stays in the tenants. Every operation needs an Admin.
What Sigma leaves undocumented is in ``tests/parity/GUESSES.md``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .files import FileStore
from .permissions import PermissionStore
from .source_swap_policies import SourceSwapPolicyStore
from .tags import TagStore
from .tenants import TenantStore

__all__ = ["SCHEMA", "DeploymentPolicyStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS deployment_policies (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    name_in_tenant TEXT NOT NULL,
    version_tag_id TEXT,
    source_swap_policies TEXT NOT NULL,
    copy_input_table_data INTEGER NOT NULL DEFAULT 0,
    is_archived INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deployment_policy_tenants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    UNIQUE (policy_id, tenant_id)
);
CREATE TABLE IF NOT EXISTS deployment_policy_files (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    policy_id TEXT NOT NULL,
    inode_id TEXT NOT NULL,
    UNIQUE (policy_id, inode_id)
);
"""

#: a deployable document's inode type -> (its type on the wire, its id field)
_DOCUMENTS = {
    "workbook": ("workbook", "workbookId"),
    "data-model": ("dataModel", "dataModelId"),
    "report": ("report", "reportId"),
    "folder": ("folder", "folderId"),
}


class DeploymentPolicyStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        permissions: PermissionStore,
        files: FileStore,
        tags: TagStore,
        tenants: TenantStore,
        swap_policies: SourceSwapPolicyStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.permissions = permissions
        self.inodes = files
        self.tags = tags
        self.tenants = tenants
        self.swap_policies = swap_policies

    def _admin(self, caller: str) -> None:
        if not self.permissions.is_admin(caller):
            raise Forbidden("Only an Admin may manage deployment policies")

    def require(self, policy_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM deployment_policies WHERE policy_id = ? AND is_archived = 0",
            (policy_id,),
        )
        if row is None:
            raise NotFound.of("Deployment policy", policy_id)
        return row

    @staticmethod
    def render(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "deploymentPolicyId": row["policy_id"],
            "name": row["name"],
            "nameInTenant": row["name_in_tenant"],
            "versionTagId": row["version_tag_id"],
            "sourceSwapPolicies": json.loads(row["source_swap_policies"]),
            "copyInputTableData": bool(row["copy_input_table_data"]),
        }

    # ----- policies -----

    def entries(self, caller: str) -> list[dict[str, Any]]:
        self._admin(caller)
        rows = self.db.all("SELECT * FROM deployment_policies WHERE is_archived = 0 ORDER BY seq")
        return [self.render(r) for r in rows]

    def get(self, policy_id: str, caller: str) -> dict[str, Any]:
        self._admin(caller)
        return self.render(self.require(policy_id))

    @staticmethod
    def _name(value: object, what: str) -> str:
        name = str(value or "").strip()
        if not name:
            raise BadRequest(f"{what} cannot be empty")
        if len(name) > 255:
            raise BadRequest(f"{what} is longer than 255 characters")
        return name

    def _swap_policies(self, value: object) -> str:
        ids = [str(i) for i in value] if isinstance(value, list) else []
        for policy_id in ids:
            self.swap_policies.require(policy_id)
        return json.dumps(list(dict.fromkeys(ids)))

    @staticmethod
    def insert(
        conn: sqlite3.Connection,
        *,
        policy_id: str,
        name: str,
        version_tag_id: str | None,
        created_by: str,
        at: str,
        tenants: list[str],
        documents: list[str],
    ) -> None:
        """Add a policy with its tenants and documents inside the caller's transaction (the
        seed's way in; it draws no id)."""
        conn.execute(
            "INSERT INTO deployment_policies (policy_id, name, name_in_tenant, version_tag_id, "
            "source_swap_policies, created_by, created_at) VALUES (?,?,?,?,'[]',?,?)",
            (policy_id, name, name, version_tag_id, created_by, at),
        )
        conn.executemany(
            "INSERT INTO deployment_policy_tenants (policy_id, tenant_id) VALUES (?, ?)",
            [(policy_id, t) for t in tenants],
        )
        conn.executemany(
            "INSERT INTO deployment_policy_files (policy_id, inode_id) VALUES (?, ?)",
            [(policy_id, d) for d in documents],
        )

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self._admin(caller)
        name = self._name(body.get("name"), "name")
        in_tenant = self._name(body.get("nameInTenant") or name, "nameInTenant")
        tag_id = body.get("versionTagId")
        if tag_id is not None:
            tag_id = self.tags.require(str(tag_id))["tag_id"]
        swaps = self._swap_policies(body.get("sourceSwapPolicies") or [])
        policy_id = self.ids.uuid()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO deployment_policies (policy_id, name, name_in_tenant, "
                "version_tag_id, source_swap_policies, copy_input_table_data, created_by, "
                "created_at) VALUES (?,?,?,?,?,?,?,?)",
                (
                    policy_id,
                    name,
                    in_tenant,
                    tag_id,
                    swaps,
                    int(bool(body.get("copyInputTableData"))),
                    caller,
                    self.clock.iso(),
                ),
            )
        return {"deploymentPolicyId": policy_id}

    def update(self, policy_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """Only the fields given change; the version tag never does."""
        self._admin(caller)
        row = self.require(policy_id)
        name = row["name"] if body.get("name") is None else self._name(body["name"], "name")
        in_tenant = row["name_in_tenant"]
        if body.get("nameInTenant") is not None:
            in_tenant = self._name(body["nameInTenant"], "nameInTenant")
        swaps = row["source_swap_policies"]
        if body.get("sourceSwapPolicies") is not None:
            swaps = self._swap_policies(body["sourceSwapPolicies"])
        copy = row["copy_input_table_data"]
        if body.get("copyInputTableData") is not None:
            copy = int(bool(body["copyInputTableData"]))
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE deployment_policies SET name = ?, name_in_tenant = ?, "
                "source_swap_policies = ?, copy_input_table_data = ? WHERE policy_id = ?",
                (name, in_tenant, swaps, copy, policy_id),
            )
        return self.render(self.require(policy_id))

    def archive(self, policy_id: str, caller: str) -> None:
        self._admin(caller)
        self.require(policy_id)
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE deployment_policies SET is_archived = 1 WHERE policy_id = ?", (policy_id,)
            )

    # ----- tenants -----

    def deployable(self, caller: str, *, search: str | None) -> list[dict[str, Any]]:
        """The tenants the parent organization may deploy to: all of them."""
        self._admin(caller)
        return [
            {
                "tenantOrganizationId": t["tenantOrganizationId"],
                "tenantOrganizationSlug": t["tenantOrganizationSlug"],
                "tenantOrganizationName": t["tenantOrganizationName"],
            }
            for t in self.tenants.entries(caller, search=search)
        ]

    def tenant_ids(self, policy_id: str, caller: str) -> list[str]:
        self._admin(caller)
        self.require(policy_id)
        return self._tenants(policy_id)

    def _tenants(self, policy_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.all(
                "SELECT tenant_id FROM deployment_policy_tenants WHERE policy_id = ? ORDER BY seq",
                (policy_id,),
            )
        ]

    def add_tenant(self, policy_id: str, tenant_id: str, caller: str) -> None:
        """Add the tenant (already there: no change) and deploy what is tagged to it."""
        self._admin(caller)
        policy = self.require(policy_id)
        self.tenants.require(tenant_id)
        with self.db.tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO deployment_policy_tenants (policy_id, tenant_id) "
                "VALUES (?, ?)",
                (policy_id, tenant_id),
            )
        for inode_id in self._files(policy_id):
            self._deploy_if_tagged(policy, inode_id, caller)

    def remove_tenant(self, policy_id: str, tenant_id: str, caller: str) -> None:
        self._admin(caller)
        self.require(policy_id)
        with self.db.tx() as conn:
            gone = conn.execute(
                "DELETE FROM deployment_policy_tenants WHERE policy_id = ? AND tenant_id = ?",
                (policy_id, tenant_id),
            ).rowcount
        if not gone:
            raise NotFound(f"Tenant {tenant_id} is not in deployment policy {policy_id}")

    # ----- documents -----

    def _files(self, policy_id: str) -> list[str]:
        return [
            r[0]
            for r in self.db.all(
                "SELECT inode_id FROM deployment_policy_files WHERE policy_id = ? ORDER BY seq",
                (policy_id,),
            )
        ]

    def files(self, policy_id: str, caller: str) -> list[dict[str, Any]]:
        """Each document (a folder as one entry); ``inode`` null where the caller cannot
        see it (or it is gone)."""
        self._admin(caller)
        self.require(policy_id)
        out = []
        for inode_id in self._files(policy_id):
            inode: dict[str, Any] | None = None
            try:
                row = self.inodes.row(inode_id)
                self.inodes.access(caller, inode_id)
                if not row["is_archived"] and row["type"] in _DOCUMENTS:
                    kind, id_field = _DOCUMENTS[row["type"]]
                    inode = {"name": row["name"], "type": kind, id_field: inode_id}
            except (NotFound, Forbidden):
                inode = None
            out.append({"inodeId": inode_id, "inode": inode, "deploymentPolicyId": policy_id})
        return out

    def add_files(self, policy_id: str, inode_ids: list[str], caller: str) -> None:
        """Add documents (all must be workbooks, data models, reports or folders, or none is
        added; ones already there: no change) and deploy those already tagged."""
        self._admin(caller)
        policy = self.require(policy_id)
        wanted = list(dict.fromkeys(str(i) for i in inode_ids))
        if not wanted:
            raise BadRequest("inodeIds cannot be empty")
        for inode_id in wanted:
            row = self.inodes.row(inode_id)
            if row["is_archived"]:
                raise NotFound.of("File", inode_id)
            if row["type"] not in _DOCUMENTS:
                raise BadRequest(f"Not a workbook, data model, report or folder: {inode_id}")
            self.inodes.access(caller, inode_id)
        with self.db.tx() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO deployment_policy_files (policy_id, inode_id) VALUES (?, ?)",
                [(policy_id, i) for i in wanted],
            )
        for inode_id in wanted:
            self._deploy_if_tagged(policy, inode_id, caller)

    def remove_file(self, policy_id: str, inode_id: str, caller: str) -> None:
        self._admin(caller)
        self.require(policy_id)
        with self.db.tx() as conn:
            gone = conn.execute(
                "DELETE FROM deployment_policy_files WHERE policy_id = ? AND inode_id = ?",
                (policy_id, inode_id),
            ).rowcount
        if not gone:
            raise NotFound(f"Document {inode_id} is not in deployment policy {policy_id}")

    # ----- deploying -----

    def _deploy(self, policy_id: str, workbook_id: str) -> None:
        for tenant_id in self._tenants(policy_id):
            if self.tenants.exists(tenant_id):
                self.tenants.ensure_deployment(
                    tenant_id, policy_id=policy_id, parent_workbook_id=workbook_id
                )

    def _deploy_if_tagged(self, policy: sqlite3.Row, inode_id: str, caller: str) -> None:
        if policy["version_tag_id"] is None:
            return
        row = self.inodes.row(inode_id)
        if row["type"] != "workbook":
            return
        tagged = self.tags.workbook_tags(inode_id, caller, offset=0, limit=1000).entries
        if any(t["versionTagId"] == policy["version_tag_id"] for t in tagged):
            self._deploy(policy["policy_id"], inode_id)

    def on_tag(self, workbook_id: str, tag_id: str, version: int, caller: str) -> None:
        """A workbook version was tagged: every live policy of that tag holding the
        workbook deploys it to its tenants."""
        for policy in self.db.all(
            "SELECT p.policy_id FROM deployment_policies p JOIN deployment_policy_files f "
            "ON f.policy_id = p.policy_id WHERE p.is_archived = 0 AND p.version_tag_id = ? "
            "AND f.inode_id = ? ORDER BY p.seq",
            (tag_id, workbook_id),
        ):
            self._deploy(policy["policy_id"], workbook_id)
