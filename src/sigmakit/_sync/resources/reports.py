# generated from src/sigmakit/_async/resources/reports.py by scripts/unasync.py; edit that file, then `make generate`
"""``/v2/reports``: reports, their pages, elements, sources and lineage, copies, PDF exports
(downloaded as a workbook's are: :meth:`Workbooks.download`, or
:func:`sigmakit.jobs.download_export`), schedules, sends, grants and version tags.

The lists under one report page with ``pageSize``/``pageToken``; the list of reports and of
a report's schedules with ``limit``/``page``.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Mapping
from typing import Any

from sigmakit._errors import InputError, NotFoundError
from sigmakit._paging import MAX_PAGE_SIZE
from sigmakit._request import path
from sigmakit._suggest import listing, suggestion
from sigmakit._sync._pagination import Paginator
from sigmakit._sync.resources._base import Resource
from sigmakit._sync.resources._grants import create_grants
from sigmakit.types.grants import NewGrant
from sigmakit.types.reports import (
    Report,
    ReportSchedule,
    ReportSource,
    ReportTag,
    ReportVersion,
    TaggedReport,
    report_export_body,
    report_schedule_body,
    report_send_body,
)
from sigmakit.types.workbooks import _UUID, Column, Control, Element, ElementLineage, M, Page

__all__ = [
    "Report",
    "ReportSchedule",
    "ReportSource",
    "ReportTag",
    "ReportVersion",
    "Reports",
    "TaggedReport",
]


class Reports(Resource):
    def list(
        self,
        *,
        is_archived: bool | None = None,
        exclude_tags: bool | None = None,
        skip_permission_check: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Report]:
        """The reports the caller can reach (an admin: every one with
        ``skip_permission_check``)."""
        return Paginator(
            self._core,
            "/v2/reports",
            Report.model_validate,
            params={
                "isArchived": is_archived,
                "excludeTags": exclude_tags,
                "skipPermissionCheck": skip_permission_check,
            },
            page_size=page_size,
            limit=limit,
        )

    def get(self, report_id: str) -> Report:
        return Report.model_validate(self._core.request("GET", path("/v2/reports/{}", report_id)))

    def resolve(self, ref: str) -> Report:
        """A report named by id, urlId or exact name (an admin finds any report).

        A name that several reports share is an :class:`InputError` naming their ids.
        """
        ref = ref.strip()
        if not ref:
            raise InputError("name a report by id, urlId or name")
        if _UUID.match(ref):
            return self.get(ref)
        named: list[Report] = []
        names: list[str] = []
        for report in self.list(exclude_tags=True, skip_permission_check=True):
            if report.report_url_id == ref:
                return report
            if report.name == ref:
                named.append(report)
            names.append(report.name)
        if len(named) == 1:
            return named[0]
        if named:
            ids = ", ".join(r.report_id for r in named)
            raise InputError(f"{len(named)} reports are named {ref!r}; use an id: {ids}")
        raise NotFoundError(
            404,
            message=f"no report has the id, urlId or name {ref!r}{suggestion(ref, names)} "
            f"(reports: {listing(names) or 'none'})",
        )

    def create(self, *, folder_id: str, name: str) -> Report:
        """An empty report (one blank page) in a folder or workspace."""
        if not name.strip():
            raise InputError("a report needs a name")
        body = {"folderId": folder_id, "name": name}
        return Report.model_validate(self._core.request("POST", "/v2/reports", json=body))

    def pages(
        self, report_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Page]:
        return self._list(Page, path("/v2/reports/{}/pages", report_id), page_size, limit)

    def elements(
        self,
        report_id: str,
        page_id: str | None = None,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Element]:
        """The elements of one page, or (no ``page_id``) of the whole report."""
        url = (
            path("/v2/reports/{}/elements", report_id)
            if page_id is None
            else path("/v2/reports/{}/pages/{}/elements", report_id, page_id)
        )
        return self._list(Element, url, page_size, limit)

    def columns(
        self,
        report_id: str,
        element_id: str,
        *,
        page_size: int = MAX_PAGE_SIZE,
        limit: int | None = None,
    ) -> Paginator[Column]:
        url = path("/v2/reports/{}/elements/{}/columns", report_id, element_id)
        return self._list(Column, url, page_size, limit)

    def controls(
        self, report_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[Control]:
        return self._list(Control, path("/v2/reports/{}/controls", report_id), page_size, limit)

    def sources(self, report_id: str) -> builtins.list[ReportSource]:
        """What the report's elements read, each source once."""
        answer = self._core.request("GET", path("/v2/reports/{}/sources", report_id))
        return [ReportSource.model_validate(s) for s in answer]

    def element_lineage(self, report_id: str, element_id: str) -> ElementLineage:
        """What a data element reads; a control or a text is an error
        (:class:`BadRequestError`)."""
        url = path("/v2/reports/{}/lineage/elements/{}", report_id, element_id)
        return ElementLineage.model_validate(self._core.request("GET", url))

    def lineage(
        self, report_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[dict[str, Any]]:
        """The report's lineage entries as Sigma answers them (elements, then sources)."""
        return self._raw(path("/v2/reports/{}/lineage", report_id), page_size, limit)

    def queries(
        self, report_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[dict[str, Any]]:
        """Each element's SQL: ``{"elementId", "name", "sql"}``."""
        return self._raw(path("/v2/reports/{}/queries", report_id), page_size, limit)

    def swap_sources(self, report_id: str, mapping: Iterable[Mapping[str, Any]]) -> None:
        """Swap what the report reads: each ``{"from": {...}, "to": {...}}`` as Sigma
        describes ``sourceMapping``."""
        body = {"sourceMapping": [dict(m) for m in mapping]}
        if not body["sourceMapping"]:
            raise InputError("give at least one source to swap")
        self._core.request("POST", path("/v2/reports/{}/swapSources", report_id), json=body)

    def copy(
        self, report_id: str, *, destination_folder_id: str, name: str, tag: str | None = None
    ) -> Report:
        """Copy a report (or its version under ``tag``) into a folder; returns the copy."""
        body = {"destinationFolderId": destination_folder_id, "name": name}
        url = (
            path("/v2/reports/{}/copy", report_id)
            if tag is None
            else path("/v2/reports/{}/tag/{}/copy", report_id, tag)
        )
        return Report.model_validate(self._core.request("POST", url, json=body))

    def export(
        self,
        report_id: str,
        *,
        page_id: str | None = None,
        layout: str = "portrait",
        parameters: Mapping[str, str] | None = None,
        timeout: float | None = None,
        tag: str | None = None,
    ) -> str:
        """Start a PDF export of the report or one page; returns the query id, whose file
        :func:`sigmakit.jobs.download_export` waits for and saves."""
        body = report_export_body(
            page_id=page_id, layout=layout, parameters=parameters, timeout=timeout, tag=tag
        )
        answer = self._core.request("POST", path("/v2/reports/{}/export", report_id), json=body)
        return str(answer["queryId"])

    def send(
        self,
        report_id: str,
        *,
        title: str,
        message: str,
        emails: Iterable[str] = (),
        member_ids: Iterable[str] = (),
        team_ids: Iterable[str] = (),
        layout: str = "portrait",
    ) -> None:
        """Send the report now, as a PDF, to emails, members and teams."""
        body = report_send_body(
            title=title,
            message=message,
            emails=emails,
            member_ids=member_ids,
            team_ids=team_ids,
            layout=layout,
        )
        self._core.request("POST", path("/v2/reports/{}/send", report_id), json=body)

    # ----- schedules -----

    def schedules(
        self, report_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[ReportSchedule]:
        url = path("/v2/reports/{}/schedules", report_id)
        return Paginator(
            self._core, url, ReportSchedule.model_validate, page_size=page_size, limit=limit
        )

    def create_schedule(
        self,
        report_id: str,
        *,
        cron: str,
        timezone: str,
        title: str,
        message: str,
        emails: Iterable[str] = (),
        team_ids: Iterable[str] = (),
        layout: str = "portrait",
    ) -> ReportSchedule:
        """Send the report as a PDF on a cron schedule."""
        body = report_schedule_body(
            cron=cron,
            timezone=timezone,
            title=title,
            message=message,
            emails=emails,
            team_ids=team_ids,
            layout=layout,
        )
        url = path("/v2/reports/{}/schedules", report_id)
        return ReportSchedule.model_validate(self._core.request("POST", url, json=body))

    def update_schedule(
        self,
        report_id: str,
        schedule_id: str,
        *,
        cron: str | None = None,
        timezone: str | None = None,
        title: str | None = None,
        message: str | None = None,
        emails: Iterable[str] = (),
        team_ids: Iterable[str] = (),
        layout: str | None = None,
    ) -> ReportSchedule:
        """Change what is given; recipients, if given, replace the schedule's."""
        body = report_schedule_body(
            cron=cron,
            timezone=timezone,
            title=title,
            message=message,
            emails=emails,
            team_ids=team_ids,
            layout=layout,
            partial=True,
        )
        url = path("/v2/reports/{}/schedules/{}", report_id, schedule_id)
        return ReportSchedule.model_validate(self._core.request("PATCH", url, json=body))

    def delete_schedule(self, report_id: str, schedule_id: str) -> None:
        self._core.request("DELETE", path("/v2/reports/{}/schedules/{}", report_id, schedule_id))

    # ----- grants and version tags -----

    def create_grants(self, report_id: str, grants: Iterable[NewGrant]) -> None:
        """Grant ``view`` or ``edit`` to members or teams."""
        create_grants(self._core, path("/v2/reports/{}/grants", report_id), grants)

    def delete_grant(self, report_id: str, grant_id: str) -> None:
        self._core.request("DELETE", path("/v2/reports/{}/grants/{}", report_id, grant_id))

    def tags(
        self, report_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[ReportTag]:
        return self._list(ReportTag, path("/v2/reports/{}/tags", report_id), page_size, limit)

    def tag(self, report_id: str, tag_name: str, *, version: int | None = None) -> TaggedReport:
        """Put a version tag on the report's latest version (or ``version``)."""
        if version is not None and version < 1:
            raise InputError("version must be 1 or above")
        body: dict[str, Any] = {"reportId": report_id, "tagName": tag_name}
        if version is not None:
            body["reportVersion"] = version
        return TaggedReport.model_validate(self._core.request("POST", "/v2/reports/tag", json=body))

    def delete_tag(self, report_id: str, tag_id: str) -> None:
        self._core.request("DELETE", path("/v2/reports/{}/tags/{}", report_id, tag_id))

    def version_history(
        self, report_id: str, *, page_size: int = MAX_PAGE_SIZE, limit: int | None = None
    ) -> Paginator[ReportVersion]:
        """Each published version, newest first."""
        url = path("/v2/reports/{}/version-history", report_id)
        return self._list(ReportVersion, url, page_size, limit)

    def _list(self, model: type[M], url: str, page_size: int, limit: int | None) -> Paginator[M]:
        return Paginator(
            self._core, url, model.model_validate, page_size=page_size, limit=limit, style="token"
        )

    def _raw(self, url: str, page_size: int, limit: int | None) -> Paginator[dict[str, Any]]:
        return Paginator(self._core, url, dict, page_size=page_size, limit=limit, style="token")
