"""A data model's code representation (``/v2/dataModels/{id}/spec``): the document
``{schemaVersion, kind, name, folderId, documentVersion, pages}``, its versions and its
checks.

The shape is a subset of Sigma's code representation description (see the reference
README): pages of table elements, each on one source (a warehouse table, custom SQL, an
element of the same model or of another data model) with columns ``{id, formula, name?,
description?, hidden?, format?}``. A model that was never written through the spec (the
seeded ones) is described from its elements; each write keeps the new pages as a version.
What Sigma does where its description is silent (the status of a stale ``documentVersion``,
a write that changes nothing, unknown keys) is written down in ``tests/parity/GUESSES.md``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..clock import Clock
from ..db import Database
from ..errors import ApiError, BadRequest, NotFound
from .catalog import column_id
from .data_models import DataModelStore
from .files import FileStore

__all__ = ["SCHEMA", "DataModelSpecStore", "check_document"]

SCHEMA = """
-- pages: the JSON pages array of the document at that version
CREATE TABLE IF NOT EXISTS data_model_spec_versions (
    data_model_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    pages TEXT NOT NULL,
    PRIMARY KEY (data_model_id, version)
);
"""

_STRICT = ConfigDict(extra="forbid", strict=True)
_Text = Annotated[str, Field(min_length=1, max_length=10_000)]


class _Format(BaseModel):
    model_config = _STRICT
    kind: Literal["number", "datetime"]
    formatString: str | None = None


class _Column(BaseModel):
    model_config = _STRICT
    id: _Text
    formula: _Text
    name: str | None = None
    description: str | None = None
    hidden: bool | None = None
    format: _Format | None = None


class _WarehouseTable(BaseModel):
    model_config = _STRICT
    kind: Literal["warehouse-table"]
    connectionId: _Text
    path: Annotated[list[_Text], Field(min_length=1, max_length=8)]


class _Sql(BaseModel):
    model_config = _STRICT
    kind: Literal["sql"]
    connectionId: _Text
    statement: _Text


class _ElementSource(BaseModel):
    model_config = _STRICT
    kind: Literal["element"]
    elementId: _Text


class _DataModelSource(BaseModel):
    model_config = _STRICT
    kind: Literal["data-model"]
    dataModelId: _Text
    elementId: _Text


class _Element(BaseModel):
    model_config = _STRICT
    id: _Text
    kind: Literal["table"]
    name: str | None = None
    source: Annotated[
        _WarehouseTable | _Sql | _ElementSource | _DataModelSource, Field(discriminator="kind")
    ]
    columns: list[_Column]


class _Page(BaseModel):
    model_config = _STRICT
    id: _Text
    name: str
    elements: list[_Element]


class _Document(BaseModel):
    model_config = _STRICT
    schemaVersion: Literal["1"] | None = None
    kind: Literal["data-model"] | None = None
    name: _Text | None = None
    folderId: str | None = None
    documentVersion: int | None = None
    pages: list[_Page]


_M = TypeVar("_M", bound=BaseModel)


def validated(model: type[_M], body: Any, noun: str, top: str) -> _M:
    """``body`` as ``model`` (a document's shape), or a 400 ``Invalid <noun>: <where>: <what>``
    naming the first thing wrong (``top`` when it is the whole body)."""
    if not isinstance(body, dict):
        raise BadRequest(f"The {noun} must be an object with a pages array")
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        # a union's branch name ("warehouse-table") is not where the user went wrong
        loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and "-" in p))
        where = ""
        for part in loc:
            where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else part)
        what = "unknown field" if first["type"] == "extra_forbidden" else first["msg"]
        raise BadRequest(f"Invalid {noun}: {where or top}: {what}") from None


def unique(seen: set[str], value: str, where: str, noun: str) -> None:
    """A 400 when ``value`` is already in ``seen`` (an id used twice in one document)."""
    if value in seen:
        raise BadRequest(f"Invalid {noun}: {where}: {value} is used twice")
    seen.add(value)


def check_document(body: Any) -> _Document:
    """The document, or a 400 naming the first thing wrong with its shape."""
    doc = validated(_Document, body, "spec", "body")
    seen: set[str] = set()
    for p, page in enumerate(doc.pages):
        unique(seen, page.id, f"pages[{p}].id", "spec")
        for e, element in enumerate(page.elements):
            unique(seen, element.id, f"pages[{p}].elements[{e}].id", "spec")
            columns: set[str] = set()
            for c, column in enumerate(element.columns):
                unique(columns, column.id, f"pages[{p}].elements[{e}].columns[{c}].id", "spec")
    for p, page in enumerate(doc.pages):
        for e, element in enumerate(page.elements):
            source = element.source
            if isinstance(source, _ElementSource) and source.elementId not in seen:
                raise BadRequest(
                    f"Invalid spec: pages[{p}].elements[{e}].source.elementId: "
                    f"no element {source.elementId} in this data model"
                )
    return doc


class DataModelSpecStore:
    def __init__(self, db: Database, clock: Clock, files: FileStore, models: DataModelStore):
        self.db = db
        self.clock = clock
        self.files = files
        self.models = models

    # ----- reading -----

    def _pages(self, data_model_id: str, version: int | None) -> list[dict[str, Any]]:
        latest = self.models.model_rows([data_model_id]).get(data_model_id)
        assert latest is not None  # the caller checked the model
        want = latest["latest_version"] if version is None else version
        row = self.db.one(
            "SELECT pages FROM data_model_spec_versions WHERE data_model_id = ? AND version = ?",
            (data_model_id, want),
        )
        if row is not None:
            pages: list[dict[str, Any]] = json.loads(row["pages"])
            return pages
        written = self.db.one(
            "SELECT 1 FROM data_model_spec_versions WHERE data_model_id = ?", (data_model_id,)
        )
        if want == latest["latest_version"] and written is None:
            return self._described(data_model_id)
        raise NotFound(f"Version {version} of data model {data_model_id} is not kept")

    def _described(self, data_model_id: str) -> list[dict[str, Any]]:
        """One page with the model's elements, each on its first source (a model never
        written through the spec)."""
        elements = []
        for row in self.models.element_rows(data_model_id):
            sources = json.loads(row["sources"])
            first = sources[0] if sources else {}
            source: dict[str, Any]
            if "tableId" in first:
                node = self.models.table_node(first["tableId"])
                source = {
                    "kind": "warehouse-table",
                    "connectionId": node["connectionId"],
                    "path": (node["name"] or "").split("."),
                }
            elif "elementId" in first:
                source = {"kind": "element", "elementId": first["elementId"]}
            else:
                source = {"kind": "sql", "connectionId": "", "statement": "select 1"}
            columns = []
            for label, formula, kind in json.loads(row["columns"]):
                column: dict[str, Any] = {"id": column_id(label), "formula": formula, "name": label}
                if kind in ("number", "datetime"):
                    column["format"] = {"kind": kind}
                columns.append(column)
            elements.append(
                {
                    "id": row["element_id"],
                    "kind": "table",
                    "name": row["name"],
                    "source": source,
                    "columns": columns,
                }
            )
        page_id = hashlib.sha256(f"page:{data_model_id}".encode()).hexdigest()[:10]
        return [{"id": page_id, "name": "Page 1", "elements": elements}]

    def get(self, data_model_id: str, caller: str, version: int | None = None) -> dict[str, Any]:
        row = self.models.row(data_model_id, caller)
        latest = row["latest_version"]
        if version is not None and not 1 <= version <= latest:
            raise NotFound(f"Version {version} of data model {data_model_id} does not exist")
        return {
            "schemaVersion": "1",
            "kind": "data-model",
            "name": row["name"],
            "folderId": row["parent_id"],
            "documentVersion": latest if version is None else version,
            "pages": self._pages(data_model_id, version),
        }

    # ----- writing -----

    def _check_sources(self, doc: _Document, own_id: str | None) -> None:
        for p, page in enumerate(doc.pages):
            for e, element in enumerate(page.elements):
                owner = self.models.element(element.id)
                if owner is not None and owner["data_model_id"] != own_id:
                    raise BadRequest(
                        f"Invalid spec: pages[{p}].elements[{e}].id: {element.id} is an "
                        "element of another data model"
                    )
                where = f"Invalid spec: pages[{p}].elements[{e}].source"
                source = element.source
                if isinstance(source, _WarehouseTable | _Sql):
                    try:
                        self.models.connections.row(source.connectionId)
                    except NotFound:
                        raise BadRequest(
                            f"{where}.connectionId: no connection {source.connectionId}"
                        ) from None
                if isinstance(source, _WarehouseTable):
                    table = self.models.connections.table_at(source.connectionId, source.path)
                    if table is None:
                        raise BadRequest(
                            f"{where}.path: no table {'.'.join(source.path)} in connection "
                            f"{source.connectionId}"
                        )
                if isinstance(source, _DataModelSource):
                    model = self.models.model_rows([source.dataModelId])
                    if not model or source.dataModelId == own_id:
                        raise BadRequest(f"{where}.dataModelId: no data model {source.dataModelId}")

    def update(self, data_model_id: str, body: Any, caller: str) -> dict[str, Any]:
        """Replace the pages (and the name, when given); a stale ``documentVersion`` is a 409;
        a body that changes nothing keeps the version."""
        doc = check_document(body)
        row = self.models.row(data_model_id, caller, need="edit")
        latest = row["latest_version"]
        if doc.documentVersion is not None and doc.documentVersion != latest:
            raise ApiError(
                409,
                f"Data model {data_model_id} changed since version {doc.documentVersion} "
                f"(it is now at version {latest})",
            )
        self._check_sources(doc, data_model_id)
        pages = [p.model_dump(exclude_none=True) for p in doc.pages]
        name = doc.name or row["name"]
        before = self._pages(data_model_id, None)
        if pages == before and name == row["name"]:
            return self.get(data_model_id, caller)
        with self.db.tx() as conn:
            self.models.bump_version(conn, data_model_id)
            conn.execute(
                "INSERT OR REPLACE INTO data_model_spec_versions VALUES (?, ?, ?)",
                (data_model_id, latest, json.dumps(before)),
            )
            conn.execute(
                "INSERT INTO data_model_spec_versions VALUES (?, ?, ?)",
                (data_model_id, latest + 1, json.dumps(pages)),
            )
            self.files.change(
                conn, [data_model_id], name=name, updated_at=self.clock.iso(), updated_by=caller
            )
            self._sync_elements(conn, data_model_id, before, pages)
        return self.get(data_model_id, caller)

    def create(self, body: Any, caller: str) -> dict[str, Any]:
        """A new data model in ``folderId`` from the document, at version 1."""
        doc = check_document(body)
        if not doc.name:
            raise BadRequest("Invalid spec: name: required to create a data model")
        if not doc.folderId:
            raise BadRequest("Invalid spec: folderId: required to create a data model")
        folder = self.files.rows([doc.folderId]).get(doc.folderId)
        if folder is None or folder["type"] not in ("folder", "workspace"):
            raise NotFound.of("Folder", doc.folderId)
        self.files.access(caller, doc.folderId, "edit")
        self._check_sources(doc, None)
        pages = [p.model_dump(exclude_none=True) for p in doc.pages]
        with self.db.tx() as conn:
            ids = self.models.insert(
                conn,
                name=doc.name,
                owner_id=caller,
                parent_id=doc.folderId,
                elements=[],
                at=self.clock.iso(),
            )
            conn.execute(
                "INSERT INTO data_model_spec_versions VALUES (?, 1, ?)",
                (ids[""], json.dumps(pages)),
            )
            self._sync_elements(conn, ids[""], [], pages)
        return self.get(ids[""], caller)

    def _sync_elements(
        self,
        conn: sqlite3.Connection,
        data_model_id: str,
        before: list[dict[str, Any]],
        after: list[dict[str, Any]],
    ) -> None:
        """Lay the elements the write added or changed down again (what ``/elements``,
        ``/columns`` and lineage read); an element the write left alone keeps its row."""
        old = {e["id"]: e for p in before for e in p["elements"]}
        new = {e["id"]: e for p in after for e in p["elements"]}
        self.models.drop_elements(conn, list(old.keys() - new.keys()))
        for element_id, element in new.items():
            if old.get(element_id) == element:
                continue
            kept = self.models.element_in(conn, element_id)
            types = {c[0]: c[2] for c in json.loads(kept["columns"])} if kept else {}
            columns = []
            for c in element["columns"]:
                label = c.get("name") or c["id"]
                kind = types.get(label) or c.get("format", {}).get("kind", "string")
                columns.append([label, c["formula"], kind])
            source = element["source"]
            sources: list[dict[str, str]] = []
            if source["kind"] == "warehouse-table":
                table = self.models.connections.table_at(source["connectionId"], source["path"])
                sources = [{"tableId": table["id"]}] if table else []
            elif source["kind"] == "element":
                sources = [{"elementId": source["elementId"]}]
            self.models.put_element(
                conn,
                element_id,
                data_model_id,
                element.get("name") or element_id,
                json.dumps(sources),
                json.dumps(columns),
                kept["feeds_workbooks"] if kept else 0,
            )
