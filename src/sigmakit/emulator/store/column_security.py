"""Column-level security rules on a data model element (Sigma's 2026-10 description, beta):
which columns are restricted (a list, or ``all``: every column, those added later too) and
who may still see them (no one, named users and teams, or holders of a user attribute
value). Rules are checked and kept; the emulator's queries do not hide columns by them."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .catalog import column_id
from .data_models import DataModelStore
from .paging import Page, offset_page

__all__ = ["SCHEMA", "ColumnSecurityStore"]

SCHEMA = """
-- columns: JSON list of column ids, or the JSON string "all"; criteria: JSON as Sigma takes it
CREATE TABLE IF NOT EXISTS column_security_rules (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    rule_id TEXT UNIQUE NOT NULL,
    data_model_id TEXT NOT NULL,
    element_id TEXT NOT NULL,
    columns TEXT NOT NULL,
    criteria TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS column_security_rules_el ON column_security_rules(element_id);
"""

_KINDS = ("no-one-can-view", "specific-users-and-teams", "user-attribute")


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise BadRequest(f"{where} must be a non-empty string")
    return value


def _assignment(item: Any, kind: str, where: str) -> dict[str, str]:
    if not isinstance(item, dict):
        raise BadRequest(f"{where} must be an object")
    if kind == "user-attribute":
        return {
            "userAttributeId": _text(item.get("userAttributeId"), f"{where}.userAttributeId"),
            "value": _text(item.get("value"), f"{where}.value"),
        }
    if item.get("type") == "user":
        return {"type": "user", "userId": _text(item.get("userId"), f"{where}.userId")}
    if item.get("type") == "team":
        return {"type": "team", "teamId": _text(item.get("teamId"), f"{where}.teamId")}
    raise BadRequest(f"{where}.type must be user or team")


def _criteria(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict) or value.get("kind") not in _KINDS:
        raise BadRequest(f"{where}.kind must be one of {', '.join(_KINDS)}")
    kind = value["kind"]
    if kind == "no-one-can-view":
        return {"kind": kind}
    items = value.get("assignments")
    if not isinstance(items, list) or not items:
        raise BadRequest(f"{where}.assignments must list at least one assignment")
    return {
        "kind": kind,
        "assignments": [
            _assignment(item, kind, f"{where}.assignments[{n}]") for n, item in enumerate(items)
        ],
    }


class ColumnSecurityStore:
    def __init__(self, db: Database, ids: IdFactory, models: DataModelStore) -> None:
        self.db = db
        self.ids = ids
        self.models = models

    def _columns_of(self, data_model_id: str, element_id: str, caller: str) -> set[str]:
        """The element's column ids; the caller must be able to edit the model (Sigma asks
        **Can edit** even to list the rules)."""
        self.models.row(data_model_id, caller, need="edit")
        element = self.models.element(element_id)
        if element is None or element["data_model_id"] != data_model_id:
            raise NotFound.of("Element", element_id)
        return {column_id(label) for label, _, _ in json.loads(element["columns"])}

    @staticmethod
    def _rule(value: Any, known: set[str], where: str) -> tuple[Any, dict[str, Any]]:
        if not isinstance(value, dict):
            raise BadRequest(f"{where} must be an object {{columns, criteria}}")
        columns = value.get("columns")
        if columns != "all":
            if not isinstance(columns, list) or not columns:
                raise BadRequest(f"{where}.columns must be a list of column ids, or all")
            for n, column in enumerate(columns):
                if _text(column, f"{where}.columns[{n}]") not in known:
                    raise BadRequest(f"{where}.columns[{n}]: no column {column} in this element")
        return columns, _criteria(value.get("criteria"), f"{where}.criteria")

    @staticmethod
    def _render(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "columnSecurityRuleId": row["rule_id"],
            "columns": json.loads(row["columns"]),
            "criteria": json.loads(row["criteria"]),
        }

    def rules(
        self, data_model_id: str, element_id: str, caller: str, *, offset: int, limit: int
    ) -> Page:
        self._columns_of(data_model_id, element_id, caller)
        got = offset_page(
            self.db,
            "SELECT * FROM column_security_rules WHERE data_model_id = ? AND element_id = ? "
            "ORDER BY seq",
            (data_model_id, element_id),
            offset=offset,
            limit=limit,
        )
        return got.render(self._render)

    def create(
        self, data_model_id: str, element_id: str, body: Any, caller: str
    ) -> list[dict[str, Any]]:
        """Every rule of ``body`` (a list), or none if any is wrong."""
        known = self._columns_of(data_model_id, element_id, caller)
        if not isinstance(body, list) or not body:
            raise BadRequest("The body must be a list of rules {columns, criteria}")
        rules = [self._rule(item, known, f"[{n}]") for n, item in enumerate(body)]
        ids = [self.ids.uuid() for _ in rules]
        with self.db.tx() as conn:
            conn.executemany(
                "INSERT INTO column_security_rules (rule_id, data_model_id, element_id, columns, "
                "criteria) VALUES (?,?,?,?,?)",
                [
                    (rule_id, data_model_id, element_id, json.dumps(cols), json.dumps(crit))
                    for rule_id, (cols, crit) in zip(ids, rules, strict=True)
                ],
            )
        return [
            {"columnSecurityRuleId": rule_id, "columns": cols, "criteria": crit}
            for rule_id, (cols, crit) in zip(ids, rules, strict=True)
        ]

    def _one(self, data_model_id: str, element_id: str, rule_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM column_security_rules WHERE rule_id = ? AND data_model_id = ? "
            "AND element_id = ?",
            (rule_id, data_model_id, element_id),
        )
        if row is None:
            raise NotFound.of("Column security rule", rule_id)
        return row

    def update(
        self, data_model_id: str, element_id: str, rule_id: str, body: Any, caller: str
    ) -> dict[str, Any]:
        """Replace the rule's columns and criteria (Sigma's PUT is a full replacement)."""
        known = self._columns_of(data_model_id, element_id, caller)
        self._one(data_model_id, element_id, rule_id)
        columns, criteria = self._rule(body, known, "body")
        with self.db.tx() as conn:
            conn.execute(
                "UPDATE column_security_rules SET columns = ?, criteria = ? WHERE rule_id = ?",
                (json.dumps(columns), json.dumps(criteria), rule_id),
            )
        return self._render(self._one(data_model_id, element_id, rule_id))

    def delete(self, data_model_id: str, element_id: str, rule_id: str, caller: str) -> None:
        self._columns_of(data_model_id, element_id, caller)
        self._one(data_model_id, element_id, rule_id)
        with self.db.tx() as conn:
            conn.execute("DELETE FROM column_security_rules WHERE rule_id = ?", (rule_id,))
