"""API connectors: how a workbook's **Call API** action calls an external HTTP endpoint (its
method, URL, headers, parameters and body template, timeouts and retries), optionally with an
API credential (``authId``) whose allowlist the URL's host must match.

Only members whose account type has **Manage API connectors** create, change or archive
connectors; any member reads them. Sigma also checks **Can view**/**Can edit** access on each
connector; the emulator does not model grants on connectors (a guess:
``tests/parity/GUESSES.md``, "API connectors"). DELETE archives: the connector leaves the
list and can no longer be read. An answer always carries the four parts of ``config``, the
ones not given at their defaults (:data:`CONFIG_DEFAULTS`, guesses too), and ``bodyParams``:
the ``{{name}}`` placeholders of the body template (the placeholder syntax is a guess).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .text import name_of

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_connectors (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    api_connector_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    params TEXT NOT NULL,
    config TEXT NOT NULL,
    auth_id TEXT,
    archived INTEGER NOT NULL DEFAULT 0,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

METHODS = ("GET", "POST", "DELETE", "PATCH", "PUT", "OPTIONS", "HEAD")
_LISTS = ("headers", "pathParams", "queryParams")
_CONFIG = {
    "timeout": ("requestSec",),
    "retry": ("maxRetries", "retryableStatusCodes"),
    "redirects": ("maxRedirects",),
    "rateLimit": ("maxRequestsPerWindow",),
}


def _params(value: Any) -> dict[str, Any]:
    """The request a connector makes, checked as the description requires it whole."""
    if not isinstance(value, dict):
        raise BadRequest("params is an object: method, url, headers, pathParams, queryParams, body")
    missing = [k for k in ("method", "url", *_LISTS, "body") if k not in value]
    if missing:
        raise BadRequest(f"params.{missing[0]} is required")
    if value["method"] not in METHODS:
        raise BadRequest(f"params.method is one of {', '.join(METHODS)}")
    url = value["url"]
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        raise BadRequest("params.url is an http:// or https:// URL")
    if not urlsplit(url).hostname:
        raise BadRequest("params.url has no host")
    for key in _LISTS:
        if not isinstance(value[key], list) or not all(isinstance(i, dict) for i in value[key]):
            raise BadRequest(f"params.{key} is a list of objects")
    if not isinstance(value["body"], str):
        raise BadRequest("params.body is a string (the body's template)")
    return {k: value[k] for k in ("method", "url", *_LISTS, "body")}


def _config(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise BadRequest("config is an object")
    kept: dict[str, Any] = {}
    for key, required in _CONFIG.items():
        part = value.get(key)
        if part is None:
            continue
        if not isinstance(part, dict) or any(r not in part for r in required):
            raise BadRequest(f"config.{key} needs {' and '.join(required)}")
        kept[key] = {r: part[r] for r in required}
    return kept


def _allowed_host(host: str, allowlist: tuple[str, ...]) -> bool:
    """``host`` is on the list, or under a ``*.domain`` entry of it."""
    host = host.lower()
    for entry in allowlist:
        entry = entry.lower()
        if entry.startswith("*.") and host.endswith(entry[1:]):
            return True
        if host == entry:
            return True
    return False


#: what a connector's configuration says when it was not given (guesses, see the module notes)
CONFIG_DEFAULTS: dict[str, dict[str, Any]] = {
    "timeout": {"requestSec": 30},
    "retry": {"maxRetries": 0, "retryableStatusCodes": []},
    "redirects": {"maxRedirects": 5},
    "rateLimit": {"maxRequestsPerWindow": 60},
}
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")


def body_params(body: str) -> list[dict[str, Any]]:
    """The dynamic parameters of a body template: each ``{{name}}`` once, in order."""
    names = dict.fromkeys(m.group(1) for m in _PLACEHOLDER.finditer(body))
    return [{"key": n, "mode": "dynamic", "value": None, "type": "string"} for n in names]


def _render(row: sqlite3.Row) -> dict[str, Any]:
    params = json.loads(row["params"])
    return {
        "apiConnectorId": row["api_connector_id"],
        "name": row["name"],
        "description": row["description"],
        "params": {**params, "bodyParams": body_params(params["body"])},
        "config": {**CONFIG_DEFAULTS, **json.loads(row["config"])},
        "authId": row["auth_id"],
        "createdBy": row["created_by"],
        "updatedBy": row["updated_by"],
        "createdAt": row["created_at"],
        "updatedAt": row["updated_at"],
    }


class ApiConnectorStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        may_manage: Callable[[str], bool],
        allowlist: Callable[[str], tuple[str, ...] | None],
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.may_manage = may_manage
        self.allowlist = allowlist

    def _manager(self, caller: str) -> None:
        if not self.may_manage(caller):
            raise Forbidden("Your account type may not manage API connectors")

    def _row(self, connector_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM api_connectors WHERE api_connector_id = ? AND NOT archived",
            (connector_id,),
        )
        if row is None:
            raise NotFound.of("API connector", connector_id)
        return row

    def _auth(self, auth_id: Any, url: str) -> str | None:
        if auth_id is None:
            return None
        if not isinstance(auth_id, str) or not auth_id:
            raise BadRequest("authId is an apiCredentialId")
        hosts = self.allowlist(auth_id)
        if hosts is None:
            raise BadRequest(f"No API credential {auth_id}")
        host = urlsplit(url).hostname or ""
        if not _allowed_host(host, hosts):
            raise BadRequest(f"params.url's host {host} is not on the credential's allowlist")
        return auth_id

    def list(self, *, name: str | None, order_by: str | None) -> list[dict[str, Any]]:
        orders = {None: "seq", "": "seq", "createdAt": "seq", "name": "lower(name), seq"}
        if order_by not in orders:
            raise BadRequest("orderBy is name or createdAt")
        where, args = "NOT archived", []
        if name:
            where += " AND instr(lower(name), ?) > 0"
            args.append(name.lower())
        rows = self.db.all(
            f"SELECT * FROM api_connectors WHERE {where} ORDER BY {orders[order_by]}", args
        )
        return [
            {
                "apiConnectorId": r["api_connector_id"],
                "name": r["name"],
                "description": r["description"],
            }
            for r in rows
        ]

    def get(self, connector_id: str) -> dict[str, Any]:
        return _render(self._row(connector_id))

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self._manager(caller)
        name = name_of(body.get("name"), "API connector")
        params = _params(body.get("params"))
        config = _config(body.get("config"))
        description = body.get("description") or ""
        if not isinstance(description, str):
            raise BadRequest("description is a string")
        auth_id = self._auth(body.get("authId"), params["url"])
        connector_id = self.ids.uuid()
        now = self.clock.iso()
        with self.db.tx() as c:
            c.execute(
                "INSERT INTO api_connectors (api_connector_id, name, description, params,"
                " config, auth_id, created_by, updated_by, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    connector_id,
                    name,
                    description,
                    json.dumps(params),
                    json.dumps(config),
                    auth_id,
                    caller,
                    caller,
                    now,
                    now,
                ),
            )
        return self.get(connector_id)

    def update(self, connector_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """What is given changes (``description``/``authId`` null clears); the rest stays."""
        self._manager(caller)
        row = self._row(connector_id)
        sets: dict[str, Any] = {}
        if body.get("name") is not None:
            sets["name"] = name_of(body["name"], "API connector")
        params = json.loads(row["params"])
        if body.get("params") is not None:
            params = _params(body["params"])
            sets["params"] = json.dumps(params)
        if body.get("config") is not None:
            sets["config"] = json.dumps(_config(body["config"]))
        if "description" in body:
            description = body["description"]
            if description is not None and not isinstance(description, str):
                raise BadRequest("description is a string or null")
            sets["description"] = description or ""
        if "authId" in body:
            sets["auth_id"] = self._auth(body["authId"], params["url"])
        elif "params" in sets and row["auth_id"]:  # a new URL must still suit the credential
            self._auth(row["auth_id"], params["url"])
        sets.update(updated_by=caller, updated_at=self.clock.iso())
        with self.db.tx() as c:
            c.execute(
                f"UPDATE api_connectors SET {', '.join(f'{k} = ?' for k in sets)}"
                " WHERE api_connector_id = ?",
                (*sets.values(), connector_id),
            )
        return self.get(connector_id)

    def archive(self, connector_id: str, caller: str) -> None:
        self._manager(caller)
        self._row(connector_id)
        with self.db.tx() as c:
            c.execute(
                "UPDATE api_connectors SET archived = 1, updated_by = ?, updated_at = ?"
                " WHERE api_connector_id = ?",
                (caller, self.clock.iso(), connector_id),
            )
