"""A data model's code representation (``/v2/dataModels/{id}/spec``): the document
``{schemaVersion, kind, pages}`` with the model's metadata beside it, its versions and its
checks.

Its shape is Sigma's published description (``reference/sigma-code-representation-2026-10.yaml``,
checked by :mod:`.code_schema`): tables on a warehouse table, custom SQL, an element of the
model (a ``table`` source), another data model's element, a join, a union or a transpose,
with metrics, relationships and filters; controls of fourteen types. Table elements get rows
(what ``/elements``, ``/columns`` and lineage read); every element is kept in the document. A
model never written through the spec (the seeded ones) is described from its elements; each
write keeps the new pages as a version. What Sigma does where its description is silent (the
status of a stale ``documentVersion``, a write that changes nothing, unknown keys) is written
down in ``tests/parity/GUESSES.md``.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..clock import Clock
from ..db import Database
from ..errors import ApiError, BadRequest, NotFound
from .catalog import column_id
from .code_schema import check_shape, spec_metadata
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


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in ``node``, ``node`` itself first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _read(element: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The sources an element reads, however nested (a join's sides, a union's inputs, a
    control's filter targets): mappings with a source ``kind`` and what it names."""
    for node in _walk({k: v for k, v in element.items() if k != "kind"}):
        kind = node.get("kind")
        if (
            (kind in ("warehouse-table", "sql") and "connectionId" in node)
            or (kind == "table" and "elementId" in node)
            or (kind == "data-model" and "dataModelId" in node)
        ):
            yield node


def check_document(body: Any, root: str = "UpdateDataModelSpec") -> dict[str, Any]:
    """The document, or a 400 naming the first thing wrong: its shape against Sigma's
    description (``root``), then ids used twice and elements read that it does not have."""
    check_shape(body, root)
    seen: set[str] = set()
    for p, page in enumerate(body["pages"]):
        unique(seen, page["id"], f"pages[{p}].id", "spec")
        for e, element in enumerate(page["elements"]):
            unique(seen, element["id"], f"pages[{p}].elements[{e}].id", "spec")
            columns: set[str] = set()
            for c, column in enumerate(element.get("columns") or []):
                unique(columns, column["id"], f"pages[{p}].elements[{e}].columns[{c}].id", "spec")
    for p, page in enumerate(body["pages"]):
        for e, element in enumerate(page["elements"]):
            for source in _read(element):
                if source["kind"] == "table" and source["elementId"] not in seen:
                    raise BadRequest(
                        f"Invalid spec: pages[{p}].elements[{e}]: reads element "
                        f"{source['elementId']}, which is not in this data model"
                    )
    doc: dict[str, Any] = body
    return doc


def _join_on(
    keys: dict[str, list[str]], left: dict[str, Any], right: dict[str, Any]
) -> list[dict[str, str]]:
    """The key column two joined sources share (one ending ``_ID`` first), as a join's
    ``columns``; none when they share no column."""
    theirs = set(keys.get(json.dumps(right), []))
    shared = [k for k in keys.get(json.dumps(left), []) if k in theirs]
    shared.sort(key=lambda k: not k.upper().endswith("_ID"))
    return [{"left": shared[0], "right": shared[0], "op": "="}] if shared else []


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

    def _side(self, source: dict[str, str], keys: dict[str, list[str]]) -> dict[str, Any]:
        """A stored source (``{tableId}`` or ``{elementId}``) as a spec source, its column
        names (a table's catalogue, an element's column ids) kept in ``keys``."""
        if "tableId" in source:
            node = self.models.table_node(source["tableId"])
            side = {
                "kind": "warehouse-table",
                "connectionId": node["connectionId"],
                "path": (node["name"] or "").split("."),
            }
            columns = self.models.connections.table_columns(source["tableId"])
            keys[json.dumps(side)] = [c["name"] for c in columns]
            return side
        return {"kind": "table", "elementId": source["elementId"]}

    def _described(self, data_model_id: str) -> list[dict[str, Any]]:
        """One page with the model's elements (a model never written through the spec):
        each on its source, or on a join of its sources, the first joined to each other on
        the first key column (``*_ID``) they share."""
        rows = self.models.element_rows(data_model_id)
        keys: dict[str, list[str]] = {
            json.dumps({"kind": "table", "elementId": row["element_id"]}): [
                column_id(label) for label, _, _ in json.loads(row["columns"])
            ]
            for row in rows
        }
        elements = []
        for row in rows:
            sides = [self._side(s, keys) for s in json.loads(row["sources"])]
            source: dict[str, Any]
            if not sides:
                source = {"kind": "sql", "connectionId": "", "statement": "select 1"}
            elif len(sides) == 1:
                source = sides[0]
            else:
                source = {
                    "kind": "join",
                    "primarySource": dict(sides[0]),
                    "joins": [
                        {
                            "left": dict(sides[0]),
                            "right": side,
                            "columns": _join_on(keys, sides[0], side),
                            "joinType": "left-outer",
                        }
                        for side in sides[1:]
                    ],
                }
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
        """The document at ``version`` (the latest without), with the model's metadata as
        Sigma's ``DataModelSpec`` has it."""
        row = self.models.row(data_model_id, caller)
        latest = row["latest_version"]
        if version is not None and not 1 <= version <= latest:
            raise NotFound(f"Version {version} of data model {data_model_id} does not exist")
        model = self.models.get(data_model_id, caller, exclude_tags=True)
        at = latest if version is None else version
        doc = spec_metadata("dataModelId", model, at, latest, row["parent_id"])
        return doc | {
            "schemaVersion": "1",
            "kind": "data-model",
            "pages": self._pages(data_model_id, version),
        }

    # ----- writing -----

    def _check_sources(self, doc: dict[str, Any], own_id: str | None) -> None:
        """A 400 for an element id another model holds, or a source naming a connection,
        table or data model that is not there."""
        for p, page in enumerate(doc["pages"]):
            for e, element in enumerate(page["elements"]):
                owner = self.models.element(element["id"])
                if owner is not None and owner["data_model_id"] != own_id:
                    raise BadRequest(
                        f"Invalid spec: pages[{p}].elements[{e}].id: {element['id']} is an "
                        "element of another data model"
                    )
                where = f"Invalid spec: pages[{p}].elements[{e}]"
                for source in _read(element):
                    if "connectionId" in source:
                        try:
                            self.models.connections.row(source["connectionId"])
                        except NotFound:
                            raise BadRequest(
                                f"{where}: no connection {source['connectionId']}"
                            ) from None
                    if source["kind"] == "warehouse-table":
                        path = source["path"]
                        if self.models.connections.table_at(source["connectionId"], path) is None:
                            raise BadRequest(
                                f"{where}: no table {'.'.join(path)} in connection "
                                f"{source['connectionId']}"
                            )
                    if source["kind"] == "data-model":
                        model = source["dataModelId"]
                        if not self.models.model_rows([model]) or model == own_id:
                            raise BadRequest(f"{where}: no data model {model}")

    def update(self, data_model_id: str, body: Any, caller: str) -> dict[str, Any]:
        """Replace the pages (Sigma's update takes nothing else: a ``name`` or any other key
        beside them is ignored); a stale ``documentVersion`` is a 409; a body that changes
        nothing keeps the version. Answers ``{success, dataModelId}``."""
        doc = check_document(body)
        row = self.models.row(data_model_id, caller, need="edit")
        latest = row["latest_version"]
        sent = doc.get("documentVersion")
        if sent is not None and sent != latest:
            raise ApiError(
                409,
                f"Data model {data_model_id} changed since version {sent:g} "
                f"(it is now at version {latest})",
            )
        self._check_sources(doc, data_model_id)
        pages = doc["pages"]
        before = self._pages(data_model_id, None)
        if pages != before:
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
                    conn, [data_model_id], updated_at=self.clock.iso(), updated_by=caller
                )
                self._sync_elements(conn, data_model_id, before, pages)
        return {"success": True, "dataModelId": data_model_id}

    def create(self, body: Any, caller: str) -> dict[str, Any]:
        """A new data model in ``folderId`` from the document, at version 1. Answers
        ``{success, dataModelId}``."""
        doc = check_document(body, "CreateDataModelSpec")
        name, folder_id = doc["name"].strip(), doc["folderId"]
        if not name:
            raise BadRequest("Invalid spec: name: a data model needs a name")
        folder = self.files.rows([folder_id]).get(folder_id)
        if folder is None or folder["type"] not in ("folder", "workspace"):
            raise NotFound.of("Folder", folder_id)
        self.files.access(caller, folder_id, "edit")
        self._check_sources(doc, None)
        pages = doc["pages"]
        with self.db.tx() as conn:
            ids = self.models.insert(
                conn,
                name=name,
                owner_id=caller,
                parent_id=folder_id,
                elements=[],
                at=self.clock.iso(),
            )
            conn.execute(
                "INSERT INTO data_model_spec_versions VALUES (?, 1, ?)",
                (ids[""], json.dumps(pages)),
            )
            self._sync_elements(conn, ids[""], [], pages)
        return {"success": True, "dataModelId": ids[""]}

    def _sync_elements(
        self,
        conn: sqlite3.Connection,
        data_model_id: str,
        before: list[dict[str, Any]],
        after: list[dict[str, Any]],
    ) -> None:
        """Lay the elements the write added or changed down again (what ``/elements``,
        ``/columns`` and lineage read); an element the write left alone keeps its row."""
        old = {e["id"]: e for p in before for e in p["elements"] if e.get("kind") == "table"}
        new = {e["id"]: e for p in after for e in p["elements"] if e.get("kind") == "table"}
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
            sources: list[dict[str, str]] = []
            for source in _read(element):
                if source["kind"] == "warehouse-table":
                    table = self.models.connections.table_at(source["connectionId"], source["path"])
                    found = {"tableId": table["id"]} if table else None
                elif source["kind"] == "table":
                    found = {"elementId": source["elementId"]}
                else:
                    found = None
                if found is not None and found not in sources:
                    sources.append(found)
            self.models.put_element(
                conn,
                element_id,
                data_model_id,
                element.get("name") or element_id,
                json.dumps(sources),
                json.dumps(columns),
                kept["feeds_workbooks"] if kept else 0,
            )
