"""A workbook's embeds (``/v2/workbooks/{id}/embeds``): the embed URLs of the workbook, one
of its pages or one of its elements."""

from __future__ import annotations

from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .org import APP_URL, OrgStore
from .paging import Page, offset_page
from .workbooks import WorkbookStore

__all__ = ["EMBED_TYPES", "SCHEMA", "SOURCE_TYPES", "EmbedStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS workbook_embeds (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    embed_id TEXT UNIQUE NOT NULL,
    workbook_id TEXT NOT NULL,
    embed_type TEXT NOT NULL,
    source_type TEXT NOT NULL,
    source_id TEXT,
    source_name TEXT,
    embed_url TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""

EMBED_TYPES = ("secure", "public", "application")
SOURCE_TYPES = ("workbook", "page", "element")


class EmbedStore:
    def __init__(
        self, db: Database, ids: IdFactory, clock: Clock, org: OrgStore, workbooks: WorkbookStore
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.workbooks = workbooks

    def list(self, workbook_id: str, caller: str, *, offset: int, limit: int) -> Page:
        self.workbooks.row(workbook_id, caller)
        got = offset_page(
            self.db,
            "SELECT * FROM workbook_embeds WHERE workbook_id = ? ORDER BY seq",
            (workbook_id,),
            offset=offset,
            limit=limit,
        )
        entries = [
            {
                "embedId": r["embed_id"],
                "embedUrl": r["embed_url"],
                "public": r["embed_type"] == "public",
                "sourceType": r["source_type"],
                "sourceId": r["source_id"],
                "sourceName": r["source_name"],
            }
            for r in got.rows
        ]
        return Page(entries, got.next_page, got.total)

    def create(self, workbook_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        workbook = self.workbooks.row(workbook_id, caller, need="edit")
        embed_type, source_type = body.get("embedType"), body.get("sourceType")
        if embed_type not in EMBED_TYPES:
            raise BadRequest(f"embedType must be one of {', '.join(EMBED_TYPES)}")
        if source_type not in SOURCE_TYPES:
            raise BadRequest(f"sourceType must be one of {', '.join(SOURCE_TYPES)}")
        source_id = body.get("sourceId")
        if source_type == "workbook":
            source_id, source_name = workbook_id, workbook["name"]
        elif not source_id:
            raise BadRequest(f"sourceId is required for a {source_type} embed")
        elif source_type == "page":
            source_name = self.workbooks.page_row(workbook_id, str(source_id))["name"]
        else:
            source_name = self.workbooks.element_row(workbook_id, str(source_id))["name"]
        embed_id = self.ids.uuid()
        url = f"{APP_URL}/{self.org.get().slug}/embed/1-{self.ids.url_id()}"
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO workbook_embeds (embed_id, workbook_id, embed_type, source_type, "
                "source_id, source_name, embed_url, created_by, created_at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    embed_id,
                    workbook_id,
                    embed_type,
                    source_type,
                    source_id,
                    source_name,
                    url,
                    caller,
                    self.clock.iso(),
                ),
            )
        return {"embedId": embed_id, "embedUrl": url}

    def delete(self, workbook_id: str, embed_id: str, caller: str) -> None:
        self.workbooks.row(workbook_id, caller, need="edit")
        with self.db.tx() as conn:
            gone = conn.execute(
                "DELETE FROM workbook_embeds WHERE workbook_id = ? AND embed_id = ?",
                (workbook_id, embed_id),
            ).rowcount
        if not gone:
            raise NotFound.of("Embed", embed_id)
