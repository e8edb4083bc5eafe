"""Account types: the organization's set (Sigma's defaults and custom ones), their feature
permissions, and the check members go through (``Member type name is not found``).

Which set the organization has is chosen when it is seeded (``--account-types``):

- ``default``: today's Sigma defaults, Admin, Pro, Essential, Lite;
- ``legacy``: what older organizations have, Admin, Creator, Explorer, Viewer;
- ``all`` (the demo organization): the defaults plus Creator, Explorer and Viewer as custom
  account types, so the names Sigma's QuickStart uses work beside today's;
- a list of names (``Admin,Analyst,Viewer``): those; Admin is always there (the owner of the
  API credentials is one). A name that is a default in one of the sets above takes that
  type's permissions; any other is a custom type with view-level permissions.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ..db import Database
from ..errors import ApiError, BadRequest, Conflict, NotFound
from .org import OrgStore
from .text import bounded

__all__ = [
    "ACCOUNT_TYPE_SETS",
    "PERMISSIONS",
    "SCHEMA",
    "AccountTypeSpec",
    "AccountTypeStore",
    "account_type_specs",
    "level",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS account_types (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    position INTEGER NOT NULL,
    account_type_id TEXT UNIQUE NOT NULL,
    description TEXT NOT NULL,
    is_custom INTEGER NOT NULL,
    -- the feature permissions it enables, as a JSON list of names
    permissions TEXT NOT NULL
);
"""

#: Sigma's feature permissions (a subset; names as the description's example, "view-worksheet"),
#: in the order they are listed, with what each allows.
PERMISSIONS: dict[str, str] = {
    "view-workbook": "View workbooks, dashboards and reports shared with them",
    "view-worksheet": "View worksheets shared with them",
    "download-data": "Download and export data from elements they can view",
    "schedule-exports": "Schedule exports and alerts",
    "explore-workbook": "Explore the data behind workbooks they can view",
    "create-workbook": "Create and save workbooks",
    "create-dataset": "Create datasets and data models",
    "write-sql": "Write SQL against connections they can use",
    "create-input-table": "Create input tables",
    "manage-folders": "Create, move and share folders and workspaces",
    "publish-embeds": "Publish and embed workbooks",
    "manage-members": "Invite, change and deactivate members",
    "manage-teams": "Create teams and change their members",
    "manage-connections": "Create and change connections",
    "manage-account-types": "Create and change account types",
    "manage-api-credentials": "Create API credentials and embed secrets",
    "manage-api-connectors": "Create and change API connectors",
}

_VIEW = ("view-workbook", "view-worksheet", "download-data", "schedule-exports")
_EXPLORE = (*_VIEW, "explore-workbook")
_CREATE = (
    *_EXPLORE,
    "create-workbook",
    "create-dataset",
    "write-sql",
    "create-input-table",
    "manage-folders",
    "publish-embeds",
)
_ADMIN = tuple(PERMISSIONS)


@dataclass(frozen=True)
class AccountTypeSpec:
    name: str
    description: str
    is_custom: bool
    permissions: tuple[str, ...]


_ADMIN_SPEC = AccountTypeSpec("Admin", "Full access, including administration", False, _ADMIN)
_DEFAULTS = (
    _ADMIN_SPEC,
    AccountTypeSpec("Pro", "Create, explore and share workbooks and data models", False, _CREATE),
    AccountTypeSpec("Essential", "Explore and analyze shared workbooks", False, _EXPLORE),
    AccountTypeSpec("Lite", "View and interact with shared workbooks", False, _VIEW),
)
_LEGACY = (
    ("Creator", "Create, explore and share workbooks (the older Creator type)", _CREATE),
    ("Explorer", "Explore shared workbooks (the older Explorer type)", _EXPLORE),
    ("Viewer", "View shared workbooks (the older Viewer type)", _VIEW),
)

#: the named sets ``--account-types`` offers
ACCOUNT_TYPE_SETS: dict[str, tuple[AccountTypeSpec, ...]] = {
    "default": _DEFAULTS,
    "legacy": (
        _ADMIN_SPEC,
        *(AccountTypeSpec(n, d, False, p) for n, d, p in _LEGACY),
    ),
    "all": (
        *_DEFAULTS,
        *(AccountTypeSpec(n, d, True, p) for n, d, p in _LEGACY),
    ),
}
_KNOWN = {s.name.lower(): s for specs in ACCOUNT_TYPE_SETS.values() for s in specs}


def account_type_specs(choice: str | Sequence[str]) -> tuple[AccountTypeSpec, ...]:
    """The account types of a named set, or of a list of names (comma-separated or a
    sequence); ``ValueError`` for an empty or repeated name."""
    if isinstance(choice, str) and choice.strip().lower() in ACCOUNT_TYPE_SETS:
        return ACCOUNT_TYPE_SETS[choice.strip().lower()]
    names = choice.split(",") if isinstance(choice, str) else list(choice)
    names = [n.strip() for n in names]
    if not names or not all(names):
        raise ValueError(
            "account types are default, legacy, all or a comma-separated list of names"
        )
    lowered = [n.lower() for n in names]
    if len(set(lowered)) != len(lowered):
        raise ValueError("an account type is named twice")
    if "admin" not in lowered:
        names.insert(0, "Admin")
    specs = []
    for name in names:
        known = _KNOWN.get(name.lower())
        if known is not None and known.name.lower() in {"admin", "pro", "essential", "lite"}:
            specs.append(AccountTypeSpec(known.name, known.description, False, known.permissions))
        elif known is not None:
            specs.append(AccountTypeSpec(known.name, known.description, True, known.permissions))
        else:
            specs.append(AccountTypeSpec(name, f"Custom account type {name}", True, _VIEW))
    return tuple(specs)


def level(permissions: Sequence[str]) -> str:
    """What an account type amounts to, as a workspace permission: ``edit`` (Admin),
    ``organize`` (Pro, Creator), ``explore`` (Essential, Explorer) or ``view``."""
    held = set(permissions)
    if "manage-members" in held:
        return "edit"
    if "create-workbook" in held:
        return "organize"
    if "explore-workbook" in held:
        return "explore"
    return "view"


def _type_id(org_id: str, name: str) -> str:
    """A stable id per organization and name (a UUID shape; Sigma's format is not
    documented), so seeding draws nothing from the id sequence."""
    digest = hashlib.sha256(f"{org_id}/account-type/{name.lower()}".encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


class _Members(Protocol):
    """What the account types ask of the members' store (their table)."""

    def type_of(self, member_id: str) -> str | None: ...

    def count_of_type(self, conn: sqlite3.Connection, member_type: str) -> int: ...

    def retype(self, conn: sqlite3.Connection, old: str, new: str) -> None: ...


class _NoMembers:
    """Before the members' store is built (it hands itself over): nobody."""

    def type_of(self, member_id: str) -> str | None:
        return None

    def count_of_type(self, conn: sqlite3.Connection, member_type: str) -> int:
        return 0

    def retype(self, conn: sqlite3.Connection, old: str, new: str) -> None:
        return None


class AccountTypeStore:
    def __init__(self, db: Database, org: OrgStore) -> None:
        self.db = db
        self.org = org
        #: the members' store, which owns the members and hands itself over when built
        self.members: _Members = _NoMembers()
        self._upgrade()

    def _upgrade(self) -> None:
        """A database file from before account types had ids and permissions held only
        today's four names: lay them down again with the rest of their fields."""
        columns = {r["name"] for r in self.db.all("PRAGMA table_info(account_types)")}
        if "account_type_id" in columns:
            return
        org_id = self.org.get().id if self.org.seeded() else None
        with self.db.tx() as conn:
            conn.execute("DROP TABLE account_types")
            conn.execute(SCHEMA.strip().rstrip(";"))
            if org_id is not None:
                self.insert(conn, org_id, ACCOUNT_TYPE_SETS["default"])

    def insert(
        self, conn: sqlite3.Connection, org_id: str, specs: Sequence[AccountTypeSpec]
    ) -> None:
        """Lay the organization's account types down inside the caller's transaction."""
        conn.executemany(
            "INSERT INTO account_types VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    s.name,
                    i,
                    _type_id(org_id, s.name),
                    s.description,
                    int(s.is_custom),
                    json.dumps(list(s.permissions)),
                )
                for i, s in enumerate(specs)
            ],
        )

    @staticmethod
    def render(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "accountTypeId": row["account_type_id"],
            "accountTypeName": row["name"],
            "description": row["description"],
            "isCustom": bool(row["is_custom"]),
        }

    def entries(self) -> list[dict[str, Any]]:
        return [
            self.render(r) for r in self.db.all("SELECT * FROM account_types ORDER BY position")
        ]

    def names(self) -> list[str]:
        """The account types' names, in the organization's order."""
        return [r["name"] for r in self.db.all("SELECT name FROM account_types ORDER BY position")]

    def permissions(self, account_type_id: str) -> list[dict[str, str]]:
        row = self.db.one(
            "SELECT permissions FROM account_types WHERE account_type_id = ?", (account_type_id,)
        )
        if row is None:
            raise NotFound.of("Account type", account_type_id)
        enabled = set(json.loads(row["permissions"]))
        return [
            {"permission": name, "description": text}
            for name, text in PERMISSIONS.items()
            if name in enabled
        ]

    def resolve(self, name: str) -> str:
        """The stored spelling of an account type (matched case-insensitively), or the 404
        Sigma answers a member create or update with."""
        row = self.db.one("SELECT name FROM account_types WHERE name = ?", (name.strip(),))
        if row is None:
            raise NotFound("Member type name is not found")
        return str(row["name"])

    def holds(self, member_id: str, permission: str) -> bool:
        """Whether the member's account type enables that feature permission."""
        kind = self.members.type_of(member_id)
        row = self.db.one("SELECT permissions FROM account_types WHERE name = ?", (kind,))
        return row is not None and permission in json.loads(row["permissions"])

    def levels(self) -> dict[str, str]:
        """Each account type's :func:`level`, by name."""
        return {
            r["name"]: level(json.loads(r["permissions"]))
            for r in self.db.all("SELECT name, permissions FROM account_types ORDER BY position")
        }

    def lowest(self) -> str:
        """The account type a member gets when none is named: the one with the fewest
        permissions (Lite in today's organizations)."""
        rows = self.db.all("SELECT name, permissions FROM account_types ORDER BY position DESC")
        if not rows:
            raise ApiError(500, "The organization has no account types")
        return str(min(rows, key=lambda r: len(json.loads(r["permissions"])))["name"])

    # ----- custom account types (POST / DELETE /v2/accountTypes) -----

    def _row_by_id(self, account_type_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM account_types WHERE account_type_id = ?", (account_type_id,)
        )
        if row is None:
            raise NotFound.of("Account type", account_type_id)
        return row

    def create(self, org_id: str, body: dict[str, Any]) -> dict[str, Any]:
        """A custom account type with the feature permissions named (names as listed by
        ``/v2/accountTypes/{id}/permissions``); 409 if the name is taken (any case)."""
        name = bounded(body.get("name", ""), "name").strip()
        if not name:
            raise BadRequest("An account type needs a name")
        permissions = body.get("permissions")
        if not isinstance(permissions, list) or not all(isinstance(p, str) for p in permissions):
            raise BadRequest("permissions must be a list of permission names")
        unknown = [p for p in permissions if p not in PERMISSIONS]
        if unknown:
            raise BadRequest(f"Unknown permission: {', '.join(unknown)}")
        description = str(body.get("description") or "")
        with self.db.tx() as conn:
            taken = conn.execute(
                "SELECT account_type_id FROM account_types WHERE name = ?", (name,)
            ).fetchone()
            if taken is not None:
                raise Conflict.duplicate("account-type-id", taken["account_type_id"])
            position = conn.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM account_types"
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO account_types VALUES (?, ?, ?, ?, 1, ?)",
                (
                    name,
                    position,
                    _type_id(org_id, name),
                    description,
                    json.dumps([p for p in PERMISSIONS if p in set(permissions)]),
                ),
            )
        row = self.db.one("SELECT * FROM account_types WHERE name = ?", (name,))
        assert row is not None
        return self.render(row)

    def delete(self, account_type_id: str, reassign_to: str | None) -> None:
        """Delete a custom account type; its members move to ``reassign_to`` (required
        when it has members). Sigma's own types cannot be deleted."""
        row = self._row_by_id(account_type_id)
        if not row["is_custom"]:
            raise BadRequest(f"{row['name']} is a default account type and cannot be deleted")
        with self.db.tx() as conn:
            used = self.members.count_of_type(conn, row["name"])
            if reassign_to is not None:
                target = self._row_by_id(reassign_to)
                if target["account_type_id"] == account_type_id:
                    raise BadRequest("reassignToAccountTypeId must be another account type")
                self.members.retype(conn, row["name"], target["name"])
            elif used:
                raise BadRequest(
                    f"{used} member(s) have the account type {row['name']}: "
                    "give reassignToAccountTypeId"
                )
            conn.execute("DELETE FROM account_types WHERE account_type_id = ?", (account_type_id,))
