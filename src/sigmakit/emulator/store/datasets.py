"""Datasets (deprecated by Sigma in favour of data models, still served): an inode of type
``dataset`` built on one catalogued table, and, once migrated, the data model it became.
Grants on a dataset are kept with the others (:mod:`.grants`, kind ``dataset``)."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..db import Database
from ..errors import NotFound
from .files import FileStore
from .org import APP_URL, OrgStore
from .paging import Page, offset_page
from .permissions import PermissionStore

__all__ = ["SCHEMA", "DatasetStore"]

SCHEMA = """
-- source_id: the catalogued table it reads; migrated_to: the data model it became
CREATE TABLE IF NOT EXISTS datasets (
    dataset_id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL,
    migrated_to TEXT,
    migrated_at TEXT,
    migrated_by TEXT
);
"""


class DatasetStore:
    def __init__(
        self, db: Database, org: OrgStore, files: FileStore, permissions: PermissionStore
    ) -> None:
        self.db = db
        self.org = org
        self.files = files
        self.permissions = permissions

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        owner_id: str,
        parent_id: str,
        source_id: str,
        at: str,
        description: str | None = None,
    ) -> str:
        """Add a dataset over a catalogued table inside the caller's transaction."""
        dataset_id = self.files.insert(
            conn,
            name=name,
            type="dataset",
            owner_id=owner_id,
            parent_id=parent_id,
            description=description,
            at=at,
        )
        conn.execute(
            "INSERT INTO datasets (dataset_id, source_id) VALUES (?, ?)", (dataset_id, source_id)
        )
        return dataset_id

    @staticmethod
    def migrated(
        conn: sqlite3.Connection, dataset_id: str, data_model_id: str, by: str, at: str
    ) -> None:
        conn.execute(
            "UPDATE datasets SET migrated_to = ?, migrated_at = ?, migrated_by = ? "
            "WHERE dataset_id = ?",
            (data_model_id, at, by, dataset_id),
        )

    _SELECT = (
        "SELECT i.*, d.source_id, d.migrated_to, d.migrated_at, d.migrated_by, "
        "m.url_id AS model_url_id FROM inodes i JOIN datasets d ON d.dataset_id = i.id "
        "LEFT JOIN inodes m ON m.id = d.migrated_to"
    )

    def row(self, dataset_id: str, caller: str) -> sqlite3.Row:
        """The dataset, or Sigma's 404 (also when the caller cannot see it)."""
        row = self.db.one(f"{self._SELECT} WHERE i.id = ?", (dataset_id,))
        if row is None:
            raise NotFound.of("Dataset", dataset_id)
        self.files.access(caller, dataset_id)
        return row

    def render(self, row: sqlite3.Row) -> dict[str, Any]:
        slug = self.org.get().slug
        path = self.files.render(row, "view")["path"]
        migration = None
        if row["migrated_to"] is not None:
            migration = {
                "dataModelId": row["migrated_to"],
                "dataModelUrl": f"{APP_URL}/{slug}/data-model/{row['model_url_id']}",
                "migratedAt": row["migrated_at"],
                "migratedBy": row["migrated_by"],
            }
        return {
            "datasetId": row["id"],
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
            "name": row["name"],
            "description": row["description"] or "",
            "url": f"{APP_URL}/{slug}/dataset/{row['url_id']}",
            "owner": row["owner_id"],
            "referenceCount": self._workbooks_reading(row["id"]),
            "path": path.rpartition("/")[0],
            "migrationToDataModel": migration,
            "migrationStatus": "migrated" if migration else "not-migrated",
            "isArchived": bool(row["is_archived"]),
        }

    def _workbooks_reading(self, dataset_id: str) -> int:
        """The live workbooks with an element reading the dataset (see :mod:`.lineage`)."""
        return int(
            self.db.scalar(
                "SELECT COUNT(DISTINCT s.workbook_id) FROM workbook_element_sources s "
                "JOIN inodes i ON i.id = s.workbook_id WHERE s.kind = 'dataset' AND s.ref = ? "
                "AND i.is_archived = 0",
                (dataset_id,),
            )
            or 0
        )

    def get(self, dataset_id: str, caller: str) -> dict[str, Any]:
        return self.render(self.row(dataset_id, caller))

    def list_for(
        self, caller: str, *, offset: int, limit: int, skip_permission_check: bool = False
    ) -> Page:
        if skip_permission_check and self.permissions.is_admin(caller):
            sql, args = f"{self._SELECT} WHERE i.is_archived = 0", list[Any]()
        else:
            cte, args = self.permissions.reachable_cte(caller)
            sql = f"WITH RECURSIVE {cte} {self._SELECT} JOIN reachable r ON r.id = i.id"
        got = offset_page(self.db, f"{sql} ORDER BY i.seq", args, offset=offset, limit=limit)
        return got.render(self.render)

    def sources(self, dataset_id: str, caller: str) -> list[dict[str, str]]:
        row = self.row(dataset_id, caller)
        return [{"type": "table", "inodeId": row["source_id"]}]
