"""The models and pure helpers of ``sigmakit.resources.workbooks`` (shared by the sync and the async
resource)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar, Unpack

from sigmakit._exports import ExportOptions, export_request
from sigmakit._models import SigmaModel, Timestamp

__all__ = [
    "Bookmark",
    "Column",
    "Control",
    "Element",
    "ElementLineage",
    "Embed",
    "LineageEdge",
    "LineageNode",
    "Materialization",
    "MaterializationCron",
    "MaterializationSchedule",
    "Page",
    "VersionTag",
    "Workbook",
    "export_body",
]


M = TypeVar("M", bound=SigmaModel)


class VersionTag(SigmaModel):
    version_tag_id: str
    name: str
    source_workbook_version: float | None = None
    tagged_workbook_id: str | None = None
    workbook_tagged_at: Timestamp | None = None


class Workbook(SigmaModel):
    workbook_id: str
    workbook_url_id: str
    name: str
    url: str
    path: str
    latest_version: int
    owner_id: str
    created_by: str
    updated_by: str
    created_at: Timestamp
    updated_at: Timestamp
    is_archived: bool = False
    description: str | None = None
    tags: list[VersionTag] | None = None


class Page(SigmaModel):
    page_id: str
    name: str | None = None
    hidden: bool = False


class Element(SigmaModel):
    element_id: str
    name: str | None = None
    type: str | None = None
    columns: list[str] = []
    #: Sigma spells it ``vizualizationType``
    vizualization_type: str | None = None
    error: str | None = None


class Column(SigmaModel):
    column_id: str
    label: str
    formula: str | None = None
    #: ``{"type": "number" | "string" | "datetime" | ...}`` (2026-08; absent from older answers)
    type: dict[str, Any] | None = None


class LineageNode(SigmaModel):
    """A node of an element's lineage: the element itself (``type`` ``sheet``, with its
    ``element_id``), a control, a dataset or table (``inode-<urlId>``), custom SQL..."""

    node_id: str
    type: str
    name: str | None = None
    element_id: str | None = None


class LineageEdge(SigmaModel):
    """``source`` feeds ``target``; ``type`` is ``source``, ``lookup`` or ``dependency``."""

    source: str
    target: str
    type: str


class ElementLineage(SigmaModel):
    """``GET /v2/workbooks/{id}/lineage/elements/{elementId}``: nodes by id and the edges
    between them. A data model element appears only as an edge's source, as
    ``<dataModelUrlId>/<suffix>``, never among the nodes."""

    dependencies: dict[str, LineageNode] = {}
    edges: list[LineageEdge] = []

    def sheet(self, element_id: str) -> LineageNode | None:
        """The requested element's own node."""
        return next((n for n in self.dependencies.values() if n.element_id == element_id), None)


class Control(SigmaModel):
    """A workbook control; export ``parameters`` are keyed by its id."""

    name: str
    value_type: str
    control_id: str | None = None

    @property
    def key(self) -> str:
        """What export parameters use to name this control."""
        return self.control_id or self.name


class Embed(SigmaModel):
    embed_id: str
    embed_url: str
    #: in list answers only
    public: bool | None = None
    source_type: str | None = None
    source_id: str | None = None
    source_name: str | None = None


class MaterializationCron(SigmaModel):
    cron_spec: str | None = None
    timezone: str | None = None


class MaterializationSchedule(SigmaModel):
    sheet_id: str
    element_id: str | None = None
    element_name: str | None = None
    schedule: MaterializationCron | None = None
    configured_at: Timestamp | None = None
    paused: bool = False


class Materialization(SigmaModel):
    materialization_id: str
    status: str
    started_at: Timestamp | None = None
    ready_at: Timestamp | None = None
    expired_at: Timestamp | None = None
    error: str | None = None


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)"?""", re.IGNORECASE)


def export_body(**options: Unpack[ExportOptions]) -> dict[str, Any]:
    """The body of ``POST /v2/workbooks/{id}/export``, checked against what each target
    allows: ``ExportRequest(**options).body()``."""
    return export_request(None, options).body()


def contents_body(contents: Mapping[str, Any] | str) -> dict[str, Any]:
    """A workbook's contents as sent: a mapping as given, a string read as YAML (JSON is
    YAML too); a one-line ``InputError`` when it is not an object with a pages list."""
    import yaml

    from sigmakit._errors import InputError
    from sigmakit.types.data_models import load_yaml, yaml_where

    if isinstance(contents, str):
        try:
            loaded = load_yaml(contents)
        except yaml.YAMLError as exc:
            raise InputError(f"the contents are not valid YAML{yaml_where(exc)}") from None
        except RecursionError:
            raise InputError("the contents are nested too deeply") from None
    else:
        loaded = dict(contents)
    if not isinstance(loaded, dict) or not isinstance(loaded.get("pages"), list):
        raise InputError("a workbook's contents are an object with a pages list")
    return dict(loaded)


class Bookmark(SigmaModel):
    """One answer of ``GET /v2/workbooks/{workbookId}/tags/{tagName}/bookmarks`` (getTaggedWorkbookBookmarks)."""

    bookmark_id: str
    name: str
    is_shared: bool
    explore_key: str
    is_default: bool | None = None
