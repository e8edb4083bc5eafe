"""Webhooks (beta): an action sequence of a workbook that a webhook triggers, at
``/v2/webhooks/{workbookId}/{sequenceId}``; its ``/schema`` names the variables a call
sends. The seeded Sales Overview has one (``seed``); a call is checked against its
variables and recorded in ``webhook_calls`` (the emulator runs no action), answered 202
with the trace id of the run."""

from __future__ import annotations

import json
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, NotFound
from ..ids import IdFactory
from .workbooks import WorkbookStore

__all__ = ["SCHEMA", "SEEDED_VARIABLES", "WebhookStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS workbook_webhooks (
    workbook_id TEXT NOT NULL,
    sequence_id TEXT NOT NULL,
    variables TEXT NOT NULL,
    PRIMARY KEY (workbook_id, sequence_id)
);
CREATE TABLE IF NOT EXISTS webhook_calls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    trace_id TEXT UNIQUE NOT NULL,
    workbook_id TEXT NOT NULL,
    sequence_id TEXT NOT NULL,
    body TEXT NOT NULL,
    called_by TEXT NOT NULL,
    called_at TEXT NOT NULL
);
"""

#: the variables of the seeded sequence: name -> its description (the JSON type it takes)
SEEDED_VARIABLES: dict[str, dict[str, Any]] = {
    "region": {"type": "text"},
    "amount": {"type": "number"},
    "approved": {"type": "boolean"},
}
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "text": (str,),
    "number": (int, float),
    "boolean": (bool,),
}


class WebhookStore:
    def __init__(
        self, db: Database, ids: IdFactory, clock: Clock, workbooks: WorkbookStore
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.workbooks = workbooks

    def seed(self, workbook_id: str) -> str:
        """One webhook-triggered sequence on the workbook; its id."""
        sequence_id = self.ids.short_id()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO workbook_webhooks VALUES (?, ?, ?)",
                (workbook_id, sequence_id, json.dumps(SEEDED_VARIABLES)),
            )
        return sequence_id

    def _variables(self, workbook_id: str, sequence_id: str, caller: str) -> dict[str, Any]:
        self.workbooks.row(workbook_id, caller)
        row = self.db.one(
            "SELECT variables FROM workbook_webhooks WHERE workbook_id = ? AND sequence_id = ?",
            (workbook_id, sequence_id),
        )
        if row is None:
            raise NotFound(f"Workbook {workbook_id} has no webhook sequence {sequence_id}")
        found: dict[str, Any] = json.loads(row["variables"])
        return found

    def schema(self, workbook_id: str, sequence_id: str, caller: str) -> dict[str, Any]:
        return {"variables": self._variables(workbook_id, sequence_id, caller)}

    def call(self, workbook_id: str, sequence_id: str, body: Any, caller: str) -> dict[str, str]:
        """A body of the sequence's variables (each of its type; none other): recorded."""
        variables = self._variables(workbook_id, sequence_id, caller)
        if not isinstance(body, dict):
            raise BadRequest("The body is a JSON object of the webhook's variables")
        unknown = sorted(set(body) - set(variables))
        if unknown:
            raise BadRequest(
                f"Unknown webhook variable {unknown[0]!r} (variables: {', '.join(variables)})"
            )
        for name, value in body.items():
            kinds = _JSON_TYPES.get(str(variables[name].get("type")), (object,))
            wrong = isinstance(value, bool) and bool not in kinds
            if value is not None and (wrong or not isinstance(value, kinds)):
                raise BadRequest(f"Variable {name!r} takes a {variables[name]['type']}")
        trace_id = self.ids.uuid()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO webhook_calls (trace_id, workbook_id, sequence_id, body, called_by, "
                "called_at) VALUES (?,?,?,?,?,?)",
                (trace_id, workbook_id, sequence_id, json.dumps(body), caller, self.clock.iso()),
            )
        return {"traceId": trace_id}

    def calls(self, workbook_id: str, sequence_id: str) -> list[dict[str, Any]]:
        """The calls of a sequence, oldest first (for the console and tests)."""
        return [
            {"traceId": r["trace_id"], "body": json.loads(r["body"]), "calledBy": r["called_by"]}
            for r in self.db.all(
                "SELECT * FROM webhook_calls WHERE workbook_id = ? AND sequence_id = ? "
                "ORDER BY seq",
                (workbook_id, sequence_id),
            )
        ]

    def all(self) -> list[dict[str, Any]]:
        """Every webhook sequence with the calls it had (the control plane's view)."""
        return [
            {
                "workbookId": r["workbook_id"],
                "sequenceId": r["sequence_id"],
                "variables": json.loads(r["variables"]),
                "calls": self.calls(r["workbook_id"], r["sequence_id"]),
            }
            for r in self.db.all("SELECT * FROM workbook_webhooks ORDER BY rowid")
        ]
