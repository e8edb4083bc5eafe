"""Tenant organizations (``/v2/tenants``): organizations the parent organization created,
which tenants each may deploy to, and which workbook a deployment put in a tenant.

Every operation needs an Admin's credentials (the description says so for each). Other
stores look a tenant up with :meth:`TenantStore.require` (Sigma's 404 if there is none).
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Conflict, Forbidden, NotFound
from ..ids import IdFactory
from .org import APP_URL, OrgStore
from .permissions import PermissionStore
from .workbooks import WorkbookStore

__all__ = ["CLOUDS", "SCHEMA", "TenantStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS tenants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    slug TEXT UNIQUE NOT NULL,
    cloud TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tenant_deploy_targets (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    UNIQUE (tenant_id, target_id)
);
-- a workbook a deployment policy put in a tenant: parent (source or tagged) workbook -> copy
CREATE TABLE IF NOT EXISTS tenant_workbooks (
    tenant_id TEXT NOT NULL,
    deployment_policy_id TEXT NOT NULL,
    parent_workbook_id TEXT NOT NULL,
    workbook_id TEXT NOT NULL,
    url_id TEXT NOT NULL
);
"""

#: the description's ``cloudProvider`` values -> (provider, region, API base URL)
CLOUDS: dict[str, tuple[str, str, str]] = {
    "aws": ("aws", "us-west-2", "https://aws-api.sigmacomputing.com"),
    "aws-us-a": ("aws", "us-east-1", "https://api.us-a.aws.sigmacomputing.com"),
    "aws-au": ("aws", "ap-southeast-2", "https://api.au.aws.sigmacomputing.com"),
    "aws-ca": ("aws", "ca-central-1", "https://api.ca.aws.sigmacomputing.com"),
    "aws-eu": ("aws", "eu-central-1", "https://api.eu.aws.sigmacomputing.com"),
    "aws-uk": ("aws", "eu-west-2", "https://api.uk.aws.sigmacomputing.com"),
    "azure-ca": ("azure", "canadacentral", "https://api.ca.azure.sigmacomputing.com"),
    "azure-eu": ("azure", "westeurope", "https://api.eu.azure.sigmacomputing.com"),
    "azure-uk": ("azure", "uksouth", "https://api.uk.azure.sigmacomputing.com"),
    "azure-us": ("azure", "eastus2", "https://api.us.azure.sigmacomputing.com"),
    "gcp": ("gcp", "us-central1", "https://api.sigmacomputing.com"),
    "gcp-us": ("gcp", "us-central1", "https://api.sigmacomputing.com"),
}
#: the parent organization's cloud: a tenant created without ``cloudProvider`` lands there
DEFAULT_CLOUD = "aws"
#: an organization slug: lower-case letters, digits and inner hyphens
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
_SORT_KEYS = {"createdAt": "created_at", "createdBy": "created_by", "name": "name", "url": "slug"}


class TenantStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        permissions: PermissionStore,
        workbooks: WorkbookStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.permissions = permissions
        self.workbooks = workbooks

    # ----- lookups other stores use -----

    def require(self, tenant_id: str) -> sqlite3.Row:
        """The tenant's row, or Sigma's 404 ``Tenant not found: <id>``."""
        row = self.db.one("SELECT * FROM tenants WHERE tenant_id = ?", (tenant_id,))
        if row is None:
            raise NotFound.of("Tenant", tenant_id)
        return row

    def exists(self, tenant_id: str) -> bool:
        return self.db.one("SELECT 1 FROM tenants WHERE tenant_id = ?", (tenant_id,)) is not None

    def admin(self, caller: str) -> None:
        """Every tenant operation needs an Admin's credentials."""
        if not self.permissions.is_admin(caller):
            raise Forbidden("Only an Admin may manage tenant organizations")

    # ----- rendering -----

    def render(self, row: sqlite3.Row) -> dict[str, Any]:
        provider, region, api_url = CLOUDS[row["cloud"]]
        return {
            "tenantOrganizationId": row["tenant_id"],
            "parentOrganizationId": self.org.get().id,
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
            "tenantOrganizationName": row["name"],
            "tenantOrganizationSlug": row["slug"],
            "tenantCloudProvider": provider,
            "tenantRegion": region,
            "tenantApiUrl": api_url,
        }

    # ----- tenants -----

    def entries(
        self, caller: str, *, search: str | None = None, key: str | None = None, order: str = "asc"
    ) -> list[dict[str, Any]]:
        """Every tenant (the route pages them), filtered by ``search`` (in the slug, or the
        creator's id) and sorted by ``key`` (creation order without one)."""
        self.admin(caller)
        where, args = "1", []
        if search:
            where = "(instr(lower(slug), ?) > 0 OR created_by = ?)"
            args = [search.lower(), search]
        column = _SORT_KEYS.get(key or "", "seq")
        direction = "DESC" if order == "desc" else "ASC"
        rows = self.db.all(
            f"SELECT * FROM tenants WHERE {where} ORDER BY {column} {direction}, seq", args
        )
        return [self.render(r) for r in rows]

    def get(self, tenant_id: str, caller: str) -> dict[str, Any]:
        self.admin(caller)
        return self.render(self.require(tenant_id))

    @staticmethod
    def _name(value: object) -> str:
        name = str(value or "").strip()
        if not name:
            raise BadRequest("tenantOrganizationName cannot be empty")
        if len(name) > 100:
            raise BadRequest("tenantOrganizationName is longer than 100 characters")
        return name

    def _slug(self, value: object, conn: sqlite3.Connection, tenant_id: str = "") -> str:
        slug = str(value or "").strip()
        if not _SLUG.match(slug):
            raise BadRequest(
                f"Invalid tenantOrganizationSlug: {slug!r} (lower-case letters, digits and "
                "hyphens, at most 63)"
            )
        if slug == self.org.get().slug:
            raise Conflict(f"The organization slug {slug!r} is taken")
        taken = conn.execute(
            "SELECT tenant_id FROM tenants WHERE slug = ? AND tenant_id != ?", (slug, tenant_id)
        ).fetchone()
        if taken is not None:
            raise Conflict(f"The organization slug {slug!r} is taken")
        return slug

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        slug: str,
        created_by: str,
        cloud: str = DEFAULT_CLOUD,
        at: str | None = None,
    ) -> str:
        """Add a tenant inside the caller's transaction (the seed's way in)."""
        tenant_id = self.ids.uuid()
        when = at or self.clock.iso()
        conn.execute(
            "INSERT INTO tenants (tenant_id, name, slug, cloud, created_by, updated_by, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
            (tenant_id, name, slug, cloud, created_by, created_by, when, when),
        )
        return tenant_id

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.admin(caller)
        name = self._name(body.get("tenantOrganizationName"))
        cloud = body.get("cloudProvider") or DEFAULT_CLOUD
        if cloud not in CLOUDS:
            raise BadRequest(f"Invalid cloudProvider: {cloud!r}")
        with self.db.tx() as conn:
            slug = self._slug(body.get("tenantOrganizationSlug"), conn)
            tenant_id = self.insert(conn, name=name, slug=slug, created_by=caller, cloud=cloud)
        return self.render(self.require(tenant_id))

    def update(self, tenant_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.admin(caller)
        row = self.require(tenant_id)
        with self.db.tx() as conn:
            name = row["name"]
            if body.get("tenantOrganizationName") is not None:
                name = self._name(body["tenantOrganizationName"])
            slug = row["slug"]
            if body.get("tenantOrganizationSlug") is not None:
                slug = self._slug(body["tenantOrganizationSlug"], conn, tenant_id)
            conn.execute(
                "UPDATE tenants SET name = ?, slug = ?, updated_by = ?, updated_at = ? "
                "WHERE tenant_id = ?",
                (name, slug, caller, self.clock.iso(), tenant_id),
            )
        return self.render(self.require(tenant_id))

    def delete(self, tenant_id: str, caller: str) -> None:
        """The tenant, what it may deploy to, what may deploy to it, and its deployments."""
        self.admin(caller)
        self.require(tenant_id)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM tenants WHERE tenant_id = ?", (tenant_id,))
            conn.execute(
                "DELETE FROM tenant_deploy_targets WHERE tenant_id = ? OR target_id = ?",
                (tenant_id, tenant_id),
            )
            conn.execute("DELETE FROM tenant_workbooks WHERE tenant_id = ?", (tenant_id,))

    # ----- deployment capabilities -----

    def targets(self, tenant_id: str, caller: str) -> list[dict[str, Any]]:
        """The tenants this one may deploy to, in the order they were added."""
        self.admin(caller)
        self.require(tenant_id)
        return [
            {"tenantOrganizationId": r["target_id"]}
            for r in self.db.all(
                "SELECT target_id FROM tenant_deploy_targets WHERE tenant_id = ? ORDER BY seq",
                (tenant_id,),
            )
        ]

    def _target_ids(self, tenant_id: str, ids: list[str]) -> list[str]:
        wanted = list(dict.fromkeys(str(i) for i in ids))
        if not wanted:
            raise BadRequest("deployToTenantOrganizationIds cannot be empty")
        for target in wanted:
            self.require(target)
        if tenant_id in wanted:
            raise BadRequest("A tenant organization cannot deploy to itself")
        return wanted

    def add_targets(self, tenant_id: str, ids: list[str], caller: str) -> list[dict[str, Any]]:
        """Let the tenant deploy to ``ids`` (some already there: no change); every target
        must exist, or nothing is added."""
        self.admin(caller)
        self.require(tenant_id)
        wanted = self._target_ids(tenant_id, ids)
        with self.db.tx() as conn:
            self.allow_targets(conn, tenant_id, wanted)
        return self.targets(tenant_id, caller)

    @staticmethod
    def allow_targets(conn: sqlite3.Connection, tenant_id: str, targets: list[str]) -> None:
        """Let the tenant deploy to ``targets`` (inside the caller's transaction, no checks)."""
        conn.executemany(
            "INSERT OR IGNORE INTO tenant_deploy_targets (tenant_id, target_id) VALUES (?, ?)",
            [(tenant_id, t) for t in targets],
        )

    def remove_targets(self, tenant_id: str, ids: list[str], caller: str) -> None:
        """Take the capabilities away (ones it did not have: no change)."""
        self.admin(caller)
        self.require(tenant_id)
        wanted = self._target_ids(tenant_id, ids)
        with self.db.tx() as conn:
            conn.executemany(
                "DELETE FROM tenant_deploy_targets WHERE tenant_id = ? AND target_id = ?",
                [(tenant_id, t) for t in wanted],
            )

    # ----- deployed workbooks -----

    def add_deployment(
        self,
        conn: sqlite3.Connection,
        tenant_id: str,
        *,
        policy_id: str,
        parent_workbook_id: str,
    ) -> str:
        """Record a workbook a deployment policy put in the tenant (the seed's way in)."""
        workbook_id = self.ids.uuid()
        conn.execute(
            "INSERT INTO tenant_workbooks VALUES (?, ?, ?, ?, ?)",
            (tenant_id, policy_id, parent_workbook_id, workbook_id, self.ids.url_id()),
        )
        return workbook_id

    def ensure_deployment(self, tenant_id: str, *, policy_id: str, parent_workbook_id: str) -> str:
        """The tenant's copy of a workbook a deployment policy deploys: the one there already
        (a deployment updates it in place), else a new one."""
        row = self.db.one(
            "SELECT workbook_id FROM tenant_workbooks WHERE tenant_id = ? "
            "AND deployment_policy_id = ? AND parent_workbook_id = ?",
            (tenant_id, policy_id, parent_workbook_id),
        )
        if row is not None:
            return str(row["workbook_id"])
        with self.db.tx() as conn:
            return self.add_deployment(
                conn, tenant_id, policy_id=policy_id, parent_workbook_id=parent_workbook_id
            )

    def deployed_workbook(
        self,
        tenant_id: str,
        caller: str,
        *,
        parent_workbook_id: str | None,
        policy_id: str | None,
    ) -> dict[str, str]:
        """The tenant's copy of a parent workbook (its source or its tagged id) deployed by a
        policy (any policy without ``policy_id``); Sigma's 404 when it was not deployed there."""
        self.admin(caller)
        tenant = self.require(tenant_id)
        if not parent_workbook_id:
            raise BadRequest("parentWorkbookId is required")
        # the parent itself, or the workbook whose tagged version it is
        parents = [parent_workbook_id] + [
            t["workbook_id"] for t in self.workbooks.version_tags(tagged_id=parent_workbook_id)
        ]
        row = self.db.one(
            "SELECT workbook_id, url_id FROM tenant_workbooks WHERE tenant_id = ? "
            "AND (? IS NULL OR deployment_policy_id = ?) "
            "AND parent_workbook_id IN (SELECT value FROM json_each(?))",
            (tenant_id, policy_id, policy_id, json.dumps(parents)),
        )
        if row is None:
            by = f" by deployment policy {policy_id}" if policy_id else ""
            raise NotFound(
                f"Workbook {parent_workbook_id} is not deployed to tenant {tenant_id}{by}"
            )
        return {
            "workbookId": row["workbook_id"],
            "workbookUrl": f"{APP_URL}/{tenant['slug']}/workbook/{row['url_id']}",
        }
