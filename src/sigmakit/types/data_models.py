"""The models and pure helpers of ``sigmakit.resources.data_models`` (shared by the sync and
the async resource)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import yaml

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel

__all__ = ["SPEC_FORMATS", "DataModel", "SpecFormat", "spec_body"]

SpecFormat = Literal["json", "yaml"]
SPEC_FORMATS: tuple[SpecFormat, ...] = ("json", "yaml")


class DataModel(SigmaModel):
    data_model_id: str
    name: str
    latest_version: int | None = None
    path: str | None = None
    url: str | None = None


def _data_model(raw: Mapping[str, Any]) -> DataModel:
    return DataModel.model_validate(raw)


def check_format(format: str) -> SpecFormat:
    if format not in SPEC_FORMATS:
        raise InputError(f"format must be json or yaml, not {format!r}")
    return "yaml" if format == "yaml" else "json"


def spec_body(spec: Mapping[str, Any] | str, **extra: Any) -> dict[str, Any]:
    """The JSON body of a spec write: a mapping as given, a string read as YAML (JSON is
    YAML too), with ``extra`` keys that are not None set over it."""
    if isinstance(spec, str):
        try:
            loaded = yaml.safe_load(spec)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" (line {mark.line + 1})" if mark is not None else ""
            raise InputError(f"the spec is not valid YAML{where}") from None
    else:
        loaded = dict(spec)
    if not isinstance(loaded, dict) or not isinstance(loaded.get("pages"), list):
        raise InputError("a data model spec is an object with a pages list")
    body = dict(loaded)
    body.update({k: v for k, v in extra.items() if v is not None})
    return body
