"""A workbook's code representation, its ``contents`` (``GET /v2/workbooks/{id}?
includeContents=true``, ``PUT /v2/workbooks/{id}/contents``, ``POST /v2/workbooks`` with
``contents``): the document ``{schemaVersion, kind, name, folderId, documentVersion, pages}``,
its versions and its checks, shaped as the data model's spec is (:mod:`.data_model_specs`).

Pages hold elements ``{id, kind, name, source?, columns}``: ``kind`` is the element's type
(table, pivot-table, visualization, input-table, control, text), ``source`` what a table,
pivot table or chart reads (a warehouse table, custom SQL, a data model element or a
dataset), ``columns`` ``{id, formula, name?}``. A workbook never written through its contents
(a seeded one) is described from its pages, elements and sources; each write lays those down
again (through :class:`.workbooks.WorkbookStore` and :class:`.lineage.LineageStore`, which
own them), so ``/pages``, ``/elements``, ``/columns``, ``/sources`` and ``/lineage`` follow,
and keeps the document as a version. Choices Sigma does not document are in
``tests/parity/GUESSES.md``.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..db import Database
from ..errors import ApiError, BadRequest, NotFound
from .catalog import ELEMENT_KINDS, column_id
from .connections import ConnectionStore
from .data_model_specs import unique, validated
from .data_models import DataModelStore
from .datasets import DatasetStore
from .lineage import LineageStore
from .lineage_nodes import Source
from .workbooks import LaidElement, LaidPage, WorkbookStore

__all__ = ["SCHEMA", "WorkbookContentsStore"]

SCHEMA = """
-- contents: the JSON document (without documentVersion) of the workbook at that version
CREATE TABLE IF NOT EXISTS workbook_contents_versions (
    workbook_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    contents TEXT NOT NULL,
    PRIMARY KEY (workbook_id, version)
);
"""

_STRICT = ConfigDict(extra="forbid", strict=True)
_Text = Annotated[str, Field(min_length=1, max_length=10_000)]
#: element types that read a source
_READING = ("table", "pivot-table", "visualization")
_TYPES = Literal["table", "pivot-table", "visualization", "input-table", "control", "text"]


class _Column(BaseModel):
    model_config = _STRICT
    id: _Text
    formula: _Text
    name: str | None = None


class _WarehouseTable(BaseModel):
    model_config = _STRICT
    kind: Literal["warehouse-table"]
    connectionId: _Text
    path: Annotated[list[_Text], Field(min_length=3, max_length=3)]


class _Sql(BaseModel):
    model_config = _STRICT
    kind: Literal["sql"]
    connectionId: _Text
    statement: _Text


class _DataModelSource(BaseModel):
    model_config = _STRICT
    kind: Literal["data-model"]
    dataModelId: _Text
    elementId: _Text


class _DatasetSource(BaseModel):
    model_config = _STRICT
    kind: Literal["dataset"]
    datasetId: _Text


_Source = Annotated[
    _WarehouseTable | _Sql | _DataModelSource | _DatasetSource, Field(discriminator="kind")
]


class _Element(BaseModel):
    model_config = _STRICT
    id: _Text
    kind: _TYPES
    name: _Text
    source: _Source | None = None
    columns: list[_Column] = []


class _Page(BaseModel):
    model_config = _STRICT
    id: _Text
    name: _Text
    hidden: bool | None = None
    elements: list[_Element]


class _Contents(BaseModel):
    model_config = _STRICT
    schemaVersion: Literal["1"] | None = None
    kind: Literal["workbook"] | None = None
    name: _Text | None = None
    folderId: str | None = None
    documentVersion: int | None = None
    pages: Annotated[list[_Page], Field(min_length=1)]


def check_contents(body: Any) -> _Contents:
    """The contents, or a 400 naming the first thing wrong with their shape."""
    doc = validated(_Contents, body, "contents", "contents")
    seen: set[str] = set()
    for p, page in enumerate(doc.pages):
        unique(seen, page.id, f"pages[{p}].id", "contents")
        for e, element in enumerate(page.elements):
            where = f"pages[{p}].elements[{e}]"
            unique(seen, element.id, f"{where}.id", "contents")
            if element.source is not None and element.kind not in _READING:
                raise BadRequest(f"Invalid contents: {where}.source: a {element.kind} reads none")
            columns: set[str] = set()
            for c, column in enumerate(element.columns):
                unique(columns, column.id, f"{where}.columns[{c}].id", "contents")
    return doc


class WorkbookContentsStore:
    def __init__(
        self,
        db: Database,
        workbooks: WorkbookStore,
        lineage: LineageStore,
        connections: ConnectionStore,
        data_models: DataModelStore,
        datasets: DatasetStore,
    ):
        self.db = db
        self.workbooks = workbooks
        self.lineage = lineage
        self.connections = connections
        self.data_models = data_models
        self.datasets = datasets

    # ----- reading -----

    def _kept(self, workbook_id: str, version: int) -> dict[str, Any] | None:
        row = self.db.one(
            "SELECT contents FROM workbook_contents_versions WHERE workbook_id = ? AND version = ?",
            (workbook_id, version),
        )
        return None if row is None else dict(json.loads(row["contents"]))

    def _source(self, source: Source | None) -> dict[str, Any] | None:
        if source is None:
            return None
        if source.kind == "data-model" and source.row is not None:
            return {
                "kind": "data-model",
                "dataModelId": source.row["data_model_id"],
                "elementId": source.row["element_id"],
            }
        if source.kind == "dataset" and source.row is not None:
            return {"kind": "dataset", "datasetId": source.row["id"]}
        if source.kind == "table" and source.tables:
            main = source.tables[0]
            return {
                "kind": "warehouse-table",
                "connectionId": main["connection_id"],
                "path": json.loads(main["path"]),
            }
        if source.kind == "custom-sql" and source.connection_id:
            return {
                "kind": "sql",
                "connectionId": source.connection_id,
                "statement": self.lineage.definition(source.connection_id),
            }
        return None

    def _described(self, workbook_id: str) -> list[dict[str, Any]]:
        """The pages as the workbook's rows have them (a workbook never written through its
        contents)."""
        by_page: dict[str, list[dict[str, Any]]] = {}
        sources = self.lineage.element_sources(workbook_id)
        columns = self.workbooks.workbook_columns(workbook_id, [row for row, _ in sources])
        for row, source in sources:
            element: dict[str, Any] = {"id": row["element_id"], "kind": row["type"]}
            element["name"] = row["name"]
            described = self._source(source)
            if described is not None:
                element["source"] = described
            element["columns"] = [
                {"id": cid, "formula": formula, "name": label}
                for cid, label, formula, _ in columns[row["element_id"]]
            ]
            by_page.setdefault(row["page_id"], []).append(element)
        pages = []
        for p in self.workbooks.page_rows(workbook_id):
            page: dict[str, Any] = {"id": p["page_id"], "name": p["name"]}
            if p["hidden"]:
                page["hidden"] = True
            page["elements"] = by_page.get(p["page_id"], [])
            pages.append(page)
        return pages

    def _pages(self, workbook_id: str, version: int, latest: int) -> list[dict[str, Any]]:
        kept = self._kept(workbook_id, version)
        if kept is not None:
            pages: list[dict[str, Any]] = kept["pages"]
            return pages
        if version == latest:
            return self._described(workbook_id)
        raise NotFound(f"Version {version} of workbook {workbook_id} is not kept")

    def contents(self, workbook_id: str, caller: str, version: int | None = None) -> dict[str, Any]:
        row = self.workbooks.row(workbook_id, caller)
        latest = row["latest_version"]
        if version is not None and not 1 <= version <= latest:
            raise NotFound(f"Version {version} of workbook {workbook_id} does not exist")
        want = latest if version is None else version
        return {
            "schemaVersion": "1",
            "kind": "workbook",
            "name": row["name"],
            "folderId": row["parent_id"],
            "documentVersion": want,
            "pages": self._pages(workbook_id, want, latest),
        }

    def get(self, workbook_id: str, caller: str, version: int | None = None) -> dict[str, Any]:
        """The workbook as ``GET /v2/workbooks/{id}`` answers, with its ``contents``."""
        contents = self.contents(workbook_id, caller, version)
        return {**self.workbooks.get(workbook_id, caller), "contents": contents}

    # ----- checking -----

    def _laid(
        self, doc: _Contents, own_id: str | None, caller: str
    ) -> tuple[list[LaidPage], dict[str, tuple[str, str]]]:
        """The pages to lay down and what each element reads; a 400 naming the first
        source that does not exist or that the caller cannot reach."""
        kinds = {}
        if own_id is not None:
            kinds = {r["element_id"]: r["kind"] for r in self.workbooks.element_rows(own_id)}
        pages: list[LaidPage] = []
        sources: dict[str, tuple[str, str]] = {}
        for p, page in enumerate(doc.pages):
            owner = self.workbooks.layout_owner("page", page.id)
            if owner not in (None, own_id):
                raise BadRequest(
                    f"Invalid contents: pages[{p}].id: {page.id} is a page of another workbook"
                )
            elements = []
            for e, element in enumerate(page.elements):
                where = f"Invalid contents: pages[{p}].elements[{e}]"
                owner = self.workbooks.layout_owner("element", element.id)
                if owner not in (None, own_id):
                    raise BadRequest(f"{where}.id: {element.id} is an element of another workbook")
                if element.source is not None:
                    sources[element.id] = self._check_source(
                        element.source, f"{where}.source", caller
                    )
                kind = kinds.get(element.id)
                if kind is None or ELEMENT_KINDS[kind].type != element.kind:
                    kind = next(k.key for k in ELEMENT_KINDS.values() if k.type == element.kind)
                types = {label: t for _, label, _, t in self._kind_columns(kind)}
                columns = tuple(
                    (
                        c.id,
                        c.name or c.id,
                        c.formula,
                        types.get(c.name or c.id, "string"),
                    )
                    for c in element.columns
                )
                elements.append(LaidElement(element.id, kind, element.name, columns))
            pages.append(LaidPage(page.id, page.name, bool(page.hidden), tuple(elements)))
        return pages, sources

    @staticmethod
    def _kind_columns(kind: str) -> list[tuple[str, str, str, str]]:
        return [
            (column_id(c.label), c.label, c.formula, c.value_type)
            for c in ELEMENT_KINDS[kind].columns
        ]

    def _check_source(self, source: Any, where: str, caller: str) -> tuple[str, str]:
        """``(kind, ref)`` as lineage keeps what an element reads."""
        if isinstance(source, _WarehouseTable | _Sql):
            try:
                connection = self.connections.row(source.connectionId)
            except NotFound:
                raise BadRequest(
                    f"{where}.connectionId: no connection {source.connectionId}"
                ) from None
            if connection["is_archived"]:
                raise BadRequest(
                    f"{where}.connectionId: connection {source.connectionId} is archived"
                )
            if isinstance(source, _Sql):
                return "custom-sql", source.connectionId
            try:
                table = self.connections.lookup(source.connectionId, source.path)
            except (NotFound, BadRequest):
                raise BadRequest(
                    f"{where}.path: no table {'.'.join(source.path)} in connection "
                    f"{source.connectionId}"
                ) from None
            return "table", str(table["inodeId"])
        if isinstance(source, _DataModelSource):
            try:
                self.data_models.row(source.dataModelId, caller)
            except ApiError:
                raise BadRequest(
                    f"{where}.dataModelId: no data model {source.dataModelId} you can reach"
                ) from None
            ids = {r["element_id"] for r in self.data_models.element_rows(source.dataModelId)}
            if source.elementId not in ids:
                raise BadRequest(
                    f"{where}.elementId: no element {source.elementId} in data model "
                    f"{source.dataModelId}"
                )
            return "data-model", source.elementId
        try:
            self.datasets.row(source.datasetId, caller)
        except ApiError:
            raise BadRequest(
                f"{where}.datasetId: no dataset {source.datasetId} you can reach"
            ) from None
        return "dataset", source.datasetId

    # ----- writing -----

    @staticmethod
    def _kept_document(doc: _Contents) -> list[dict[str, Any]]:
        return [p.model_dump(exclude_none=True) for p in doc.pages]

    def update(self, workbook_id: str, body: Any, caller: str) -> dict[str, Any]:
        """Replace the contents whole (and the name, when given); a stale
        ``documentVersion`` is a 409; a body that changes nothing keeps the version."""
        doc = check_contents(body)
        row = self.workbooks.row(workbook_id, caller, need="edit")
        latest = row["latest_version"]
        if doc.documentVersion is not None and doc.documentVersion != latest:
            raise ApiError(
                409,
                f"Workbook {workbook_id} changed since version {doc.documentVersion} "
                f"(it is now at version {latest})",
            )
        laid, sources = self._laid(doc, workbook_id, caller)
        pages = self._kept_document(doc)
        name = doc.name or row["name"]
        before = self._pages(workbook_id, latest, latest)
        if pages == before and name == row["name"]:
            return self.contents(workbook_id, caller)
        with self.db.tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO workbook_contents_versions VALUES (?, ?, ?)",
                (workbook_id, latest, json.dumps({"pages": before})),
            )
            conn.execute(
                "INSERT INTO workbook_contents_versions VALUES (?, ?, ?)",
                (workbook_id, latest + 1, json.dumps({"pages": pages})),
            )
            self.workbooks.replace_layout(
                conn, workbook_id, laid, name=name, caller=caller, bump=True
            )
            self.lineage.replace_sources(conn, workbook_id, sources)
        return self.contents(workbook_id, caller)

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``POST /v2/workbooks`` with ``contents``: a new workbook laid down from them at
        version 1, or with ``dryRun`` only the checks (nothing written)."""
        raw = body.get("contents")
        if isinstance(raw, dict) and body.get("name") and not raw.get("name"):
            raw = {**raw, "name": body["name"]}
        doc = check_contents(raw)
        name = str(body.get("name") or doc.name or "").strip()
        if not name:
            raise BadRequest("A workbook needs a name")
        folder_id = str(body.get("folderId") or doc.folderId or "")
        dry_run = body.get("dryRun", False)
        if not isinstance(dry_run, bool):
            raise BadRequest("dryRun must be true or false")
        # an empty workbook is what POST /v2/workbooks checks the folder and owner for
        probe = {k: v for k, v in body.items() if k not in ("contents", "dryRun")}
        probe.update(name=name, folderId=folder_id)
        checked = self.workbooks.check_create(probe, caller)
        laid, sources = self._laid(doc, None, caller)
        if dry_run:
            checked_doc = {**doc.model_dump(exclude_none=True), "name": name, "folderId": folder_id}
            return {"dryRun": True, "valid": True, "contents": checked_doc}
        description = body.get("description")
        with self.db.tx() as conn:
            workbook_id = self.workbooks.insert(
                conn,
                pages=[],
                description=description if isinstance(description, str) else None,
                **checked,
            )
            self.workbooks.replace_layout(
                conn, workbook_id, laid, name=name, caller=caller, bump=False
            )
            self.lineage.replace_sources(conn, workbook_id, sources)
            conn.execute(
                "INSERT INTO workbook_contents_versions VALUES (?, 1, ?)",
                (workbook_id, json.dumps({"pages": self._kept_document(doc)})),
            )
        return self.get(workbook_id, caller)
