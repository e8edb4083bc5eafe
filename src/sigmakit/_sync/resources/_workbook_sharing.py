# generated from src/sigmakit/_async/resources/_workbook_sharing.py by scripts/unasync.py; edit that file, then `make generate`
"""A workbook handed on: converted to a report, sent now to recipients, shared with other
organizations, and the webhooks (beta) of its action sequences. A part of
:class:`~sigmakit._sync.resources.workbooks.Workbooks`, which inherits these methods."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sigmakit._errors import InputError
from sigmakit._request import path
from sigmakit._sync.resources._base import Resource
from sigmakit.types.workbook_sharing import (
    AttachmentFormat,
    ReportConversion,
    convert_body,
    send_body,
)

__all__ = ["WorkbookSharing"]


class WorkbookSharing(Resource):
    def convert_to_report(
        self,
        workbook_id: str,
        *,
        name: str,
        folder_id: str | None = None,
        description: str | None = None,
        page_ids: Sequence[str] | None = None,
        page_size: str | None = None,
        landscape: bool = False,
    ) -> ReportConversion:
        """A new report made of the workbook (or of ``page_ids``), in ``folder_id`` (default:
        your My Documents); the workbook is unchanged. What the report could not take is in
        the answer's ``warnings``."""
        body = convert_body(
            name=name,
            folder_id=folder_id,
            description=description,
            page_ids=page_ids,
            page_size=page_size,
            landscape=landscape,
        )
        url = path("/v2/workbooks/{}/convertToReport", workbook_id)
        return ReportConversion.model_validate(self._core.request("POST", url, json=body))

    def send(
        self,
        workbook_id: str,
        *,
        title: str,
        message: str,
        emails: Iterable[str] = (),
        member_ids: Iterable[str] = (),
        team_ids: Iterable[str] = (),
        attachments: Sequence[tuple[AttachmentFormat, str | None, str | None]] = (
            ("pdf", None, None),
        ),
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        """Send the workbook now to emails, members and teams: each attachment is
        ``(format, element_id, page_id)`` (``("csv", element_id, None)``; neither id: the
        whole workbook; format ``"none"``: a link only). Sigma answers nothing more."""
        body = send_body(
            title=title,
            message=message,
            emails=emails,
            member_ids=member_ids,
            team_ids=team_ids,
            attachments=attachments,
            parameters=parameters,
        )
        self._core.request("POST", path("/v2/workbooks/{}/send", workbook_id), json=body)

    def share_cross_org(
        self,
        workbook_id: str,
        org_slugs: Iterable[str],
        *,
        share_datasets: bool | None = None,
        copy_input_table_data: bool | None = None,
        email_message: str | None = None,
    ) -> dict[str, Any]:
        """Share the workbook with other organizations, named by the slug of their Sigma URL
        (``app.sigmacomputing.com/<slug>``); ``email_message`` emails their admins."""
        slugs = [s.strip() for s in org_slugs if s.strip()]
        if not slugs:
            raise InputError("name at least one organization slug")
        body: dict[str, Any] = {"orgSlugs": slugs}
        if share_datasets is not None:
            body["shareDatasets"] = share_datasets
        if copy_input_table_data is not None:
            body["copyInputTableData"] = copy_input_table_data
        if email_message is not None:
            body["sendEmail"] = True
            body["emailMessage"] = email_message
        url = path("/v2/workbooks/{}/shareCrossOrg", workbook_id)
        got: dict[str, Any] = self._core.request("POST", url, json=body)
        return got

    def webhook_schema(self, workbook_id: str, sequence_id: str) -> dict[str, Any]:
        """The variables a webhook-triggered action sequence takes (beta), raw:
        ``{"variables": {name: {...}}}``."""
        url = path("/v2/webhooks/{}/{}/schema", workbook_id, sequence_id)
        got: dict[str, Any] = self._core.request("GET", url)
        return got

    def trigger_webhook(
        self, workbook_id: str, sequence_id: str, variables: Mapping[str, Any]
    ) -> dict[str, Any]:
        """Run a webhook-triggered action sequence with ``variables`` (beta), raw: its
        ``{"traceId": ...}``. Not retried: a retry after a lost answer would run it twice."""
        url = path("/v2/webhooks/{}/{}", workbook_id, sequence_id)
        got: dict[str, Any] = self._core.request(
            "POST", url, json=dict(variables), idempotent=False
        )
        return got
