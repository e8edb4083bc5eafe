"""A workbook handed on: converted to a report (``POST /v2/workbooks/{id}/convertToReport``),
sent now to recipients (``POST /v2/workbooks/{id}/send``: each attachment an export job, as
``POST /v2/workbooks/{id}/export`` starts, the delivery recorded in ``workbook_sends``) and
shared with other organizations (``POST /v2/workbooks/{id}/shareCrossOrg``, recorded in
``workbook_cross_org_shares``). The emulator delivers nothing."""

from __future__ import annotations

import json
import re
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest
from .exports import ExportStore
from .lineage import LineageStore
from .members import MemberStore
from .org import OrgStore
from .report_schedules import check_send_targets
from .reports import ReportStore
from .teams import TeamStore
from .text import name_of
from .workbooks import PageSpec, WorkbookStore

__all__ = ["SCHEMA", "WorkbookSharingStore"]

SCHEMA = """
-- what POST /v2/workbooks/{id}/send was asked to deliver, and the export jobs it started
CREATE TABLE IF NOT EXISTS workbook_sends (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workbook_id TEXT NOT NULL,
    targets TEXT NOT NULL,
    query_ids TEXT NOT NULL,
    sent_by TEXT NOT NULL,
    sent_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS workbook_cross_org_shares (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    workbook_id TEXT NOT NULL,
    org_slug TEXT NOT NULL,
    share_datasets INTEGER NOT NULL,
    copy_input_table_data INTEGER NOT NULL,
    shared_by TEXT NOT NULL,
    shared_at TEXT NOT NULL
);
"""

#: what each ``type`` of a workbook send's target names
_SEND_TARGETS = {
    "member": "userId",
    "team": "teamId",
    "email": "email",
    "slackChannel": "slackConversationId",
    "gsheet": "googleSpreadsheetUrl",
    "gdrive": "googleDriveFolderUrl",
    "cloud-export": "cloudExport",
    "webhook": "webhookUrl",
    "workbook-cloud-export": "workbookCloudExport",
}
#: an attachment's ``formatOptions.type`` -> the export format it is made in (NONE: a link)
_ATTACHMENT_FORMATS = {
    "CSV": "csv",
    "JSON": "json",
    "JSONL": "jsonl",
    "EXCEL": "xlsx",
    "PDF": "pdf",
    "PNG": "png",
    "NONE": None,
}
PAGE_SIZES = ("letter", "a4", "legal", "a3")
#: element types a report cannot hold: left out of a converted report, with a warning
NOT_IN_REPORTS = ("input-table",)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class WorkbookSharingStore:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        org: OrgStore,
        members: MemberStore,
        teams: TeamStore,
        workbooks: WorkbookStore,
        exports: ExportStore,
        reports: ReportStore,
        lineage: LineageStore,
    ) -> None:
        self.db = db
        self.clock = clock
        self.org = org
        self.members = members
        self.teams = teams
        self.workbooks = workbooks
        self.exports = exports
        self.reports = reports
        self.lineage = lineage

    # ----- convert to a report -----

    def convert(self, workbook_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """A new report owned by the caller, in ``destinationFolderId`` (or their My
        Documents), with the workbook's pages (or those of ``pageIds``) and what their
        elements read; the workbook is left as it was. Elements a report cannot hold are
        left out, and a warning names them."""
        workbook = self.workbooks.get(workbook_id, caller)
        self.workbooks.row(workbook_id, caller, need="explore")
        name = name_of(body.get("name"), "report")
        description = body.get("description")
        if description is not None and not isinstance(description, str):
            raise BadRequest("description is a string")
        _check_format(body.get("format"))
        folder = body.get("destinationFolderId")
        if folder is None:
            folder = self.members.row(caller)["home_folder_id"]
        if not isinstance(folder, str) or not folder:
            raise BadRequest("destinationFolderId is a folder's id")
        self.reports.check_folder(folder, caller)
        pages = self.workbooks.page_specs(workbook_id)
        listed = self.workbooks.pages(workbook_id, caller, offset=0, limit=len(pages) or 1)
        page_ids = [p["pageId"] for p in listed.entries]
        wanted = body.get("pageIds")
        if wanted is not None:
            if (
                not isinstance(wanted, list)
                or not wanted
                or not all(isinstance(p, str) for p in wanted)
            ):
                raise BadRequest("pageIds lists the ids of the workbook's pages to convert")
            unknown = [p for p in wanted if p not in page_ids]
            if unknown:
                raise BadRequest(f"Workbook {workbook_id} has no page {unknown[0]}")
        specs: list[PageSpec] = []
        kept: list[Any] = []
        dropped: list[Any] = []
        for page_id, spec in zip(page_ids, pages, strict=True):
            if wanted is not None and page_id not in wanted:
                continue
            elements = self.workbooks.element_rows(workbook_id, page_id)
            dropped += [e for e in elements if e["type"] in NOT_IN_REPORTS]
            here = [e for e in elements if e["type"] not in NOT_IN_REPORTS]
            kept += here
            specs.append(PageSpec(spec.name, [e["kind"] for e in here], spec.hidden))
        with self.db.tx() as conn:
            report_id = self.reports.insert(
                conn,
                name=name,
                owner_id=caller,
                parent_id=folder,
                pages=specs,
                description=description or None,
            )
        sources = self.lineage.stored_sources(workbook_id)
        new = self.reports.content.element_rows(report_id)
        self.lineage.set_sources(
            report_id,
            {
                now["element_id"]: sources[was["element_id"]]
                for was, now in zip(kept, new, strict=True)
                if was["element_id"] in sources
            },
        )
        warnings = []
        if dropped:
            warnings.append(
                {
                    "code": "unsupported-elements",
                    "message": f"{len(dropped)} element(s) a report cannot hold were left out",
                    "details": [
                        {
                            "type": kind,
                            "count": sum(e["type"] == kind for e in dropped),
                            "sourceElementIds": [
                                e["element_id"] for e in dropped if e["type"] == kind
                            ],
                        }
                        for kind in sorted({e["type"] for e in dropped})
                    ],
                }
            )
        return {
            "convertedReport": self.reports.get(report_id, caller),
            "sourceWorkbook": {
                "workbookId": workbook_id,
                "name": workbook["name"],
                "url": workbook["url"],
            },
            "warnings": warnings,
        }

    # ----- send now -----

    def send(
        self, workbook_id: str, body: dict[str, Any], caller: str, ttl: float | None = None
    ) -> dict[str, Any]:
        """Check the recipients, the message and the attachments, start an export job for
        each attachment that is a file (``NONE`` is a link only), and record the send."""
        self.workbooks.row(workbook_id, caller)
        config = body.get("config")
        if not isinstance(config, dict) or not isinstance(config.get("messageBody"), str):
            raise BadRequest("config is required: {title, messageBody}")
        if not isinstance(config.get("title"), str) or not config["title"].strip():
            raise BadRequest("config.title is required")
        attachments = body.get("attachments")
        if not isinstance(attachments, list) or not attachments:
            raise BadRequest("attachments must list at least one attachment")
        exports = [self._export_body(n, a, body) for n, a in enumerate(attachments)]
        kept = check_send_targets(body.get("targets"), _SEND_TARGETS, self.members, self.teams)
        # every attachment is checked before any export starts: a bad one starts none
        for export in exports:
            if export is not None:
                self.exports.plan(workbook_id, export, caller)
        query_ids = [
            self.exports.export(workbook_id, export, caller, ttl)["queryId"]
            for export in exports
            if export is not None
        ]
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO workbook_sends (workbook_id, targets, query_ids, sent_by, sent_at) "
                "VALUES (?,?,?,?,?)",
                (workbook_id, json.dumps(kept), json.dumps(query_ids), caller, self.clock.iso()),
            )
        return {}

    @staticmethod
    def _export_body(n: int, attachment: Any, body: dict[str, Any]) -> dict[str, Any] | None:
        """The export an attachment makes (None for a link only), in the words of
        ``POST /v2/workbooks/{id}/export``."""
        where = f"attachments[{n}]"
        if not isinstance(attachment, dict):
            raise BadRequest(f"{where} must be an object with formatOptions and source")
        options, source = attachment.get("formatOptions"), attachment.get("source")
        kind = options.get("type") if isinstance(options, dict) else None
        if not isinstance(kind, str) or kind not in _ATTACHMENT_FORMATS:
            raise BadRequest(
                f"{where}.formatOptions.type must be one of {', '.join(_ATTACHMENT_FORMATS)}"
            )
        fmt = _ATTACHMENT_FORMATS[kind]
        if fmt is None:
            return None
        assert isinstance(options, dict)
        export: dict[str, Any] = {
            "format": {"type": fmt}
            | {k: v for k, v in options.items() if k in ("layout", "pixelWidth", "pixelHeight")}
        }
        target = source.get("type") if isinstance(source, dict) else None
        if target not in ("element", "page", "all"):
            raise BadRequest(f"{where}.source.type must be element, page or all")
        assert isinstance(source, dict)
        key = {"element": "elementId", "page": "pageId"}.get(target)
        if key is not None:
            nodes = source.get("nodeIds")
            ref = source.get(key) or (nodes[0] if isinstance(nodes, list) and nodes else None)
            if not isinstance(ref, str) or not ref:
                raise BadRequest(f"{where}.source.{key} is required")
            export[key] = ref
        if isinstance(body.get("parameters"), dict):
            export["parameters"] = body["parameters"]
        row_limit = (body.get("config") or {}).get("rowLimit")
        if row_limit is not None:
            export["rowLimit"] = row_limit
        return export

    def sends(self, workbook_id: str) -> list[dict[str, Any]]:
        """What was sent of the workbook, oldest first (for the console and tests)."""
        return [
            {
                "targets": json.loads(r["targets"]),
                "queryIds": json.loads(r["query_ids"]),
                "sentBy": r["sent_by"],
                "sentAt": r["sent_at"],
            }
            for r in self.db.all(
                "SELECT * FROM workbook_sends WHERE workbook_id = ? ORDER BY seq", (workbook_id,)
            )
        ]

    # ----- share with other organizations -----

    def share_cross_org(
        self, workbook_id: str, body: dict[str, Any], caller: str
    ) -> dict[str, Any]:
        """``{orgSlugs, shareDatasets?, copyInputTableData?, sendEmail?, emailMessage?}``:
        record a share with each organization (the emulator has no other organization to
        put a copy in). Only someone who may edit the workbook shares it; the
        organization's own slug is refused."""
        self.workbooks.row(workbook_id, caller, need="edit")
        slugs = body.get("orgSlugs")
        if not isinstance(slugs, list) or not slugs:
            raise BadRequest("orgSlugs must list at least one organization slug")
        own = self.org.get().slug
        for n, slug in enumerate(slugs):
            if not isinstance(slug, str) or not _SLUG.match(slug):
                raise BadRequest(f"orgSlugs[{n}] is not an organization slug: {slug!r}")
            if slug == own:
                raise BadRequest("A workbook cannot be shared with its own organization")
        flags = {}
        for key in ("shareDatasets", "copyInputTableData", "sendEmail"):
            value = body.get(key, False)
            if not isinstance(value, bool):
                raise BadRequest(f"{key} is true or false")
            flags[key] = value
        message = body.get("emailMessage")
        if message is not None and not isinstance(message, str):
            raise BadRequest("emailMessage is a string")
        now = self.clock.iso()
        with self.db.tx() as conn:
            conn.executemany(
                "INSERT INTO workbook_cross_org_shares (workbook_id, org_slug, share_datasets, "
                "copy_input_table_data, shared_by, shared_at) VALUES (?,?,?,?,?,?)",
                [
                    (
                        workbook_id,
                        slug,
                        int(flags["shareDatasets"]),
                        int(flags["copyInputTableData"]),
                        caller,
                        now,
                    )
                    for slug in dict.fromkeys(slugs)
                ],
            )
        return {}

    def cross_org_shares(self, workbook_id: str) -> list[str]:
        """The organizations the workbook was shared with (for the console and tests)."""
        return [
            r["org_slug"]
            for r in self.db.all(
                "SELECT org_slug FROM workbook_cross_org_shares WHERE workbook_id = ? ORDER BY seq",
                (workbook_id,),
            )
        ]


def _check_format(fmt: Any) -> None:
    """A converted report's page ``format``: a preset size and a layout, or a custom size."""
    if fmt is None:
        return
    if not isinstance(fmt, dict):
        raise BadRequest("format is an object: {pageSize, layout} or a custom size")
    size = fmt.get("pageSize")
    if size == "custom":
        if fmt.get("unit") not in ("pixels", "inches", "centimeters"):
            raise BadRequest("format.unit must be pixels, inches or centimeters")
        for key in ("width", "height"):
            value = fmt.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise BadRequest(f"format.{key} must be a number above 0")
    elif size in PAGE_SIZES:
        if fmt.get("layout", "portrait") not in ("portrait", "landscape"):
            raise BadRequest("format.layout must be portrait or landscape")
    else:
        raise BadRequest(f"format.pageSize must be one of {', '.join(PAGE_SIZES)} or custom")
