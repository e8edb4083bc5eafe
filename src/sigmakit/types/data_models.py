"""The models and pure helpers of ``sigmakit.resources.data_models`` (shared by the sync and
the async resource)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import yaml

from sigmakit._errors import InputError
from sigmakit._models import SigmaModel, Timestamp

__all__ = [
    "SPEC_FORMATS",
    "DataModel",
    "DataModelColumn",
    "DataModelLineage",
    "DataModelTag",
    "DatasetMigration",
    "SpecFormat",
    "load_yaml",
    "spec_body",
]

SpecFormat = Literal["json", "yaml"]
SPEC_FORMATS: tuple[SpecFormat, ...] = ("json", "yaml")


class _NoAliases(yaml.SafeLoader):
    """YAML without aliases (``*name``): a few lines of them can stand for billions of
    nodes, which every walk of the document would then visit."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(None, None, "aliases are not accepted", mark)
        return super().compose_node(parent, index)


def load_yaml(text: str) -> Any:
    """``text`` as YAML (JSON is YAML too), aliases refused (a ``yaml.YAMLError``). With
    libyaml (PyYAML's C extension) the text is parsed in C, once to find an alias and once
    to load: ten times faster than the pure Python loader, which a folder of hundreds of
    documents would otherwise wait on."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is None:
        return yaml.load(text, Loader=_NoAliases)
    for event in yaml.parse(text, Loader=fast):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None,
                None,
                "aliases are not accepted",
                event.start_mark,  # type: ignore[arg-type]
            )
    return yaml.load(text, Loader=fast)


class DataModel(SigmaModel):
    data_model_id: str
    name: str
    latest_version: int | None = None
    path: str | None = None
    url: str | None = None
    data_model_url_id: str | None = None
    owner_id: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class DataModelColumn(SigmaModel):
    """``GET /v2/dataModels/{id}/columns``: a column of one of the model's elements, with its
    formula and its type (Sigma's recursive type object, e.g. ``{"type": "number"}``)."""

    column_id: str
    name: str
    element_id: str
    formula: str | None = None
    type: dict[str, Any] | None = None


class DataModelTag(SigmaModel):
    """``GET /v2/dataModels/{id}/tags``: a tag and the version of the model it marks."""

    version_tag_id: str
    tag_name: str
    source_version: int | None = None
    tagged_at: str | None = None


class DataModelLineage(SigmaModel):
    """``GET /v2/dataModels/{id}/lineage``: an element (``type`` element: what it is built
    on, ``source_ids``, and the tables at the bottom, ``data_source_ids``) or a table it
    reads (``type`` table: its ``connection_id`` and its path as ``name``)."""

    type: str
    element_id: str | None = None
    source_ids: list[str | None] = []
    data_source_ids: list[str] = []
    connection_id: str | None = None
    name: str | None = None
    inode_id: str | None = None


def _data_model(raw: Mapping[str, Any]) -> DataModel:
    return DataModel.model_validate(raw)


def yaml_where(exc: yaml.YAMLError) -> str:
    """`` at line N: what`` of a YAML error, as far as it says."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    where = f" at line {mark.line + 1}" if mark is not None else ""
    return where + (f": {problem}" if problem else "")


def check_format(format: str) -> SpecFormat:
    if format not in SPEC_FORMATS:
        raise InputError(f"format must be json or yaml, not {format!r}")
    return "yaml" if format == "yaml" else "json"


def spec_body(
    spec: Mapping[str, Any] | str,
    *,
    what: str = "data model",
    schema_version: int | str = "1",
    **extra: Any,
) -> dict[str, Any]:
    """The JSON body of a spec write (a data model's, or ``what`` else's): a mapping as
    given, a string read as YAML (JSON is YAML too), with ``extra`` keys that are not None
    set over it, and ``schema_version`` when it has none (Sigma's description requires it,
    and there is only one: the string "1" for data models, the number 1 for workbooks)."""
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
        raise InputError(f"a {what} spec is an object with a pages list")
    body = dict(loaded)
    body.update({k: v for k, v in extra.items() if v is not None})
    body.setdefault("schemaVersion", schema_version)
    return body


class DatasetMigration(SigmaModel):
    """The answer of ``POST /v2/datasets/{datasetId}/migrate``: the new data model's id
    (None for a dry run), the tables and datasets linked to the dataset, and the counts."""

    data_model_id: str | None = None
    links: list[dict[str, Any]] = []
    link_count: int = 0
    reference_count: int = 0
