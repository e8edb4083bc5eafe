"""Workbook templates (``/v2/templates``) and templates other organizations shared with
this one (``/v2/shared_templates``).

A template is an ``inodes`` row of type ``template`` (its ``id`` is the ``templateId``)
with the pages and element kinds of the workbook it was saved from, and the connection its
data comes from (what ``swapSources`` changes). ``source`` is ``internal`` for templates made
here (``POST /v2/workbooks/{id}/saveTemplate``) and ``external`` for shares accepted from
another organization. Saving a workbook from a template lays those pages down afresh.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .connections import ConnectionStore
from .files import FileStore
from .members import MemberStore
from .org import APP_URL, OrgStore
from .paging import Page, offset_page
from .permissions import PermissionStore
from .text import name_of
from .workbooks import PageSpec, WorkbookStore

__all__ = ["SCHEMA", "TemplateStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS templates (
    template_id TEXT PRIMARY KEY,
    source TEXT NOT NULL DEFAULT 'internal',
    latest_version INTEGER NOT NULL DEFAULT 1,
    -- [[page name, [element kinds], hidden], ...]
    pages TEXT NOT NULL,
    connection_id TEXT
);
CREATE TABLE IF NOT EXISTS template_shares (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    share_id TEXT UNIQUE NOT NULL,
    provider_organization_id TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    pages TEXT NOT NULL,
    pending INTEGER NOT NULL DEFAULT 1,
    template_id TEXT,
    created_at TEXT NOT NULL
);
"""

SOURCES = ("internal", "external")


def _pages(specs: Sequence[PageSpec]) -> str:
    return json.dumps([[p.name, list(p.kinds), p.hidden] for p in specs])


def _specs(pages: str) -> list[PageSpec]:
    return [PageSpec(name, kinds, bool(hidden)) for name, kinds, hidden in json.loads(pages)]


class TemplateStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        members: MemberStore,
        workbooks: WorkbookStore,
        connections: ConnectionStore,
        permissions: PermissionStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.files = files
        self.members = members
        self.workbooks = workbooks
        self.connections = connections
        self.permissions = permissions

    def _joined(self, files: Sequence[sqlite3.Row]) -> list[dict[str, Any]]:
        """The templates' files, each with its template's own fields (one read)."""
        own = {
            r["template_id"]: r
            for r in self.db.all(
                "SELECT * FROM templates WHERE template_id IN (SELECT value FROM json_each(?))",
                (json.dumps([f["id"] for f in files]),),
            )
        }
        return [{**dict(f), **dict(own[f["id"]])} for f in files if f["id"] in own]

    def render(self, row: dict[str, Any]) -> dict[str, Any]:
        path = self.files.render(row, "view")["path"]
        return {
            "templateId": row["id"],
            "templateUrlId": row["url_id"],
            "name": row["name"],
            "url": f"{APP_URL}/{self.org.get().slug}/template/{row['url_id']}",
            "path": path.rsplit("/", 1)[0] if "/" in path else "",
            "latestVersion": row["latest_version"],
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
            "isArchived": bool(row["is_archived"]),
            "tags": [],
        }

    def row(self, template_id: str) -> dict[str, Any]:
        found = self._joined(list(self.files.rows([template_id]).values()))
        if not found or found[0]["is_archived"]:
            raise NotFound.of("Template", template_id)
        return found[0]

    def get(self, template_id: str) -> dict[str, Any]:
        return self.render(self.row(template_id))

    def list(self, *, source: str | None, search: str | None, offset: int, limit: int) -> Page:
        """Every template of the organization (templates are there for everyone to start
        from), in creation order; ``source`` internal or external, ``search`` in the name."""
        if source is not None and source not in SOURCES:
            raise BadRequest("source must be internal or external")
        ids = self.db.all(
            "SELECT template_id FROM templates WHERE ? IS NULL OR source = ?", (source, source)
        )
        got = self.files.page_of(
            "template", name=search or None, ids=[r[0] for r in ids], offset=offset, limit=limit
        )
        return Page([self.render(r) for r in self._joined(got.rows)], got.next_page, got.total)

    # ----- making templates -----

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        owner_id: str,
        parent_id: str,
        pages: Sequence[PageSpec],
        source: str = "internal",
        connection_id: str | None = None,
        description: str | None = None,
        at: str | None = None,
    ) -> str:
        """Lay a template down inside the caller's transaction."""
        template_id = self.files.insert(
            conn,
            name=name,
            type="template",
            owner_id=owner_id,
            parent_id=parent_id,
            description=description,
            at=at,
        )
        conn.execute(
            "INSERT INTO templates (template_id, source, pages, connection_id) VALUES (?,?,?,?)",
            (template_id, source, _pages(pages), connection_id),
        )
        return template_id

    def _first_connection(self) -> str | None:
        return self.connections.first_id()

    def save_from_workbook(
        self, workbook_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        """``POST /v2/workbooks/{id}/saveTemplate``: a template of the workbook (of its tagged
        version with ``tag``), owned by ``ownerId`` (default: the caller), in the owner's My
        Documents."""
        source = self.workbooks.row(workbook_id, caller, need="explore")
        tag = body.get("tag")
        if tag is not None and not self.workbooks.version_tags(
            workbook_id=workbook_id, name=str(tag)
        ):
            raise NotFound(f"Version tag not found on this workbook: {tag}")
        owner_id = str(body.get("ownerId") or caller)
        owner = self.members.row(owner_id)
        if owner["is_archived"] or owner["is_inactive"]:
            raise BadRequest("ownerId must be an active member")
        if owner_id != caller and not self.permissions.is_admin(caller):
            raise Forbidden("Only an admin can save a template for another member")
        name = name_of(body.get("name") or source["name"], "template")
        with self.db.tx() as conn:
            template_id = self.insert(
                conn,
                name=name,
                owner_id=owner_id,
                parent_id=owner["home_folder_id"],
                pages=self.workbooks.page_specs(workbook_id),
                connection_id=self._first_connection(),
                description=source["description"],
            )
        return {"templateId": template_id}

    def save_workbook(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/templates/save_workbook``: a new workbook from a template, owned by the
        caller, in ``folderId``; name and description default to the template's."""
        template = self.row(str(body.get("templateId") or ""))
        folder_id = str(body.get("folderId") or "")
        self.files.container(None, folder_id)
        self.files.access(caller, folder_id, need="organize")
        name = name_of(body.get("name") or template["name"], "workbook")
        with self.db.tx() as conn:
            workbook_id = self.workbooks.insert(
                conn,
                name=name,
                owner_id=caller,
                parent_id=folder_id,
                pages=_specs(template["pages"]),
                description=body.get("description") or template["description"],
            )
        return {"workbookId": workbook_id}

    def swap_sources(self, template_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """Point the template at another connection (``connectionMapping``); the mappings
        that name nothing the template uses come back as unswapped."""
        template = self.row(template_id)
        if template["owner_id"] != caller and not self.permissions.is_admin(caller):
            raise Forbidden("Only the template's owner or an admin can swap its sources")
        unswapped_connections: list[str] = []
        connection = template["connection_id"]
        for n, mapping in enumerate(body.get("connectionMapping") or []):
            from_id, to_id = str(mapping.get("fromId", "")), str(mapping.get("toId", ""))
            if not from_id or not to_id:
                raise BadRequest(f"connectionMapping[{n}] needs fromId and toId")
            self.connections.row(to_id)
            if from_id == connection:
                connection = to_id
            else:
                unswapped_connections.append(from_id)
        unswapped_sources = [
            str(m.get("fromId", "")) for m in body.get("sourceMapping") or []
        ]  # the emulator's templates read their connection's tables, not datasets
        if connection != template["connection_id"]:
            with self.db.tx() as conn:
                conn.execute(
                    "UPDATE templates SET connection_id = ?, latest_version = latest_version + 1 "
                    "WHERE template_id = ?",
                    (connection, template_id),
                )
                self.files.change(
                    conn, [template_id], updated_by=caller, updated_at=self.clock.iso()
                )
        return {
            "unswappedSources": unswapped_sources,
            "unswappedConnections": unswapped_connections,
        }

    # ----- shared with this organization -----

    @staticmethod
    def render_share(row: sqlite3.Row) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "providerOrganizationId": row["provider_organization_id"],
            "name": row["name"],
            "shareId": row["share_id"],
            "createdAt": row["created_at"],
            "pending": bool(row["pending"]),
        }
        if row["description"] is not None:
            entry["description"] = row["description"]
        return entry

    def shares(self, *, pending: bool | None, offset: int, limit: int) -> Page:
        where, args = "1", []
        if pending is not None:
            where, args = "pending = ?", [int(pending)]
        return offset_page(
            self.db,
            f"SELECT * FROM template_shares WHERE {where} ORDER BY seq",
            args,
            offset=offset,
            limit=limit,
        ).render(self.render_share)

    def _share(self, share_id: str) -> sqlite3.Row:
        row = self.db.one("SELECT * FROM template_shares WHERE share_id = ?", (share_id,))
        if row is None:
            raise NotFound.of("Template share", share_id)
        return row

    def _admin(self, caller: str) -> None:
        if not self.permissions.is_admin(caller):
            raise Forbidden("Only an admin can accept or remove shared templates")

    def accept_share(self, body: dict[str, Any], caller: str) -> None:
        """Accept a pending share: it becomes an external template, in the caller's My
        Documents. Accepting it again changes nothing."""
        self._admin(caller)
        share = self._share(str(body.get("shareId") or ""))
        swaps = body.get("sourceSwaps") or {}
        if not isinstance(swaps, dict):
            raise BadRequest("sourceSwaps maps a source id to the id to use instead")
        for to_id in swaps.values():
            self.connections.row(str(to_id))
        if not share["pending"]:
            return
        home = self.members.row(caller)["home_folder_id"]
        connection = next(iter(swaps.values()), None) or self._first_connection()
        with self.db.tx() as conn:
            template_id = self.insert(
                conn,
                name=share["name"],
                owner_id=caller,
                parent_id=home,
                pages=_specs(share["pages"]),
                source="external",
                connection_id=None if connection is None else str(connection),
                description=share["description"],
            )
            self.accepted(conn, share["share_id"], template_id)

    def delete_share(self, share_id: str, caller: str) -> None:
        """Remove a share; a template already accepted from it stays."""
        self._admin(caller)
        self._share(share_id)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM template_shares WHERE share_id = ?", (share_id,))

    def insert_share(
        self,
        conn: sqlite3.Connection,
        *,
        provider_organization_id: str,
        name: str,
        description: str | None,
        pages: Sequence[PageSpec],
        at: str,
    ) -> str:
        share_id = self.ids.uuid()
        conn.execute(
            "INSERT INTO template_shares (share_id, provider_organization_id, name, description, "
            "pages, created_at) VALUES (?,?,?,?,?,?)",
            (share_id, provider_organization_id, name, description, _pages(pages), at),
        )
        return share_id

    # used by the seeds

    @staticmethod
    def accepted(conn: sqlite3.Connection, share_id: str, template_id: str) -> None:
        """The share is no longer pending: it became that template (inside the caller's
        transaction)."""
        conn.execute(
            "UPDATE template_shares SET pending = 0, template_id = ? WHERE share_id = ?",
            (template_id, share_id),
        )
