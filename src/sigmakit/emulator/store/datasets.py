"""Datasets (deprecated by Sigma in favour of data models, still served): an inode of type
``dataset`` built on one catalogued table, and, once migrated, the data model it became.
Grants on a dataset are kept with the others (:mod:`.grants`, kind ``dataset``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from ..db import Database
from .documents import Doc, Documents
from .files import FileStore
from .org import APP_URL, OrgStore
from .paging import Page
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
        self.documents = Documents(
            files,
            permissions,
            org,
            type="dataset",
            noun="Dataset",
            kind_rows=self._kind_rows,
            key="dataset",
            word="dataset",
        )
        #: ``(kind, ref) -> how many live documents read the source``: set by the lineage
        #: store, which keeps what documents read
        self.readers: Callable[[str, str], int] = lambda kind, ref: 0

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
        dataset_id = self.documents.create(
            conn,
            name=name,
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

    def _kind_rows(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The datasets' own rows by id, with the url id of the data model each became."""
        sql = f"SELECT * FROM datasets WHERE dataset_id IN ({','.join('?' * len(ids))})"
        rows = self.db.all(sql, list(ids))
        models = self.files.rows([r["migrated_to"] for r in rows if r["migrated_to"]])
        return {
            r["dataset_id"]: {
                **dict(r),
                "model_url_id": models[r["migrated_to"]]["url_id"]
                if r["migrated_to"] in models
                else None,
            }
            for r in rows
        }

    def row(self, dataset_id: str, caller: str) -> Doc:
        """The dataset, or Sigma's 404 (also when the caller cannot see it)."""
        return self.documents.row(dataset_id, caller)

    def render(self, row: Doc) -> dict[str, Any]:
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
            "referenceCount": self.readers("dataset", row["id"]),
            "path": path.rpartition("/")[0],
            "migrationToDataModel": migration,
            "migrationStatus": "migrated" if migration else "not-migrated",
            "isArchived": bool(row["is_archived"]),
        }

    def get(self, dataset_id: str, caller: str) -> dict[str, Any]:
        return self.render(self.row(dataset_id, caller))

    def list_for(
        self, caller: str, *, offset: int, limit: int, skip_permission_check: bool = False
    ) -> Page:
        got = self.documents.page(
            caller, offset=offset, limit=limit, skip_permission_check=skip_permission_check
        )
        return Page([self.render(d) for d in got.docs], got.next_page, got.total)

    def sources(self, dataset_id: str, caller: str) -> list[dict[str, str]]:
        row = self.row(dataset_id, caller)
        return [{"type": "table", "inodeId": row["source_id"]}]
