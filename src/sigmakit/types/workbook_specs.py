"""The models and pure helpers of ``sigmakit.resources.workbook_specs`` (shared by the sync
and the async resource): Sigma's published workbook code representation (``/spec``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel
from sigmakit.types.data_models import load_yaml, yaml_where

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
    """The JSON body of a workbook spec write: a mapping as given, a string read as YAML
    (JSON is YAML too), with ``extra`` keys that are not None set over it, and
    ``schemaVersion`` 1 when it has none (Sigma's description requires it)."""
    if isinstance(spec, str):
        try:
            loaded = load_yaml(spec)
        except yaml.YAMLError as exc:
            raise InputError(f"the spec is not valid YAML{yaml_where(exc)}") from None
        except RecursionError:
            raise InputError("the spec is nested too deeply") from None
    else:
        loaded = dict(spec)
    if not isinstance(loaded, dict) or not isinstance(loaded.get("pages"), list):
        raise InputError("a workbook spec is an object with a pages list")
    body = dict(loaded)
    body.update({k: v for k, v in extra.items() if v is not None})
    body.setdefault("schemaVersion", 1)
    return body
