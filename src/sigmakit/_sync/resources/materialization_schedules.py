# generated from src/sigmakit/_async/resources/materialization_schedules.py by scripts/unasync.py; edit that file, then `make generate`
"""One element's materialization schedule in a workbook or a data model, created, changed
and deleted (beta, published after 2026-08). Listing a document's schedules and running
one are ``workbooks.materialization_schedules`` / ``workbooks.materialize`` and their data
model twins."""

from __future__ import annotations

from typing import Any

from sigmakit._request import path
from sigmakit._sync.resources._base import Resource
from sigmakit.types.workbooks import MaterializationCron, MaterializationSchedule

__all__ = ["MaterializationCron", "MaterializationSchedule", "MaterializationSchedules"]

_WORKBOOK = "/v2/workbooks/{}/elements/{}/materializationSchedules"
_DATA_MODEL = "/v2/dataModels/{}/elements/{}/materializationSchedules"


def _body(cron: str, timezone: str | None) -> dict[str, Any]:
    schedule: dict[str, str] = {"cronSpec": cron}
    if timezone is not None:
        schedule["timezone"] = timezone
    return {"schedule": schedule}


class MaterializationSchedules(Resource):
    def create(
        self, workbook_id: str, element_id: str, cron: str, *, timezone: str | None = None
    ) -> MaterializationSchedule:
        """Materialize a workbook element (a table or a chart) on ``cron`` (``0 6 * * *``),
        in ``timezone`` (an IANA name; default: the organization's). An element has at
        most one schedule; its first run starts at once."""
        url = path(_WORKBOOK, workbook_id, element_id)
        raw = self._core.request("POST", url, json=_body(cron, timezone))
        return MaterializationSchedule.model_validate(raw)

    def update(
        self, workbook_id: str, element_id: str, cron: str, *, timezone: str | None = None
    ) -> MaterializationSchedule:
        """Change when a workbook element's schedule runs."""
        url = path(_WORKBOOK, workbook_id, element_id)
        raw = self._core.request("PATCH", url, json=_body(cron, timezone))
        return MaterializationSchedule.model_validate(raw)

    def delete(self, workbook_id: str, element_id: str) -> None:
        """Delete a workbook element's schedule; later runs are cancelled."""
        self._core.request("DELETE", path(_WORKBOOK, workbook_id, element_id))

    def create_in_data_model(
        self, data_model_id: str, element_id: str, cron: str, *, timezone: str | None = None
    ) -> MaterializationSchedule:
        """Materialize a data model element on ``cron``, in ``timezone`` (default: the
        organization's). An element has at most one schedule."""
        url = path(_DATA_MODEL, data_model_id, element_id)
        raw = self._core.request("POST", url, json=_body(cron, timezone))
        return MaterializationSchedule.model_validate(raw)

    def update_in_data_model(
        self, data_model_id: str, element_id: str, cron: str, *, timezone: str | None = None
    ) -> MaterializationSchedule:
        """Change when a data model element's schedule runs."""
        url = path(_DATA_MODEL, data_model_id, element_id)
        raw = self._core.request("PATCH", url, json=_body(cron, timezone))
        return MaterializationSchedule.model_validate(raw)

    def delete_in_data_model(self, data_model_id: str, element_id: str) -> None:
        """Delete a data model element's schedule; later runs are cancelled."""
        self._core.request("DELETE", path(_DATA_MODEL, data_model_id, element_id))
