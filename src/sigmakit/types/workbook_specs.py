"""The models and pure helpers of ``sigmakit.resources.workbook_specs`` (shared by the sync
and the async resource): Sigma's published workbook code representation (``/spec``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sigmakit._models import SigmaModel
from sigmakit.types.data_models import spec_body

__all__ = ["WorkbookSpecCheck", "WorkbookSpecFailure", "WorkbookSpecWrite", "workbook_spec_body"]


class WorkbookSpecWrite(SigmaModel):
    """The answer of a spec write (``PUT /v2/workbooks/{id}/spec``, ``POST
    /v2/workbooks/spec``): whether it was taken, and the workbook's id."""

    success: bool
    workbook_id: str


class WorkbookSpecFailure(SigmaModel):
    #: a human-readable description of one validation failure
    summary: str


class WorkbookSpecCheck(SigmaModel):
    """The answer of ``POST /v2/workbooks/spec/verify``: ``valid``, and when it is not, the
    failures found."""

    valid: bool
    errors: list[WorkbookSpecFailure] = []


def workbook_spec_body(spec: Mapping[str, Any] | str, **extra: Any) -> dict[str, Any]:
    """The JSON body of a workbook spec write (:func:`.data_models.spec_body`), with
    ``schemaVersion`` the number 1 when it has none."""
    return spec_body(spec, what="workbook", schema_version=1, **extra)
