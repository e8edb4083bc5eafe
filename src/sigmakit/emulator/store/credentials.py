"""API client credentials (``/v2/credentials``: a client id and secret a member's scripts
sign in with) and API credentials (``/v2/api-credentials``: what Sigma's API connectors
authenticate to other services with). Both need an account type with the
``manage-api-credentials`` permission (Admin).

A secret is shown once, in the answer that creates it, and never kept: a client secret is
stored as its hash (:mod:`.org`, where signing in checks it), an API credential's
password, token, key value or client secret not at all; reads show only the parts that are
not secret (a user name, a key's name, a client id).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Forbidden, NotFound
from ..ids import IdFactory
from .account_types import AccountTypeStore
from .members import MemberStore
from .org import OrgStore
from .text import bounded, name_of
from .tokens import TokenStore

__all__ = ["SCHEMA", "CredentialStore"]

SCHEMA = """
-- the name and scopes of client credentials made through the API (their secret's hash is
-- in credentials, beside the emulator's own pair)
CREATE TABLE IF NOT EXISTS client_credentials (
    client_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
-- shown: the credential's parts that are not secret, as JSON
CREATE TABLE IF NOT EXISTS api_credentials (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    api_credential_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    auth_method TEXT NOT NULL,
    allowlist TEXT NOT NULL,
    shown TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""

_SCOPES = ("api", "embed")
_TOKEN_AUTH = ("httpBasic", "requestBody")
#: per authentication method: its fields, each (name, kind, required, shown in answers);
#: kinds: "text", "flag" (a boolean), "list" (of text)
_METHODS: dict[str, tuple[tuple[str, str, bool, bool], ...]] = {
    "basic": (("username", "text", True, True), ("password", "text", True, False)),
    "bearer": (("token", "text", True, False),),
    "apiKey": (
        ("key", "text", True, True),
        ("value", "text", True, False),
        ("isQueryParam", "flag", True, True),
    ),
    "oAuthClientCredentials": (
        ("clientId", "text", True, True),
        ("clientSecret", "text", True, False),
        ("accessTokenUrl", "text", True, True),
        ("scopes", "list", True, True),
        ("accessTokenAuthMethod", "text", True, True),
    ),
    "awsSigV4": (
        ("accessKeyId", "text", True, True),
        ("secretAccessKey", "text", True, False),
        ("region", "text", False, True),
        ("service", "text", False, True),
        ("sessionToken", "text", False, False),
        ("temporaryCredentialsUrl", "text", False, True),
    ),
}


def _text_list(value: Any, what: str, *, empty: bool) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise BadRequest(f"{what} is a list of non-empty strings")
    if not value and not empty:
        raise BadRequest(f"{what} needs at least one entry")
    return [bounded(v, what) for v in value]


def _credential(value: Any) -> tuple[str, dict[str, Any]]:
    """``(authMethod, the parts shown in answers)`` of a credential, checked whole."""
    method = value.get("authMethod") if isinstance(value, dict) else None
    if not isinstance(value, dict) or not isinstance(method, str) or method not in _METHODS:
        raise BadRequest(f"credential.authMethod is one of {', '.join(_METHODS)}")
    method = str(value["authMethod"])
    fields = value.get(method)
    if not isinstance(fields, dict):
        raise BadRequest(f"credential.{method} is an object with the {method} settings")
    shown: dict[str, Any] = {}
    for name, kind, required, show in _METHODS[method]:
        where = f"credential.{method}.{name}"
        got = fields.get(name)
        if got is None:
            if required:
                raise BadRequest(f"{where} is required")
            continue
        if kind == "text" and not (isinstance(got, str) and got):
            raise BadRequest(f"{where} is a non-empty string")
        if kind == "flag" and not isinstance(got, bool):
            raise BadRequest(f"{where} is true or false")
        if kind == "list":
            got = _text_list(got, where, empty=True)
        if name == "accessTokenAuthMethod" and got not in _TOKEN_AUTH:  # got: a string
            raise BadRequest(f"{where} is one of {', '.join(_TOKEN_AUTH)}")
        if show:
            shown[name] = bounded(got, where) if isinstance(got, str) else got
    return method, shown


class CredentialStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        org: OrgStore,
        account_types: AccountTypeStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.org = org
        self.account_types = account_types

    def _allowed(self, caller: str) -> None:
        if not self.account_types.holds(caller, "manage-api-credentials"):
            raise Forbidden("Your account type may not manage API credentials")

    # ----- /v2/credentials -----

    def create_client(self, body: dict[str, Any], caller: str) -> dict[str, str]:
        """New client credentials for an active member: the only answer with the secret."""
        self._allowed(caller)
        name = name_of(body.get("name"), "credential")
        owner = str(body.get("ownerId") or "")
        scopes = body.get("scopes", ["api"])
        if not isinstance(scopes, list) or not scopes or any(s not in _SCOPES for s in scopes):
            raise BadRequest(f"scopes is a list of {' and '.join(_SCOPES)}")
        with self.db.tx() as conn:
            MemberStore.check_active(conn, owner)
            client_id, secret = self.ids.secret(32), self.ids.secret(64)
            conn.execute(
                "INSERT INTO client_credentials VALUES (?,?,?,?,?)",
                (client_id, name, json.dumps(sorted(set(scopes))), caller, self.clock.iso()),
            )
        self.org.add_credentials(client_id, secret, owner)
        return {"clientId": client_id, "clientSecret": secret}

    def delete_client(self, client_id: str, caller: str) -> None:
        """The pair stops signing in, and the tokens it got stop working."""
        self._allowed(caller)
        with self.db.tx() as conn:
            if not OrgStore.remove_credentials(conn, client_id):
                raise NotFound.of("Credentials", client_id)
            conn.execute("DELETE FROM client_credentials WHERE client_id = ?", (client_id,))
            TokenStore.revoke_client(conn, client_id)

    # ----- /v2/api-credentials -----

    @staticmethod
    def _render(row: sqlite3.Row, *, full: bool = True) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "apiCredentialId": row["api_credential_id"],
            "name": row["name"],
            "authMethod": row["auth_method"],
            "allowlist": json.loads(row["allowlist"]),
        }
        if full:
            method = row["auth_method"]
            shown = json.loads(row["shown"])
            credential: dict[str, Any] = {"authMethod": method}
            if shown or method != "bearer":
                credential[method] = shown
            entry.update(
                credential=credential,
                createdBy=row["created_by"],
                updatedBy=row["updated_by"],
                createdAt=row["created_at"],
                updatedAt=row["updated_at"],
            )
        return entry

    def _row(self, api_credential_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM api_credentials WHERE api_credential_id = ?", (api_credential_id,)
        )
        if row is None:
            raise NotFound.of("API credential", api_credential_id)
        return row

    def list(self, caller: str, *, name: str | None, order_by: str | None) -> list[dict[str, Any]]:
        self._allowed(caller)
        orders = {None: "seq", "": "seq", "createdAt": "seq", "name": "lower(name), seq"}
        if order_by not in orders:
            raise BadRequest("orderBy is name or createdAt")
        where, args = "1", []
        if name:
            where, args = "instr(lower(name), ?) > 0", [name.lower()]
        rows = self.db.all(
            f"SELECT * FROM api_credentials WHERE {where} ORDER BY {orders[order_by]}", args
        )
        return [self._render(r, full=False) for r in rows]

    def allowlist(self, api_credential_id: str) -> tuple[str, ...] | None:
        """The hosts an API credential may be sent to, or None when there is no such
        credential (for the API connectors that use it)."""
        text = self.db.scalar(
            "SELECT allowlist FROM api_credentials WHERE api_credential_id = ?",
            (api_credential_id,),
        )
        return None if text is None else tuple(json.loads(text))

    def get(self, api_credential_id: str, caller: str) -> dict[str, Any]:
        self._allowed(caller)
        return self._render(self._row(api_credential_id))

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self._allowed(caller)
        name = name_of(body.get("name"), "API credential")
        allowlist = _text_list(body.get("allowlist"), "allowlist", empty=False)
        method, shown = _credential(body.get("credential"))
        credential_id, now = self.ids.uuid(), self.clock.iso()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO api_credentials (api_credential_id, name, auth_method, allowlist, "
                "shown, created_by, updated_by, created_at, updated_at) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    credential_id,
                    name,
                    method,
                    json.dumps(allowlist),
                    json.dumps(shown),
                    caller,
                    caller,
                    now,
                    now,
                ),
            )
        return self.get(credential_id, caller)

    def update(self, api_credential_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """Any of ``name``, ``allowlist``, ``credential`` (replaced whole, secret included)."""
        self._allowed(caller)
        self._row(api_credential_id)
        sets: dict[str, Any] = {}
        if body.get("name") is not None:
            sets["name"] = name_of(body["name"], "API credential")
        if body.get("allowlist") is not None:
            sets["allowlist"] = json.dumps(_text_list(body["allowlist"], "allowlist", empty=False))
        if body.get("credential") is not None:
            method, shown = _credential(body["credential"])
            sets.update(auth_method=method, shown=json.dumps(shown))
        if sets:
            sets.update(updated_by=caller, updated_at=self.clock.iso())
            assignments = ", ".join(f"{col} = ?" for col in sets)
            with self.db.tx() as conn:
                conn.execute(
                    f"UPDATE api_credentials SET {assignments} WHERE api_credential_id = ?",
                    (*sets.values(), api_credential_id),
                )
        return self.get(api_credential_id, caller)

    def delete(self, api_credential_id: str, caller: str) -> None:
        self._allowed(caller)
        self._row(api_credential_id)
        with self.db.tx() as conn:
            conn.execute(
                "DELETE FROM api_credentials WHERE api_credential_id = ?", (api_credential_id,)
            )
