"""User attributes (``/v2/user-attributes``): named values an admin sets per member, per team
or per tenant, with an optional default, that workbooks read as ``CurrentUserAttributeText``.

Every value is ``{"type": "string", "val": ...}`` (the one type both descriptions know).
A team's assignments carry a ``priority`` (1 first): the order in which they were made,
renumbered when one goes. A deleted team's assignments are never shown (and are dropped on
the next change); deleting an attribute removes all its assignments. Members are never
deleted in Sigma (only deactivated), so a deactivated member keeps their values until
someone clears them.

Who may do what is not documented beyond the delete ("API credentials owned by a user
assigned the Admin account type"); the emulator reads that as: anyone with API credentials
may read, only an Admin may change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from ..clock import Clock
from ..db import Database
from ..errors import BadRequest, Conflict, Forbidden, NotFound
from ..ids import IdFactory
from .members import MemberStore
from .paging import Page, offset_page, select_page
from .permissions import PermissionStore
from .teams import TeamStore
from .text import bounded, name_of

__all__ = ["MAX_ASSIGNMENTS", "MAX_VALUE", "SCHEMA", "UserAttributeStore"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS user_attributes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user_attribute_id TEXT UNIQUE NOT NULL,
    name TEXT NOT NULL,
    name_lower TEXT UNIQUE NOT NULL,
    description TEXT,
    default_value TEXT,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS user_attribute_members (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user_attribute_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    value TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_attribute_id, member_id)
);
CREATE INDEX IF NOT EXISTS user_attribute_members_member ON user_attribute_members(member_id);
CREATE TABLE IF NOT EXISTS user_attribute_teams (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user_attribute_id TEXT NOT NULL,
    team_id TEXT NOT NULL,
    value TEXT NOT NULL,
    priority INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_attribute_id, team_id)
);
CREATE INDEX IF NOT EXISTS user_attribute_teams_team ON user_attribute_teams(team_id);
CREATE TABLE IF NOT EXISTS user_attribute_tenants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    user_attribute_id TEXT NOT NULL,
    tenant_id TEXT NOT NULL,
    value TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (user_attribute_id, tenant_id)
);
"""

#: the most assignments one request may carry (the description says so for a team's)
MAX_ASSIGNMENTS = 100
#: the longest value the emulator keeps (Sigma's limit is not documented)
MAX_VALUE = 1024

#: ``tenant id -> whether that tenant exists`` (the tenant store's, once there is one)
TenantCheck = Callable[[str], bool]

#: the assignment tables: (table, id column, what a 404 calls the thing assigned to)
_TARGETS = {
    "users": ("user_attribute_members", "member_id", "Member"),
    "teams": ("user_attribute_teams", "team_id", "Team"),
    "tenants": ("user_attribute_tenants", "tenant_id", "Tenant"),
}
#: each target's id field on the wire
WIRE_ID = {"users": "userId", "teams": "teamId", "tenants": "tenantOrganizationId"}


def value_of(raw: Any) -> str:
    """The text of a ``{"type": "string", "val": ...}`` value, checked."""
    if not isinstance(raw, dict) or not isinstance(raw.get("val"), str):
        raise BadRequest('A user attribute value is {"type": "string", "val": "<text>"}')
    if raw.get("type") != "string":
        raise BadRequest(f"Unsupported user attribute value type: {raw.get('type')!r}")
    text = bounded(raw["val"], "A user attribute value", MAX_VALUE)
    if not text.strip():
        raise BadRequest("A user attribute value must not be empty")
    return text


def wire_value(text: str | None) -> dict[str, str] | None:
    return None if text is None else {"type": "string", "val": text}


def _no_tenants(tenant_id: str) -> bool:
    """Before the organization has tenants: none exists, so every tenant id is a 404."""
    return False


class UserAttributeStore:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        permissions: PermissionStore,
        tenant_exists: TenantCheck = _no_tenants,
        *,
        members: MemberStore,
        teams: TeamStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.permissions = permissions
        self.tenant_exists = tenant_exists
        self.members, self.teams = members, teams

    # -- the attributes ------------------------------------------------------------------

    @staticmethod
    def render(row: sqlite3.Row) -> dict[str, Any]:
        return {
            "userAttributeId": row["user_attribute_id"],
            "name": row["name"],
            "description": row["description"],
            "defaultValue": wire_value(row["default_value"]),
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
        }

    def admin(self, caller: str) -> None:
        if not self.permissions.is_admin(caller):
            raise Forbidden("Only an Admin may change user attributes")

    def row(self, attribute_id: str) -> sqlite3.Row:
        row = self.db.one(
            "SELECT * FROM user_attributes WHERE user_attribute_id = ?", (attribute_id,)
        )
        if row is None:
            raise NotFound.of("User attribute", attribute_id)
        return row

    def get(self, attribute_id: str) -> dict[str, Any]:
        return self.render(self.row(attribute_id))

    def list(self, *, name: str | None, offset: int, limit: int) -> Page:
        """Every attribute, oldest first; ``name`` is an exact, case-insensitive filter."""
        where, args = ([], []) if name is None else (["name_lower = ?"], [name.strip().lower()])
        got = select_page(self.db, "user_attributes", where, args, offset=offset, limit=limit)
        return got.render(self.render)

    def insert(
        self,
        conn: sqlite3.Connection,
        *,
        name: str,
        description: str | None,
        default: str | None,
        by: str,
        at: str | None = None,
    ) -> str:
        """Add an attribute inside the caller's transaction (no checks); returns its id."""
        attribute_id = self.ids.uuid()
        when = at or self.clock.iso()
        conn.execute(
            "INSERT INTO user_attributes (user_attribute_id, name, name_lower, description, "
            "default_value, created_by, updated_by, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (attribute_id, name, name.lower(), description, default, by, by, when, when),
        )
        return attribute_id

    def create(self, body: dict[str, Any], caller: str) -> dict[str, Any]:
        self.admin(caller)
        name = name_of(body.get("name"), "user attribute")
        description = body.get("description")
        if description is not None:
            description = bounded(description, "A description", 2048)
        default = body.get("defaultValue")
        default_text = None if default is None else value_of(default)
        with self.db.tx() as conn:
            there = conn.execute(
                "SELECT user_attribute_id FROM user_attributes WHERE name_lower = ?",
                (name.lower(),),
            ).fetchone()
            if there is not None:
                raise Conflict.duplicate("user-attribute-id", there["user_attribute_id"])
            attribute_id = self.insert(
                conn, name=name, description=description, default=default_text, by=caller
            )
        return self.get(attribute_id)

    def delete(self, attribute_id: str, caller: str) -> None:
        """The attribute and every value assigned with it."""
        self.admin(caller)
        self.row(attribute_id)
        with self.db.tx() as conn:
            for table, _, _ in _TARGETS.values():
                conn.execute(f"DELETE FROM {table} WHERE user_attribute_id = ?", (attribute_id,))
            conn.execute("DELETE FROM user_attributes WHERE user_attribute_id = ?", (attribute_id,))

    # -- assignments ---------------------------------------------------------------------

    def _check_target(self, conn: sqlite3.Connection, kind: str, target_id: str) -> None:
        if kind == "users":
            found = self.members.type_of(target_id) is not None or None
        elif kind == "teams":
            found = bool(self.teams.existing([target_id])) or None
        else:
            found = self.tenant_exists(target_id) or None
        if found is None:
            raise NotFound.of(_TARGETS[kind][2], target_id)

    def _forget_deleted_teams(self, conn: sqlite3.Connection) -> None:
        held = [r[0] for r in conn.execute("SELECT DISTINCT team_id FROM user_attribute_teams")]
        gone = set(held) - self.teams.existing(held)
        conn.executemany("DELETE FROM user_attribute_teams WHERE team_id = ?", [(t,) for t in gone])

    def _forget_deleted_tenants(self, conn: sqlite3.Connection) -> None:
        for row in conn.execute("SELECT DISTINCT tenant_id FROM user_attribute_tenants").fetchall():
            if not self.tenant_exists(row[0]):
                conn.execute("DELETE FROM user_attribute_tenants WHERE tenant_id = ?", (row[0],))

    def _forget_deleted(self, conn: sqlite3.Connection, kind: str) -> None:
        """A deleted team's or tenant's values go with it."""
        if kind == "teams":
            self._forget_deleted_teams(conn)
        elif kind == "tenants":
            self._forget_deleted_tenants(conn)

    @staticmethod
    def _renumber(conn: sqlite3.Connection, attribute_id: str) -> None:
        """Team priorities 1, 2, 3... in their present order."""
        rows = conn.execute(
            "SELECT seq FROM user_attribute_teams WHERE user_attribute_id = ? "
            "ORDER BY priority, seq",
            (attribute_id,),
        ).fetchall()
        for n, row in enumerate(rows, start=1):
            conn.execute("UPDATE user_attribute_teams SET priority = ? WHERE seq = ?", (n, row[0]))

    def put(
        self,
        conn: sqlite3.Connection,
        kind: str,
        attribute_id: str,
        target_id: str,
        value: str,
        by: str,
        at: str | None = None,
    ) -> None:
        """Set one value (a new one, or a change of the one there; no checks)."""
        table, column, _ = _TARGETS[kind]
        now = at or self.clock.iso()
        changed = conn.execute(
            f"UPDATE {table} SET value = ?, updated_by = ?, updated_at = ? "
            f"WHERE user_attribute_id = ? AND {column} = ?",
            (value, by, now, attribute_id, target_id),
        ).rowcount
        if changed:
            return
        if kind == "teams":
            last = conn.execute(
                "SELECT max(priority) FROM user_attribute_teams WHERE user_attribute_id = ?",
                (attribute_id,),
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO user_attribute_teams (user_attribute_id, team_id, value, priority, "
                "created_by, updated_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)",
                (attribute_id, target_id, value, (last or 0) + 1, by, by, now, now),
            )
            return
        conn.execute(
            f"INSERT INTO {table} (user_attribute_id, {column}, value, created_by, updated_by, "
            "created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
            (attribute_id, target_id, value, by, by, now, now),
        )

    @staticmethod
    def _count(items: Sequence[Any], what: str) -> None:
        if len(items) > MAX_ASSIGNMENTS:
            raise BadRequest(f"At most {MAX_ASSIGNMENTS} {what} per request ({len(items)} given)")

    def assign(
        self, kind: str, attribute_id: str, assignments: Sequence[dict[str, Any]], caller: str
    ) -> None:
        """``POST .../{users|teams|tenants}``: set each one's value; all or nothing (an
        unknown member, team or tenant, or a bad value, changes nothing)."""
        self.admin(caller)
        self.row(attribute_id)
        self._count(assignments, "assignments")
        wire = WIRE_ID[kind]
        pairs = [(str(a[wire]), value_of(a.get("value"))) for a in assignments]
        with self.db.tx() as conn:
            for target_id, _ in pairs:
                self._check_target(conn, kind, target_id)
            self._forget_deleted(conn, kind)
            for target_id, value in pairs:
                self.put(conn, kind, attribute_id, target_id, value, caller)

    def unassign(
        self, kind: str, attribute_id: str, target_ids: Sequence[str], caller: str
    ) -> None:
        """``PATCH .../{users|teams|tenants}`` ``{"delete": [...]}``: clear each one's value
        (one without a value is left as it is); an unknown one changes nothing."""
        self.admin(caller)
        self.row(attribute_id)
        self._count(target_ids, "deletions")
        table, column, _ = _TARGETS[kind]
        with self.db.tx() as conn:
            for target_id in target_ids:
                self._check_target(conn, kind, target_id)
            for target_id in target_ids:
                conn.execute(
                    f"DELETE FROM {table} WHERE user_attribute_id = ? AND {column} = ?",
                    (attribute_id, target_id),
                )
            self._forget_deleted(conn, kind)
            if kind == "teams":
                self._renumber(conn, attribute_id)

    def unassign_one(self, kind: str, attribute_id: str, target_id: str, caller: str) -> None:
        """``DELETE .../{users|teams|tenants}/{id}``: a 404 if there is no such value."""
        self.admin(caller)
        self.row(attribute_id)
        table, column, what = _TARGETS[kind]
        with self.db.tx() as conn:
            self._check_target(conn, kind, target_id)
            gone = conn.execute(
                f"DELETE FROM {table} WHERE user_attribute_id = ? AND {column} = ?",
                (attribute_id, target_id),
            ).rowcount
            if not gone:
                raise NotFound(f"{what} has no value for this user attribute: {target_id}")
            self._forget_deleted(conn, kind)
            if kind == "teams":
                self._renumber(conn, attribute_id)

    def _audit(self, row: sqlite3.Row) -> dict[str, Any]:
        return {
            "createdBy": row["created_by"],
            "updatedBy": row["updated_by"],
            "createdAt": row["created_at"],
            "updatedAt": row["updated_at"],
        }

    def assignments(self, kind: str, attribute_id: str, *, offset: int, limit: int) -> Page:
        """``GET .../{users|teams|tenants}``: who has a value, in the order they got it
        (teams: by priority)."""
        self.row(attribute_id)
        table, column, _ = _TARGETS[kind]
        if kind in ("tenants", "teams"):
            with self.db.tx() as conn:
                self._forget_deleted(conn, kind)
        order = "priority, seq" if kind == "teams" else "seq"
        sql = f"SELECT * FROM {table} WHERE user_attribute_id = ? ORDER BY {order}"
        got = offset_page(self.db, sql, (attribute_id,), offset=offset, limit=limit)
        wire = WIRE_ID[kind]

        def render(row: sqlite3.Row) -> dict[str, Any]:
            entry: dict[str, Any] = {wire: row[column], "value": wire_value(row["value"])}
            if kind == "teams":
                entry["priority"] = row["priority"]
            return {**entry, **self._audit(row)}

        return got.render(render)

    # -- a team's side -------------------------------------------------------------------

    def assign_to_team(
        self, team_id: str, assignments: Sequence[dict[str, Any]], caller: str
    ) -> None:
        """``POST /v2/teams/{teamId}/assignedUserAttributes``: several attributes' values
        for one team, all or nothing."""
        self.admin(caller)
        self._count(assignments, "assignments")
        pairs = [(str(a["userAttributeId"]), value_of(a.get("value"))) for a in assignments]
        with self.db.tx() as conn:
            self._check_target(conn, "teams", team_id)
            for attribute_id, _ in pairs:
                if (
                    conn.execute(
                        "SELECT 1 FROM user_attributes WHERE user_attribute_id = ?", (attribute_id,)
                    ).fetchone()
                    is None
                ):
                    raise NotFound.of("User attribute", attribute_id)
            self._forget_deleted_teams(conn)
            for attribute_id, value in pairs:
                self.put(conn, "teams", attribute_id, team_id, value, caller)

    def of_team(self, team_id: str, *, offset: int, limit: int) -> Page:
        """``GET /v2/teams/{teamId}/user-attributes``: the team's values, by attribute."""
        self.teams.row(team_id)
        got = offset_page(
            self.db,
            "SELECT a.user_attribute_id, u.name, a.value FROM user_attribute_teams a "
            "JOIN user_attributes u ON u.user_attribute_id = a.user_attribute_id "
            "WHERE a.team_id = ? ORDER BY u.seq",
            (team_id,),
            offset=offset,
            limit=limit,
        )
        return got.render(
            lambda r: {
                "userAttributeId": r["user_attribute_id"],
                "userAttributeName": r["name"],
                "value": wire_value(r["value"]),
            }
        )
