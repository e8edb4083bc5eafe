"""``/v2/reports``: reports, their pages, elements, columns, controls, lineage, sources,
queries, copies, version tags and history, exports (downloaded at
``/v2/query/{queryId}/download``, as a workbook's), grants, schedules and sends.

The lists under one report page with ``pageToken``/``pageSize`` (:mod:`.token_paging`), as
the description has them; the list of reports and of a report's schedules with
``page``/``limit``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from fastapi.responses import JSONResponse

from ..ratelimits import EXPORT_PER_MINUTE
from ..state import EmulatorState
from ..store.report_schedules import ReportScheduleStore
from ..store.reports import ReportStore
from .deps import Caller, State, ok, quick
from .grants import grant_routes
from .paging import Listing
from .token_paging import TokenListing

router = APIRouter()

#: every entry of a list read whole, then cut by token paging


def _reports(state: EmulatorState) -> ReportStore:
    return state.store.get(ReportStore)


def _schedules(state: EmulatorState) -> ReportScheduleStore:
    return state.store.get(ReportScheduleStore)


@router.get("/v2/reports")
@quick
def list_reports(
    state: State,
    caller: Caller,
    listing: Listing,
    excludeTags: bool = False,
    skipPermissionCheck: bool = False,
    isArchived: bool = False,
) -> JSONResponse:
    got = _reports(state).list_for(
        caller,
        **listing.span,
        archived=isArchived,
        exclude_tags=excludeTags,
        skip_permission_check=skipPermissionCheck,
    )
    return listing.answer(got)


@router.post("/v2/reports")
def create_report(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_reports(state).create(body, caller))


@router.post("/v2/reports/tag")
def tag_report(
    state: State, caller: Caller, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_reports(state).tag(body, caller))


@router.get("/v2/reports/{reportId}")
@quick
def get_report(state: State, caller: Caller, reportId: str) -> JSONResponse:
    return ok(_reports(state).get(reportId, caller))


@router.get("/v2/reports/{reportId}/pages")
@quick
def list_report_pages(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
    tag: str | None = None,
) -> JSONResponse:
    return listing.answer_page(_reports(state).content.pages(reportId, caller, **listing.span))


@router.get("/v2/reports/{reportId}/pages/{pageId}/elements")
@quick
def list_report_page_elements(
    state: State,
    caller: Caller,
    reportId: str,
    pageId: str,
    listing: TokenListing,
    tagName: str | None = None,
) -> JSONResponse:
    return listing.answer_page(
        _reports(state).content.elements(reportId, pageId, caller, **listing.span)
    )


@router.get("/v2/reports/{reportId}/elements")
@quick
def list_report_elements(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
    tagName: str | None = None,
) -> JSONResponse:
    return listing.answer_page(
        _reports(state).content.all_elements(reportId, caller, **listing.span)
    )


@router.get("/v2/reports/{reportId}/elements/{elementId}/columns")
def list_report_element_columns(
    state: State,
    caller: Caller,
    reportId: str,
    elementId: str,
    listing: TokenListing,
    tagName: str | None = None,
) -> JSONResponse:
    return listing.answer_page(
        _reports(state).content.columns(reportId, elementId, caller, **listing.span)
    )


@router.get("/v2/reports/{reportId}/elements/{elementId}/query")
def get_report_element_query(
    state: State, caller: Caller, reportId: str, elementId: str
) -> JSONResponse:
    return ok(_reports(state).lineage.element_query(reportId, elementId, caller))


@router.get("/v2/reports/{reportId}/columns")
def list_report_columns(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer_page(_reports(state).lineage.columns(reportId, caller, **listing.span))


@router.get("/v2/reports/{reportId}/controls")
def list_report_controls(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
    tagName: str | None = None,
) -> JSONResponse:
    return listing.answer_page(_reports(state).content.controls(reportId, caller, **listing.span))


@router.get("/v2/reports/{reportId}/queries")
def list_report_queries(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer_page(_reports(state).lineage.queries(reportId, caller, **listing.span))


@router.get("/v2/reports/{reportId}/sources")
def list_report_sources(state: State, caller: Caller, reportId: str) -> JSONResponse:
    return ok(_reports(state).lineage.sources(reportId, caller))


@router.get("/v2/reports/{reportId}/lineage")
def list_report_lineage(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer_page(_reports(state).lineage.lineage(reportId, caller, **listing.span))


@router.get("/v2/reports/{reportId}/lineage/elements/{elementId}")
def get_report_element_lineage(
    state: State, caller: Caller, reportId: str, elementId: str
) -> JSONResponse:
    return ok(_reports(state).lineage.element_lineage(reportId, elementId, caller))


@router.post("/v2/reports/{reportId}/copy")
def copy_report(
    state: State, caller: Caller, reportId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_reports(state).copy(reportId, body, caller))


@router.post("/v2/reports/{reportId}/tag/{versionTag}/copy")
def copy_tagged_report(
    state: State,
    caller: Caller,
    reportId: str,
    versionTag: str,
    body: Annotated[dict[str, Any], Body()],
) -> JSONResponse:
    return ok(_reports(state).copy(reportId, body, caller, tag=versionTag))


@router.get("/v2/reports/{reportId}/tags")
def list_report_tags(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(_reports(state).tag_list(reportId, caller))


@router.delete("/v2/reports/{reportId}/tags/{tagId}")
def delete_report_tag(state: State, caller: Caller, reportId: str, tagId: str) -> JSONResponse:
    _reports(state).untag(reportId, tagId, caller)
    return ok({})


@router.get("/v2/reports/{reportId}/version-history")
def get_report_version_history(
    state: State,
    caller: Caller,
    reportId: str,
    listing: TokenListing,
) -> JSONResponse:
    return listing.answer(_reports(state).history(reportId, caller))


@router.post("/v2/reports/{reportId}/export")
def export_report(
    state: State, caller: Caller, reportId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    state.store.rate_limits.check("export", EXPORT_PER_MINUTE)
    return ok(_reports(state).export(reportId, body, caller, state.config.export_ttl))


@router.post("/v2/reports/{reportId}/swapSources")
def swap_report_sources(
    state: State, caller: Caller, reportId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_reports(state).swap_sources(reportId, body, caller))


def _granted_report(state: EmulatorState, caller: str, report_id: str, write: bool) -> str:
    """Granting on a report, or taking a grant back, needs ``edit`` on it."""
    _reports(state).row(report_id, caller, need="edit")
    return report_id


grant_routes(router, "/v2/reports/{reportId}", "report", lists=False, resolve=_granted_report)


@router.get("/v2/reports/{reportId}/schedules")
def list_report_schedules(
    state: State,
    caller: Caller,
    reportId: str,
    listing: Listing,
) -> JSONResponse:
    got = _schedules(state).list_for(reportId, caller, **listing.span)
    return listing.answer(got)


@router.post("/v2/reports/{reportId}/schedules")
def create_report_schedule(
    state: State, caller: Caller, reportId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_schedules(state).create(reportId, body, caller))


@router.patch("/v2/reports/{reportId}/schedules/{scheduleId}")
def update_report_schedule(
    state: State,
    caller: Caller,
    reportId: str,
    scheduleId: str,
    body: Annotated[dict[str, Any], Body()],
) -> JSONResponse:
    return ok(_schedules(state).update(reportId, scheduleId, body, caller))


@router.delete("/v2/reports/{reportId}/schedules/{scheduleId}")
def delete_report_schedule(
    state: State, caller: Caller, reportId: str, scheduleId: str
) -> JSONResponse:
    _schedules(state).delete(reportId, scheduleId, caller)
    return ok({})


@router.post("/v2/reports/{reportId}/send")
def send_report(
    state: State, caller: Caller, reportId: str, body: Annotated[dict[str, Any], Body()]
) -> JSONResponse:
    return ok(_schedules(state).send(reportId, body, caller))
