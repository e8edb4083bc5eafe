"""Reports: an ``inodes`` row of type ``report`` (its ``id`` is the ``reportId``, its
``url_id`` the ``reportUrlId``) plus its versions and version tags, kept here; its pages and
elements are laid down by :class:`.workbooks.WorkbookStore` (keyed by the report's id, as a
workbook's are), so a report's pages, elements, columns, controls, lineage, sources, queries
and exports are answered by the same code as a workbook's, through a
:class:`.workbooks.WorkbookStore` whose documents are reports (:class:`ReportContent`).
Schedules and sends are in :mod:`.report_schedules`.

Permissions are a workbook's: a member sees the reports they own, were granted, or that sit
in a folder or workspace they reach (:mod:`.permissions`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from ..jobs import Jobs
from .documents import Doc, Documents
from .exports import ExportStore
from .files import FileStore
from .lineage import LineageStore
from .org import OrgStore
from .paging import Page
from .permissions import PermissionStore
from .tags import TagStore
from .text import name_of
from .workbooks import PageSpec, WorkbookStore

__all__ = ["SCHEMA", "ReportContent", "ReportStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS reports (
    report_id TEXT PRIMARY KEY,
    latest_version INTEGER NOT NULL DEFAULT 1
);
-- each published version of a report: who published it, when
CREATE TABLE IF NOT EXISTS report_versions (
    report_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    PRIMARY KEY (report_id, version)
);
-- a version tag (an organization tag of /v2/tags) on one version of a report
CREATE TABLE IF NOT EXISTS report_tags (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id TEXT NOT NULL,
    version_tag_id TEXT NOT NULL,
    tag_name TEXT NOT NULL,
    source_version INTEGER NOT NULL,
    tagged_report_id TEXT NOT NULL,
    tagged_at TEXT NOT NULL,
    tagged_by TEXT NOT NULL,
    UNIQUE (report_id, version_tag_id)
);
"""

#: what a report exports to (``POST /v2/reports/{id}/export``): a PDF, the whole report or a page
EXPORT_LAYOUTS = ("portrait", "landscape")


class ReportContent(WorkbookStore):
    """The workbook store's pages, elements, columns and controls, over reports: a
    document is found (and the caller's permission checked) among reports, not
    workbooks. Lineage and exports take it in place of the workbook store."""

    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        permissions: PermissionStore,
    ) -> None:
        super().__init__(db, ids, clock, org, files, permissions)
        self.reports = Documents(
            files,
            permissions,
            org,
            type="report",
            noun="Report",
            kind_rows=self._report_rows,
            key="report",
            word="report",
        )

    def _report_rows(self, ids: Sequence[str]) -> Mapping[str, sqlite3.Row]:
        """The reports' own rows (their latest version) by id."""
        sql = f"SELECT * FROM reports WHERE report_id IN ({','.join('?' * len(ids))})"
        return {r["report_id"]: r for r in self.db.all(sql, list(ids))}

    def row(self, workbook_id: str, caller: str, need: str = "view") -> Doc:
        """The report's row, or Sigma's 404 (403 when the caller's permission is too low)."""
        return self.reports.row(workbook_id, caller, need, live=True)


class ReportStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        files: FileStore,
        permissions: PermissionStore,
        jobs: Jobs,
        tags: TagStore,
        lineage: LineageStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.files = files
        self.permissions = permissions
        self.tags = tags
        self.content = ReportContent(db, ids, clock, org, files, permissions)
        self.lineage = lineage.over(self.content)
        self.exports = ExportStore(db, ids, clock, jobs, self.content)

    # ----- reports -----

    def _tags(self, ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """The version tags of the reports of ``ids``, by report."""
        by_report: dict[str, list[dict[str, Any]]] = {}
        for t in self.db.all(
            f"SELECT * FROM report_tags WHERE report_id IN ({','.join('?' * len(ids))}) "
            "ORDER BY seq",
            list(ids),
        ):
            by_report.setdefault(t["report_id"], []).append(self._render_tag(t))
        return by_report

    def _render(self, rows: Sequence[Doc], *, tags: bool = True) -> list[dict[str, Any]]:
        paths = self.files.folder_paths()
        return self.content.reports.answers(
            rows,
            path=lambda r: paths.get(r["parent_id"] or "", ""),
            tags=self._tags if tags else None,
            described=True,
        )

    @staticmethod
    def _render_tag(t: sqlite3.Row) -> dict[str, Any]:
        return {
            "versionTagId": t["version_tag_id"],
            "tagName": t["tag_name"],
            "sourceVersion": t["source_version"],
            "taggedAt": t["tagged_at"],
            "taggedReportId": t["tagged_report_id"],
        }

    def row(self, report_id: str, caller: str, need: str = "view") -> Doc:
        return self.content.row(report_id, caller, need)

    def get(self, report_id: str, caller: str) -> dict[str, Any]:
        return self._render([self.row(report_id, caller)])[0]

    def list_for(
        self,
        caller: str,
        *,
        offset: int,
        limit: int,
        archived: bool = False,
        exclude_tags: bool = False,
        skip_permission_check: bool = False,
    ) -> Page:
        """The reports the caller can reach (every one, for an admin who skips the check),
        in creation order; archived ones (their owner's) only with ``archived``."""
        got = self.content.reports.page(
            caller,
            offset=offset,
            limit=limit,
            archived=archived,
            skip_permission_check=skip_permission_check,
        )
        return Page(self._render(got.docs, tags=not exclude_tags), got.next_page, got.total)

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        owner_id: str,
        parent_id: str,
        pages: Sequence[PageSpec],
        at: str | None = None,
        versions: int = 1,
        description: str | None = None,
    ) -> str:
        """Add a report with its pages, elements and ``versions`` published versions (all
        by its owner, the last at ``at``) inside the caller's transaction."""
        when = at or self.clock.iso()
        report_id = self.content.reports.create(
            conn,
            name=name,
            owner_id=owner_id,
            parent_id=parent_id,
            at=when,
            description=description,
        )
        conn.execute("INSERT INTO reports VALUES (?, ?)", (report_id, versions))
        conn.executemany(
            "INSERT INTO report_versions VALUES (?, ?, ?, ?)",
            [(report_id, v, when, owner_id) for v in range(1, versions + 1)],
        )
        self.content.lay_out(conn, report_id, pages)
        return report_id

    def _folder(self, folder_id: str, caller: str) -> None:
        """A live folder or workspace the caller may organize, or Sigma's 404 / 400 / 403."""
        self.files.container(None, folder_id)
        self.files.access(caller, folder_id, need="organize")

    def check_folder(self, folder_id: str, caller: str) -> None:
        """Where a new report may go (a workbook converted to one, :mod:`.workbook_sharing`)."""
        self._folder(folder_id, caller)

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/reports``: an empty report (one blank page) in ``folderId``, owned by
        the caller."""
        name = name_of(body.get("name"), "report")
        folder_id = str(body.get("folderId") or "")
        self._folder(folder_id, caller)
        with self.db.tx() as conn:
            report_id = self.insert(
                conn,
                name=name,
                owner_id=caller,
                parent_id=folder_id,
                pages=[PageSpec("Page 1", [])],
            )
        return self.get(report_id, caller)

    def copy(
        self, report_id: str, body: dict[str, Any], caller: str, tag: str | None = None
    ) -> dict[str, Any]:
        """``POST /v2/reports/{id}/copy`` (or ``/tag/{versionTag}/copy``, of a tagged
        version): a new report owned by the caller in ``destinationFolderId``, with the
        same pages and elements, and what each data element reads."""
        self.row(report_id, caller, need="explore")
        if tag is not None:
            self._tag_row(report_id, tag)
        name = name_of(body.get("name"), "report")
        dest = str(body.get("destinationFolderId") or "")
        self._folder(dest, caller)
        pages = self.content.page_specs(report_id)
        with self.db.tx() as conn:
            new_id = self.insert(conn, name=name, owner_id=caller, parent_id=dest, pages=pages)
        self.lineage.copy_sources(report_id, new_id)
        return self.get(new_id, caller)

    # ----- version tags and history -----

    def _tag_row(self, report_id: str, ref: str) -> sqlite3.Row:
        """The report's tag by its id or its name, or Sigma's 404."""
        row = self.db.one(
            "SELECT * FROM report_tags WHERE report_id = ? AND (version_tag_id = ? OR tag_name = ?)",
            (report_id, ref, ref),
        )
        if row is None:
            raise NotFound.of("Tag", ref)
        return row

    def tag(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/reports/tag``: put an organization tag on a version of the report (its
        latest without ``reportVersion``); tagging another version moves the tag."""
        report = self.row(str(body.get("reportId") or ""), caller, need="edit")
        tag = self.tags.require(str(body.get("tagName") or ""))
        latest = int(report["latest_version"])
        wanted = body.get("reportVersion")
        if wanted is None:
            version = latest
        elif (
            isinstance(wanted, bool) or not isinstance(wanted, int | float) or wanted != int(wanted)
        ):
            raise BadRequest("reportVersion must be a whole number")
        elif not 1 <= int(wanted) <= latest:
            raise BadRequest(f"reportVersion must be from 1 to {latest}")
        else:
            version = int(wanted)
        now = self.clock.iso()
        with self.db.tx() as conn:
            current = conn.execute(
                "SELECT * FROM report_tags WHERE report_id = ? AND version_tag_id = ?",
                (report["id"], tag["tag_id"]),
            ).fetchone()
            if current is None:
                tagged_id = self.add_tag(
                    conn, report["id"], (tag["tag_id"], tag["name"]), version, now, caller
                )
            else:
                tagged_id = current["tagged_report_id"]
                conn.execute(
                    "UPDATE report_tags SET source_version = ?, tagged_at = ?, tagged_by = ? "
                    "WHERE seq = ?",
                    (version, now, caller, current["seq"]),
                )
        return {
            "versionTagId": tag["tag_id"],
            "taggedReportId": tagged_id,
            "taggedReportVersion": version,
        }

    def tag_list(self, report_id: str, caller: str) -> list[dict[str, Any]]:
        self.row(report_id, caller)
        return [
            self._render_tag(t)
            for t in self.db.all(
                "SELECT * FROM report_tags WHERE report_id = ? ORDER BY seq", (report_id,)
            )
        ]

    def untag(self, report_id: str, tag_id: str, caller: str) -> None:
        self.row(report_id, caller, need="edit")
        with self.db.tx() as conn:
            gone = conn.execute(
                "DELETE FROM report_tags WHERE report_id = ? AND version_tag_id = ?",
                (report_id, tag_id),
            ).rowcount
        if not gone:
            raise NotFound.of("Tag", tag_id)

    def history(self, report_id: str, caller: str) -> list[dict[str, Any]]:
        """Each published version, newest first, with the tags on it."""
        self.row(report_id, caller)
        tags: dict[int, list[dict[str, Any]]] = {}
        for t in self.db.all(
            "SELECT * FROM report_tags WHERE report_id = ? ORDER BY seq", (report_id,)
        ):
            tags.setdefault(t["source_version"], []).append(
                {
                    "versionTagId": t["version_tag_id"],
                    "taggedAt": t["tagged_at"],
                    "taggedBy": t["tagged_by"],
                }
            )
        return [
            {
                "version": v["version"],
                "publishedAt": v["published_at"],
                "publishedBy": v["published_by"],
                "tags": tags.get(v["version"], []),
            }
            for v in self.db.all(
                "SELECT * FROM report_versions WHERE report_id = ? ORDER BY version DESC",
                (report_id,),
            )
        ]

    # ----- exports and sources -----

    def export(
        self, report_id: str, body: dict[str, Any], caller: str, ttl: float | None
    ) -> dict[str, Any]:
        """``POST /v2/reports/{id}/export``: a PDF of the report or of one page, made by the
        workbooks' export jobs (``GET /v2/query/{queryId}/download`` serves it)."""
        self.row(report_id, caller)
        fmt = body.get("format")
        if not isinstance(fmt, dict) or fmt.get("type") != "pdf":
            raise BadRequest('format must be {"type": "pdf", "layout": "portrait" or "landscape"}')
        if fmt.get("layout") not in EXPORT_LAYOUTS:
            raise BadRequest("format.layout must be portrait or landscape")
        if body.get("elementId") is not None:
            raise BadRequest("A report exports whole or by page, not by element")
        wanted: dict[str, Any] = {
            k: body[k] for k in ("format", "pageId", "parameters", "timeout") if k in body
        }
        return self.exports.export(report_id, wanted, caller, ttl)

    def swap_sources(self, report_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/reports/{id}/swapSources``: every data element reading a ``from``
        source reads its ``to`` instead. All or nothing: an unknown source is a 400."""
        self.row(report_id, caller, need="edit")
        mapping = body.get("sourceMapping")
        if not isinstance(mapping, list) or not mapping:
            raise BadRequest("sourceMapping must be a list of {from, to}")
        pairs = []
        for n, item in enumerate(mapping):
            if not isinstance(item, dict):
                raise BadRequest(f"sourceMapping[{n}] must be an object: {{from, to}}")
            pairs.append(
                (self._ref(item.get("from"), n, "from"), self._ref(item.get("to"), n, "to"))
            )
        self.lineage.swap_sources(report_id, pairs)
        return {}

    def _ref(self, source: Any, n: int, side: str) -> tuple[str, str]:
        """A source of the swap as ``(kind, ref)``, as the lineage store keeps it."""
        where = f"sourceMapping[{n}].{side}"
        if not isinstance(source, dict):
            raise BadRequest(f"{where} must be an object with a type")
        kind = source.get("type")
        key = {
            "table": "tableId",
            "dataset": "datasetId",
            "data-model": "elementId",
            "custom-sql": "customSqlId" if side == "from" else "connectionId",
        }.get(str(kind))
        if key is None:
            raise BadRequest(f"{where}.type must be table, dataset, data-model or custom-sql")
        value = source.get(key)
        if not isinstance(value, str) or not value:
            raise BadRequest(f"{where}.{key} is required")
        if not self.lineage.source_exists(str(kind), value) and not (
            kind == "custom-sql" and side == "from"
        ):
            raise BadRequest(f"{where}: no such {kind} source: {value}")
        return str(kind), value

    # used by the seeds

    def add_tag(
        self,
        conn: sqlite3.Connection,
        report_id: str,
        tag: tuple[str, str],
        version: int,
        at: str,
        by: str,
    ) -> str:
        """Tag a version of the report with ``tag`` (its id and name), which it has on no
        version yet (inside the caller's transaction); the tagged version's id."""
        tagged_id = self.ids.uuid()
        conn.execute(
            "INSERT INTO report_tags (report_id, version_tag_id, tag_name, source_version, "
            "tagged_report_id, tagged_at, tagged_by) VALUES (?,?,?,?,?,?,?)",
            (report_id, *tag, version, tagged_id, at, by),
        )
        return tagged_id
